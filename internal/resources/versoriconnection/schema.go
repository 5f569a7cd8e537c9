package versoriconnection

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/validate"
)

var schemeTypes = []string{"none", "api-key", "basic-auth", "oauth2", "google-service-account", "hmac"}

// Object types of the nested attributes, for building values.
var (
	scopeType  = types.ObjectType{AttrTypes: map[string]attr.Type{"name": types.StringType, "description": types.StringType}}
	flowsType  = types.ObjectType{AttrTypes: map[string]attr.Type{"client_credentials": types.BoolType, "authorization_code_credential_id": types.StringType}}
	schemeType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"scheme_type": types.StringType, "name": types.StringType, "in": types.StringType, "algorithm": types.StringType,
		"digest_inputs": types.ListType{ElemType: types.StringType}, "authorize_url": types.StringType,
		"token_url": types.StringType, "scopes": types.ListType{ElemType: scopeType}, "flows": flowsType,
	}}
	credentialType  = types.ObjectType{AttrTypes: map[string]attr.Type{"credential_id": types.StringType, "auth_scheme_config": schemeType}}
	environmentType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"id": types.StringType, "name": types.StringType, "variables": types.MapType{ElemType: types.StringType},
		"action_credentials": types.ListType{ElemType: credentialType}, "trigger_credentials": types.ListType{ElemType: credentialType},
	}}
	versionType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"id": types.StringType, "name": types.StringType, "description": types.StringType, "is_latest": types.BoolType,
		"is_default": types.BoolType, "created_at": types.StringType, "updated_at": types.StringType, "published_at": types.StringType,
	}}
)

func schemeAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"scheme_type": schema.StringAttribute{
			Required: true, MarkdownDescription: "One of `none`, `api-key`, `basic-auth`, `oauth2`, `google-service-account`, `hmac`.",
			Validators: []validator.String{stringvalidator.OneOf(schemeTypes...)},
		},
		"name": schema.StringAttribute{Optional: true, MarkdownDescription: "Parameter name carrying the key (`api-key`, `hmac`; required there).",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"in": schema.StringAttribute{Optional: true, MarkdownDescription: "Where the key or signature goes: `query`, `header` or `cookie` (`api-key`, `hmac`; required there).",
			Validators: []validator.String{stringvalidator.OneOf("query", "header", "cookie")}},
		"algorithm": schema.StringAttribute{Optional: true, MarkdownDescription: "`sha1`, `sha256` or `sha512` (`hmac`, required there).",
			Validators: []validator.String{stringvalidator.OneOf("sha1", "sha256", "sha512")}},
		"digest_inputs": schema.ListAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: "What the HMAC digest covers: `body` and/or `url` (`hmac`, required there).",
			Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
				listvalidator.ValueStringsAre(stringvalidator.OneOf("body", "url"))}},
		"authorize_url": schema.StringAttribute{Optional: true, MarkdownDescription: "OAuth 2 authorization URL (`oauth2`, required there).",
			Validators: []validator.String{validate.AbsoluteURL()}},
		"token_url": schema.StringAttribute{Optional: true, MarkdownDescription: "OAuth 2 token URL (`oauth2`, required there).",
			Validators: []validator.String{validate.AbsoluteURL()}},
		"scopes": schema.ListNestedAttribute{Optional: true, MarkdownDescription: "OAuth 2 scopes the application supports (`oauth2`; sent as an empty list when unset).",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Scope name.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				"description": schema.StringAttribute{Optional: true, MarkdownDescription: "Scope description.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			}}},
		"flows": schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "OAuth 2 flows the external system supports (`oauth2`, required there, at least one).",
			Attributes: map[string]schema.Attribute{
				"client_credentials": schema.BoolAttribute{Optional: true, MarkdownDescription: "The client credentials flow; the client id and secret come from the environment's credential."},
				"authorization_code_credential_id": schema.StringAttribute{Optional: true,
					MarkdownDescription: "The authorization code flow: ID of the organisation credential (`oauth2-client`) holding the client id and secret.",
					Validators:          []validator.String{ulid{}}},
			}},
	}
}

