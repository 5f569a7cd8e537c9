package sandbox_test

import (
	"testing"

	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// A fault on a list's exact path, or on one page of it, must not hit the
// GETs of the objects under that path, nor the other pages: the refresh
// tests fail lists alone and count what falls back.
func TestFaultOnAListOnly(t *testing.T) {
	_, srv, creds := start(t)
	list := "/api/v2/organizations/" + sbauth0.OrgAcme + "/connections"
	one := list + "/" + sbauth0.ConDatabase
	call(t, "POST", srv.URL+"/api/v2/organizations/"+sbauth0.OrgAcme+"/connections", creds.Auth0Token, `{"connection_id":"`+sbauth0.ConDatabase+`"}`)
	status := func(path string) int {
		t.Helper()
		resp, _ := call(t, "GET", srv.URL+path, creds.Auth0Token, "")
		return resp.StatusCode
	}

	call(t, "POST", srv.URL+"/_sandbox/faults", "", `{"mode":"status","status":503,"method":"GET","path":"`+list+`","count":2}`)
	if got := status(one); got != 200 {
		t.Fatalf("a fault on the list's path hit an object under it: %d", got)
	}
	if got := status(list); got != 503 {
		t.Fatalf("list with an exact-path fault: %d, want 503", got)
	}
	if got := status(list + "?page=3"); got != 503 {
		t.Fatalf("the exact path ignores the query: %d, want 503", got)
	}
	if got := status(list); got != 200 {
		t.Fatalf("the fault fired more than its count: %d", got)
	}

	// One page by value; a parameter by presence.
	call(t, "POST", srv.URL+"/_sandbox/faults", "", `{"mode":"status","status":429,"path":"`+list+`","query":{"page":"1"}}`)
	call(t, "POST", srv.URL+"/_sandbox/faults", "", `{"mode":"status","status":502,"path_prefix":"`+list+`","query":{"after":""}}`)
	for _, c := range []struct {
		path string
		want int
	}{
		{list + "?page=0&per_page=100", 200},
		{list + "?page=10&per_page=1", 200},
		{one + "?page=1", 200}, // the exact path still decides
		{list + "?page=1&per_page=100", 429},
		{list + "?page=1&per_page=100", 200},
		{one, 200},
		{list + "?after=", 502},
		{list + "?after=x", 200},
	} {
		if got := status(c.path); got != c.want {
			t.Fatalf("GET %s: %d, want %d", c.path, got, c.want)
		}
	}
}
