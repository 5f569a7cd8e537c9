package vectorizeconnector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

type model struct {
	ID                    types.String         `tfsdk:"id"`
	OrganizationID        types.String         `tfsdk:"organization_id"`
	WorkspaceID           types.String         `tfsdk:"workspace_id"`
	Name                  types.String         `tfsdk:"name"`
	Type                  types.String         `tfsdk:"type"`
	Config                jsontypes.Normalized `tfsdk:"config"`
	SecretConfig          types.String         `tfsdk:"secret_config"`
	SecretConfigWO        types.String         `tfsdk:"secret_config_wo"`
	SecretConfigWOVersion types.Int64          `tfsdk:"secret_config_wo_version"`
	VerificationStatus    types.String         `tfsdk:"verification_status"`
	ErrorMessage          types.String         `tfsdk:"error_message"`
	CreatedAt             types.String         `tfsdk:"created_at"`
	CreatedByEmail        types.String         `tfsdk:"created_by_email"`
	LastUpdatedByEmail    types.String         `tfsdk:"last_updated_by_email"`
}

// object parses a JSON attribute that must hold an object; null is an empty object.
func object(v types.String) (map[string]json.RawMessage, error) {
	if v.IsNull() || v.IsUnknown() {
		return map[string]json.RawMessage{}, nil
	}
	var out map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader([]byte(v.ValueString())))
	if err := dec.Decode(&out); err != nil || out == nil {
		return nil, fmt.Errorf("must be a JSON object, e.g. jsonencode({ key = \"value\" })")
	}
	return out, nil
}

// requestConfig merges the public and secret settings into the one config
// object the API takes. A key in both is rejected at plan time already.
func requestConfig(config jsontypes.Normalized, secret types.String) (map[string]any, error) {
	pub, err := object(config.StringValue)
	if err != nil {
		return nil, fmt.Errorf("config %w", err)
	}
	sec, err := object(secret)
	if err != nil {
		return nil, fmt.Errorf("secret config %w", err)
	}
	out := make(map[string]any, len(pub)+len(sec))
	for k, v := range pub {
		out[k] = v
	}
	for k, v := range sec {
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("config key %q is set in both config and the secret config", k)
		}
		out[k] = v
	}
	return out, nil
}

// secret picks the stored or the write-only secret config; the write-only one
// is only readable from the configuration.
func secret(stored, writeOnly types.String) types.String {
	if !writeOnly.IsNull() && !writeOnly.IsUnknown() {
		return writeOnly
	}
	return stored
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	return reflect.DeepEqual(x, y)
}

// reconcile compares the configured object with the API's configDoc on the
// keys both hold: a value changed outside Terraform replaces the configured
// one, so the plan shows it. Keys the API does not return (secrets put in
// config, or settings it omits) keep their configured value, and keys only
// the API has (server defaults) are not adopted, since they are not managed.
func reconcile(prior jsontypes.Normalized, doc json.RawMessage) jsontypes.Normalized {
	if prior.IsNull() || prior.IsUnknown() {
		return prior
	}
	cfg, err := object(prior.StringValue)
	if err != nil {
		return prior
	}
	var api map[string]json.RawMessage
	if len(doc) == 0 || json.Unmarshal(doc, &api) != nil {
		return prior
	}
	changed := false
	for k, v := range cfg {
		if got, ok := api[k]; ok && !jsonEqual(v, got) {
			cfg[k] = got
			changed = true
		}
	}
	if !changed {
		return prior
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		return prior
	}
	return jsontypes.NewNormalizedValue(string(b))
}

// fullConfig is the configDoc as a whole, for imports and the list data
// source; empty is null. Secret keys are dropped: the API is expected to
// leave them out, but the spec's own list example shows S3 keys in
// configDoc, and config is neither sensitive nor write-only.
func fullConfig(typ string, doc json.RawMessage) jsontypes.Normalized {
	var api map[string]json.RawMessage
	if len(doc) == 0 || json.Unmarshal(doc, &api) != nil {
		return jsontypes.NewNormalizedNull()
	}
	for k := range api {
		if vectorize.IsSecretConfigKey(typ, k) || client.IsSecretKey(k) {
			delete(api, k)
		}
	}
	if len(api) == 0 {
		return jsontypes.NewNormalizedNull()
	}
	b, _ := json.Marshal(api)
	return jsontypes.NewNormalizedValue(string(b))
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// fromAPI sets the model from a SourceConnector. With imported, config is
// taken whole from the API, having nothing configured to compare with.
func (m *model) fromAPI(orgID string, c *vectorize.SourceConnector, imported bool) {
	m.ID = types.StringValue(c.ID)
	m.OrganizationID = types.StringValue(orgID)
	m.Name = types.StringValue(c.Name)
	m.Type = types.StringValue(c.Type)
	if imported {
		m.Config = fullConfig(c.Type, c.ConfigDoc)
	} else {
		m.Config = reconcile(m.Config, c.ConfigDoc)
	}
	m.SecretConfigWO = types.StringNull()
	m.VerificationStatus = stringOrNull(c.VerificationStatus)
	m.ErrorMessage = stringOrNull(c.ErrorMessage)
	m.CreatedAt = stringOrNull(c.CreatedAt)
	m.CreatedByEmail = stringOrNull(c.CreatedByEmail)
	m.LastUpdatedByEmail = stringOrNull(c.LastUpdatedByEmail)
}

// missingKeys lists the type's required keys found in neither object. A
// required key with a default in the spec (AWS_S3's archiver) is never
// missing: the provider sends the default when the user sets none.
func missingKeys(typ string, objects ...map[string]json.RawMessage) []string {
	var missing []string
	spec := vectorize.ConfigSpecs[typ]
	for _, k := range spec.Required {
		if _, defaulted := spec.Defaults[k]; defaulted {
			continue
		}
		found := slices.ContainsFunc(objects, func(o map[string]json.RawMessage) bool {
			v, ok := o[k]
			return ok && !bytes.Equal(bytes.TrimSpace(v), []byte("null"))
		})
		if !found {
			missing = append(missing, k)
		}
	}
	return missing
}
