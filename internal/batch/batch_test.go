package batch

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// TestOffReadsFetchAndNeverList: the switch off (and a cache that cannot
// list) answers every read Fetch and sends no list.
func TestOffReadsFetchAndNeverList(t *testing.T) {
	api := newFakeAPI(100)
	api.put("org", objs("a", 5)...)
	var nilCache *Cache[obj]
	for name, c := range map[string]*Cache[obj]{
		"off":     api.cache(false),
		"no list": New(Config[obj]{Enabled: true, Key: key}),
		"no key":  New(Config[obj]{Enabled: true, List: api.list}),
		"nil":     nilCache,
		"zero":    {},
	} {
		for i := range 5 {
			if _, out := c.Read(context.Background(), "org", objs("a", 5)[i].ID); out != Fetch {
				t.Errorf("%s: read %d: %s, want fetch", name, i, out)
			}
		}
		if items, ok := c.Fresh("org"); ok || items != nil {
			t.Errorf("%s: Fresh answered %v", name, items)
		}
		c.Invalidate("org")
		if c.Enabled() {
			t.Errorf("%s: enabled", name)
		}
	}
	if _, _, lists := api.counts("org"); lists != 0 {
		t.Errorf("%d lists sent with the cache off", lists)
	}
	off := api.cache(false)
	for range 3 {
		off.Read(context.Background(), "org", "a-0000")
	}
	if got := off.Stats(); got != (Stats{Fetch: 3}) {
		t.Errorf("stats %+v, want 3 fetches", got)
	}
}

// TestFirstReadFetchesTheRestShareOneList: the first read of a scope sends
// its own GET; the next one lists the scope, every page; later ones are
// answered from that list, and an absent object is Missing.
func TestFirstReadFetchesTheRestShareOneList(t *testing.T) {
	api := newFakeAPI(2)
	api.put("org", objs("a", 5)...)
	c := api.cache(true)
	ctx := context.Background()
	if _, out := c.Read(ctx, "org", "a-0000"); out != Fetch {
		t.Fatalf("first read: %s, want fetch", out)
	}
	for i, id := range []string{"a-0001", "a-0004", "a-0000", "a-0003"} {
		got, out := c.Read(ctx, "org", id)
		if out != Found || got.ID != id || got.Version != 1 {
			t.Fatalf("read %d of %s: %s %+v", i, id, out, got)
		}
	}
	if _, out := c.Read(ctx, "org", "gone"); out != Missing {
		t.Fatalf("absent object: %s, want missing", out)
	}
	gets, pages, lists := api.counts("org")
	if gets != 0 || pages != 3 || lists != 1 {
		t.Errorf("gets %d, pages %d, lists %d; want 0, 3 (5 objects by 2), 1", gets, pages, lists)
	}
	if got, want := c.Stats(), (Stats{Fetch: 1, Found: 4, Missing: 1, Lists: 1}); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
}

// TestScopesAreIndependent: each scope has its own first read and its own
// list; an Invalidate of one leaves the others' lists alone.
func TestScopesAreIndependent(t *testing.T) {
	api := newFakeAPI(100)
	api.put("s1", objs("a", 3)...)
	api.put("s2", objs("b", 3)...)
	c := api.cache(true)
	ctx := context.Background()
	for _, s := range []struct{ scope, id string }{{"s1", "a-0000"}, {"s2", "b-0000"}} {
		if _, out := c.Read(ctx, s.scope, s.id); out != Fetch {
			t.Fatalf("first read of %s: %s", s.scope, out)
		}
	}
	c.Read(ctx, "s1", "a-0001")
	c.Read(ctx, "s2", "b-0001")
	c.Invalidate("s1")
	if _, out := c.Read(ctx, "s2", "b-0002"); out != Found {
		t.Errorf("s2 after s1's invalidation: %s, want found", out)
	}
	if _, out := c.Read(ctx, "s1", "a-0002"); out != Fetch {
		t.Errorf("s1 after its invalidation: %s, want fetch (cold again)", out)
	}
	if _, out := c.Read(ctx, "s1", "a-0002"); out != Found {
		t.Errorf("s1, second read after invalidation: %s, want found", out)
	}
	for scope, want := range map[string]int{"s1": 2, "s2": 1} {
		if _, _, lists := api.counts(scope); lists != want {
			t.Errorf("%s: %d lists, want %d", scope, lists, want)
		}
	}
	c.Invalidate("never read")
	if _, out := c.Read(ctx, "never read", "x"); out != Fetch {
		t.Errorf("invalidated before any read: %s, want fetch", out)
	}
}

