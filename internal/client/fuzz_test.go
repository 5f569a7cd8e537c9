package client_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

var decoders = map[string]client.ErrorDecoder{
	"auth0": auth0.DecodeError, "versori": versori.DecodeError, "vectorize": vectorize.DecodeError, "tiledb": tiledb.DecodeError,
}

// FuzzErrorDecoders: no vendor error body, however malformed, panics a decoder.
func FuzzErrorDecoders(f *testing.F) {
	for _, seed := range []string{
		`{"statusCode":404,"error":"Not Found","message":"m","errorCode":"c"}`,
		`{"code":"invalid","message":"m","fields":[{"field":"f","message":"x"}],"cause":"c"}`,
		`{"code":409,"message":"m","fields":null}`,
		`{"error":"e","details":"d"}`, `{"error":"e","details":{"a":[1,2]}}`,
		`{"code":4001,"message":"m","request_id":"r"}`, `{"code":{"x":1},"message":"m"}`,
		`<html>502</html>`, ``, `null`, `[]`, `{"message":7}`, `{"fields":[null,{}]}`,
	} {
		f.Add(400, []byte(seed))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		for name, decode := range decoders {
			msg, _, fields := decode(status, body)
			for _, fe := range fields {
				_ = fe.Field + fe.Message
			}
			if len(msg) > 10*len(body)+100 {
				t.Fatalf("%s: message grew beyond the body: %d bytes from %d", name, len(msg), len(body))
			}
		}
	})
}

// FuzzRedactBody: a secret under a secret-looking key never survives redaction.
func FuzzRedactBody(f *testing.F) {
	f.Add("client_secret", "s3cr3t-value", "name")
	f.Add("access_token", "tok-123456", "nested")
	f.Add("secret-key", "AKIAxxxxxxxx", "bucket-name")
	f.Fuzz(func(t *testing.T, key, secret, other string) {
		if !client.IsSecretKey(key) || len(secret) < 6 || strings.ContainsAny(secret, `"\`) || !isPrintable(secret) {
			t.Skip()
		}
		body := `{"` + jsonEscape(other) + `":{"` + jsonEscape(key) + `":"` + secret + `"},"list":[{"` + jsonEscape(key) + `":"` + secret + `"}]}`
		out := client.RedactBody([]byte(body))
		if strings.Contains(out, `"`+secret+`"`) {
			t.Fatalf("secret %q left in %s", secret, out)
		}
	})
}

func isPrintable(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r > 0x7e {
			return false
		}
	}
	return true
}

func jsonEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
}

// FuzzServerWait: any Retry-After or reset header gives a non-negative wait.
func FuzzServerWait(f *testing.F) {
	for _, s := range []string{"3", "0.5", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "1700000004", "NaN", "1e308", ""} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, retryAfter, reset string) {
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("X-Ratelimit-Reset", reset)
		if d, _ := client.ServerWait(h, time.Unix(1_700_000_000, 0)); d < 0 {
			t.Fatalf("negative wait %v for %q / %q", d, retryAfter, reset)
		}
	})
}
