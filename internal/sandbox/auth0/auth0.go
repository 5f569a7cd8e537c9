// Package auth0 emulates the Auth0 Management API v2 organization-connections
// endpoints and the client-credentials token endpoint.
package auth0

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// Options are the credentials the emulator accepts.
type Options struct {
	APIToken     string
	ClientID     string
	ClientSecret string
	// TokenLifetime is the expires_in of issued tokens.
	TokenLifetime time.Duration
}

// Emulator is the in-memory Auth0 tenant.
type Emulator struct {
	opts Options

	mu          sync.Mutex
	orgs        map[string]bool
	connections map[string]connection
	links       map[string]*link // key org/con
	tokens      map[string]time.Time
	tokenCount  int
}

type connection struct {
	Name     string `json:"name"`
	Strategy string `json:"strategy"`
}

// link is an organization connection as stored; its JSON is the wire answer.
type link struct {
	ConnectionID               string      `json:"connection_id"`
	OrganizationConnectionName *string     `json:"organization_connection_name,omitempty"`
	AssignMembershipOnLogin    bool        `json:"assign_membership_on_login"`
	ShowAsButton               bool        `json:"show_as_button"`
	IsSignupEnabled            *bool       `json:"is_signup_enabled,omitempty"`
	OrganizationAccessLevel    string      `json:"organization_access_level"`
	IsEnabled                  bool        `json:"is_enabled"`
	Connection                 *connection `json:"connection,omitempty"`
}

// Fixture ids: `org_`/`con_` plus 16 alphanumerics, as in recorded traffic
// (org_KWfP8CViTqCnCLAY, con_J9VZdQRJkbgExhXl).
const (
	OrgAcme      = "org_acme000000000001"
	OrgGlobex    = "org_globex0000000002"
	OrgInitech   = "org_initech000000003"
	ConDatabase  = "con_db00000000000001"
	ConGoogle    = "con_google0000000001"
	ConOkta      = "con_okta000000000001"
	ConSAML      = "con_saml000000000001"
	ConGitHub    = "con_github0000000001"
	ConPasswordl = "con_passwordless0001"
)

// New returns an emulator with the fixture organizations and connections.
func New(opts Options) *Emulator {
	if opts.TokenLifetime == 0 {
		// expires_in 86400, as Auth0 answers (community.auth0.com t/18404).
		opts.TokenLifetime = 24 * time.Hour
	}
	e := &Emulator{opts: opts}
	e.Reset()
	return e
}

// Reset restores the fixtures and forgets all organization connections.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs = map[string]bool{OrgAcme: true, OrgGlobex: true, OrgInitech: true}
	e.connections = map[string]connection{
		ConDatabase:  {"Username-Password-Authentication", "auth0"},
		ConGoogle:    {"google-oauth2", "google-oauth2"},
		ConOkta:      {"acme-okta", "okta"},
		ConSAML:      {"partner-saml", "samlp"},
		ConGitHub:    {"github", "github"},
		ConPasswordl: {"email", "email"},
	}
	e.links = map[string]*link{}
	e.tokens = map[string]time.Time{}
}

// AddOrganization creates an organization for tests.
func (e *Emulator) AddOrganization(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs[id] = true
}

// RemoveOrganization deletes an organization and its connections' links,
// out of band, for tests of an organization deleted outside Terraform.
func (e *Emulator) RemoveOrganization(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.orgs, id)
	for _, k := range e.orgKeys(id) {
		delete(e.links, k)
	}
}

// AddConnection creates a tenant connection for tests.
func (e *Emulator) AddConnection(id, name, strategy string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.connections[id] = connection{Name: name, Strategy: strategy}
}

// TokensIssued counts the client-credentials tokens handed out.
func (e *Emulator) TokensIssued() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.tokenCount
}

// IssuedTokens lists the access tokens handed out, for log audits.
func (e *Emulator) IssuedTokens() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.tokens))
	for t := range e.tokens {
		out = append(out, t)
	}
	return out
}

// Name implements emu.Emulator.
func (e *Emulator) Name() string { return "auth0" }

const base = "/api/v2/organizations/{id}/connections"

// Routes implements emu.Emulator.
func (e *Emulator) Routes() []emu.Route {
	return []emu.Route{
		{Pattern: "POST /oauth/token", Handler: e.token, Public: true},
		{Pattern: "GET " + base, Handler: e.list},
		{Pattern: "POST " + base, Handler: e.add},
		{Pattern: "GET " + base + "/{connection_id}", Handler: e.get},
		{Pattern: "PATCH " + base + "/{connection_id}", Handler: e.update},
		{Pattern: "DELETE " + base + "/{connection_id}", Handler: e.remove},
	}
}

// Authorized implements emu.Emulator.
func (e *Emulator) Authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return false
	}
	if e.opts.APIToken != "" && tok == e.opts.APIToken {
		return true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	exp, ok := e.tokens[tok]
	return ok && time.Now().Before(exp)
}

// WriteError implements emu.Emulator with the Management API's
// `{statusCode, error, message, errorCode?}` (API-NOTES).
func (e *Emulator) WriteError(w http.ResponseWriter, status int, message string) {
	if status == http.StatusUnauthorized {
		// A rejected token answers without errorCode, with the message
		// repeated under attributes (community.auth0.com thread
		// "Management API return 401 Unauthorized", t/11660).
		emu.WriteJSON(w, status, map[string]any{"statusCode": status, "error": http.StatusText(status), "message": message,
			"attributes": map[string]string{"error": message}})
		return
	}
	code := ""
	if status == http.StatusTooManyRequests {
		code = "too_many_requests" // API-NOTES' 429 body
	}
	writeError(w, status, message, code)
}

