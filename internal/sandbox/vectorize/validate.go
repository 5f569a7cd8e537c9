package vectorize

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Sources cited below: vectorize-io/vectorize-clients vectorize_api.json
// 0.1.2 ("the spec"), its generated client @vectorize-io/vectorize-client
// 0.4.0, and seed 003 (the older Python client's operation list).

// kind is a config property's JSON type in the spec.
type kind int

const (
	kString kind = iota
	kBool
	kStrings // array of strings
)

// field is one property of a `<TYPE>AuthConfig` schema.
type field struct {
	kind     kind
	required bool
	// secret: `format: password`. Not echoed in configDoc (see view).
	secret bool
	// nonBlank: the spec's pattern `^\S.*\S$|^\S$` (no blank value, no
	// surrounding whitespace).
	nonBlank bool
}

// typeSpec is what the emulated API checks for one connector type. A type
// with no fields has no published config schema: its config is taken as is.
type typeSpec struct {
	fields map[string]field
	// configOptional: the type's create variant does not require config
	// (only FILE_UPLOAD in the spec).
	configOptional bool
}

var (
	str       = field{kind: kString}
	reqStr    = field{kind: kString, required: true}
	reqSecret = field{kind: kString, required: true, secret: true}
	reqToken  = field{kind: kString, required: true, secret: true, nonBlank: true}
	reqList   = field{kind: kStrings, required: true}
)

// specs are the spec's CreateSourceConnectorRequest variants and the
// AuthConfig schema each names (UpdateSourceConnectorRequest names the same
// schema for the PATCH config).
var specs = map[string]typeSpec{
	"AWS_S3": {fields: map[string]field{"access-key": reqToken, "secret-key": reqToken, "bucket-name": reqStr,
		"endpoint": str, "region": str,
		// AWS_S3AuthConfig lists archiver as required, with `default: false`:
		// a required property stays required whatever its default, so a
		// config without it is refused.
		"archiver": {kind: kBool, required: true}}},
	"AZURE_BLOB": {fields: map[string]field{"storage-account-name": reqStr, "storage-account-key": reqSecret,
		"container": reqStr, "endpoint": str}},
	"CONFLUENCE":   {fields: map[string]field{"username": reqStr, "api-token": reqToken, "domain": reqStr}},
	"DISCORD":      {fields: map[string]field{"server-id": reqStr, "bot-token": reqToken, "channel-ids": reqList}},
	"FILE_UPLOAD":  {fields: map[string]field{"path-prefix": str, "files": {kind: kStrings}}, configOptional: true},
	"GOOGLE_DRIVE": {fields: map[string]field{"service-account-json": reqSecret}},
	"FIRECRAWL":    {fields: map[string]field{"api-key": reqSecret}},
	"GCS":          {fields: map[string]field{"service-account-json": reqSecret, "bucket-name": reqStr}},
	"ZOOM":         {fields: map[string]field{"refresh-token": reqSecret}},
	"ZOOM_ADMIN":   {fields: map[string]field{"refresh-token": reqSecret}},
	"ONE_DRIVE": {fields: map[string]field{"ms-client-id": reqStr, "ms-tenant-id": reqStr, "ms-client-secret": reqSecret,
		"users": reqList}},
	"SHAREPOINT":  {fields: map[string]field{"ms-client-id": reqStr, "ms-tenant-id": reqStr, "ms-client-secret": reqSecret}},
	"WEB_CRAWLER": {fields: map[string]field{"seed-urls": reqList}},
	"GITHUB":      {fields: map[string]field{"oauth-token": reqToken}},
	"FIREFLIES":   {fields: map[string]field{"api-key": reqToken}},
}

// knownTypes is the spec's SourceConnectorType enum (the same 28 values in
// the 0.4.0 client's SourceConnectorType).
var knownTypes = []string{
	"AWS_S3", "AZURE_BLOB", "CONFLUENCE", "DISCORD", "DROPBOX", "DROPBOX_OAUTH", "DROPBOX_OAUTH_MULTI",
	"DROPBOX_OAUTH_MULTI_CUSTOM", "FILE_UPLOAD", "GOOGLE_DRIVE_OAUTH", "GOOGLE_DRIVE", "GOOGLE_DRIVE_OAUTH_MULTI",
	"GOOGLE_DRIVE_OAUTH_MULTI_CUSTOM", "FIRECRAWL", "GCS", "ZOOM", "ZOOM_ADMIN", "INTERCOM", "NOTION",
	"NOTION_OAUTH_MULTI", "NOTION_OAUTH_MULTI_CUSTOM", "ONE_DRIVE", "SHAREPOINT", "WEB_CRAWLER", "GITHUB",
	"FIREFLIES", "DOCUSIGN", "GMAIL",
}

