// Package vectorizeconnector is the conduit_vectorize_source_connector
// resource and the conduit_vectorize_source_connectors data source.
package vectorizeconnector

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ resource.Resource                   = &connectorResource{}
	_ resource.ResourceWithImportState    = &connectorResource{}
	_ resource.ResourceWithValidateConfig = &connectorResource{}
)

// Private state keys: an import asks the next read to take config whole from
// the API; the workspace flag stays until Terraform learns the workspace.
const (
	privateImported         = "imported"
	privateWorkspaceUnknown = "workspace_unknown"
)

// NewResource is the conduit_vectorize_source_connector factory.
func NewResource() resource.Resource {
	return &connectorResource{base.NewResourceBase[*vectorize.API](&vectorize.Service, "_vectorize_source_connector", resourceSchema)}
}

type connectorResource struct {
	base.ResourceBase[*vectorize.API]
}

// ValidateConfig checks what the API would reject, before any request: the
// JSON objects, keys set twice, and the required keys of the known types.
func (r *connectorResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg model
	resp.Diagnostics.Append(base.Get(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		// The JSON type reports malformed JSON without naming the attribute.
		if v, ok := rawString(req.Config, "config"); ok && !json.Valid([]byte(v)) {
			resp.Diagnostics.AddAttributeError(path.Root("config"), "Invalid config", "config is not valid JSON: use jsonencode({ key = \"value\" }).")
		}
		return
	}
	typ := cfg.Type.ValueString()
	typeKnown := !cfg.Type.IsUnknown() && !cfg.Type.IsNull()
	if typeKnown && typePattern.MatchString(typ) && !vectorize.IsKnownType(typ) {
		resp.Diagnostics.AddAttributeWarning(path.Root("type"), "Unknown source connector type",
			fmt.Sprintf("This provider version does not know the type %q. It is sent to the API as it is, without checking its configuration keys; "+
				"the API rejects it if the type does not exist.", typ))
	}
	pub, pubErr := object(cfg.Config.StringValue)
	// The attribute's JSON type also reports invalid JSON, without naming the attribute.
	if pubErr != nil {
		resp.Diagnostics.AddAttributeError(path.Root("config"), "Invalid config", "config "+pubErr.Error()+".")
	}
	secAttr := "secret_config"
	sec := cfg.SecretConfig
	if !cfg.SecretConfigWO.IsNull() {
		secAttr, sec = "secret_config_wo", cfg.SecretConfigWO
	}
	// The attribute's validator reports a bad secret object.
	secObj, secErr := object(sec)
	if pubErr != nil || secErr != nil {
		return
	}
	var twice []string
	for k := range secObj {
		if _, ok := pub[k]; ok {
			twice = append(twice, k)
		}
	}
	if len(twice) > 0 {
		sort.Strings(twice)
		resp.Diagnostics.AddAttributeError(path.Root(secAttr), "Key set twice",
			fmt.Sprintf("%s set in both config and %s: a key belongs in one of them only.", keysAre(twice), secAttr))
	}
	if !typeKnown {
		return
	}
	if !cfg.Config.IsUnknown() {
		var secretsInConfig []string
		for k := range pub {
			if vectorize.IsSecretConfigKey(typ, k) {
				secretsInConfig = append(secretsInConfig, k)
			}
		}
		if len(secretsInConfig) > 0 {
			sort.Strings(secretsInConfig)
			resp.Diagnostics.AddAttributeWarning(path.Root("config"), "Secret in config",
				fmt.Sprintf("%s secret in %s connectors: config is not sensitive and shows in plans. Move %s to secret_config_wo or secret_config.",
					keysAre(secretsInConfig), typ, itThem(secretsInConfig)))
		}
	}
	if cfg.Config.IsUnknown() || sec.IsUnknown() {
		return
	}
	if missing := missingKeys(typ, pub, secObj); len(missing) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("config"), "Missing required configuration", missingMessage(typ, missing))
	}
}

// missingMessage names only the keys that are missing, in plain English,
// and where each belongs: secrets in the secret object, which the API
// never returns, so generated configuration lacks them (the docs say what
// to fill in).
func missingMessage(typ string, missing []string) string {
	var public, secrets []string
	for _, k := range missing {
		if vectorize.IsSecretConfigKey(typ, k) {
			secrets = append(secrets, k)
		} else {
			public = append(public, k)
		}
	}
	verb := "is"
	if len(missing) > 1 {
		verb = "are"
	}
	var todo []string
	if len(public) > 0 {
		todo = append(todo, "add "+andList(public)+" to config")
	}
	if len(secrets) > 0 {
		noun := "secret"
		if len(secrets) > 1 {
			noun = "secrets"
		}
		verb := "add "
		if len(public) > 0 {
			verb = ""
		}
		todo = append(todo, fmt.Sprintf("%sthe %s %s to secret_config_wo or secret_config", verb, noun, andList(secrets)))
	}
	msg := fmt.Sprintf("Connectors of type %s require %s, which %s not set: %s.", typ, andList(missing), verb, strings.Join(todo, ", and "))
	if len(secrets) > 0 {
		msg += " The API never returns secrets, so configuration written by terraform query -generate-config-out lacks them: " +
			`see "Adopting with terraform query" in the conduit_vectorize_source_connector documentation.`
	}
	return msg
}

