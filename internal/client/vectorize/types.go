package vectorize

import (
	"encoding/json"
	"slices"
	"strings"
)

// KnownTypes are the source connector types this provider version knows of:
// the SourceConnectorType enum of vectorize-io/vectorize-clients
// vectorize_api.json (0.1.2). The API keeps adding types, so others are
// allowed (with a warning).
var KnownTypes = []string{
	"AWS_S3", "AZURE_BLOB", "CONFLUENCE", "DISCORD", "DROPBOX", "DROPBOX_OAUTH", "DROPBOX_OAUTH_MULTI",
	"DROPBOX_OAUTH_MULTI_CUSTOM", "FILE_UPLOAD", "GOOGLE_DRIVE_OAUTH", "GOOGLE_DRIVE", "GOOGLE_DRIVE_OAUTH_MULTI",
	"GOOGLE_DRIVE_OAUTH_MULTI_CUSTOM", "FIRECRAWL", "GCS", "ZOOM", "ZOOM_ADMIN", "INTERCOM", "NOTION",
	"NOTION_OAUTH_MULTI", "NOTION_OAUTH_MULTI_CUSTOM", "ONE_DRIVE", "SHAREPOINT", "WEB_CRAWLER", "GITHUB",
	"FIREFLIES", "DOCUSIGN", "GMAIL",
}

// ConfigSpec is what the provider knows of one type's connector-level config.
type ConfigSpec struct {
	// Required keys must be present across config and secret config, unless
	// Defaults has them: the provider then sends the default.
	Required []string
	// Secret keys are the ones the spec marks `format: password`; the API
	// is not expected to echo them in configDoc.
	Secret []string
	// Defaults are the spec's defaults for required keys. The spec lists
	// such a key as required, so a strict server refuses a config without
	// it; the provider sends the default when the user sets none.
	Defaults map[string]any
}

// ConfigSpecs are the `<TYPE>AuthConfig` schemas of the spec's
// CreateSourceConnectorRequest variants (vectorize_api.json 0.1.2); the
// other types have no published config schema.
var ConfigSpecs = map[string]ConfigSpec{
	"AWS_S3": {Required: []string{"access-key", "secret-key", "bucket-name", "archiver"}, Secret: []string{"access-key", "secret-key"},
		Defaults: map[string]any{"archiver": false}},
	"AZURE_BLOB":   {Required: []string{"storage-account-name", "storage-account-key", "container"}, Secret: []string{"storage-account-key"}},
	"CONFLUENCE":   {Required: []string{"username", "api-token", "domain"}, Secret: []string{"api-token"}},
	"DISCORD":      {Required: []string{"server-id", "bot-token", "channel-ids"}, Secret: []string{"bot-token"}},
	"FILE_UPLOAD":  {},
	"GOOGLE_DRIVE": {Required: []string{"service-account-json"}, Secret: []string{"service-account-json"}},
	"FIRECRAWL":    {Required: []string{"api-key"}, Secret: []string{"api-key"}},
	"GCS":          {Required: []string{"service-account-json", "bucket-name"}, Secret: []string{"service-account-json"}},
	"ZOOM":         {Required: []string{"refresh-token"}, Secret: []string{"refresh-token"}},
	"ZOOM_ADMIN":   {Required: []string{"refresh-token"}, Secret: []string{"refresh-token"}},
	"ONE_DRIVE":    {Required: []string{"ms-client-id", "ms-tenant-id", "ms-client-secret", "users"}, Secret: []string{"ms-client-secret"}},
	"SHAREPOINT":   {Required: []string{"ms-client-id", "ms-tenant-id", "ms-client-secret"}, Secret: []string{"ms-client-secret"}},
	"WEB_CRAWLER":  {Required: []string{"seed-urls"}},
	"GITHUB":       {Required: []string{"oauth-token"}, Secret: []string{"oauth-token"}},
	"FIREFLIES":    {Required: []string{"api-key"}, Secret: []string{"api-key"}},
}

// IsKnownType reports whether t is one of KnownTypes.
func IsKnownType(t string) bool { return slices.Contains(KnownTypes, t) }

// IsSecretConfigKey reports whether a config key of type t is one the API does not echo.
func IsSecretConfigKey(t, key string) bool {
	return slices.Contains(ConfigSpecs[t].Secret, key)
}

// WithDefaults returns config with the type's defaults for the required keys
// it lacks (or holds as null), so a strict server finds every required key.
func WithDefaults(t string, config map[string]any) map[string]any {
	defaults := ConfigSpecs[t].Defaults
	if len(defaults) == 0 {
		return config
	}
	out := make(map[string]any, len(config)+len(defaults))
	for k, v := range config {
		out[k] = v
	}
	for k, v := range defaults {
		if cur, ok := out[k]; !ok || isNull(cur) {
			out[k] = v
		}
	}
	return out
}

func isNull(v any) bool {
	raw, isRaw := v.(json.RawMessage)
	return v == nil || isRaw && strings.TrimSpace(string(raw)) == "null"
}
