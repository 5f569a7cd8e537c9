// Package batch coalesces the reads of one provider process: when a Terraform
// command refreshes many objects of one scope (an Auth0 organization, a
// Versori organisation, a Vectorize organization, a TileDB namespace), one
// list of the scope answers them instead of one GET each (PRODUCT.md,
// "Refresh at scale").
//
// It knows no vendor and no Terraform type. A Cache serves one service (one
// resource type); its List function reads a whole scope, every page, and its
// Key function names an object within the scope. A resource's Read asks
// Cache.Read and acts on the Outcome:
//
//   - Fetch: send your own GET, as without a cache. The first read of a scope
//     gets this (a lone object is cheaper to GET than to list its scope), and
//     so does every read when the cache is off, when the scope's list failed,
//     or when the read's context ended while it waited.
//   - Found: the object as the scope's list answered it; use it as the GET's
//     answer (read-only: other reads share it).
//   - Missing: the list does not have the object. Confirm with one GET before
//     removing it from state: a list may lag, filter or page differently from
//     what a GET sees, and a wrong removal would plan a create.
//
// Reads after the first of a scope wait for one list of that scope: the first
// of them starts it and the others, concurrent or later, share it (single
// flight). Every create, update or delete in a scope must call Invalidate for
// that scope once the mutation has returned (or failed: it may have been
// applied). Invalidate drops the scope's list and makes the scope cold again,
// so a read that starts after it never uses a list that was started before it,
// even one still in flight. A read that started earlier may still use that
// list: it overlaps the mutation, and either the state before or after it is
// a true answer for it.
//
// Freshness: a list lives in the memory of the provider process that made it
// and nowhere else. Terraform starts the provider afresh for each command's
// graph walk, so nothing is shared between commands. Within a process a list
// answers reads until the next Invalidate of its scope and, when MaxAge is
// set, for at most MaxAge after it completed. A list is a snapshot taken
// during the refresh, as each GET is; an out-of-band change made after the
// list was taken is seen by the next command.
//
// A failed list (an error after the client's retries, a dropped answer, an
// undecodable page, a panic in List) is never partly used: the reads waiting
// for it, and later reads of the scope until its next Invalidate or MaxAge,
// get Fetch. So a scope costs at most one failed list per generation.
package batch

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// Outcome tells a read what to do.
type Outcome int

// The outcomes of Read.
const (
	// Fetch: not answered from a list; send your own GET.
	Fetch Outcome = iota
	// Found: the item is the object as the scope's list answered it.
	Found
	// Missing: the scope's list does not have the object; confirm with a GET.
	Missing
)

