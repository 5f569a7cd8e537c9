package vectorize

import "github.com/conduit-tf/terraform-provider-conduit/internal/client"

const defaultEndpoint = "https://api.vectorize.io/v1"

// Service is the Vectorize API as users configure it: the provider's
// vectorize block and its environment variables.
var Service = client.Service{
	Block:       "vectorize",
	Name:        "Vectorize",
	Description: "Vectorize API, for the resources `conduit_vectorize_source_connector` and `conduit_vectorize_source_connector_user`, the list resource `conduit_vectorize_source_connector` and the data source `conduit_vectorize_source_connectors`.",
	Settings: []client.Setting{
		{Attr: "endpoint", Env: []string{"VECTORIZE_ENDPOINT"}, Kind: client.Endpoint,
			Description: "API root.", Default: defaultEndpoint},
		{Attr: "api_key", Env: []string{"VECTORIZE_API_KEY", "VECTORIZE_TOKEN"}, Sensitive: true,
			Description: "API key sent as a bearer token."},
		{Attr: "organization_id", Env: []string{"VECTORIZE_ORGANIZATION_ID", "VECTORIZE_ORG"}, Scope: true,
			Description: "Default organization for resources."},
	},
	Credentials: [][]string{{"api_key"}},
	Connect:     client.Connector(Connect),
}

// Connect builds the API from the vectorize settings.
func Connect(s *client.Resolved, o client.Options) (*API, error) {
	c, err := s.BearerKey(o, "api_key", defaultEndpoint, DecodeError)
	return &API{c: c}, err
}
