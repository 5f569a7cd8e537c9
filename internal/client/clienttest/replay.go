// Package clienttest serves canned answers to a client.Client without a
// network, for the vendor packages' fuzz tests of their response decoders.
package clienttest

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Statuses are the answers a fuzz input picks from by index.
var Statuses = []int{200, 201, 204, 400, 401, 404, 409, 429, 500, 502, 503}

// Status picks a status for a fuzz input.
func Status(i uint8) int { return Statuses[int(i)%len(Statuses)] }

// replay answers every request with the same status and body, up to a
// budget; then with 500, so that paging loops over a malformed answer end.
type replay struct {
	status int
	body   []byte
	left   int
}

func (r *replay) RoundTrip(req *http.Request) (*http.Response, error) {
	status, body := r.status, r.body
	if r.left--; r.left < 0 {
		status, body = http.StatusInternalServerError, nil
	}
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode: status, Body: io.NopCloser(bytes.NewReader(body)), Request: req,
		Header: http.Header{"Content-Type": {"application/json"}},
	}, nil
}

// Base is the endpoint fuzz tests connect to; errors name it (see CheckError).
const Base = "https://fuzz.invalid/base"

// Answering is the client options under which every request gets status and
// body (the first calls of them; later ones a 500), with no retries or waits.
func Answering(status int, body []byte, calls int) client.Options {
	return noWaits(&replay{status: status, body: body, left: calls})
}

// noWaits are the options of a client on a canned transport: no retries, no waits.
func noWaits(rt http.RoundTripper) client.Options {
	return client.Options{
		UserAgent:  "replay",
		Retry:      client.RetryPolicy{MaxRetries: 0, MinBackoff: time.Nanosecond, MaxBackoff: time.Nanosecond, MaxWait: time.Nanosecond},
		HTTPClient: &http.Client{Transport: rt},
	}
}

// Connect builds a service's typed API from values by attribute, failing
// the test on an error.
func Connect[T any](t *testing.T, svc *client.Service, values map[string]string, o client.Options) T {
	t.Helper()
	api, err := svc.Connect(svc.Given(values), o)
	if err != nil {
		t.Fatal(err)
	}
	return api.(T)
}

// CheckError fails when a call's error does not say which request failed, or
// when a non-2xx answer was taken for success.
func CheckError(t *testing.T, call string, status int, err error, method string) {
	t.Helper()
	if err == nil {
		if status >= 300 {
			t.Fatalf("%s: a %d answer was taken for success", call, status)
		}
		return
	}
	if !strings.Contains(err.Error(), method+" /base/") {
		t.Fatalf("%s: the error does not name the request: %v", call, err)
	}
}

// CheckDelete is CheckError for a delete, to which a 404 is success: the
// object is gone either way.
func CheckDelete(t *testing.T, status int, err error) {
	t.Helper()
	if status == 404 {
		if err != nil {
			t.Fatalf("Delete: a 404 is success, got %v", err)
		}
		return
	}
	CheckError(t, "Delete", status, err, "DELETE")
}
