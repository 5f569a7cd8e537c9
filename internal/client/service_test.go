package client

import (
	"errors"
	"fmt"
	"testing"
)

// svc is a service shaped like the vendors': credential sets of one and two
// settings, a setting with two variables and a scope.
var svc = Service{
	Block: "vendor",
	Settings: []Setting{
		{Attr: "endpoint", Env: []string{"VENDOR_ENDPOINT"}, Kind: Endpoint},
		{Attr: "api_key", Env: []string{"VENDOR_API_KEY", "VENDOR_TOKEN"}},
		{Attr: "username", Env: []string{"VENDOR_USER"}},
		{Attr: "password", Env: []string{"VENDOR_PASSWORD"}},
		{Attr: "org", Env: []string{"VENDOR_ORG"}, Scope: true},
	},
	Credentials: [][]string{{"api_key"}, {"username", "password"}},
	Connect:     Connector(func(*Resolved, Options) (*Client, error) { return nil, errors.New("unused") }),
}

// The messages the provider and the resources show are made from the table.
func TestServiceMessages(t *testing.T) {
	if got, want := svc.Needs(), "VENDOR_API_KEY or VENDOR_TOKEN, or VENDOR_USER and VENDOR_PASSWORD (and VENDOR_ENDPOINT, VENDOR_ORG)"; got != want {
		t.Errorf("Needs:\n  got  %s\n  want %s", got, want)
	}
	required := svc
	required.Settings = append([]Setting{{Attr: "domain", Env: []string{"VENDOR_DOMAIN"}, Required: true}}, svc.Settings...)
	if got, want := required.Needs(), "VENDOR_DOMAIN with VENDOR_API_KEY or VENDOR_TOKEN, or with VENDOR_USER and VENDOR_PASSWORD"; got != want {
		t.Errorf("Needs with a required setting:\n  got  %s\n  want %s", got, want)
	}
	r := svc.Given(map[string]string{"username": "u"})
	if r.HasCredentials() {
		t.Error("half a credential set counts as credentials")
	}
	want := "Incomplete vendor configuration: The vendor block is set but has no credentials: set api_key (VENDOR_API_KEY or VENDOR_TOKEN) or username and password (VENDOR_USER, VENDOR_PASSWORD)."
	if got := r.NoCredentials().Error(); got != want {
		t.Errorf("NoCredentials:\n  got  %s\n  want %s", got, want)
	}
	one := svc
	one.Credentials = one.Credentials[:1]
	if got, want := one.Given(nil).NoCredentials().Detail, "The vendor block is set but has no api_key (VENDOR_API_KEY or VENDOR_TOKEN)."; got != want {
		t.Errorf("NoCredentials of one key:\n  got  %s\n  want %s", got, want)
	}
}

func TestResolved(t *testing.T) {
	r := svc.Given(map[string]string{"api_key": "k", "org": "o", "password": ""})
	if !r.HasCredentials() || r.Scope() != "o" || r.Set("password") || r.Value("api_key").Source != "vendor.api_key" {
		t.Fatalf("resolved: %+v", r.values)
	}
	if got := r.Endpoint("https://default"); got != "https://default" {
		t.Errorf("Endpoint without one: %s", got)
	}
	if got := svc.Given(map[string]string{"endpoint": "https://e"}).Endpoint("https://default"); got != "https://e" {
		t.Errorf("Endpoint: %s", got)
	}
	r.Warn("api_key", "s", "d")
	if w := r.Warnings(); len(w) != 1 || w[0].Block != "vendor" || w[0].Attr != "api_key" {
		t.Errorf("warnings: %v", w)
	}
}

// The credential a refusal names is the set Connect uses: the first
// complete one, each value with the source it was read from.
func TestResolvedCredential(t *testing.T) {
	sources := map[string]Value{
		"api_key":  {Value: "k", Source: "VENDOR_TOKEN"},
		"username": {Value: "u", Source: "vendor.username"},
		"password": {Value: "p", Source: "VENDOR_PASSWORD"},
	}
	resolve := func(attrs ...string) Credential {
		return svc.Resolve(func(st Setting) Value {
			for _, a := range attrs {
				if a == st.Attr {
					return sources[a]
				}
			}
			return Value{}
		}).Credential()
	}
	both := resolve("api_key", "username", "password")
	if got := fmt.Sprint(both.From, both.Ways, both.Others); got != "[VENDOR_TOKEN] [vendor.api_key or VENDOR_API_KEY or VENDOR_TOKEN] [vendor.username and vendor.password (VENDOR_USER, VENDOR_PASSWORD)]" {
		t.Errorf("with both sets, the first is used: %s", got)
	}
	basic := resolve("username", "password")
	if got := fmt.Sprint(basic.From, basic.Ways, basic.Others); got != "[vendor.username VENDOR_PASSWORD] [vendor.username or VENDOR_USER vendor.password or VENDOR_PASSWORD] [vendor.api_key (VENDOR_API_KEY or VENDOR_TOKEN)]" {
		t.Errorf("the second set: %s", got)
	}
}
