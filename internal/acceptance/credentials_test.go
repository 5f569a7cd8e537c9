package acceptance_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// wrongCredentials is one way of misconfiguring all four services: the
// provider block's changes, the environment, and what each service's
// diagnostic must say (the settings that supplied the refused credential
// and the ways to correct it).
type wrongCredentials struct {
	// set and unset edit the sandbox's provider blocks (block, attribute).
	set   map[string]map[string]string
	unset map[string][]string
	env   map[string]string
	// want are phrases each diagnostic of a vendor must hold.
	want map[string][]string
	// secrets must appear in no diagnostic and no log line.
	secrets []string
}

// wrongCredentialNames name the cases of wrongCredentialCases.
var wrongCredentialNames = []string{"tokens from attributes and variables", "client credentials, and an attribute over a good variable"}

func wrongCredentialCases(sb *acctest.Sandbox) []wrongCredentials {
	c := sb.Creds
	return []wrongCredentials{{
		set:   map[string]map[string]string{"versori": {"api_key": "wrong-versori-key-5b1e"}, "tiledb": {"username": c.TileDBUser}},
		unset: map[string][]string{"auth0": {"api_token"}, "vectorize": {"api_key"}, "tiledb": {"api_key"}},
		env: map[string]string{
			"AUTH0_API_TOKEN":      "wrong-auth0-token-9c2d",
			"VECTORIZE_TOKEN":      "wrong-vectorize-key-41aa", // the second variable of vectorize.api_key
			"TILEDB_REST_PASSWORD": "wrong-tiledb-password-77e0",
		},
		want: map[string][]string{
			"auth0": {"POST /api/v2/organizations/", ": 401 Unauthorized: Invalid token",
				"Auth0 (" + sb.URL + "/api/v2) refused the credential from AUTH0_API_TOKEN. Correct it in auth0.api_token or AUTH0_API_TOKEN (the first one set is used), or authenticate with auth0.client_id and auth0.client_secret (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET) instead."},
			"versori": {": 401 Unauthorized:",
				"Versori (" + sb.URL + "/api/connect/v1alpha1) refused the credential from versori.api_key. Correct it in versori.api_key or VERSORI_API_KEY (the first one set is used)."},
			"vectorize": {": 401 Unauthorized:",
				"Vectorize (" + sb.URL + "/vectorize/v1) refused the credential from VECTORIZE_TOKEN. Correct it in vectorize.api_key or VECTORIZE_API_KEY or VECTORIZE_TOKEN (the first one set is used)."},
			"tiledb": {": 401 Unauthorized:",
				"TileDB (" + sb.URL + ") refused the credential from tiledb.username and TILEDB_REST_PASSWORD. Correct it in tiledb.username or TILEDB_REST_USERNAME, and tiledb.password or TILEDB_REST_PASSWORD (of each, the first one set is used), or authenticate with tiledb.api_key (TILEDB_REST_TOKEN) instead."},
		},
		secrets: []string{"wrong-versori-key-5b1e", "wrong-auth0-token-9c2d", "wrong-vectorize-key-41aa", "wrong-tiledb-password-77e0"},
	}, {
		set: map[string]map[string]string{
			"auth0":     {"client_id": c.Auth0ClientID, "client_secret": "wrong-auth0-secret-0d4f"},
			"vectorize": {"api_key": "wrong-vectorize-key-c3b9"},
		},
		unset: map[string][]string{"auth0": {"api_token"}, "versori": {"api_key"}, "tiledb": {"api_key"}},
		env: map[string]string{
			"VERSORI_API_KEY":   "wrong-versori-key-e812",
			"TILEDB_REST_TOKEN": "wrong-tiledb-token-3a90",
			// Right, but the attribute wins: the diagnostic must name the attribute.
			"VECTORIZE_API_KEY": c.VectorizeKey,
		},
		want: map[string][]string{
			"auth0": {"POST /oauth/token: 401 Unauthorized: Unauthorized (access_denied)",
				"Auth0 (" + sb.URL + ") refused the credential from auth0.client_id and auth0.client_secret. Correct it in auth0.client_id or AUTH0_CLIENT_ID, and auth0.client_secret or AUTH0_CLIENT_SECRET (of each, the first one set is used), or authenticate with auth0.api_token (AUTH0_API_TOKEN) instead."},
			"versori":   {"refused the credential from VERSORI_API_KEY. Correct it in versori.api_key or VERSORI_API_KEY"},
			"vectorize": {"refused the credential from vectorize.api_key. Correct it in vectorize.api_key or VECTORIZE_API_KEY or VECTORIZE_TOKEN"},
			"tiledb": {"refused the credential from TILEDB_REST_TOKEN. Correct it in tiledb.api_key or TILEDB_REST_TOKEN (the first one set is used), " +
				"or authenticate with tiledb.username and tiledb.password (TILEDB_REST_USERNAME, TILEDB_REST_PASSWORD) instead."},
		},
		secrets: []string{"wrong-auth0-secret-0d4f", "wrong-vectorize-key-c3b9", "wrong-versori-key-e812", "wrong-tiledb-token-3a90"},
	}}
}

