package client

import (
	"fmt"
	"strings"
)

// A vendor package describes its API as users configure it in one Service:
// the provider block, each attribute with its environment variables, and
// Connect, which builds the typed API from the resolved values. The provider
// generates its schema from the Services and only resolves values; the env
// variables are spelled there and nowhere else. Nothing here names a vendor
// or uses Terraform types: configuration problems come back as *ConfigError,
// which the provider shows on the attribute they name.

// SettingKind says what a setting holds; the provider validates the kinds
// (in the schema, and again for values from the environment).
type SettingKind int

// The kinds of settings.
const (
	// Plain is any string.
	Plain SettingKind = iota
	// Endpoint is the absolute http(s) URL that points the client at a host.
	Endpoint
	// URL is another absolute http(s) URL, such as an OAuth audience.
	URL
	// Host is a bare host name, without scheme or path.
	Host
)

// Setting is one provider attribute of a service block and its environment variables.
type Setting struct {
	Attr string
	// Env are read in order when the attribute is not set; the first is the
	// main one, the name exports and messages use.
	Env       []string
	Sensitive bool
	Kind      SettingKind
	// Scope marks the default scope (organization, namespace) that resources
	// and data sources fall back to.
	Scope bool
	// Required marks a setting the service needs besides its credentials.
	Required bool
	// Description is the schema description; the provider appends the env
	// variables and Default, the default it names (documentation only:
	// Connect applies defaults).
	Description string
	Default     string
}

// Service is one vendor API as users configure it.
type Service struct {
	// Block is the provider block, the logs' subsystem and the sandbox's
	// vendor key.
	Block string
	// Name is the vendor's name in messages.
	Name        string
	Description string
	Settings    []Setting
	// Credentials are the alternative sets of settings that authenticate,
	// in the order Connect prefers them: it uses the first complete one. A
	// service whose block is absent and none of whose sets is complete is
	// not configured, whatever else is set.
	Credentials [][]string
	// Connect builds the typed API from resolved values; errors that name a
	// setting are *ConfigError.
	Connect func(s *Resolved, o Options) (api any, err error)
}

// Connector adapts a vendor's typed constructor to Service.Connect.
func Connector[T any](connect func(*Resolved, Options) (T, error)) func(*Resolved, Options) (any, error) {
	return func(s *Resolved, o Options) (any, error) {
		api, err := connect(s, o)
		if err != nil {
			return nil, err
		}
		return api, nil
	}
}

// Setting returns the setting of an attribute.
func (svc *Service) Setting(attr string) (Setting, bool) {
	for _, st := range svc.Settings {
		if st.Attr == attr {
			return st, true
		}
	}
	return Setting{}, false
}

// ScopeSetting returns the service's scope setting, if it has one.
func (svc *Service) ScopeSetting() (Setting, bool) {
	for _, st := range svc.Settings {
		if st.Scope {
			return st, true
		}
	}
	return Setting{}, false
}

// Needs names the environment variables that configure the service, for the
// error of a resource whose service is not configured: the required ones
// with each credential set; without required ones, the credential sets and
// the other settings in parentheses.
func (svc *Service) Needs() string {
	alts := make([]string, len(svc.Credentials))
	for i, alt := range svc.Credentials {
		alts[i] = svc.envOf(alt, " and ")
	}
	var required, rest []string
	for _, st := range svc.Settings {
		switch {
		case st.Required:
			required = append(required, st.Env[0])
		case !svc.isCredential(st.Attr):
			rest = append(rest, st.Env[0])
		}
	}
	if len(required) > 0 {
		return strings.Join(required, " and ") + " with " + strings.Join(alts, ", or with ")
	}
	out := strings.Join(alts, ", or ")
	if len(rest) > 0 {
		out += " (and " + strings.Join(rest, ", ") + ")"
	}
	return out
}

// Describe names attributes with their environment variables:
// "client_id and client_secret (VENDOR_CLIENT_ID, VENDOR_CLIENT_SECRET)".
func (svc *Service) Describe(attrs ...string) string {
	return strings.Join(attrs, " and ") + " (" + svc.envOf(attrs, ", ") + ")"
}

// envOf lists the attributes' variables, each attribute's alternatives
// joined by "or".
func (svc *Service) envOf(attrs []string, sep string) string {
	names := make([]string, len(attrs))
	for i, a := range attrs {
		st, _ := svc.Setting(a)
		names[i] = strings.Join(st.Env, " or ")
	}
	return strings.Join(names, sep)
}

func (svc *Service) isCredential(attr string) bool {
	for _, alt := range svc.Credentials {
		for _, a := range alt {
			if a == attr {
				return true
			}
		}
	}
	return false
}

// Value is a resolved setting and where it came from.
type Value struct {
	Value string
	// Source names the origin in messages: "<block>.<attr>" or the variable.
	Source string
}

// Resolve looks each setting up, in the order of the table.
func (svc *Service) Resolve(lookup func(Setting) Value) *Resolved {
	r := &Resolved{svc: svc, values: map[string]Value{}}
	for _, st := range svc.Settings {
		if v := lookup(st); v.Value != "" {
			r.values[st.Attr] = v
		}
	}
	return r
}