// writeError answers in the Management API's error shape; an empty code
// leaves errorCode out, as Auth0 does for some errors (API-NOTES; the
// recorded 404 for an unknown organization).
func writeError(w http.ResponseWriter, status int, message, code string) {
	body := map[string]any{"statusCode": status, "error": http.StatusText(status), "message": message}
	if code != "" {
		body["errorCode"] = code
	}
	emu.WriteJSON(w, status, body)
}

// RateHeaders implements emu.Emulator: Auth0 sends the window on every answer,
// with the reset as absolute epoch seconds (API-NOTES).
func (e *Emulator) RateHeaders(h http.Header, win emu.RateWindow, _ bool) {
	h.Set("X-Ratelimit-Limit", strconv.Itoa(win.Limit))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(win.Remaining))
	reset := win.Reset.Unix()
	if win.Reset.After(time.Unix(reset, 0)) {
		reset++
	}
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(reset, 10))
}

// token is the client-credentials grant: form or JSON with grant_type,
// client_id, client_secret and audience (API-NOTES; Auth0 docs "Get Access
// Tokens"), answering {access_token, token_type, expires_in, scope}. Its
// errors are OAuth's {error, error_description} (RFC 6749 §5.2); which status
// and description Auth0 gives each one is assumed (FIDELITY.md).
func (e *Emulator) token(w http.ResponseWriter, r *http.Request) {
	form := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(r.Body).Decode(&form); err != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request", "malformed JSON body")
			return
		}
	} else {
		if err := r.ParseForm(); err != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request", "malformed form body")
			return
		}
		for k := range r.PostForm {
			form[k] = r.PostForm.Get(k)
		}
	}
	if form["grant_type"] != "client_credentials" {
		oauthError(w, http.StatusForbidden, "unsupported_grant_type", "Unsupported grant type: "+form["grant_type"])
		return
	}
	if e.opts.ClientID == "" || form["client_id"] != e.opts.ClientID || form["client_secret"] != e.opts.ClientSecret {
		oauthError(w, http.StatusUnauthorized, "access_denied", "Unauthorized")
		return
	}
	if !strings.HasSuffix(form["audience"], "/api/v2/") {
		oauthError(w, http.StatusForbidden, "access_denied", "Service not found: "+form["audience"])
		return
	}
	buf := make([]byte, 24)
	_, _ = rand.Read(buf)
	tok := "sbx_at_" + hex.EncodeToString(buf)
	e.mu.Lock()
	e.tokens[tok] = time.Now().Add(e.opts.TokenLifetime)
	e.tokenCount++
	e.mu.Unlock()
	emu.WriteJSON(w, http.StatusOK, map[string]any{
		"access_token": tok, "token_type": "Bearer", "expires_in": int(e.opts.TokenLifetime.Seconds()),
		"scope": "read:organization_connections create:organization_connections update:organization_connections delete:organization_connections",
	})
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	emu.WriteJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// Objects implements emu.Emulator; keys are `<org>/<connection>`.
func (e *Emulator) Objects() map[string]json.RawMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]json.RawMessage{}
	for k, l := range e.links {
		b, _ := json.Marshal(e.view(l))
		out[k] = b
	}
	return out
}

// Edit implements emu.Emulator.
func (e *Emulator) Edit(key string, patch json.RawMessage) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	l, ok := e.links[key]
	if !ok {
		return emu.ErrNoObject
	}
	return emu.PatchStruct(l, patch)
}

// Delete implements emu.Emulator.
func (e *Emulator) Delete(key string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.links[key]; !ok {
		return emu.ErrNoObject
	}
	delete(e.links, key)
	return nil
}

// view is the wire answer: the connection summary attached, and
// is_signup_enabled left out for enterprise strategies, as recorded for okta
// (TestAccOrganizationConnection.yaml, interaction 44) and assumed for the
// other enterprise strategies; answered false by default otherwise, as
// recorded for auth0 (interaction 6).
func (e *Emulator) view(l *link) link {
	v := *l
	c := e.connections[l.ConnectionID]
	v.Connection = &c
	if enterprise[c.Strategy] {
		v.IsSignupEnabled = nil
	} else if v.IsSignupEnabled == nil {
		v.IsSignupEnabled = new(bool)
	}
	return v
}

var enterprise = map[string]bool{"okta": true, "samlp": true, "waad": true, "adfs": true, "oidc": true, "pingfederate": true, "google-apps": true, "ad": true}

// orgKeys are the organization's pairs in list order: by connection id,
// ignoring case. Two recorded lists put con_dlQH… before con_J9VZ… whichever
// was added first (TestAccOrganizationConnection.yaml, interactions 47 and
// 229); newest-first would fit them too, so the order is an assumption the
// provider does not depend on.
func (e *Emulator) orgKeys(org string) []string {
	var keys []string
	for k := range e.links {
		if strings.HasPrefix(k, org+"/") {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := strings.ToLower(keys[i]), strings.ToLower(keys[j])
		if a != b {
			return a < b
		}
		return keys[i] < keys[j]
	})
	return keys
}
