package tiledbcredential

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ datasource.DataSource = &listDataSource{}
)

// NewListDataSource is the conduit_tiledb_credentials factory.
func NewListDataSource() datasource.DataSource {
	return &listDataSource{base.NewDataSourceBase[*tiledb.API](&tiledb.Service, "_tiledb_credentials", listSchema)}
}

type listDataSource struct {
	base.DataSourceBase[*tiledb.API]
}

// Items carry only public fields: the API returns no secrets.
type (
	dsAWSKey struct {
		AccessKeyID types.String `tfsdk:"access_key_id"`
		Endpoint    types.String `tfsdk:"endpoint"`
		KMSID       types.String `tfsdk:"kms_id"`
	}
	dsAWSRole struct {
		RoleARN  types.String `tfsdk:"role_arn"`
		Endpoint types.String `tfsdk:"endpoint"`
		KMSID    types.String `tfsdk:"kms_id"`
	}
	dsAccount struct {
		AccountName types.String `tfsdk:"account_name"`
	}
	dsHMAC struct {
		AccessKeyID types.String `tfsdk:"access_key_id"`
	}
	dsServiceAccount struct {
		AccountID types.String `tfsdk:"account_id"`
		KeyID     types.String `tfsdk:"key_id"`
	}
	itemModel struct {
		ID                   types.String      `tfsdk:"id"`
		Namespace            types.String      `tfsdk:"namespace"`
		Name                 types.String      `tfsdk:"name"`
		Kind                 types.String      `tfsdk:"kind"`
		CloudProvider        types.String      `tfsdk:"cloud_provider"`
		ProviderDefault      types.Bool        `tfsdk:"provider_default"`
		AllowedInTasks       types.Bool        `tfsdk:"allowed_in_tasks"`
		UUID                 types.String      `tfsdk:"uuid"`
		CreatedAt            types.String      `tfsdk:"created_at"`
		UpdatedAt            types.String      `tfsdk:"updated_at"`
		AWSAccessKey         *dsAWSKey         `tfsdk:"aws_access_key"`
		AWSRole              *dsAWSRole        `tfsdk:"aws_role"`
		AzureAccountKey      *dsAccount        `tfsdk:"azure_account_key"`
		AzureSASToken        *dsAccount        `tfsdk:"azure_sas_token"`
		GCPHMACKey           *dsHMAC           `tfsdk:"gcp_hmac_key"`
		GCPServiceAccountKey *dsServiceAccount `tfsdk:"gcp_service_account_key"`
	}
	listModel struct {
		ID            types.String `tfsdk:"id"`
		Namespace     types.String `tfsdk:"namespace"`
		CloudProvider types.String `tfsdk:"cloud_provider"`
		Type          types.String `tfsdk:"type"`
		Credentials   []itemModel  `tfsdk:"credentials"`
	}
)

func computed(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func nested(desc string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: desc, Attributes: attrs}
}

