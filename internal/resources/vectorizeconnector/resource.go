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
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
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
			fmt.Sprintf("The keys %s are set in both config and %s; set each key in one of them.", quoteAll(twice), secAttr))
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
				fmt.Sprintf("%s of a %s connector are secrets: config is not sensitive and shows in plans. Move them to secret_config or secret_config_wo.", quoteAll(secretsInConfig), typ))
		}
	}
	if cfg.Config.IsUnknown() || sec.IsUnknown() {
		return
	}
	if missing := missingKeys(typ, pub, secObj); len(missing) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("config"), "Missing required configuration", missingMessage(typ, missing))
	}
}

// missingMessage names only the keys that are missing, in plain English.
func missingMessage(typ string, missing []string) string {
	keys, verb, them := quoteAll(missing), "is", "it"
	if len(missing) > 1 {
		keys = strings.Join(quoteAllSlice(missing[:len(missing)-1]), ", ") + " and " + fmt.Sprintf("%q", missing[len(missing)-1])
		verb, them = "are", "them"
	}
	return fmt.Sprintf("Connectors of type %s require %s, which %s not set: add %s to config, or (secrets) to secret_config or secret_config_wo.",
		typ, keys, verb, them)
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

func quoteAll(keys []string) string { return strings.Join(quoteAllSlice(keys), ", ") }

func quoteAllSlice(keys []string) []string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	return q
}

func (r *connectorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.ResourceBase.ModifyPlan(ctx, req, resp)
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	keepComputedWhenUnchanged(ctx, req, resp)
}

// keepComputedWhenUnchanged undoes the framework's marking of computed
// attributes as unknown when the only difference was JSON formatting, which
// the config plan modifier has already put back to the prior value.
func keepComputedWhenUnchanged(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var plan, state model
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	same := plan.OrganizationID.Equal(state.OrganizationID) && plan.WorkspaceID.Equal(state.WorkspaceID) &&
		plan.Name.Equal(state.Name) && plan.Type.Equal(state.Type) && plan.Config.Equal(state.Config) &&
		plan.SecretConfig.Equal(state.SecretConfig) && plan.SecretConfigWOVersion.Equal(state.SecretConfigWOVersion)
	if !same {
		return
	}
	plan.VerificationStatus, plan.ErrorMessage, plan.LastUpdatedByEmail = state.VerificationStatus, state.ErrorMessage, state.LastUpdatedByEmail
	plan.SecretConfigWO = types.StringNull()
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
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
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
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
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
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
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
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
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *connectorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
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
	if !plan.WorkspaceID.IsNull() {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateWorkspaceUnknown, nil)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *connectorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
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

// ImportState sets the ids; the next read takes config whole from the API.
func (r *connectorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.ImportScoped(ctx, req, resp, importID) {
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte("true"))...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateWorkspaceUnknown, []byte("true"))...)
}
