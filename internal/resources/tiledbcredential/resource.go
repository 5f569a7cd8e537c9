// Package tiledbcredential is the conduit_tiledb_credential resource and the
// conduit_tiledb_credentials data source (TileDB Cloud access credentials).
package tiledbcredential

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ resource.Resource                     = &credentialResource{}
	_ resource.ResourceWithImportState      = &credentialResource{}
	_ resource.ResourceWithConfigValidators = &credentialResource{}
)

// NewResource is the conduit_tiledb_credential factory.
func NewResource() resource.Resource {
	return &credentialResource{base.NewResourceBase[*tiledb.API](&tiledb.Service, "_tiledb_credential", resourceSchema)}
}

type credentialResource struct {
	base.ResourceBase[*tiledb.API]
}

// ConfigValidators requires exactly one credential kind with its secret, as
// the API does.
func (r *credentialResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{credentialRules{}}
}

// kindOf names the kind set in a plan or state; unknown counts as set. It
// reads the value itself (base.Attr): GetAttribute would convert each kind's
// whole object to look at its nullness.
func kindOf(raw tftypes.Value) string {
	for _, k := range allKinds {
		if v, ok := base.Attr(raw, k); ok && !v.IsNull() {
			return k
		}
	}
	return ""
}

// ModifyPlan fails early without the service, defaults the namespace, derives
// cloud_provider from the kind, and replaces the credential when the kind
// changes (the API cannot change a credential's kind in place).
func (r *credentialResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.ResourceBase.ModifyPlan(ctx, req, resp)
	if req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	planKind := kindOf(req.Plan.Raw)
	if planKind != "" {
		// Most plans (every refresh) already hold the kind's cloud.
		if v, ok := base.Attr(resp.Plan.Raw, "cloud_provider"); !ok || !v.Equal(tftypes.NewValue(tftypes.String, kindCloud[planKind])) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("cloud_provider"), kindCloud[planKind])...)
		}
	}
	if req.State.Raw.IsNull() || planKind == "" {
		return
	}
	stateKind := kindOf(req.State.Raw)
	if stateKind != planKind {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root(planKind))
		return
	}
	if planKind == kindGCPServiceAccountKey {
		keepServerFields(ctx, req, resp)
	}
}

// keepServerFields plans account_id and key_id, which TileDB reads from the
// key file (spec GCPServiceAccountKey: it "attempt[s] to extract the service
// account ID and the key ID"), at their state values when the update cannot
// change them: every update sends the key file again (stored, or write-only
// from the configuration), so they are kept when that file is the stored one
// already sent, or a key file naming the same account and key. Otherwise
// they stay unknown: the file may hold another key.
func keepServerFields(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	kind := path.Root(kindGCPServiceAccountKey)
	var planKey, stateKey, cfgKeyWO, account, keyID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, kind.AtName("key_text"), &planKey)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, kind.AtName("key_text"), &stateKey)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, kind.AtName("key_text_wo"), &cfgKeyWO)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, kind.AtName("account_id"), &account)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, kind.AtName("key_id"), &keyID)...)
	if resp.Diagnostics.HasError() || planKey.IsUnknown() || cfgKeyWO.IsUnknown() {
		return
	}
	sent := !planKey.IsNull() && planKey.Equal(stateKey)
	if !sent {
		file := pick(planKey, cfgKeyWO)
		fileAccount, fileKey := keyFileIDs(file)
		// Empty ids (a file that is not a JSON key) prove nothing: the API
		// might read a P12 file otherwise.
		sent = fileAccount != "" && fileKey != "" && fileAccount == account.ValueString() && fileKey == keyID.ValueString()
	}
	if !sent {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, kind.AtName("account_id"), account)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, kind.AtName("key_id"), keyID)...)
}

// load reads the plan and the configuration, whose write-only
// secrets are readable during apply.
func load(ctx context.Context, src tfsdk.Plan, config tfsdk.Config, diags *diag.Diagnostics) (model, model) {
	var m, cfg model
	diags.Append(base.Get(ctx, src, &m)...)
	diags.Append(base.Get(ctx, config, &cfg)...)
	return m, cfg
}

