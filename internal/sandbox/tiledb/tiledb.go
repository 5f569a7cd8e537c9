// Package tiledb emulates the TileDB Cloud API v2 credentials endpoints
// (/v2/credentials/{namespace}[/{name}]).
//
// Choices where the vendor documents are silent: a duplicate name or access
// key id in a namespace answers 409; setting provider_default on a credential
// clears it on the namespace's other credentials of the same cloud provider
// (at most one default per provider); secrets (secret_access_key, account_key,
// external_id, sas_token, key_text) are kept but never returned; a PATCH
// that carries a kind sub-object replaces the stored kind whole, so it must
// carry that kind's secret again; the cloud provider cannot change on PATCH.
package tiledb

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// Options are what the emulator accepts.
type Options struct {
	APIKey   string
	Username string
	Password string
	// Namespaces that exist; others answer 404.
	Namespaces []string
	// Prefix is where the API is served in the sandbox, e.g. "/tiledb".
	Prefix string
}

// Emulator is the in-memory TileDB Cloud.
type Emulator struct {
	opts Options

	mu         sync.Mutex
	namespaces map[string]bool
	creds      map[string]*stored // key namespace/name
	maxPerPage int
}

type awsKey struct {
	AccessKeyID     string  `json:"access_key_id"`
	SecretAccessKey string  `json:"secret_access_key,omitempty"`
	Endpoint        *string `json:"endpoint,omitempty"`
	SSEKMSKeyID     *string `json:"sse_kms_key_id,omitempty"`
}

type azureKey struct {
	AccountName string `json:"account_name"`
	AccountKey  string `json:"account_key,omitempty"`
}

type gcpHMAC struct {
	AccessKeyID     string `json:"access_key_id"`
	SecretAccessKey string `json:"secret_access_key,omitempty"`
}

type credential struct {
	AWS   *awsKey   `json:"aws,omitempty"`
	Azure *azureKey `json:"azure,omitempty"`
	GCP   *gcpHMAC  `json:"gcp,omitempty"`
}

type awsRole struct {
	RoleARN     string  `json:"role_arn"`
	ExternalID  string  `json:"external_id,omitempty"`
	Endpoint    *string `json:"endpoint,omitempty"`
	SSEKMSKeyID *string `json:"sse_kms_key_id,omitempty"`
}

type role struct {
	AWS *awsRole `json:"aws,omitempty"`
}

type azureSAS struct {
	AccountName string `json:"account_name"`
	SASToken    string `json:"sas_token,omitempty"`
}

