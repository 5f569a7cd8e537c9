// Package versori emulates the Versori Connect API v1alpha1 connection
// endpoints: connections with environments, and the organisation-level
// credentials environments reference.
package versori

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// Options configure the emulator.
type Options struct {
	// APIKey is the bearer token accepted.
	APIKey string
	// Organisations the key may use; each gets the fixture credentials.
	Organisations []string
	// Prefix is where the API is mounted, e.g. "/api/connect/v1alpha1".
	Prefix string
}

// Fixture credential ids (ULIDs), present in every organisation after Reset.
const (
	CredNone        = "01JDCRED000000000000N0NE01"
	CredAPIKey      = "01JDCRED000000000000APKEY1"
	CredHMAC        = "01JDCRED000000000000HMAC01"
	CredBasic       = "01JDCRED000000000000BASC01"
	CredOAuthClient = "01JDCRED000000000000A2C001"
	CredOAuthToken  = "01JDCRED000000000000A2T001"
	CredGoogle      = "01JDCRED000000000000GSA001"
)

// InUseKey is the field an out-of-band Edit patch may carry to mark a
// connection as used by integrations (true) or not (false), so that DELETE
// without force answers 409. It is not part of the wire form.
const InUseKey = "x-sandbox-in-use"

type variable struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type scope struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

type authScheme struct {
	SchemeType   string          `json:"schemeType"`
	Name         string          `json:"name,omitempty"`
	In           string          `json:"in,omitempty"`
	Algorithm    string          `json:"algorithm,omitempty"`
	DigestInputs []string        `json:"digestInputs,omitempty"`
	AuthorizeURL string          `json:"authorizeUrl,omitempty"`
	TokenURL     string          `json:"tokenUrl,omitempty"`
	Scopes       []scope         `json:"scopes,omitempty"`
	Flows        json.RawMessage `json:"flows,omitempty"`
}

type binding struct {
	ID               string     `json:"id"`
	AuthSchemeConfig authScheme `json:"authSchemeConfig"`
}

type envCredentials struct {
	Action  []binding `json:"action"`
	Trigger []binding `json:"trigger"`
}

// environment and connection are stored in their wire form, less the
// credential expansion added by view.
type environment struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Credentials envCredentials `json:"credentials"`
	Variables   []variable     `json:"variables"`
	CreatedAt   string         `json:"createdAt"`
	UpdatedAt   string         `json:"updatedAt"`
}

type version struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	IsLatest    bool   `json:"isLatest"`
	IsDefault   bool   `json:"isDefault"`
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
	PublishedAt string `json:"publishedAt,omitempty"`
}

type connection struct {
	ID                   string         `json:"id"`
	OrganisationID       string         `json:"organisationId"`
	Name                 string         `json:"name"`
	Protocol             string         `json:"protocol"`
	AuthSchemeConfigs    []authScheme   `json:"authSchemeConfigs"`
	EnvironmentVariables []variable     `json:"environmentVariables"`
	Environments         []*environment `json:"environments"`
	Versions             []version      `json:"versions"`
	CreatedAt            string         `json:"createdAt"`
	UpdatedAt            string         `json:"updatedAt"`
	BaseURL              string         `json:"baseUrl,omitempty"`
	DatasetID            string         `json:"datasetId,omitempty"`

	inUse bool
}

type credential struct {
	ID        string
	Org       string
	Type      string
	Name      string
	Data      map[string]string
	CreatedAt string
	UpdatedAt string
}

// Emulator is the in-memory Versori organisation set.
type Emulator struct {
	opts Options

	mu          sync.Mutex
	orgs        map[string]bool
	connections map[string]*connection // by id
	credentials map[string]*credential // by id
}

// New returns an emulator with the fixture credentials in every organisation.
func New(opts Options) *Emulator {
	e := &Emulator{opts: opts}
	e.Reset()
	return e
}

