// Package tiledb is the typed client for the TileDB Cloud API v2 credentials endpoints.
package tiledb

import (
	"encoding/json"
	"fmt"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// DecodeError reads TileDB's `{code, message, request_id}` body; other bodies
// (proxies answer in HTML or text) are left to the core, which shows them raw.
func DecodeError(_ int, body []byte) (string, string, []client.FieldError) {
	var e struct {
		Code      json.RawMessage `json:"code"`
		Message   string          `json:"message"`
		RequestID string          `json:"request_id"`
	}
	if json.Unmarshal(body, &e) != nil || e.Message == "" {
		return "", "", nil
	}
	msg := e.Message
	if e.RequestID != "" {
		msg = fmt.Sprintf("%s (request_id %s)", msg, e.RequestID)
	}
	code := ""
	if len(e.Code) > 0 {
		var s string
		if json.Unmarshal(e.Code, &s) == nil {
			code = s
		} else {
			code = string(e.Code)
		}
	}
	return msg, code, nil
}