type gcpKey struct {
	KeyText   string `json:"key_text,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	KeyID     string `json:"key_id,omitempty"`
}

type token struct {
	Azure *azureSAS `json:"azure,omitempty"`
	GCP   *gcpKey   `json:"gcp,omitempty"`
}

// stored is a credential with its secrets; view strips them for answers.
type stored struct {
	UUID            string      `json:"uuid"`
	Name            string      `json:"name"`
	Provider        string      `json:"provider"`
	ProviderDefault bool        `json:"provider_default"`
	AllowedInTasks  bool        `json:"allowed_in_tasks"`
	CreatedAt       string      `json:"created_at"`
	UpdatedAt       string      `json:"updated_at"`
	Credential      *credential `json:"credential,omitempty"`
	Role            *role       `json:"role,omitempty"`
	Token           *token      `json:"token,omitempty"`
}

// Namespace is the fixture namespace besides the sandbox credentials' one.
const Namespace = "conduit-labs"

// New returns an emulator with no credentials.
func New(opts Options) *Emulator {
	e := &Emulator{opts: opts}
	e.Reset()
	return e
}

// Reset implements emu.Emulator.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.namespaces = map[string]bool{Namespace: true}
	for _, ns := range e.opts.Namespaces {
		e.namespaces[ns] = true
	}
	e.creds = map[string]*stored{}
	e.maxPerPage = 100
}

// SetMaxPerPage clamps per_page as a server would, so tests can exercise paging.
func (e *Emulator) SetMaxPerPage(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.maxPerPage = n
}

// Secrets returns the secrets stored for a credential (key namespace/name),
// by wire field name, so tests can see what the provider sent.
func (e *Emulator) Secrets(key string) map[string]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.creds[key]
	if !ok {
		return nil
	}
	out := map[string]string{}
	add := func(k, v string) {
		if v != "" {
			out[k] = v
		}
	}
	if c := s.Credential; c != nil {
		if c.AWS != nil {
			add("secret_access_key", c.AWS.SecretAccessKey)
		}
		if c.Azure != nil {
			add("account_key", c.Azure.AccountKey)
		}
		if c.GCP != nil {
			add("secret_access_key", c.GCP.SecretAccessKey)
		}
	}
	if s.Role != nil && s.Role.AWS != nil {
		add("external_id", s.Role.AWS.ExternalID)
	}
	if t := s.Token; t != nil {
		if t.Azure != nil {
			add("sas_token", t.Azure.SASToken)
		}
		if t.GCP != nil {
			add("key_text", t.GCP.KeyText)
		}
	}
	return out
}

// Name implements emu.Emulator.
func (e *Emulator) Name() string { return "tiledb" }

// Routes implements emu.Emulator.
func (e *Emulator) Routes() []emu.Route {
	base := e.opts.Prefix + "/v2/credentials/{namespace}"
	return []emu.Route{
		{Pattern: "GET " + base, Handler: e.list},
		{Pattern: "POST " + base, Handler: e.create},
		{Pattern: "GET " + base + "/{name}", Handler: e.get},
		{Pattern: "PATCH " + base + "/{name}", Handler: e.update},
		{Pattern: "DELETE " + base + "/{name}", Handler: e.remove},
	}
}

// Authorized implements emu.Emulator: the API key header, or HTTP basic.
func (e *Emulator) Authorized(r *http.Request) bool {
	if k := r.Header.Get("X-TILEDB-REST-API-KEY"); k != "" {
		return e.opts.APIKey != "" && k == e.opts.APIKey
	}
	user, pass, ok := r.BasicAuth()
	return ok && e.opts.Username != "" && user == e.opts.Username && pass == e.opts.Password
}

// errorCodes are TileDB-style numeric codes per status.
var errorCodes = map[int]int{
	http.StatusBadRequest:      1000,
	http.StatusUnauthorized:    1001,
	http.StatusForbidden:       1002,
	http.StatusNotFound:        1003,
	http.StatusConflict:        1004,
	http.StatusTooManyRequests: 1005,
}

// WriteError implements emu.Emulator with TileDB's `{code, message, request_id}`.
func (e *Emulator) WriteError(w http.ResponseWriter, status int, message string) {
	code, ok := errorCodes[status]
	if !ok {
		code = 2000 + status
	}
	emu.WriteJSON(w, status, map[string]any{"code": code, "message": message, "request_id": newUUID()})
}

// RateHeaders implements emu.Emulator: TileDB documents no rate-limit headers.
func (e *Emulator) RateHeaders(http.Header, emu.RateWindow, bool) {}

// Objects implements emu.Emulator; keys are `<namespace>/<name>`, values the
// wire form (no secrets).
func (e *Emulator) Objects() map[string]json.RawMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]json.RawMessage{}
	for k, s := range e.creds {
		b, _ := json.Marshal(view(s))
		out[k] = b
	}
	return out
}

// Edit implements emu.Emulator: a merge patch on the stored credential.
func (e *Emulator) Edit(key string, patch json.RawMessage) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.creds[key]
	if !ok {
		return emu.ErrNoObject
	}
	if err := emu.PatchStruct(s, patch); err != nil {
		return err
	}
	if k := kinds(s); len(k) == 1 {
		s.Provider = kindProvider[k[0]]
	}
	return nil
}

// Delete implements emu.Emulator.
func (e *Emulator) Delete(key string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.creds[key]; !ok {
		return emu.ErrNoObject
	}
	delete(e.creds, key)
	return nil
}

// view is the wire answer: the stored credential without its secrets.
func view(s *stored) stored {
	v := *s
	if c := s.Credential; c != nil {
		cc := credential{}
		if c.AWS != nil {
			a := *c.AWS
			a.SecretAccessKey = ""
			cc.AWS = &a
		}
		if c.Azure != nil {
			a := *c.Azure
			a.AccountKey = ""
			cc.Azure = &a
		}
		if c.GCP != nil {
			g := *c.GCP
			g.SecretAccessKey = ""
			cc.GCP = &g
		}
		v.Credential = &cc
	}
	if s.Role != nil && s.Role.AWS != nil {
		a := *s.Role.AWS
		a.ExternalID = ""
		v.Role = &role{AWS: &a}
	}
	if t := s.Token; t != nil {
		tt := token{}
		if t.Azure != nil {
			a := *t.Azure
			a.SASToken = ""
			tt.Azure = &a
		}
		if t.GCP != nil {
			g := *t.GCP
			g.KeyText = ""
			tt.GCP = &g
		}
		v.Token = &tt
	}
	return v
}

// kinds lists the sub-objects set on a credential, as wire paths.
func kinds(s *stored) []string {
	var out []string
	if c := s.Credential; c != nil {
		if c.AWS != nil {
			out = append(out, "credential.aws")
		}
		if c.Azure != nil {
			out = append(out, "credential.azure")
		}
		if c.GCP != nil {
			out = append(out, "credential.gcp")
		}
	}
	if s.Role != nil && s.Role.AWS != nil {
		out = append(out, "role.aws")
	}
	if t := s.Token; t != nil {
		if t.Azure != nil {
			out = append(out, "token.azure")
		}
		if t.GCP != nil {
			out = append(out, "token.gcp")
		}
	}
	return out
}

var kindProvider = map[string]string{
	"credential.aws": "AWS", "role.aws": "AWS",
	"credential.azure": "AZURE", "token.azure": "AZURE",
	"credential.gcp": "GCP", "token.gcp": "GCP",
}

var kindType = map[string]string{
	"credential.aws": "key", "credential.azure": "key", "credential.gcp": "key",
	"role.aws": "arn", "token.gcp": "token", "token.azure": "azure_token",
}

// keyIDs are the access key ids a credential holds, which must be unique in a namespace.
func keyIDs(s *stored) []string {
	var out []string
	if c := s.Credential; c != nil {
		if c.AWS != nil {
			out = append(out, c.AWS.AccessKeyID)
		}
		if c.GCP != nil {
			out = append(out, c.GCP.AccessKeyID)
		}
	}
	if s.Token != nil && s.Token.GCP != nil {
		out = append(out, s.Token.GCP.KeyID)
	}
	return out
}

func (e *Emulator) sortedKeys(namespace string) []string {
	var keys []string
	for k := range e.creds {
		if strings.HasPrefix(k, namespace+"/") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func newUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[16:20], h[20:])
}