func (o Outcome) String() string {
	switch o {
	case Fetch:
		return "fetch"
	case Found:
		return "found"
	case Missing:
		return "missing"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Config builds a Cache.
type Config[T any] struct {
	// Enabled is the switch (provider attribute batch_reads). Off, every
	// read gets Fetch and nothing is listed.
	Enabled bool
	// List reads every item of a scope, following every page at the largest
	// page size the vendor allows. An error discards whatever it read.
	List func(ctx context.Context, scope string) ([]T, error)
	// Key names an item within its scope (the id a read asks for).
	Key func(T) string
	// MaxAge bounds how long after it completed a list answers reads; zero
	// means for the rest of the process (until Invalidate).
	MaxAge time.Duration
	// OnListError, when set, is told of each failed list, after the reads
	// waiting for it are released (for logging: ctx is the list's, which
	// carries the values of the read that started it, such as its logger).
	// Those reads fall back to their own GETs whatever it does.
	OnListError func(ctx context.Context, scope string, err error)
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Stats counts what a Cache did.
type Stats struct {
	Fetch    int // reads told to send their own GET as the first of a scope, or with the cache off
	Fallback int // reads told to send their own GET because their list failed or their context ended while waiting
	Found    int // reads answered from a list
	Missing  int // reads whose object the list did not have
	Lists    int // lists started
	Failed   int // lists that failed
}

// Cache coalesces the reads of one service. The zero value and a nil *Cache
// are off; build one with New. It is safe for concurrent use.
type Cache[T any] struct {
	cfg    Config[T]
	mu     sync.Mutex
	scopes map[string]*scope[T]
	stats  Stats
}

// scope is one scope's state. A list pointer is replaced, never reused:
// reads hold the listing they joined, so Invalidate only has to drop it.
type scope[T any] struct {
	hot  bool
	list *listing[T]
}

// listing is one list of a scope. Its fields are written once by the
// goroutine that runs List, before done is closed, and only read after.
type listing[T any] struct {
	done      chan struct{}
	items     []T
	index     map[string]int
	err       error
	completed time.Time
}

// New builds a Cache. Without List or Key it is off.
func New[T any](cfg Config[T]) *Cache[T] {
	if cfg.List == nil || cfg.Key == nil {
		cfg.Enabled = false
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Cache[T]{cfg: cfg, scopes: map[string]*scope[T]{}}
}

// Enabled reports whether reads may be answered from lists.
func (c *Cache[T]) Enabled() bool { return c != nil && c.cfg.Enabled }

// Read answers a read of the object key in scope; see the package
// documentation for what each Outcome asks of the caller. The item is
// meaningful with Found only.
func (c *Cache[T]) Read(ctx context.Context, scopeName, key string) (T, Outcome) {
	var zero T
	if !c.Enabled() {
		if c != nil {
			c.count(func(s *Stats) { s.Fetch++ })
		}
		return zero, Fetch
	}
	c.mu.Lock()
	s := c.scopes[scopeName]
	if s == nil {
		s = &scope[T]{}
		c.scopes[scopeName] = s
	}
	if !s.hot {
		s.hot = true
		c.stats.Fetch++
		c.mu.Unlock()
		return zero, Fetch
	}
	l := s.list
	if l == nil || c.expired(l) {
		l = &listing[T]{done: make(chan struct{})}
		s.list = l
		c.stats.Lists++
		// The list serves every read that joins it, so no one reader's
		// cancellation may end it; the client's request timeout and retry
		// policy bound it.
		go c.run(context.WithoutCancel(ctx), scopeName, l)
	}
	c.mu.Unlock()

	select {
	case <-l.done:
	case <-ctx.Done():
		c.count(func(s *Stats) { s.Fallback++ })
		return zero, Fetch
	}
	if l.err != nil {
		c.count(func(s *Stats) { s.Fallback++ })
		return zero, Fetch
	}
	if i, ok := l.index[key]; ok {
		c.count(func(s *Stats) { s.Found++ })
		return l.items[i], Found
	}
	c.count(func(s *Stats) { s.Missing++ })
	return zero, Missing
}

// Invalidate drops the scope's list and makes the scope cold: call it after
// every create, update or delete in the scope, whatever its outcome. Reads
// that start afterwards never use a list started before.
func (c *Cache[T]) Invalidate(scopeName string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.scopes[scopeName]; s != nil {
		s.hot, s.list = false, nil
	}
}

// Fresh returns the scope's items in the API's order when a list of it has
// completed, succeeded and is still fresh, for data sources and list
// resources to use instead of listing again. It never starts a list. The
// slice is shared: do not modify it or its items.
func (c *Cache[T]) Fresh(scopeName string) ([]T, bool) {
	if !c.Enabled() {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.scopes[scopeName]
	if s == nil || s.list == nil {
		return nil, false
	}
	l := s.list
	select {
	case <-l.done:
	default:
		return nil, false
	}
	if l.err != nil || c.expired(l) {
		return nil, false
	}
	return l.items[:len(l.items):len(l.items)], true
}

// Stats returns the counts so far.
func (c *Cache[T]) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

func (c *Cache[T]) count(f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

// expired reports whether a completed list is past MaxAge; one in flight
// never is. The caller holds c.mu.
func (c *Cache[T]) expired(l *listing[T]) bool {
	select {
	case <-l.done:
	default:
		return false
	}
	return c.cfg.MaxAge > 0 && c.cfg.Now().Sub(l.completed) > c.cfg.MaxAge
}

// run lists the scope into l and closes l.done. A panic in List or Key is
// turned into the list's error, so the reads waiting for it fall back to
// their own GETs instead of waiting forever.
func (c *Cache[T]) run(ctx context.Context, scopeName string, l *listing[T]) {
	defer func() {
		if r := recover(); r != nil {
			l.items, l.index = nil, nil
			l.err = fmt.Errorf("listing scope %q panicked: %v\n%s", scopeName, r, debug.Stack())
		}
		l.completed = c.cfg.Now()
		err := l.err
		if err != nil {
			c.count(func(s *Stats) { s.Failed++ })
		}
		close(l.done)
		if err != nil && c.cfg.OnListError != nil {
			c.cfg.OnListError(ctx, scopeName, err)
		}
	}()
	items, err := c.cfg.List(ctx, scopeName)
	if err != nil {
		l.err = err
		return
	}
	// An item listed twice (shifted across pages by a concurrent change) is
	// answered as first listed; the clients already drop such repeats.
	index := make(map[string]int, len(items))
	for i, it := range items {
		if k := c.cfg.Key(it); k != "" {
			if _, dup := index[k]; !dup {
				index[k] = i
			}
		}
	}
	l.items, l.index = items, index
}
