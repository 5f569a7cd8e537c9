package vectorizeconnector

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

// userModel is conduit_vectorize_source_connector_user's state.
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
