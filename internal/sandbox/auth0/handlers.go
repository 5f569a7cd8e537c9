package auth0

import (
	"net/http"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// checkOrg answers 404 and returns false when the organization is unknown.
// The recorded 404 for an unknown organization has no errorCode
// (terraform-provider-auth0 TestAccDataSourceOrganization.yaml, interaction 0).
func (e *Emulator) checkOrg(w http.ResponseWriter, org string) bool {
	if !e.orgs[org] {
		writeError(w, http.StatusNotFound, "No organization found by that id or name", "")
		return false
	}
	return true
}

// notLinked is API-NOTES' 404 for a pair never added (or a connection the
// tenant does not have).
func notLinked(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "The connection does not exist", "inexistent_connection")
}

func (e *Emulator) add(w http.ResponseWriter, r *http.Request) {
	if !checkPath(w, r, false) {
		return
	}
	body, err := emu.DecodeStrict(r)
	if err != nil {
		invalid(w, "Invalid JSON body: %v", err)
		return
	}
	connID, msg := connectionID(body)
	if msg != "" {
		invalid(w, "%s", msg)
		return
	}
	// Server defaults (API-NOTES; recorded POST answers in
	// TestAccOrganizationConnection.yaml: show_as_button true,
	// assign_membership_on_login false).
	l := &link{ConnectionID: connID, ShowAsButton: true, OrganizationAccessLevel: "none", IsEnabled: true}
	if msg := apply(l, body, true); msg != "" {
		invalid(w, "%s", msg)
		return
	}
	if msg := signupRule(l); msg != "" {
		invalid(w, "%s", msg)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	if _, ok := e.connections[connID]; !ok {
		notLinked(w)
		return
	}
	key := org + "/" + connID
	if _, ok := e.links[key]; ok {
		// API-NOTES: 409 when the pair exists; message and code assumed.
		writeError(w, http.StatusConflict, "The connection is already enabled for this organization", "organization_connection_conflict")
		return
	}
	e.links[key] = l
	emu.WriteJSON(w, http.StatusCreated, e.view(l))
}

func (e *Emulator) get(w http.ResponseWriter, r *http.Request) {
	if !checkPath(w, r, true) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	l, ok := e.links[org+"/"+r.PathValue("connection_id")]
	if !ok {
		notLinked(w)
		return
	}
	emu.WriteJSON(w, http.StatusOK, e.view(l))
}

func (e *Emulator) update(w http.ResponseWriter, r *http.Request) {
	if !checkPath(w, r, true) {
		return
	}
	body, err := emu.DecodeStrict(r)
	if err != nil {
		invalid(w, "Invalid JSON body: %v", err)
		return
	}
	if msg := apply(&link{}, body, false); msg != "" {
		invalid(w, "%s", msg)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	key := org + "/" + r.PathValue("connection_id")
	cur, ok := e.links[key]
	if !ok {
		notLinked(w)
		return
	}
	next := *cur
	_ = apply(&next, body, false)
	// The signup rule needs the pair's current settings, so it answers
	// after the lookup; the schema errors above need none.
	if msg := signupRule(&next); msg != "" {
		invalid(w, "%s", msg)
		return
	}
	e.links[key] = &next
	emu.WriteJSON(w, http.StatusOK, e.view(&next))
}

func (e *Emulator) remove(w http.ResponseWriter, r *http.Request) {
	if !checkPath(w, r, true) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	// A second delete of the same pair answers 204 again
	// (TestAccOrganizationConnection.yaml, interactions 264-266).
	delete(e.links, org+"/"+r.PathValue("connection_id"))
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	if !checkPath(w, r, false) {
		return
	}
	q, ok := parseList(w, r.URL.Query())
	if !ok {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	var items []link
	for _, k := range e.orgKeys(org) {
		l := e.links[k]
		if q.enabled != nil && l.IsEnabled != *q.enabled {
			continue
		}
		items = append(items, e.view(l))
	}
	total := len(items)
	// start is page*per_page even past the end (issue 13, point 5); the
	// page is then empty. int64 keeps a huge page from overflowing.
	start := int64(q.page) * int64(q.perPage)
	from := int(min(start, int64(total)))
	to := min(from+q.perPage, total)
	pageItems := append([]link{}, items[from:to]...)
	if !q.totals {
		// API-NOTES: without include_totals the body is a bare array.
		emu.WriteJSON(w, http.StatusOK, pageItems)
		return
	}
	// limit is the number of connections answered, not per_page: recorded
	// lists with per_page=100 answer limit 1, 2 and 0
	// (TestAccOrganizationConnection.yaml, interactions 12, 47, 71).
	emu.WriteJSON(w, http.StatusOK, map[string]any{"connections": pageItems, "start": start, "limit": len(pageItems), "total": total})
}
