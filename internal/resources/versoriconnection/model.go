package versoriconnection

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

type model struct {
	ID                   types.String `tfsdk:"id"`
	OrganisationID       types.String `tfsdk:"organisation_id"`
	Name                 types.String `tfsdk:"name"`
	Protocol             types.String `tfsdk:"protocol"`
	BaseURL              types.String `tfsdk:"base_url"`
	DatasetID            types.String `tfsdk:"dataset_id"`
	AuthSchemeConfigs    types.List   `tfsdk:"auth_scheme_configs"`
	EnvironmentVariables types.Map    `tfsdk:"environment_variables"`
	Environments         types.List   `tfsdk:"environments"`
	ForceDelete          types.Bool   `tfsdk:"force_delete"`
	CreatedAt            types.String `tfsdk:"created_at"`
	UpdatedAt            types.String `tfsdk:"updated_at"`
	Versions             types.List   `tfsdk:"versions"`
}

type schemeModel struct {
	SchemeType   types.String `tfsdk:"scheme_type"`
	Name         types.String `tfsdk:"name"`
	In           types.String `tfsdk:"in"`
	Algorithm    types.String `tfsdk:"algorithm"`
	DigestInputs types.List   `tfsdk:"digest_inputs"`
	AuthorizeURL types.String `tfsdk:"authorize_url"`
	TokenURL     types.String `tfsdk:"token_url"`
	Scopes       types.List   `tfsdk:"scopes"`
	Flows        types.Object `tfsdk:"flows"`
}

// flowsModel is an oauth2 scheme's flows: client credentials, and/or the
// authorization code flow with the credential holding the client id and secret.
type flowsModel struct {
	ClientCredentials             types.Bool   `tfsdk:"client_credentials"`
	AuthorizationCodeCredentialID types.String `tfsdk:"authorization_code_credential_id"`
}

type scopeModel struct {
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
}

type credentialModel struct {
	CredentialID     types.String `tfsdk:"credential_id"`
	AuthSchemeConfig types.Object `tfsdk:"auth_scheme_config"`
}

type environmentModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	Variables          types.Map    `tfsdk:"variables"`
	ActionCredentials  types.List   `tfsdk:"action_credentials"`
	TriggerCredentials types.List   `tfsdk:"trigger_credentials"`
}

type versionModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	IsLatest    types.Bool   `tfsdk:"is_latest"`
	IsDefault   types.Bool   `tfsdk:"is_default"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
	PublishedAt types.String `tfsdk:"published_at"`
}

// elems reads a known list into Go values; null and unknown give nil.
func elems[T any](ctx context.Context, l types.List, diags *diag.Diagnostics) []T {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []T
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

// listOf builds a list; an empty one is null unless the prior value was an
// empty list, so `x = []` and an omitted x both stay as written.
func listOf[T any](ctx context.Context, t attr.Type, items []T, prior types.List, diags *diag.Diagnostics) types.List {
	if len(items) == 0 && (prior.IsNull() || prior.IsUnknown() || len(prior.Elements()) > 0) {
		return types.ListNull(t)
	}
	if items == nil {
		items = []T{}
	}
	v, d := types.ListValueFrom(ctx, t, items)
	diags.Append(d...)
	return v
}

func mapOf(vars map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(vars) == 0 && (prior.IsNull() || prior.IsUnknown() || len(prior.Elements()) > 0) {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(context.Background(), types.StringType, vars)
	diags.Append(d...)
	return v
}

func stringMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}

func str(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func variableMap(vars []versori.Variable) map[string]string {
	out := make(map[string]string, len(vars))
	for _, v := range vars {
		out[v.Name] = v.Value
	}
	return out
}

// variableList sorts by name, so the same map always sends the same list.
func variableList(m map[string]string) []versori.Variable {
	out := make([]versori.Variable, 0, len(m))
	for k, v := range m {
		out = append(out, versori.Variable{Name: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ownVariables is an environment's variables less those it inherits from
// the connection's environment_variables unchanged, unless the
// configuration names them (keep).
func ownVariables(server []versori.Variable, inherited, keep map[string]string) map[string]string {
	out := map[string]string{}
	for _, v := range server {
		_, named := keep[v.Name]
		if cv, ok := inherited[v.Name]; ok && cv == v.Value && !named {
			continue
		}
		out[v.Name] = v.Value
	}
	return out
}

func schemeToAPI(ctx context.Context, m schemeModel, diags *diag.Diagnostics) versori.AuthSchemeConfig {
	out := versori.AuthSchemeConfig{
		SchemeType: m.SchemeType.ValueString(), Name: m.Name.ValueString(), In: m.In.ValueString(),
		Algorithm: m.Algorithm.ValueString(), AuthorizeURL: m.AuthorizeURL.ValueString(), TokenURL: m.TokenURL.ValueString(),
	}
	if !m.DigestInputs.IsNull() && !m.DigestInputs.IsUnknown() {
		diags.Append(m.DigestInputs.ElementsAs(ctx, &out.DigestInputs, false)...)
	}
	for _, s := range elems[scopeModel](ctx, m.Scopes, diags) {
		out.Scopes = append(out.Scopes, versori.Scope{Name: s.Name.ValueString(), Description: s.Description.ValueString()})
	}
	if !m.Flows.IsNull() && !m.Flows.IsUnknown() {
		var f flowsModel
		diags.Append(m.Flows.As(ctx, &f, basetypes.ObjectAsOptions{})...)
		out.Flows = &versori.OAuth2Flows{}
		if f.ClientCredentials.ValueBool() {
			out.Flows.ClientCredentials = &struct{}{}
		}
		if id := f.AuthorizationCodeCredentialID.ValueString(); id != "" {
			out.Flows.AuthorizationCode = &versori.OAuth2AuthorizationCode{ApplicationCredential: versori.CredentialRef{ID: id}}
		}
	}
	return out
}

func schemeFromAPI(ctx context.Context, a versori.AuthSchemeConfig, prior *schemeModel, diags *diag.Diagnostics) schemeModel {
	if prior == nil {
		prior = &schemeModel{DigestInputs: types.ListNull(types.StringType), Scopes: types.ListNull(scopeType), Flows: types.ObjectNull(flowsType.AttrTypes)}
	}
	m := schemeModel{
		SchemeType: types.StringValue(a.SchemeType), Name: str(a.Name), In: str(a.In), Algorithm: str(a.Algorithm),
		AuthorizeURL: str(a.AuthorizeURL), TokenURL: str(a.TokenURL), Flows: types.ObjectNull(flowsType.AttrTypes),
	}
	digest := make([]types.String, 0, len(a.DigestInputs))
	for _, d := range a.DigestInputs {
		digest = append(digest, types.StringValue(d))
	}
	m.DigestInputs = listOf(ctx, types.StringType, digest, prior.DigestInputs, diags)
	scopes := make([]scopeModel, 0, len(a.Scopes))
	for _, s := range a.Scopes {
		scopes = append(scopes, scopeModel{Name: types.StringValue(s.Name), Description: str(s.Description)})
	}
	m.Scopes = listOf(ctx, scopeType, scopes, prior.Scopes, diags)
	if a.Flows != nil && (a.Flows.ClientCredentials != nil || a.Flows.AuthorizationCode != nil) {
		f := flowsModel{ClientCredentials: types.BoolNull(), AuthorizationCodeCredentialID: types.StringNull()}
		var pf flowsModel
		if !prior.Flows.IsNull() && !prior.Flows.IsUnknown() {
			diags.Append(prior.Flows.As(ctx, &pf, basetypes.ObjectAsOptions{})...)
		}
		switch {
		case a.Flows.ClientCredentials != nil:
			f.ClientCredentials = types.BoolValue(true)
		case !pf.ClientCredentials.IsNull() && !pf.ClientCredentials.IsUnknown():
			// `client_credentials = false` reads back as written.
			f.ClientCredentials = types.BoolValue(false)
		}
		if a.Flows.AuthorizationCode != nil {
			f.AuthorizationCodeCredentialID = str(a.Flows.AuthorizationCode.ApplicationCredential.ID)
		}
		obj, d := types.ObjectValueFrom(ctx, flowsType.AttrTypes, f)
		diags.Append(d...)
		m.Flows = obj
	}
	return m
}

func schemesToAPI(ctx context.Context, l types.List, diags *diag.Diagnostics) []versori.AuthSchemeConfig {
	out := []versori.AuthSchemeConfig{}
	for _, s := range elems[schemeModel](ctx, l, diags) {
		out = append(out, schemeToAPI(ctx, s, diags))
	}
	return out
}

func (m *model) createInput(ctx context.Context, diags *diag.Diagnostics) versori.CreateInput {
	in := versori.CreateInput{
		Name: m.Name.ValueString(), BaseURL: m.BaseURL.ValueString(), DatasetID: m.DatasetID.ValueString(),
		AuthSchemeConfigs:    schemesToAPI(ctx, m.AuthSchemeConfigs, diags),
		EnvironmentVariables: variableList(stringMap(ctx, m.EnvironmentVariables, diags)),
		Environments:         []versori.EnvironmentCreate{},
	}
	for _, d := range m.desiredEnvironments(ctx, diags) {
		in.Environments = append(in.Environments, d.asNew())
	}
	return in
}

// replaceInput is the PUT for the plan: existing environments repeated
// exactly as the API holds them (cur), new ones added, others left out.
func (m *model) replaceInput(ctx context.Context, cur *versori.Connection, desired []desiredEnv, diags *diag.Diagnostics) versori.ReplaceInput {
	in := versori.ReplaceInput{
		ID: cur.ID, OrganisationID: cur.OrganisationID, Name: m.Name.ValueString(), Protocol: m.Protocol.ValueString(),
		BaseURL: m.BaseURL.ValueString(), DatasetID: m.DatasetID.ValueString(),
		AuthSchemeConfigs:    schemesToAPI(ctx, m.AuthSchemeConfigs, diags),
		EnvironmentVariables: variableList(stringMap(ctx, m.EnvironmentVariables, diags)),
		Environments:         []versori.EnvironmentUpdateOrCreate{},
	}
	for _, d := range desired {
		if e := findEnvironment(cur, d.ID); e != nil {
			u := e.AsUpdate()
			in.Environments = append(in.Environments, versori.EnvironmentUpdateOrCreate{Update: &u})
			continue
		}
		n := d.asNew()
		in.Environments = append(in.Environments, versori.EnvironmentUpdateOrCreate{Create: &n})
	}
	return in
}

// currentInput is the PUT that would change nothing.
func currentInput(cur *versori.Connection) versori.ReplaceInput {
	in := versori.ReplaceInput{
		ID: cur.ID, OrganisationID: cur.OrganisationID, Name: cur.Name, Protocol: cur.Protocol,
		BaseURL: cur.BaseURL, DatasetID: cur.DatasetID, AuthSchemeConfigs: cur.AuthSchemeConfigs,
		EnvironmentVariables: variableList(variableMap(cur.EnvironmentVariables)), Environments: []versori.EnvironmentUpdateOrCreate{},
	}
	for _, e := range cur.Environments {
		u := e.AsUpdate()
		in.Environments = append(in.Environments, versori.EnvironmentUpdateOrCreate{Update: &u})
	}
	return in
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// fromAPI sets the model from the API's connection. prior supplies what the
// API does not return (force_delete) and which empty collections were
// written as [] rather than left out; with hideInherited, environments show
// only their own variables.
func fromAPI(ctx context.Context, c *versori.Connection, prior model, hideInherited bool, diags *diag.Diagnostics) model {
	m := model{
		ID: types.StringValue(c.ID), OrganisationID: types.StringValue(c.OrganisationID), Name: types.StringValue(c.Name),
		Protocol: types.StringValue(c.Protocol), BaseURL: str(c.BaseURL), DatasetID: str(c.DatasetID),
		ForceDelete: prior.ForceDelete, CreatedAt: str(c.CreatedAt), UpdatedAt: str(c.UpdatedAt),
	}
	if c.OrganisationID == "" {
		m.OrganisationID = prior.OrganisationID
	}
	if m.ForceDelete.IsUnknown() {
		m.ForceDelete = types.BoolNull()
	}
	priorSchemes := elems[schemeModel](ctx, prior.AuthSchemeConfigs, diags)
	schemes := make([]schemeModel, 0, len(c.AuthSchemeConfigs))
	for i, s := range c.AuthSchemeConfigs {
		var p *schemeModel
		if i < len(priorSchemes) {
			p = &priorSchemes[i]
		}
		schemes = append(schemes, schemeFromAPI(ctx, s, p, diags))
	}
	m.AuthSchemeConfigs = listOf(ctx, schemeType, schemes, prior.AuthSchemeConfigs, diags)

	inherited := variableMap(c.EnvironmentVariables)
	m.EnvironmentVariables = mapOf(inherited, prior.EnvironmentVariables, diags)

	priorEnvs := elems[environmentModel](ctx, prior.Environments, diags)
	envs := make([]environmentModel, 0, len(c.Environments))
	for _, e := range c.Environments {
		p := environmentModel{Variables: types.MapNull(types.StringType), ActionCredentials: types.ListNull(credentialType), TriggerCredentials: types.ListNull(credentialType)}
		for _, pe := range priorEnvs {
			if pe.ID.ValueString() == e.ID || pe.Name.ValueString() == e.Name {
				p = pe
				break
			}
		}
		vars := variableMap(e.Variables)
		if hideInherited {
			vars = ownVariables(e.Variables, inherited, stringMap(ctx, p.Variables, diags))
		}
		var creds versori.EnvironmentCredentials
		if e.Credentials != nil {
			creds = *e.Credentials
		}
		envs = append(envs, environmentModel{
			ID: types.StringValue(e.ID), Name: types.StringValue(e.Name), Variables: mapOf(vars, p.Variables, diags),
			ActionCredentials:  credentialsFromAPI(ctx, creds.Action, p.ActionCredentials, diags),
			TriggerCredentials: credentialsFromAPI(ctx, creds.Trigger, p.TriggerCredentials, diags),
		})
	}
	m.Environments = listOf(ctx, environmentType, envs, prior.Environments, diags)

	versions := make([]versionModel, 0, len(c.Versions))
	for _, v := range c.Versions {
		versions = append(versions, versionModel{
			ID: types.StringValue(v.ID), Name: types.StringValue(v.Name), Description: types.StringValue(v.Description),
			IsLatest: types.BoolValue(v.IsLatest), IsDefault: types.BoolValue(v.IsDefault),
			CreatedAt: str(v.CreatedAt), UpdatedAt: str(v.UpdatedAt), PublishedAt: str(v.PublishedAt),
		})
	}
	var d diag.Diagnostics
	m.Versions, d = types.ListValueFrom(ctx, versionType, versions)
	diags.Append(d...)
	return m
}

// emptyModel is the prior for reads with no configuration (import, data sources).
func emptyModel() model {
	return model{
		AuthSchemeConfigs: types.ListNull(schemeType), EnvironmentVariables: types.MapNull(types.StringType),
		Environments: types.ListNull(environmentType), ForceDelete: types.BoolNull(), OrganisationID: types.StringNull(),
	}
}
