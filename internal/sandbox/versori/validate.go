package versori

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// SchemeTypes are the spec's AuthSchemeType values (the AuthSchemeConfig discriminator).
var SchemeTypes = []string{"none", "api-key", "basic-auth", "oauth2", "google-service-account", "hmac"}

// schemeFields are the properties of each AuthSchemeConfig variant; the spec
// marks every one of them required.
var schemeFields = map[string][]string{
	"none":                   {"schemeType"},
	"basic-auth":             {"schemeType"},
	"google-service-account": {"schemeType"},
	"api-key":                {"schemeType", "name", "in"},
	"hmac":                   {"schemeType", "name", "in", "algorithm", "digestInputs"},
	"oauth2":                 {"schemeType", "authorizeUrl", "tokenUrl", "scopes", "flows"},
}

// compatible lists, per credential type, the auth schemes it can serve
// (assumption: the spec pairs them only in prose).
var compatible = map[string][]string{
	"none":          {"none"},
	"string":        {"api-key", "hmac"},
	"binary":        {"google-service-account"},
	"basic-auth":    {"basic-auth"},
	"oauth2-client": {"oauth2"},
	"oauth2-token":  {"oauth2"},
}

// validDatasetID: "<project_id>.<dataset_name>" (spec BigQueryConnection.datasetId)
// with Google's rules for the parts: a project id is 6 to 30 lowercase
// letters, digits or hyphens, starting with a letter, no trailing hyphen
// (Resource Manager v1 Project.projectId); a dataset id is letters, digits
// and underscores, at most 1,024 characters (BigQuery v2
// DatasetReference.datasetId). That Versori checks them is an assumption.
// (Go's regexp caps a repeat at 1000, hence the length apart.)
var datasetIDForm = regexp.MustCompile(`^[a-z][a-z0-9-]{4,28}[a-z0-9]\.([A-Za-z0-9_]+)$`)

func validDatasetID(v string) bool {
	m := datasetIDForm.FindStringSubmatch(v)
	return m != nil && len(m[1]) <= 1024
}

type fieldErrors []fieldError

func (f *fieldErrors) add(field, format string, args ...any) {
	*f = append(*f, fieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// write answers 400 with the spec's ErrorField list; false when there is nothing to report.
func (f fieldErrors) write(w http.ResponseWriter) bool {
	if len(f) == 0 {
		return false
	}
	writeError(w, http.StatusBadRequest, "validation failed", "", f)
	return true
}

// join builds the spec's ErrorField path form "field1.field2[0].field3".
func join(p, field string) string {
	switch {
	case p == "":
		return field
	case field == "" || strings.HasPrefix(field, "["):
		return p + field
	}
	return p + "." + field
}

func at(p string, i int) string { return fmt.Sprintf("%s[%d]", p, i) }

// decodeBody reads the request body strictly into out. A body that is not
// JSON answers 400 without fields; a wrong type or unknown field answers
// 400 naming it.
func decodeBody(w http.ResponseWriter, r *http.Request, out any) bool {
	raw, err := readAll(r)
	if err != nil || !json.Valid(raw) {
		writeError(w, http.StatusBadRequest, "invalid request body", "the body is not a JSON document", nil)
		return false
	}
	var f fieldErrors
	strict(&f, "", raw, out)
	return !f.write(w)
}

func readAll(r *http.Request) ([]byte, error) {
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, 1<<20))
	return buf.Bytes(), err
}

// strict decodes raw into out, rejecting unknown fields (assumption: the
// spec does not set additionalProperties: false) and naming wrong types.
func strict(f *fieldErrors, p string, raw json.RawMessage, out any) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(out)
	if err == nil {
		return true
	}
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		field := join(p, typeErr.Field)
		if field == "" {
			field = "body"
		}
		f.add(field, "must be %s, got %s", kind(typeErr.Type), typeErr.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		f.add(join(p, name), "is not a field of this object")
	default:
		f.add(p, "is not valid: %v", err)
	}
	return false
}

func kind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a JSON value"
		}
		return "an array"
	}
	return "an object"
}

// requireULID checks a required `format: ulid` value.
func requireULID(f *fieldErrors, field string, v *string) bool {
	switch {
	case v == nil || *v == "":
		f.add(field, "is required")
	case !isULID(*v):
		f.add(field, "must be a ULID")
	default:
		return true
	}
	return false
}

// pathULIDs answers 400 when a path parameter the spec declares `format:
// ulid` is not one (assumption on the status: a parameter that does not parse).
func pathULIDs(w http.ResponseWriter, r *http.Request, names ...string) bool {
	var f fieldErrors
	for _, n := range names {
		if v := r.PathValue(n); !isULID(v) {
			f.add(n, "must be a ULID")
		}
	}
	return !f.write(w)
}

