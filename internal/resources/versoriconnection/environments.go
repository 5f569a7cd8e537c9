package versoriconnection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// credSpec is one credential of an environment as configured: the
// organisation credential and the auth scheme it serves. The API's binding
// between them has an id of its own, which state does not show.
type credSpec struct {
	CredentialID string                   `json:"credentialId"`
	Scheme       versori.AuthSchemeConfig `json:"authSchemeConfig"`
}

type credSpecs struct {
	Action  []credSpec `json:"action"`
	Trigger []credSpec `json:"trigger"`
}

func credentialsToSpecs(ctx context.Context, l types.List, diags *diag.Diagnostics) []credSpec {
	out := []credSpec{}
	for _, c := range elems[credentialModel](ctx, l, diags) {
		var s schemeModel
		diags.Append(c.AuthSchemeConfig.As(ctx, &s, basetypes.ObjectAsOptions{})...)
		out = append(out, credSpec{CredentialID: c.CredentialID.ValueString(), Scheme: schemeToAPI(ctx, s, diags)})
	}
	return out
}

// currentSpecs are an environment's credentials as the API answered them.
func currentSpecs(e *versori.Environment) credSpecs {
	out := credSpecs{Action: []credSpec{}, Trigger: []credSpec{}}
	if e.Credentials == nil {
		return out
	}
	for _, c := range e.Credentials.Action {
		out.Action = append(out.Action, credSpec{CredentialID: c.CredentialID(), Scheme: c.AuthSchemeConfig})
	}
	for _, c := range e.Credentials.Trigger {
		out.Trigger = append(out.Trigger, credSpec{CredentialID: c.CredentialID(), Scheme: c.AuthSchemeConfig})
	}
	return out
}

// credentialsFromAPI reads credential_id from the binding's `credential.id`
// (seed 002's shape), never from the binding's own id. An answer without the
// credential (the spec requires it) keeps the prior credential_id in that place.
func credentialsFromAPI(ctx context.Context, items []versori.EnvironmentCredential, prior types.List, diags *diag.Diagnostics) types.List {
	priors := elems[credentialModel](ctx, prior, diags)
	out := make([]credentialModel, 0, len(items))
	for i, c := range items {
		id := c.CredentialID()
		if id == "" && i < len(priors) {
			id = priors[i].CredentialID.ValueString()
		}
		var ps *schemeModel
		if i < len(priors) && priors[i].CredentialID.ValueString() == id && !priors[i].AuthSchemeConfig.IsNull() && !priors[i].AuthSchemeConfig.IsUnknown() {
			ps = &schemeModel{}
			diags.Append(priors[i].AuthSchemeConfig.As(ctx, ps, basetypes.ObjectAsOptions{})...)
		}
		obj, d := types.ObjectValueFrom(ctx, schemeType.AttrTypes, schemeFromAPI(ctx, c.AuthSchemeConfig, ps, diags))
		diags.Append(d...)
		out = append(out, credentialModel{CredentialID: str(id), AuthSchemeConfig: obj})
	}
	return listOf(ctx, credentialType, out, prior, diags)
}

// desiredEnv is one planned environment; ID is empty for a new one.
type desiredEnv struct {
	ID        string
	Name      string
	Variables map[string]string
	Creds     credSpecs
}

func (m *model) desiredEnvironments(ctx context.Context, diags *diag.Diagnostics) []desiredEnv {
	var out []desiredEnv
	for _, e := range elems[environmentModel](ctx, m.Environments, diags) {
		d := desiredEnv{Name: e.Name.ValueString(), Variables: stringMap(ctx, e.Variables, diags),
			Creds: credSpecs{Action: credentialsToSpecs(ctx, e.ActionCredentials, diags), Trigger: credentialsToSpecs(ctx, e.TriggerCredentials, diags)}}
		if !e.ID.IsUnknown() && !e.ID.IsNull() {
			d.ID = e.ID.ValueString()
		}
		out = append(out, d)
	}
	return out
}

// asNew is the EnvironmentCreate for a new environment: each credential
// referenced by id as `{authSchemeConfig, credential: {id}}`.
func (d desiredEnv) asNew() versori.EnvironmentCreate {
	ref := func(specs []credSpec) []versori.EnvironmentCredentialCreate {
		out := []versori.EnvironmentCredentialCreate{}
		for _, s := range specs {
			out = append(out, versori.EnvironmentCredentialCreate{AuthSchemeConfig: s.Scheme, Credential: versori.CredentialRef{ID: s.CredentialID}})
		}
		return out
	}
	return versori.EnvironmentCreate{Name: d.Name, Variables: variableList(d.Variables),
		Credentials: versori.EnvironmentCredentialsCreate{Action: ref(d.Creds.Action), Trigger: ref(d.Creds.Trigger)}}
}

