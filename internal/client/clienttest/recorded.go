package clienttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Recording is a vendor's recorded real traffic, re-expressed as our own
// fixture: the interactions in the order they happened, and what the server
// held before the first one (Setup, in a vendor-specific form).
type Recording struct {
	// Source names the public recording (repository, path, commit).
	Source string `json:"source"`
	// Note says how the fixture differs from the recording, if at all.
	Note string `json:"note,omitempty"`
	// Added are keys our endpoint answers with that the recorded one did not
	// (each with its own source in the note); Generated are keys whose
	// values the server makes up (ids, timestamps): compared by type only.
	Added     []string        `json:"added,omitempty"`
	Generated []string        `json:"generated,omitempty"`
	Setup     json.RawMessage `json:"setup,omitempty"`
	// Interactions are in recorded order, so a stateful server can replay them.
	Interactions []Interaction `json:"interactions"`
	// File is where the recording was loaded from.
	File string `json:"-"`
}

// Interaction is one recorded request and its answer.
type Interaction struct {
	// ID is the interaction's number in the source recording.
	ID       int             `json:"id"`
	Note     string          `json:"note,omitempty"`
	Method   string          `json:"method"`
	Path     string          `json:"path"` // with the query, as sent
	Body     json.RawMessage `json:"body,omitempty"`
	Status   int             `json:"status"`
	Response json.RawMessage `json:"response,omitempty"`
}

// Name labels an interaction in test output.
func (in Interaction) Name() string {
	return fmt.Sprintf("%d %s %s", in.ID, in.Method, in.Path)
}

// LoadRecordings reads every recording matching glob; a glob matching
// nothing fails the test, so a moved fixture cannot pass silently.
func LoadRecordings(t *testing.T, glob string) []Recording {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no recordings match %s (%v)", glob, err)
	}
	var out []Recording
	for _, f := range files {
		raw, err := os.ReadFile(f) //nolint:gosec // a fixture the test names by glob
		if err != nil {
			t.Fatal(err)
		}
		var r Recording
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(r.Interactions) == 0 {
			t.Fatalf("%s: no interactions", f)
		}
		r.File = filepath.Base(f)
		out = append(out, r)
	}
	return out
}

// Sent is a request a Replayer received.
type Sent struct {
	Method string
	Path   string // URL path
	Query  string // raw query
	Body   []byte
}

// Replayer is a transport that answers every request with one recorded
// interaction (status and body, JSON content type) and keeps what was sent.
type Replayer struct {
	in   Interaction
	mu   sync.Mutex
	sent []Sent
}

// RoundTrip implements http.RoundTripper.
func (r *Replayer) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	r.mu.Lock()
	r.sent = append(r.sent, Sent{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Body: body})
	r.mu.Unlock()
	return &http.Response{
		StatusCode: r.in.Status, Body: io.NopCloser(bytes.NewReader(r.in.Response)), Request: req,
		Header: http.Header{"Content-Type": {"application/json; charset=utf-8"}},
	}, nil
}

// Sent returns the requests received so far.
func (r *Replayer) Sent() []Sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Sent(nil), r.sent...)
}

// Replaying is the client options under which every request gets the
// interaction's recorded answer, with no retries or waits.
func Replaying(in Interaction) (client.Options, *Replayer) {
	rp := &Replayer{in: in}
	return noWaits(rp), rp
}

// SameFields compares an answer with the recorded one: every recorded key is
// there with the same value (by type only for generated keys), arrays match
// element by element, and a key the recording lacks is allowed only when
// listed in added. It returns the differences, one per line.
func SameFields(want, got json.RawMessage, added, generated []string) []string {
	var w, g any
	if len(bytes.TrimSpace(want)) == 0 && len(bytes.TrimSpace(got)) == 0 {
		return nil
	}
	if err := json.Unmarshal(want, &w); err != nil {
		return []string{"recorded answer: " + err.Error()}
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return []string{fmt.Sprintf("answer is not JSON: %v: %s", err, got)}
	}
	c := comparer{added: set(added), generated: set(generated)}
	c.compare("$", "", w, g)
	return c.diffs
}

type comparer struct {
	added, generated map[string]bool
	diffs            []string
}

func (c *comparer) compare(at, key string, want, got any) {
	if c.generated[key] {
		if reflect.TypeOf(want) != reflect.TypeOf(got) {
			c.diffs = append(c.diffs, fmt.Sprintf("%s: generated value of another type: want %T, got %T", at, want, got))
		}
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			c.diffs = append(c.diffs, fmt.Sprintf("%s: want an object, got %v", at, got))
			return
		}
		for _, k := range sortedKeys(w) {
			gv, ok := g[k]
			if !ok {
				c.diffs = append(c.diffs, fmt.Sprintf("%s.%s: missing", at, k))
				continue
			}
			c.compare(at+"."+k, k, w[k], gv)
		}
		for _, k := range sortedKeys(g) {
			if _, ok := w[k]; !ok && !c.added[k] {
				c.diffs = append(c.diffs, fmt.Sprintf("%s.%s: not in the recording (%v)", at, k, g[k]))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			c.diffs = append(c.diffs, fmt.Sprintf("%s: want %d elements, got %v", at, len(w), got))
			return
		}
		for i := range w {
			c.compare(fmt.Sprintf("%s[%d]", at, i), key, w[i], g[i])
		}
	default:
		if !reflect.DeepEqual(want, got) {
			c.diffs = append(c.diffs, fmt.Sprintf("%s: want %v, got %v", at, want, got))
		}
	}
}

func set(keys []string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// SplitPath splits an interaction's path at the query.
func SplitPath(p string) (path, query string) {
	path, query, _ = strings.Cut(p, "?")
	return path, query
}
