// Package vectorize is the typed client for the Vectorize API v1 source connectors.
package vectorize

import (
	"encoding/json"
	"fmt"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// DecodeError reads Vectorize's `{error, details?, failedUpdates?}` body.
func DecodeError(_ int, body []byte) (string, string, []client.FieldError) {
	var e struct {
		Error   string          `json:"error"`
		Details json.RawMessage `json:"details"`
	}
	if json.Unmarshal(body, &e) != nil {
		return "", "", nil
	}
	msg := e.Error
	if len(e.Details) > 0 && string(e.Details) != "null" {
		var s string
		if json.Unmarshal(e.Details, &s) == nil {
			msg = fmt.Sprintf("%s: %s", msg, s)
		} else {
			msg = fmt.Sprintf("%s: %s", msg, string(e.Details))
		}
	}
	return msg, "", nil
}