func findEnvironment(c *versori.Connection, id string) *versori.Environment {
	if id == "" {
		return nil
	}
	for i := range c.Environments {
		if c.Environments[i].ID == id {
			return &c.Environments[i]
		}
	}
	return nil
}

// environmentEdit returns the UpdateEnvironment body that brings an existing
// environment to the desired one, or nil when it already matches. Inherited
// variables the configuration does not name are kept as the API has them.
// Credentials are named by their bindings' ids: UpdateEnvironment can only
// reorder them and edit their auth schemes (ModifyPlan replaces an
// environment whose credentials change otherwise).
func environmentEdit(cur *versori.Connection, e *versori.Environment, d desiredEnv) (*versori.EnvironmentUpdate, error) {
	inherited := variableMap(cur.EnvironmentVariables)
	own := ownVariables(e.Variables, inherited, d.Variables)
	if sameJSON(own, d.Variables) && sameJSON(currentSpecs(e), d.Creds) {
		return nil, nil
	}
	vars := map[string]string{}
	for _, v := range e.Variables {
		_, named := d.Variables[v.Name]
		if cv, ok := inherited[v.Name]; ok && cv == v.Value && !named {
			vars[v.Name] = v.Value
		}
	}
	for k, v := range d.Variables {
		vars[k] = v
	}
	list := variableList(vars)
	var have versori.EnvironmentCredentials
	if e.Credentials != nil {
		have = *e.Credentials
	}
	action, err := bindingUpdates("action", have.Action, d.Creds.Action)
	if err != nil {
		return nil, err
	}
	trigger, err := bindingUpdates("trigger", have.Trigger, d.Creds.Trigger)
	if err != nil {
		return nil, err
	}
	return &versori.EnvironmentUpdate{ID: e.ID, Name: d.Name, Variables: &list,
		Credentials: &versori.EnvironmentCredentialsUpdate{Action: action, Trigger: trigger}}, nil
}

// bindingUpdates names each desired credential by the id of the binding
// that already holds it.
func bindingUpdates(list string, have []versori.EnvironmentCredential, want []credSpec) ([]versori.EnvironmentCredentialUpdate, error) {
	byCredential := map[string]string{}
	for _, b := range have {
		byCredential[b.CredentialID()] = b.ID
	}
	out := []versori.EnvironmentCredentialUpdate{}
	for _, w := range want {
		id, ok := byCredential[w.CredentialID]
		if !ok || len(want) != len(have) {
			return nil, fmt.Errorf("the environment's %s credentials changed outside Terraform; refresh and plan again, and the environment will be replaced", list)
		}
		out = append(out, versori.EnvironmentCredentialUpdate{ID: id, AuthSchemeConfig: w.Scheme})
	}
	return out, nil
}

// credentialsReplaced reports whether a planned environment's credentials
// differ from the prior ones in a way UpdateEnvironment cannot apply: a
// credential added, removed or moved between lists, an unknown
// credential_id, or a changed scheme_type (the spec's
// EnvironmentCredentialUpdate: "schemeType field cannot be mutated").
func credentialsReplaced(ctx context.Context, planned, prior environmentModel, diags *diag.Diagnostics) bool {
	for _, pair := range [][2]types.List{{planned.ActionCredentials, prior.ActionCredentials}, {planned.TriggerCredentials, prior.TriggerCredentials}} {
		if pair[0].IsUnknown() {
			return true
		}
		want := elems[credentialModel](ctx, pair[0], diags)
		was := map[string]string{}
		for _, c := range elems[credentialModel](ctx, pair[1], diags) {
			was[c.CredentialID.ValueString()] = schemeTypeOf(c)
		}
		if len(want) != len(was) {
			return true
		}
		for _, c := range want {
			old, ok := was[c.CredentialID.ValueString()]
			if c.CredentialID.IsUnknown() || !ok || (!c.AuthSchemeConfig.IsUnknown() && schemeTypeOf(c) != old) {
				return true
			}
		}
	}
	return false
}

func schemeTypeOf(c credentialModel) string {
	if c.AuthSchemeConfig.IsNull() || c.AuthSchemeConfig.IsUnknown() {
		return ""
	}
	st, _ := c.AuthSchemeConfig.Attributes()["scheme_type"].(types.String)
	return st.ValueString()
}
