// Package versori emulates the Versori Connect API v1alpha1 connection
// endpoints: connections with environments, and the organisation-level
// credentials environments reference.
//
// The reference is versori/user-docs openapi/connect-api-v1alpha1.yaml (the
// v1alpha1 spec, "the spec" in comments); seed 002 shows the response shape;
// where v1alpha1 is silent, versori/versori-js-sdk
// packages/sdk/src/connect/v1/connect-v1-openapi.yaml ("v1") is the evidence.
// Each behaviour's source is listed in ../FIDELITY.md.
package versori

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
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
	// Organisations the key may use (ULIDs); each gets the fixture credentials.
	Organisations []string
	// Prefix is where the API is mounted, e.g. "/api/connect/v1alpha1".
	Prefix string
}

// Fixture credential ids (ULIDs), present in the first organisation after Reset.
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
// connection as used by integrations, so that DELETE without force is
// refused: true answers 409 as the v1alpha1 DeleteConnection describes; the
// number 412 answers as v1's DeleteConnection declares; false clears it. It is
// not part of the wire form.
const InUseKey = "x-sandbox-in-use"

type variable struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type scope struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// credRef is an InferredReference: `{id}` naming a credential.
type credRef struct {
	ID string `json:"id"`
}

type authCodeFlow struct {
	ApplicationCredential credRef `json:"applicationCredential"`
}

type oauth2Flows struct {
	ClientCredentials *struct{}     `json:"clientCredentials,omitempty"`
	AuthorizationCode *authCodeFlow `json:"authorizationCode,omitempty"`
}

// authScheme is one AuthSchemeConfig, stored as validated.
type authScheme struct {
	SchemeType   string       `json:"schemeType"`
	Name         string       `json:"name,omitempty"`
	In           string       `json:"in,omitempty"`
	Algorithm    string       `json:"algorithm,omitempty"`
	DigestInputs []string     `json:"digestInputs,omitempty"`
	AuthorizeURL string       `json:"authorizeUrl,omitempty"`
	TokenURL     string       `json:"tokenUrl,omitempty"`
	Scopes       []scope      `json:"scopes,omitempty"`
	Flows        *oauth2Flows `json:"flows,omitempty"`
}

