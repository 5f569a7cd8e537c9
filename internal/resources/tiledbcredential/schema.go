package tiledbcredential

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The six credential kinds, as attribute names.
const (
	kindAWSAccessKey         = "aws_access_key"
	kindAWSRole              = "aws_role"
	kindAzureAccountKey      = "azure_account_key"
	kindAzureSASToken        = "azure_sas_token"
	kindGCPHMACKey           = "gcp_hmac_key"
	kindGCPServiceAccountKey = "gcp_service_account_key"
)

var allKinds = []string{kindAWSAccessKey, kindAWSRole, kindAzureAccountKey, kindAzureSASToken, kindGCPHMACKey, kindGCPServiceAccountKey}

var kindCloud = map[string]string{
	kindAWSAccessKey: "AWS", kindAWSRole: "AWS",
	kindAzureAccountKey: "AZURE", kindAzureSASToken: "AZURE",
	kindGCPHMACKey: "GCP", kindGCPServiceAccountKey: "GCP",
}

// namePattern keeps names usable in the `<namespace>/<name>` id and in a URL path segment.
var namePattern = regexp.MustCompile(`^[^/\x00-\x1f\x7f]+$`)

func computedString(desc string, keep bool) schema.StringAttribute {
	a := schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	if keep {
		a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	}
	return a
}

func optionalBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true, Computed: true, MarkdownDescription: desc,
		PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
	}
}

// required is a public field the API requires (x-go-custom-tag validate:"required").
func required(desc, what string) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: desc,
		Validators: []validator.String{notEmpty("it is the " + what + ", which the API requires")}}
}

// optional is a field the API takes as absent when unset; leaveOut says what
// leaving it out means.
func optional(desc, leaveOut string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{notEmpty(leaveOut)}}
}

// secretPair is a secret's sensitive stored form and its write-only twin;
// exactly one of them must be set (credentialRules), since the API needs the
// secret on every create and on every update that carries the credential.
func secretPair(attrs map[string]schema.Attribute, kind, desc string) {
	s := secretOf[kind]
	filled := notEmpty("the API requires the " + s.what)
	attrs[s.attr] = schema.StringAttribute{
		Optional: true, Sensitive: true,
		MarkdownDescription: desc + " Stored in state (sensitive); the API never returns it, so its drift is not detected. Exactly one of `" + s.attr + "` and `" + s.attr + "_wo` must be set.",
		Validators:          []validator.String{filled},
	}
	attrs[s.attr+"_wo"] = schema.StringAttribute{
		Optional: true, Sensitive: true, WriteOnly: true,
		MarkdownDescription: "Write-only form of `" + s.attr + "` (Terraform 1.11 and later): sent on create and with every update, " +
			"never stored. Changing it alone plans nothing: change `secret_wo_version` to send a new value.",
		Validators: []validator.String{filled},
	}
}

func kindAttribute(desc string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Optional: true, MarkdownDescription: desc, Attributes: attrs}
}

