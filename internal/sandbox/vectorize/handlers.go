package vectorize

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// The spec's 400/404 bodies are `{error, details?, failedUpdates?,
// successfulUpdates?}` with `details` a string; "Invalid request" and "Not
// found" are the spec's descriptions of those statuses.
const invalidRequest = "Invalid request"

func badRequest(w http.ResponseWriter, format string, args ...any) {
	writeError(w, http.StatusBadRequest, invalidRequest, fmt.Sprintf(format, args...))
}

func notFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, "Not found", "Source connector "+id+" not found")
}

// checkOrg answers 403 when the key does not belong to the organization.
// Assumption: the spec documents 403 "Forbidden" without saying when.
func (e *Emulator) checkOrg(w http.ResponseWriter, org string) bool {
	if !e.orgs[org] {
		writeError(w, http.StatusForbidden, "Forbidden", "You do not have access to organization "+org)
		return false
	}
	return true
}

// connectorFor finds the addressed connector under the lock, or answers 403/404.
func (e *Emulator) connectorFor(w http.ResponseWriter, r *http.Request) *connector {
	org, id := r.PathValue("organizationId"), r.PathValue("sourceConnectorId")
	if !e.checkOrg(w, org) {
		return nil
	}
	c, ok := e.connectors[org+"/"+id]
	if !ok {
		notFound(w, id)
		return nil
	}
	return c
}

// create is createSourceConnector: the spec's single object answers
// `{message, connector:{id, name}}` (CreateSourceConnectorResponse); seed
// 003's array answers `{message, connectors:[…]}` (assumption: the seed
// names the model only; the shape is API-NOTES').
func (e *Emulator) create(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, 1<<20)); err != nil {
		badRequest(w, "unreadable body")
		return
	}
	items, legacy, msg := decodeCreate(buf.Bytes())
	if msg != "" {
		badRequest(w, "%s", msg)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("organizationId")
	if !e.checkOrg(w, org) {
		return
	}
	// Assumption: an array is all or nothing, every item checked first.
	for _, it := range items {
		if msg := e.checkCreate(it); msg != "" {
			badRequest(w, "%s", msg)
			return
		}
	}
	refs := make([]map[string]string, 0, len(items))
	for _, it := range items {
		e.next++
		now := timestamp()
		c := &connector{
			Org: org, WorkspaceID: r.URL.Query().Get("workspaceId"), ID: newUUID(), Type: it.Type, Name: it.Name,
			Config: it.Config, CreatedAt: now,
			CreatedByID: UserID, LastUpdatedByID: UserID, CreatedByEmail: UserEmail, LastUpdatedByEmail: UserEmail,
			VerificationStatus: "verified", seq: e.next,
		}
		if c.Config == nil {
			c.Config = map[string]any{}
		}
		e.connectors[org+"/"+c.ID] = c
		refs = append(refs, map[string]string{"id": c.ID, "name": c.Name})
	}
	if legacy {
		emu.WriteJSON(w, http.StatusOK, map[string]any{"message": fmt.Sprintf("Successfully created %d source connector(s)", len(refs)), "connectors": refs})
		return
	}
	emu.WriteJSON(w, http.StatusOK, map[string]any{"message": "Successfully created source connector", "connector": refs[0]})
}

func (e *Emulator) get(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c := e.connectorFor(w, r); c != nil {
		emu.WriteJSON(w, http.StatusOK, e.view(c))
	}
}

// update is updateSourceConnector: UpdateSourceConnectorRequest has only
// `config` (no name, no type), itself optional; when present it is the
// type's AuthConfig, required keys and secrets included. The answer is
// UpdateSourceConnectorResponse `{message, data:{updatedConnector, pipelineIds}}`.
func (e *Emulator) update(w http.ResponseWriter, r *http.Request) {
	body, err := emu.DecodeStrict(r)
	if err != nil {
		badRequest(w, "malformed JSON body: %v", err)
		return
	}
	// Assumption: unknown fields (name, type) are refused, not ignored.
	for k := range body {
		if k != "config" {
			badRequest(w, "only config can be updated, got %q", k)
			return
		}
	}
	var config map[string]any
	raw, hasConfig := body["config"]
	if hasConfig && (json.Unmarshal(raw, &config) != nil || config == nil) {
		badRequest(w, "config must be an object")
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.connectorFor(w, r)
	if c == nil {
		return
	}
	if hasConfig {
		if msg := e.checkConfig(c.Type, config); msg != "" {
			badRequest(w, "%s", msg)
			return
		}
		// Assumption: the PATCH config replaces the stored one (the spec does
		// not say replace or merge; the provider always sends it whole).
		c.Config = config
		c.VerificationStatus, c.ErrorMessage = "verified", ""
	}
	c.LastUpdatedByID, c.LastUpdatedByEmail = UserID, UserEmail
	emu.WriteJSON(w, http.StatusOK, map[string]any{
		"message": "Source connector successfully updated",
		"data":    map[string]any{"updatedConnector": e.view(c), "pipelineIds": []string{}},
	})
}

// remove is deleteSourceConnector: `{message}` (DeleteSourceConnectorResponse).
func (e *Emulator) remove(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.connectorFor(w, r)
	if c == nil {
		return
	}
	delete(e.connectors, c.Org+"/"+c.ID)
	emu.WriteJSON(w, http.StatusOK, map[string]string{"message": "Source connector successfully deleted"})
}

// list is getSourceConnectors as the spec behind the 0.4.0 client has it:
// the organization and an optional workspaceId filter, answered whole as
// `{sourceConnectors}` with no nextToken. Assumption: other query
// parameters (a later spec's limit and nextToken) are ignored, unless a
// test turned paging on (PageList).
func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("organizationId")
	if !e.checkOrg(w, org) {
		return
	}
	all := e.sorted(org, r.URL.Query().Get("workspaceId"))
	answer := map[string]any{}
	if e.pageSize > 0 {
		var ok bool
		if all, ok = e.page(w, all, r.URL.Query().Get("nextToken"), answer); !ok {
			return
		}
	}
	items := make([]wire, 0, len(all))
	for _, c := range all {
		items = append(items, e.view(c))
	}
	answer["sourceConnectors"] = items
	emu.WriteJSON(w, http.StatusOK, answer)
}