var nonBlankRE = regexp.MustCompile(`^\S.*\S$|^\S$`)

// secretKey tells whether configDoc leaves the key out: the schema's
// password fields, and any key outside the schema with a credential-looking
// name (assumption: the API redacts those too).
func (s typeSpec) secretKey(key string) bool {
	if f, ok := s.fields[key]; ok {
		return f.secret
	}
	return genericSecret(key)
}

func genericSecret(key string) bool {
	k := strings.ToLower(key)
	for _, s := range []string{"secret", "password", "token", "api-key", "apikey", "private-key", "access-key", "account-key", "service-account-json"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// checkConfig validates a config against its type's AuthConfig schema:
// required keys, JSON types and patterns. Other keys are allowed, as the
// schemas do not set additionalProperties to false.
func (e *Emulator) checkConfig(typ string, config map[string]any) string {
	spec, ok := e.types[typ]
	if !ok {
		return fmt.Sprintf("invalid connector type %q", typ)
	}
	keys := make([]string, 0, len(spec.fields))
	for k := range spec.fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := spec.fields[k]
		v, present := config[k]
		if !present || v == nil {
			if f.required {
				return fmt.Sprintf("config.%s is required for connector type %s", k, typ)
			}
			continue
		}
		if msg := f.check(k, v); msg != "" {
			return msg
		}
	}
	return ""
}

func (f field) check(key string, v any) string {
	switch f.kind {
	case kBool:
		if _, ok := v.(bool); !ok {
			return fmt.Sprintf("config.%s must be a boolean", key)
		}
	case kStrings:
		arr, ok := v.([]any)
		if !ok || slices.ContainsFunc(arr, func(x any) bool { _, isStr := x.(string); return !isStr }) {
			return fmt.Sprintf("config.%s must be an array of strings", key)
		}
		// Assumption: an empty list for a required key is refused like a
		// missing one (the spec sets no minItems).
		if f.required && len(arr) == 0 {
			return fmt.Sprintf("config.%s is required and must not be empty", key)
		}
	default:
		s, ok := v.(string)
		if !ok {
			return fmt.Sprintf("config.%s must be a string", key)
		}
		if f.nonBlank && !nonBlankRE.MatchString(s) {
			return fmt.Sprintf("config.%s must not be blank nor start or end with whitespace", key)
		}
		// Assumption: an empty required setting is refused (the spec sets
		// no minLength on these).
		if f.required && s == "" {
			return fmt.Sprintf("config.%s is required and must not be empty", key)
		}
	}
	return ""
}

type createItem struct {
	Name   string
	Type   string
	Config map[string]any
}

// decodeCreate accepts the spec's single CreateSourceConnectorRequest object
// and seed 003's older array of them.
func decodeCreate(raw []byte) ([]createItem, bool, string) {
	raw = bytes.TrimSpace(raw)
	var items []json.RawMessage
	legacy := len(raw) > 0 && raw[0] == '['
	if legacy {
		if json.Unmarshal(raw, &items) != nil || len(items) == 0 {
			return nil, true, "body must be a connector object or a non-empty array of connectors"
		}
	} else {
		items = []json.RawMessage{raw}
	}
	out := make([]createItem, 0, len(items))
	for i, it := range items {
		c, msg := decodeItem(it)
		if msg != "" {
			if legacy {
				msg = fmt.Sprintf("connector %d: %s", i, msg)
			}
			return nil, legacy, msg
		}
		out = append(out, c)
	}
	return out, legacy, ""
}

func decodeItem(raw json.RawMessage) (createItem, string) {
	var c createItem
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil || fields == nil {
		return c, "body must be a JSON object"
	}
	// Assumption: unknown fields are refused; the spec's variants do not
	// forbid them, and the provider sends only these three.
	for k := range fields {
		if k != "name" && k != "type" && k != "config" {
			return c, fmt.Sprintf("unknown field %q", k)
		}
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"name", &c.Name}, {"type", &c.Type}} {
		v, ok := fields[f.name]
		if !ok || isNull(v) {
			return c, f.name + " is required"
		}
		if json.Unmarshal(v, f.dst) != nil {
			return c, f.name + " must be a string"
		}
	}
	// Assumption: a blank name is refused (the spec sets no minLength).
	if strings.TrimSpace(c.Name) == "" {
		return c, "name must not be empty"
	}
	if v, ok := fields["config"]; ok && !isNull(v) {
		if json.Unmarshal(v, &c.Config) != nil || c.Config == nil {
			return c, "config must be an object"
		}
	}
	return c, ""
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// checkCreate validates one create item beyond its JSON shape: the type is
// in the enum, config is present where the type's variant requires it, and
// it matches the type's AuthConfig.
func (e *Emulator) checkCreate(it createItem) string {
	spec, ok := e.types[it.Type]
	if !ok {
		return fmt.Sprintf("invalid connector type %q", it.Type)
	}
	if it.Config == nil && len(spec.fields) > 0 && !spec.configOptional {
		return "config is required for connector type " + it.Type
	}
	return e.checkConfig(it.Type, it.Config)
}

type userBody struct {
	UserID        string          `json:"userId"`
	SelectedFiles json.RawMessage `json:"selectedFiles"`
	RefreshToken  *string         `json:"refreshToken"`
	AccessToken   *string         `json:"accessToken"`
}

// userShape names the users operation whose request schema applies.
type userShape int

const (
	addUser    userShape = iota // AddUserToSourceConnectorRequest: userId, selectedFiles required
	updateUser                  // UpdateUserInSourceConnectorRequest: userId required
	removeUser                  // RemoveUserFromSourceConnectorRequest: userId only
)

// decodeUser reads a users body against the operation's request schema.
func decodeUser(body map[string]json.RawMessage, shape userShape) (userBody, string) {
	var u userBody
	allowed := map[string]bool{"userId": true}
	if shape != removeUser {
		allowed["selectedFiles"], allowed["refreshToken"], allowed["accessToken"] = true, true, true
	}
	// Assumption: unknown fields are refused, as for create.
	for k := range body {
		if !allowed[k] {
			return u, fmt.Sprintf("unknown field %q", k)
		}
	}
	raw, ok := body["userId"]
	if !ok || isNull(raw) {
		return u, "userId is required"
	}
	if json.Unmarshal(raw, &u.UserID) != nil {
		return u, "userId must be a string"
	}
	// Assumption: an empty userId is refused.
	if strings.TrimSpace(u.UserID) == "" {
		return u, "userId must not be empty"
	}
	for _, t := range []struct {
		name string
		dst  **string
	}{{"refreshToken", &u.RefreshToken}, {"accessToken", &u.AccessToken}} {
		if v, ok := body[t.name]; ok && !isNull(v) {
			if json.Unmarshal(v, t.dst) != nil {
				return u, t.name + " must be a string"
			}
		}
	}
	files, present := body["selectedFiles"]
	if !present || isNull(files) {
		if shape == addUser {
			return u, "selectedFiles is required"
		}
		return u, ""
	}
	if !validSelectedFiles(files) {
		return u, "selectedFiles must be an object of {name, mimeType} entries, or {pageIds?, databaseIds?} with arrays of strings"
	}
	u.SelectedFiles = files
	return u, ""
}

// validSelectedFiles applies the spec's anyOf: an object whose values are
// all {name, mimeType} strings, or an object whose pageIds and databaseIds,
// when present, are arrays of strings (other keys are not restricted).
func validSelectedFiles(raw json.RawMessage) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		return false
	}
	byFile := true
	for _, v := range obj {
		var entry struct {
			Name     *string `json:"name"`
			MimeType *string `json:"mimeType"`
		}
		if json.Unmarshal(v, &entry) != nil || entry.Name == nil || entry.MimeType == nil {
			byFile = false
			break
		}
	}
	byID := true
	for _, k := range []string{"pageIds", "databaseIds"} {
		if v, ok := obj[k]; ok {
			var ids []string
			if json.Unmarshal(v, &ids) != nil || ids == nil {
				byID = false
			}
		}
	}
	return byFile || byID
}