func kindAttributes() map[string]schema.Attribute {
	endpoint := func() schema.StringAttribute {
		return optional("S3-compatible endpoint to use instead of AWS's.", "leave endpoint out to use AWS's own")
	}
	kms := func() schema.StringAttribute {
		return optional("ARN of the AWS KMS key to use with this credential, e.g. `arn:aws:kms:us-east-1:123456789012:key/<id>`.",
			"leave kms_id out to use no KMS key")
	}

	awsKey := map[string]schema.Attribute{
		"access_key_id": required("AWS access key id.", "AWS access key id"),
		"endpoint":      endpoint(),
		"kms_id":        kms(),
	}
	secretPair(awsKey, kindAWSAccessKey, "AWS secret access key.")

	awsRole := map[string]schema.Attribute{
		"role_arn": schema.StringAttribute{
			Required: true, MarkdownDescription: "ARN of the IAM role TileDB assumes, `arn:aws:iam::<account>:role/<name>`.",
			Validators: []validator.String{roleARN},
		},
		"endpoint": endpoint(),
		"kms_id":   kms(),
	}
	secretPair(awsRole, kindAWSRole, "External id the role's trust policy requires.")

	azureKey := map[string]schema.Attribute{"account_name": required("Azure storage account name.", "Azure storage account name")}
	secretPair(azureKey, kindAzureAccountKey, "Azure storage account key.")

	azureSAS := map[string]schema.Attribute{"account_name": required("Azure storage account name.", "Azure storage account name")}
	secretPair(azureSAS, kindAzureSASToken, "Azure shared access signature token.")

	gcpHMAC := map[string]schema.Attribute{"access_key_id": required("GCS HMAC access id.", "GCS HMAC access id")}
	secretPair(gcpHMAC, kindGCPHMACKey, "GCS HMAC secret.")

	gcpSA := map[string]schema.Attribute{
		"account_id": computedString("Service account email, read by TileDB from the key file.", false),
		"key_id":     computedString("Private key id, read by TileDB from the key file.", false),
	}
	secretPair(gcpSA, kindGCPServiceAccountKey, "Service account key file (JSON), e.g. `file(\"key.json\")`.")

	return map[string]schema.Attribute{
		kindAWSAccessKey:         kindAttribute("AWS access key pair (`credential.aws`).", awsKey),
		kindAWSRole:              kindAttribute("AWS IAM role to assume (`role.aws`).", awsRole),
		kindAzureAccountKey:      kindAttribute("Azure storage account key (`credential.azure`).", azureKey),
		kindAzureSASToken:        kindAttribute("Azure SAS token (`token.azure`).", azureSAS),
		kindGCPHMACKey:           kindAttribute("GCS HMAC key pair (`credential.gcp`).", gcpHMAC),
		kindGCPServiceAccountKey: kindAttribute("GCP service account key file (`token.gcp`).", gcpSA),
	}
}

func resourceSchema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": computedString("`<namespace>/<name>`.", true),
		"namespace": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "TileDB namespace (user or organization). Defaults to the provider's `tiledb.namespace`. Changing it replaces the credential.",
			Validators:          []validator.String{pathSegment},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			Required: true, MarkdownDescription: "Credential name, unique in the namespace (sent path-escaped). Changing it replaces the credential.",
			Validators:    []validator.String{pathSegment},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"provider_default": optionalBool("Whether this is the namespace's default credential for its cloud provider. The API keeps at most one " +
			"default per provider: setting it while another credential holds it fails, naming that credential. Should the API move " +
			"the default instead, the credential that lost it shows that as drift."),
		"allowed_in_tasks": optionalBool("Whether TileDB tasks (UDFs, task graphs) may use this credential. API default `false`."),
		"secret_wo_version": schema.Int64Attribute{
			Optional:            true,
			MarkdownDescription: "Any number; changing it sends the write-only secret again (one PATCH and one GET), to rotate it.",
		},
		"cloud_provider": computedString("`AWS`, `AZURE` or `GCP`, from the credential kind.", false),
		"uuid":           computedString("The credential's UUID.", true),
		"created_at":     computedString("Creation time (RFC 3339).", true),
		"updated_at":     computedString("Last update time (RFC 3339).", false),
	}
	for k, v := range kindAttributes() {
		attrs[k] = v
	}
	return schema.Schema{
		MarkdownDescription: "A TileDB Cloud access credential (`/v2/credentials/{namespace}/{name}`). Set exactly one of " +
			"`aws_access_key`, `aws_role`, `azure_account_key`, `azure_sas_token`, `gcp_hmac_key` and `gcp_service_account_key`; " +
			"changing the kind replaces the credential. Create sends 2 requests (POST, then GET: the API answers 204), " +
			"update 2 (PATCH, then GET), read and delete 1 each.\n\n" +
			"The API never returns secrets, so their drift is not detected. Each secret has a stored, sensitive form and a " +
			"write-only `_wo` twin (Terraform 1.11 and later, never stored); every update sends the kind's secret again, " +
			"since the API replaces the kind object whole. To rotate a write-only secret, change it and `secret_wo_version`.\n\n" +
			"After an import, state holds no secret. To adopt a credential unchanged, set the write-only form of its secret " +
			"(`<secret>_wo`) and leave `secret_wo_version` unset: the import reads the credential and plans no change. " +
			"The stored form instead plans one update (PATCH and GET) that sends the secret. No `ignore_changes` is needed; " +
			"see \"Adopting with terraform query\" in this resource's documentation for many credentials at once.",
		Attributes: attrs,
	}
}
