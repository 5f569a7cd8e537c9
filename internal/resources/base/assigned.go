package base

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// AdoptionWindow is how long before a create was sent an object's
// created_at may lie and the object still count as one that create made.
// The create's time is this machine's clock and created_at the vendor's, in
// whole seconds: the window absorbs the skew between the two. Five minutes
// is the skew Kerberos tolerates by default, beyond which a machine fails
// signed protocols anyway; an object of the same name and kind made before
// that is someone else's and is never adopted.
const AdoptionWindow = 5 * time.Minute

// Candidate is an object a create whose answer was lost may have made.
type Candidate[T any] struct {
	Object   T
	ID, Name string
	// Kind is the type or protocol the object was created with.
	Kind string
	// CreatedAt is the server's creation time (RFC 3339); one that does not
	// parse does not rule the object out.
	CreatedAt string
}

// Assigned is the create path of a resource whose ids the server assigns
// (Vectorize connectors, Versori connections). A create whose answer is
// lost leaves no id to read back, so the object is looked for by name and
// kind among those made since the create was sent: one is adopted, several
// are reported. When that lookup fails too, state keeps a placeholder (the
// planned object with an empty id) and private state the pending create,
// which the next Read or Delete resolves the same way.
type Assigned[T any] struct {
	// Noun names the type in messages, e.g. "source connector".
	Noun string
	// List lists the objects a create of this kind may have made: the
	// scope, and the filters, of the create.
	List func(ctx context.Context, kind string) ([]Candidate[T], error)
	// Several explains more than one match and how to import the right one
	// (a NotAdopted error).
	Several func(name, kind string, ids []string) error
}

// what names one object in messages, e.g. `source connector "docs"`.
func (a Assigned[T]) what(name string) string { return fmt.Sprintf("%s %q", a.Noun, name) }

// find looks for the one object of p's name and kind made since p was sent.
func (a Assigned[T]) find(ctx context.Context, p PendingCreate) (Candidate[T], bool, error) {
	var none Candidate[T]
	all, err := a.List(ctx, p.Kind)
	if err != nil {
		return none, false, err
	}
	var matches []Candidate[T]
	for _, c := range all {
		if c.Name != p.Name || c.Kind != p.Kind {
			continue
		}
		if t, perr := time.Parse(time.RFC3339, c.CreatedAt); perr == nil && t.Before(p.Since.Add(-AdoptionWindow)) {
			continue
		}
		matches = append(matches, c)
	}
	switch len(matches) {
	case 0:
		return none, false, nil
	case 1:
		return matches[0], true, nil
	}
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = m.ID
	}
	return none, false, a.Several(p.Name, p.Kind, ids)
}

// Create sends send, a create of an object named name of kind, and settles
// a lost answer: the object found is adopted (with a warning), none found
// has the create sent again (LostCreate), and a failed lookup leaves the
// placeholder. Errors are reported as "Unable to <action>"; false then.
func (a Assigned[T]) Create(ctx context.Context, name, kind, action string, send func() (T, error), req resource.CreateRequest, resp *resource.CreateResponse) (T, bool) {
	p := PendingCreate{Name: name, Kind: kind, Since: time.Now()}
	obj, err := send()
	adopted, adoptedID := false, ""
	if client.IsOutcomeUnknown(err) {
		obj, adopted, err = LostCreate[T]{
			What: a.what(name),
			Lookup: func() (T, bool, error) {
				c, found, lerr := a.find(ctx, p)
				adoptedID = c.ID
				return c.Object, found, lerr
			},
			Create: send,
		}.Recover(ctx, err)
	}
	if IsUnresolvedCreate(err) {
		// The object may exist, under an id we do not know: keep a
		// placeholder that the next read resolves by name.
		resp.Diagnostics.Append(KeepPlanned(ctx, req.Plan, &resp.State, map[string]string{"id": ""})...)
		resp.Diagnostics.Append(SavePending(ctx, resp.Private, p)...)
	}
	if err != nil {
		AddError(&resp.Diagnostics, action, err)
		return obj, false
	}
	if adopted {
		WarnAdopted(&resp.Diagnostics, a.what(name), adoptedID)
	}
	return obj, true
}

// resolve looks up the object a placeholder stands for.
func (a Assigned[T]) resolve(ctx context.Context, p *PendingCreate, diags *diag.Diagnostics) (Candidate[T], bool) {
	c, found, err := a.find(ctx, *p)
	if err != nil {
		AddError(diags, fmt.Sprintf("look up %s whose create had an unknown outcome", a.what(p.Name)), err)
		return c, false
	}
	if found {
		tflog.Warn(ctx, "adopting the "+a.Noun+" a create with an unknown outcome made", map[string]any{"id": c.ID})
	}
	return c, found
}

// ReadPending resolves a placeholder on refresh: the object found is
// tracked from now on (the pending create cleared, with a warning); with
// none, the placeholder leaves state. False when the read is over: nothing
// was created, or the lookup failed (reported).
func (a Assigned[T]) ReadPending(ctx context.Context, p *PendingCreate, resp *resource.ReadResponse) (T, bool) {
	c, found := a.resolve(ctx, p, &resp.Diagnostics)
	if !found {
		if !resp.Diagnostics.HasError() {
			resp.State.RemoveResource(ctx)
		}
		return c.Object, false
	}
	resp.Diagnostics.Append(ClearPending(ctx, resp.Private)...)
	resp.Diagnostics.AddWarning("Found the "+a.Noun+" of an unfinished create",
		fmt.Sprintf("The %s that an earlier create may have made exists (id %s). It is tracked now; being tainted, the next apply replaces it.", a.what(p.Name), c.ID))
	return c.Object, true
}

// DeletePending resolves a placeholder before a delete: the object to
// delete, or false when there is none (nothing was created) or the lookup
// failed (reported).
func (a Assigned[T]) DeletePending(ctx context.Context, p *PendingCreate, diags *diag.Diagnostics) (T, bool) {
	c, found := a.resolve(ctx, p, diags)
	return c.Object, found
}
