package sandbox_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// The 429s the rate limit answers are counted per vendor, shown by the
// control API and zeroed with the other counters.
func TestThrottledCountsThe429s(t *testing.T) {
	sb, srv, creds := start(t)
	sb.Configure(sandbox.Settings{RateLimit: 1})
	url := srv.URL + "/api/v2/organizations/" + sbauth0.OrgAcme + "/connections"
	limited := 0
	for range 5 {
		resp, _ := call(t, "GET", url, creds.Auth0Token, "")
		if resp.StatusCode == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 || sb.Throttled()["auth0"] != limited {
		t.Fatalf("%d 429s answered, Throttled says %v", limited, sb.Throttled())
	}
	resp, err := http.Get(srv.URL + "/_sandbox/counts")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var counts struct {
		Throttled map[string]int `json:"throttled"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&counts); err != nil || counts.Throttled["auth0"] != limited {
		t.Fatalf("GET /_sandbox/counts: %v %v", counts, err)
	}
	sb.ResetCounts()
	if len(sb.Throttled()) != 0 {
		t.Fatalf("ResetCounts left %v", sb.Throttled())
	}
}