// absoluteURI is the spec's `format: uri`: a scheme is required.
func absoluteURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "")
}

// httpURL is an absolute http(s) URL (baseUrl has no format in the spec; assumption).
func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// flowsInput is AuthSchemeConfigOAuth2Flows as a request may send it: the
// application credential is a Credential, of which only the id is used.
type flowsInput struct {
	ClientCredentials *struct{} `json:"clientCredentials"`
	AuthorizationCode *struct {
		ApplicationCredential *struct {
			ID        string          `json:"id"`
			Type      json.RawMessage `json:"type"`
			Name      json.RawMessage `json:"name"`
			Usages    json.RawMessage `json:"usages"`
			Errors    json.RawMessage `json:"errors"`
			Data      json.RawMessage `json:"data"`
			CreatedAt json.RawMessage `json:"createdAt"`
			UpdatedAt json.RawMessage `json:"updatedAt"`
		} `json:"applicationCredential"`
	} `json:"authorizationCode"`
}

type variableInput struct {
	Name  *string `json:"name"`
	Value *string `json:"value"`
}

// variables checks EnvironmentVariable items: name and value are required
// (spec); a blank or repeated name is refused (assumption).
func variables(f *fieldErrors, p string, in []variableInput) []variable {
	out := make([]variable, 0, len(in))
	seen := map[string]bool{}
	for i, v := range in {
		ip := at(p, i)
		switch {
		case v.Name == nil:
			f.add(join(ip, "name"), "is required")
		case strings.TrimSpace(*v.Name) == "":
			f.add(join(ip, "name"), "must not be empty")
		case seen[*v.Name]:
			f.add(join(ip, "name"), "duplicate variable name %q", *v.Name)
		}
		if v.Value == nil {
			f.add(join(ip, "value"), "is required")
		}
		if v.Name != nil && v.Value != nil {
			seen[*v.Name] = true
			out = append(out, variable{*v.Name, *v.Value})
		}
	}
	return out
}

// scheme validates one AuthSchemeConfig against its schemeType's variant.
func (e *Emulator) scheme(f *fieldErrors, p, org string, raw json.RawMessage) authScheme {
	var s authScheme
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil || fields == nil {
		f.add(p, "must be an object")
		return s
	}
	var st string
	if json.Unmarshal(fields["schemeType"], &st) != nil || st == "" {
		f.add(join(p, "schemeType"), "is required")
		return s
	}
	want, known := schemeFields[st]
	if !known {
		f.add(join(p, "schemeType"), "must be one of %s", strings.Join(SchemeTypes, ", "))
		return s
	}
	for name := range fields {
		if !slices.Contains(want, name) {
			f.add(join(p, name), "is not a field of schemeType %s", st)
		}
	}
	before := len(*f)
	for _, name := range want {
		if v, ok := fields[name]; !ok || bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			f.add(join(p, name), "is required for schemeType %s", st)
		}
	}
	if len(*f) > before {
		return s
	}
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(raw, &s); errors.As(err, &typeErr) {
		f.add(join(p, typeErr.Field), "must be %s, got %s", kind(typeErr.Type), typeErr.Value)
		return s
	}
	// clientCredentials is an empty object (additionalProperties: false);
	// flows other than the spec's two are refused (assumption).
	if flows, ok := fields["flows"]; ok && st == "oauth2" {
		var cc struct {
			ClientCredentials map[string]json.RawMessage `json:"clientCredentials"`
		}
		_ = json.Unmarshal(flows, &cc)
		for k := range cc.ClientCredentials {
			f.add(join(p, "flows.clientCredentials."+k), "is not a field of this object")
		}
		if len(cc.ClientCredentials) > 0 || !strict(f, join(p, "flows"), flows, &flowsInput{}) {
			return s
		}
	}
	e.schemeValues(f, p, org, s)
	return s
}

