package versori

import "github.com/conduit-tf/terraform-provider-conduit/internal/client"

const defaultEndpoint = "https://platform.versori.com/api/connect/v1alpha1"

// Service is the Versori Connect API as users configure it: the provider's
// versori block and its environment variables.
var Service = client.Service{
	Block:       "versori",
	Name:        "Versori",
	Description: "Versori Connect API, for the resource `conduit_versori_connection`, the list resource `conduit_versori_connection` and the data sources `conduit_versori_connection` and `conduit_versori_connections`.",
	Settings: []client.Setting{
		{Attr: "endpoint", Env: []string{"VERSORI_ENDPOINT"}, Kind: client.Endpoint,
			Description: "API root.", Default: defaultEndpoint},
		{Attr: "api_key", Env: []string{"VERSORI_API_KEY"}, Sensitive: true,
			Description: "API key sent as a bearer token."},
		{Attr: "organisation_id", Env: []string{"VERSORI_ORGANISATION_ID"}, Scope: true,
			Description: "Default organisation for resources."},
	},
	Credentials: [][]string{{"api_key"}},
	Connect:     client.Connector(Connect),
}

// Connect builds the API from the versori settings.
func Connect(s *client.Resolved, o client.Options) (*API, error) {
	c, err := s.BearerKey(o, "api_key", defaultEndpoint, DecodeError)
	return &API{c: c}, err
}
