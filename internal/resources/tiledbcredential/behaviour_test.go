package tiledbcredential_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// expectField checks a public field of the stored credential, by JSON path.
func expectField(sb *acctest.Sandbox, key string, want any, path ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		raw, ok := sb.Objects("tiledb")[key]
		if !ok {
			return fmt.Errorf("sandbox has no credential %s", key)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		for _, p := range path {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		if v != want {
			return fmt.Errorf("%s %v: want %v, got %v", key, path, want, v)
		}
		return nil
	}
}

// TestAccTileDBCredential_drift: out-of-band edits show as in-place updates;
// a provider_default taken by another credential is drift, not an error (the
// sandbox moves defaults here, the alternative to refusing a second one); an
// out-of-band delete plans a create; a kind change replaces.
func TestAccTileDBCredential_drift(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band edits need the sandbox control API")
	sb := acctest.StartSandbox(t)
	sb.TileDB().SetProviderDefaultTransfers(true)
	ns := sb.Creds.TileDBNamespace
	keyA, keyC := ns+"/drift-a", ns+"/drift-c"
	cKind := `aws_access_key = {
    access_key_id     = "AKIADRIFT00000000003"
    secret_access_key = "c-secret"
  }`
	// a and c depend on b, so b is the first read of every refresh and its
	// GET the namespace's one (batch_reads; a and c come from the list):
	// the counts do not depend on the order Terraform walks them in.
	cfg := func(cKind string) string {
		return sb.Config(`
resource "conduit_tiledb_credential" "a" {
  depends_on       = [conduit_tiledb_credential.b]
  name             = "drift-a"
  provider_default = true
  aws_access_key = {
    access_key_id     = "AKIADRIFT00000000001"
    secret_access_key = "a-secret"
    endpoint          = "https://s3.example.com"
  }
}
resource "conduit_tiledb_credential" "b" {
  name             = "drift-b"
  provider_default = true
  gcp_hmac_key = {
    access_key_id     = "GOOG1DRIFT0000000002"
    secret_access_key = "b-secret"
  }
}
resource "conduit_tiledb_credential" "c" {
  depends_on = [conduit_tiledb_credential.b]
  name       = "drift-c"
  ` + cKind + `
}
`)
	}
	const a, b, c = "conduit_tiledb_credential.a", "conduit_tiledb_credential.b", "conduit_tiledb_credential.c"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(cKind)},
			{
				// Another AWS credential becomes the default (clearing a's) and
				// a's endpoint is edited: one update of a, nothing for b and c.
				// The refresh of the three is one GET and one list of the
				// namespace (batch_reads); the update reads a back.
				PreConfig: func() {
					other := tiledb.AccessCredential{Name: "other", ProviderDefault: new(bool),
						Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: "AKIAOTHER0000000001", SecretAccessKey: "x"}}}
					*other.ProviderDefault = true
					if err := sb.TileDBAPI(t).Create(context.Background(), ns, other); err != nil {
						t.Fatal(err)
					}
					if err := sb.Emulator("tiledb").Edit(keyA, json.RawMessage(`{"credential":{"aws":{"endpoint":"https://elsewhere.example.com"}}}`)); err != nil {
						t.Fatal(err)
					}
					sb.ResetCounts()
				},
				Config: cfg(cKind),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(a, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(b, plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction(c, plancheck.ResourceActionNoop),
						plancheck.ExpectKnownValue(a, tfjsonpath.New("provider_default"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(a, tfjsonpath.New("aws_access_key").AtMapKey("endpoint"), str("https://s3.example.com")),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1 + 1, routeList: 1, routePatch: 1}),
					expectField(sb, keyA, true, "provider_default"),
					expectField(sb, ns+"/other", false, "provider_default"),
					expectField(sb, keyA, "https://s3.example.com", "credential", "aws", "endpoint"),
					expectSecret(sb, keyA, "secret_access_key", "a-secret"),
				),
			},
			{
				// Deleted outside Terraform: missing from the list, confirmed by its
				// GET (404), removed from state and created again (then read back).
				PreConfig: func() {
					if err := sb.Emulator("tiledb").Delete(keyA); err != nil {
						t.Fatal(err)
					}
					sb.ResetCounts()
				},
				Config: cfg(cKind),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(a, plancheck.ResourceActionCreate)},
				},
				Check: sb.ExpectRequests(map[string]int{routeGet: 1 + 1 + 1, routeList: 1, routeAdd: 1}),
			},
			{
				// Another kind of the same name: the API cannot change it in place.
				PreConfig: sb.Reset,
				Config: cfg(`aws_role = {
    role_arn    = "arn:aws:iam::123456789012:role/drift"
    external_id = "c-ext"
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(c, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1 + 1, routeList: 1, routeDel: 1, routeAdd: 1}),
					expectField(sb, keyC, "arn:aws:iam::123456789012:role/drift", "role", "aws", "role_arn"),
				),
			},
			{
				// A bare name imports from the provider's namespace.
				ResourceName:            c,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateId:           "drift-c",
				ImportStateVerifyIgnore: []string{"aws_role.external_id"},
			},
		},
	})
}

func TestAccTileDBCredential_invalidInput(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveTileDB)
	sb := acctest.StartSandbox(t)
	aws := `aws_access_key = {
    access_key_id     = "AKIA1"
    secret_access_key = "s"
  }`
	gcp := `gcp_hmac_key = {
    access_key_id     = "GOOG1"
    secret_access_key = "s"
  }`
	segment := `must not be empty and must not contain "/" or control characters: it is one segment of the API path /v2/credentials/{namespace}/{name}`
	cases := []struct {
		name, name2, attrs string
		want               *regexp.Regexp
	}{
		{"no kind", "x", "", acctest.ErrorMatching("Missing credential kind",
			"Set exactly one of aws_access_key, aws_role, azure_account_key, azure_sas_token, gcp_hmac_key or gcp_service_account_key",
			"a TileDB credential holds exactly one kind")},
		// Only the kinds set are named.
		{"two kinds", "x", aws + "\n" + gcp, acctest.ErrorMatching("More than one credential kind",
			"aws_access_key and gcp_hmac_key are set, but a TileDB credential holds exactly one kind")},
		{"secret and its write-only twin", "x", `aws_access_key = {
    access_key_id        = "AKIA1"
    secret_access_key    = "s"
    secret_access_key_wo = "s"
  }`, acctest.ErrorMatching("Secret set twice", "Set only one of aws_access_key.secret_access_key (stored in state, sensitive) and aws_access_key.secret_access_key_wo (write-only, never stored)")},
		// The case of configuration generated by terraform query: the
		// message says what to fill in and points to the docs note.
		{"no secret", "x", `azure_sas_token = { account_name = "a" }`,
			acctest.ErrorMatching("Missing SAS token", "azure_sas_token needs its SAS token: set azure_sas_token.sas_token_wo",
				"or azure_sas_token.sas_token", "never returns it",
				"Configuration written by terraform query -generate-config-out has no secrets: set azure_sas_token.sas_token_wo",
				"leave secret_wo_version unset", `See "Adopting with terraform query" in the conduit_tiledb_credential documentation`)},
		{"no key file", "x", `gcp_service_account_key = {}`,
			acctest.ErrorMatching("Missing key file", "gcp_service_account_key needs its key file", "gcp_service_account_key.key_text_wo")},
		{"empty secret", "x", `gcp_hmac_key = {
    access_key_id        = "GOOG1"
    secret_access_key_wo = ""
  }`, acctest.ErrorMatching("gcp_hmac_key.secret_access_key_wo must not be empty: the API requires the HMAC secret")},
		{"missing public field", "x", `aws_role = { external_id = "e" }`, acctest.ErrorMatching(`attribute "role_arn" is required`)},
		{"role arn", "x", `aws_role = {
    role_arn    = "my-role"
    external_id = "e"
  }`, acctest.ErrorMatching(`aws_role.role_arn must be the ARN of an IAM role, starting with "arn:", e.g. arn:aws:iam::123456789012:role/tiledb-access (got "my-role")`)},
		{"empty public field", "x", `azure_account_key = {
    account_name = ""
    account_key  = "k"
  }`, acctest.ErrorMatching("azure_account_key.account_name must not be empty: it is the Azure storage account name, which the API requires")},
		{"name with slash", "a/b", aws, acctest.ErrorMatching("Invalid name", "name "+segment+` (got "a/b")`)},
		{"empty name", "", aws, acctest.ErrorMatching("Invalid name", "name "+segment+` (got "")`)},
		{"namespace with slash", "x", `namespace = "acme/dev"
` + aws, acctest.ErrorMatching("Invalid namespace", "namespace "+segment+` (got "acme/dev")`)},
		{"empty endpoint", "x", `aws_access_key = {
    access_key_id     = "AKIA1"
    secret_access_key = "s"
    endpoint          = ""
  }`, acctest.ErrorMatching("aws_access_key.endpoint must not be empty: leave endpoint out to use AWS's own")},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      sb.Config(config(c.name2, c.attrs)),
			PlanOnly:    true,
			ExpectError: c.want,
		})
	}
	for _, ds := range []struct{ attrs, want string }{
		{`cloud_provider = "aws"`, `cloud_provider must be AWS, AZURE or GCP, in capitals as the API names cloud providers (got "aws")`},
		{`type = "keys"`, `type must be key (access keys), arn (AWS roles), token (Azure SAS tokens and GCP service account keys) or azure_token, the API's alias for token (got "keys")`},
		{`namespace = ""`, "namespace " + segment + ` (got "")`},
	} {
		steps = append(steps, resource.TestStep{
			Config:      sb.Config("data \"conduit_tiledb_credentials\" \"x\" {\n  " + ds.attrs + "\n}\n"),
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching(ds.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps:                    steps,
	})
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("invalid input reached the API: %v", sb.Counts())
	}
}

func TestAccTileDBCredential_unconfigured(t *testing.T) {
	acctest.RequireSandbox(t, "needs a provider without TileDB settings")
	for _, e := range []string{"TILEDB_REST_HOST", "TILEDB_REST_TOKEN", "TILEDB_REST_USERNAME", "TILEDB_REST_PASSWORD", "TILEDB_NAMESPACE"} {
		t.Setenv(e, "")
	}
	sb := acctest.StartSandbox(t)
	aws := `aws_access_key = {
    access_key_id     = "AKIA1"
    secret_access_key = "s"
  }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      "provider \"conduit\" {}\n" + config("x", aws),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching("The tiledb service is not configured", `provider's "tiledb" block`, "TILEDB_REST_TOKEN"),
			},
			{
				Config:      "provider \"conduit\" {}\n" + `data "conduit_tiledb_credentials" "x" {}`,
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching("The tiledb service is not configured"),
			},
			{
				// Configured, but with no namespace anywhere.
				Config: fmt.Sprintf("provider \"conduit\" {\n  tiledb {\n    endpoint = %q\n    api_key = %q\n  }\n}\n", sb.URL, sb.Creds.TileDBKey) +
					config("x", aws),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching("Missing namespace", "Set namespace on the resource", "tiledb.namespace", "TILEDB_NAMESPACE"),
			},
		},
	})
	if len(sb.Counts()) != 0 {
		t.Fatalf("requests were sent: %v", sb.Counts())
	}
}

