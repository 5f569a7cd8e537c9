package vectorizeconnector

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ resource.Resource                = &userResource{}
	_ resource.ResourceWithConfigure   = &userResource{}
	_ resource.ResourceWithImportState = &userResource{}
	_ resource.ResourceWithModifyPlan  = &userResource{}
)

// NewUserResource is the conduit_vectorize_source_connector_user factory.
func NewUserResource() resource.Resource {
	return &userResource{base.NewResourceBase[*vectorize.API](&vectorize.Service)}
}

type userResource struct {
	base.ResourceBase[*vectorize.API]
}

type userModel struct {
	ID                types.String         `tfsdk:"id"`
	OrganizationID    types.String         `tfsdk:"organization_id"`
	SourceConnectorID types.String         `tfsdk:"source_connector_id"`
	UserID            types.String         `tfsdk:"user_id"`
	SelectedFiles     jsontypes.Normalized `tfsdk:"selected_files"`
	RefreshToken      types.String         `tfsdk:"refresh_token"`
	RefreshTokenWO    types.String         `tfsdk:"refresh_token_wo"`
	AccessToken       types.String         `tfsdk:"access_token"`
	AccessTokenWO     types.String         `tfsdk:"access_token_wo"`
	TokensWOVersion   types.Int64          `tfsdk:"tokens_wo_version"`
}

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vectorize_source_connector_user"
}

func token(name, wo string) (schema.StringAttribute, schema.StringAttribute) {
	return schema.StringAttribute{
			Optional: true, Sensitive: true,
			MarkdownDescription: "OAuth " + name + " for the user, stored in state (sensitive). The API never returns it, so its drift is not detected. " +
				"Conflicts with `" + wo + "`. Removing it leaves the API's value as it is.",
			Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot(wo)), stringvalidator.LengthAtLeast(1)},
		}, schema.StringAttribute{
			Optional: true, Sensitive: true, WriteOnly: true,
			MarkdownDescription: "Write-only OAuth " + name + " (Terraform 1.11 and later), never stored. Change `tokens_wo_version` to send a new value.",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		}
}

func (r *userResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	refresh, refreshWO := token("refresh token", "refresh_token_wo")
	access, accessWO := token("access token", "access_token_wo")
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user of a Vectorize OAuth multi-user source connector (types `*_OAUTH_MULTI` and " +
			"`*_OAUTH_MULTI_CUSTOM`), through `POST`/`PATCH`/`DELETE …/sources/{id}/users`. One request for create, update and delete.\n\n" +
			"**Limitation:** the API has no endpoint to read a user. Terraform cannot detect changes made to a user outside " +
			"Terraform (selected files, tokens) nor a user removed outside Terraform; a refresh only reads the connector " +
			"(1 request) and forgets the user when the connector itself is gone. Import records the ids only.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "`<organization_id>/<source_connector_id>/<user_id>`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"organization_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Vectorize organization; defaults to the provider's `vectorize.organization_id`. Changing it replaces the user.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), stringplanmodifier.UseStateForUnknown()},
			},
			"source_connector_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "The OAuth multi-user connector's id. Changing it replaces the user.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"user_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "The user's id. Changing it replaces the user.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"selected_files": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{}, Optional: true,
				MarkdownDescription: "The files the user selected, as a JSON object (`selectedFiles`): file entries `{ \"<id>\" = { name, mimeType } }`, " +
					"or `{ pageIds, databaseIds }` for Notion. Adding a user requires it, so `{}` is sent when unset; an update sends it " +
					"only when set, so removing it leaves the API's selection as it is. The API cannot read a user back, so changes " +
					"made outside Terraform are not detected.",
				PlanModifiers: []planmodifier.String{keepEquivalentJSON{}},
			},
			"refresh_token":    refresh,
			"refresh_token_wo": refreshWO,
			"access_token":     access,
			"access_token_wo":  accessWO,
			"tokens_wo_version": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Any number; changing it sends `refresh_token_wo` and `access_token_wo` again in one update request.",
			},
		},
	}
}

