package client

// Clients is what the provider hands to every resource: one core client per
// configured vendor (nil when that service is not configured) and the scope
// defaults resources fall back to.
type Clients struct {
	Auth0     *Client
	Versori   *Client
	Vectorize *Client
	TileDB    *Client

	// Auth0Token is set when Auth0 uses client credentials.
	Auth0Token *OAuthTokenSource

	VersoriOrganisationID   string
	VectorizeOrganizationID string
	TileDBNamespace         string
}
