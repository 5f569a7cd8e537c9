package auth0

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

var accessLevels = map[string]bool{"none": true, "readonly": true, "limited": true, "full": true}

var writable = map[string]bool{
	"organization_connection_name": true, "assign_membership_on_login": true, "show_as_button": true,
	"is_signup_enabled": true, "organization_access_level": true, "is_enabled": true,
}

func invalid(w http.ResponseWriter, format string, args ...any) {
	writeError(w, http.StatusBadRequest, "Payload validation error: "+fmt.Sprintf(format, args...), "invalid_body")
}

// checkOrg answers 404 and returns false when the organization is unknown.
func (e *Emulator) checkOrg(w http.ResponseWriter, org string) bool {
	if len(org) > 50 {
		writeError(w, http.StatusBadRequest, "Path validation error: 'String is too long (51 chars), maximum 50' on property id (Organization identifier).", "invalid_uri")
		return false
	}
	if !e.orgs[org] {
		writeError(w, http.StatusNotFound, "No organization found by that id or name", "inexistent_organization")
		return false
	}
	return true
}

// apply validates a create or update body onto l. It returns a message on failure.
func apply(l *link, body map[string]json.RawMessage, creating bool) string {
	for k := range body {
		if k == "connection_id" && creating {
			continue
		}
		if !writable[k] {
			return fmt.Sprintf("Additional properties not allowed: %s", k)
		}
	}
	isNull := func(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }
	if raw, ok := body["organization_connection_name"]; ok {
		if isNull(raw) {
			l.OrganizationConnectionName = nil
		} else {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return "Expected type string but found type " + jsonType(raw) + " on property organization_connection_name"
			}
			if n := utf8.RuneCountInString(s); n < 1 || n > 50 {
				return fmt.Sprintf("String length (%d) not within 1-50 on property organization_connection_name", n)
			}
			if bytes.ContainsRune([]byte(s), 0) {
				return "String does not match pattern ^[^\\x00]*$ on property organization_connection_name"
			}
			l.OrganizationConnectionName = &s
		}
	}
	for _, f := range []struct {
		name     string
		dst      *bool
		nullable bool
		def      bool
	}{
		{"assign_membership_on_login", &l.AssignMembershipOnLogin, false, false},
		{"show_as_button", &l.ShowAsButton, false, true},
		{"is_enabled", &l.IsEnabled, !creating, true},
	} {
		raw, ok := body[f.name]
		if !ok {
			continue
		}
		if isNull(raw) && f.nullable {
			*f.dst = f.def
			continue
		}
		if json.Unmarshal(raw, f.dst) != nil || isNull(raw) {
			return "Expected type boolean but found type " + jsonType(raw) + " on property " + f.name
		}
	}
	if raw, ok := body["is_signup_enabled"]; ok {
		var b bool
		if json.Unmarshal(raw, &b) != nil || isNull(raw) {
			return "Expected type boolean but found type " + jsonType(raw) + " on property is_signup_enabled"
		}
		l.IsSignupEnabled = &b
	}
	if raw, ok := body["organization_access_level"]; ok {
		var s string
		switch {
		case isNull(raw) && !creating:
			l.OrganizationAccessLevel = "none"
		case json.Unmarshal(raw, &s) != nil || !accessLevels[s]:
			return "No enum match for: " + string(raw) + " on property organization_access_level"
		default:
			l.OrganizationAccessLevel = s
		}
	}
	if l.IsSignupEnabled != nil && *l.IsSignupEnabled && !l.AssignMembershipOnLogin {
		return "is_signup_enabled can only be true when assign_membership_on_login is true"
	}
	return ""
}

func jsonType(raw json.RawMessage) string {
	var v any
	_ = json.Unmarshal(raw, &v)
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	return "object"
}

func (e *Emulator) add(w http.ResponseWriter, r *http.Request) {
	body, err := emu.DecodeStrict(r)
	if err != nil {
		invalid(w, "Invalid JSON body: %v", err)
		return
	}
	org := r.PathValue("id")
	var connID string
	if raw, ok := body["connection_id"]; !ok || json.Unmarshal(raw, &connID) != nil {
		invalid(w, "Missing required property: connection_id")
		return
	}
	if n := len(connID); n < 1 || n > 50 {
		invalid(w, "String length (%d) not within 1-50 on property connection_id", n)
		return
	}
	l := &link{ConnectionID: connID, ShowAsButton: true, OrganizationAccessLevel: "none", IsEnabled: true}
	if msg := apply(l, body, true); msg != "" {
		invalid(w, "%s", msg)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.checkOrg(w, org) {
		return
	}
	if _, ok := e.connections[connID]; !ok {
		writeError(w, http.StatusNotFound, "The connection does not exist", "inexistent_connection")
		return
	}
	key := org + "/" + connID
	if _, ok := e.links[key]; ok {
		writeError(w, http.StatusConflict, "The connection is already enabled for this organization", "organization_connection_conflict")
		return
	}
	e.links[key] = l
	emu.WriteJSON(w, http.StatusCreated, e.view(l))
}

func (e *Emulator) get(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	l, ok := e.links[org+"/"+r.PathValue("connection_id")]
	if !ok {
		writeError(w, http.StatusNotFound, "The connection does not exist", "inexistent_connection")
		return
	}
	emu.WriteJSON(w, http.StatusOK, e.view(l))
}

func (e *Emulator) update(w http.ResponseWriter, r *http.Request) {
	body, err := emu.DecodeStrict(r)
	if err != nil {
		invalid(w, "Invalid JSON body: %v", err)
		return
	}
	if _, ok := body["connection_id"]; ok {
		invalid(w, "Additional properties not allowed: connection_id")
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
		writeError(w, http.StatusNotFound, "The connection does not exist", "inexistent_connection")
		return
	}
	next := *cur
	if msg := apply(&next, body, false); msg != "" {
		invalid(w, "%s", msg)
		return
	}
	e.links[key] = &next
	emu.WriteJSON(w, http.StatusOK, e.view(&next))
}

func (e *Emulator) remove(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	// A second delete of the same pair was observed to answer 204 again.
	delete(e.links, org+"/"+r.PathValue("connection_id"))
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, perPage := 0, 50
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, "Query validation error: 'Expected type integer' on property page", "invalid_query_string")
			return
		}
		page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			writeError(w, http.StatusBadRequest, "Query validation error: 'per_page' must be between 1 and 100", "invalid_query_string")
			return
		}
		perPage = n
	}
	var enabledFilter *bool
	if v := q.Get("is_enabled"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, "Query validation error: 'Expected type boolean' on property is_enabled", "invalid_query_string")
			return
		}
		enabledFilter = &b
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("id")
	if !e.checkOrg(w, org) {
		return
	}
	var items []link
	for _, k := range sortedKeys(e.links, org) {
		l := e.links[k]
		if enabledFilter != nil && l.IsEnabled != *enabledFilter {
			continue
		}
		items = append(items, e.view(l))
	}
	total := len(items)
	start := min(page*perPage, total)
	end := min(start+perPage, total)
	pageItems := append([]link{}, items[start:end]...)
	if q.Get("include_totals") == "true" {
		emu.WriteJSON(w, http.StatusOK, map[string]any{"connections": pageItems, "start": page * perPage, "limit": perPage, "total": total})
		return
	}
	emu.WriteJSON(w, http.StatusOK, pageItems)
}
