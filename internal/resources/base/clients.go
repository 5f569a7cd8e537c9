package base

import (
	"sync"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Clients is what the provider's Configure hands every resource and data
// source: the typed API of each configured service and its default scope,
// by service block. The APIs cannot be typed fields of a struct in package
// client, since each vendor package imports the core (a cycle); held by
// block and read through API, one type assertion in one place, they need no
// field per vendor.
//
// It also holds each service's read cache (reads.go): one per provider
// process, since Terraform configures the provider once per command.
type Clients struct {
	apis   map[string]any
	scopes map[string]string

	batchReads bool
	mu         sync.Mutex
	caches     map[string]scopeCache
}

// scopeCache is a service's read cache, whatever its item type.
type scopeCache interface{ Invalidate(scope string) }

// NewClients is an empty set: no service configured, refresh batching off.
func NewClients() *Clients {
	return &Clients{apis: map[string]any{}, scopes: map[string]string{}, caches: map[string]scopeCache{}}
}

// BatchReads switches refresh batching (the provider's batch_reads) for the
// caches made from now on.
func (c *Clients) BatchReads(on bool) *Clients {
	c.batchReads = on
	return c
}

// Add records a configured service: its typed API and its default scope.
func (c *Clients) Add(svc *client.Service, api any, scope string) {
	c.apis[svc.Block], c.scopes[svc.Block] = api, scope
}

// Changed drops the service's cached list of scope; the provider makes it
// every client's Options.OnChange, so each mutation a typed API sends
// reaches it (client.Client.Changed).
func (c *Clients) Changed(service, scope string) {
	c.mu.Lock()
	cache := c.caches[service]
	c.mu.Unlock()
	if cache != nil {
		cache.Invalidate(scope)
	}
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