// andList quotes keys and joins them as a sentence does: "a", "b" and "c".
func andList(keys []string) string {
	q := quoteAllSlice(keys)
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// rawString reads a known string attribute from the raw configuration.
func rawString(config tfsdk.Config, attr string) (string, bool) {
	v, _, err := tftypes.WalkAttributePath(config.Raw, tftypes.NewAttributePath().WithAttributeName(attr))
	tv, ok := v.(tftypes.Value)
	if err != nil || !ok || !tv.IsKnown() || tv.IsNull() {
		return "", false
	}
	var s string
	return s, tv.As(&s) == nil
}

func itThem(keys []string) string {
	if len(keys) == 1 {
		return "it"
	}
	return "them"
}

// keysAre starts a sentence about keys: `The key "a" is` or `The keys "a" and "b" are`.
func keysAre(keys []string) string {
	if len(keys) == 1 {
		return "The key " + andList(keys) + " is"
	}
	return "The keys " + andList(keys) + " are"
}

func quoteAllSlice(keys []string) []string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	return q
}

func (r *connectorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.ResourceBase.ModifyPlan(ctx, req, resp)
	// A plan equal to the state (a refresh that found no change) plans no
	// update, and already holds the state's computed values.
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || resp.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	keepComputedUnlessConfigChanges(ctx, req, resp)
}

// keepComputedUnlessConfigChanges plans, for an update, the computed
// attributes the update cannot change at their state values. id,
// organization_id, created_at and created_by_email never change (their
// UseStateForUnknown modifiers keep them). The other three come from the
// PATCH answer (updateSourceConnector's updatedConnector): last_updated_by
// is whoever sent it, and verification_status and error_message are the
// result of checking the config sent, so they may change whenever an
// update sends a config, i.e. when config or a secret changes. The spec
// says no more (SourceConnector's verificationStatus and errorMessage are
// plain strings, the examples "verified"). An update that changes neither
// sends nothing (see Update) and so changes none of the three. A
// replacement needs no care: Terraform plans its create again from a null
// prior state. The framework also marks them unknown when JSON formatting
// alone differed, which keepEquivalentJSON has put back.
func keepComputedUnlessConfigChanges(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var plan, state model
	resp.Diagnostics.Append(base.Get(ctx, resp.Plan, &plan)...)
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || changesConfig(plan, state) {
		return
	}
	plan.VerificationStatus, plan.ErrorMessage, plan.LastUpdatedByEmail = state.VerificationStatus, state.ErrorMessage, state.LastUpdatedByEmail
	plan.SecretConfigWO = types.StringNull()
	resp.Diagnostics.Append(base.Set(ctx, &resp.Plan, &plan)...)
}

// changesConfig reports whether an update changes what the connector holds:
// its config, or the secrets merged into it (the stored form, or the
// write-only one sent again with a new version). The only other in-place
// change, recording the workspace after an import, has nothing to send: a
// PATCH cannot set a workspace.
func changesConfig(plan, state model) bool {
	return !plan.Config.Equal(state.Config) || !plan.SecretConfig.Equal(state.SecretConfig) ||
		!plan.SecretConfigWOVersion.Equal(state.SecretConfigWOVersion)
}

// body is the request config: the plan's config with the secret object, the
// write-only one read from the configuration.
func body(ctx context.Context, plan model, config tfsdk.Config, diags *diag.Diagnostics) map[string]any {
	var wo types.String
	diags.Append(config.GetAttribute(ctx, path.Root("secret_config_wo"), &wo)...)
	if diags.HasError() {
		return nil
	}
	cfg, err := requestConfig(plan.Config, secret(plan.SecretConfig, wo))
	if err != nil {
		diags.AddError("Invalid configuration", err.Error())
		return nil
	}
	// The spec lists AWS_S3's archiver as required with a default: sending
	// the default satisfies a server that requires it and one that would
	// have applied it.
	return vectorize.WithDefaults(plan.Type.ValueString(), cfg)
}

