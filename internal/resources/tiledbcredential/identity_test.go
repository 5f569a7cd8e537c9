package tiledbcredential_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	sbtiledb "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
)

func credIdentity(ns, name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"namespace": str(ns), "name": str(name)}
}

// woKey is an AWS access key whose secret is write-only, without
// secret_wo_version: the form that adopts an existing credential unchanged.
func woKey(keyID, secret string) string {
	return fmt.Sprintf(`aws_access_key = {
    access_key_id        = %q
    secret_access_key_wo = %q
  }`, keyID, secret)
}

// TestAccTileDBCredential_identity: create sets the identity; an import block
// with `identity = {…}` and one with `id = "…"` both import the state a read
// gives, with one GET each and no mutation (the secret is write-only and
// secret_wo_version unset, so the imported credential plans no change).
func TestAccTileDBCredential_identity(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveTileDB)
	sb := acctest.StartSandbox(t)
	ns := namespace(sb)
	name := acctest.Name("acc-identity")
	acctest.IdentityImports{
		Address:        addr,
		Config:         sb.Config(config(name, "allowed_in_tasks = true\n"+woKey("AKIAACCIDENTITY00001", "identity-secret"))),
		Identity:       credIdentity(ns, name),
		CreateRequests: map[string]int{routeAdd: 1, routeGet: 1},
		ReadRequests:   map[string]int{routeGet: 1},
		ImportIDs:      []resource.ImportStateIdFunc{acctest.FixedImportID(ns + "/" + name)},
	}.Run(t, sb)
}

// TestAccTileDBCredential_adopt: a credential made outside Terraform,
// imported by an identity without namespace (the provider's), with the
// write-only secret and no secret_wo_version: one GET, no change, an empty
// plan after. The stored secret instead plans one update that sends it.
func TestAccTileDBCredential_adopt(t *testing.T) {
	acctest.RequireSandbox(t, "credentials made out of band and request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	ns := namespace(sb)
	api := sb.TileDBAPI(t)
	for _, n := range []string{"adopt-wo", "adopt-stored"} {
		if err := api.Create(context.Background(), ns, tiledb.AccessCredential{Name: n, Credential: &tiledb.Credential{
			AWS: &tiledb.AWSKey{AccessKeyID: "AKIA" + n, SecretAccessKey: "made-by-hand"},
		}}); err != nil {
			t.Fatal(err)
		}
	}
	adopt := func(name, kind string) string {
		return sb.Config(fmt.Sprintf(`
import {
  to       = conduit_tiledb_credential.test
  identity = { name = %q }
}
resource "conduit_tiledb_credential" "test" {
  name = %q
  %s
}
`, name, name, kind))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    adopt("adopt-wo", woKey("AKIAadopt-wo", "made-by-hand")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1}),
					expectSecret(sb, ns+"/adopt-wo", "secret_access_key", "made-by-hand"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, credIdentity(ns, "adopt-wo")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(ns+"/adopt-wo")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret_wo_version"), knownvalue.Null()),
				},
			},
			{
				// Forget it, then adopt the other with the stored secret.
				Config: sb.Config(`removed {
  from = conduit_tiledb_credential.test
  lifecycle { destroy = false }
}`),
			},
			{
				PreConfig: sb.Reset,
				Config: adopt("adopt-stored", `aws_access_key = {
    access_key_id     = "AKIAadopt-stored"
    secret_access_key = "new-secret"
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				// The import's GET, then the update: PATCH and its read-back.
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 1}),
					expectSecret(sb, ns+"/adopt-stored", "secret_access_key", "new-secret"),
				),
			},
		},
	})
}

// TestAccTileDBCredential_identityImportErrors: an identity without name,
// or with a part the API path cannot hold, fails at plan naming it, before
// any request.
func TestAccTileDBCredential_identityImportErrors(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	withImport := func(identity string) string {
		return sb.Config(config("imported", woKey("AKIAIMPORT", "s"))) + acctest.ImportByIdentity(addr, identity)
	}
	acctest.Refusals{Cases: []acctest.Refusal{
		{
			Config: withImport(fmt.Sprintf(`{ namespace = %q }`, sbtiledb.Namespace)),
			Error:  acctest.ErrorMatching(`name`, `required`),
		},
		{
			Config: withImport(`{ namespace = "", name = "imported" }`),
			Error:  acctest.ErrorMatching(`Invalid identity.namespace`, `identity.namespace must be a non-empty namespace`),
		},
		{
			Config: withImport(`{ name = "team/imported" }`),
			Error:  acctest.ErrorMatching(`Invalid identity.name`, `identity.name must not be empty and must not contain "/" or control characters`, `(got "team/imported")`),
		},
	}}.RunPlans(t, sb, acctest.NeedsIdentity)
}

// TestAccTileDBCredential_identityOnRefreshOfOlderState: state written by a
// provider version without identity gains it on the next refresh (one GET,
// no change); a credential deleted outside Terraform meanwhile leaves state
// on that refresh without "Missing Resource Identity After Read".
func TestAccTileDBCredential_identityOnRefreshOfOlderState(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band deletes need the sandbox")
	sb := acctest.StartSandbox(t)
	ns := namespace(sb)
	acctest.OlderState{
		Address:            addr,
		Config:             sb.Config(config("older", woKey("AKIAOLDER", "older-secret"))),
		IdentityAttributes: []string{"namespace", "name"},
		Identity:           map[string]string{"namespace": ns, "name": "older"},
		OlderChecks:        []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(ns+"/older"))},
		RefreshRequests:    map[string]int{routeGet: 1},
		Vendor:             "tiledb",
		SandboxKey:         func(id map[string]string) string { return id["namespace"] + "/" + id["name"] },
	}.Run(t, sb)
}
