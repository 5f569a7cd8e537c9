package tiledbcredential_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

func awsCred(name, keyID string, isDefault bool) tiledb.AccessCredential {
	return tiledb.AccessCredential{Name: name, ProviderDefault: &isDefault,
		Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: keyID, SecretAccessKey: "s"}}}
}

func awsConfig(name, keyID string, isDefault bool) string {
	return config(name, fmt.Sprintf(`  provider_default = %t
  aws_access_key = {
    access_key_id     = %q
    secret_access_key = "s"
  }`, isDefault, keyID))
}

// TestAccTileDBCredential_uniqueness: a create or update that breaks one of
// the namespace's uniqueness rules (the name, the access key id, one default
// per cloud provider) fails on the attribute at fault, naming the credential
// in the way and how to adopt it, with the API's own error. The spec gives
// conflicts no status, so 400 and 422 (injected) read as 409 does. No rule
// can be checked at plan time: each depends on the namespace's contents.
func TestAccTileDBCredential_uniqueness(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures and fault injection")
	taken := func(status int) []string {
		return []string{`TileDB credential conduit-sandbox/taken already exists`, `name = "taken"`,
			`name: a credential named "taken" already exists in namespace conduit-sandbox`,
			fmt.Sprintf(`POST /v2/credentials/conduit-sandbox: %d `, status),
			`terraform import <address> conduit-sandbox/taken`, `id = "conduit-sandbox/taken"`}
	}
	held := func(status int) []string {
		return []string{`TileDB credential conduit-sandbox/holder already holds this key`, `aws_access_key = {`,
			`aws_access_key.access_key_id: the AWS access key AKIAHELD0000000001 is already stored as credential "holder"`,
			fmt.Sprintf(`POST /v2/credentials/conduit-sandbox: %d `, status),
			`set name = "holder"`, `terraform import <address> conduit-sandbox/holder`}
	}
	defaultTaken := []string{`Another AWS credential is already the default`, `provider_default = true`,
		`provider_default: credential "holder" is already the default AWS credential of namespace conduit-sandbox`,
		`409 Conflict`, `Set provider_default = false here, or clear it on "holder" first`}
	cases := []struct {
		name     string
		existing tiledb.AccessCredential
		status   int // injected instead of the sandbox's own 409
		config   string
		want     []string
		requests map[string]int
	}{
		{"name 409", awsCred("taken", "AKIATAKEN000000001", false), 0, awsConfig("taken", "AKIAMINE0000000001", false), taken(409),
			map[string]int{routeAdd: 1, routeGet: 1}},
		{"name 422", awsCred("taken", "AKIATAKEN000000001", false), 422, awsConfig("taken", "AKIAMINE0000000001", false), taken(422),
			map[string]int{routeAdd: 1, routeGet: 1}},
		{"name 400", awsCred("taken", "AKIATAKEN000000001", false), 400, awsConfig("taken", "AKIAMINE0000000001", false), taken(400),
			map[string]int{routeAdd: 1, routeGet: 1}},
		{"key 409", awsCred("holder", "AKIAHELD0000000001", false), 0, awsConfig("mine", "AKIAHELD0000000001", false), held(409),
			map[string]int{routeAdd: 1, routeGet: 1, routeList: 1}},
		{"key 422", awsCred("holder", "AKIAHELD0000000001", false), 422, awsConfig("mine", "AKIAHELD0000000001", false), held(422),
			map[string]int{routeAdd: 1, routeGet: 1, routeList: 1}},
		{"default 409", awsCred("holder", "AKIAHELD0000000001", true), 0, awsConfig("mine", "AKIAMINE0000000001", true), defaultTaken,
			map[string]int{routeAdd: 1, routeGet: 1, routeList: 1}},
		// Nothing in the namespace explains the refusal: the API's error as it came.
		{"unexplained 400", awsCred("holder", "AKIAHELD0000000001", false), 400, awsConfig("mine", "AKIAMINE0000000001", true),
			[]string{`Unable to create TileDB credential conduit-sandbox/mine`, `POST /v2/credentials/conduit-sandbox: 400 Bad Request: Bad Request`},
			map[string]int{routeAdd: 1, routeGet: 1, routeList: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sb := acctest.StartSandbox(t)
			ns := sb.Creds.TileDBNamespace
			if err := sb.TileDBAPI(t).Create(context.Background(), ns, c.existing); err != nil {
				t.Fatal(err)
			}
			sb.ResetCounts()
			if c.status != 0 {
				sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Vendor: "tiledb", Method: "POST", Status: c.status, Count: 1})
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      sb.Config(c.config),
					ExpectError: acctest.ErrorMatching(c.want...),
				}},
			})
			if err := sb.ExpectRequests(c.requests)(nil); err != nil {
				t.Error(err)
			}
			if err := sb.ExpectObjects("tiledb", ns+"/"+c.existing.Name)(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestAccTileDBCredential_defaultTakenOnUpdate: making a credential the
// default while another holds it fails on provider_default after the PATCH
// (409), changing nothing; clearing the other one first lets it through.
func TestAccTileDBCredential_defaultTakenOnUpdate(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	ns := sb.Creds.TileDBNamespace
	api := sb.TileDBAPI(t)
	if err := api.Create(context.Background(), ns, awsCred("holder", "AKIAHELD0000000001", true)); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sb.Config(awsConfig("mine", "AKIAMINE0000000001", false)),
				Check:  expectField(sb, ns+"/mine", false, "provider_default"),
			},
			{
				PreConfig: sb.Reset,
				Config:    sb.Config(awsConfig("mine", "AKIAMINE0000000001", true)),
				ExpectError: acctest.ErrorMatching("Another AWS credential is already the default", `provider_default = true`,
					`provider_default: credential "holder" is already the default AWS credential`, `PATCH /v2/credentials/conduit-sandbox/mine: 409 Conflict`),
			},
			{
				// The failed step: its refresh GET, the PATCH and the list that explained it.
				PreConfig: func() {
					if err := sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1, routeList: 1})(nil); err != nil {
						t.Fatal(err)
					}
					f := false
					if err := api.Update(context.Background(), ns, "holder", tiledb.AccessCredential{ProviderDefault: &f}); err != nil {
						t.Fatal(err)
					}
					sb.ResetCounts()
				},
				Config: sb.Config(awsConfig("mine", "AKIAMINE0000000001", true)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 1}),
					expectField(sb, ns+"/mine", true, "provider_default"),
					expectField(sb, ns+"/holder", false, "provider_default"),
				),
			},
		},
	})
}

