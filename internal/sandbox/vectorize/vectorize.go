// Package vectorize emulates the Vectorize API v1 source-connector endpoints.
package vectorize

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// Options configure the emulator.
type Options struct {
	// APIKey is the bearer token accepted.
	APIKey string
	// Organizations the key may use; the first is the default one.
	Organizations []string
	// Prefix is where the API is mounted, e.g. "/vectorize/v1".
	Prefix string
}

// The identity the API key belongs to, shown in created/updated-by fields.
const (
	UserID    = "7c1e2f4a-3b5d-4e6f-8a9b-0c1d2e3f4a5b"
	UserEmail = "terraform@conduit-sandbox.example"
)

// Emulator is the in-memory Vectorize organization set.
type Emulator struct {
	opts Options

	mu         sync.Mutex
	orgs       map[string]bool
	types      map[string]typeSpec
	connectors map[string]*connector // key org/id
	next       int
	pageSize   int // 0: the list is answered whole (see PageList)
}

// connector is a source connector as stored: Config holds the secrets too,
// under the configDoc name so out-of-band edits can patch it.
type connector struct {
	Org                string             `json:"-"`
	WorkspaceID        string             `json:"workspaceId,omitempty"`
	ID                 string             `json:"id"`
	Type               string             `json:"type"`
	Name               string             `json:"name"`
	Config             map[string]any     `json:"configDoc"`
	CreatedAt          string             `json:"createdAt"`
	CreatedByID        string             `json:"createdById"`
	LastUpdatedByID    string             `json:"lastUpdatedById"`
	CreatedByEmail     string             `json:"createdByEmail"`
	LastUpdatedByEmail string             `json:"lastUpdatedByEmail"`
	ErrorMessage       string             `json:"errorMessage,omitempty"`
	VerificationStatus string             `json:"verificationStatus"`
	Users              map[string]*oauthU `json:"users,omitempty"`
	seq                int
}

// oauthU is a user of an OAuth multi-user connector.
type oauthU struct {
	SelectedFiles json.RawMessage `json:"selectedFiles"`
	RefreshToken  string          `json:"refreshToken,omitempty"`
	AccessToken   string          `json:"accessToken,omitempty"`
}

// New returns an emulator with no connectors.
func New(opts Options) *Emulator {
	e := &Emulator{opts: opts}
	e.Reset()
	return e
}

// Reset implements emu.Emulator.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs = map[string]bool{}
	for _, o := range e.opts.Organizations {
		e.orgs[o] = true
	}
	e.types = map[string]typeSpec{}
	for _, t := range knownTypes {
		e.types[t] = specs[t]
	}
	e.connectors = map[string]*connector{}
	e.pageSize = 0
}

// AddOrganization lets the key use another organization.
func (e *Emulator) AddOrganization(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs[id] = true
}

// AddType makes the API accept a new connector type, as the vendor does from
// time to time; tests use it for types the provider does not know yet. The
// keys are strings; the secret ones are left out of configDoc.
func (e *Emulator) AddType(name string, required, secret []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fields := map[string]field{}
	for _, k := range required {
		fields[k] = reqStr
	}
	for _, k := range secret {
		f := fields[k]
		f.secret = true
		fields[k] = f
	}
	e.types[name] = typeSpec{fields: fields}
}

// SetVerification sets a connector's verification status and error message out of band.
func (e *Emulator) SetVerification(key, status, message string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.connectors[key]
	if !ok {
		return emu.ErrNoObject
	}
	c.VerificationStatus, c.ErrorMessage = status, message
	return nil
}

// StoredConfig returns a connector's whole config, secrets included, for tests
// checking what the provider sent.
func (e *Emulator) StoredConfig(key string) (map[string]any, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.connectors[key]
	if !ok {
		return nil, false
	}
	out := map[string]any{}
	for k, v := range c.Config {
		out[k] = v
	}
	return out, true
}

// StoredUser returns a user's stored body fields, for tests.
func (e *Emulator) StoredUser(key, userID string) (selectedFiles json.RawMessage, refreshToken, accessToken string, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, found := e.connectors[key]
	if !found {
		return nil, "", "", false
	}
	u, found := c.Users[userID]
	if !found {
		return nil, "", "", false
	}
	return u.SelectedFiles, u.RefreshToken, u.AccessToken, true
}

// Name implements emu.Emulator.
func (e *Emulator) Name() string { return "vectorize" }

// Routes implements emu.Emulator.
func (e *Emulator) Routes() []emu.Route {
	base := e.opts.Prefix + "/org/{organizationId}/connectors/sources"
	one := base + "/{sourceConnectorId}"
	return []emu.Route{
		{Pattern: "POST " + base, Handler: e.create},
		{Pattern: "GET " + base, Handler: e.list},
		{Pattern: "GET " + one, Handler: e.get},
		{Pattern: "PATCH " + one, Handler: e.update},
		{Pattern: "DELETE " + one, Handler: e.remove},
		{Pattern: "POST " + one + "/users", Handler: e.addUser},
		{Pattern: "PATCH " + one + "/users", Handler: e.updateUser},
		{Pattern: "DELETE " + one + "/users", Handler: e.removeUser},
	}
}