// Reset drops all connections and restores the fixture credentials.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs = map[string]bool{}
	e.connections = map[string]*connection{}
	e.credentials = map[string]*credential{}
	fixtures := []struct{ id, typ, name string }{
		{CredNone, "none", "sandbox-none"},
		{CredAPIKey, "string", "sandbox-api-key"},
		{CredHMAC, "string", "sandbox-hmac-secret"},
		{CredBasic, "basic-auth", "sandbox-basic-auth"},
		{CredOAuthClient, "oauth2-client", "sandbox-oauth2-client"},
		{CredOAuthToken, "oauth2-token", "sandbox-oauth2-token"},
		{CredGoogle, "binary", "sandbox-google-service-account"},
	}
	now := timestamp(emu.Now())
	for i, org := range e.opts.Organisations {
		e.orgs[org] = true
		for _, f := range fixtures {
			// Fixture ids are the same in every organisation's view; other
			// organisations get their own copies with a suffix-free lookup by org.
			id := f.id
			if i > 0 {
				id = newULID()
			}
			e.credentials[id] = &credential{ID: id, Org: org, Type: f.typ, Name: f.name,
				Data: map[string]string{"value": "sbx-secret-" + f.name}, CreatedAt: now, UpdatedAt: now}
		}
	}
}

// AddOrganisation lets the API key use another organisation, for tests.
func (e *Emulator) AddOrganisation(org string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs[org] = true
}

// CredentialTypes are the organisation credential types.
var CredentialTypes = []string{"none", "string", "binary", "basic-auth", "oauth2-client", "oauth2-token"}

// AddCredential creates an organisation credential for tests and returns its id.
func (e *Emulator) AddCredential(org, typ, name string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := newULID()
	now := timestamp(emu.Now())
	e.credentials[id] = &credential{ID: id, Org: org, Type: typ, Name: name, Data: map[string]string{}, CreatedAt: now, UpdatedAt: now}
	return id
}

// SetInUse marks a connection as used by integrations; DELETE without force then answers 409.
func (e *Emulator) SetInUse(org, id string, inUse bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.connections[id]
	if !ok || c.OrganisationID != org {
		return emu.ErrNoObject
	}
	c.inUse = inUse
	return nil
}

// Name implements emu.Emulator.
func (e *Emulator) Name() string { return "versori" }

// Routes implements emu.Emulator.
func (e *Emulator) Routes() []emu.Route {
	o := e.opts.Prefix + "/o/{organisation_id}"
	conn := o + "/connections/{connection_id}"
	env := conn + "/environments/{environment_id}"
	return []emu.Route{
		{Pattern: "POST " + o + "/protocols/http/connections", Handler: e.create("http")},
		{Pattern: "POST " + o + "/protocols/bigquery/connections", Handler: e.create("bigquery")},
		{Pattern: "POST " + o + "/protocols/{protocol}/connections", Handler: e.unknownProtocol},
		{Pattern: "GET " + o + "/connections", Handler: e.list},
		{Pattern: "GET " + conn, Handler: e.get},
		{Pattern: "PUT " + conn, Handler: e.replace},
		{Pattern: "DELETE " + conn, Handler: e.remove},
		{Pattern: "GET " + env, Handler: e.getEnvironment},
		{Pattern: "PUT " + env, Handler: e.updateEnvironment},
		{Pattern: "DELETE " + env, Handler: e.deleteEnvironment},
		{Pattern: "GET " + o + "/credentials", Handler: e.listCredentials},
		{Pattern: "GET " + o + "/credentials/{credential_id}", Handler: e.getCredential},
	}
}

// Authorized implements emu.Emulator: `Authorization: Bearer <api key>`.
func (e *Emulator) Authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && tok != "" && tok == e.opts.APIKey
}

var statusCodes = map[int]string{
	http.StatusBadRequest:          "invalid_argument",
	http.StatusUnauthorized:        "unauthenticated",
	http.StatusForbidden:           "permission_denied",
	http.StatusNotFound:            "not_found",
	http.StatusConflict:            "conflict",
	http.StatusPreconditionFailed:  "failed_precondition",
	http.StatusTooManyRequests:     "resource_exhausted",
	http.StatusInternalServerError: "internal",
	http.StatusBadGateway:          "unavailable",
	http.StatusServiceUnavailable:  "unavailable",
	http.StatusGatewayTimeout:      "deadline_exceeded",
}