func (r *connectorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan model
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg := body(ctx, plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, ws := plan.OrganizationID.ValueString(), plan.WorkspaceID.ValueString()
	create := vectorize.CreateRequest{Name: plan.Name.ValueString(), Type: plan.Type.ValueString(), Config: cfg}
	ref, ok := created(api, org, ws).Create(ctx, create.Name, create.Type, "create source connector "+create.Name,
		func() (*vectorize.ConnectorRef, error) { return api.Create(ctx, org, ws, create) }, req, resp)
	if !ok {
		return
	}
	got, err := api.Get(ctx, org, ref.ID)
	if err != nil {
		// Keep the id so the connector is tracked (tainted), never orphaned.
		resp.Diagnostics.Append(base.KeepPlanned(ctx, req.Plan, &resp.State, map[string]string{"id": ref.ID})...)
		base.AddError(&resp.Diagnostics, "read source connector "+ref.ID+" after creating it", err)
		return
	}
	plan.fromAPI(org, got, false)
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

// created finds the connector a create whose answer was lost made, among
// the organization's (or workspace's) connectors of that name and type.
func created(api *vectorize.API, org, ws string) base.Assigned[*vectorize.ConnectorRef] {
	return base.Assigned[*vectorize.ConnectorRef]{
		Noun: "source connector",
		List: func(ctx context.Context, _ string) ([]base.Candidate[*vectorize.ConnectorRef], error) {
			all, err := api.List(ctx, org, vectorize.ListOptions{WorkspaceID: ws})
			out := make([]base.Candidate[*vectorize.ConnectorRef], len(all))
			for i, sc := range all {
				out[i] = base.Candidate[*vectorize.ConnectorRef]{Object: &vectorize.ConnectorRef{ID: sc.ID, Name: sc.Name},
					ID: sc.ID, Name: sc.Name, Kind: sc.Type, CreatedAt: sc.CreatedAt}
			}
			return out, err
		},
		Several: func(name, typ string, ids []string) error {
			return base.NotAdopted("Several source connectors named %q of type %s now exist (%s); import the right one: terraform import <address> %s/<id>",
				name, typ, strings.Join(ids, ", "), org)
		},
	}
}

func (r *connectorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	// The identity never changes. Set before the GET, it is there when a 404
	// removes the resource: the framework wants one after every Read without
	// error, even then. A placeholder (a create whose answer was lost) has
	// an empty id and kept no identity: it gets its real one below, once
	// its connector is adopted, or leaves state.
	resp.Diagnostics.Append(identity.Set(ctx, req.State, resp.Identity)...)
	api := r.API(&resp.Diagnostics)
	pending, diags := base.LoadPending(ctx, state.ID.ValueString(), req.Private)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pending != nil {
		ref, ok := created(api, state.OrganizationID.ValueString(), state.WorkspaceID.ValueString()).ReadPending(ctx, pending, resp)
		if !ok {
			return
		}
		state.ID = types.StringValue(ref.ID)
	}
	imported, diags := req.Private.GetKey(ctx, privateImported)
	resp.Diagnostics.Append(diags...)
	org := state.OrganizationID.ValueString()
	got, err := reads.Read(ctx, &r.Base, api, org, state.ID.ValueString())
	if base.ReadOrRemove(ctx, err, &resp.State, &resp.Diagnostics, "read source connector "+state.ID.ValueString()) {
		return
	}
	state.fromAPI(org, got, len(imported) > 0)
	if len(imported) > 0 {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &state)...)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

func (r *connectorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state model
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !changesConfig(plan, state) {
		// Recording the workspace after an import: nothing to send.
		plan.VerificationStatus, plan.ErrorMessage, plan.LastUpdatedByEmail = state.VerificationStatus, state.ErrorMessage, state.LastUpdatedByEmail
		plan.SecretConfigWO = types.StringNull()
		r.saveUpdated(ctx, plan, resp)
		return
	}
	cfg := body(ctx, plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, id := plan.OrganizationID.ValueString(), plan.ID.ValueString()
	// The PATCH replaces the whole config, so re-sending it converges.
	got, err := base.ResendIfLost(ctx, "update source connector", func() (*vectorize.SourceConnector, error) {
		return api.Update(ctx, org, id, cfg)
	})
	if err != nil {
		base.AddError(&resp.Diagnostics, "update source connector "+id, err)
		return
	}
	plan.fromAPI(org, got, false)
	r.saveUpdated(ctx, plan, resp)
}

// saveUpdated writes an update's state; a workspace now configured is known
// from then on, so changing it again replaces the connector.
func (r *connectorResource) saveUpdated(ctx context.Context, plan model, resp *resource.UpdateResponse) {
	if !plan.WorkspaceID.IsNull() {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateWorkspaceUnknown, nil)...)
	}
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

func (r *connectorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	api := r.API(&resp.Diagnostics)
	pending, diags := base.LoadPending(ctx, state.ID.ValueString(), req.Private)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, id := state.OrganizationID.ValueString(), state.ID.ValueString()
	if pending != nil {
		ref, ok := created(api, org, state.WorkspaceID.ValueString()).DeletePending(ctx, pending, &resp.Diagnostics)
		if !ok {
			return
		}
		id = ref.ID
	}
	err := base.DeleteConfirmed(ctx, "delete source connector",
		func() error { return api.Delete(ctx, org, id) },
		func() error { _, err := api.Get(ctx, org, id); return err })
	if err != nil {
		base.AddError(&resp.Diagnostics, "delete source connector "+id, err)
	}
}

// importID is `<organization_id>/<id>`, or `<id>` in the provider's default
// organization.
var importID = base.ImportID{Attrs: []string{"id"},
	Format: "<organization_id>/<id>, or <id> with the provider's vectorize.organization_id"}

// ImportState sets the ids from the import id or an import block's
// identity; either way the next read takes config whole from the API.
func (r *connectorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	identity.ImportState(ctx, req, resp, identityDefaults(r.DefaultScope()), func() { r.ImportScoped(ctx, req, resp, importID) })
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte("true"))...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateWorkspaceUnknown, []byte("true"))...)
}
