package acceptance_test

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// requestLine is a provider log line about one HTTP request, as Terraform
// writes it to TF_LOG_PATH: "… [DEBUG] provider.terraform-provider-conduit:
// sending request: @module=conduit.auth0 … tf_req_id=… tf_rpc=…".
var requestLine = regexp.MustCompile(`provider\.terraform-provider-conduit: (sending request|received response): .*@module=conduit\.(auth0|versori|vectorize|tiledb)\b`)

// logField reads key=value from a log line (values of these keys hold no space).
func logField(line, key string) string {
	m := regexp.MustCompile(`\b` + key + `=("[^"]*"|\S+)`).FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	return strings.Trim(m[1], `"`)
}

// TestAccRequestLogsNameTheirResource: under TF_LOG=DEBUG every request
// line of an apply and a refresh of resources of all four services carries
// the root fields of the RPC that sent it (tf_req_id, tf_rpc and the
// resource type), so each request can be tied to its resource; and the
// vendors see the User-Agent `Terraform/<version> terraform-provider-conduit/<version>`.
func TestAccRequestLogsNameTheirResource(t *testing.T) {
	preCheck(t)
	creds := sandbox.DefaultCredentials()
	server := sandbox.NewWithCredentials(creds)
	var mu sync.Mutex
	agents := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/_sandbox") {
			mu.Lock()
			agents[r.UserAgent()]++
			mu.Unlock()
		}
		server.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	sb := &acctest.Sandbox{Server: server, URL: srv.URL, Creds: creds}

	ws := newWorkspace(t, nil)
	logPath := filepath.Join(t.TempDir(), "debug.log")
	if err := ws.tf.SetLog("DEBUG"); err != nil {
		t.Fatal(err)
	}
	if err := ws.tf.SetLogPath(logPath); err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	types := map[string]bool{}
	for _, k := range kinds {
		types[k.typ] = true
		for i := range 2 {
			body.WriteString(k.hcl(i, 1))
		}
	}
	ws.write(providerBlock(sb, providerOpts{Timeout: "10s", ClientCredentials: true}) + body.String())
	if r := ws.apply(); r.err != nil {
		t.Fatalf("apply: %v\n%s", r.err, r.of("error"))
	}
	if r := ws.refresh(); r.err != nil {
		t.Fatalf("refresh: %v\n%s", r.err, r.of("error"))
	}

	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	sent, rpcs, vendors := 0, map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		m := requestLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if m[1] == "sending request" {
			sent++
		}
		vendors[m[2]] = true
		rpc := logField(line, "tf_rpc")
		rpcs[rpc] = true
		if logField(line, "tf_req_id") == "" || rpc == "" || !types[logField(line, "tf_resource_type")] {
			t.Errorf("a request line lacks its RPC's fields (tf_req_id, tf_rpc, tf_resource_type):\n%s", line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// Every request the sandbox saw has its line: none was logged elsewhere.
	if want := total(sb.Counts()); sent != want || want == 0 {
		t.Errorf("%d \"sending request\" lines for %d requests", sent, want)
	}
	if len(vendors) != 4 || !rpcs["ApplyResourceChange"] || !rpcs["ReadResource"] {
		t.Errorf("the log covers services %v and RPCs %v, want all four services, ApplyResourceChange and ReadResource", vendors, rpcs)
	}

	ctx, cancel := ws.ctx()
	defer cancel()
	v, _, err := ws.tf.Version(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	want := "Terraform/" + v.String() + " terraform-provider-conduit/acceptance"
	mu.Lock()
	defer mu.Unlock()
	if len(agents) != 1 || agents[want] == 0 {
		t.Errorf("User-Agents seen by the sandbox: %v, want only %q", agents, want)
	}
}
