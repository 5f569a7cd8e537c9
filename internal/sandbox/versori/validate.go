package versori

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// SchemeTypes are the auth scheme discriminators the API knows.
var SchemeTypes = []string{"none", "api-key", "basic-auth", "oauth2", "google-service-account", "hmac"}

// compatible lists, per credential type, the auth schemes it can serve.
var compatible = map[string][]string{
	"none":          {"none"},
	"string":        {"api-key", "hmac"},
	"binary":        {"google-service-account"},
	"basic-auth":    {"basic-auth"},
	"oauth2-client": {"oauth2"},
	"oauth2-token":  {"oauth2"},
}

var datasetID = regexp.MustCompile(`^[a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]{1,1000}$`)

type fieldErrors []fieldError

func (f *fieldErrors) add(field, format string, args ...any) {
	*f = append(*f, fieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (f fieldErrors) write(w http.ResponseWriter) bool {
	if len(f) == 0 {
		return false
	}
	writeError(w, http.StatusBadRequest, "validation failed", "", f)
	return true
}

// decode reads a JSON body strictly: unknown fields are rejected.
func decode(w http.ResponseWriter, r *http.Request, out any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		writeError(w, http.StatusBadRequest, "invalid request body", err.Error(), nil)
		return false
	}
	return true
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (f *fieldErrors) scheme(p string, s authScheme) {
	if !slices.Contains(SchemeTypes, s.SchemeType) {
		f.add(p+".schemeType", "must be one of %s", strings.Join(SchemeTypes, ", "))
		return
	}
	allowed := map[string]bool{}
	need := func(field, value string) {
		allowed[field] = true
		if value == "" {
			f.add(p+"."+field, "is required for schemeType %s", s.SchemeType)
		}
	}
	switch s.SchemeType {
	case "api-key":
		need("name", s.Name)
		need("in", s.In)
		if s.In != "" && !slices.Contains([]string{"query", "header", "cookie"}, s.In) {
			f.add(p+".in", "must be one of query, header, cookie")
		}
	case "hmac":
		need("name", s.Name)
		need("in", s.In)
		need("algorithm", s.Algorithm)
		allowed["digestInputs"] = true
		if s.In != "" && !slices.Contains([]string{"query", "header"}, s.In) {
			f.add(p+".in", "must be one of query, header")
		}
		if s.Algorithm != "" && !slices.Contains([]string{"sha1", "sha256", "sha512"}, s.Algorithm) {
			f.add(p+".algorithm", "must be one of sha1, sha256, sha512")
		}
		if len(s.DigestInputs) == 0 {
			f.add(p+".digestInputs", "is required for schemeType hmac")
		}
		for i, d := range s.DigestInputs {
			if d != "body" && d != "url" {
				f.add(fmt.Sprintf("%s.digestInputs[%d]", p, i), "must be one of body, url")
			}
		}
	case "oauth2":
		need("authorizeUrl", s.AuthorizeURL)
		need("tokenUrl", s.TokenURL)
		allowed["scopes"], allowed["flows"] = true, true
		for _, u := range []struct{ field, v string }{{"authorizeUrl", s.AuthorizeURL}, {"tokenUrl", s.TokenURL}} {
			if u.v != "" && !absoluteURL(u.v) {
				f.add(p+"."+u.field, "must be an absolute http(s) URL")
			}
		}
		for i, sc := range s.Scopes {
			if sc.Name == "" {
				f.add(fmt.Sprintf("%s.scopes[%d].name", p, i), "is required")
			}
		}
	}
	for _, x := range []struct {
		field string
		set   bool
	}{
		{"name", s.Name != ""}, {"in", s.In != ""}, {"algorithm", s.Algorithm != ""},
		{"digestInputs", len(s.DigestInputs) > 0}, {"authorizeUrl", s.AuthorizeURL != ""},
		{"tokenUrl", s.TokenURL != ""}, {"scopes", len(s.Scopes) > 0}, {"flows", len(s.Flows) > 0 && !isNull(s.Flows)},
	} {
		if x.set && !allowed[x.field] {
			f.add(p+"."+x.field, "is not allowed for schemeType %s", s.SchemeType)
		}
	}
}

func (f *fieldErrors) variables(p string, vars []variable) {
	seen := map[string]bool{}
	for i, v := range vars {
		switch {
		case v.Name == "":
			f.add(fmt.Sprintf("%s[%d].name", p, i), "is required")
		case seen[v.Name]:
			f.add(fmt.Sprintf("%s[%d].name", p, i), "duplicate variable name %q", v.Name)
		}
		seen[v.Name] = true
	}
}

// credentials checks each binding names an organisation credential whose
// type can serve the binding's auth scheme.
func (e *Emulator) checkCredentials(f *fieldErrors, p, org string, creds *envCredentials) {
	if creds == nil {
		return
	}
	for _, list := range []struct {
		name  string
		items []binding
	}{{"action", creds.Action}, {"trigger", creds.Trigger}} {
		seen := map[string]bool{}
		for i, b := range list.items {
			bp := fmt.Sprintf("%s.credentials.%s[%d]", p, list.name, i)
			f.scheme(bp+".authSchemeConfig", b.AuthSchemeConfig)
			cr := e.credentials[b.ID]
			switch {
			case b.ID == "":
				f.add(bp+".id", "is required")
				continue
			case cr == nil || cr.Org != org:
				f.add(bp+".id", "credential %s not found in organisation %s", b.ID, org)
				continue
			case seen[b.ID]:
				f.add(bp+".id", "credential %s is listed twice", b.ID)
			}
			seen[b.ID] = true
			if slices.Contains(SchemeTypes, b.AuthSchemeConfig.SchemeType) && !slices.Contains(compatible[cr.Type], b.AuthSchemeConfig.SchemeType) {
				f.add(bp+".authSchemeConfig.schemeType", "a %s credential cannot be used with schemeType %s", cr.Type, b.AuthSchemeConfig.SchemeType)
			}
		}
	}
}

// sameEnvironment compares an environment as a request repeats it with the
// stored one: variables and credentials regardless of order.
func sameEnvironment(in envInput, cur *environment) bool {
	if in.Name != cur.Name {
		return false
	}
	var vars []variable
	if in.Variables != nil {
		vars = *in.Variables
	}
	if !sameVariables(vars, cur.Variables) {
		return false
	}
	var creds envCredentials
	if in.Credentials != nil {
		creds = *in.Credentials
	}
	return sameBindings(creds.Action, cur.Credentials.Action) && sameBindings(creds.Trigger, cur.Credentials.Trigger)
}

func sameVariables(a, b []variable) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]string{}
	for _, v := range a {
		m[v.Name] = v.Value
	}
	for _, v := range b {
		if w, ok := m[v.Name]; !ok || w != v.Value {
			return false
		}
	}
	return true
}

func sameBindings(a, b []binding) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string][]byte{}
	for _, x := range a {
		m[x.ID], _ = json.Marshal(x.AuthSchemeConfig)
	}
	for _, x := range b {
		y, _ := json.Marshal(x.AuthSchemeConfig)
		if got, ok := m[x.ID]; !ok || !bytes.Equal(got, y) {
			return false
		}
	}
	return true
}