// Authorized implements emu.Emulator: `Authorization: Bearer <api key>`.
func (e *Emulator) Authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && tok != "" && tok == e.opts.APIKey
}

// WriteError implements emu.Emulator with Vectorize's `{error, details?}`.
func (e *Emulator) WriteError(w http.ResponseWriter, status int, message string) {
	writeError(w, status, message, "")
}

func writeError(w http.ResponseWriter, status int, message, details string) {
	body := map[string]any{"error": message}
	if details != "" {
		body["details"] = details
	}
	emu.WriteJSON(w, status, body)
}

// RateHeaders implements emu.Emulator. Vectorize documents no rate-limit headers.
func (e *Emulator) RateHeaders(http.Header, emu.RateWindow, bool) {}

// Objects implements emu.Emulator: connectors in their GET form under
// `<org>/<id>`, and users (tokens left out) under `<org>/<id>/users/<userId>`.
func (e *Emulator) Objects() map[string]json.RawMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]json.RawMessage{}
	for k, c := range e.connectors {
		b, _ := json.Marshal(e.view(c))
		out[k] = b
		for uid, u := range c.Users {
			b, _ := json.Marshal(map[string]any{"userId": uid, "selectedFiles": u.SelectedFiles})
			out[k+"/users/"+uid] = b
		}
	}
	return out
}

// Edit implements emu.Emulator: a merge patch on the stored connector, where
// `configDoc` patches the whole config.
func (e *Emulator) Edit(key string, patch json.RawMessage) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.connectors[key]
	if !ok {
		return emu.ErrNoObject
	}
	org, users, seq := c.Org, c.Users, c.seq
	if err := emu.PatchStruct(c, patch); err != nil {
		return err
	}
	c.Org, c.Users, c.seq = org, users, seq
	c.LastUpdatedByEmail = "someone-else@conduit-sandbox.example"
	return nil
}

// Delete implements emu.Emulator; a user key removes that user only.
func (e *Emulator) Delete(key string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if ck, uid, isUser := strings.Cut(key, "/users/"); isUser {
		c, ok := e.connectors[ck]
		if !ok || c.Users[uid] == nil {
			return emu.ErrNoObject
		}
		delete(c.Users, uid)
		return nil
	}
	if _, ok := e.connectors[key]; !ok {
		return emu.ErrNoObject
	}
	delete(e.connectors, key)
	return nil
}

// wire is the SourceConnector answer.
type wire struct {
	ID                 string         `json:"id"`
	Type               string         `json:"type"`
	Name               string         `json:"name"`
	ConfigDoc          map[string]any `json:"configDoc"`
	CreatedAt          string         `json:"createdAt"`
	CreatedByID        string         `json:"createdById"`
	LastUpdatedByID    string         `json:"lastUpdatedById"`
	CreatedByEmail     string         `json:"createdByEmail"`
	LastUpdatedByEmail string         `json:"lastUpdatedByEmail"`
	ErrorMessage       string         `json:"errorMessage,omitempty"`
	VerificationStatus string         `json:"verificationStatus"`
}

// view is the wire answer (the spec's SourceConnector). Password fields are
// left out of configDoc. Assumption: the live tests
// (vectorize-clients tests/ts/tests/connectors.test.ts) see an empty
// configDoc after creating AI platform and destination connectors with a
// key, but the spec's getSourceConnectors example (0.1.2) shows S3 keys in
// configDoc; the provider drops secret keys from a configDoc it adopts, so
// it is safe either way.
func (e *Emulator) view(c *connector) wire {
	doc := map[string]any{}
	spec := e.types[c.Type]
	for k, v := range c.Config {
		if spec.secretKey(k) {
			continue
		}
		doc[k] = v
	}
	return wire{
		ID: c.ID, Type: c.Type, Name: c.Name, ConfigDoc: doc, CreatedAt: c.CreatedAt,
		CreatedByID: c.CreatedByID, LastUpdatedByID: c.LastUpdatedByID, CreatedByEmail: c.CreatedByEmail,
		LastUpdatedByEmail: c.LastUpdatedByEmail, ErrorMessage: c.ErrorMessage, VerificationStatus: c.VerificationStatus,
	}
}

// sorted lists an organization's connectors in creation order.
func (e *Emulator) sorted(org, workspace string) []*connector {
	var out []*connector
	for _, c := range e.connectors {
		if c.Org == org && (workspace == "" || c.WorkspaceID == workspace) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// timestamp is an ISO 8601 time with milliseconds in UTC, as in the spec's
// getSourceConnectors examples ("2025-07-08T19:10:21.970Z").
func timestamp() string { return emu.Now().Format("2006-01-02T15:04:05.000Z07:00") }