// WriteError implements emu.Emulator with Versori's `{code, message, fields?, cause?}`.
func (e *Emulator) WriteError(w http.ResponseWriter, status int, message string) {
	writeError(w, status, message, "", nil)
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, message, cause string, fields []fieldError) {
	code := statusCodes[status]
	if code == "" {
		code = "unknown"
	}
	body := map[string]any{"code": code, "message": message}
	if len(fields) > 0 {
		body["fields"] = fields
	}
	if cause != "" {
		body["cause"] = cause
	}
	emu.WriteJSON(w, status, body)
}

// RateHeaders implements emu.Emulator. Versori's limit headers are not
// documented; the common x-ratelimit-* trio with an epoch reset is sent.
func (e *Emulator) RateHeaders(h http.Header, win emu.RateWindow, limited bool) {
	h.Set("X-Ratelimit-Limit", strconv.Itoa(win.Limit))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(win.Remaining))
	reset := win.Reset.Unix()
	if win.Reset.After(time.Unix(reset, 0)) {
		reset++
	}
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(reset, 10))
	if limited && h.Get("Retry-After") == "" {
		h.Set("Retry-After", strconv.FormatInt(max(reset-time.Now().Unix(), 1), 10))
	}
}

// Objects implements emu.Emulator; keys are `<organisation_id>/<connection_id>`.
func (e *Emulator) Objects() map[string]json.RawMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]json.RawMessage{}
	for _, c := range e.connections {
		b, _ := json.Marshal(e.view(c))
		out[c.OrganisationID+"/"+c.ID] = b
	}
	return out
}

// Edit implements emu.Emulator: a JSON merge patch on the stored connection
// (arrays such as environments are replaced whole), stamped with a new
// updatedAt as any edit is. The InUseKey field sets the in-use flag instead.
func (e *Emulator) Edit(key string, patch json.RawMessage) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.byKey(key)
	if c == nil {
		return emu.ErrNoObject
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(patch, &fields); err != nil {
		return err
	}
	if raw, ok := fields[InUseKey]; ok {
		if err := json.Unmarshal(raw, &c.inUse); err != nil {
			return err
		}
		delete(fields, InUseKey)
		if len(fields) == 0 {
			return nil
		}
		patch, _ = json.Marshal(fields)
	}
	inUse := c.inUse
	if err := emu.PatchStruct(c, patch); err != nil {
		return err
	}
	c.inUse = inUse
	touch(c, nil)
	return nil
}

// Delete implements emu.Emulator.
func (e *Emulator) Delete(key string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.byKey(key)
	if c == nil {
		return emu.ErrNoObject
	}
	delete(e.connections, c.ID)
	return nil
}

func (e *Emulator) byKey(key string) *connection {
	org, id, ok := strings.Cut(key, "/")
	if !ok {
		return nil
	}
	c := e.connections[id]
	if c == nil || c.OrganisationID != org {
		return nil
	}
	return c
}

// Wire views: environment credentials carry the expanded, redacted credential.

type credentialView struct {
	ID        string            `json:"id"`
	Type      string            `json:"type"`
	Name      string            `json:"name"`
	Usages    []usageView       `json:"usages"`
	Errors    []string          `json:"errors"`
	Data      map[string]string `json:"data"`
	CreatedAt string            `json:"createdAt"`
	UpdatedAt string            `json:"updatedAt"`
}

type usageView struct {
	Environment struct {
		ID         string            `json:"id"`
		Name       string            `json:"name"`
		Slug       string            `json:"slug"`
		Connection connectionSummary `json:"connection"`
		CreatedAt  string            `json:"createdAt"`
		UpdatedAt  string            `json:"updatedAt"`
	} `json:"environment"`
}

type connectionSummary struct {
	ID             string `json:"id"`
	OrganisationID string `json:"organisationId"`
	Name           string `json:"name"`
	Protocol       string `json:"protocol"`
	CreatedAt      string `json:"createdAt"`
	UpdatedAt      string `json:"updatedAt"`
}

type bindingView struct {
	ID               string          `json:"id"`
	AuthSchemeConfig authScheme      `json:"authSchemeConfig"`
	Credential       *credentialView `json:"credential,omitempty"`
}

type environmentView struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Credentials struct {
		Action  []bindingView `json:"action"`
		Trigger []bindingView `json:"trigger"`
	} `json:"credentials"`
	Variables []variable `json:"variables"`
	CreatedAt string     `json:"createdAt"`
	UpdatedAt string     `json:"updatedAt"`
}

