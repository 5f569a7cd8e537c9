// Package tiledb emulates the TileDB Cloud API v2 credentials endpoints,
// served at the host root as the real host does (/v2/credentials/{namespace}[/{name}]).
//
// Sources: seed 004 and TileDB-Inc/TileDB-Cloud-API-Spec openapi-v2.yaml
// (commit 696d2207, operations addCredential, listCredentials, getCredential,
// updateCredential, deleteCredential; schemas AccessCredential,
// AccessCredentialType, CloudProvider, Error, PaginationMetadata). Every
// behaviour, and each choice made where they are silent, is a row of the
// TileDB section of internal/sandbox/FIDELITY.md.
package tiledb

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
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
}

// Emulator is the in-memory TileDB Cloud.
type Emulator struct {
	opts Options

	mu         sync.Mutex
	namespaces map[string]bool
	creds      map[string]*stored // key namespace/name
	maxPerPage int
	// transferDefault switches to the other plausible reading of "at most
	// one default for each unique provider" (spec AccessCredential.
	// provider_default): a new default clears the old one instead of being
	// refused, so tests can prove the provider copes with either.
	transferDefault bool
}

type awsKey struct {
	AccessKeyID     string  `json:"access_key_id"`
	SecretAccessKey string  `json:"secret_access_key,omitempty"`
	Endpoint        *string `json:"endpoint,omitempty"`
	// kms_id is the spec's name (AWSCredential.kms_id, commit 696d2207).
	KMSID *string `json:"kms_id,omitempty"`
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
	RoleARN    string  `json:"role_arn"`
	ExternalID string  `json:"external_id,omitempty"`
	Endpoint   *string `json:"endpoint,omitempty"`
	KMSID      *string `json:"kms_id,omitempty"`
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
	e.transferDefault = false
}

// AddNamespace makes a namespace exist, as an organization or user would on
// the real service; a Reset keeps it, as it keeps those of Options.
func (e *Emulator) AddNamespace(ns string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.namespaces[ns] = true
	e.opts.Namespaces = append(e.opts.Namespaces, ns)
}

// SetProviderDefaultTransfers makes a new provider_default clear the old one
// (true) instead of answering 409 (false, the default), until the next Reset.
func (e *Emulator) SetProviderDefaultTransfers(on bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.transferDefault = on
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
	// The real host serves /v2 at its root: the TileDB JS SDK
	// (TileDB-Inc/TileDB-Cloud-JS src/utils/updateBasePathAfterRedirect)
	// resets its base path to the answering origin + "/v2" after each answer.
	base := "/v2/credentials/{namespace}"
	return []emu.Route{
		{Pattern: "GET " + base, Handler: e.list},
		{Pattern: "POST " + base, Handler: e.create},
		{Pattern: "GET " + base + "/{name}", Handler: e.get},
		{Pattern: "PATCH " + base + "/{name}", Handler: e.update},
		{Pattern: "DELETE " + base + "/{name}", Handler: e.remove},
	}
}

// Authorized implements emu.Emulator: the API key header, or HTTP basic
// (spec securityDefinitions ApiKeyAuth and BasicAuth; seed 004).
func (e *Emulator) Authorized(r *http.Request) bool {
	if k := r.Header.Get("X-TILEDB-REST-API-KEY"); k != "" {
		return e.opts.APIKey != "" && k == e.opts.APIKey
	}
	user, pass, ok := r.BasicAuth()
	return ok && e.opts.Username != "" && user == e.opts.Username && pass == e.opts.Password
}

// errorCodes are numeric codes per status. The spec's Error.code is an
// int64 whose values it does not list: these are an assumption.
var errorCodes = map[int]int{
	http.StatusBadRequest:      1000,
	http.StatusUnauthorized:    1001,
	http.StatusForbidden:       1002,
	http.StatusNotFound:        1003,
	http.StatusConflict:        1004,
	http.StatusTooManyRequests: 1005,
}

// badGateway is what a proxy in front of the API sends: the spec declares
// every operation's 502 without a schema, unlike its default Error answer.
const badGateway = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"

// WriteError implements emu.Emulator with the spec's Error `{code, message,
// request_id}`, except for 502, which comes from a proxy as HTML.
func (e *Emulator) WriteError(w http.ResponseWriter, status int, message string) {
	if status == http.StatusBadGateway {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, badGateway)
		return
	}
	code, ok := errorCodes[status]
	if !ok {
		code = 2000 + status
	}
	emu.WriteJSON(w, status, map[string]any{"code": code, "message": message, "request_id": newUUID()})
}

// RateHeaders implements emu.Emulator: the spec documents neither 429 nor
// rate-limit headers, so none are sent (an assumption).
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

// view is the wire answer: the stored credential without its secrets, which
// the spec says are "Never returned in responses" (secret_access_key,
// account_key) or tags `tdbrest:"secret"` (external_id, key_text); sas_token
// is untagged and withheld as well (an assumption).
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

// kindType is the list filter's AccessCredentialType of each kind: key (a
// key and secret pair), arn (a role) and token. The spec's enum also has
// azure_token, "alias for token", so it selects every token, GCP's too.
var kindType = map[string]string{
	"credential.aws": "key", "credential.azure": "key", "credential.gcp": "key",
	"role.aws": "arn", "token.gcp": "token", "token.azure": "token",
}

// typeAliases maps each AccessCredentialType value to the type it selects.
var typeAliases = map[string]string{"key": "key", "arn": "arn", "token": "token", "azure_token": "token"}

// keyID is a credential's access key id, which the sandbox keeps unique in a
// namespace (an assumption: the spec tags key id fields `tdbrest:"key_id"`
// without saying they are unique), with its wire path; "" when it has none.
func keyID(s *stored) (string, string) {
	switch {
	case s.Credential != nil && s.Credential.AWS != nil:
		return "credential.aws.access_key_id", s.Credential.AWS.AccessKeyID
	case s.Credential != nil && s.Credential.GCP != nil:
		return "credential.gcp.access_key_id", s.Credential.GCP.AccessKeyID
	case s.Token != nil && s.Token.GCP != nil:
		return "token.gcp.key_id", s.Token.GCP.KeyID
	}
	return "", ""
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
