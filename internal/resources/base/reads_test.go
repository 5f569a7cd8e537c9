package base

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// fakeAPI is a vendor API whose objects are values by scope and key; it
// counts the GETs and lists it answers.
type fakeAPI struct {
	mu          sync.Mutex
	objs        map[string]map[string]string
	gets, lists int
	failList    bool
}

type fakeItem struct{ Key, Value string }

var errNotFound = errors.New("404")

func (f *fakeAPI) Get(_ context.Context, scope, key string) (*fakeItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gets++
	v, ok := f.objs[scope][key]
	if !ok {
		return nil, errNotFound
	}
	return &fakeItem{key, v}, nil
}

func (f *fakeAPI) List(_ context.Context, scope string) ([]fakeItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists++
	if f.failList {
		return nil, errors.New("GET /list: 503")
	}
	var out []fakeItem
	for k, v := range f.objs[scope] {
		out = append(out, fakeItem{k, v})
	}
	return out, nil
}

func (f *fakeAPI) set(scope, key, value string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if value == "" {
		delete(f.objs[scope], key)
		return
	}
	f.objs[scope][key] = value
}

var fakeReads = Reads[*fakeAPI, fakeItem]{
	Get:  (*fakeAPI).Get,
	List: (*fakeAPI).List,
	Key:  func(i fakeItem) string { return i.Key },
}

var fakeService = client.Service{Block: "fake"}

// configured is a resource base as the provider configures it, with the
// clients that hold its cache.
func configured(api *fakeAPI, batch bool) (*Base[*fakeAPI], *Clients) {
	b := newBase[*fakeAPI](&fakeService)
	c := NewClients().BatchReads(batch)
	c.Add(&fakeService, api, "")
	b.clients = c
	return &b, c
}

func newFake() *fakeAPI {
	return &fakeAPI{objs: map[string]map[string]string{
		"a": {"1": "one", "2": "two", "3": "three"},
		"b": {"9": "nine"},
	}}
}

func read(t *testing.T, b *Base[*fakeAPI], api *fakeAPI, scope, key string) string {
	t.Helper()
	got, err := fakeReads.Read(context.Background(), b, api, scope, key)
	if errors.Is(err, errNotFound) {
		return "404"
	}
	if err != nil {
		t.Fatal(err)
	}
	return got.Value
}

func expectCalls(t *testing.T, api *fakeAPI, gets, lists int) {
	t.Helper()
	api.mu.Lock()
	defer api.mu.Unlock()
	if api.gets != gets || api.lists != lists {
		t.Fatalf("want %d GETs and %d lists, got %d and %d", gets, lists, api.gets, api.lists)
	}
}

// The first read of a scope is its own GET; the others share one list; an
// object the list lacks gets its GET (whose 404 the resource acts on); a
// mutation in the scope drops the list, so the next reads see the change.
func TestReadsOneGetThenOneListPerScope(t *testing.T) {
	api := newFake()
	b, clients := configured(api, true)
	for _, c := range []struct{ scope, key, want string }{
		{"a", "1", "one"}, {"a", "2", "two"}, {"a", "3", "three"}, {"b", "9", "nine"},
	} {
		if got := read(t, b, api, c.scope, c.key); got != c.want {
			t.Fatalf("%s/%s = %q, want %q", c.scope, c.key, got, c.want)
		}
	}
	expectCalls(t, api, 2, 1)

	// Deleted and edited out of band after the list: the list still
	// answers within the process (as a GET would have earlier); the
	// missing key is confirmed by its GET.
	api.set("a", "2", "")
	if got := read(t, b, api, "a", "4"); got != "404" {
		t.Fatalf("an object neither listed nor there: %q", got)
	}
	expectCalls(t, api, 3, 1)

	// A mutation in the scope (through the API's client: Clients.Changed).
	api.set("a", "1", "uno")
	clients.Changed("fake", "a")
	if got := read(t, b, api, "a", "1"); got != "uno" {
		t.Fatalf("after a change: %q", got)
	}
	expectCalls(t, api, 4, 1)
	if got := read(t, b, api, "a", "2"); got != "404" {
		t.Fatalf("deleted, after a change: %q", got)
	}
	if got := read(t, b, api, "a", "3"); got != "three" {
		t.Fatalf("after a change: %q", got)
	}
	expectCalls(t, api, 5, 2)
	// Another service's or scope's change leaves the list alone.
	clients.Changed("other", "a")
	clients.Changed("fake", "b")
	read(t, b, api, "a", "3")
	expectCalls(t, api, 5, 2)
}

// batch_reads = false, no configured clients, or a failed list: every read
// is its own GET, with the same answers.
func TestReadsFallBackToGets(t *testing.T) {
	for _, c := range []struct {
		name               string
		batch, noClients   bool
		failList           bool
		wantGets, wantList int
	}{
		{name: "off", wantGets: 4},
		{name: "not configured", batch: true, noClients: true, wantGets: 4},
		{name: "list fails", batch: true, failList: true, wantGets: 4, wantList: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			api := newFake()
			api.failList = c.failList
			b, _ := configured(api, c.batch)
			if c.noClients {
				b.clients = nil
			}
			for key, want := range map[string]string{"1": "one", "2": "two", "3": "three", "7": "404"} {
				if got := read(t, b, api, "a", key); got != want {
					t.Fatalf("a/%s = %q, want %q", key, got, want)
				}
			}
			expectCalls(t, api, c.wantGets, c.wantList)
		})
	}
}
