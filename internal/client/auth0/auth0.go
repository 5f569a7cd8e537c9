// Package auth0 is the typed client for the Auth0 Management API v2
// organization-connections endpoints.
package auth0

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Connection is the connection summary embedded in each organization connection.
type Connection struct {
	Name     string `json:"name"`
	Strategy string `json:"strategy"`
}

// OrganizationConnection is the API's view of a connection enabled on an organization.
type OrganizationConnection struct {
	ConnectionID               string      `json:"connection_id"`
	OrganizationConnectionName *string     `json:"organization_connection_name,omitempty"`
	AssignMembershipOnLogin    *bool       `json:"assign_membership_on_login,omitempty"`
	ShowAsButton               *bool       `json:"show_as_button,omitempty"`
	IsSignupEnabled            *bool       `json:"is_signup_enabled,omitempty"`
	OrganizationAccessLevel    *string     `json:"organization_access_level,omitempty"`
	IsEnabled                  *bool       `json:"is_enabled,omitempty"`
	Connection                 *Connection `json:"connection,omitempty"`
}

// Settings are the writable fields. A nil pointer is left out of the body;
// ClearName sends an explicit null for organization_connection_name.
type Settings struct {
	OrganizationConnectionName *string
	ClearName                  bool
	AssignMembershipOnLogin    *bool
	ShowAsButton               *bool
	IsSignupEnabled            *bool
	OrganizationAccessLevel    *string
	IsEnabled                  *bool
}

func (s Settings) body() map[string]any {
	b := map[string]any{}
	switch {
	case s.OrganizationConnectionName != nil:
		b["organization_connection_name"] = *s.OrganizationConnectionName
	case s.ClearName:
		b["organization_connection_name"] = nil
	}
	put := func(k string, v any, set bool) {
		if set {
			b[k] = v
		}
	}
	put("assign_membership_on_login", deref(s.AssignMembershipOnLogin), s.AssignMembershipOnLogin != nil)
	put("show_as_button", deref(s.ShowAsButton), s.ShowAsButton != nil)
	put("is_signup_enabled", deref(s.IsSignupEnabled), s.IsSignupEnabled != nil)
	put("organization_access_level", deref(s.OrganizationAccessLevel), s.OrganizationAccessLevel != nil)
	put("is_enabled", deref(s.IsEnabled), s.IsEnabled != nil)
	return b
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// API wraps the core client with the organization-connection calls; Connect
// builds it.
type API struct{ c *client.Client }

func connectionsPath(orgID string) string {
	return "/organizations/" + url.PathEscape(orgID) + "/connections"
}

func connectionPath(orgID, connectionID string) string {
	return connectionsPath(orgID) + "/" + url.PathEscape(connectionID)
}

// Add enables a connection on an organization (POST, 201 with the full object).
func (a *API) Add(ctx context.Context, orgID, connectionID string, s Settings) (*OrganizationConnection, error) {
	defer a.c.Changed(orgID)
	body := s.body()
	body["connection_id"] = connectionID
	return a.call(ctx, http.MethodPost, connectionsPath(orgID), body)
}

// Get reads one organization connection.
func (a *API) Get(ctx context.Context, orgID, connectionID string) (*OrganizationConnection, error) {
	return a.call(ctx, http.MethodGet, connectionPath(orgID, connectionID), nil)
}

// Update patches the writable fields (200 with the full object).
func (a *API) Update(ctx context.Context, orgID, connectionID string, s Settings) (*OrganizationConnection, error) {
	defer a.c.Changed(orgID)
	return a.call(ctx, http.MethodPatch, connectionPath(orgID, connectionID), s.body())
}

// Delete disables the connection on the organization. A pair already gone is success.
func (a *API) Delete(ctx context.Context, orgID, connectionID string) error {
	defer a.c.Changed(orgID)
	_, err := a.c.Do(ctx, client.Request{Method: http.MethodDelete, Path: connectionPath(orgID, connectionID)})
	if client.IsNotFound(err) {
		return nil
	}
	return err
}

// ListOptions filters List.
type ListOptions struct {
	IsEnabled *bool
	PerPage   int
}

// listPage is the include_totals answer; its limit (the number of
// connections answered, in recorded traffic) is not needed.
type listPage struct {
	Connections []OrganizationConnection `json:"connections"`
	Start       int                      `json:"start"`
	Total       int                      `json:"total"`
}

// List returns every connection of the organization (see Each).
func (a *API) List(ctx context.Context, orgID string, opts ListOptions) ([]OrganizationConnection, error) {
	return client.Collect(a.Each(ctx, orgID, opts))
}

func (a *API) call(ctx context.Context, method, path string, body any) (*OrganizationConnection, error) {
	resp, err := a.c.Do(ctx, client.Request{Method: method, Path: path, Body: body})
	if err != nil {
		return nil, err
	}
	var out OrganizationConnection
	if err := resp.Decode(&out); err != nil {
		return nil, resp.Undecodable(err)
	}
	if out.ConnectionID == "" {
		return nil, resp.Undecodable(nil, "no connection_id in the answer")
	}
	return &out, nil
}

// DecodeError reads the Management API's `{statusCode, error, message,
// errorCode}`, where errorCode is sometimes absent (the recorded 404 for an
// unknown organization has none), and the Authentication API's OAuth
// `{error, error_description}` answered by /oauth/token.
func DecodeError(_ int, body []byte) (string, string, []client.FieldError) {
	var e struct {
		Error       string `json:"error"`
		Message     string `json:"message"`
		ErrorCode   string `json:"errorCode"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(body, &e) != nil {
		return "", "", nil
	}
	if e.Message == "" && e.Description != "" {
		return e.Description, e.Error, nil
	}
	msg := e.Message
	if msg == "" {
		msg = e.Error
	}
	return msg, e.ErrorCode, nil
}
