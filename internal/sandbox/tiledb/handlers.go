package tiledb

import (
	"fmt"
	"net/http"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

func (e *Emulator) fail(w http.ResponseWriter, status int, format string, args ...any) {
	e.WriteError(w, status, fmt.Sprintf(format, args...))
}

func (e *Emulator) decodeBody(w http.ResponseWriter, r *http.Request) (*body, bool) {
	b, bad := decode(emu.DecodeStrict(r))
	if bad != "" {
		e.fail(w, http.StatusBadRequest, "%s", bad)
		return nil, false
	}
	return b, true
}

// conflict names a uniqueness rule that s would break in the namespace (self
// is s's current name on PATCH), as "<attribute>: <why>". The spec answers
// conflicts with its default Error, status unstated: 409 is an assumption.
func (e *Emulator) conflict(namespace, self string, s *stored) string {
	var others []*stored
	for _, k := range e.sortedKeys(namespace) {
		if other := e.creds[k]; other.Name != self {
			others = append(others, other)
		}
	}
	// A name identifies a credential in its namespace: every operation on
	// one addresses it as /credentials/{namespace}/{name}.
	for _, other := range others {
		if other.Name == s.Name {
			return fmt.Sprintf("name: a credential named %q already exists in namespace %s", s.Name, namespace)
		}
	}
	if path, id := keyID(s); id != "" {
		for _, other := range others {
			if otherPath, otherID := keyID(other); otherPath == path && otherID == id {
				return fmt.Sprintf("%s: key id %q is already used by credential %q", path, id, other.Name)
			}
		}
	}
	// "There can be at most one default for each unique provider"
	// (AccessCredential.provider_default). Refusing a second one is an
	// assumption; SetProviderDefaultTransfers gives the alternative.
	if s.ProviderDefault && !e.transferDefault {
		for _, other := range others {
			if other.ProviderDefault && other.Provider == s.Provider {
				return fmt.Sprintf("provider_default: credential %q is already the default %s credential of namespace %s", other.Name, s.Provider, namespace)
			}
		}
	}
	return ""
}

// claimDefault clears provider_default on the namespace's other credentials
// of the same provider, when defaults transfer instead of conflicting.
func (e *Emulator) claimDefault(namespace string, s *stored, now string) {
	if !s.ProviderDefault || !e.transferDefault {
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

// checkNamespace answers 404 for a namespace that does not exist (an
// assumption: the spec only has its default error).
func (e *Emulator) checkNamespace(w http.ResponseWriter, ns string) bool {
	if !e.namespaces[ns] {
		e.fail(w, http.StatusNotFound, "namespace %s not found", ns)
		return false
	}
	return true
}

// create is addCredential: 204 without a body.
func (e *Emulator) create(w http.ResponseWriter, r *http.Request) {
	b, ok := e.decodeBody(w, r)
	if !ok {
		return
	}
	s := b.kind
	var named bool
	// The name is what the credential is addressed by, so create needs one
	// (the spec lists no required properties: derived, not stated).
	if s.Name, named = b.name(); !named {
		e.fail(w, http.StatusBadRequest, "missing required field name")
		return
	}
	kind, bad := validateKind(s)
	if bad != "" {
		e.fail(w, http.StatusBadRequest, "%s", bad)
		return
	}
	// provider is readOnly, "derived from the one field which is set".
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

// lookup finds the credential of the path; 404 when there is none (an
// assumption: the spec only has its default error).
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

// get is getCredential: 200 with the AccessCredential, secrets left out.
func (e *Emulator) get(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, s, ok := e.lookup(w, r); ok {
		emu.WriteJSON(w, http.StatusOK, view(s))
	}
}

// update is updateCredential, "changes to make": absent or null fields are
// left alone (provider_default and allowed_in_tasks are x-nullable); 204.
func (e *Emulator) update(w http.ResponseWriter, r *http.Request) {
	b, ok := e.decodeBody(w, r)
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
	// Renaming through PATCH is undocumented: refused (assumption).
	if name, named := b.name(); named && name != cur.Name {
		e.fail(w, http.StatusBadRequest, "a credential cannot be renamed")
		return
	}
	// A kind sub-object replaces the stored one whole, so it carries its
	// secret again (assumption); its provider cannot change (assumption:
	// provider is derived from the kind and readOnly).
	if len(kinds(b.kind)) > 0 {
		kind, bad := validateKind(b.kind)
		if bad != "" {
			e.fail(w, http.StatusBadRequest, "%s", bad)
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

// remove is deleteCredential: 204.
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

// list is listCredentials: AccessCredentialsData, `credentials` always an
// array (x-omitempty false), pages 1-based (PaginationMetadata.page skips
// (page - 1) * per_page items). The default per_page (20), the server's cap
// (100, SetMaxPerPage), the order (by name) and an empty page past the end
// are assumptions.
func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	q, bad := parseListQuery(r.URL.Query())
	if bad != "" {
		e.fail(w, http.StatusBadRequest, "%s", bad)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	ns := r.PathValue("namespace")
	if !e.checkNamespace(w, ns) {
		return
	}
	perPage := min(q.perPage, e.maxPerPage)
	items := []stored{}
	for _, k := range e.sortedKeys(ns) {
		s := e.creds[k]
		kind := kinds(s)
		if len(kind) != 1 {
			continue
		}
		if (q.provider != "" && s.Provider != q.provider) || (q.typ != "" && kindType[kind[0]] != q.typ) {
			continue
		}
		items = append(items, view(s))
	}
	total := len(items)
	start := total
	if q.page-1 <= total/perPage {
		start = min((q.page-1)*perPage, total)
	}
	end := min(start+perPage, total)
	emu.WriteJSON(w, http.StatusOK, map[string]any{
		"credentials": items[start:end],
		"pagination_metadata": map[string]int{
			"page": q.page, "per_page": perPage, "total_pages": (total + perPage - 1) / perPage, "total_items": total,
		},
	})
}
