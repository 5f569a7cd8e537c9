package acceptance_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// control drives a sandbox through its HTTP control API (/_sandbox/...), as
// the demo, the CLI and tests against an out-of-process sandbox do.
type control struct {
	t   *testing.T
	url string
}

func controlOf(t *testing.T, sb *acctest.Sandbox) control {
	return control{t: t, url: sb.URL + "/_sandbox"}
}

func (c control) send(method, path string, body any, want int) {
	c.t.Helper()
	var buf bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&buf).Encode(body); err != nil {
			c.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, c.url+path, &buf)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != want {
		c.t.Fatalf("%s /_sandbox%s: %d, want %d", method, path, resp.StatusCode, want)
	}
}

// fault queues a fault rule (POST /_sandbox/faults).
func (c control) fault(f sandbox.Fault) {
	c.t.Helper()
	c.send("POST", "/faults", f, http.StatusNoContent)
}

// settings replaces the standing settings (PUT /_sandbox/settings).
func (c control) settings(s sandbox.Settings) {
	c.t.Helper()
	c.send("PUT", "/settings", s, http.StatusOK)
}

// clear drops the queued faults and the standing settings.
func (c control) clear() {
	c.t.Helper()
	c.send("DELETE", "/faults", nil, http.StatusNoContent)
	c.settings(sandbox.Settings{})
}
