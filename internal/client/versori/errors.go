// Package versori is the typed client for the Versori Connect API v1alpha1.
package versori

import (
	"encoding/json"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// DecodeError reads Versori's `{code, message, fields[{field, message}], cause}`
// body (v1alpha1 spec Error); v1 names the extra text `details`, read alike.
func DecodeError(_ int, body []byte) (string, string, []client.FieldError) {
	var e struct {
		Code    any    `json:"code"`
		Message string `json:"message"`
		Cause   string `json:"cause"`
		Details string `json:"details"`
		Fields  []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"fields"`
	}
	if json.Unmarshal(body, &e) != nil {
		return "", "", nil
	}
	msg := e.Message
	if e.Cause != "" && e.Cause != e.Message {
		msg += " (cause: " + e.Cause + ")"
	}
	if e.Details != "" && e.Details != e.Message && e.Details != e.Cause {
		msg += " (details: " + e.Details + ")"
	}
	var fields []client.FieldError
	for _, f := range e.Fields {
		fields = append(fields, client.FieldError{Field: f.Field, Message: f.Message})
	}
	code := ""
	switch c := e.Code.(type) {
	case string:
		code = c
	case float64:
		b, _ := json.Marshal(c)
		code = string(b)
	}
	return msg, code, fields
}
