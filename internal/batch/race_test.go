package batch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// TestInvalidateWhileListInFlight: a mutation that returns while a list is
// in flight drops it. A read that started before keeps the list it joined
// (it overlaps the mutation); reads that start after never use it: the
// first is cold again and sends its own GET, the next starts a new list.
func TestInvalidateWhileListInFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := newFakeAPI(100)
		api.put("org", obj{ID: "x", Value: "old"}, obj{ID: "y", Value: "old"})
		api.gate = make(chan struct{})
		c := api.cache(true)
		ctx := context.Background()
		c.Read(ctx, "org", "x")

		var before obj
		var beforeOut Outcome
		done := make(chan struct{})
		go func() {
			before, beforeOut = c.Read(ctx, "org", "y")
			close(done)
		}()
		synctest.Wait() // the first list has read "old" and waits at the gate

		api.put("org", obj{ID: "y", Value: "new"}) // the mutation is applied...
		c.Invalidate("org")                        // ...and returns

		if _, out := c.Read(ctx, "org", "y"); out != Fetch {
			t.Fatalf("first read after the mutation: %s, want fetch (cold)", out)
		}
		var after obj
		var afterOut Outcome
		afterDone := make(chan struct{})
		go func() {
			after, afterOut = c.Read(ctx, "org", "y")
			close(afterDone)
		}()
		synctest.Wait()
		if _, _, lists := api.counts("org"); lists != 2 {
			t.Fatalf("%d lists, want 2: a read after the mutation joined the list begun before it", lists)
		}
		api.gate <- struct{}{} // release one list; either may go first
		api.gate <- struct{}{}
		<-done
		<-afterDone
		if afterOut != Found || after.Value != "new" {
			t.Errorf("read after the mutation: %s %+v, want the new value", afterOut, after)
		}
		if beforeOut != Found || before.Value != "old" {
			t.Errorf("read before the mutation: %s %+v, want the list it joined (old)", beforeOut, before)
		}
		if got, out := c.Read(ctx, "org", "y"); out != Found || got.Value != "new" {
			t.Errorf("a later read: %s %+v, want the second list's new value", out, got)
		}
		if _, _, lists := api.counts("org"); lists != 2 {
			t.Errorf("%d lists, want 2", lists)
		}
	})
}

// TestReadsAfterAMutationNeverSeeAnOlderState: hundreds of readers and a
// few writers over several scopes, with real scheduling. A writer changes
// an object, then calls Invalidate, then records that its mutation
// returned. A read that starts after that record must be answered from a
// state at least that new, whatever lists were in flight.
func TestReadsAfterAMutationNeverSeeAnOlderState(t *testing.T) {
	const scopes, ids, readers, writers = 4, 20, 400, 4
	api := newFakeAPI(7)
	var returned [scopes]atomic.Int64 // the version of the last mutation that returned
	for s := range scopes {
		api.put(fmt.Sprint(s), objs("o", ids)...)
		returned[s].Store(1)
	}
	// Each list is slow after its pages were read, so mutations often
	// return while a list that predates them is still in flight.
	c := New(Config[obj]{Enabled: true, Key: key, List: func(ctx context.Context, scope string) ([]obj, error) {
		items, err := api.list(ctx, scope)
		time.Sleep(time.Duration(rand.IntN(500)) * time.Microsecond) //nolint:gosec // jitter
		return items, err
	}})
	ctx := context.Background()
	stop := make(chan struct{})
	var writersWG, readersWG sync.WaitGroup
	for w := range writers {
		writersWG.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				s := (w + i) % scopes
				scope := fmt.Sprint(s)
				id := fmt.Sprintf("o-%04d", rand.IntN(ids)) //nolint:gosec // test data
				api.put(scope, obj{ID: id, Value: fmt.Sprint(i)})
				api.mu.Lock()
				v := api.version[scope]
				api.mu.Unlock()
				c.Invalidate(scope)
				for {
					cur := returned[s].Load()
					if cur >= int64(v) || returned[s].CompareAndSwap(cur, int64(v)) {
						break
					}
				}
				time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond) //nolint:gosec // jitter
			}
		})
	}
	var found, stale atomic.Int64
	var firstStale atomic.Value
	for r := range readers {
		readersWG.Go(func() {
			for i := range 30 {
				s := (r + i) % scopes
				floor := returned[s].Load()
				id := fmt.Sprintf("o-%04d", (r*7+i)%ids)
				got, out := c.Read(ctx, fmt.Sprint(s), id)
				if out != Found {
					continue
				}
				found.Add(1)
				// Stale: id was changed by a mutation that had returned
				// before this read started, and the answer predates it.
				if got.Version < int(floor) && api.changedSince(fmt.Sprint(s), id, got.Version, int(floor)) {
					stale.Add(1)
					firstStale.CompareAndSwap(nil, fmt.Sprintf("scope %d %s: read version %d after version %d returned", s, id, got.Version, floor))
				}
			}
		})
	}
	readersWG.Wait()
	close(stop)
	writersWG.Wait()
	if n := stale.Load(); n > 0 {
		t.Fatalf("%d reads saw a state older than a mutation that returned before they started; first: %v", n, firstStale.Load())
	}
	if found.Load() == 0 {
		t.Fatal("no read was answered from a list: the test proves nothing")
	}
	t.Logf("%d reads found in lists, stats %+v", found.Load(), c.Stats())
}