func TestAccTileDBCredential_apiErrors(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	ns := sb.Creds.TileDBNamespace
	taken := tiledb.AccessCredential{Name: "taken", Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: "AKIATAKEN0000000001", SecretAccessKey: "x"}}}
	if err := sb.TileDBAPI(t).Create(context.Background(), ns, taken); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sb.Config(config("taken", `gcp_hmac_key = {
    access_key_id     = "GOOG1"
    secret_access_key = "s"
  }`)),
				ExpectError: acctest.ErrorMatching("TileDB credential conduit-sandbox/taken already exists", "POST /v2/credentials/conduit-sandbox: 409 Conflict",
					`a credential named "taken" already exists`, "request_id", "terraform import <address> conduit-sandbox/taken"),
			},
			{
				Config: sb.Config(config("same-key", `aws_access_key = {
    access_key_id     = "AKIATAKEN0000000001"
    secret_access_key = "s"
  }`)),
				ExpectError: acctest.ErrorMatching("TileDB credential conduit-sandbox/taken already holds this key", "409 Conflict",
					`key id "AKIATAKEN0000000001" is already used by credential "taken"`, `set name = "taken"`, "terraform import <address> conduit-sandbox/taken"),
			},
			{
				Config: sb.Config(config("x", `namespace = "nowhere"
  azure_sas_token = {
    account_name = "a"
    sas_token    = "t"
  }`)),
				ExpectError: acctest.ErrorMatching("POST /v2/credentials/nowhere: 404 Not Found: namespace nowhere not found"),
			},
		},
	})
	if err := sb.ExpectObjects("tiledb", ns+"/taken")(nil); err != nil {
		t.Fatal(err)
	}
}

