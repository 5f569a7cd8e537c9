package vectorizeconnector

import (
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// token is a token attribute and its write-only form.
func token(name, wo string) (schema.StringAttribute, schema.StringAttribute) {
	return schema.StringAttribute{
			Optional: true, Sensitive: true,
			MarkdownDescription: "OAuth " + name + " for the user, stored in state (sensitive). The API never returns it, so its drift is not detected. " +
				"Conflicts with `" + wo + "`. Removing it leaves the API's value as it is.",
			Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot(wo)), notEmpty{"leave it out when there is none"}},
		}, schema.StringAttribute{
			Optional: true, Sensitive: true, WriteOnly: true,
			MarkdownDescription: "Write-only OAuth " + name + " (Terraform 1.11 and later), never stored. Change `tokens_wo_version` to send a new value.",
			Validators:          []validator.String{notEmpty{"leave it out when there is none"}},
		}
}

// userSchema is conduit_vectorize_source_connector_user's schema.
func userSchema() schema.Schema {
	refresh, refreshWO := token("refresh token", "refresh_token_wo")
	access, accessWO := token("access token", "access_token_wo")
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
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
				Validators:          []validator.String{notEmpty{defaultedOrg}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), stringplanmodifier.UseStateForUnknown()},
			},
			"source_connector_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "The OAuth multi-user connector's id. Changing it replaces the user.",
				Validators: []validator.String{notEmpty{}}, PlanModifiers: replace,
			},
			"user_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "The user's id. Changing it replaces the user.",
				Validators: []validator.String{notEmpty{}}, PlanModifiers: replace,
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
