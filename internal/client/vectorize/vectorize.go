package vectorize

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// SourceConnector is the API's view of a source connector. ConfigDoc holds the
// non-secret configuration: secret fields are never echoed back.
type SourceConnector struct {
	ID                 string          `json:"id"`
	Type               string          `json:"type"`
	Name               string          `json:"name"`
	ConfigDoc          json.RawMessage `json:"configDoc,omitempty"`
	CreatedAt          string          `json:"createdAt,omitempty"`
	CreatedByID        string          `json:"createdById,omitempty"`
	LastUpdatedByID    string          `json:"lastUpdatedById,omitempty"`
	CreatedByEmail     string          `json:"createdByEmail,omitempty"`
	LastUpdatedByEmail string          `json:"lastUpdatedByEmail,omitempty"`
	ErrorMessage       string          `json:"errorMessage,omitempty"`
	VerificationStatus string          `json:"verificationStatus,omitempty"`
}

// ConnectorRef is what the create answer carries: only the id and the name.
type ConnectorRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CreateRequest is one connector to create. Config holds the public and the
// secret settings together, as the API wants them in one object.
type CreateRequest struct {
	Name   string         `json:"name"`
	Type   string         `json:"type"`
	Config map[string]any `json:"config,omitempty"`
}

// User is a user of an OAuth multi-user connector. SelectedFiles is sent as
// is; empty means none chosen (see AddUser and UpdateUser).
type User struct {
	UserID        string          `json:"userId"`
	SelectedFiles json.RawMessage `json:"selectedFiles,omitempty"`
	RefreshToken  string          `json:"refreshToken,omitempty"`
	AccessToken   string          `json:"accessToken,omitempty"`
}

// API wraps the core client with the source-connector calls; Connect
// builds it.
type API struct{ c *client.Client }

func sourcesPath(orgID string) string {
	return "/org/" + url.PathEscape(orgID) + "/connectors/sources"
}

func sourcePath(orgID, id string) string {
	return sourcesPath(orgID) + "/" + url.PathEscape(id)
}

func workspaceQuery(workspaceID string) url.Values {
	if workspaceID == "" {
		return nil
	}
	return url.Values{"workspaceId": {workspaceID}}
}

// Create sends one connector object (the current API shape) and returns its
// id and name. The answer is `{connector}`, or `{connectors:[…]}` from
// deployments still on the older array shape; both are accepted.
func (a *API) Create(ctx context.Context, orgID, workspaceID string, req CreateRequest) (*ConnectorRef, error) {
	defer a.c.Changed(orgID)
	p := sourcesPath(orgID)
	resp, err := a.c.Do(ctx, client.Request{Method: http.MethodPost, Path: p, Query: workspaceQuery(workspaceID), Body: req})
	if err != nil {
		return nil, err
	}
	ref, derr := decodeCreated(resp.Body)
	if derr != nil {
		return nil, resp.Undecodable(derr)
	}
	return ref, nil
}

func decodeCreated(body []byte) (*ConnectorRef, error) {
	var out struct {
		Connector  *ConnectorRef  `json:"connector"`
		Connectors []ConnectorRef `json:"connectors"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, err
	}
	switch {
	case out.Connector != nil && out.Connector.ID != "":
		return out.Connector, nil
	case len(out.Connectors) == 1 && out.Connectors[0].ID != "":
		return &out.Connectors[0], nil
	case len(out.Connectors) > 1:
		return nil, fmt.Errorf("expected one created connector, got %d", len(out.Connectors))
	}
	return nil, fmt.Errorf("no connector id in the answer")
}

// Get reads one source connector.
func (a *API) Get(ctx context.Context, orgID, id string) (*SourceConnector, error) {
	p := sourcePath(orgID, id)
	resp, err := a.c.Do(ctx, client.Request{Method: http.MethodGet, Path: p})
	if err != nil {
		return nil, err
	}
	var out SourceConnector
	if err := resp.Decode(&out); err != nil || out.ID == "" {
		return nil, undecodable(resp, err)
	}
	return &out, nil
}

// Update replaces the connector's configuration (PATCH `{config}`); the API
// cannot rename a connector or change its type. It answers with the updated connector.
func (a *API) Update(ctx context.Context, orgID, id string, config map[string]any) (*SourceConnector, error) {
	defer a.c.Changed(orgID)
	p := sourcePath(orgID, id)
	if config == nil {
		config = map[string]any{}
	}
	resp, err := a.c.Do(ctx, client.Request{Method: http.MethodPatch, Path: p, Body: map[string]any{"config": config}})
	if err != nil {
		return nil, err
	}
	var out struct {
		Data struct {
			UpdatedConnector *SourceConnector `json:"updatedConnector"`
		} `json:"data"`
	}
	if err := resp.Decode(&out); err != nil || out.Data.UpdatedConnector == nil || out.Data.UpdatedConnector.ID == "" {
		return nil, undecodable(resp, err)
	}
	return out.Data.UpdatedConnector, nil
}

// Delete removes the connector. One already gone is success.
func (a *API) Delete(ctx context.Context, orgID, id string) error {
	defer a.c.Changed(orgID)
	_, err := a.c.Do(ctx, client.Request{Method: http.MethodDelete, Path: sourcePath(orgID, id)})
	if client.IsNotFound(err) {
		return nil
	}
	return err
}

// AddUser adds a user to an OAuth multi-user connector. The spec's
// AddUserToSourceConnectorRequest requires selectedFiles: `{}` is sent
// when the user has none.
func (a *API) AddUser(ctx context.Context, orgID, id string, u User) error {
	b := u.body()
	if _, ok := b["selectedFiles"]; !ok {
		b["selectedFiles"] = map[string]any{}
	}
	return a.userCall(ctx, http.MethodPost, orgID, id, b)
}

// UpdateUser changes a user's selected files and tokens. The spec's
// UpdateUserInSourceConnectorRequest requires only userId and says to send
// selectedFiles only when the selection changed, so an unset one is left
// out rather than sent as `{}`, which could clear the user's selection.
func (a *API) UpdateUser(ctx context.Context, orgID, id string, u User) error {
	return a.userCall(ctx, http.MethodPatch, orgID, id, u.body())
}

// RemoveUser removes a user; the DELETE carries `{userId}` as its JSON body.
// A user or connector already gone is success.
func (a *API) RemoveUser(ctx context.Context, orgID, id, userID string) error {
	err := a.userCall(ctx, http.MethodDelete, orgID, id, map[string]any{"userId": userID})
	if client.IsNotFound(err) {
		return nil
	}
	return err
}

func (u User) body() map[string]any {
	b := map[string]any{"userId": u.UserID}
	if len(u.SelectedFiles) > 0 {
		b["selectedFiles"] = u.SelectedFiles
	}
	if u.RefreshToken != "" {
		b["refreshToken"] = u.RefreshToken
	}
	if u.AccessToken != "" {
		b["accessToken"] = u.AccessToken
	}
	return b
}

func (a *API) userCall(ctx context.Context, method, orgID, id string, body any) error {
	defer a.c.Changed(orgID)
	_, err := a.c.Do(ctx, client.Request{Method: method, Path: sourcePath(orgID, id) + "/users", Body: body})
	return err
}

func undecodable(resp *client.Response, err error) error {
	if err != nil {
		return resp.Undecodable(err)
	}
	return resp.Undecodable(nil, "no connector in the body")
}
