package auth0

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"
)

// The request rules of the organization-connections operations. Sources
// (see internal/sandbox/FIDELITY.md): seed 001 for the PATCH body, path
// parameters and enums; auth0/ruby-auth0 lib/auth0/organizations/connections/
// types/{create_organization_all_connection,update_organization_connection}
// _request_parameters.rb (Fern-generated from Auth0's spec) for which fields
// each operation takes, connection_id being required on create only; the
// project's API-NOTES for unknown fields and the signup rule. Auth0 validates
// the request before it looks anything up, so these answer before a 404.

var accessLevels = map[string]bool{"none": true, "readonly": true, "limited": true, "full": true}

var writable = map[string]bool{
	"organization_connection_name": true, "assign_membership_on_login": true, "show_as_button": true,
	"is_signup_enabled": true, "organization_access_level": true, "is_enabled": true,
}

func invalid(w http.ResponseWriter, format string, args ...any) {
	writeError(w, http.StatusBadRequest, "Payload validation error: "+fmt.Sprintf(format, args...), "invalid_body")
}

func invalidQuery(w http.ResponseWriter, format string, args ...any) {
	writeError(w, http.StatusBadRequest, "Query validation error: "+fmt.Sprintf(format, args...), "invalid_query_string")
}

// checkPath answers 400 when a path parameter breaks seed 001's lengths:
// id at most 50 characters, connection_id 1–50.
func checkPath(w http.ResponseWriter, r *http.Request, withConnection bool) bool {
	if n := utf8.RuneCountInString(r.PathValue("id")); n > 50 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Path validation error: 'String is too long (%d chars), maximum 50' on property id (Organization identifier).", n), "invalid_uri")
		return false
	}
	if !withConnection {
		return true
	}
	switch n := utf8.RuneCountInString(r.PathValue("connection_id")); {
	case n > 50:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Path validation error: 'String is too long (%d chars), maximum 50' on property connection_id (Connection identifier).", n), "invalid_uri")
		return false
	case n < 1:
		writeError(w, http.StatusBadRequest, "Path validation error: 'String is too short (0 chars), minimum 1' on property connection_id (Connection identifier).", "invalid_uri")
		return false
	}
	return true
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

func typeError(raw json.RawMessage, want, field string) string {
	return "Expected type " + want + " but found type " + jsonType(raw) + " on property " + field
}

// connectionID reads the create body's required connection_id (1–50).
func connectionID(body map[string]json.RawMessage) (string, string) {
	raw, ok := body["connection_id"]
	if !ok {
		return "", "Missing required property: connection_id"
	}
	var id string
	if json.Unmarshal(raw, &id) != nil || isNull(raw) {
		return "", typeError(raw, "string", "connection_id")
	}
	if n := utf8.RuneCountInString(id); n < 1 || n > 50 {
		return "", fmt.Sprintf("String length (%d) not within 1-50 on property connection_id", n)
	}
	return id, ""
}

// apply checks a create or update body against the schema and merges it
// onto l. It returns a message on failure.
func apply(l *link, body map[string]json.RawMessage, creating bool) string {
	for k := range body {
		if k == "connection_id" && creating {
			continue
		}
		// API-NOTES: unknown fields are rejected; connection_id is not
		// writable on PATCH (ruby-auth0's update parameters lack it).
		if !writable[k] {
			return fmt.Sprintf("Additional properties not allowed: %s", k)
		}
	}
	if raw, ok := body["organization_connection_name"]; ok {
		// seed 001: string | null, 1–50, pattern ^[^]*$ (read as: no NUL).
		if isNull(raw) {
			l.OrganizationConnectionName = nil
		} else {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return typeError(raw, "string", "organization_connection_name")
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
		// seed 001: booleans; is_enabled is boolean | null on PATCH, where
		// null restores the default (true, API-NOTES).
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
			return typeError(raw, "boolean", f.name)
		}
	}
	if raw, ok := body["is_signup_enabled"]; ok {
		var b bool
		if json.Unmarshal(raw, &b) != nil || isNull(raw) {
			return typeError(raw, "boolean", "is_signup_enabled")
		}
		l.IsSignupEnabled = &b
	}
	if raw, ok := body["organization_access_level"]; ok {
		// seed 001 (PATCH) and ruby-auth0's OrganizationAccessLevelEnumWithNull:
		// null is allowed on update only; ruby-auth0's create takes the enum
		// without null. A null resets the level to its default, none.
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
	return ""
}

// signupRule is API-NOTES' rule that signup needs automatic membership,
// checked on the settings the pair holds after the change.
func signupRule(l *link) string {
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

// listQuery is the list operation's query: page from 0, per_page 1–100
// (default 50), include_totals and is_enabled booleans (go-auth0
// management/organizations/connections/client.go sends page, per_page and
// include_totals; ruby-auth0's ListOrganizationAllConnectionsRequestParameters
// adds is_enabled; the ranges are API-NOTES').
type listQuery struct {
	page, perPage int
	totals        bool
	enabled       *bool
}

func parseList(w http.ResponseWriter, q url.Values) (listQuery, bool) {
	lq := listQuery{perPage: 50}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			invalidQuery(w, "'Expected type integer, minimum 0' on property page")
			return lq, false
		}
		lq.page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			invalidQuery(w, "'per_page' must be between 1 and 100")
			return lq, false
		}
		lq.perPage = n
	}
	for _, b := range []struct {
		name string
		set  func(bool)
	}{
		{"include_totals", func(v bool) { lq.totals = v }},
		{"is_enabled", func(v bool) { lq.enabled = &v }},
	} {
		switch q.Get(b.name) {
		case "":
		case "true":
			b.set(true)
		case "false":
			b.set(false)
		default:
			invalidQuery(w, "'Expected type boolean but found type string' on property %s", b.name)
			return lq, false
		}
	}
	return lq, true
}
