package twinprovider

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/go-cleanhttp"
)

// WaitURLEnv and WaitsEnv make twin wait as conduit does: with both set,
// each create, read, update and delete sends as many GETs to the URL as
// conduit sends requests for that operation on the type, one after the
// other. The benchmark's latency scenario points the URL at an endpoint
// that answers after the sandbox's latency, so that twin's request window
// is what Terraform, the framework and conduit's schemas leave of a window
// when the provider itself does nothing but wait.
const (
	WaitURLEnv = "CONDUIT_TWIN_WAIT_URL"
	// WaitsEnv lists, per type, the requests of create, read, update and
	// delete: "_org_connection=1/1/1/1,_tiledb_credential=2/1/2/1".
	WaitsEnv = "CONDUIT_TWIN_WAITS"
)

type operation int

const (
	opCreate operation = iota
	opRead
	opUpdate
	opDelete
)

// waiter sends a type's waits; the zero waiter sends nothing.
type waiter struct {
	url    string
	counts [4]int
	client *http.Client
}

// waitersFromEnv reads WaitURLEnv and WaitsEnv; nil without them.
func waitersFromEnv() (map[string]waiter, error) {
	url, spec := os.Getenv(WaitURLEnv), os.Getenv(WaitsEnv)
	if url == "" || spec == "" {
		return nil, nil
	}
	client := cleanhttp.DefaultPooledClient()
	// As conduit's client (internal/client): an idle connection per
	// Terraform worker, so that waits reuse connections as requests do.
	if t, ok := client.Transport.(*http.Transport); ok {
		t.MaxIdleConnsPerHost = 16
	}
	out := map[string]waiter{}
	for _, item := range strings.Split(spec, ",") {
		name, list, ok := strings.Cut(item, "=")
		parts := strings.Split(list, "/")
		if !ok || len(parts) != 4 {
			return nil, fmt.Errorf("%s: %q is not <type>=<create>/<read>/<update>/<delete>", WaitsEnv, item)
		}
		w := waiter{url: url, client: client}
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%s: %q: %q is not a count", WaitsEnv, item, p)
			}
			w.counts[i] = n
		}
		out[name] = w
	}
	return out, nil
}

// wait sends the operation's GETs; an error is the twin's diagnostic.
func (w waiter) wait(ctx context.Context, op operation) error {
	for range w.counts[op] {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.url, nil)
		if err != nil {
			return err
		}
		resp, err := w.client.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("GET %s: %s", w.url, resp.Status)
		}
	}
	return nil
}
