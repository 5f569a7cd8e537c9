package orgconnection

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var accessLevels = []string{"none", "readonly", "limited", "full"}

func optionalBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true, Computed: true, MarkdownDescription: desc,
		PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
	}
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed: true, MarkdownDescription: desc,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Enables an Auth0 connection on an Auth0 organization " +
			"(`/api/v2/organizations/{id}/connections`). One request per create, update, read and delete.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("`<organization_id>:<connection_id>`."),
			"organization_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Organization identifier (1–50 characters). Changing it replaces the resource.",
				Validators:    []validator.String{organizationIDRule},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"connection_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Connection identifier (1–50 characters). Changing it replaces the resource.",
				Validators:    []validator.String{connectionIDRule},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"organization_connection_name": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Name of the connection in the scope of this organization (1–50 characters). Removing it clears the name (sends `null`).",
				Validators: []validator.String{nameRule},
			},
			"assign_membership_on_login": optionalBool("When true, users logging in with this connection are granted membership automatically. API default `false`."),
			"show_as_button":             optionalBool("Whether the connection shows on the organization's login prompt (enterprise connections). API default `true`."),
			"is_signup_enabled": optionalBool("Whether organization signup is enabled (database connections). May be `true` only with " +
				"`assign_membership_on_login = true`; setting `assign_membership_on_login = false` on a pair with signup enabled needs " +
				"`is_signup_enabled = false` too (a plan-time error otherwise). " +
				"The API omits it for enterprise strategies; then the configured value is kept and drift is not detected."),
			"organization_access_level": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Access level for the organization: `none`, `readonly`, `limited` or `full`. API default `none`.",
				Validators:          []validator.String{accessLevel{}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"is_enabled": optionalBool("Whether the connection is enabled for the organization. API default `true`."),
			"name":       computedString("Name of the connection, from the API's `connection` object."),
			"strategy":   computedString("Strategy of the connection (`auth0`, `okta`, …), from the API's `connection` object."),
		},
	}
}
