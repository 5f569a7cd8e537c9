// Package versoriconnection is the conduit_versori_connection resource and
// the conduit_versori_connection(s) data sources (Versori Connect connections).
package versoriconnection

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ resource.Resource                   = &connectionResource{}
	_ resource.ResourceWithImportState    = &connectionResource{}
	_ resource.ResourceWithValidateConfig = &connectionResource{}
)

// privateConnection holds the API's last full answer. A connection PUT must
// repeat existing environments exactly as the API holds them, including the
// variables they inherit, which state leaves out; keeping the answer here
// spares a GET before each update.
const privateConnection = "connection"

// NewResource is the conduit_versori_connection factory.
func NewResource() resource.Resource {
	return &connectionResource{base.NewResourceBase[*versori.API](&versori.Service, "_versori_connection", resourceSchema)}
}

type connectionResource struct {
	base.ResourceBase[*versori.API]
}

// ValidateConfig enforces the fields each protocol takes.
func (r *connectionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m model
	resp.Diagnostics.Append(base.Get(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() || m.Protocol.IsUnknown() {
		return
	}
	protocol := m.Protocol.ValueString()
	if m.Protocol.IsNull() {
		protocol = versori.ProtocolHTTP
	}
	need := func(attr string, v nullable) {
		if v.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Missing "+attr, fmt.Sprintf("%s is required when protocol is %q.", attr, protocol))
		}
	}
	refuse := func(attr string, v nullable) {
		if !v.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Unexpected "+attr, fmt.Sprintf("%s is not allowed when protocol is %q.", attr, protocol))
		}
	}
	switch protocol {
	case versori.ProtocolHTTP:
		need("base_url", m.BaseURL)
		refuse("dataset_id", m.DatasetID)
	case versori.ProtocolBigQuery:
		need("dataset_id", m.DatasetID)
		refuse("base_url", m.BaseURL)
		refuse("auth_scheme_configs", m.AuthSchemeConfigs)
		refuse("environment_variables", m.EnvironmentVariables)
	}
}

type nullable interface{ IsNull() bool }

// ModifyPlan names a missing service, defaults organisation_id, keeps each
// environment's id (keepEnvironmentIDs) and keeps updated_at when the
// update sends nothing (keepUpdatedAt).
func (r *connectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.ResourceBase.ModifyPlan(ctx, req, resp)
	// A plan equal to the state (a refresh that found no change) plans no
	// update: there is no environment id or updated_at to keep.
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || resp.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	keepEnvironmentIDs(ctx, req, resp)
	if !resp.Diagnostics.HasError() {
		keepUpdatedAt(ctx, req, resp)
	}
}

// keepEnvironmentIDs: an environment is the same one when its name is,
// unless its credentials change in a way UpdateEnvironment cannot apply (a
// credential added, removed, or given another scheme_type), so the
// environment is replaced (new id) within the connection PUT. Existing
// environments keep their ids through the PUT (spec EnvironmentUpdateOrCreate)
// and UpdateEnvironment; a new one gets its id from the API.
func keepEnvironmentIDs(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var planned, prior types.List
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("environments"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("environments"), &prior)...)
	if resp.Diagnostics.HasError() || planned.IsNull() || planned.IsUnknown() {
		return
	}
	envs := elems[environmentModel](ctx, planned, &resp.Diagnostics)
	old := elems[environmentModel](ctx, prior, &resp.Diagnostics)
	for i := range envs {
		if !envs[i].ID.IsUnknown() || envs[i].Name.IsUnknown() {
			continue
		}
		for _, o := range old {
			if o.Name.ValueString() == envs[i].Name.ValueString() && !credentialsReplaced(ctx, envs[i], o, &resp.Diagnostics) {
				envs[i].ID = o.ID
			}
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("environments"), listOf(ctx, environmentType, envs, planned, &resp.Diagnostics))...)
}

// sentAttributes are the attributes an update sends to the API; the others
// either replace the connection (organisation_id, protocol), are computed,
// or are the provider's own (force_delete).
var sentAttributes = []string{"name", "base_url", "dataset_id", "auth_scheme_configs", "environment_variables", "environments"}

// keepUpdatedAt plans updated_at as it is when none of sentAttributes
// changes (force_delete alone): Update then sends no request, so nothing
// moves it. Otherwise it stays unknown: UpdateConnection sets it to the
// current time, and it counts "any changes to child resources" (spec
// UpdateConnection, ConnectionBase.updatedAt), UpdateEnvironment included.
func keepUpdatedAt(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	for _, name := range sentAttributes {
		var planned, prior attr.Value
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if resp.Diagnostics.HasError() || !planned.Equal(prior) {
			return
		}
	}
	var updated types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("updated_at"), &updated)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), updated)...)
}

