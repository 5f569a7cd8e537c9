package versori

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// sortPattern is the spec's `sort` parameter pattern: key:direction pairs, comma-separated.
var sortPattern = regexp.MustCompile(`^([^:,]+:[^:,]+)(,[^:,]+:[^:,]+)*$`)

// sortKeys are the keys `sort` takes (assumption: the spec's examples use id
// and name; the timestamps are the fields the default order uses).
var sortKeys = map[string]func(a, b *connection) int{
	"id":        func(a, b *connection) int { return strings.Compare(a.ID, b.ID) },
	"name":      func(a, b *connection) int { return strings.Compare(a.Name, b.Name) },
	"createdAt": func(a, b *connection) int { return strings.Compare(a.CreatedAt, b.CreatedAt) },
	"updatedAt": func(a, b *connection) int { return strings.Compare(a.UpdatedAt, b.UpdatedAt) },
}

type sortKey struct {
	cmp  func(a, b *connection) int
	desc bool
}

// pageParams reads first (an integer, spec default 20; 1–100 is an
// assumption) and checks after/before are not combined (assumption).
func pageParams(f *fieldErrors, q url.Values) int {
	first := 20
	if v := q.Get("first"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			f.add("first", "must be an integer")
		case n < 1 || n > 100:
			f.add("first", "must be between 1 and 100")
		default:
			first = n
		}
	}
	if q.Get("after") != "" && q.Get("before") != "" {
		f.add("before", "cannot be combined with after")
	}
	return first
}

// ListConnections: newest update first unless `sort` says otherwise;
// `protocol` filters "using a case-insensitive substring-match" (spec).
func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f fieldErrors
	first := pageParams(&f, q)
	keys := []sortKey{{sortKeys["updatedAt"], true}}
	if v := q.Get("sort"); v != "" {
		keys = nil
		if !sortPattern.MatchString(v) {
			f.add("sort", "must match %s, e.g. name:asc or name:asc,id:desc", sortPattern)
		}
		for _, part := range strings.Split(v, ",") {
			k, dir, _ := strings.Cut(part, ":")
			if sortKeys[k] == nil || (dir != "asc" && dir != "desc") {
				f.add("sort", "%q: keys are id, name, createdAt and updatedAt, directions asc and desc", part)
				continue
			}
			keys = append(keys, sortKey{sortKeys[k], dir == "desc"})
		}
	}
	if f.write(w) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org, ok := e.org(w, r)
	if !ok {
		return
	}
	protocol := strings.ToLower(q.Get("protocol"))
	var items []*connection
	for _, c := range e.connections {
		if c.OrganisationID == org && strings.Contains(strings.ToLower(c.Protocol), protocol) {
			items = append(items, c)
		}
	}
	sort.Slice(items, func(i, j int) bool {
		for _, k := range keys {
			if n := k.cmp(items[i], items[j]); n != 0 {
				return (n < 0) != k.desc
			}
		}
		return items[i].ID < items[j].ID
	})
	ids := make([]string, len(items))
	for i, c := range items {
		ids[i] = c.ID
	}
	start, end, page, ok := paginate(w, q, ids, first)
	if !ok {
		return
	}
	views := make([]connectionView, 0, end-start)
	for _, c := range items[start:end] {
		views = append(views, e.view(c))
	}
	page["connections"] = views
	emu.WriteJSON(w, http.StatusOK, page)
}

// paginate cuts a page out of ordered ids and starts the spec's PageInfo:
// totalCount (required), and next/prev cursors only when there is such a
// page (the cursors' form is an assumption: opaque base64 of an id).
func paginate(w http.ResponseWriter, q url.Values, ids []string, first int) (int, int, map[string]any, bool) {
	start, end := 0, min(first, len(ids))
	cursor := func(name string) (int, bool) {
		raw, err := base64.RawURLEncoding.DecodeString(q.Get(name))
		if err == nil {
			for i, id := range ids {
				if id == string(raw) {
					return i, true
				}
			}
		}
		writeError(w, http.StatusBadRequest, "invalid cursor", "", []fieldError{{name, "is not a cursor this list returned"}})
		return 0, false
	}
	if q.Get("after") != "" {
		i, ok := cursor("after")
		if !ok {
			return 0, 0, nil, false
		}
		start, end = i+1, min(i+1+first, len(ids))
	} else if q.Get("before") != "" {
		i, ok := cursor("before")
		if !ok {
			return 0, 0, nil, false
		}
		start, end = max(i-first, 0), i
	}
	page := map[string]any{"totalCount": len(ids)}
	if end < len(ids) && end > start {
		page["next"] = base64.RawURLEncoding.EncodeToString([]byte(ids[end-1]))
	}
	if start > 0 && end > start {
		page["prev"] = base64.RawURLEncoding.EncodeToString([]byte(ids[start]))
	}
	return start, end, page, true
}

// credentialSummary is the spec's CredentialSummary: no data.
type credentialSummary struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"`
	Name           string      `json:"name"`
	AuthSchemeType string      `json:"authSchemeType"`
	Usages         []usageView `json:"usages"`
}

// listCredentials is ListCredentials: CredentialsPage of summaries, most
// recently updated first, paged like connections. Each summary's
// authSchemeType is the first scheme its type serves (assumption).
func (e *Emulator) listCredentials(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f fieldErrors
	first := pageParams(&f, q)
	if f.write(w) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org, ok := e.org(w, r)
	if !ok {
		return
	}
	var list []*credential
	for _, cr := range e.credentials {
		if cr.Org == org {
			list = append(list, cr)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].UpdatedAt != list[j].UpdatedAt {
			return list[i].UpdatedAt > list[j].UpdatedAt
		}
		return list[i].ID < list[j].ID
	})
	ids := make([]string, len(list))
	for i, cr := range list {
		ids[i] = cr.ID
	}
	start, end, page, ok := paginate(w, q, ids, first)
	if !ok {
		return
	}
	out := make([]credentialSummary, 0, end-start)
	for _, cr := range list[start:end] {
		out = append(out, credentialSummary{ID: cr.ID, Type: cr.Type, Name: cr.Name, AuthSchemeType: compatible[cr.Type][0], Usages: e.usages(cr.ID)})
	}
	page["credentials"] = out
	emu.WriteJSON(w, http.StatusOK, page)
}

// getCredential is GetCredential: the Credential with its data redacted; 404 when unknown.
func (e *Emulator) getCredential(w http.ResponseWriter, r *http.Request) {
	if !pathULIDs(w, r, "credential_id") {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org, ok := e.org(w, r)
	if !ok {
		return
	}
	id := r.PathValue("credential_id")
	cr := e.credentials[id]
	if cr == nil || cr.Org != org {
		notFound(w, "credential", id)
		return
	}
	emu.WriteJSON(w, http.StatusOK, e.credentialView(cr))
}
