// Package validate holds the string validators the framework-validators
// module does not offer: absolute URLs, Go durations, host names.
package validate

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckURL returns a reason when s is not an absolute http(s) URL.
func CheckURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return err.Error()
	case u.Scheme != "http" && u.Scheme != "https":
		return "must start with https:// or http://"
	case u.Host == "":
		return "must name a host"
	}
	return ""
}

// CheckDuration returns a reason when s is not a positive Go duration.
func CheckDuration(s string) string {
	d, err := time.ParseDuration(s)
	if err != nil {
		return `must be a Go duration such as "60s" or "2m"`
	}
	if d <= 0 {
		return "must be greater than zero"
	}
	return ""
}

// CheckHost returns a reason when s is not a bare host name (no scheme or path).
func CheckHost(s string) string {
	if s == "" || strings.Contains(s, "://") || strings.ContainsAny(s, "/ ?#") {
		return `must be a bare host name such as "acme.eu.auth0.com", without scheme or path`
	}
	return ""
}

type stringCheck struct {
	check func(string) string
	desc  string
	// report words the error; without it: "Invalid <desc>", "<path>: <value> <reason>."
	report func(p path.Path, value string) (summary, detail string)
}

// URL validates an absolute http(s) URL.
func URL() validator.String { return stringCheck{check: CheckURL, desc: "an absolute http(s) URL"} }

// AbsoluteURL is URL in the words the resources' URL attributes use:
// "<attribute> must be an absolute http(s) URL, got <value>".
func AbsoluteURL() validator.String {
	return stringCheck{check: CheckURL, desc: "an absolute http(s) URL", report: func(p path.Path, value string) (string, string) {
		return "Invalid URL", fmt.Sprintf("%s must be an absolute http(s) URL, got %q.", p, value)
	}}
}

// Duration validates a positive Go duration string.
func Duration() validator.String {
	return stringCheck{check: CheckDuration, desc: "a positive Go duration"}
}

// Host validates a bare host name.
func Host() validator.String { return stringCheck{check: CheckHost, desc: "a bare host name"} }

func (v stringCheck) Description(context.Context) string         { return "value must be " + v.desc }
func (v stringCheck) MarkdownDescription(context.Context) string { return "value must be " + v.desc }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	reason := v.check(value)
	switch {
	case reason == "":
	case v.report != nil:
		summary, detail := v.report(req.Path, value)
		resp.Diagnostics.AddAttributeError(req.Path, summary, detail)
	default:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.desc, fmt.Sprintf("%s: %q %s.", req.Path, value, reason))
	}
}
