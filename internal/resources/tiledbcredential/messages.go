package tiledbcredential

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// rule is a string validator whose message states the rule itself, in the
// user's words, with the value that broke it (issue 16 point 5).
type rule struct {
	desc string
	ok   func(string) bool
}

func (r rule) Description(context.Context) string         { return r.desc }
func (r rule) MarkdownDescription(context.Context) string { return r.desc }

func (r rule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || r.ok(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s %s (got %q).", req.Path, r.desc, req.ConfigValue.ValueString()))
}

// pathSegment is the rule for namespace and name: each is one segment of
// /v2/credentials/{namespace}/{name} (spec: "A URL-safe version of the
// credential's user-provided name"), and the id joins them with "/".
var pathSegment = rule{
	desc: `must not be empty and must not contain "/" or control characters: it is one segment of the API path ` +
		"/v2/credentials/{namespace}/{name}",
	ok: func(s string) bool { return namePattern.MatchString(s) },
}

// notEmpty is the rule for a string the API requires when its attribute is
// set: why reads what it is.
func notEmpty(why string) rule {
	return rule{desc: "must not be empty: " + why, ok: func(s string) bool { return s != "" }}
}

// roleARN is checked for its prefix only: the spec's example is an ARN and
// partitions vary (aws, aws-cn, aws-us-gov).
var roleARN = rule{
	desc: `must be the ARN of an IAM role, starting with "arn:", e.g. arn:aws:iam::123456789012:role/tiledb-access`,
	ok:   func(s string) bool { return strings.HasPrefix(s, "arn:") },
}

func oneOf(desc string, values ...string) rule {
	return rule{desc: desc, ok: func(s string) bool {
		for _, v := range values {
			if s == v {
				return true
			}
		}
		return false
	}}
}

// cloudProviderRule is the spec's CloudProvider enum.
var cloudProviderRule = oneOf("must be AWS, AZURE or GCP, in capitals as the API names cloud providers",
	tiledb.ProviderAWS, tiledb.ProviderAzure, tiledb.ProviderGCP)

// credentialTypeRule is the spec's AccessCredentialType enum.
var credentialTypeRule = oneOf("must be key (access keys), arn (AWS roles), token (Azure SAS tokens and GCP service "+
	"account keys) or azure_token, the API's alias for token",
	tiledb.TypeKey, tiledb.TypeARN, tiledb.TypeToken, tiledb.TypeAzureToken)

// secretOf names each kind's secret attribute and what it holds.
var secretOf = map[string]struct{ attr, what string }{
	kindAWSAccessKey:         {"secret_access_key", "secret access key"},
	kindAWSRole:              {"external_id", "external id"},
	kindAzureAccountKey:      {"account_key", "account key"},
	kindAzureSASToken:        {"sas_token", "SAS token"},
	kindGCPHMACKey:           {"secret_access_key", "HMAC secret"},
	kindGCPServiceAccountKey: {"key_text", "key file"},
}

// adoptingNote is where the docs say what to fill into generated configuration.
const adoptingNote = `"Adopting with terraform query" in the conduit_tiledb_credential documentation ` +
	"(docs/resources/tiledb_credential.md)"

// credentialRules checks, before any request, that the configuration sets
// exactly one kind (the API's AccessCredential is "a union type") and that
// kind's secret in exactly one of its two forms. A value unknown until apply
// counts as set.
type credentialRules struct{}

var _ resource.ConfigValidator = credentialRules{}

func (credentialRules) Description(context.Context) string {
	return "exactly one credential kind, with its secret in one form"
}

func (c credentialRules) MarkdownDescription(ctx context.Context) string { return c.Description(ctx) }

func (credentialRules) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var set []string
	unknown := false
	for _, k := range allKinds {
		isNull, isUnknown := kindIn(ctx, req.Config, k, &resp.Diagnostics)
		switch {
		case isUnknown:
			unknown = true
		case !isNull:
			set = append(set, k)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case len(set) > 1:
		resp.Diagnostics.AddAttributeError(path.Root(set[1]), "More than one credential kind",
			fmt.Sprintf("%s are set, but a TileDB credential holds exactly one kind. Keep one; use another "+
				"conduit_tiledb_credential for each other kind.", strings.Join(set, " and ")))
	case len(set) == 0 && !unknown:
		resp.Diagnostics.AddError("Missing credential kind",
			"Set exactly one of "+strings.Join(allKinds[:len(allKinds)-1], ", ")+" or "+allKinds[len(allKinds)-1]+
				": it is the credential TileDB stores, and a TileDB credential holds exactly one kind.")
	case len(set) == 1:
		secretRule(ctx, req, resp, set[0])
	}
}

// secretRule: the API needs the secret with every create and every update
// (the kind object is replaced whole) and never returns it, so one form must
// be configured. Generated configuration (terraform query) lacks it: the
// message says what to fill in, and where the docs explain it.
func secretRule(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse, kind string) {
	s := secretOf[kind]
	stored, wo := path.Root(kind).AtName(s.attr), path.Root(kind).AtName(s.attr+"_wo")
	storedV := base.ReadString(ctx, req.Config.Raw, req.Config.GetAttribute, &resp.Diagnostics, kind, s.attr)
	woV := base.ReadString(ctx, req.Config.Raw, req.Config.GetAttribute, &resp.Diagnostics, kind, s.attr+"_wo")
	if resp.Diagnostics.HasError() || storedV.IsUnknown() || woV.IsUnknown() {
		return
	}
	switch {
	case !storedV.IsNull() && !woV.IsNull():
		resp.Diagnostics.AddAttributeError(wo, "Secret set twice",
			fmt.Sprintf("Set only one of %s (stored in state, sensitive) and %s (write-only, never stored).", stored, wo))
	case storedV.IsNull() && woV.IsNull():
		resp.Diagnostics.AddAttributeError(wo, "Missing "+s.what,
			fmt.Sprintf("%s needs its %s: set %s (write-only, Terraform 1.11 and later) or %s (stored in state, sensitive). "+
				"The API needs it with every create and update and never returns it.\n\n"+
				"Configuration written by terraform query -generate-config-out has no secrets: set %s to the credential's "+
				"current %s and leave secret_wo_version unset, and the import changes nothing. See %s.",
				kind, s.what, wo, stored, wo, s.what, adoptingNote))
	}
}

// kindIn tells whether a kind's object is null or unknown in the
// configuration. Only that matters, so it is read from the value itself
// (base.Attr) rather than through GetAttribute, which converts the object.
func kindIn(ctx context.Context, config tfsdk.Config, kind string, diags *diag.Diagnostics) (isNull, isUnknown bool) {
	if v, ok := base.Attr(config.Raw, kind); ok {
		return v.IsNull(), !v.IsKnown()
	}
	var o types.Object
	diags.Append(config.GetAttribute(ctx, path.Root(kind), &o)...)
	return o.IsNull(), o.IsUnknown()
}
