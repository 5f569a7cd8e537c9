package orgconnection

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// textRule is one of seed 001's string rules: 1 to max characters, and for
// the name no NUL. Characters are counted as Auth0's JSON Schema counts them
// (code points), not bytes: the framework's LengthBetween counts bytes and
// refused a 30-letter name written in a non-Latin script.
type textRule struct {
	max int
	// what the value is, for the message ("an Auth0 organization id (org_…)").
	what string
	// ifEmpty is added when the value is empty: what to do instead.
	ifEmpty string
	noNUL   bool
}

var (
	organizationIDRule = textRule{max: 50, what: "an Auth0 organization id (org_…)"}
	connectionIDRule   = textRule{max: 50, what: "an Auth0 connection id (con_…)"}
	nameRule           = textRule{max: 50, what: "a name", noNUL: true,
		ifEmpty: " To give the connection no name in this organization, leave organization_connection_name out."}
)

// problem is the rule broken by value, in words, or "".
func (r textRule) problem(attr, value string) string {
	n := utf8.RuneCountInString(value)
	switch {
	case n == 0:
		return fmt.Sprintf("%s must be %s of 1 to %d characters; it is empty.%s", attr, r.what, r.max, r.ifEmpty)
	case n > r.max:
		return fmt.Sprintf("%s must be %s of 1 to %d characters; it has %d.", attr, r.what, r.max, n)
	case r.noNUL && strings.ContainsRune(value, 0):
		return fmt.Sprintf("%s must not contain the NUL character (\\u0000).", attr)
	}
	return ""
}

func (r textRule) Description(context.Context) string {
	d := fmt.Sprintf("1 to %d characters", r.max)
	if r.noNUL {
		d += ", no NUL character"
	}
	return d
}

func (r textRule) MarkdownDescription(ctx context.Context) string { return r.Description(ctx) }

func (r textRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := r.problem(req.Path.String(), req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), msg)
	}
}

// accessLevel is organization_access_level's enum (seed 001).
type accessLevel struct{}

// quotedLevels is accessLevels as a sentence: "none", "readonly", … or "full".
func quotedLevels() string {
	q := make([]string, len(accessLevels))
	for i, l := range accessLevels {
		q[i] = fmt.Sprintf("%q", l)
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func (accessLevel) Description(context.Context) string { return "one of " + quotedLevels() }

func (v accessLevel) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (accessLevel) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	got := req.ConfigValue.ValueString()
	for _, l := range accessLevels {
		if got == l {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s must be one of %s; got %q.", req.Path, quotedLevels(), got))
}

// idRules are the pair's rules by attribute, which the import checks too:
// no schema validator sees an imported id, and a bad one would reach the
// API's path.
var idRules = []struct {
	attr string
	rule textRule
}{{"organization_id", organizationIDRule}, {"connection_id", connectionIDRule}}
