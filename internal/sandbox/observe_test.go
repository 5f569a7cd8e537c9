package sandbox_test

import (
	"testing"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// Injected counts the requests a fault answered (not a delay, which the
// emulator still answers), and WaitIdle waits for a slow handler to finish.
func TestInjectedAndWaitIdle(t *testing.T) {
	sb, srv, creds := start(t)
	path := srv.URL + "/api/v2/organizations/" + sbauth0.OrgAcme + "/connections/" + sbauth0.ConDatabase
	sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Method: "GET", Status: 503, Count: 1})
	sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDelay, Method: "GET", Delay: 300 * time.Millisecond, Count: 1})
	for i := 0; i < 3; i++ {
		call(t, "GET", path, creds.Auth0Token, "")
	}
	route := "GET /api/v2/organizations/{id}/connections/{connection_id}"
	if got, inj := sb.Counts()[route], sb.Injected()[route]; got != 3 || inj != 1 {
		t.Fatalf("counts %d, injected %d; want 3 and 1", got, inj)
	}
	sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDelay, Method: "GET", Delay: 300 * time.Millisecond, Count: 1})
	done := make(chan struct{})
	go func() { call(t, "GET", path, creds.Auth0Token, ""); close(done) }()
	time.Sleep(50 * time.Millisecond)
	if sb.WaitIdle(10 * time.Millisecond) {
		t.Fatal("idle while a delayed request is being served")
	}
	if !sb.WaitIdle(2 * time.Second) {
		t.Fatal("never went idle")
	}
	<-done
	sb.ResetCounts()
	if len(sb.Injected()) != 0 {
		t.Fatal("ResetCounts kept the injected counts")
	}
}
