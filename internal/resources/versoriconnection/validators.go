package versoriconnection

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// schemeRules lists, per scheme_type, the fields it requires and the
// optional ones it also takes; every other field is refused.
var schemeRules = map[string]struct{ required, optional []string }{
	"none":                   {},
	"basic-auth":             {},
	"google-service-account": {},
	"api-key":                {required: []string{"name", "in"}},
	"hmac":                   {required: []string{"name", "in", "algorithm", "digest_inputs"}},
	"oauth2":                 {required: []string{"authorize_url", "token_url", "flows"}, optional: []string{"scopes"}},
}

var schemeFieldNames = []string{"name", "in", "algorithm", "digest_inputs", "authorize_url", "token_url", "scopes", "flows"}

// schemeFields checks an auth scheme object has the fields of its scheme_type and no others.
type schemeFields struct{}

func (schemeFields) Description(context.Context) string {
	return "api-key needs name and in; hmac needs name, in, algorithm and digest_inputs; oauth2 needs authorize_url, token_url and flows; other fields are refused"
}
func (v schemeFields) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (schemeFields) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	st, ok := attrs["scheme_type"].(types.String)
	if !ok || st.IsNull() || st.IsUnknown() {
		return
	}
	rules, known := schemeRules[st.ValueString()]
	if !known {
		return // the attribute's OneOf reports it
	}
	allowed := map[string]bool{}
	for _, f := range rules.required {
		allowed[f] = true
		if attrs[f].IsNull() {
			resp.Diagnostics.AddAttributeError(req.Path.AtName(f), "Missing "+f,
				fmt.Sprintf("%s is required when scheme_type is %q (at %s).", f, st.ValueString(), req.Path))
		}
	}
	for _, f := range rules.optional {
		allowed[f] = true
	}
	for _, f := range schemeFieldNames {
		if !allowed[f] && !attrs[f].IsNull() {
			resp.Diagnostics.AddAttributeError(req.Path.AtName(f), "Unexpected "+f,
				fmt.Sprintf("%s is not used by scheme_type %q (at %s); remove it.", f, st.ValueString(), req.Path))
		}
	}
	// AuthSchemeConfigOAuth2Flows has minProperties: 1.
	if flows, ok := attrs["flows"].(types.Object); ok && st.ValueString() == "oauth2" && !flows.IsNull() && !flows.IsUnknown() {
		fa := flows.Attributes()
		cc, _ := fa["client_credentials"].(types.Bool)
		ac, _ := fa["authorization_code_credential_id"].(types.String)
		if !cc.IsUnknown() && !ac.IsUnknown() && !cc.ValueBool() && ac.IsNull() {
			resp.Diagnostics.AddAttributeError(req.Path.AtName("flows"), "No OAuth 2 flow",
				fmt.Sprintf("flows needs client_credentials = true or authorization_code_credential_id (at %s).", req.Path))
		}
	}
}

// ulid requires the spec's `format: ulid`: 26 Crockford base32 characters.
type ulid struct{}

var ulidRe = regexp.MustCompile(`^[0-7][0-9A-HJKMNP-TV-Z]{25}$`)

// ulidRule is ulidRe in words: a ULID's first character holds only the top
// three bits of its 48-bit time, hence 0–7.
const ulidRule = "26 characters of Crockford base32 (digits and upper-case letters other than I, L, O and U), the first one 0 to 7"

func (ulid) Description(context.Context) string {
	return "must be a ULID: " + ulidRule + ", e.g. 01JDQ3Z5X8W2N4V6T8R0P2M4K6"
}
func (v ulid) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (ulid) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || ulidRe.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid ID",
		fmt.Sprintf("%s must be a ULID: %s. Got %q.", req.Path, ulidRule, req.ConfigValue.ValueString()))
}

// uniqueField requires a string field to be unique across a list of objects.
type uniqueField struct{ field string }

func (v uniqueField) Description(context.Context) string { return v.field + " must be unique" }
func (v uniqueField) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v uniqueField) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]int{}
	for i, el := range req.ConfigValue.Elements() {
		obj, ok := el.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		s, ok := obj.Attributes()[v.field].(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		if j, dup := seen[s.ValueString()]; dup {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i).AtName(v.field), "Duplicate "+v.field,
				fmt.Sprintf("%s %q is used by elements %d and %d of %s; it must be unique.", v.field, s.ValueString(), j, i, req.Path))
			continue
		}
		seen[s.ValueString()] = i
	}
}

// mapKeysNotEmpty refuses an empty or blank variable name.
type mapKeysNotEmpty struct{}

func (mapKeysNotEmpty) Description(context.Context) string { return "variable names must not be empty" }
func (v mapKeysNotEmpty) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (mapKeysNotEmpty) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for k := range req.ConfigValue.Elements() {
		if strings.TrimSpace(k) == "" {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid variable name", req.Path.String()+": variable names must not be empty.")
		}
	}
}