// TestHundredsOfConcurrentReadsShareOneList: 300 reads arriving while the
// list is in flight all wait for it; exactly one list is sent.
func TestHundredsOfConcurrentReadsShareOneList(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := newFakeAPI(100)
		api.put("org", objs("a", 300)...)
		api.gate = make(chan struct{})
		c := api.cache(true)
		ctx := context.Background()
		c.Read(ctx, "org", "a-0000")
		results := make([]Outcome, 300)
		var wg sync.WaitGroup
		for i := range 300 {
			wg.Go(func() {
				got, out := c.Read(ctx, "org", objs("a", 300)[i].ID)
				if out == Found && got.ID != objs("a", 300)[i].ID {
					out = Outcome(-1)
				}
				results[i] = out
			})
		}
		synctest.Wait()
		if _, _, lists := api.counts("org"); lists != 1 {
			t.Fatalf("%d lists in flight, want 1", lists)
		}
		close(api.gate)
		wg.Wait()
		for i, out := range results {
			if out != Found {
				t.Fatalf("read %d: %s", i, out)
			}
		}
		if gets, pages, lists := api.counts("org"); gets != 0 || pages != 3 || lists != 1 {
			t.Errorf("gets %d, pages %d, lists %d; want 0, 3, 1", gets, pages, lists)
		}
	})
}

// TestDuplicateAndEmptyKeys: an object listed twice is answered as first
// listed; an item without a key answers nothing.
func TestDuplicateAndEmptyKeys(t *testing.T) {
	c := New(Config[obj]{Enabled: true, Key: key, List: func(context.Context, string) ([]obj, error) {
		return []obj{{ID: "x", Value: "first"}, {ID: ""}, {ID: "x", Value: "second"}}, nil
	}})
	ctx := context.Background()
	c.Read(ctx, "s", "x")
	if got, out := c.Read(ctx, "s", "x"); out != Found || got.Value != "first" {
		t.Errorf("%s %+v, want the first listing", out, got)
	}
	if _, out := c.Read(ctx, "s", ""); out != Missing {
		t.Errorf("empty key: %s, want missing", out)
	}
}

// TestFresh: data sources get a list only once it has completed, succeeded
// and not been invalidated; Fresh never lists.
func TestFresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := newFakeAPI(100)
		api.put("org", objs("a", 3)...)
		api.gate = make(chan struct{})
		c := api.cache(true)
		ctx := context.Background()
		if _, ok := c.Fresh("org"); ok {
			t.Fatal("fresh before any read")
		}
		c.Read(ctx, "org", "a-0000")
		if _, ok := c.Fresh("org"); ok {
			t.Fatal("fresh after the first read alone")
		}
		go c.Read(ctx, "org", "a-0001")
		synctest.Wait()
		if _, ok := c.Fresh("org"); ok {
			t.Fatal("fresh while the list is in flight")
		}
		close(api.gate)
		synctest.Wait()
		items, ok := c.Fresh("org")
		if !ok || len(items) != 3 || items[0].ID != "a-0000" || items[2].ID != "a-0002" {
			t.Fatalf("fresh: %v %v", ok, items)
		}
		if cap(items) != len(items) {
			t.Errorf("Fresh's slice can be appended into the shared list (cap %d, len %d)", cap(items), len(items))
		}
		c.Invalidate("org")
		if _, ok := c.Fresh("org"); ok {
			t.Fatal("fresh after Invalidate")
		}
		if _, _, lists := api.counts("org"); lists != 1 {
			t.Errorf("%d lists, want 1: Fresh must not list", lists)
		}
	})
}

// TestMaxAge: a list answers reads for MaxAge after it completed; then the
// next read lists again, and Fresh stops answering.
func TestMaxAge(t *testing.T) {
	api := newFakeAPI(100)
	api.put("org", objs("a", 3)...)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(Config[obj]{Enabled: true, List: api.list, Key: key, MaxAge: time.Minute, Now: func() time.Time { return now }})
	ctx := context.Background()
	c.Read(ctx, "org", "a-0000")
	c.Read(ctx, "org", "a-0001")
	now = now.Add(time.Minute)
	if _, out := c.Read(ctx, "org", "a-0002"); out != Found {
		t.Fatalf("at MaxAge: %s", out)
	}
	if _, ok := c.Fresh("org"); !ok {
		t.Fatal("not fresh at MaxAge")
	}
	now = now.Add(time.Second)
	if _, ok := c.Fresh("org"); ok {
		t.Fatal("fresh past MaxAge")
	}
	api.put("org", obj{ID: "a-0002", Value: "edited"})
	if got, out := c.Read(ctx, "org", "a-0002"); out != Found || got.Value != "edited" {
		t.Fatalf("past MaxAge: %s %+v, want the edit from a new list", out, got)
	}
	if _, _, lists := api.counts("org"); lists != 2 {
		t.Errorf("%d lists, want 2", lists)
	}
}

func TestOutcomeString(t *testing.T) {
	for o, want := range map[Outcome]string{Fetch: "fetch", Found: "found", Missing: "missing", Outcome(7): "Outcome(7)"} {
		if o.String() != want {
			t.Errorf("%d: %q, want %q", int(o), o.String(), want)
		}
	}
}