func credentialsAttribute(kind string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Optional:            true,
		MarkdownDescription: "Organisation credentials the environment's " + kind + " use, each with the auth scheme it serves.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"credential_id": schema.StringAttribute{Required: true, MarkdownDescription: "ID (ULID) of an existing organisation credential.",
				Validators: []validator.String{ulid{}}},
			"auth_scheme_config": schema.SingleNestedAttribute{
				Required: true, MarkdownDescription: "The auth scheme this credential is used with. Its other fields can change " +
					"in place; changing its `scheme_type`, or adding or removing a credential, replaces the environment (new `id`), " +
					"since the API can only reorder an environment's credentials and edit their auth schemes.",
				Attributes: schemeAttributes(),
				Validators: []validator.Object{schemeFields{}},
			},
		}},
		Validators: []validator.List{uniqueField{field: "credential_id"}},
	}
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A Versori Connect connection (`/o/{organisation_id}/connections`) with its environments. " +
			"One request per create, read, update and delete; an update also sends `UpdateEnvironment` for each " +
			"existing environment whose own settings change.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The connection ULID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"organisation_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Organisation (ULID) owning the connection; defaults to the provider's `versori.organisation_id`. Changing it replaces the connection.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{ulid{}},
			},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the connection.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255)}},
			"protocol": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("http"),
				MarkdownDescription: "`http` (default) or `bigquery`. Changing it replaces the connection.",
				Validators:          []validator.String{stringvalidator.OneOf("http", "bigquery")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"base_url": schema.StringAttribute{Optional: true, MarkdownDescription: "Base URL of every HTTP action; required for `http`, not allowed for `bigquery`.",
				Validators: []validator.String{validate.AbsoluteURL()}},
			"dataset_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "BigQuery dataset as `" + datasetForm + "`: " + datasetParts + ", e.g. `my-project.sales`; required for `bigquery`, not allowed for `http`.",
				Validators:          []validator.String{datasetID{}}},
			"auth_scheme_configs": schema.ListNestedAttribute{
				Optional: true, MarkdownDescription: "Auth schemes the connection supports (`http` only). Each `scheme_type` takes only its own fields.",
				NestedObject: schema.NestedAttributeObject{Attributes: schemeAttributes(), Validators: []validator.Object{schemeFields{}}},
			},
			"environment_variables": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Default variables of every environment (`http` only). The API sets a changed value in every environment.",
				Validators:          []validator.Map{mapKeysNotEmpty{}},
			},
			"environments": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: "Environments, identified by `name` (unique). Adding or removing one, or reordering, goes in the connection's PUT; " +
					"editing an existing one's `variables`, the order of its credentials or their auth schemes is an `UpdateEnvironment` call that keeps its `id`. " +
					"A renamed environment is a new one.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Environment ULID, stable across updates."},
					"name": schema.StringAttribute{Required: true, MarkdownDescription: "Environment name, unique within the connection.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"variables": schema.MapAttribute{Optional: true, ElementType: types.StringType,
						MarkdownDescription: "The environment's own variables. Variables it inherits from `environment_variables` with the same value are not listed.",
						Validators:          []validator.Map{mapKeysNotEmpty{}}},
					"action_credentials":  credentialsAttribute("actions"),
					"trigger_credentials": credentialsAttribute("triggers"),
				}},
				Validators: []validator.List{uniqueField{field: "name"}},
			},
			"force_delete": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Delete with `?force=true`, even while integrations use the connection. Default `false`: the API refuses (409 or 412)."},
			// Set once by the create (spec ConnectionBase.createdAt).
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			// Unknown in a plan only when the update sends a change (ModifyPlan).
			"updated_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Last update time, including changes to environments (RFC 3339). " +
				"Planned as unknown only when an update changes something the API holds."},
			// "Versions cannot be updated via this endpoint" (spec
			// ConnectionUpdateBase), and what versions cover (actions,
			// triggers, definitions) is outside this resource: no update of
			// it changes them.
			"versions": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "Versions of the connection (drafts and published ones). Versions are managed outside this resource; an update never changes them.",
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Version ULID."},
					"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Version name."},
					"description":  schema.StringAttribute{Computed: true, MarkdownDescription: "Version description."},
					"is_latest":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this is the latest version."},
					"is_default":   schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this is the default version."},
					"created_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time."},
					"updated_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Last update time."},
					"published_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Publication time, if published."},
				}},
			},
		},
	}
}
