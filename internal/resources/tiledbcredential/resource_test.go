package tiledbcredential_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbtiledb "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
)

const (
	addr       = "conduit_tiledb_credential.test"
	routeList  = "GET /v2/credentials/{namespace}"
	routeAdd   = "POST /v2/credentials/{namespace}"
	routeGet   = "GET /v2/credentials/{namespace}/{name}"
	routePatch = "PATCH /v2/credentials/{namespace}/{name}"
	routeDel   = "DELETE /v2/credentials/{namespace}/{name}"
)

func str(v string) knownvalue.Check { return knownvalue.StringExact(v) }

// namespace is the provider's default namespace: the sandbox's, or the live one.
func namespace(sb *acctest.Sandbox) string {
	if sb == nil {
		return acctest.Env("TILEDB_NAMESPACE")
	}
	return sb.Creds.TileDBNamespace
}

func config(name, attrs string) string {
	return fmt.Sprintf(`
resource "conduit_tiledb_credential" "test" {
  name = %q
%s
}
`, name, attrs)
}

// serviceAccountKey is a key file shaped like GCP's; TileDB reads client_email and private_key_id.
func serviceAccountKey(keyID string) string {
	return fmt.Sprintf(`jsonencode({
    type           = "service_account"
    project_id     = "conduit-acc"
    private_key_id = %q
    private_key    = "-----BEGIN PRIVATE KEY-----\nMIIacc%s\n-----END PRIVATE KEY-----\n"
    client_email   = "tiledb@conduit-acc.iam.gserviceaccount.com"
  })`, keyID, keyID)
}

// kindCase is one credential kind: its HCL before and after an update, the
// secret field, the secret values sent, and state checks after the update.
type kindCase struct {
	kind, secret           string
	create, update         string
	createdSecret, rotated string
	namespace              string // explicit namespace, or "" for the provider's
	checks                 map[string]knownvalue.Check
}

var kindCases = []kindCase{
	{
		kind: "aws_access_key", secret: "secret_access_key", createdSecret: "aws-secret-1", rotated: "aws-secret-2",
		create: `aws_access_key = {
    access_key_id     = "AKIAACC0000000000001"
    secret_access_key = "aws-secret-1"
  }`,
		update: `aws_access_key = {
    access_key_id     = "AKIAACC0000000000001"
    secret_access_key = "aws-secret-2"
    endpoint          = "https://s3.eu-west-1.amazonaws.com"
    kms_id            = "arn:aws:kms:eu-west-1:123456789012:key/tiledb"
  }`,
		checks: map[string]knownvalue.Check{
			"access_key_id": str("AKIAACC0000000000001"), "endpoint": str("https://s3.eu-west-1.amazonaws.com"),
			"kms_id": str("arn:aws:kms:eu-west-1:123456789012:key/tiledb"), "secret_access_key": str("aws-secret-2"), "secret_access_key_wo": knownvalue.Null(),
		},
	},
	{
		kind: "aws_role", secret: "external_id", createdSecret: "ext-1", rotated: "ext-2", namespace: sbtiledb.Namespace,
		create: `aws_role = {
    role_arn    = "arn:aws:iam::123456789012:role/tiledb-access"
    external_id = "ext-1"
    endpoint    = "https://s3.example.com"
  }`,
		update: `aws_role = {
    role_arn    = "arn:aws:iam::123456789012:role/tiledb-readonly"
    external_id = "ext-2"
  }`,
		checks: map[string]knownvalue.Check{
			"role_arn": str("arn:aws:iam::123456789012:role/tiledb-readonly"), "endpoint": knownvalue.Null(), "external_id": str("ext-2"),
		},
	},
	{
		kind: "azure_account_key", secret: "account_key", createdSecret: "azkey-1", rotated: "azkey-2",
		create: `azure_account_key = {
    account_name = "conduitacc"
    account_key  = "azkey-1"
  }`,
		update: `azure_account_key = {
    account_name = "conduitacc2"
    account_key  = "azkey-2"
  }`,
		checks: map[string]knownvalue.Check{"account_name": str("conduitacc2"), "account_key": str("azkey-2")},
	},
	{
		kind: "azure_sas_token", secret: "sas_token", createdSecret: "sv=2024-01-01&sig=one", rotated: "sv=2024-01-01&sig=two",
		create: `azure_sas_token = {
    account_name = "conduitacc"
    sas_token    = "sv=2024-01-01&sig=one"
  }`,
		update: `azure_sas_token = {
    account_name = "conduitacc"
    sas_token    = "sv=2024-01-01&sig=two"
  }`,
		checks: map[string]knownvalue.Check{"account_name": str("conduitacc"), "sas_token": str("sv=2024-01-01&sig=two")},
	},
	{
		kind: "gcp_hmac_key", secret: "secret_access_key", createdSecret: "hmac-1", rotated: "hmac-2",
		create: `gcp_hmac_key = {
    access_key_id     = "GOOG1ACC000000000001"
    secret_access_key = "hmac-1"
  }`,
		update: `gcp_hmac_key = {
    access_key_id     = "GOOG1ACC000000000002"
    secret_access_key = "hmac-2"
  }`,
		checks: map[string]knownvalue.Check{"access_key_id": str("GOOG1ACC000000000002"), "secret_access_key": str("hmac-2")},
	},
	{
		kind: "gcp_service_account_key", secret: "key_text",
		create: "gcp_service_account_key = {\n    key_text = " + serviceAccountKey("key-1") + "\n  }",
		update: "gcp_service_account_key = {\n    key_text = " + serviceAccountKey("key-2") + "\n  }",
		checks: map[string]knownvalue.Check{
			"account_id": str("tiledb@conduit-acc.iam.gserviceaccount.com"), "key_id": str("key-2"), "key_text": knownvalue.NotNull(),
		},
	},
}

