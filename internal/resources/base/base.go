// Package base is the lifecycle every resource and data source shares: the
// embeddable bases (bases.go) that hold the configured typed API
// (clients.go), scopes and import ids (scope.go), turning API errors into diagnostics, 404
// handling, recovering lost answers (recover.go) and the create path of
// objects whose id the server assigns (assigned.go).
package base

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

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

// KnownBool is a configured bool for a request body: nil when null or not
// known yet, so that the field is left out.
func KnownBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueBoolPointer()
}
