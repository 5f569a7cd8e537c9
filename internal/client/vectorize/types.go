package vectorize

import (
	"slices"
	"strings"
)

// KnownTypes are the source connector types this provider version knows of.
// The API keeps adding types, so others are allowed (with a warning).
var KnownTypes = []string{
	"AWS_S3", "AZURE_BLOB", "CONFLUENCE", "DISCORD", "DROPBOX", "DROPBOX_OAUTH", "DROPBOX_OAUTH_MULTI",
	"DROPBOX_OAUTH_MULTI_CUSTOM", "FILE_UPLOAD", "GOOGLE_DRIVE_OAUTH", "GOOGLE_DRIVE", "GOOGLE_DRIVE_OAUTH_MULTI",
	"GOOGLE_DRIVE_OAUTH_MULTI_CUSTOM", "FIRECRAWL", "GCS", "ZOOM", "ZOOM_ADMIN", "INTERCOM", "NOTION",
	"NOTION_OAUTH_MULTI", "NOTION_OAUTH_MULTI_CUSTOM", "ONE_DRIVE", "SHAREPOINT", "WEB_CRAWLER", "GITHUB",
	"FIREFLIES", "DOCUSIGN", "GMAIL",
}

// ConfigSpec is what the provider knows of one type's connector-level config.
type ConfigSpec struct {
	// Required keys must be present across config and secret config.
	Required []string
	// Secret keys are never echoed back by the API.
	Secret []string
}

// ConfigSpecs covers the types whose required keys are documented.
var ConfigSpecs = map[string]ConfigSpec{
	"AWS_S3":      {Required: []string{"access-key", "secret-key", "bucket-name"}, Secret: []string{"access-key", "secret-key"}},
	"AZURE_BLOB":  {Required: []string{"storage-account-name", "storage-account-key", "container"}, Secret: []string{"storage-account-key"}},
	"GCS":         {Required: []string{"service-account-json", "bucket-name"}, Secret: []string{"service-account-json"}},
	"WEB_CRAWLER": {Required: []string{"seed-urls"}},
	"GITHUB":      {Required: []string{"oauth-token"}, Secret: []string{"oauth-token"}},
	"FILE_UPLOAD": {},
}

// IsKnownType reports whether t is one of KnownTypes.
func IsKnownType(t string) bool { return slices.Contains(KnownTypes, t) }

// SupportsUsers reports whether connectors of type t have users (the OAuth multi-user types).
func SupportsUsers(t string) bool { return strings.Contains(t, "_OAUTH_MULTI") }

// IsSecretConfigKey reports whether a config key of type t is one the API does not echo.
func IsSecretConfigKey(t, key string) bool {
	return slices.Contains(ConfigSpecs[t].Secret, key)
}