// MarshalJSON writes the fields the spec requires of the scheme type even
// when empty (hmac digestInputs, oauth2 scopes), so answers carry them.
func (s authScheme) MarshalJSON() ([]byte, error) {
	type plain authScheme
	raw, err := json.Marshal(plain(s))
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	switch s.SchemeType {
	case "hmac":
		m["digestInputs"] = nonNil(s.DigestInputs)
	case "oauth2":
		m["scopes"] = nonNil(s.Scopes)
	}
	return json.Marshal(m)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// binding is an EnvironmentCredential: its own id, the auth scheme, and the
// organisation credential it uses. Seed 002 and the spec's
// EnvironmentCredential give the binding an id of its own beside `credential`.
type binding struct {
	ID               string     `json:"id"`
	AuthSchemeConfig authScheme `json:"authSchemeConfig"`
	Credential       credRef    `json:"credential"`
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
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	IsLatest    bool    `json:"isLatest"`
	IsDefault   bool    `json:"isDefault"`
	CreatedAt   string  `json:"createdAt"`
	UpdatedAt   string  `json:"updatedAt"`
	PublishedAt *string `json:"publishedAt"`
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

	// inUse is the status a DELETE without force answers (0: not in use).
	inUse int
}

type credential struct {
	ID        string
	Org       string
	Type      string
	Name      string
	Data      map[string]json.RawMessage
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
	fixtures := []struct{ id, typ, name, data string }{
		{CredNone, "none", "sandbox-none", `{}`},
		{CredAPIKey, "string", "sandbox-api-key", `{"value":"sbx-secret-api-key"}`},
		{CredHMAC, "string", "sandbox-hmac-secret", `{"value":"sbx-secret-hmac"}`},
		{CredBasic, "basic-auth", "sandbox-basic-auth", `{"username":"sandbox","password":"sbx-secret-password"}`},
		{CredOAuthClient, "oauth2-client", "sandbox-oauth2-client", `{"clientId":"sandbox","clientSecret":"sbx-secret-client","authorizeUrl":"https://auth.example.com/authorize","tokenUrl":"https://auth.example.com/token"}`},
		{CredOAuthToken, "oauth2-token", "sandbox-oauth2-token", `{"clientId":"sandbox","clientSecret":"sbx-secret-client","authorizeUrl":"https://auth.example.com/authorize","tokenUrl":"https://auth.example.com/token","scopes":[],"refreshToken":"sbx-secret-refresh"}`},
		{CredGoogle, "binary", "sandbox-google-service-account", `{"valueBase64":"c2J4LXNlY3JldA=="}`},
	}
	now := timestamp(emu.Now())
	for i, org := range e.opts.Organisations {
		e.orgs[org] = true
		for _, f := range fixtures {
			// The well-known ids belong to the first organisation; others get
			// copies of their own, as credentials are per organisation.
			id := f.id
			if i > 0 {
				id = newULID()
			}
			var data map[string]json.RawMessage
			_ = json.Unmarshal([]byte(f.data), &data)
			e.credentials[id] = &credential{ID: id, Org: org, Type: f.typ, Name: f.name, Data: data, CreatedAt: now, UpdatedAt: now}
		}
	}
}

// AddOrganisation lets the API key use another organisation, for tests.
func (e *Emulator) AddOrganisation(org string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs[org] = true
}

// CredentialTypes are the organisation credential types (spec CredentialType).
var CredentialTypes = []string{"none", "string", "binary", "basic-auth", "oauth2-client", "oauth2-token"}

// AddCredential creates an organisation credential for tests and returns its id.
func (e *Emulator) AddCredential(org, typ, name string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := newULID()
	now := timestamp(emu.Now())
	e.credentials[id] = &credential{ID: id, Org: org, Type: typ, Name: name, Data: map[string]json.RawMessage{}, CreatedAt: now, UpdatedAt: now}
	return id
}

// SetInUse marks a connection as used by integrations; DELETE without force
// then answers 409, as the v1alpha1 DeleteConnection describes.
func (e *Emulator) SetInUse(org, id string, inUse bool) error {
	status := 0
	if inUse {
		status = http.StatusConflict
	}
	return e.SetInUseStatus(org, id, status)
}

// SetInUseStatus is SetInUse with the refusal's status: 409 (v1alpha1) or
// 412 (v1's DeleteConnection); 0 clears the flag.
func (e *Emulator) SetInUseStatus(org, id string, status int) error {
	if status != 0 && status != http.StatusConflict && status != http.StatusPreconditionFailed {
		return fmt.Errorf("in-use status must be 409 or 412, got %d", status)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.connections[id]
	if !ok || c.OrganisationID != org {
		return emu.ErrNoObject
	}
	c.inUse = status
	return nil
}

// Name implements emu.Emulator.
func (e *Emulator) Name() string { return "versori" }

// Routes implements emu.Emulator: the operations of the spec the provider
// calls, plus the environment and credential reads tests use.
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

// Authorized implements emu.Emulator: `Authorization: Bearer <api key>`, the
// spec's bearerToken scheme for external consumers.
func (e *Emulator) Authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && tok != "" && tok == e.opts.APIKey
}

// statusCodes are the `code` strings the sandbox sends; the spec only says
// code is "a machine-readable error code" (assumption: gRPC-style names).
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

// WriteError implements emu.Emulator with the spec's Error `{code, message, fields?, cause?}`.
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
// documented (assumption): the common x-ratelimit-* trio with an epoch reset.
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
// (arrays such as environments are replaced whole; a binding's expanded
// credential reduces to its id), stamped with a new updatedAt as any edit
// is. The InUseKey field sets the in-use status instead.
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
		status, err := inUseStatus(raw)
		if err != nil {
			return err
		}
		c.inUse = status
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

func inUseStatus(raw json.RawMessage) (int, error) {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		if b {
			return http.StatusConflict, nil
		}
		return 0, nil
	}
	var n int
	if json.Unmarshal(raw, &n) == nil && (n == http.StatusConflict || n == http.StatusPreconditionFailed) {
		return n, nil
	}
	return 0, fmt.Errorf("%s must be true, false, 409 or 412", InUseKey)
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

func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// touch stamps a new updatedAt on the connection (and env when given),
// strictly later than the previous one so every mutation is visible: the
// spec's updatedAt includes "any changes to child resources".
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

// isULID reports whether s is 26 Crockford base32 characters starting with
// 0–7: the spec's `format: ulid`, in the canonical upper case.
func isULID(s string) bool {
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
