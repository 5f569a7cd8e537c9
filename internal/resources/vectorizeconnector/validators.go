package vectorizeconnector

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// notEmpty is the rule for the ids and names the API takes: any string but
// the empty one (the spec sets no pattern or length on them). hint says
// what to do instead, e.g. leave a defaulted attribute out.
type notEmpty struct{ hint string }

func (notEmpty) Description(context.Context) string { return "must not be empty" }

func (v notEmpty) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v notEmpty) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() != "" {
		return
	}
	msg := req.Path.String() + " must not be empty"
	if v.hint != "" {
		msg += ": " + v.hint
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty "+req.Path.String(), msg+".")
}

// defaultedOrg is the hint for an organization_id set to "".
const defaultedOrg = "leave it out to use the provider's vectorize.organization_id"

// typeRule is typePattern in words.
const typeRule = "a connector type in upper snake case, such as AWS_S3 or WEB_CRAWLER: " +
	"capital letters and digits, starting with a letter, in words joined by single underscores"

// typeValidator checks a type against typePattern, the form of every
// SourceConnectorType value; types the provider does not know pass, since
// Vectorize keeps adding them.
func typeValidator() validator.String { return typeFormat{} }

type typeFormat struct{}

func (typeFormat) Description(context.Context) string { return "must be " + typeRule }

func (v typeFormat) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (typeFormat) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || typePattern.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s must be %s; got %q.", req.Path, typeRule, req.ConfigValue.ValueString()))
}
