package batch

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"
)

// ref is an object in Terraform state.
type ref struct{ scope, id string }

// readObject is the Read every resource gets (issue 17 notes, "Resource
// reads"): the cache's answer when it has one, else one GET; a 404 removes
// the object from state.
func readObject(ctx context.Context, c *Cache[obj], api *fakeAPI, r ref) (obj, bool, error) {
	got, out := c.Read(ctx, r.scope, r.id)
	if out == Found {
		return got, true, nil
	}
	// Fetch, or Missing: the GET decides, so a list that lags or filters
	// never removes an object that still exists.
	o, err := api.get(ctx, r.scope, r.id)
	if errors.Is(err, errNotFound) {
		return obj{}, false, nil
	}
	return o, err == nil, err
}

// refresh reads every object of the state with parallelism workers taking
// them in order, as Terraform's refresh walk does, and returns the state
// after it.
func refresh(t *testing.T, c *Cache[obj], api *fakeAPI, refs []ref, parallelism int) map[ref]obj {
	t.Helper()
	ctx := context.Background()
	next := make(chan ref)
	var mu sync.Mutex
	out := map[ref]obj{}
	var wg sync.WaitGroup
	for range parallelism {
		wg.Go(func() {
			for r := range next {
				o, ok, err := readObject(ctx, c, api, r)
				if err != nil {
					t.Errorf("read %v: %v", r, err)
					continue
				}
				if ok {
					mu.Lock()
					out[r] = o
					mu.Unlock()
				}
			}
		})
	}
	for _, r := range refs {
		next <- r
	}
	close(next)
	wg.Wait()
	return out
}

// world is S scopes holding sizes[s] objects each, all in state.
func world(perPage int, sizes ...int) (*fakeAPI, []ref) {
	api := newFakeAPI(perPage)
	var refs []ref
	for s, n := range sizes {
		scope := fmt.Sprintf("scope-%d", s)
		api.put(scope, objs("o", n)...)
		for _, o := range objs("o", n) {
			refs = append(refs, ref{scope, o.ID})
		}
	}
	return api, refs
}

func pages(n, perPage int) int { return max(1, (n+perPage-1)/perPage) }

// TestRefreshRequestCounts: PRODUCT.md's budget, S × (pages + 1), for
// refreshes of 1, 2, 50 and 300 objects per scope over four scopes, at
// Auth0's and TileDB's largest page (100); a lone object costs its GET
// alone. With the switch off, one GET per object.
func TestRefreshRequestCounts(t *testing.T) {
	const perPage, scopes = 100, 4
	for _, n := range []int{1, 2, 50, 300} {
		for _, par := range []int{1, 10} {
			t.Run(fmt.Sprintf("%d per scope, parallelism %d", n, par), func(t *testing.T) {
				sizes := []int{n, n, n, n}
				want := scopes * (pages(n, perPage) + 1)
				if n == 1 {
					want = scopes
				}
				for _, on := range []bool{true, false} {
					api, refs := world(perPage, sizes...)
					got := refresh(t, api.cache(on), api, refs, par)
					if len(got) != scopes*n {
						t.Fatalf("batch %v: %d objects kept, want %d", on, len(got), scopes*n)
					}
					total, gets, lists := 0, 0, 0
					for s := range scopes {
						g, _, l := api.counts(fmt.Sprintf("scope-%d", s))
						total += api.requests(fmt.Sprintf("scope-%d", s))
						gets, lists = gets+g, lists+l
					}
					if !on {
						if total != scopes*n || lists != 0 {
							t.Errorf("batch off: %d requests (%d lists), want %d GETs", total, lists, scopes*n)
						}
						continue
					}
					if total != want {
						t.Errorf("batch on: %d requests, want %d", total, want)
					}
					if total > scopes*(pages(n, perPage)+1) {
						t.Errorf("batch on: %d requests, over the budget %d", total, scopes*(pages(n, perPage)+1))
					}
					if wantLists := scopes; n > 1 && lists != wantLists || n == 1 && lists != 0 {
						t.Errorf("batch on: %d lists", lists)
					}
					if gets != scopes {
						t.Errorf("batch on: %d GETs, want one per scope", gets)
					}
				}
			})
		}
	}
}