var cloudOf = map[string]string{
	"aws_access_key": "AWS", "aws_role": "AWS", "azure_account_key": "AZURE", "azure_sas_token": "AZURE",
	"gcp_hmac_key": "GCP", "gcp_service_account_key": "GCP",
}

// expectSecret checks the secret the sandbox holds, i.e. what the provider sent.
func expectSecret(sb *acctest.Sandbox, key, field, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if sb == nil || want == "" {
			return nil
		}
		if got := sb.TileDB().Secrets(key)[field]; got != want {
			return fmt.Errorf("%s: sandbox holds %s %q, want %q", key, field, got, want)
		}
		return nil
	}
}

// TestAccTileDBCredential_kinds creates, updates, refreshes, imports and
// deletes each of the six kinds with the exact request budgets.
func TestAccTileDBCredential_kinds(t *testing.T) {
	for _, kc := range kindCases {
		t.Run(kc.kind, func(t *testing.T) {
			acctest.PreCheckVendor(t, acctest.LiveTileDB)
			sb := acctest.StartSandbox(t)
			name := acctest.Name("acc " + kc.kind) // a space: the name is path-escaped
			ns := namespace(sb)
			nsAttr := ""
			if kc.namespace != "" && sb != nil {
				ns = kc.namespace
				nsAttr = fmt.Sprintf("namespace = %q\n", ns)
			}
			key := ns + "/" + name
			var updateChecks []statecheck.StateCheck
			for attr, want := range kc.checks {
				updateChecks = append(updateChecks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(kc.kind).AtMapKey(attr), want))
			}
			updateChecks = append(updateChecks,
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_in_tasks"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("provider_default"), knownvalue.Bool(false)),
			)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy: func(*terraform.State) error {
					return sb.ExpectObjects("tiledb")(nil)
				},
				Steps: []resource.TestStep{
					{
						// Create = POST (204) + GET.
						PreConfig: sb.Reset,
						Config:    sb.Config(config(name, nsAttr+"provider_default = true\n"+kc.create)),
						Check: resource.ComposeTestCheckFunc(
							sb.ExpectRequests(map[string]int{routeAdd: 1, routeGet: 1}),
							sb.ExpectObjects("tiledb", key),
							expectSecret(sb, key, kc.secret, kc.createdSecret),
						),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(key)),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("namespace"), str(ns)),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("cloud_provider"), str(cloudOf[kc.kind])),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("provider_default"), knownvalue.Bool(true)),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_in_tasks"), knownvalue.Bool(false)),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("uuid"), knownvalue.StringRegexp(regexp.MustCompile(uuidRE))),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("updated_at"), knownvalue.NotNull()),
						},
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
								// Known at plan time, from the kind.
								plancheck.ExpectKnownValue(addr, tfjsonpath.New("cloud_provider"), str(cloudOf[kc.kind])),
							},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{
						// Update in place = PATCH (204) + GET; the other GET is the plan's refresh.
						PreConfig: sb.Reset,
						Config:    sb.Config(config(name, nsAttr+"provider_default = false\nallowed_in_tasks = true\n"+kc.update)),
						Check: resource.ComposeTestCheckFunc(
							sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 1}),
							expectSecret(sb, key, kc.secret, kc.rotated),
						),
						ConfigStateChecks: updateChecks,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{
						// Read = 1 request.
						PreConfig:    sb.Reset,
						RefreshState: true,
						Check:        sb.ExpectRequests(map[string]int{routeGet: 1}),
					},
					{
						// The API returns no secret: after import it is null in state.
						ResourceName:            addr,
						ImportState:             true,
						ImportStateVerify:       true,
						ImportStateId:           key,
						ImportStateVerifyIgnore: []string{kc.kind + "." + kc.secret},
					},
					{
						// Delete = 1 request.
						PreConfig: sb.Reset,
						Config:    sb.Config(""),
						Check: resource.ComposeTestCheckFunc(
							sb.ExpectRequests(map[string]int{routeGet: 1, routeDel: 1}),
							sb.ExpectObjects("tiledb"),
						),
					},
				},
			})
		})
	}
}

const uuidRE = `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`
