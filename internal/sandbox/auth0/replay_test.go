package auth0_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// setup is what the tenant held before a recording's first interaction.
type setup struct {
	Organizations []string `json:"organizations"`
	Connections   []struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		Strategy string `json:"strategy"`
	} `json:"connections"`
}

// recordings are the real Auth0 interactions, re-expressed as our fixtures;
// the client's replay test reads the same files.
const recordings = "testdata/recorded/*.json"

// The sandbox, sent each recorded request in order after the same fixtures
// were arranged, answers with the recorded status and the recorded fields.
func TestSandboxReplaysRecordedTraffic(t *testing.T) {
	for _, rec := range clienttest.LoadRecordings(t, recordings) {
		t.Run(rec.File, func(t *testing.T) {
			creds := sandbox.DefaultCredentials()
			sb := sandbox.NewWithCredentials(creds)
			srv := httptest.NewServer(sb)
			defer srv.Close()
			var s setup
			if err := json.Unmarshal(rec.Setup, &s); err != nil {
				t.Fatal(err)
			}
			for _, o := range s.Organizations {
				sb.Auth0().AddOrganization(o)
			}
			for _, c := range s.Connections {
				sb.Auth0().AddConnection(c.ID, c.Name, c.Strategy)
			}
			for _, in := range rec.Interactions {
				status, body := send(t, srv.URL, creds.Auth0Token, in)
				if status != in.Status {
					t.Errorf("%s: want %d, got %d %s", in.Name(), in.Status, status, body)
					continue
				}
				for _, d := range clienttest.SameFields(in.Response, body, rec.Added, rec.Generated) {
					t.Errorf("%s: %s", in.Name(), d)
				}
			}
		})
	}
}

func send(t *testing.T, base, token string, in clienttest.Interaction) (int, json.RawMessage) {
	t.Helper()
	var body io.Reader
	if len(in.Body) > 0 {
		body = strings.NewReader(string(in.Body))
	}
	req, err := http.NewRequest(in.Method, base+in.Path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, raw
}