type loggerKey struct{}

// TestFailedListFallsBack: a list that fails (429 after the client's
// retries, a 5xx, a dropped answer, a panic) makes every read waiting for it
// send its own GET, and later reads of the scope too, without another list,
// until the scope's next Invalidate.
func TestFailedListFallsBack(t *testing.T) {
	for name, fail := range map[string]func(string, int, int) error{
		"429 after retries": func(string, int, int) error { return statusError{429} },
		"503":               func(string, int, int) error { return statusError{503} },
		"dropped answer":    func(string, int, int) error { return errors.New("GET: EOF") },
		"panic":             func(string, int, int) error { panic("decoder bug") },
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				api := newFakeAPI(100)
				api.put("org", objs("a", 60)...)
				failing := true
				api.fail = func(scope string, n, p int) error {
					if failing {
						return fail(scope, n, p)
					}
					return nil
				}
				var reported []string
				var mu sync.Mutex
				c := New(Config[obj]{Enabled: true, List: api.list, Key: key, OnListError: func(ctx context.Context, scope string, err error) {
					mu.Lock()
					reported = append(reported, fmt.Sprint(ctx.Value(loggerKey{}), " ", scope+": "+err.Error()))
					mu.Unlock()
				}})
				// The reads' context carries the provider's logger; the
				// list's error is reported with it.
				ctx := context.WithValue(context.Background(), loggerKey{}, "logger")
				c.Read(ctx, "org", "a-0000")
				outs := make([]Outcome, 50)
				var wg sync.WaitGroup
				for i := range 50 {
					wg.Go(func() { _, outs[i] = c.Read(ctx, "org", objs("a", 60)[i+1].ID) })
				}
				wg.Wait()
				for i, out := range outs {
					if out != Fetch {
						t.Fatalf("waiting read %d: %s, want fetch", i, out)
					}
				}
				if _, out := c.Read(ctx, "org", "a-0055"); out != Fetch {
					t.Fatalf("later read: %s, want fetch", out)
				}
				synctest.Wait() // OnListError runs after the reads are released
				if _, _, lists := api.counts("org"); lists != 1 {
					t.Fatalf("%d lists, want 1: a failed list is not retried within its generation", lists)
				}
				if got, want := c.Stats(), (Stats{Fetch: 1, Fallback: 51, Lists: 1, Failed: 1}); got != want {
					t.Errorf("stats %+v, want %+v", got, want)
				}
				if len(reported) != 1 || !strings.HasPrefix(reported[0], "logger org: ") {
					t.Errorf("OnListError got %q", reported)
				}
				if name == "panic" && !strings.Contains(reported[0], "panicked: decoder bug") {
					t.Errorf("panic reported as %q", reported[0])
				}
				failing = false
				c.Invalidate("org")
				c.Read(ctx, "org", "a-0000")
				if got, out := c.Read(ctx, "org", "a-0059"); out != Found || got.ID != "a-0059" {
					t.Errorf("after Invalidate: %s, want a new list", out)
				}
			})
		})
	}
}

// TestListFailingMidwayIsNotPartlyUsed: when page 2 of 3 fails, the objects
// of page 1 are not answered from it, and those of page 3 are not reported
// missing: every waiting read sends its own GET.
func TestListFailingMidwayIsNotPartlyUsed(t *testing.T) {
	api := newFakeAPI(10)
	api.put("org", objs("a", 30)...)
	api.fail = func(_ string, _, p int) error {
		if p == 1 {
			return statusError{502}
		}
		return nil
	}
	c := api.cache(true)
	ctx := context.Background()
	c.Read(ctx, "org", "a-0000")
	for _, id := range []string{"a-0001", "a-0015", "a-0029", "absent"} {
		if _, out := c.Read(ctx, "org", id); out != Fetch {
			t.Errorf("%s: %s, want fetch", id, out)
		}
	}
	if _, pages, lists := api.counts("org"); pages != 2 || lists != 1 {
		t.Errorf("pages %d, lists %d; want 2 (the failed one included), 1", pages, lists)
	}
}

// TestWaiterGivesUp: a read whose context ends while it waits falls back to
// its own GET (which reports the cancellation); the list goes on for the
// others, even when the read that started it is the one cancelled.
func TestWaiterGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := newFakeAPI(100)
		api.put("org", objs("a", 3)...)
		api.gate = make(chan struct{})
		c := api.cache(true)
		c.Read(context.Background(), "org", "a-0000")
		starter, cancel := context.WithCancel(context.Background())
		var startOut, otherOut Outcome
		var wg sync.WaitGroup
		wg.Go(func() { _, startOut = c.Read(starter, "org", "a-0001") })
		synctest.Wait()
		wg.Go(func() { _, otherOut = c.Read(context.Background(), "org", "a-0002") })
		synctest.Wait()
		cancel()
		synctest.Wait()
		if startOut != Fetch {
			t.Errorf("cancelled read: %s, want fetch", startOut)
		}
		close(api.gate)
		wg.Wait()
		if otherOut != Found {
			t.Errorf("the other read: %s, want found from the list its starter gave up on", otherOut)
		}
		if got := c.Stats(); got.Lists != 1 || got.Failed != 0 || got.Fallback != 1 || got.Found != 1 {
			t.Errorf("stats %+v", got)
		}
	})
}