type connectionView struct {
	connection
	Environments []environmentView `json:"environments"`
}

func (e *Emulator) view(c *connection) connectionView {
	v := connectionView{connection: *c, Environments: make([]environmentView, 0, len(c.Environments))}
	if v.AuthSchemeConfigs == nil {
		v.AuthSchemeConfigs = []authScheme{}
	}
	if v.EnvironmentVariables == nil {
		v.EnvironmentVariables = []variable{}
	}
	for _, env := range c.Environments {
		v.Environments = append(v.Environments, e.envView(env))
	}
	return v
}

func (e *Emulator) envView(env *environment) environmentView {
	v := environmentView{ID: env.ID, Name: env.Name, Variables: env.Variables, CreatedAt: env.CreatedAt, UpdatedAt: env.UpdatedAt}
	if v.Variables == nil {
		v.Variables = []variable{}
	}
	v.Credentials.Action = e.bindingViews(env.Credentials.Action)
	v.Credentials.Trigger = e.bindingViews(env.Credentials.Trigger)
	return v
}

func (e *Emulator) bindingViews(in []binding) []bindingView {
	out := make([]bindingView, 0, len(in))
	for _, b := range in {
		bv := bindingView{ID: b.ID, AuthSchemeConfig: b.AuthSchemeConfig}
		if cr := e.credentials[b.ID]; cr != nil {
			cv := e.credentialView(cr)
			bv.Credential = &cv
		}
		out = append(out, bv)
	}
	return out
}

// credentialView never carries the secret: data keys are kept, values redacted.
func (e *Emulator) credentialView(cr *credential) credentialView {
	v := credentialView{ID: cr.ID, Type: cr.Type, Name: cr.Name, Usages: []usageView{}, Errors: []string{},
		Data: map[string]string{}, CreatedAt: cr.CreatedAt, UpdatedAt: cr.UpdatedAt}
	for k := range cr.Data {
		v.Data[k] = "<redacted>"
	}
	ids := make([]string, 0, len(e.connections))
	for id := range e.connections {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := e.connections[id]
		for _, env := range c.Environments {
			if !uses(env, cr.ID) {
				continue
			}
			var u usageView
			u.Environment.ID, u.Environment.Name, u.Environment.Slug = env.ID, env.Name, slug(env.Name)
			u.Environment.CreatedAt, u.Environment.UpdatedAt = env.CreatedAt, env.UpdatedAt
			u.Environment.Connection = connectionSummary{c.ID, c.OrganisationID, c.Name, c.Protocol, c.CreatedAt, c.UpdatedAt}
			v.Usages = append(v.Usages, u)
		}
	}
	return v
}

func uses(env *environment, credID string) bool {
	for _, b := range append(append([]binding{}, env.Credentials.Action...), env.Credentials.Trigger...) {
		if b.ID == credID {
			return true
		}
	}
	return false
}

func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// touch stamps a new updatedAt on the connection (and env when given),
// strictly later than the previous one so every mutation is visible.
func touch(c *connection, env *environment) {
	now := emu.Now()
	if prev, err := time.Parse(time.RFC3339, c.UpdatedAt); err == nil && !now.After(prev) {
		now = prev.Add(time.Second)
	}
	c.UpdatedAt = timestamp(now)
	if env != nil {
		env.UpdatedAt = c.UpdatedAt
	}
}

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newULID returns a ULID: 48-bit millisecond time and 80 random bits, in
// Crockford base32 (26 characters).
func newULID() string {
	var b [16]byte
	ms := uint64(time.Now().UnixMilli())
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	_, _ = rand.Read(b[6:])
	// 128 bits as 26 base32 digits: the first digit holds the top 3 bits.
	var out [26]byte
	hi := uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 | uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
	lo := uint64(b[8])<<56 | uint64(b[9])<<48 | uint64(b[10])<<40 | uint64(b[11])<<32 | uint64(b[12])<<24 | uint64(b[13])<<16 | uint64(b[14])<<8 | uint64(b[15])
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}

// IsULID reports whether s is 26 Crockford base32 characters starting with 0–7.
func IsULID(s string) bool {
	if len(s) != 26 || s[0] > '7' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(crockford, rune(s[i])) {
			return false
		}
	}
	return true
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }
