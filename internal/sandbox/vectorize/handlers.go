package vectorize

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

const invalidRequest = "Invalid request"

func badRequest(w http.ResponseWriter, format string, args ...any) {
	writeError(w, http.StatusBadRequest, invalidRequest, fmt.Sprintf(format, args...))
}

func notFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, "Not found", "Source connector "+id+" not found")
}

// checkOrg answers 403 when the key does not belong to the organization.
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

type createItem struct {
	Name   string         `json:"name"`
	Type   string         `json:"type"`
	Config map[string]any `json:"config"`
}

// decodeCreate accepts the current single-object body and the older array.
func decodeCreate(raw []byte) ([]createItem, bool, string) {
	raw = bytes.TrimSpace(raw)
	var items []json.RawMessage
	legacy := len(raw) > 0 && raw[0] == '['
	if legacy {
		if json.Unmarshal(raw, &items) != nil || len(items) == 0 {
			return nil, true, "body must be a connector object or a non-empty array of connectors"
		}
	} else {
		items = []json.RawMessage{raw}
	}
	out := make([]createItem, 0, len(items))
	for i, it := range items {
		var fields map[string]json.RawMessage
		if json.Unmarshal(it, &fields) != nil || fields == nil {
			return nil, legacy, fmt.Sprintf("connector %d must be a JSON object", i)
		}
		for k := range fields {
			if k != "name" && k != "type" && k != "config" {
				return nil, legacy, fmt.Sprintf("unknown field %q", k)
			}
		}
		var c createItem
		if err := json.Unmarshal(it, &c); err != nil {
			return nil, legacy, "malformed connector: " + err.Error()
		}
		if strings.TrimSpace(c.Name) == "" {
			return nil, legacy, "name is required"
		}
		if c.Type == "" {
			return nil, legacy, "type is required"
		}
		out = append(out, c)
	}
	return out, legacy, ""
}

// checkConfig validates a config against its type's required keys and value types.
func (e *Emulator) checkConfig(typ string, config map[string]any) string {
	spec, ok := e.types[typ]
	if !ok {
		return fmt.Sprintf("invalid connector type %q", typ)
	}
	for _, k := range spec.required {
		v, present := config[k]
		if !present || v == nil || v == "" {
			return fmt.Sprintf("config.%s is required for connector type %s", k, typ)
		}
		if arr, isArr := v.([]any); isArr && len(arr) == 0 {
			return fmt.Sprintf("config.%s is required for connector type %s", k, typ)
		}
	}
	if v, ok := config["seed-urls"]; ok && typ == "WEB_CRAWLER" {
		arr, isArr := v.([]any)
		for _, u := range arr {
			if s, isStr := u.(string); !isStr || !strings.HasPrefix(s, "http") {
				isArr = false
			}
		}
		if !isArr {
			return "config.seed-urls must be an array of http(s) URLs"
		}
	}
	if v, ok := config["archiver"]; ok {
		if _, isBool := v.(bool); !isBool {
			return "config.archiver must be a boolean"
		}
	}
	return ""
}

func (e *Emulator) withDefaults(typ string, config map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range e.types[typ].defaults {
		out[k] = v
	}
	for k, v := range config {
		out[k] = v
	}
	return out
}

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
	// All items are checked before any is created.
	for _, it := range items {
		if msg := e.checkConfig(it.Type, it.Config); msg != "" {
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
			Config: e.withDefaults(it.Type, it.Config), CreatedAt: now,
			CreatedByID: UserID, LastUpdatedByID: UserID, CreatedByEmail: UserEmail, LastUpdatedByEmail: UserEmail,
			VerificationStatus: "verified", seq: e.next,
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

func (e *Emulator) update(w http.ResponseWriter, r *http.Request) {
	body, err := emu.DecodeStrict(r)
	if err != nil {
		badRequest(w, "malformed JSON body: %v", err)
		return
	}
	for k := range body {
		if k != "config" {
			badRequest(w, "only config can be updated, got %q", k)
			return
		}
	}
	var config map[string]any
	if raw, ok := body["config"]; !ok || json.Unmarshal(raw, &config) != nil || config == nil {
		badRequest(w, "config is required and must be an object")
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.connectorFor(w, r)
	if c == nil {
		return
	}
	// The PATCH replaces the config: secrets must be sent again.
	if msg := e.checkConfig(c.Type, config); msg != "" {
		badRequest(w, "%s", msg)
		return
	}
	c.Config = e.withDefaults(c.Type, config)
	c.LastUpdatedByID, c.LastUpdatedByEmail = UserID, UserEmail
	c.VerificationStatus, c.ErrorMessage = "verified", ""
	emu.WriteJSON(w, http.StatusOK, map[string]any{
		"message": "Source connector successfully updated",
		"data":    map[string]any{"updatedConnector": e.view(c), "pipelineIds": []string{}},
	})
}

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

// pageSize is used when the request has no limit.
const pageSize = 50

func (e *Emulator) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := e.defaultPage()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			badRequest(w, "limit must be an integer between 1 and 100")
			return
		}
		limit = n
	}
	offset := 0
	if tok := q.Get("nextToken"); tok != "" {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		n, perr := strconv.Atoi(strings.TrimPrefix(string(raw), "offset:"))
		if err != nil || perr != nil || !strings.HasPrefix(string(raw), "offset:") || n < 0 {
			badRequest(w, "invalid nextToken")
			return
		}
		offset = n
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	org := r.PathValue("organizationId")
	if !e.checkOrg(w, org) {
		return
	}
	all := e.sorted(org, q.Get("workspaceId"))
	start := min(offset, len(all))
	end := min(start+limit, len(all))
	items := make([]wire, 0, end-start)
	for _, c := range all[start:end] {
		items = append(items, e.view(c))
	}
	body := map[string]any{"sourceConnectors": items}
	if end < len(all) {
		body["nextToken"] = base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(end)))
	}
	emu.WriteJSON(w, http.StatusOK, body)
}

