package versori

import (
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

var sortKeys = map[string]func(a, b *connection) int{
	"name":      func(a, b *connection) int { return strings.Compare(a.Name, b.Name) },
	"createdAt": func(a, b *connection) int { return strings.Compare(a.CreatedAt, b.CreatedAt) },
	"updatedAt": func(a, b *connection) int { return strings.Compare(a.UpdatedAt, b.UpdatedAt) },
}

// list pages with opaque cursors: next/prev encode the id of the last/first
// item of the page. The default order is most recently updated first.
func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f fieldErrors
	first := 20
	if v := q.Get("first"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			f.add("first", "must be an integer between 1 and 100")
		}
		first = n
	}
	key, desc := "updatedAt", true
	if v := q.Get("sort"); v != "" {
		k, dir, _ := strings.Cut(v, ":")
		if sortKeys[k] == nil || (dir != "" && dir != "asc" && dir != "desc") {
			f.add("sort", "must be name, createdAt or updatedAt, optionally with :asc or :desc")
		}
		key, desc = k, dir == "desc"
	}
	protocol := q.Get("protocol")
	if protocol != "" && protocol != "http" && protocol != "bigquery" {
		f.add("protocol", "must be one of http, bigquery")
	}
	if q.Get("after") != "" && q.Get("before") != "" {
		f.add("before", "cannot be combined with after")
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
	var items []*connection
	for _, c := range e.connections {
		if c.OrganisationID == org && (protocol == "" || c.Protocol == protocol) {
			items = append(items, c)
		}
	}
	cmp := sortKeys[key]
	sort.Slice(items, func(i, j int) bool {
		n := cmp(items[i], items[j])
		if n == 0 {
			n = strings.Compare(items[i].ID, items[j].ID)
		}
		if desc {
			return n > 0
		}
		return n < 0
	})
	start, end := 0, min(first, len(items))
	cursor := func(name string) (int, bool) {
		raw, err := base64.RawURLEncoding.DecodeString(q.Get(name))
		if err == nil {
			for i, c := range items {
				if c.ID == string(raw) {
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
			return
		}
		start, end = i+1, min(i+1+first, len(items))
	} else if q.Get("before") != "" {
		i, ok := cursor("before")
		if !ok {
			return
		}
		start, end = max(i-first, 0), i
	}
	page := map[string]any{"totalCount": len(items)}
	views := make([]connectionView, 0, end-start)
	for _, c := range items[start:end] {
		views = append(views, e.view(c))
	}
	page["connections"] = views
	if end < len(items) && end > start {
		page["next"] = base64.RawURLEncoding.EncodeToString([]byte(items[end-1].ID))
	}
	if start > 0 && end > start {
		page["prev"] = base64.RawURLEncoding.EncodeToString([]byte(items[start].ID))
	}
	emu.WriteJSON(w, http.StatusOK, page)
}

func (e *Emulator) listCredentials(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	org, ok := e.org(w, r)
	if !ok {
		return
	}
	var ids []string
	for id, cr := range e.credentials {
		if cr.Org == org {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	out := make([]credentialView, 0, len(ids))
	for _, id := range ids {
		out = append(out, e.credentialView(e.credentials[id]))
	}
	emu.WriteJSON(w, http.StatusOK, map[string]any{"totalCount": len(out), "credentials": out})
}

func (e *Emulator) getCredential(w http.ResponseWriter, r *http.Request) {
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