// TestAccWrongCredentials: with a wrong credential for each of the four
// services, `terraform apply` of three resources of each (twelve operations,
// ten at a time) fails every resource with one diagnostic that names the
// setting to fix, shows the vendor's answer and never a secret; each service
// receives exactly one request (the refusal is neither retried nor sent
// again by the other operations), and nothing is created.
func TestAccWrongCredentials(t *testing.T) {
	preCheck(t)
	for i, name := range wrongCredentialNames {
		t.Run(name, func(t *testing.T) {
			sb := acctest.StartSandbox(t)
			tc := wrongCredentialCases(sb)[i]
			ws := newWorkspace(t, tc.env)
			logPath := filepath.Join(t.TempDir(), "trace.log")
			if err := ws.tf.SetLog("TRACE"); err != nil {
				t.Fatal(err)
			}
			if err := ws.tf.SetLogPath(logPath); err != nil {
				t.Fatal(err)
			}
			var body strings.Builder
			for _, k := range kinds {
				for i := range 3 {
					body.WriteString(k.hcl(i, 1))
				}
			}
			ws.write(editedProvider(sb, tc.set, tc.unset) + body.String())
			before := map[string]map[string]json.RawMessage{}
			for _, v := range sb.Vendors() {
				before[v] = sb.Objects(v)
			}

			r := ws.apply()
			if r.err == nil {
				t.Fatal("apply with wrong credentials succeeded")
			}

			// One request per service, and not one more.
			perVendor := map[string]int{}
			for route, n := range sb.Counts() {
				perVendor[sb.VendorOf(route)] += n
			}
			if want := map[string]int{"auth0": 1, "versori": 1, "vectorize": 1, "tiledb": 1}; !maps.Equal(perVendor, want) {
				t.Errorf("requests per service: %v, want %v (all: %v)", perVendor, want, sb.Counts())
			}
			// Nothing created, nothing in state.
			for _, v := range sb.Vendors() {
				if !maps.EqualFunc(before[v], sb.Objects(v), func(a, b json.RawMessage) bool { return string(a) == string(b) }) {
					t.Errorf("%s objects changed", v)
				}
			}
			if n := len(resources(ws.state())); n != 0 {
				t.Errorf("state holds %d resources, want none", n)
			}

			// One error per resource, the same for all resources of a service.
			byAddress := map[string][]diagnostic{}
			for _, d := range r.diags {
				if d.Severity == "error" {
					byAddress[d.Address] = append(byAddress[d.Address], d)
				}
			}
			detail := map[string]string{}
			for _, k := range kinds {
				for i := range 3 {
					addr := fmt.Sprintf("%s.r%d", k.typ, i)
					ds := byAddress[addr]
					delete(byAddress, addr)
					if len(ds) != 1 {
						t.Errorf("%s: %d error diagnostics, want 1: %v", addr, len(ds), ds)
						continue
					}
					if prev, ok := detail[k.vendor]; ok && prev != ds[0].Detail {
						t.Errorf("%s: the diagnostic differs from the service's first:\n%s\n---\n%s", addr, ds[0].Detail, prev)
					}
					detail[k.vendor] = ds[0].Detail
					for _, want := range tc.want[k.vendor] {
						if !strings.Contains(ds[0].Detail, want) {
							t.Errorf("%s: the diagnostic lacks %q:\n%s", addr, want, ds[0].Detail)
						}
					}
					if !strings.Contains(ds[0].Detail, "requests of this run fail with this error without being sent") {
						t.Errorf("%s: the diagnostic does not say the service is stopped:\n%s", addr, ds[0].Detail)
					}
				}
			}
			if len(byAddress) > 0 {
				t.Errorf("other error diagnostics: %v", byAddress)
			}

			log, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(log), "request not sent: the credential was refused") {
				t.Error("the TRACE log does not show the requests held back")
			}
			var diags strings.Builder
			for _, d := range r.diags {
				diags.WriteString(d.String() + "\n")
			}
			absent(t, "the diagnostics", diags.String(), tc.secrets)
			absent(t, "the TRACE log", string(log), tc.secrets)
		})
	}
}

// editedProvider is the provider block pointing at the sandbox with the
// given attributes set and removed.
func editedProvider(sb *acctest.Sandbox, set map[string]map[string]string, unset map[string][]string) string {
	blocks := sb.Creds.Blocks(sb.URL)
	for block, attrs := range unset {
		for _, a := range attrs {
			delete(blocks[block], a)
		}
	}
	for block, attrs := range set {
		maps.Copy(blocks[block], attrs)
	}
	var b strings.Builder
	b.WriteString("provider \"conduit\" {\n  request_timeout = \"10s\"\n")
	for _, block := range slices.Sorted(maps.Keys(blocks)) {
		fmt.Fprintf(&b, "  %s {\n", block)
		for _, attr := range slices.Sorted(maps.Keys(blocks[block])) {
			fmt.Fprintf(&b, "    %s = %q\n", attr, blocks[block][attr])
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}
