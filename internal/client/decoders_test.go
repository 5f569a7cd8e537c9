package client_test

import (
	"reflect"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// Each vendor's error shape, as documented, decodes into message, code and fields.
func TestVendorErrorDecoders(t *testing.T) {
	cases := []struct {
		name    string
		decode  client.ErrorDecoder
		body    string
		message string
		code    string
		fields  []client.FieldError
	}{
		{"auth0", auth0.DecodeError, `{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'x'","errorCode":"invalid_body"}`,
			"Payload validation error: 'x'", "invalid_body", nil},
		{"auth0 without errorCode", auth0.DecodeError, `{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}`,
			"Global limit has been reached", "", nil},
		{"versori", versori.DecodeError, `{"code":"invalid_argument","message":"validation failed","fields":[{"field":"baseUrl","message":"must be a URL"},{"field":"environments[1].name","message":"duplicate"}]}`,
			"validation failed", "invalid_argument", []client.FieldError{{Field: "baseUrl", Message: "must be a URL"}, {Field: "environments[1].name", Message: "duplicate"}}},
		{"versori numeric code and cause", versori.DecodeError, `{"code":409,"message":"connection in use","cause":"2 workflows reference it"}`,
			"connection in use (cause: 2 workflows reference it)", "409", nil},
		{"vectorize", vectorize.DecodeError, `{"error":"Invalid request","details":"Missing required field: bucket-name"}`,
			"Invalid request: Missing required field: bucket-name", "", nil},
		{"vectorize structured details", vectorize.DecodeError, `{"error":"Invalid request","details":{"field":"type"}}`,
			`Invalid request: {"field":"type"}`, "", nil},
		{"tiledb", tiledb.DecodeError, `{"code":4001,"message":"credential already exists","request_id":"req-1"}`,
			"credential already exists (request_id req-1)", "4001", nil},
		{"tiledb proxy page", tiledb.DecodeError, `<html><body>502 Bad Gateway</body></html>`, "", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg, code, fields := c.decode(400, []byte(c.body))
			if msg != c.message || code != c.code || !reflect.DeepEqual(fields, c.fields) {
				t.Fatalf("got %q %q %v", msg, code, fields)
			}
		})
	}
}
