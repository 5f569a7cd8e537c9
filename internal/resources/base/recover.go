package base

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// The core never re-sends a mutation whose answer was lost; these helpers are
// the recoveries each resource applies once it knows what the request meant.

// recoveryRounds bounds how often a recovery looks again and re-sends after a
// request whose answer was lost once more (a big apply meets a few
// transient errors in a row now and then).
const recoveryRounds = 3

// graceWaits are the pauses between lookups after a request that timed out:
// the server may still be applying it, so "not there yet" is not "not applied".
var graceWaits = []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}

// ResendIfLost sends a request that states the whole desired object (a PUT,
// or a PATCH of every managed field) again when its answer was lost: whether
// or not the earlier one was applied, the same request converges.
func ResendIfLost[T any](ctx context.Context, what string, send func() (T, error)) (T, error) {
	got, err := send()
	for round := 0; client.IsOutcomeUnknown(err) && round < recoveryRounds; round++ {
		tflog.Warn(ctx, what+": outcome unknown, sending the same request again", map[string]any{"cause": err.Error()})
		got, err = send()
	}
	return got, err
}

// DeleteConfirmed deletes and, when the answer was lost, reads to learn what
// happened: gone is success, still there gets another delete.
func DeleteConfirmed(ctx context.Context, what string, del, get func() error) error {
	err := del()
	for round := 0; client.IsOutcomeUnknown(err) && round < recoveryRounds; round++ {
		tflog.Warn(ctx, what+": outcome unknown, reading to confirm the delete", map[string]any{"cause": err.Error()})
		switch getErr := get(); {
		case client.IsNotFound(getErr):
			return nil
		case getErr != nil:
			return err
		}
		err = del()
	}
	return err
}

// UnresolvedCreateError is a create whose outcome stayed unknown because the
// lookup that would have told failed as well.
type UnresolvedCreateError struct {
	Cause  error
	Lookup error
}

func (e *UnresolvedCreateError) Error() string {
	return fmt.Sprintf("%v\n\nLooking the object up to learn whether it was created failed too: %v", e.Cause, e.Lookup)
}

func (e *UnresolvedCreateError) Unwrap() error { return e.Cause }

// IsUnresolvedCreate reports whether a create may or may not have happened.
func IsUnresolvedCreate(err error) bool {
	var u *UnresolvedCreateError
	return errors.As(err, &u)
}

// ErrNotAdopted marks a lookup that found what a lost create cannot be
// proven to have made: several candidates, or an object with other settings.
var ErrNotAdopted = errors.New("not adopted")

type notAdopted struct{ msg string }

func (e notAdopted) Error() string        { return e.msg }
func (e notAdopted) Is(target error) bool { return target == ErrNotAdopted }

// NotAdopted is the error a Lookup returns for what it refuses to adopt; the
// message says what was found and how to import it.
func NotAdopted(format string, args ...any) error {
	return notAdopted{msg: fmt.Sprintf(format, args...)}
}

// LostCreate is how a resource settles a create whose answer was lost.
type LostCreate[T any] struct {
	// What names the object in logs, e.g. `source connector "x"`.
	What string
	// Lookup finds what the create would have made. found is false when
	// there is nothing; an error is a failed lookup, or NotAdopted for
	// several candidates or one the create did not make.
	Lookup func() (obj T, found bool, err error)
	// Create sends the create again, once nothing was found.
	Create func() (T, error)
}

// Recover runs after a create failed with cause (an unknown outcome). It looks
// the object up: found, it is adopted (adopted is true); not found, the create
// is sent again. A timed-out create may still be landing, so the lookup is
// repeated for a while before concluding it was not applied; a 409 on the new
// create means the earlier one landed meanwhile, so it is looked up again. A
// failed lookup gives an *UnresolvedCreateError; a refusal, the cause with
// the lookup's NotAdopted explanation.
func (lc LostCreate[T]) Recover(ctx context.Context, cause error) (obj T, adopted bool, err error) {
	err = cause
	for round := 0; round <= recoveryRounds; round++ {
		tflog.Warn(ctx, "create outcome unknown, looking the "+lc.What+" up", map[string]any{"cause": err.Error()})
		got, found, lerr := lc.Lookup()
		for _, wait := range graceWaits {
			if found || lerr != nil || !client.MayStillApply(err) {
				break
			}
			if serr := sleep(ctx, wait); serr != nil {
				return obj, false, &UnresolvedCreateError{Cause: err, Lookup: serr}
			}
			got, found, lerr = lc.Lookup()
		}
		switch {
		case errors.Is(lerr, ErrNotAdopted):
			return obj, false, fmt.Errorf("%w\n\n%w", err, lerr)
		case lerr != nil:
			return obj, false, &UnresolvedCreateError{Cause: err, Lookup: lerr}
		case found:
			tflog.Warn(ctx, "adopting the "+lc.What+" the lost create made")
			return got, true, nil
		case round == recoveryRounds || client.IsConflict(err):
			// A 409 with nothing of ours to find is about another object.
			return obj, false, err
		}
		obj, err = lc.Create()
		if err == nil || (!client.IsOutcomeUnknown(err) && !client.IsConflict(err)) {
			return obj, false, err
		}
	}
	return obj, false, err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// WarnAdopted tells the user that a create's answer was lost and the object
// found afterwards was taken over.
func WarnAdopted(diags *diag.Diagnostics, what, id string) {
	diags.AddWarning("Adopted the "+what+" a lost create made",
		fmt.Sprintf("The answer to the create request was lost. A lookup found %s (id %s), which the request made, and Terraform now manages it.", what, id))
}

// KeepPlanned stores the planned object as state, its unknown values as null
// and the given attributes set, after a create that failed once the object
// may exist: Terraform then tracks it (tainted) instead of forgetting it, and
// the next refresh reads or drops it.
func KeepPlanned(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, attrs map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	raw, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Unable to keep the planned object in state", err.Error())
		return diags
	}
	state.Raw = raw
	for a, v := range attrs {
		diags.Append(state.SetAttribute(ctx, path.Root(a), v)...)
	}
	return diags
}

// AddCreateError reports a failed create; a 409 says which import id adopts
// the object that already exists.
func AddCreateError(diags *diag.Diagnostics, what string, err error, importID string) {
	if client.IsConflict(err) {
		diags.AddError(what+" already exists", err.Error()+"\n\n"+ImportHint(importID))
		return
	}
	AddError(diags, "create "+what, err)
}

// ImportHint tells how to adopt an existing object with its import id.
func ImportHint(importID string) string {
	return "To manage it with Terraform, import it: terraform import <address> " + importID +
		"\nor add an import block with id = \"" + importID + "\"."
}
