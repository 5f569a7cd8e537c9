package base

import "github.com/conduit-tf/terraform-provider-conduit/internal/client"

// Clients is what the provider's Configure hands every resource and data
// source: the typed API of each configured service and its default scope,
// by service block. The APIs cannot be typed fields of a struct in package
// client, since each vendor package imports the core (a cycle); held by
// block and read through API, one type assertion in one place, they need no
// field per vendor.
type Clients struct {
	apis   map[string]any
	scopes map[string]string
}

// NewClients is an empty set: no service configured.
func NewClients() *Clients {
	return &Clients{apis: map[string]any{}, scopes: map[string]string{}}
}

// Add records a configured service: its typed API and its default scope.
func (c *Clients) Add(svc *client.Service, api any, scope string) {
	c.apis[svc.Block], c.scopes[svc.Block] = api, scope
}

// API returns the typed API of a service, false when it is not configured.
func API[T any](c *Clients, svc *client.Service) (T, bool) {
	if c == nil {
		var none T
		return none, false
	}
	api, ok := c.apis[svc.Block].(T)
	return api, ok
}