// TestAccTileDBCredential_lostResponses: the change is applied but the answer
// is dropped. Create looks the name up and adopts it (no 409, no duplicate),
// update sends the same PATCH again, delete confirms the credential is gone.
func TestAccTileDBCredential_lostResponses(t *testing.T) {
	acctest.RequireSandbox(t, "fault injection needs the sandbox")
	sb := acctest.StartSandbox(t)
	key := sb.Creds.TileDBNamespace + "/lost"
	kind := func(secret string) string {
		return `azure_account_key = {
    account_name = "lost"
    account_key  = "` + secret + `"
  }`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return sb.ExpectObjects("tiledb")(nil)
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDropAfterApply, Method: "POST", Count: 1})
				},
				Config: sb.Config(config("lost", kind("k1"))),
				Check: resource.ComposeTestCheckFunc(
					// POST (lost), then the lookup GET, whose answer is the read-back.
					sb.ExpectRequests(map[string]int{routeAdd: 1, routeGet: 1}),
					sb.ExpectObjects("tiledb", key),
				),
			},
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDropAfterApply, Method: "PATCH", Count: 1})
				},
				Config: sb.Config(config("lost", kind("k2"))),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 2}),
					expectSecret(sb, key, "account_key", "k2"),
				),
			},
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDropAfterApply, Method: "DELETE", Count: 1})
				},
				Config: sb.Config(""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routeDel: 1}),
					sb.ExpectObjects("tiledb"),
				),
			},
		},
	})
}

