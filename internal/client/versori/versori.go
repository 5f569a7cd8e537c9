package versori

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// API wraps the core client with the Connect connection calls; Connect
// builds it.
type API struct{ c *client.Client }

func orgPath(org string) string { return "/o/" + url.PathEscape(org) }

func connectionPath(org, id string) string {
	return orgPath(org) + "/connections/" + url.PathEscape(id)
}

func environmentPath(org, id, envID string) string {
	return connectionPath(org, id) + "/environments/" + url.PathEscape(envID)
}

// Create adds a connection of the given protocol (POST, 201 with the full
// object). The body is the protocol's create schema, required lists included
// when empty.
func (a *API) Create(ctx context.Context, org, protocol string, in CreateInput) (*Connection, error) {
	defer a.c.Changed(org)
	path := orgPath(org) + "/protocols/" + url.PathEscape(protocol) + "/connections"
	var out Connection
	return &out, a.call(ctx, http.MethodPost, path, in.body(protocol), &out)
}

// Get reads one connection.
func (a *API) Get(ctx context.Context, org, id string) (*Connection, error) {
	var out Connection
	return &out, a.call(ctx, http.MethodGet, connectionPath(org, id), nil, &out)
}

// Replace sends the whole connection (PUT, 200 with the full object).
func (a *API) Replace(ctx context.Context, org, id string, in ReplaceInput) (*Connection, error) {
	defer a.c.Changed(org)
	in.ID, in.OrganisationID = id, org
	var out Connection
	return &out, a.call(ctx, http.MethodPut, connectionPath(org, id), in, &out)
}

// UpdateEnvironment edits one existing environment (PUT, 200 with the environment).
func (a *API) UpdateEnvironment(ctx context.Context, org, id string, in EnvironmentUpdate) (*Environment, error) {
	defer a.c.Changed(org)
	var out Environment
	return &out, a.call(ctx, http.MethodPut, environmentPath(org, id, in.ID), in, &out)
}

// Delete removes a connection; force removes it even while in use (refused
// otherwise: see IsInUse). A connection already gone is success.
func (a *API) Delete(ctx context.Context, org, id string, force bool) error {
	defer a.c.Changed(org)
	_, err := a.c.Do(ctx, client.Request{
		Method: http.MethodDelete, Path: connectionPath(org, id),
		Query: url.Values{"force": {strconv.FormatBool(force)}},
	})
	if client.IsNotFound(err) {
		return nil
	}
	return err
}

// IsInUse reports whether err is a delete refused because the connection is
// in use: 409 in the v1alpha1 spec's DeleteConnection, 412 in v1's.
func IsInUse(err error) bool {
	var apiErr *client.APIError
	return errors.As(err, &apiErr) && (apiErr.Status == http.StatusConflict || apiErr.Status == http.StatusPreconditionFailed)
}

func (a *API) call(ctx context.Context, method, path string, body, out any) error {
	resp, err := a.c.Do(ctx, client.Request{Method: method, Path: path, Body: body})
	if err != nil {
		return err
	}
	if err := resp.Decode(out); err != nil {
		return resp.Undecodable(err)
	}
	if v, ok := out.(interface{ hasID() bool }); ok && !v.hasID() {
		return resp.Undecodable(nil, "no id in the answer")
	}
	return nil
}

func (c *Connection) hasID() bool  { return c.ID != "" }
func (e *Environment) hasID() bool { return e.ID != "" }
