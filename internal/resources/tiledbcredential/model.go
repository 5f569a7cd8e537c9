package tiledbcredential

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
)

type awsAccessKeyModel struct {
	AccessKeyID       types.String `tfsdk:"access_key_id"`
	SecretAccessKey   types.String `tfsdk:"secret_access_key"`
	SecretAccessKeyWO types.String `tfsdk:"secret_access_key_wo"`
	Endpoint          types.String `tfsdk:"endpoint"`
	KMSID             types.String `tfsdk:"kms_id"`
}

type awsRoleModel struct {
	RoleARN      types.String `tfsdk:"role_arn"`
	ExternalID   types.String `tfsdk:"external_id"`
	ExternalIDWO types.String `tfsdk:"external_id_wo"`
	Endpoint     types.String `tfsdk:"endpoint"`
	KMSID        types.String `tfsdk:"kms_id"`
}

type azureAccountKeyModel struct {
	AccountName  types.String `tfsdk:"account_name"`
	AccountKey   types.String `tfsdk:"account_key"`
	AccountKeyWO types.String `tfsdk:"account_key_wo"`
}

type azureSASTokenModel struct {
	AccountName types.String `tfsdk:"account_name"`
	SASToken    types.String `tfsdk:"sas_token"`
	SASTokenWO  types.String `tfsdk:"sas_token_wo"`
}

type gcpHMACKeyModel struct {
	AccessKeyID       types.String `tfsdk:"access_key_id"`
	SecretAccessKey   types.String `tfsdk:"secret_access_key"`
	SecretAccessKeyWO types.String `tfsdk:"secret_access_key_wo"`
}

type gcpServiceAccountKeyModel struct {
	KeyText   types.String `tfsdk:"key_text"`
	KeyTextWO types.String `tfsdk:"key_text_wo"`
	AccountID types.String `tfsdk:"account_id"`
	KeyID     types.String `tfsdk:"key_id"`
}

// kinds holds the six nested credential kinds; exactly one is non-nil.
type kinds struct {
	AWSAccessKey         *awsAccessKeyModel         `tfsdk:"aws_access_key"`
	AWSRole              *awsRoleModel              `tfsdk:"aws_role"`
	AzureAccountKey      *azureAccountKeyModel      `tfsdk:"azure_account_key"`
	AzureSASToken        *azureSASTokenModel        `tfsdk:"azure_sas_token"`
	GCPHMACKey           *gcpHMACKeyModel           `tfsdk:"gcp_hmac_key"`
	GCPServiceAccountKey *gcpServiceAccountKeyModel `tfsdk:"gcp_service_account_key"`
}

type model struct {
	ID              types.String `tfsdk:"id"`
	Namespace       types.String `tfsdk:"namespace"`
	Name            types.String `tfsdk:"name"`
	ProviderDefault types.Bool   `tfsdk:"provider_default"`
	AllowedInTasks  types.Bool   `tfsdk:"allowed_in_tasks"`
	kinds
	SecretWOVersion types.Int64  `tfsdk:"secret_wo_version"`
	CloudProvider   types.String `tfsdk:"cloud_provider"`
	UUID            types.String `tfsdk:"uuid"`
	CreatedAt       types.String `tfsdk:"created_at"`
	UpdatedAt       types.String `tfsdk:"updated_at"`
}

func composeID(namespace, name string) string { return namespace + "/" + name }

// pick is the stored secret, or else its write-only twin from the configuration.
func pick(stored, wo types.String) string {
	if !stored.IsNull() && !stored.IsUnknown() {
		return stored.ValueString()
	}
	return wo.ValueString()
}

// optionalString sends an optional field only when it is set.
func optionalString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