// TestAccTileDBCredentials_dataSource lists across pages (the sandbox serves
// two per page) with the cloud_provider and type filters.
func TestAccTileDBCredentials_dataSource(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	sb.TileDB().SetMaxPerPage(2)
	cfg := sb.Config(`
resource "conduit_tiledb_credential" "key" {
  name = "ds-key"
  aws_access_key = {
    access_key_id     = "AKIADS0000000000001"
    secret_access_key = "s"
    endpoint          = "https://s3.example.com"
  }
}
resource "conduit_tiledb_credential" "role" {
  name = "ds-role"
  aws_role = {
    role_arn    = "arn:aws:iam::123456789012:role/ds"
    external_id = "e"
  }
}
resource "conduit_tiledb_credential" "sas" {
  name             = "ds-sas"
  provider_default = true
  azure_sas_token = {
    account_name = "dsacct"
    sas_token    = "t"
  }
}
resource "conduit_tiledb_credential" "sa" {
  name = "ds-sa"
  gcp_service_account_key = {
    key_text = ` + serviceAccountKey("ds1") + `
  }
}
data "conduit_tiledb_credentials" "all" {
  depends_on = [conduit_tiledb_credential.key, conduit_tiledb_credential.role, conduit_tiledb_credential.sas, conduit_tiledb_credential.sa]
}
data "conduit_tiledb_credentials" "aws" {
  cloud_provider = "AWS"
  depends_on     = [conduit_tiledb_credential.key, conduit_tiledb_credential.role, conduit_tiledb_credential.sas, conduit_tiledb_credential.sa]
}
data "conduit_tiledb_credentials" "arn" {
  namespace  = conduit_tiledb_credential.role.namespace
  type       = "arn"
  depends_on = [conduit_tiledb_credential.key, conduit_tiledb_credential.role, conduit_tiledb_credential.sas, conduit_tiledb_credential.sa]
}
data "conduit_tiledb_credentials" "token" {
  type       = "token"
  depends_on = [conduit_tiledb_credential.key, conduit_tiledb_credential.role, conduit_tiledb_credential.sas, conduit_tiledb_credential.sa]
}
data "conduit_tiledb_credentials" "azure_token" {
  type       = "azure_token"
  depends_on = [conduit_tiledb_credential.key, conduit_tiledb_credential.role, conduit_tiledb_credential.sas, conduit_tiledb_credential.sa]
}
data "conduit_tiledb_credentials" "sas_only" {
  type           = "token"
  cloud_provider = "AZURE"
  depends_on     = [conduit_tiledb_credential.key, conduit_tiledb_credential.role, conduit_tiledb_credential.sas, conduit_tiledb_credential.sa]
}
`)
	const all, aws, arn = "data.conduit_tiledb_credentials.all", "data.conduit_tiledb_credentials.aws", "data.conduit_tiledb_credentials.arn"
	// azure_token is the API's alias for token: both list every token kind.
	tokens := knownvalue.ListExact([]knownvalue.Check{
		knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": str("ds-sa"), "kind": str("gcp_service_account_key")}),
		knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": str("ds-sas"), "kind": str("azure_sas_token")}),
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("namespace"), str(sb.Creds.TileDBNamespace)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("credentials"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": str("ds-key"), "kind": str("aws_access_key"), "cloud_provider": str("AWS"),
						"aws_access_key": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"access_key_id": str("AKIADS0000000000001"), "endpoint": str("https://s3.example.com"), "kms_id": knownvalue.Null(),
						}),
						"aws_role": knownvalue.Null(),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": str("ds-role"), "kind": str("aws_role")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": str("ds-sa"), "kind": str("gcp_service_account_key")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": str("ds-sas"), "kind": str("azure_sas_token"), "cloud_provider": str("AZURE"), "provider_default": knownvalue.Bool(true),
						"azure_sas_token": knownvalue.ObjectExact(map[string]knownvalue.Check{"account_name": str("dsacct")}),
						"id":              str(sb.Creds.TileDBNamespace + "/ds-sas"),
					}),
				})),
				statecheck.ExpectKnownValue(aws, tfjsonpath.New("credentials"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.conduit_tiledb_credentials.token", tfjsonpath.New("credentials"), tokens),
				statecheck.ExpectKnownValue("data.conduit_tiledb_credentials.azure_token", tfjsonpath.New("credentials"), tokens),
				statecheck.ExpectKnownValue("data.conduit_tiledb_credentials.sas_only", tfjsonpath.New("credentials"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": str("ds-sas")}),
				})),
				statecheck.ExpectKnownValue(arn, tfjsonpath.New("credentials"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":     str("ds-role"),
						"aws_role": knownvalue.ObjectPartial(map[string]knownvalue.Check{"role_arn": str("arn:aws:iam::123456789012:role/ds")}),
					}),
				})),
			},
		}},
	})
}