// listSchema is conduit_tiledb_credentials's schema.
func listSchema() schema.Schema {
	awsOpts := func(first, desc string) map[string]schema.Attribute {
		return map[string]schema.Attribute{first: computed(desc), "endpoint": computed("S3-compatible endpoint, if set."), "kms_id": computed("ARN of the AWS KMS key, if set.")}
	}
	item := map[string]schema.Attribute{
		"id":                     computed("`<namespace>/<name>`."),
		"namespace":              computed("Namespace."),
		"name":                   computed("Credential name."),
		"kind":                   computed("Which nested attribute is set: `aws_access_key`, `aws_role`, `azure_account_key`, `azure_sas_token`, `gcp_hmac_key` or `gcp_service_account_key`."),
		"cloud_provider":         computed("`AWS`, `AZURE` or `GCP`."),
		"provider_default":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Default credential for its cloud provider."},
		"allowed_in_tasks":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Usable by TileDB tasks."},
		"uuid":                   computed("UUID."),
		"created_at":             computed("Creation time."),
		"updated_at":             computed("Last update time."),
		kindAWSAccessKey:         nested("AWS access key (public fields).", awsOpts("access_key_id", "AWS access key id.")),
		kindAWSRole:              nested("AWS role (public fields).", awsOpts("role_arn", "ARN of the role TileDB assumes.")),
		kindAzureAccountKey:      nested("Azure account key (public fields).", map[string]schema.Attribute{"account_name": computed("Azure storage account name.")}),
		kindAzureSASToken:        nested("Azure SAS token (public fields).", map[string]schema.Attribute{"account_name": computed("Azure storage account name.")}),
		kindGCPHMACKey:           nested("GCS HMAC key (public fields).", map[string]schema.Attribute{"access_key_id": computed("GCS HMAC access id.")}),
		kindGCPServiceAccountKey: nested("GCP service account key (public fields).", map[string]schema.Attribute{"account_id": computed("Service account email."), "key_id": computed("Private key id.")}),
	}
	return schema.Schema{
		MarkdownDescription: "Lists the access credentials of a TileDB namespace, all pages, without secrets.",
		Attributes: map[string]schema.Attribute{
			"id": computed("The namespace."),
			"namespace": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Namespace. Defaults to the provider's `tiledb.namespace`.",
				Validators: []validator.String{pathSegment},
			},
			"cloud_provider": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only credentials of this cloud provider: `AWS`, `AZURE` or `GCP`.",
				Validators: []validator.String{cloudProviderRule},
			},
			"type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only credentials of this API type: `key` (access keys: `aws_access_key`, `azure_account_key`, " +
					"`gcp_hmac_key`), `arn` (`aws_role`) or `token` (`azure_sas_token` and `gcp_service_account_key`). `azure_token` " +
					"is the API's alias for `token` and selects the same credentials: for Azure SAS tokens alone, set `type = \"token\"` " +
					"and `cloud_provider = \"AZURE\"`.",
				Validators: []validator.String{credentialTypeRule},
			},
			"credentials": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The credentials, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *listDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	api := d.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ns := d.ResolveScope(cfg.Namespace, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	items, err := api.List(ctx, ns, tiledb.ListOptions{Provider: cfg.CloudProvider.ValueString(), Type: cfg.Type.ValueString()})
	if err != nil {
		base.AddError(&resp.Diagnostics, "list TileDB credentials of namespace "+ns, err)
		return
	}
	cfg.ID, cfg.Namespace = types.StringValue(ns), types.StringValue(ns)
	cfg.Credentials = make([]itemModel, len(items))
	for i := range items {
		cfg.Credentials[i] = toItem(ns, &items[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// toItem reuses the resource's mapping, then drops the secret slots.
func toItem(ns string, c *tiledb.AccessCredential) itemModel {
	var m model
	m.fromAPI(ns, c)
	it := itemModel{
		ID: m.ID, Namespace: m.Namespace, Name: m.Name, Kind: types.StringValue(m.name()), CloudProvider: m.CloudProvider,
		ProviderDefault: m.ProviderDefault, AllowedInTasks: m.AllowedInTasks, UUID: m.UUID, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt,
	}
	if k := m.AWSAccessKey; k != nil {
		it.AWSAccessKey = &dsAWSKey{AccessKeyID: k.AccessKeyID, Endpoint: k.Endpoint, KMSID: k.KMSID}
	}
	if k := m.AWSRole; k != nil {
		it.AWSRole = &dsAWSRole{RoleARN: k.RoleARN, Endpoint: k.Endpoint, KMSID: k.KMSID}
	}
	if k := m.AzureAccountKey; k != nil {
		it.AzureAccountKey = &dsAccount{AccountName: k.AccountName}
	}
	if k := m.AzureSASToken; k != nil {
		it.AzureSASToken = &dsAccount{AccountName: k.AccountName}
	}
	if k := m.GCPHMACKey; k != nil {
		it.GCPHMACKey = &dsHMAC{AccessKeyID: k.AccessKeyID}
	}
	if k := m.GCPServiceAccountKey; k != nil {
		it.GCPServiceAccountKey = &dsServiceAccount{AccountID: k.AccountID, KeyID: k.KeyID}
	}
	return it
}