// fromOptional maps an absent or empty answer to null, so an unset optional
// field never differs from the API's "".
func fromOptional(p *string) types.String {
	if p == nil || *p == "" {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

// request builds the wire credential from the planned kind (public fields and
// stored secrets) and the configuration (write-only secrets).
func (k *kinds) request(cfg *kinds) tiledb.AccessCredential {
	var out tiledb.AccessCredential
	switch {
	case k.AWSAccessKey != nil:
		m := k.AWSAccessKey
		out.Credential = &tiledb.Credential{AWS: &tiledb.AWSKey{
			AccessKeyID: m.AccessKeyID.ValueString(), SecretAccessKey: pick(m.SecretAccessKey, cfgOr(cfg.AWSAccessKey).SecretAccessKeyWO),
			Endpoint: optionalString(m.Endpoint), KMSID: optionalString(m.KMSID),
		}}
	case k.AWSRole != nil:
		m := k.AWSRole
		out.Role = &tiledb.Role{AWS: &tiledb.AWSRole{
			RoleARN: m.RoleARN.ValueString(), ExternalID: pick(m.ExternalID, cfgOr(cfg.AWSRole).ExternalIDWO),
			Endpoint: optionalString(m.Endpoint), KMSID: optionalString(m.KMSID),
		}}
	case k.AzureAccountKey != nil:
		m := k.AzureAccountKey
		out.Credential = &tiledb.Credential{Azure: &tiledb.AzureKey{
			AccountName: m.AccountName.ValueString(), AccountKey: pick(m.AccountKey, cfgOr(cfg.AzureAccountKey).AccountKeyWO),
		}}
	case k.AzureSASToken != nil:
		m := k.AzureSASToken
		out.Token = &tiledb.Token{Azure: &tiledb.AzureSAS{
			AccountName: m.AccountName.ValueString(), SASToken: pick(m.SASToken, cfgOr(cfg.AzureSASToken).SASTokenWO),
		}}
	case k.GCPHMACKey != nil:
		m := k.GCPHMACKey
		out.Credential = &tiledb.Credential{GCP: &tiledb.GCPHMACKey{
			AccessKeyID: m.AccessKeyID.ValueString(), SecretAccessKey: pick(m.SecretAccessKey, cfgOr(cfg.GCPHMACKey).SecretAccessKeyWO),
		}}
	case k.GCPServiceAccountKey != nil:
		m := k.GCPServiceAccountKey
		out.Token = &tiledb.Token{GCP: &tiledb.GCPServiceAccountKey{KeyText: pick(m.KeyText, cfgOr(cfg.GCPServiceAccountKey).KeyTextWO)}}
	}
	return out
}

// cfgOr returns the configured kind, or an empty one (all null) when absent.
func cfgOr[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	return p
}

// name returns the attribute name of the kind that is set.
func (k *kinds) name() string {
	switch {
	case k.AWSAccessKey != nil:
		return kindAWSAccessKey
	case k.AWSRole != nil:
		return kindAWSRole
	case k.AzureAccountKey != nil:
		return kindAzureAccountKey
	case k.AzureSASToken != nil:
		return kindAzureSASToken
	case k.GCPHMACKey != nil:
		return kindGCPHMACKey
	case k.GCPServiceAccountKey != nil:
		return kindGCPServiceAccountKey
	}
	return ""
}

// fromAPI sets the kinds from the API's answer. The API never returns
// secrets, so the prior stored secret of the same kind is kept (null after an
// import or when the kind changed: cfgOr's zero value is null); write-only
// twins are always null.
func (k *kinds) fromAPI(c *tiledb.AccessCredential) {
	prior := *k
	*k = kinds{}
	wo := types.StringNull()
	switch {
	case c.Credential != nil && c.Credential.AWS != nil:
		a := c.Credential.AWS
		k.AWSAccessKey = &awsAccessKeyModel{
			AccessKeyID: types.StringValue(a.AccessKeyID), SecretAccessKey: cfgOr(prior.AWSAccessKey).SecretAccessKey, SecretAccessKeyWO: wo,
			Endpoint: fromOptional(a.Endpoint), KMSID: fromOptional(a.KMSID),
		}
	case c.Role != nil && c.Role.AWS != nil:
		a := c.Role.AWS
		k.AWSRole = &awsRoleModel{
			RoleARN: types.StringValue(a.RoleARN), ExternalID: cfgOr(prior.AWSRole).ExternalID, ExternalIDWO: wo,
			Endpoint: fromOptional(a.Endpoint), KMSID: fromOptional(a.KMSID),
		}
	case c.Credential != nil && c.Credential.Azure != nil:
		k.AzureAccountKey = &azureAccountKeyModel{
			AccountName: types.StringValue(c.Credential.Azure.AccountName), AccountKey: cfgOr(prior.AzureAccountKey).AccountKey, AccountKeyWO: wo,
		}
	case c.Token != nil && c.Token.Azure != nil:
		k.AzureSASToken = &azureSASTokenModel{
			AccountName: types.StringValue(c.Token.Azure.AccountName), SASToken: cfgOr(prior.AzureSASToken).SASToken, SASTokenWO: wo,
		}
	case c.Credential != nil && c.Credential.GCP != nil:
		k.GCPHMACKey = &gcpHMACKeyModel{
			AccessKeyID: types.StringValue(c.Credential.GCP.AccessKeyID), SecretAccessKey: cfgOr(prior.GCPHMACKey).SecretAccessKey, SecretAccessKeyWO: wo,
		}
	case c.Token != nil && c.Token.GCP != nil:
		k.GCPServiceAccountKey = &gcpServiceAccountKeyModel{
			KeyText: cfgOr(prior.GCPServiceAccountKey).KeyText, KeyTextWO: wo,
			AccountID: fromOptional(&c.Token.GCP.AccountID), KeyID: fromOptional(&c.Token.GCP.KeyID),
		}
	}
}

// fromAPI sets the model from a GET answer.
func (m *model) fromAPI(namespace string, c *tiledb.AccessCredential) {
	m.Namespace = types.StringValue(namespace)
	m.Name = types.StringValue(c.Name)
	m.ID = types.StringValue(composeID(namespace, c.Name))
	m.UUID = types.StringValue(c.UUID)
	m.CloudProvider = types.StringValue(c.Provider)
	m.ProviderDefault = types.BoolValue(c.ProviderDefault != nil && *c.ProviderDefault)
	m.AllowedInTasks = types.BoolValue(c.AllowedInTasks != nil && *c.AllowedInTasks)
	m.CreatedAt = fromOptional(&c.CreatedAt)
	m.UpdatedAt = fromOptional(&c.UpdatedAt)
	m.kinds.fromAPI(c)
	if m.CloudProvider.ValueString() == "" {
		m.CloudProvider = types.StringValue(kindCloud[m.name()])
	}
}
