// Package base is the lifecycle every resource and data source shares:
// getting the configured vendor client, naming a missing service, turning API
// errors into diagnostics, 404 handling and import-id parsing.
package base

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Service describes a vendor as users configure it.
type Service struct {
	Block string
	Env   string
	pick  func(*client.Clients) *client.Client
}

// The four services and how to configure them.
var (
	Auth0 = Service{"auth0", "AUTH0_DOMAIN with AUTH0_API_TOKEN, or with AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET",
		func(c *client.Clients) *client.Client { return c.Auth0 }}
	Versori = Service{"versori", "VERSORI_API_KEY (and VERSORI_ENDPOINT, VERSORI_ORGANISATION_ID)",
		func(c *client.Clients) *client.Client { return c.Versori }}
	Vectorize = Service{"vectorize", "VECTORIZE_API_KEY or VECTORIZE_TOKEN (and VECTORIZE_ENDPOINT, VECTORIZE_ORGANIZATION_ID)",
		func(c *client.Clients) *client.Client { return c.Vectorize }}
	TileDB = Service{"tiledb", "TILEDB_REST_TOKEN, or TILEDB_REST_USERNAME and TILEDB_REST_PASSWORD (and TILEDB_REST_HOST, TILEDB_NAMESPACE)",
		func(c *client.Clients) *client.Client { return c.TileDB }}
)

// Clients reads the provider data handed to Configure. It returns nil without
// error while the provider is not configured yet (validation runs before).
func Clients(providerData any, diags *diag.Diagnostics) *client.Clients {
	if providerData == nil {
		return nil
	}
	c, ok := providerData.(*client.Clients)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *client.Clients, got %T; please report this issue", providerData))
		return nil
	}
	return c
}

// Client returns the service's client or adds the one diagnostic that names
// the missing block and environment variables.
func (s Service) Client(clients *client.Clients, diags *diag.Diagnostics) *client.Client {
	if clients != nil {
		if c := s.pick(clients); c != nil {
			return c
		}
	}
	diags.AddError(fmt.Sprintf("The %s service is not configured", s.Block),
		fmt.Sprintf("This resource needs the provider's %q block, or the environment variables %s.", s.Block, s.Env))
	return nil
}

// CheckConfigured is for ModifyPlan: it fails the plan, before any request,
// when the service is missing. With no provider data yet it does nothing.
func (s Service) CheckConfigured(clients *client.Clients, diags *diag.Diagnostics) {
	if clients == nil {
		return
	}
	s.Client(clients, diags)
}

// AddError turns an API error into a diagnostic. The error text already
// carries the method, path, status and the vendor's message; wrapped errors
// keep what the resource added (an unknown outcome, the lookup that followed).
func AddError(diags *diag.Diagnostics, action string, err error) {
	msg := err.Error()
	switch {
	case IsUnresolvedCreate(err):
		msg += "\n\nThe object may have been created. Terraform keeps it in state, marked tainted: the next plan " +
			"looks it up and replaces it if it exists, or forgets it if it does not."
	case client.IsOutcomeUnknown(err):
		msg += "\n\nThe request may have been applied. Run `terraform plan` to see the current state."
	}
	diags.AddError("Unable to "+action, msg)
}

// ReadOrRemove handles the 404 on refresh: the object is gone, so Terraform
// forgets it and plans to create it again. It returns true when the caller
// should stop.
func ReadOrRemove(ctx context.Context, err error, state *tfsdk.State, diags *diag.Diagnostics, action string) bool {
	if err == nil {
		return false
	}
	if client.IsNotFound(err) {
		state.RemoveResource(ctx)
		return true
	}
	AddError(diags, action, err)
	return true
}

// ParseID splits an import id into want parts on the first separator of seps
// found in it; every part must be non-empty and free of separators. format is shown in errors.
func ParseID(id string, want int, format string, seps ...string) ([]string, error) {
	for _, sep := range seps {
		if !strings.Contains(id, sep) {
			continue
		}
		parts := strings.Split(id, sep)
		if len(parts) != want {
			break
		}
		ok := true
		for _, p := range parts {
			ok = ok && strings.TrimSpace(p) != "" && p == strings.TrimSpace(p)
			for _, other := range seps {
				ok = ok && !strings.Contains(p, other)
			}
		}
		if ok {
			return parts, nil
		}
		break
	}
	return nil, fmt.Errorf("import id %q is not of the form %s", id, format)
}

// ImportParts sets the named attributes from the parsed import id, or reports a bad id.
func ImportParts(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, format string, seps []string, attrs ...string) {
	parts, err := ParseID(req.ID, len(attrs), format, seps...)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return
	}
	for i, a := range attrs {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(a), parts[i])...)
	}
}