// userConnector finds a connector that can have users, or answers. The
// spec's users operations are for "types ending with '_OAUTH_MULTI' or
// '_OAUTH_MULTI_CUSTOM'"; assumption: other types get a 400.
func (e *Emulator) userConnector(w http.ResponseWriter, r *http.Request) *connector {
	c := e.connectorFor(w, r)
	if c == nil {
		return nil
	}
	if !strings.Contains(c.Type, "_OAUTH_MULTI") {
		badRequest(w, "connector type %s does not support users; only OAuth multi-user connectors do", c.Type)
		return nil
	}
	return c
}

func (u userBody) stored() *oauthU {
	s := &oauthU{SelectedFiles: u.SelectedFiles}
	if u.RefreshToken != nil {
		s.RefreshToken = *u.RefreshToken
	}
	if u.AccessToken != nil {
		s.AccessToken = *u.AccessToken
	}
	return s
}

// readUser decodes a users body, or answers 400.
func readUser(w http.ResponseWriter, r *http.Request, shape userShape) (userBody, bool) {
	body, err := emu.DecodeStrict(r)
	if err != nil {
		badRequest(w, "malformed JSON body: %v", err)
		return userBody{}, false
	}
	u, msg := decodeUser(body, shape)
	if msg != "" {
		badRequest(w, "%s", msg)
		return u, false
	}
	return u, true
}

func userNotFound(w http.ResponseWriter, c *connector, userID string) {
	writeError(w, http.StatusNotFound, "Not found", "User "+userID+" not found in source connector "+c.ID)
}

// addUser is addUserToSourceConnector: `{message}`. Assumption: a user
// already added gets a 400.
func (e *Emulator) addUser(w http.ResponseWriter, r *http.Request) {
	u, ok := readUser(w, r, addUser)
	if !ok {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.userConnector(w, r)
	if c == nil {
		return
	}
	if _, exists := c.Users[u.UserID]; exists {
		badRequest(w, "user %s is already added to this source connector", u.UserID)
		return
	}
	if c.Users == nil {
		c.Users = map[string]*oauthU{}
	}
	c.Users[u.UserID] = u.stored()
	emu.WriteJSON(w, http.StatusOK, map[string]string{"message": "User successfully added to the source connector"})
}

// updateUser is updateUserInSourceConnector: only userId is required; the
// spec says to include selectedFiles and tokens only when they changed, so
// what is left out is kept. Assumption: an unknown user gets a 404.
func (e *Emulator) updateUser(w http.ResponseWriter, r *http.Request) {
	u, ok := readUser(w, r, updateUser)
	if !ok {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.userConnector(w, r)
	if c == nil {
		return
	}
	prev, exists := c.Users[u.UserID]
	if !exists {
		userNotFound(w, c, u.UserID)
		return
	}
	next := u.stored()
	if u.SelectedFiles == nil {
		next.SelectedFiles = prev.SelectedFiles
	}
	if u.RefreshToken == nil {
		next.RefreshToken = prev.RefreshToken
	}
	if u.AccessToken == nil {
		next.AccessToken = prev.AccessToken
	}
	c.Users[u.UserID] = next
	emu.WriteJSON(w, http.StatusOK, map[string]string{"message": "User successfully updated in the source connector"})
}

// removeUser is deleteUserFromSourceConnector, whose DELETE carries
// `{userId}` as its JSON body. Assumption: an unknown user gets a 404.
func (e *Emulator) removeUser(w http.ResponseWriter, r *http.Request) {
	u, ok := readUser(w, r, removeUser)
	if !ok {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.userConnector(w, r)
	if c == nil {
		return
	}
	if _, exists := c.Users[u.UserID]; !exists {
		userNotFound(w, c, u.UserID)
		return
	}
	delete(c.Users, u.UserID)
	emu.WriteJSON(w, http.StatusOK, map[string]string{"message": "User successfully removed from the source connector"})
}
