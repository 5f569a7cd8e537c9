package base

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/conduit-tf/terraform-provider-conduit/internal/batch"
)

// readsMaxAge bounds how long a scope's list answers reads. A refresh uses
// a list within seconds, even under a tight rate limit; the bound keeps a
// long-lived provider process (one kept across `terraform test` run blocks)
// from answering from an old snapshot.
const readsMaxAge = time.Minute

// Reads is how a resource's Read coalesces by scope (PRODUCT.md, "Refresh
// at scale"): when one provider process reads two or more objects of a
// scope, the first sends its own GET and the others are answered from one
// list of the whole scope (package batch). A is the service's typed API, T
// its object as both the GET and the list answer it. A vendor may use it
// only where its list items carry every field its GET does (FIDELITY.md
// records the decision per vendor), since Read maps either with the same
// function.
type Reads[A, T any] struct {
	// Get is the single GET, the typed API's method: (*vendor.API).Get.
	Get func(api A, ctx context.Context, scope, key string) (*T, error)
	// List reads a whole scope, every page at the largest page size the
	// vendor allows and with no filter, so that every object a Read may
	// ask for is in it.
	List func(api A, ctx context.Context, scope string) ([]T, error)
	// Key names an item within its scope, as Read asks for it.
	Key func(T) string
}

// Read reads the object key of scope for a resource's Read, as Get would:
// from the scope's list when the provider's cache has it there, otherwise
// with its own GET. An object the list lacks is read with its GET too, so it
// leaves state only on that GET's 404 (ReadOrRemove), never because a list
// lagged or paged differently; a list that failed, or batch_reads = false,
// leaves every read to its GET. The answer is shared with other reads: the
// caller only reads it (as every resource's fromAPI does).
func (r Reads[A, T]) Read(ctx context.Context, b *Base[A], api A, scope, key string) (*T, error) {
	if item, out := r.cache(b, api).Read(ctx, scope, key); out == batch.Found {
		return &item, nil
	}
	return r.Get(api, ctx, scope, key)
}

// cache is the service's cache in the provider's Clients, made on first use:
// its list calls the API the provider configured. Mutations reach it through
// Clients.Changed. Without configured Clients it is nil, which is off.
func (r Reads[A, T]) cache(b *Base[A], api A) *batch.Cache[T] {
	c := b.clients
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if got, ok := c.caches[b.svc.Block].(*batch.Cache[T]); ok {
		return got
	}
	cache := batch.New(batch.Config[T]{
		Enabled: c.batchReads,
		List:    func(ctx context.Context, scope string) ([]T, error) { return r.List(api, ctx, scope) },
		Key:     r.Key,
		MaxAge:  readsMaxAge,
		// The reads still succeed with their own GETs, so this is a log
		// line, not a diagnostic. The error text carries the method, path,
		// status and the vendor's message.
		OnListError: func(ctx context.Context, scope string, err error) {
			tflog.Warn(ctx, "listing a scope to answer reads failed; its objects are read one by one",
				map[string]any{"service": b.svc.Block, "scope": scope, "error": err.Error()})
		},
	})
	c.caches[b.svc.Block] = cache
	return cache
}