// request is the wire body for a create or update: the kind with its secret,
// and the flags the configuration sets (left out otherwise: unchanged/default).
func request(plan, cfg *model) tiledb.AccessCredential {
	body := plan.request(&cfg.kinds)
	body.ProviderDefault = base.KnownBool(cfg.ProviderDefault)
	body.AllowedInTasks = base.KnownBool(cfg.AllowedInTasks)
	return body
}

func (r *credentialResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, cfg := load(ctx, req.Plan, req.Config, &resp.Diagnostics)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ns, name := plan.Namespace.ValueString(), plan.Name.ValueString()
	id := composeID(ns, name)
	body := request(&plan, &cfg)
	body.Name = name
	err := api.Create(ctx, ns, body)
	var got *tiledb.AccessCredential
	adopted := false
	if client.IsOutcomeUnknown(err) {
		got, adopted, err = recoverCreate(ctx, api, ns, body, err)
	}
	if base.IsUnresolvedCreate(err) {
		// The credential may exist: keep it in state (tainted) rather than orphan it.
		resp.Diagnostics.Append(base.KeepPlanned(ctx, req.Plan, &resp.State, map[string]string{"id": id})...)
	}
	if isRejection(err) && explainRejection(ctx, api, ns, "", &body, err, &resp.Diagnostics) {
		return
	}
	if err != nil {
		base.AddCreateError(&resp.Diagnostics, "TileDB credential "+id, err, id)
		return
	}
	if adopted {
		base.WarnAdopted(&resp.Diagnostics, "TileDB credential", id)
	}
	if got == nil {
		// The API answers 204: read the credential back for its server fields.
		got, err = api.Get(ctx, ns, name)
	}
	if err != nil {
		// It exists: keep it in state (tainted) so it is never orphaned.
		resp.Diagnostics.Append(base.KeepPlanned(ctx, req.Plan, &resp.State, map[string]string{"id": id})...)
		base.AddError(&resp.Diagnostics, "read TileDB credential "+id+" after creating it", err)
		return
	}
	planned := plan.ProviderDefault
	plan.fromAPI(ns, got)
	keepPlannedDefault(planned, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

// keepPlannedDefault handles another credential taking provider_default
// between our write and our read (the API keeps one default per provider):
// the planned value is kept, with a warning, so the next plan shows it as
// drift instead of Terraform failing on an inconsistent result.
func keepPlannedDefault(planned types.Bool, m *model, diags *diag.Diagnostics) {
	if planned.IsNull() || planned.IsUnknown() || planned.Equal(m.ProviderDefault) {
		return
	}
	diags.AddWarning("provider_default changed by another credential",
		fmt.Sprintf("TileDB credential %s was written with provider_default = %t, but the API now reports %t: another credential "+
			"of the same cloud provider became the default meanwhile (the API keeps one per provider and namespace). "+
			"The next plan shows this as drift.", m.ID.ValueString(), planned.ValueBool(), m.ProviderDefault.ValueBool()))
	m.ProviderDefault = planned
}

// recoverCreate runs after a POST whose answer was lost. The name is unique in
// the namespace, so a credential of that name and the same kind and public
// id is the one we sent and is adopted; with none, the POST is sent again.
func recoverCreate(ctx context.Context, api *tiledb.API, ns string, body tiledb.AccessCredential, cause error) (*tiledb.AccessCredential, bool, error) {
	return base.LostCreate[*tiledb.AccessCredential]{
		What: "TileDB credential " + composeID(ns, body.Name),
		Lookup: func() (*tiledb.AccessCredential, bool, error) {
			got, err := api.Get(ctx, ns, body.Name)
			switch {
			case client.IsNotFound(err):
				return nil, false, nil
			case err != nil:
				return nil, false, err
			case publicID(got) != publicID(&body):
				id := composeID(ns, body.Name)
				return nil, false, base.NotAdopted("A credential named %q now exists but does not hold the configured %s, so it was not made by this apply.\n%s",
					body.Name, publicID(&body), base.ImportHint(id))
			}
			return got, true, nil
		},
		Create: func() (*tiledb.AccessCredential, error) { return nil, api.Create(ctx, ns, body) },
	}.Recover(ctx, cause)
}

// publicID identifies what a credential grants access to, without secrets.
func publicID(c *tiledb.AccessCredential) string {
	switch {
	case c.Credential != nil && c.Credential.AWS != nil:
		return "AWS access key " + c.Credential.AWS.AccessKeyID
	case c.Credential != nil && c.Credential.Azure != nil:
		return "Azure account key of " + c.Credential.Azure.AccountName
	case c.Credential != nil && c.Credential.GCP != nil:
		return "GCS HMAC key " + c.Credential.GCP.AccessKeyID
	case c.Role != nil && c.Role.AWS != nil:
		return "AWS role " + c.Role.AWS.RoleARN
	case c.Token != nil && c.Token.Azure != nil:
		return "Azure SAS token of " + c.Token.Azure.AccountName
	case c.Token != nil && c.Token.GCP != nil:
		return "GCP service account key " + serviceAccountKeyID(c.Token.GCP)
	}
	return "no credential"
}

// serviceAccountKeyID is the key id the API reads from a key file, or the one
// it answered with.
func serviceAccountKeyID(k *tiledb.GCPServiceAccountKey) string {
	if k.KeyID != "" {
		return k.KeyID
	}
	_, id := keyFileIDs(k.KeyText)
	return id
}

// keyFileIDs are the service account (client_email) and key id
// (private_key_id) of a GCP JSON key file; empty for anything else.
func keyFileIDs(text string) (account, keyID string) {
	var file struct {
		ClientEmail  string `json:"client_email"`
		PrivateKeyID string `json:"private_key_id"`
	}
	_ = json.Unmarshal([]byte(text), &file)
	return file.ClientEmail, file.PrivateKeyID
}

func (r *credentialResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	// Namespace and name never change, and setting the identity before the
	// GET covers a 404 on state written before identity too.
	resp.Diagnostics.Append(identity.Set(ctx, req.State, resp.Identity)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ns := state.Namespace.ValueString()
	got, err := reads.Read(ctx, &r.Base, api, ns, state.Name.ValueString())
	if base.ReadOrRemove(ctx, err, &resp.State, &resp.Diagnostics, "read TileDB credential "+composeID(ns, state.Name.ValueString())) {
		return
	}
	state.fromAPI(ns, got)
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &state)...)
}

func (r *credentialResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, cfg := load(ctx, req.Plan, req.Config, &resp.Diagnostics)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ns, name := plan.Namespace.ValueString(), plan.Name.ValueString()
	// The kind object is replaced whole by the API, so it always goes with its secret.
	body := request(&plan, &cfg)
	// The PATCH carries the whole desired credential: re-sending it converges.
	_, err := base.ResendIfLost(ctx, "update TileDB credential", func() (struct{}, error) {
		return struct{}{}, api.Update(ctx, ns, name, body)
	})
	if isRejection(err) && explainRejection(ctx, api, ns, name, &body, err, &resp.Diagnostics) {
		return
	}
	if err != nil {
		base.AddError(&resp.Diagnostics, "update TileDB credential "+composeID(ns, name), err)
		return
	}
	got, err := api.Get(ctx, ns, name)
	if err != nil {
		base.AddError(&resp.Diagnostics, "read TileDB credential "+composeID(ns, name)+" after updating it", err)
		return
	}
	planned := plan.ProviderDefault
	plan.fromAPI(ns, got)
	keepPlannedDefault(planned, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

func (r *credentialResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ns, name := state.Namespace.ValueString(), state.Name.ValueString()
	err := base.DeleteConfirmed(ctx, "delete TileDB credential",
		func() error { return api.Delete(ctx, ns, name) },
		func() error { _, err := api.Get(ctx, ns, name); return err })
	if err != nil {
		base.AddError(&resp.Diagnostics, "delete TileDB credential "+composeID(ns, name), err)
	}
}

// importID is `<namespace>/<name>`, or a bare name in the provider's default
// namespace, which must be one the API accepts.
var importID = base.ImportID{Attrs: []string{"name"},
	Format: "<namespace>/<name>, or <name> with the provider's tiledb.namespace",
	Bare:   func(parts []string) bool { return namePattern.MatchString(parts[0]) }}