func (e *Emulator) defaultPage() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pageSize > 0 {
		return e.pageSize
	}
	return pageSize
}

// SetPageSize changes the page size used when a list request has no limit.
func (e *Emulator) SetPageSize(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pageSize = n
}

type userBody struct {
	UserID        string          `json:"userId"`
	SelectedFiles json.RawMessage `json:"selectedFiles"`
	RefreshToken  *string         `json:"refreshToken"`
	AccessToken   *string         `json:"accessToken"`
}

// decodeUser reads a users body; full is false for DELETE, which takes only userId.
func decodeUser(r *http.Request, full bool) (userBody, string) {
	var u userBody
	body, err := emu.DecodeStrict(r)
	if err != nil {
		return u, "malformed JSON body: " + err.Error()
	}
	allowed := map[string]bool{"userId": true}
	if full {
		allowed["selectedFiles"], allowed["refreshToken"], allowed["accessToken"] = true, true, true
	}
	for k := range body {
		if !allowed[k] {
			return u, fmt.Sprintf("unknown field %q", k)
		}
	}
	raw, _ := json.Marshal(body)
	if err := json.Unmarshal(raw, &u); err != nil {
		return u, "malformed user: " + err.Error()
	}
	if strings.TrimSpace(u.UserID) == "" {
		return u, "userId is required"
	}
	if full {
		var files map[string]any
		if json.Unmarshal(u.SelectedFiles, &files) != nil || files == nil {
			return u, "selectedFiles is required and must be an object"
		}
	}
	return u, ""
}

// userConnector finds a connector that can have users, or answers.
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

func (e *Emulator) addUser(w http.ResponseWriter, r *http.Request) {
	u, msg := decodeUser(r, true)
	if msg != "" {
		badRequest(w, "%s", msg)
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

func (e *Emulator) updateUser(w http.ResponseWriter, r *http.Request) {
	u, msg := decodeUser(r, true)
	if msg != "" {
		badRequest(w, "%s", msg)
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
		writeError(w, http.StatusNotFound, "Not found", "User "+u.UserID+" not found in source connector "+c.ID)
		return
	}
	next := u.stored()
	// Tokens left out of the body are kept.
	if u.RefreshToken == nil {
		next.RefreshToken = prev.RefreshToken
	}
	if u.AccessToken == nil {
		next.AccessToken = prev.AccessToken
	}
	c.Users[u.UserID] = next
	emu.WriteJSON(w, http.StatusOK, map[string]string{"message": "User successfully updated in the source connector"})
}

func (e *Emulator) removeUser(w http.ResponseWriter, r *http.Request) {
	u, msg := decodeUser(r, false)
	if msg != "" {
		badRequest(w, "%s", msg)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.userConnector(w, r)
	if c == nil {
		return
	}
	if _, exists := c.Users[u.UserID]; !exists {
		writeError(w, http.StatusNotFound, "Not found", "User "+u.UserID+" not found in source connector "+c.ID)
		return
	}
	delete(c.Users, u.UserID)
	emu.WriteJSON(w, http.StatusOK, map[string]string{"message": "User successfully removed from the source connector"})
}
