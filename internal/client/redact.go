package client

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

const masked = "***"

// secretHeaders are never logged in clear, whatever the vendor; a vendor's
// own credential headers come from its Config.SecretHeaders.
var secretHeaders = []string{"Authorization", "Cookie", "Set-Cookie"}

// secretKey matches JSON field names that carry credentials in the vendors' APIs
// (client_secret, access_token, secret-key, account_key, sas_token, key_text, ...).
var secretKey = regexp.MustCompile(`(?i)(secret|password|passwd|token|api[-_]?key|account[-_]?key|access[-_]?key|sas|key[-_]?text|external[-_]?id|private|credential[-_]?data|service[-_]?account[-_]?json|authorization)`)

// publicKey matches names that contain a secret-looking word but hold an
// address or a type (tokenUrl, token_type), which logs need to show.
var publicKey = regexp.MustCompile(`(?i)([-_]?(url|uri|type|endpoint))$`)

// IsSecretKey reports whether a JSON field name looks like it holds a secret.
func IsSecretKey(name string) bool {
	return secretKey.MatchString(name) && !publicKey.MatchString(name)
}

// RedactHeaders returns a copy of h fit for logs, with the generic secret
// headers and the extra ones masked.
func RedactHeaders(h http.Header, extra ...string) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		out[k] = strings.Join(v, ", ")
	}
	for _, k := range append(append([]string{}, secretHeaders...), extra...) {
		if _, ok := out[http.CanonicalHeaderKey(k)]; ok {
			out[http.CanonicalHeaderKey(k)] = masked
		}
	}
	return out
}

// RedactBody masks secret-looking fields of a JSON body, at any depth. A body
// that is not JSON is masked whole unless it is empty, since we cannot tell
// what it holds (form-encoded token requests, for instance).
func RedactBody(body []byte) string {
	if len(strings.TrimSpace(string(body))) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return "<non-JSON body, " + itoa(len(body)) + " bytes, not logged>"
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return masked
	}
	return string(out)
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if IsSecretKey(k) && val != nil {
				if _, isObject := val.(map[string]any); !isObject {
					t[k] = masked
					continue
				}
			}
			t[k] = redactValue(val)
		}
		return t
	case []any:
		for i := range t {
			t[i] = redactValue(t[i])
		}
		return t
	}
	return v
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