// Given resolves the service from values by attribute, for callers that
// build a typed API without the provider (tests, tools, the benchmark).
func (svc *Service) Given(values map[string]string) *Resolved {
	return svc.Resolve(func(st Setting) Value {
		return Value{Value: values[st.Attr], Source: svc.Block + "." + st.Attr}
	})
}

// Resolved is a service's settings as resolved for Connect.
type Resolved struct {
	svc      *Service
	values   map[string]Value
	warnings []*ConfigError
}

// Block is the service's provider block.
func (r *Resolved) Block() string { return r.svc.Block }

// Get returns an attribute's value, "" when unset.
func (r *Resolved) Get(attr string) string { return r.values[attr].Value }

// Set reports whether an attribute has a value.
func (r *Resolved) Set(attr string) bool { return r.values[attr].Value != "" }

// Value returns an attribute's value and its source.
func (r *Resolved) Value(attr string) Value { return r.values[attr] }

// Scope is the value of the service's scope setting, "" without one.
func (r *Resolved) Scope() string {
	st, _ := r.svc.ScopeSetting()
	return r.Get(st.Attr)
}

// Endpoint is the value of the service's Endpoint setting, or def.
func (r *Resolved) Endpoint(def string) string {
	for _, st := range r.svc.Settings {
		if st.Kind == Endpoint && r.Set(st.Attr) {
			return r.Get(st.Attr)
		}
	}
	return def
}

// BearerKey is the core client of a service whose credential is one key,
// sent as a bearer token, at its endpoint or def.
func (r *Resolved) BearerKey(o Options, keyAttr, def string, decode ErrorDecoder) (*Client, error) {
	if !r.HasCredentials() {
		return nil, r.NoCredentials()
	}
	key := r.Get(keyAttr)
	return New(Config{Options: o, Service: r.svc.Block, BaseURL: r.Endpoint(def),
		Auth: BearerToken(key), DecodeError: decode, Secrets: []string{key}})
}

// HasCredentials reports whether one credential set is complete.
func (r *Resolved) HasCredentials() bool {
	for _, alt := range r.svc.Credentials {
		if r.complete(alt) {
			return true
		}
	}
	return false
}

// Describe names attributes with their environment variables.
func (r *Resolved) Describe(attrs ...string) string { return r.svc.Describe(attrs...) }

// Credential names the credential Connect uses (the first complete set):
// where each of its values came from and every place it is read from, and
// the other sets, for the diagnostic of a refusal.
func (r *Resolved) Credential() Credential {
	c := Credential{Service: r.svc.Name}
	used := false
	for _, alt := range r.svc.Credentials {
		if !used && r.complete(alt) {
			used = true
			for _, a := range alt {
				st, _ := r.svc.Setting(a)
				c.From = append(c.From, r.Value(a).Source)
				c.Ways = append(c.Ways, strings.Join(append([]string{r.svc.Block + "." + a}, st.Env...), " or "))
			}
			continue
		}
		qualified := make([]string, len(alt))
		for i, a := range alt {
			qualified[i] = r.svc.Block + "." + a
		}
		c.Others = append(c.Others, strings.Join(qualified, " and ")+" ("+r.svc.envOf(alt, ", ")+")")
	}
	return c
}

// Guard is a new Guard of the credential in use: Connect's clients share
// it through Options.
func (r *Resolved) Guard() *Guard { return NewGuard(r.Credential()) }

func (r *Resolved) complete(attrs []string) bool {
	for _, a := range attrs {
		if !r.Set(a) {
			return false
		}
	}
	return true
}

// Incomplete is the error of a service that lacks what it needs; what
// completes "The <block> block is set but …".
func (r *Resolved) Incomplete(what string) *ConfigError {
	return &ConfigError{Block: r.svc.Block, Summary: "Incomplete " + r.svc.Block + " configuration",
		Detail: fmt.Sprintf("The %s block is set but %s.", r.svc.Block, what)}
}

// NoCredentials is Incomplete naming the credential sets.
func (r *Resolved) NoCredentials() *ConfigError {
	if len(r.svc.Credentials) == 1 {
		return r.Incomplete("has no " + r.Describe(r.svc.Credentials[0]...))
	}
	alts := make([]string, len(r.svc.Credentials))
	for i, alt := range r.svc.Credentials {
		alts[i] = r.Describe(alt...)
	}
	return r.Incomplete("has no credentials: set " + strings.Join(alts, " or "))
}

// Warn records a warning on an attribute; the provider shows it whatever
// Connect returns.
func (r *Resolved) Warn(attr, summary, detail string) {
	r.warnings = append(r.warnings, &ConfigError{Block: r.svc.Block, Attr: attr, Summary: summary, Detail: detail})
}

// Warnings are the warnings Connect recorded.
func (r *Resolved) Warnings() []*ConfigError { return r.warnings }

// ConfigError is a problem with a service's configuration, on an attribute
// of its block (the block itself when Attr is empty).
type ConfigError struct {
	Block, Attr     string
	Summary, Detail string
}

func (e *ConfigError) Error() string { return e.Summary + ": " + e.Detail }