// user builds the request body; the write-only tokens come from the configuration.
func (m *userModel) user(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) vectorize.User {
	var refreshWO, accessWO types.String
	diags.Append(config.GetAttribute(ctx, path.Root("refresh_token_wo"), &refreshWO)...)
	diags.Append(config.GetAttribute(ctx, path.Root("access_token_wo"), &accessWO)...)
	u := vectorize.User{UserID: m.UserID.ValueString(), RefreshToken: m.RefreshToken.ValueString(), AccessToken: m.AccessToken.ValueString()}
	if !m.SelectedFiles.IsNull() && !m.SelectedFiles.IsUnknown() {
		u.SelectedFiles = json.RawMessage(m.SelectedFiles.ValueString())
	}
	if v := refreshWO.ValueString(); v != "" {
		u.RefreshToken = v
	}
	if v := accessWO.ValueString(); v != "" {
		u.AccessToken = v
	}
	return u
}

func (m *userModel) settle() {
	m.ID = types.StringValue(m.OrganizationID.ValueString() + "/" + m.SourceConnectorID.ValueString() + "/" + m.UserID.ValueString())
	m.RefreshTokenWO, m.AccessTokenWO = types.StringNull(), types.StringNull()
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api := r.API(&resp.Diagnostics)
	u := plan.user(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, sc := plan.OrganizationID.ValueString(), plan.SourceConnectorID.ValueString()
	err := api.AddUser(ctx, org, sc, u)
	if client.IsOutcomeUnknown(err) {
		// No read exists: a PATCH tells whether the user is there (then it holds
		// the desired values), a 404 that the POST was not applied.
		tflog.Warn(ctx, "add user outcome unknown, checking with an update", map[string]any{"user_id": u.UserID, "cause": err.Error()})
		if err = api.UpdateUser(ctx, org, sc, u); client.IsNotFound(err) {
			err = api.AddUser(ctx, org, sc, u)
		}
	}
	if err != nil {
		base.AddError(&resp.Diagnostics, fmt.Sprintf("add user %s to source connector %s", u.UserID, sc), err)
		return
	}
	plan.settle()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read can only check that the connector still exists: the API has no read for users.
func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sc := state.SourceConnectorID.ValueString()
	_, err := api.Get(ctx, state.OrganizationID.ValueString(), sc)
	if base.ReadOrRemove(ctx, err, &resp.State, &resp.Diagnostics, "read source connector "+sc+" of user "+state.UserID.ValueString()) {
		return
	}
	state.settle()
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api := r.API(&resp.Diagnostics)
	u := plan.user(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, sc := plan.OrganizationID.ValueString(), plan.SourceConnectorID.ValueString()
	_, err := base.ResendIfLost(ctx, "update source connector user", func() (struct{}, error) {
		return struct{}{}, api.UpdateUser(ctx, org, sc, u)
	})
	if err != nil {
		base.AddError(&resp.Diagnostics, fmt.Sprintf("update user %s of source connector %s", u.UserID, sc), err)
		return
	}
	plan.settle()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, sc, uid := state.OrganizationID.ValueString(), state.SourceConnectorID.ValueString(), state.UserID.ValueString()
	err := api.RemoveUser(ctx, org, sc, uid)
	if client.IsOutcomeUnknown(err) {
		// A second DELETE answers 404 (success) if the first one went through.
		err = api.RemoveUser(ctx, org, sc, uid)
	}
	if err != nil {
		base.AddError(&resp.Diagnostics, fmt.Sprintf("remove user %s from source connector %s", uid, sc), err)
	}
}

// userImportID is `<organization_id>/<source_connector_id>/<user_id>`, or
// the last two in the provider's default organization.
var userImportID = base.ImportID{Attrs: []string{"source_connector_id", "user_id"},
	Format: "<organization_id>/<source_connector_id>/<user_id>, or <source_connector_id>/<user_id> with the provider's vectorize.organization_id"}

// ImportState records the ids; selected files and tokens cannot be read back.
func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.ImportScoped(ctx, req, resp, userImportID)
}
