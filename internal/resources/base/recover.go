package base

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// The core never re-sends a mutation whose answer was lost; these helpers are
// the recoveries each resource applies once it knows what the request meant.

// ResendIfLost sends a request that states the whole desired object (a PUT,
// or a PATCH of every managed field) once more when its answer was lost:
// whether or not the first one was applied, the second converges.
func ResendIfLost[T any](ctx context.Context, what string, send func() (T, error)) (T, error) {
	got, err := send()
	if client.IsOutcomeUnknown(err) {
		tflog.Warn(ctx, what+": outcome unknown, sending the same request again", map[string]any{"cause": err.Error()})
		got, err = send()
	}
	return got, err
}

// DeleteConfirmed deletes and, when the answer was lost, reads to learn what
// happened: gone is success, still there gets one more delete.
func DeleteConfirmed(ctx context.Context, what string, del, get func() error) error {
	err := del()
	if !client.IsOutcomeUnknown(err) {
		return err
	}
	tflog.Warn(ctx, what+": outcome unknown, reading to confirm the delete", map[string]any{"cause": err.Error()})
	switch getErr := get(); {
	case client.IsNotFound(getErr):
		return nil
	case getErr == nil:
		return del()
	}
	return err
}

// AddCreateError reports a failed create; a 409 says which import id adopts
// the object that already exists.
func AddCreateError(diags *diag.Diagnostics, what string, err error, importID string) {
	if client.IsConflict(err) {
		diags.AddError(what+" already exists",
			err.Error()+"\n\nTo manage it with Terraform, import it: terraform import <address> "+importID+
				"\nor add an import block with id = \""+importID+"\".")
		return
	}
	AddError(diags, "create "+what, err)
}
