package twinprovider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestWaitersSendTheOperationsRequests(t *testing.T) {
	var got atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		got.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	t.Setenv(WaitURLEnv, srv.URL)
	t.Setenv(WaitsEnv, "_org_connection=1/1/1/1,_tiledb_credential=2/1/3/0")
	waiters, err := waitersFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	for op, want := range map[operation]int64{opCreate: 2, opRead: 1, opUpdate: 3, opDelete: 0} {
		got.Store(0)
		if err := waiters["_tiledb_credential"].wait(context.Background(), op); err != nil {
			t.Fatal(err)
		}
		if got.Load() != want {
			t.Errorf("operation %d sent %d requests, want %d", op, got.Load(), want)
		}
	}
	got.Store(0)
	if err := waiters["_versori_connection"].wait(context.Background(), opCreate); err != nil || got.Load() != 0 {
		t.Errorf("a type without waits sent %d requests (%v)", got.Load(), err)
	}
}

func TestWaitersRefuseAMalformedList(t *testing.T) {
	t.Setenv(WaitURLEnv, "http://127.0.0.1:1")
	for _, spec := range []string{"_org_connection=1/1/1", "_org_connection", "_org_connection=1/x/1/1", "_org_connection=1/-1/1/1"} {
		t.Setenv(WaitsEnv, spec)
		if _, err := waitersFromEnv(); err == nil {
			t.Errorf("%q: no error", spec)
		}
	}
}

func TestWaitersOffWithoutTheirSettings(t *testing.T) {
	t.Setenv(WaitURLEnv, "")
	t.Setenv(WaitsEnv, "_org_connection=1/1/1/1")
	if w, err := waitersFromEnv(); w != nil || err != nil {
		t.Errorf("without a URL: %v, %v", w, err)
	}
}
