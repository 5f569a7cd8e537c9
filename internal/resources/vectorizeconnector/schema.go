package vectorizeconnector

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

var typePattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)

func computedString(desc string, keep bool) schema.StringAttribute {
	a := schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	if keep {
		a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	}
	return a
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A Vectorize source connector (`/v1/org/{organizationId}/connectors/sources`). " +
			"Create sends 2 requests (POST, then GET: the create answer has only the id and name); update, read and delete 1 each.\n\n" +
			"`config` holds the non-secret settings as a JSON object and is compared semantically (key order and whitespace " +
			"make no difference). The API returns the configuration without its secret fields, so drift is detected on " +
			"the keys it returns. Put credentials in `secret_config` (stored in state, marked sensitive) or, with " +
			"Terraform 1.11 and later, in `secret_config_wo` (write-only, never stored; change `secret_config_wo_version` " +
			"to send it again). The secret object is merged into `config` in every create and update request, since an " +
			"update replaces the whole configuration.\n\n" +
			"Required configuration keys are checked at plan time for the types whose configuration schema Vectorize publishes: " +
			requiredKeysDoc() + ". Other types are sent as configured and checked by the API.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("The connector's UUID.", true),
			"organization_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Vectorize organization. Defaults to the provider's `vectorize.organization_id`. Changing it replaces the connector.",
				Validators:          []validator.String{notEmpty{defaultedOrg}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), stringplanmodifier.UseStateForUnknown()},
			},
			"workspace_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Workspace to create the connector in (the `workspaceId` query parameter). Changing it replaces the connector. " +
					"The API does not return it, so after an import setting it only records it in state.",
				Validators:    []validator.String{notEmpty{"leave it out to create the connector in the organization's first workspace"}},
				PlanModifiers: []planmodifier.String{workspaceReplace{}},
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Connector name. The API cannot rename a connector, so changing it replaces the connector.",
				Validators:    []validator.String{notEmpty{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Connector type in upper snake case, e.g. `AWS_S3`, `AZURE_BLOB`, `GCS`, `WEB_CRAWLER`, `GITHUB`, " +
					"`FILE_UPLOAD`, `GOOGLE_DRIVE_OAUTH_MULTI`. Types this provider version does not know are sent as they are, " +
					"with a warning. Changing it replaces the connector.",
				Validators:    []validator.String{typeValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"config": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{}, Optional: true,
				MarkdownDescription: "Non-secret settings as a JSON object (use `jsonencode`). Keys are the API's, e.g. `bucket-name`. " +
					"After an import it holds everything the API returns, server defaults included.",
				PlanModifiers: []planmodifier.String{keepEquivalentJSON{}},
			},
			"secret_config": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Secret settings as a JSON object (e.g. `access-key`, `secret-key`), merged into `config` when sent. " +
					"Stored in state (sensitive); never compared with the API, which does not return secrets. Conflicts with `secret_config_wo`.",
				Validators:    []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("secret_config_wo")), validJSON{}},
				PlanModifiers: []planmodifier.String{keepEquivalentJSON{}},
			},
			"secret_config_wo": schema.StringAttribute{
				Optional: true, WriteOnly: true, Sensitive: true, Validators: []validator.String{validJSON{}},
				MarkdownDescription: "Write-only form of `secret_config` (Terraform 1.11 and later): sent on create and on every update, " +
					"never stored. Changing it alone plans nothing: change `secret_config_wo_version` to send a new value.",
			},
			"secret_config_wo_version": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Any number; changing it sends `secret_config_wo` again in one update request.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("secret_config_wo"))},
			},
			"verification_status":   computedString("Whether Vectorize could verify the connector's settings, as the API reports it.", false),
			"error_message":         computedString("The API's error message for the connector, if any.", false),
			"created_at":            computedString("Creation time (RFC 3339).", true),
			"created_by_email":      computedString("Email of the user who created the connector.", true),
			"last_updated_by_email": computedString("Email of the user who last updated the connector.", false),
		},
	}
}

// requiredKeysDoc lists each published type's required keys, from the
// table the plan-time check uses, so the two cannot disagree.
func requiredKeysDoc() string {
	typs := make([]string, 0, len(vectorize.ConfigSpecs))
	for t := range vectorize.ConfigSpecs {
		typs = append(typs, t)
	}
	sort.Strings(typs)
	parts := make([]string, 0, len(typs))
	for _, t := range typs {
		spec := vectorize.ConfigSpecs[t]
		var keys, defaults []string
		for _, k := range spec.Required {
			if v, ok := spec.Defaults[k]; ok {
				defaults = append(defaults, fmt.Sprintf("`%s` defaults to `%v`", k, v))
				continue
			}
			keys = append(keys, "`"+k+"`")
		}
		switch {
		case len(keys) == 0 && len(defaults) == 0:
			parts = append(parts, "`"+t+"` (none)")
		case len(defaults) == 0:
			parts = append(parts, "`"+t+"` ("+strings.Join(keys, ", ")+")")
		default:
			parts = append(parts, "`"+t+"` ("+strings.Join(keys, ", ")+"; "+strings.Join(defaults, ", ")+")")
		}
	}
	return strings.Join(parts, ", ")
}

// workspaceReplace replaces the connector when its workspace changes, except
// right after an import, where the API could not tell which workspace it is in.
type workspaceReplace struct{}

func (workspaceReplace) Description(context.Context) string {
	return "Changing the workspace replaces the connector, except to record it after an import."
}

func (m workspaceReplace) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (workspaceReplace) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	if req.StateValue.IsNull() {
		flag, diags := req.Private.GetKey(ctx, privateWorkspaceUnknown)
		resp.Diagnostics.Append(diags...)
		if len(flag) > 0 {
			return
		}
	}
	resp.RequiresReplace = true
}

// keepEquivalentJSON plans the prior value when the configured JSON means the
// same (key order, whitespace, 300 vs 300.0), so reformatting plans nothing.
// Terraform accepts a planned value equal to the prior one in place of the
// configured value, as the provider's statement that the two are equivalent.
type keepEquivalentJSON struct{}

func (keepEquivalentJSON) Description(context.Context) string {
	return "An equivalent JSON document keeps the prior value."
}

func (m keepEquivalentJSON) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepEquivalentJSON) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if jsonEqual([]byte(req.StateValue.ValueString()), []byte(req.PlanValue.ValueString())) {
		resp.PlanValue = req.StateValue
	}
}

// validJSON checks a secret JSON string without the framework's JSON types,
// whose semantic-equality step logs attribute values at TRACE level.
type validJSON struct{}

func (validJSON) Description(context.Context) string { return "must be a JSON object" }

func (v validJSON) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (validJSON) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	// The value is secret: the message names the attribute, never the content.
	if _, err := object(req.ConfigValue); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON", req.Path.String()+" "+err.Error()+".")
	}
}