// TestAccTileDBCredential_competingDefaultsMoved: two AWS credentials both
// asking to be the default, on an API that moves the default rather than
// refusing a second one (the other reading of "at most one default", see
// conflicts_test.go for refusals). The API keeps one, and the other shows as
// drift on the next plan rather than failing the apply.
func TestAccTileDBCredential_competingDefaultsMoved(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	sb.TileDB().SetProviderDefaultTransfers(true)
	ns := sb.Creds.TileDBNamespace
	cfg := sb.Config(`
resource "conduit_tiledb_credential" "first" {
  name             = "first"
  provider_default = true
  aws_access_key = {
    access_key_id     = "AKIAFIRST0000000001"
    secret_access_key = "s1"
  }
}
resource "conduit_tiledb_credential" "second" {
  name             = "second"
  provider_default = true
  aws_access_key = {
    access_key_id     = "AKIASECOND000000001"
    secret_access_key = "s2"
  }
  depends_on = [conduit_tiledb_credential.first]
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeTestCheckFunc(
					expectField(sb, ns+"/first", false, "provider_default"),
					expectField(sb, ns+"/second", true, "provider_default"),
				),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("conduit_tiledb_credential.first", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("conduit_tiledb_credential.second", plancheck.ResourceActionNoop),
					},
				},
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeTestCheckFunc(
					expectField(sb, ns+"/first", true, "provider_default"),
					expectField(sb, ns+"/second", false, "provider_default"),
				),
			},
		},
	})
}