// TestRefreshMixedScopes: scopes of 1, 2, 50 and 300 objects in one
// refresh, and a scope where the state holds 50 of its 300 objects (the
// list reads the whole scope: 3 pages).
func TestRefreshMixedScopes(t *testing.T) {
	api, refs := world(100, 1, 2, 50, 300, 300)
	var kept []ref
	for _, r := range refs {
		if r.scope != "scope-4" || r.id < "o-0050" {
			kept = append(kept, r)
		}
	}
	got := refresh(t, api.cache(true), api, kept, 10)
	if len(got) != len(kept) {
		t.Fatalf("%d objects kept, want %d", len(got), len(kept))
	}
	for s, want := range []int{1, 2, 2, 4, 4} {
		if n := api.requests(fmt.Sprintf("scope-%d", s)); n != want {
			t.Errorf("scope-%d: %d requests, want %d", s, n, want)
		}
	}
}

// TestRefreshSeesDriftAsPerObjectReads: objects edited and deleted out of
// band, and objects a list leaves out though they exist (a lagging list, or
// one filtered to a workspace), end up in state exactly as with per-object
// reads; each object the list lacks costs one GET.
func TestRefreshSeesDriftAsPerObjectReads(t *testing.T) {
	const perPage, n, par = 10, 50, 10
	results := map[bool]map[ref]obj{}
	for _, on := range []bool{false, true} {
		api, refs := world(perPage, n, n, n)
		// The first par objects of each scope are left alone: one of them
		// is the scope's first read, which is a GET whatever it finds.
		for s := range 3 {
			scope := fmt.Sprintf("scope-%d", s)
			api.put(scope, obj{ID: "o-0020", Value: "edited"}, obj{ID: "o-0049", Value: "edited"})
			api.remove(scope, "o-0030")
			api.remove(scope, "o-0031")
			api.mu.Lock()
			api.hidden["o-0040"] = true
			api.mu.Unlock()
		}
		results[on] = refresh(t, api.cache(on), api, refs, par)
		for s := range 3 {
			scope := fmt.Sprintf("scope-%d", s)
			want := n // batch off: one GET per object
			if on {
				want = 1 + pages(n-3, perPage) + 3 // first GET, the list (47 listed), 3 missing confirmed
			}
			if got := api.requests(scope); got != want {
				t.Errorf("batch %v, %s: %d requests, want %d", on, scope, got, want)
			}
		}
	}
	if !maps.Equal(results[true], results[false]) {
		t.Fatalf("batch on and off disagree:\non  %v\noff %v", results[true], results[false])
	}
	off := results[false]
	for s := range 3 {
		scope := fmt.Sprintf("scope-%d", s)
		if o := off[ref{scope, "o-0020"}]; o.Value != "edited" {
			t.Errorf("%s: edit not seen: %+v", scope, o)
		}
		if _, ok := off[ref{scope, "o-0030"}]; ok {
			t.Errorf("%s: deleted object kept", scope)
		}
		if _, ok := off[ref{scope, "o-0040"}]; !ok {
			t.Errorf("%s: an object the list left out was removed", scope)
		}
	}
	if len(off) != 3*(n-2) {
		t.Errorf("%d objects kept, want %d", len(off), 3*(n-2))
	}
}

// TestRefreshWithListsFailingMidway: when each scope's list fails on its
// second page (429 after the client's retries, a 5xx, a dropped answer),
// every other read sends its own GET and the state is exactly that of
// per-object reads: per scope 1 GET, 2 pages, then a GET for each of the
// 299 others.
func TestRefreshWithListsFailingMidway(t *testing.T) {
	const perPage, n = 100, 300
	errs := []error{statusError{429}, statusError{503}, errors.New("GET: unexpected EOF")}
	results := map[bool]map[ref]obj{}
	for _, on := range []bool{false, true} {
		api, refs := world(perPage, n, n, n)
		api.put("scope-1", obj{ID: "o-0150", Value: "edited"})
		api.remove("scope-2", "o-0250")
		api.fail = func(scope string, _, p int) error {
			if p == 1 {
				return errs[scope[len(scope)-1]-'0']
			}
			return nil
		}
		results[on] = refresh(t, api.cache(on), api, refs, 10)
		for s := range 3 {
			scope := fmt.Sprintf("scope-%d", s)
			want := n
			if on {
				want = 1 + 2 + (n - 1)
			}
			if got := api.requests(scope); got != want {
				t.Errorf("batch %v, %s: %d requests, want %d", on, scope, got, want)
			}
		}
	}
	if !maps.Equal(results[true], results[false]) {
		t.Fatal("batch on and off disagree after failed lists")
	}
	if results[true][ref{"scope-1", "o-0150"}].Value != "edited" || len(results[true]) != 3*n-1 {
		t.Errorf("drift lost: %d objects, o-0150 %+v", len(results[true]), results[true][ref{"scope-1", "o-0150"}])
	}
}
