package batch

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// obj is an API object: Version says which state of the API it comes from.
type obj struct {
	ID      string
	Value   string
	Version int
}

func key(o obj) string { return o.ID }

// errNotFound is the fake API's 404.
var errNotFound = errors.New("404 not found")

// statusError stands in for the client's API error after its retries.
type statusError struct{ status int }

func (e statusError) Error() string { return fmt.Sprintf("GET: %d", e.status) }

// fakeAPI is a vendor with scopes of objects, a GET and a paged list that
// stops at the total (as Auth0's include_totals, TileDB's total_pages or
// Versori's missing next do). It counts every request it answers.
type fakeAPI struct {
	perPage int

	mu      sync.Mutex
	objects map[string]map[string]obj // scope -> id -> object
	version map[string]int            // scope -> version of its state
	gets    map[string]int            // scope -> GETs answered
	pages   map[string]int            // scope -> list pages answered
	lists   map[string]int            // scope -> lists begun
	// hidden ids exist for GET but are left out of the list (a list that
	// lags, or filters by a workspace the object is not in).
	hidden map[string]bool
	// history is the versions at which each scope/id was put.
	history map[string][]int
	// fail, when set, may fail page p (from 0) of a scope's n-th list (from 1).
	fail func(scope string, n, p int) error
	// gate, when set, holds each list after it has taken its snapshot of
	// the first page's state, until it receives.
	gate chan struct{}
}

func newFakeAPI(perPage int) *fakeAPI {
	return &fakeAPI{perPage: perPage, objects: map[string]map[string]obj{}, version: map[string]int{},
		gets: map[string]int{}, pages: map[string]int{}, lists: map[string]int{}, hidden: map[string]bool{},
		history: map[string][]int{}}
}

// put creates or replaces objects (out of band or by a mutation).
func (a *fakeAPI) put(scope string, objs ...obj) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.objects[scope] == nil {
		a.objects[scope] = map[string]obj{}
	}
	a.version[scope]++
	for _, o := range objs {
		o.Version = a.version[scope]
		a.objects[scope][o.ID] = o
		a.history[scope+"/"+o.ID] = append(a.history[scope+"/"+o.ID], o.Version)
	}
}

// changedSince reports whether id was put at a version in (from, to].
func (a *fakeAPI) changedSince(scope, id string, from, to int) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, v := range a.history[scope+"/"+id] {
		if v > from && v <= to {
			return true
		}
	}
	return false
}

func (a *fakeAPI) remove(scope, id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.version[scope]++
	delete(a.objects[scope], id)
}

func (a *fakeAPI) get(_ context.Context, scope, id string) (obj, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.gets[scope]++
	o, ok := a.objects[scope][id]
	if !ok {
		return obj{}, errNotFound
	}
	return o, nil
}

// list reads every page of the scope. Each page is answered from the state
// of the moment it is asked, as a real paged list is.
func (a *fakeAPI) list(ctx context.Context, scope string) ([]obj, error) {
	a.mu.Lock()
	a.lists[scope]++
	n := a.lists[scope]
	a.mu.Unlock()
	var all []obj
	for p := 0; ; p++ {
		page, total, err := a.page(scope, n, p)
		if err != nil {
			return nil, err
		}
		if p == 0 && a.gate != nil {
			select {
			case <-a.gate:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		all = append(all, page...)
		if p*a.perPage+len(page) >= total || len(page) == 0 {
			return all, nil
		}
	}
}

func (a *fakeAPI) page(scope string, n, p int) ([]obj, int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pages[scope]++
	if a.fail != nil {
		if err := a.fail(scope, n, p); err != nil {
			return nil, 0, err
		}
	}
	ids := make([]string, 0, len(a.objects[scope]))
	for id := range a.objects[scope] {
		if !a.hidden[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	from := min(p*a.perPage, len(ids))
	to := min(from+a.perPage, len(ids))
	out := make([]obj, 0, to-from)
	for _, id := range ids[from:to] {
		out = append(out, a.objects[scope][id])
	}
	return out, len(ids), nil
}

// requests is every request answered in the scope.
func (a *fakeAPI) requests(scope string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.gets[scope] + a.pages[scope]
}

func (a *fakeAPI) counts(scope string) (gets, pages, lists int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.gets[scope], a.pages[scope], a.lists[scope]
}

func (a *fakeAPI) cache(enabled bool) *Cache[obj] {
	return New(Config[obj]{Enabled: enabled, List: a.list, Key: key})
}

func objs(prefix string, n int) []obj {
	out := make([]obj, n)
	for i := range out {
		out[i] = obj{ID: fmt.Sprintf("%s-%04d", prefix, i), Value: "v"}
	}
	return out
}