func (r *connectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan model
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, protocol := plan.OrganisationID.ValueString(), plan.Protocol.ValueString()
	in := plan.createInput(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got, ok := created(api, org).Create(ctx, in.Name, protocol, fmt.Sprintf("create %s connection %q in organisation %s", protocol, in.Name, org),
		func() (*versori.Connection, error) { return api.Create(ctx, org, protocol, in) }, req, resp)
	if !ok {
		return
	}
	r.save(ctx, got, plan, &resp.State, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

// created finds the connection a create whose answer was lost made. Names
// are not unique, so only a connection of that name and protocol created
// since the POST was sent is taken, and only if it is the one.
func created(api *versori.API, org string) base.Assigned[*versori.Connection] {
	return base.Assigned[*versori.Connection]{
		Noun: "connection",
		List: func(ctx context.Context, protocol string) ([]base.Candidate[*versori.Connection], error) {
			all, err := api.List(ctx, org, versori.ListOptions{Protocol: protocol})
			out := make([]base.Candidate[*versori.Connection], len(all))
			for i := range all {
				c := &all[i]
				out[i] = base.Candidate[*versori.Connection]{Object: c, ID: c.ID, Name: c.Name, Kind: c.Protocol, CreatedAt: c.CreatedAt}
			}
			return out, err
		},
		Several: func(name, _ string, ids []string) error {
			return base.NotAdopted("Several connections named %q were created since: %s. Import the right one (terraform import <address> %s/<id>) and delete the others",
				name, strings.Join(ids, ", "), org)
		},
	}
}

// save sets state from the API's answer and keeps the answer in private state.
func (r *connectionResource) save(ctx context.Context, c *versori.Connection, prior model, state *tfsdk.State, private base.PrivateSetter, diags *diag.Diagnostics) {
	m := fromAPI(ctx, c, prior, true, diags)
	if diags.HasError() {
		return
	}
	diags.Append(base.Set(ctx, state, &m)...)
	raw, err := json.Marshal(c)
	if err != nil {
		diags.AddError("Unable to keep the connection in private state", err.Error())
		return
	}
	diags.Append(private.SetKey(ctx, privateConnection, raw)...)
}

func (r *connectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	if state.ID.ValueString() != "" {
		// The pair never changes; set before the GET, it covers a 404 too.
		// A placeholder (empty id) keeps a null identity until its object
		// is found, since a non-null identity may not change afterwards.
		resp.Diagnostics.Append(identity.Set(ctx, req.State, resp.Identity)...)
	}
	api := r.API(&resp.Diagnostics)
	pending, diags := base.LoadPending(ctx, state.ID.ValueString(), req.Private)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pending != nil {
		got, ok := created(api, state.OrganisationID.ValueString()).ReadPending(ctx, pending, resp)
		switch {
		case ok:
			r.save(ctx, got, state, &resp.State, resp.Private, &resp.Diagnostics)
			resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
		case !resp.Diagnostics.HasError():
			// Nothing was created and the placeholder leaves state; the
			// framework still wants an identity after a read without
			// error: the placeholder's own, never stored.
			resp.Diagnostics.Append(identity.Set(ctx, req.State, resp.Identity)...)
		}
		return
	}
	got, err := reads.Read(ctx, &r.Base, api, state.OrganisationID.ValueString(), state.ID.ValueString())
	if base.ReadOrRemove(ctx, err, &resp.State, &resp.Diagnostics, "read connection "+state.ID.ValueString()) {
		return
	}
	r.save(ctx, got, state, &resp.State, resp.Private, &resp.Diagnostics)
}

// Update sends the connection PUT only when something it carries changed
// (name, URLs, auth schemes, variables, the set or order of environments),
// then an UpdateEnvironment for each existing environment whose own
// variables or credentials differ from the plan in the PUT's answer.
func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan model
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, id := plan.OrganisationID.ValueString(), plan.ID.ValueString()
	cur := r.current(ctx, api, req, org, id, &resp.Diagnostics)
	if cur == nil {
		return
	}
	desired := plan.desiredEnvironments(ctx, &resp.Diagnostics)
	in := plan.replaceInput(ctx, cur, desired, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !sameJSON(in, currentInput(cur)) {
		got, err := api.Replace(ctx, org, id, in)
		if added := newEnvironments(in); client.IsOutcomeUnknown(err) && len(added) == 0 {
			// Without new environments the PUT is idempotent: the same body
			// converges whether or not the lost one was applied.
			got, err = base.ResendIfLost(ctx, "update connection", func() (*versori.Connection, error) { return api.Replace(ctx, org, id, in) })
		} else if client.IsOutcomeUnknown(err) {
			// A PUT adding environments makes them anew each time: read the
			// connection to learn whether the lost one made them (names are
			// unique within a connection) before sending it again.
			got, _, err = base.LostCreate[*versori.Connection]{
				What:   "environments of connection " + id,
				Lookup: func() (*versori.Connection, bool, error) { return withEnvironments(ctx, api, org, id, added) },
				Create: func() (*versori.Connection, error) { return api.Replace(ctx, org, id, in) },
			}.Recover(ctx, err)
		}
		if err != nil {
			base.AddError(&resp.Diagnostics, "update connection "+id, err)
			return
		}
		cur = got
	}
	for _, d := range desired {
		e := findEnvironment(cur, d.ID)
		if e == nil {
			continue
		}
		edit, err := environmentEdit(cur, e, d)
		if err != nil {
			base.AddError(&resp.Diagnostics, fmt.Sprintf("update environment %s (%s) of connection %s", d.Name, d.ID, id), err)
			r.save(ctx, cur, plan, &resp.State, resp.Private, &resp.Diagnostics)
			return
		}
		if edit == nil {
			continue
		}
		got, err := base.ResendIfLost(ctx, "update environment", func() (*versori.Environment, error) {
			return api.UpdateEnvironment(ctx, org, id, *edit)
		})
		if err != nil {
			base.AddError(&resp.Diagnostics, fmt.Sprintf("update environment %s (%s) of connection %s", d.Name, d.ID, id), err)
			// Keep what was applied so far, so the next plan starts from it.
			r.save(ctx, cur, plan, &resp.State, resp.Private, &resp.Diagnostics)
			return
		}
		*e = *got
		if got.UpdatedAt > cur.UpdatedAt {
			cur.UpdatedAt = got.UpdatedAt
		}
	}
	r.save(ctx, cur, plan, &resp.State, resp.Private, &resp.Diagnostics)
	keepPlannedVersions(ctx, plan, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

// keepPlannedVersions keeps the versions the plan promised (the prior ones:
// no update changes them, spec ConnectionUpdateBase) should an answer show
// others, e.g. a version published meanwhile: the next refresh reads them,
// where the apply would otherwise fail on a value that differs from its plan.
func keepPlannedVersions(ctx context.Context, plan model, state *tfsdk.State, diags *diag.Diagnostics) {
	if diags.HasError() || plan.Versions.IsUnknown() {
		return
	}
	var got types.List
	diags.Append(state.GetAttribute(ctx, path.Root("versions"), &got)...)
	if !diags.HasError() && !got.Equal(plan.Versions) {
		tflog.Warn(ctx, "the update's answer shows other connection versions than planned; keeping the planned ones until the next refresh")
		diags.Append(state.SetAttribute(ctx, path.Root("versions"), plan.Versions)...)
	}
}

// current is the connection as last seen (private state), or read afresh
// when the state predates it.
func (r *connectionResource) current(ctx context.Context, api *versori.API, req resource.UpdateRequest, org, id string, diags *diag.Diagnostics) *versori.Connection {
	raw, d := req.Private.GetKey(ctx, privateConnection)
	diags.Append(d...)
	var cur versori.Connection
	if len(raw) > 0 && json.Unmarshal(raw, &cur) == nil && cur.ID == id {
		return &cur
	}
	got, err := api.Get(ctx, org, id)
	if err != nil {
		base.AddError(diags, "read connection "+id, err)
		return nil
	}
	return got
}

func newEnvironments(in versori.ReplaceInput) []versori.EnvironmentCreate {
	var out []versori.EnvironmentCreate
	for _, e := range in.Environments {
		if e.Create != nil {
			out = append(out, *e.Create)
		}
	}
	return out
}

// withEnvironments reads the connection and reports whether it holds every
// added environment, by name: then the PUT that added them was applied.
func withEnvironments(ctx context.Context, api *versori.API, org, id string, added []versori.EnvironmentCreate) (*versori.Connection, bool, error) {
	got, err := api.Get(ctx, org, id)
	if err != nil {
		return nil, false, err
	}
	for _, want := range added {
		found := false
		for _, e := range got.Environments {
			found = found || e.Name == want.Name
		}
		if !found {
			return nil, false, nil
		}
	}
	return got, true, nil
}

func (r *connectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	api := r.API(&resp.Diagnostics)
	pending, diags := base.LoadPending(ctx, state.ID.ValueString(), req.Private)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, id, force := state.OrganisationID.ValueString(), state.ID.ValueString(), state.ForceDelete.ValueBool()
	if pending != nil {
		got, ok := created(api, org).DeletePending(ctx, pending, &resp.Diagnostics)
		if !ok {
			return
		}
		id = got.ID
	}
	err := base.DeleteConfirmed(ctx, "delete connection",
		func() error { return api.Delete(ctx, org, id, force) },
		func() error { _, err := api.Get(ctx, org, id); return err })
	// In use: 409 in the v1alpha1 spec, 412 in v1; the same advice for both.
	if versori.IsInUse(err) {
		resp.Diagnostics.AddError("Unable to delete connection "+id, err.Error()+
			"\n\nThe connection is in use. Set force_delete = true (and apply) to delete it anyway.")
		return
	}
	if err != nil {
		base.AddError(&resp.Diagnostics, "delete connection "+id, err)
	}
}

// importID is `<organisation_id>/<id>`, or `<id>` in the default organisation.
var importID = base.ImportID{Attrs: []string{"id"},
	Format: "<organisation_id>/<id> or <id> (with the provider's versori.organisation_id)"}

// ImportState sets the ids, from the import id or the import block's
// identity; the read that follows takes everything else from
// the API, each environment's variables without the inherited ones.
func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	identity.ImportState(ctx, req, resp, map[string]string{"organisation_id": r.DefaultScope()}, func() {
		r.ImportScoped(ctx, req, resp, importID)
	})
}
