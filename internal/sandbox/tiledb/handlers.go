package tiledb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// readOnly fields are accepted in bodies and ignored, as the API's models mark them.
var readOnly = map[string]bool{"uuid": true, "provider": true, "created_at": true, "updated_at": true}

var writable = map[string]bool{"name": true, "provider_default": true, "allowed_in_tasks": true, "credential": true, "role": true, "token": true}

func (e *Emulator) fail(w http.ResponseWriter, status int, format string, args ...any) {
	e.WriteError(w, status, fmt.Sprintf(format, args...))
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// strict decodes raw into v, rejecting fields the model does not have.
func strict(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// body is a decoded create or update request.
type body struct {
	fields map[string]json.RawMessage
	kind   *stored // only Credential, Role and Token are set
}

func (e *Emulator) decode(w http.ResponseWriter, r *http.Request) (*body, bool) {
	m, err := emu.DecodeStrict(r)
	if err != nil {
		e.fail(w, http.StatusBadRequest, "invalid request body: %v", err)
		return nil, false
	}
	for k := range m {
		if !writable[k] && !readOnly[k] {
			e.fail(w, http.StatusBadRequest, "invalid request body: unknown field %q", k)
			return nil, false
		}
	}
	b := &body{fields: m, kind: &stored{}}
	for _, f := range []struct {
		name string
		dst  any
	}{{"credential", &b.kind.Credential}, {"role", &b.kind.Role}, {"token", &b.kind.Token}} {
		raw, ok := m[f.name]
		if !ok || isNull(raw) {
			continue
		}
		if err := strict(raw, f.dst); err != nil {
			e.fail(w, http.StatusBadRequest, "invalid %s: %v", f.name, err)
			return nil, false
		}
	}
	for _, f := range []string{"provider_default", "allowed_in_tasks"} {
		raw, ok := m[f]
		if !ok || isNull(raw) {
			continue
		}
		var v bool
		if json.Unmarshal(raw, &v) != nil {
			e.fail(w, http.StatusBadRequest, "invalid %s: expected a boolean", f)
			return nil, false
		}
	}
	return b, true
}

// boolField reads a boolean the body sets; ok is false when it is absent or null.
func (b *body) boolField(name string) (v, ok bool) {
	raw, present := b.fields[name]
	if !present || isNull(raw) {
		return false, false
	}
	_ = json.Unmarshal(raw, &v)
	return v, true
}

// validateKind checks the one sub-object a request sets and fills the
// server-derived fields. It returns the kind's wire path or a message.
func validateKind(s *stored) (string, string) {
	ks := kinds(s)
	switch len(ks) {
	case 0:
		return "", "exactly one of credential.aws, credential.azure, credential.gcp, role.aws, token.azure or token.gcp must be set"
	case 1:
	default:
		return "", "exactly one credential kind must be set, got " + strings.Join(ks, " and ")
	}
	missing := func(field string) string { return "missing required field " + ks[0] + "." + field }
	switch ks[0] {
	case "credential.aws":
		c := s.Credential.AWS
		if c.AccessKeyID == "" {
			return "", missing("access_key_id")
		}
		if c.SecretAccessKey == "" {
			return "", missing("secret_access_key")
		}
	case "credential.azure":
		c := s.Credential.Azure
		if c.AccountName == "" {
			return "", missing("account_name")
		}
		if c.AccountKey == "" {
			return "", missing("account_key")
		}
	case "credential.gcp":
		c := s.Credential.GCP
		if c.AccessKeyID == "" {
			return "", missing("access_key_id")
		}
		if c.SecretAccessKey == "" {
			return "", missing("secret_access_key")
		}
	case "role.aws":
		c := s.Role.AWS
		if c.RoleARN == "" {
			return "", missing("role_arn")
		}
		if !strings.HasPrefix(c.RoleARN, "arn:") {
			return "", "role.aws.role_arn must be an ARN (arn:aws:iam::<account>:role/<name>)"
		}
		if c.ExternalID == "" {
			return "", missing("external_id")
		}
	case "token.azure":
		c := s.Token.Azure
		if c.AccountName == "" {
			return "", missing("account_name")
		}
		if c.SASToken == "" {
			return "", missing("sas_token")
		}
	case "token.gcp":
		c := s.Token.GCP
		if c.KeyText == "" {
			return "", missing("key_text")
		}
		var key struct {
			ClientEmail  string `json:"client_email"`
			PrivateKeyID string `json:"private_key_id"`
		}
		if json.Unmarshal([]byte(c.KeyText), &key) != nil || key.ClientEmail == "" || key.PrivateKeyID == "" {
			return "", "token.gcp.key_text is not a service account key file (JSON with client_email and private_key_id)"
		}
		c.AccountID, c.KeyID = key.ClientEmail, key.PrivateKeyID
	}
	return ks[0], ""
}

// conflict reports another credential of the namespace with the same name or key id.
func (e *Emulator) conflict(namespace, self string, s *stored) string {
	ids := map[string]bool{}
	for _, id := range keyIDs(s) {
		ids[id] = true
	}
	for _, k := range e.sortedKeys(namespace) {
		other := e.creds[k]
		if other.Name == self {
			continue
		}
		if other.Name == s.Name {
			return fmt.Sprintf("a credential named %q already exists in namespace %s", s.Name, namespace)
		}
		for _, id := range keyIDs(other) {
			if ids[id] {
				return fmt.Sprintf("key id %q is already used by credential %q", id, other.Name)
			}
		}
	}
	return ""
}

// claimDefault enforces one provider_default per provider per namespace: the
// credential that takes it clears it on the others.
func (e *Emulator) claimDefault(namespace string, s *stored, now string) {
	if !s.ProviderDefault {
		return
	}
	for _, k := range e.sortedKeys(namespace) {
		other := e.creds[k]
		if other.Name != s.Name && other.Provider == s.Provider && other.ProviderDefault {
			other.ProviderDefault = false
			other.UpdatedAt = now
		}
	}
}

func (e *Emulator) checkNamespace(w http.ResponseWriter, ns string) bool {
	if !e.namespaces[ns] {
		e.fail(w, http.StatusNotFound, "namespace %s not found", ns)
		return false
	}
	return true
}

func now() string { return emu.Now().Format(time.RFC3339) }

func (e *Emulator) create(w http.ResponseWriter, r *http.Request) {
	b, ok := e.decode(w, r)
	if !ok {
		return
	}
	s := b.kind
	if raw, ok := b.fields["name"]; !ok || json.Unmarshal(raw, &s.Name) != nil || strings.TrimSpace(s.Name) == "" {
		e.fail(w, http.StatusBadRequest, "missing required field name")
		return
	}
	kind, msg := validateKind(s)
	if msg != "" {
		e.fail(w, http.StatusBadRequest, "%s", msg)
		return
	}
	s.Provider = kindProvider[kind]
	s.ProviderDefault, _ = b.boolField("provider_default")
	s.AllowedInTasks, _ = b.boolField("allowed_in_tasks")

	e.mu.Lock()
	defer e.mu.Unlock()
	ns := r.PathValue("namespace")
	if !e.checkNamespace(w, ns) {
		return
	}
	if msg := e.conflict(ns, "", s); msg != "" {
		e.fail(w, http.StatusConflict, "%s", msg)
		return
	}
	t := now()
	s.UUID, s.CreatedAt, s.UpdatedAt = newUUID(), t, t
	e.creds[ns+"/"+s.Name] = s
	e.claimDefault(ns, s, t)
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) lookup(w http.ResponseWriter, r *http.Request) (string, *stored, bool) {
	ns := r.PathValue("namespace")
	if !e.checkNamespace(w, ns) {
		return "", nil, false
	}
	s, ok := e.creds[ns+"/"+r.PathValue("name")]
	if !ok {
		e.fail(w, http.StatusNotFound, "credential %s not found in namespace %s", r.PathValue("name"), ns)
		return "", nil, false
	}
	return ns, s, true
}

func (e *Emulator) get(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, s, ok := e.lookup(w, r); ok {
		emu.WriteJSON(w, http.StatusOK, view(s))
	}
}

func (e *Emulator) update(w http.ResponseWriter, r *http.Request) {
	b, ok := e.decode(w, r)
	if !ok {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	ns, cur, ok := e.lookup(w, r)
	if !ok {
		return
	}
	next := *cur
	if raw, ok := b.fields["name"]; ok && !isNull(raw) {
		var name string
		if json.Unmarshal(raw, &name) != nil || name != cur.Name {
			e.fail(w, http.StatusBadRequest, "a credential cannot be renamed")
			return
		}
	}
	if len(kinds(b.kind)) > 0 {
		kind, msg := validateKind(b.kind)
		if msg != "" {
			e.fail(w, http.StatusBadRequest, "%s", msg)
			return
		}
		if kindProvider[kind] != cur.Provider {
			e.fail(w, http.StatusBadRequest, "the provider of credential %s is %s and cannot change to %s", cur.Name, cur.Provider, kindProvider[kind])
			return
		}
		next.Credential, next.Role, next.Token = b.kind.Credential, b.kind.Role, b.kind.Token
	}
	if v, ok := b.boolField("provider_default"); ok {
		next.ProviderDefault = v
	}
	if v, ok := b.boolField("allowed_in_tasks"); ok {
		next.AllowedInTasks = v
	}
	if msg := e.conflict(ns, cur.Name, &next); msg != "" {
		e.fail(w, http.StatusConflict, "%s", msg)
		return
	}
	t := now()
	next.UpdatedAt = t
	*cur = next
	e.claimDefault(ns, cur, t)
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) remove(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	ns, s, ok := e.lookup(w, r)
	if !ok {
		return
	}
	delete(e.creds, ns+"/"+s.Name)
	w.WriteHeader(http.StatusNoContent)
}

var providers = map[string]bool{"AWS": true, "AZURE": true, "GCP": true}

var types = map[string]bool{"key": true, "arn": true, "token": true, "azure_token": true}

func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	provider, typ := q.Get("provider"), q.Get("type")
	if provider != "" && !providers[provider] {
		e.fail(w, http.StatusBadRequest, "invalid provider %q: must be one of AWS, AZURE, GCP", provider)
		return
	}
	if typ != "" && !types[typ] {
		e.fail(w, http.StatusBadRequest, "invalid type %q: must be one of key, arn, token, azure_token", typ)
		return
	}
	page, perPage := 1, 20
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &page}, {"per_page", &perPage}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				e.fail(w, http.StatusBadRequest, "invalid %s %q: must be a positive integer", p.name, v)
				return
			}
			*p.dst = n
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	ns := r.PathValue("namespace")
	if !e.checkNamespace(w, ns) {
		return
	}
	perPage = min(perPage, e.maxPerPage)
	items := []stored{}
	for _, k := range e.sortedKeys(ns) {
		s := e.creds[k]
		kind := kinds(s)
		if len(kind) != 1 {
			continue
		}
		if (provider != "" && s.Provider != provider) || (typ != "" && kindType[kind[0]] != typ) {
			continue
		}
		items = append(items, view(s))
	}
	total := len(items)
	start := total
	if page-1 <= total/perPage {
		start = min((page-1)*perPage, total)
	}
	end := min(start+perPage, total)
	emu.WriteJSON(w, http.StatusOK, map[string]any{
		"credentials": items[start:end],
		"pagination_metadata": map[string]int{
			"page": page, "per_page": perPage, "total_pages": (total + perPage - 1) / perPage, "total_items": total,
		},
	})
}