func (e *Emulator) schemeValues(f *fieldErrors, p, org string, s authScheme) {
	has := func(field string) bool { return slices.Contains(schemeFields[s.SchemeType], field) }
	oneOf := func(field, v string, allowed ...string) {
		if has(field) && !slices.Contains(allowed, v) {
			f.add(join(p, field), "must be one of %s", strings.Join(allowed, ", "))
		}
	}
	// An empty parameter name is refused (assumption: the spec sets no minLength).
	if has("name") && strings.TrimSpace(s.Name) == "" {
		f.add(join(p, "name"), "must not be empty")
	}
	// api-key and hmac both take query, header or cookie (spec AuthSchemeConfigAPIKey/HMAC.in).
	oneOf("in", s.In, "query", "header", "cookie")
	oneOf("algorithm", s.Algorithm, "sha1", "sha256", "sha512")
	for i, d := range s.DigestInputs {
		if d != "body" && d != "url" {
			f.add(at(join(p, "digestInputs"), i), "must be one of body, url")
		}
	}
	for _, u := range []struct{ field, v string }{{"authorizeUrl", s.AuthorizeURL}, {"tokenUrl", s.TokenURL}} {
		if has(u.field) && !absoluteURI(u.v) {
			f.add(join(p, u.field), "must be an absolute URI")
		}
	}
	for i, sc := range s.Scopes {
		if sc.Name == "" {
			f.add(join(at(join(p, "scopes"), i), "name"), "is required")
		}
	}
	if s.SchemeType == "oauth2" && s.Flows != nil {
		fp := join(p, "flows")
		switch ac := s.Flows.AuthorizationCode; {
		case s.Flows.ClientCredentials == nil && ac == nil:
			// AuthSchemeConfigOAuth2Flows has minProperties: 1.
			f.add(fp, "must define at least one flow")
		case ac != nil:
			id := ac.ApplicationCredential.ID
			if cp := join(fp, "authorizationCode.applicationCredential.id"); requireULID(f, cp, &id) {
				if cr := e.credentials[id]; cr == nil || cr.Org != org {
					f.add(cp, "credential %s not found in organisation %s", id, org)
				}
			}
		}
	}
}

// checkCompatible refuses a credential whose type cannot serve the scheme (assumption).
func checkCompatible(f *fieldErrors, p string, cr *credential, s authScheme) {
	if cr != nil && slices.Contains(SchemeTypes, s.SchemeType) && !slices.Contains(compatible[cr.Type], s.SchemeType) {
		f.add(join(p, "authSchemeConfig.schemeType"), "a %s credential cannot be used with schemeType %s", cr.Type, s.SchemeType)
	}
}

// connectionFields are the properties of each request body (spec
// HTTPConnectionCreate, BigQueryConnectionCreate, HTTPConnectionUpdate,
// BigQueryConnectionUpdate); others are refused (assumption, as strict does).
var connectionFields = map[string][]string{
	"create http":     {"name", "baseUrl", "environmentVariables", "authSchemeConfigs", "environments"},
	"create bigquery": {"name", "datasetId", "environments"},
	"update http":     {"id", "organisationId", "name", "protocol", "authSchemeConfigs", "environments", "baseUrl", "environmentVariables"},
	"update bigquery": {"id", "organisationId", "name", "protocol", "authSchemeConfigs", "environments", "datasetId"},
}

// connectionInput is the create and PUT body. Pointers tell omitted from empty.
type connectionInput struct {
	ID                   *string            `json:"id"`
	OrganisationID       *string            `json:"organisationId"`
	Name                 *string            `json:"name"`
	Protocol             *string            `json:"protocol"`
	BaseURL              *string            `json:"baseUrl"`
	DatasetID            *string            `json:"datasetId"`
	AuthSchemeConfigs    *[]json.RawMessage `json:"authSchemeConfigs"`
	Environments         *[]json.RawMessage `json:"environments"`
	EnvironmentVariables *[]variableInput   `json:"environmentVariables"`
}

func (in connectionInput) present() map[string]bool {
	return map[string]bool{
		"id": in.ID != nil, "organisationId": in.OrganisationID != nil, "name": in.Name != nil, "protocol": in.Protocol != nil,
		"baseUrl": in.BaseURL != nil, "datasetId": in.DatasetID != nil, "authSchemeConfigs": in.AuthSchemeConfigs != nil,
		"environments": in.Environments != nil, "environmentVariables": in.EnvironmentVariables != nil,
	}
}

// checkShape refuses fields the operation's schema does not have and names
// missing required ones.
func checkShape(f *fieldErrors, op string, in connectionInput, required ...string) {
	allowed := connectionFields[op]
	for field, set := range in.present() {
		if set && !slices.Contains(allowed, field) {
			f.add(field, "is not a field of this request")
		}
	}
	for _, field := range required {
		if !in.present()[field] {
			f.add(field, "is required")
		}
	}
}

// checkScalars validates name, baseUrl and datasetId when present.
func checkScalars(f *fieldErrors, in connectionInput) {
	if in.Name != nil {
		switch {
		case strings.TrimSpace(*in.Name) == "":
			f.add("name", "must not be empty")
		case len(*in.Name) > 255:
			f.add("name", "must be at most 255 characters")
		}
	}
	if in.BaseURL != nil && !httpURL(*in.BaseURL) {
		f.add("baseUrl", "must be an absolute http(s) URL")
	}
	if in.DatasetID != nil && !validDatasetID(*in.DatasetID) {
		f.add("datasetId", "must be of the form <project_id>.<dataset_name>")
	}
}