// TestAccTileDBCredential_endpointForms: TILEDB_REST_HOST and endpoint are
// the bare host, but a URL copied with the API's /v2 base path, or with a
// trailing slash, reaches the same /v2/credentials/… routes (never /v2/v2).
func TestAccTileDBCredential_endpointForms(t *testing.T) {
	acctest.RequireSandbox(t, "points the provider at the sandbox")
	sb := acctest.StartSandbox(t)
	t.Setenv("TILEDB_REST_HOST", sb.URL+"/v2")
	t.Setenv("TILEDB_REST_TOKEN", sb.Creds.TileDBKey)
	t.Setenv("TILEDB_NAMESPACE", sb.Creds.TileDBNamespace)
	block := func(endpoint string) string {
		if endpoint == "" {
			return "provider \"conduit\" {\n  tiledb {}\n}\n"
		}
		return fmt.Sprintf("provider \"conduit\" {\n  tiledb {\n    endpoint = %q\n  }\n}\n", endpoint)
	}
	body := awsConfig("endpoint", "AKIAENDPOINT000001", false)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    block(sb.URL+"/v2/") + body,
				Check:     sb.ExpectRequests(map[string]int{routeAdd: 1, routeGet: 1}),
			},
			{
				// From the environment, with /v2: the refresh finds it, nothing to do.
				PreConfig: sb.Reset,
				Config:    block("") + body,
				Check:     sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				PreConfig: sb.Reset,
				Config:    block(sb.URL+"/") + strings.Replace(body, `provider_default = false`, `provider_default = true`, 1),
				Check:     sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 1}),
			},
		},
	})
}

// TestAccTileDBCredential_opaqueKeyFile: the API treats key_text as opaque,
// only attempting to read the account and key ids from it (spec
// GCPServiceAccountKey), so a key it cannot read is stored with neither:
// they stay null, with no inconsistent result and no diff afterwards.
func TestAccTileDBCredential_opaqueKeyFile(t *testing.T) {
	acctest.RequireSandbox(t, "the live API may reject the made-up key")
	sb := acctest.StartSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: sb.Reset,
			Config:    sb.Config(config("opaque", `gcp_service_account_key = { key_text = "a key file in another format" }`)),
			Check: resource.ComposeTestCheckFunc(
				sb.ExpectRequests(map[string]int{routeAdd: 1, routeGet: 1}),
				resource.TestCheckNoResourceAttr(addr, "gcp_service_account_key.account_id"),
				resource.TestCheckNoResourceAttr(addr, "gcp_service_account_key.key_id"),
				expectSecret(sb, sb.Creds.TileDBNamespace+"/opaque", "key_text", "a key file in another format"),
			),
		}},
	})
}
