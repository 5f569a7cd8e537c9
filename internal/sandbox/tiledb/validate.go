package tiledb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// Request validation. Each rule cites the spec (TileDB-Inc/TileDB-Cloud-API-
// Spec openapi-v2.yaml, commit 696d2207) or is an assumption; FIDELITY.md has
// one row per rule, and tiledb_test.go one table row per rule.

// readOnly fields are accepted in bodies and ignored: the spec marks
// provider, created_at and updated_at readOnly; uuid is server-assigned.
var readOnly = map[string]bool{"uuid": true, "provider": true, "created_at": true, "updated_at": true}

// writable are AccessCredential's other properties. Any other field is
// refused (an assumption: a Go server may drop it silently, which would lose
// a misnamed field without a word, so the sandbox makes that mistake loud).
var writable = map[string]bool{"name": true, "provider_default": true, "allowed_in_tasks": true, "credential": true, "role": true, "token": true}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// strict decodes raw into v, rejecting fields the model does not have.
func strict(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// body is a decoded create or update request.
type body struct {
	fields map[string]json.RawMessage
	kind   *stored // only Credential, Role and Token are set
}

// badRequest is a validation failure, answered 400.
type badRequest string

// decode checks the body against AccessCredential: a JSON object (the body
// parameter is required), known fields, the spec's types.
func decode(raw map[string]json.RawMessage, err error) (*body, badRequest) {
	if err != nil {
		return nil, badRequest("invalid request body: " + err.Error())
	}
	for k := range raw {
		if !writable[k] && !readOnly[k] {
			return nil, badRequest(fmt.Sprintf("invalid request body: unknown field %q", k))
		}
	}
	b := &body{fields: raw, kind: &stored{}}
	for _, f := range []struct {
		name string
		dst  any
	}{{"credential", &b.kind.Credential}, {"role", &b.kind.Role}, {"token", &b.kind.Token}} {
		if v, ok := raw[f.name]; ok && !isNull(v) {
			if err := strict(v, f.dst); err != nil {
				return nil, badRequest(fmt.Sprintf("invalid %s: %v", f.name, err))
			}
		}
	}
	// provider_default and allowed_in_tasks: boolean, x-nullable (null = not set).
	for _, f := range []string{"provider_default", "allowed_in_tasks"} {
		var v bool
		if raw, ok := raw[f]; ok && !isNull(raw) && json.Unmarshal(raw, &v) != nil {
			return nil, badRequest(fmt.Sprintf("invalid %s: expected a boolean", f))
		}
	}
	var name string
	if v, ok := raw["name"]; ok && !isNull(v) && json.Unmarshal(v, &name) != nil {
		return nil, badRequest("invalid name: expected a string")
	}
	return b, ""
}

// name is the body's name; ok is false when it is absent, null or blank.
func (b *body) name() (string, bool) {
	var n string
	if v, ok := b.fields["name"]; ok && !isNull(v) {
		_ = json.Unmarshal(v, &n)
	}
	return n, strings.TrimSpace(n) != ""
}

// boolField reads a boolean the body sets; ok is false when it is absent or null.
func (b *body) boolField(name string) (v, ok bool) {
	raw, present := b.fields[name]
	if !present || isNull(raw) {
		return false, false
	}
	_ = json.Unmarshal(raw, &v)
	return v, true
}

// validateKind checks the one sub-object a request sets ("Exactly one
// sub-field may be set", on credential, role and token, and one of the three
// as the AccessCredential union) and fills the server-derived fields. It
// returns the kind's wire path.
func validateKind(s *stored) (string, badRequest) {
	ks := kinds(s)
	switch len(ks) {
	case 0:
		return "", "exactly one of credential.aws, credential.azure, credential.gcp, role.aws, token.azure or token.gcp must be set"
	case 1:
	default:
		return "", badRequest("exactly one credential kind must be set, got " + strings.Join(ks, " and "))
	}
	// required lists the fields the spec tags `validate:"required"`, plus
	// token.azure.sas_token and token.gcp.key_text (assumptions: untagged,
	// but a token credential without its token grants nothing).
	required := map[string][]struct{ name, value string }{}
	switch ks[0] {
	case "credential.aws":
		c := s.Credential.AWS
		required[ks[0]] = []struct{ name, value string }{{"access_key_id", c.AccessKeyID}, {"secret_access_key", c.SecretAccessKey}}
	case "credential.azure":
		c := s.Credential.Azure
		required[ks[0]] = []struct{ name, value string }{{"account_name", c.AccountName}, {"account_key", c.AccountKey}}
	case "credential.gcp":
		c := s.Credential.GCP
		required[ks[0]] = []struct{ name, value string }{{"access_key_id", c.AccessKeyID}, {"secret_access_key", c.SecretAccessKey}}
	case "role.aws":
		c := s.Role.AWS
		required[ks[0]] = []struct{ name, value string }{{"role_arn", c.RoleARN}, {"external_id", c.ExternalID}}
	case "token.azure":
		c := s.Token.Azure
		required[ks[0]] = []struct{ name, value string }{{"account_name", c.AccountName}, {"sas_token", c.SASToken}}
	case "token.gcp":
		required[ks[0]] = []struct{ name, value string }{{"key_text", s.Token.GCP.KeyText}}
	}
	for _, f := range required[ks[0]] {
		if f.value == "" {
			return "", badRequest("missing required field " + ks[0] + "." + f.name)
		}
	}
	switch ks[0] {
	case "role.aws":
		// The spec's example is an ARN; the format check is an assumption.
		if !strings.HasPrefix(s.Role.AWS.RoleARN, "arn:") {
			return "", "role.aws.role_arn must be an ARN (arn:aws:iam::<account>:role/<name>)"
		}
	case "token.gcp":
		// GCPServiceAccountKey: key_text is opaque "except to attempt to
		// extract the service account ID and the key ID"; account_id and
		// key_id are server-provided and ignored on upload.
		c := s.Token.GCP
		var key struct {
			ClientEmail  string `json:"client_email"`
			PrivateKeyID string `json:"private_key_id"`
		}
		_ = json.Unmarshal([]byte(c.KeyText), &key)
		c.AccountID, c.KeyID = key.ClientEmail, key.PrivateKeyID
	}
	return ks[0], ""
}

// listQuery is the list filter: provider (CloudProvider), type
// (AccessCredentialType), page and per_page (integers).
type listQuery struct {
	provider, typ string
	page, perPage int
}

var providers = map[string]bool{"AWS": true, "AZURE": true, "GCP": true}

func parseListQuery(q url.Values) (listQuery, badRequest) {
	out := listQuery{provider: q.Get("provider"), page: 1, perPage: 20}
	if out.provider != "" && !providers[out.provider] {
		return out, badRequest(fmt.Sprintf("invalid provider %q: must be one of AWS, AZURE, GCP", out.provider))
	}
	if t := q.Get("type"); t != "" {
		out.typ = typeAliases[t]
		if out.typ == "" {
			return out, badRequest(fmt.Sprintf("invalid type %q: must be one of key, arn, token, azure_token", t))
		}
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &out.page}, {"per_page", &out.perPage}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return out, badRequest(fmt.Sprintf("invalid %s %q: must be a positive integer", p.name, v))
			}
			*p.dst = n
		}
	}
	return out, ""
}

// now is the answer's timestamp format: the spec's created_at/updated_at are rfc3339.
func now() string { return emu.Now().Format("2006-01-02T15:04:05Z07:00") }
