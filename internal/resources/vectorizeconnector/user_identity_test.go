package vectorizeconnector_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

const testUserID = "3f1c9a52-7d2e-4b8a-9c61-0e5f4d3b2a19"

func userIdentity(o, sc string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"organization_id": str(o), "source_connector_id": str(sc), "user_id": str(testUserID)}
}

// TestAccSourceConnectorUser_identity: create sets the identity (the three
// ids); an import block with `identity = {…}` and one with either id form
// import the state a refresh gives, each reading the connector once (the
// API has no read for users) and sending nothing else. The user has no
// selected files or tokens, which no import can learn, so every import is
// a no-op.
func TestAccSourceConnectorUser_identity(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	connector := func(s *terraform.State) string { return s.RootModule().Resources[addr].Primary.ID }
	acctest.IdentityImports{
		Address: userAddr,
		Config:  sb.Config(userConfig("NOTION_OAUTH_MULTI", "")),
		Identity: map[string]knownvalue.Check{
			"organization_id": str(o), "source_connector_id": knownvalue.StringRegexp(uuidRE), "user_id": str(testUserID),
		},
		// The connector's create and read-back, and the user's create.
		CreateRequests: map[string]int{routeCreate: 1, routeGet: 1, routeUserAdd: 1},
		// The connector's refresh and the user's read.
		ReadRequests: map[string]int{routeGet: 2},
		ImportIDs: []resource.ImportStateIdFunc{
			func(s *terraform.State) (string, error) { return o + "/" + connector(s) + "/" + testUserID, nil },
			func(s *terraform.State) (string, error) { return connector(s) + "/" + testUserID, nil },
		},
	}.Run(t, sb)
}

// TestAccSourceConnectorUser_identityWithoutOrganization: a user added
// outside Terraform, imported by an identity without organization_id: the
// provider's organization, one GET of its connector, no mutation.
func TestAccSourceConnectorUser_identityWithoutOrganization(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	api := sb.VectorizeAPI(t)
	ref, err := api.Create(context.Background(), o, "", vectorize.CreateRequest{Name: "tf-acc-notion", Type: "NOTION_OAUTH_MULTI"})
	if err != nil {
		t.Fatal(err)
	}
	if err := api.AddUser(context.Background(), o, ref.ID, vectorize.User{UserID: testUserID}); err != nil {
		t.Fatal(err)
	}
	sb.ResetCounts()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: sb.Config(fmt.Sprintf(`
resource "conduit_vectorize_source_connector_user" "test" {
  source_connector_id = %[2]q
  user_id             = %[3]q
}
import {
  to       = %[1]s
  identity = { source_connector_id = %[2]q, user_id = %[3]q }
}
`, userAddr, ref.ID, testUserID)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionNoop),
			}},
			Check: sb.ExpectRequests(map[string]int{routeGet: 1}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(userAddr, userIdentity(o, ref.ID)),
				statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("id"), str(o+"/"+ref.ID+"/"+testUserID)),
			},
		}},
	})
}

// TestAccSourceConnectorUser_identityOnRefreshOfOlderState: a user written
// by a provider version without identity gains it on the next refresh (one
// GET of its connector, nothing planned); with its connector deleted
// outside Terraform, the refresh drops it without the framework's "Missing
// Resource Identity After Read".
func TestAccSourceConnectorUser_identityOnRefreshOfOlderState(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band deletes need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	ref, err := sb.VectorizeAPI(t).Create(context.Background(), o, "", vectorize.CreateRequest{Name: "tf-acc-notion", Type: "NOTION_OAUTH_MULTI"})
	if err != nil {
		t.Fatal(err)
	}
	sc := ref.ID
	// The user alone (its connector made outside Terraform), so that the
	// last plan shows only its removal.
	users := sb.Config(fmt.Sprintf(`
resource "conduit_vectorize_source_connector_user" "test" {
  source_connector_id = %q
  user_id             = %q
}
`, sc, testUserID))
	acctest.OlderState{
		Address:            userAddr,
		Config:             users,
		IdentityAttributes: []string{"organization_id", "source_connector_id", "user_id"},
		Identity:           map[string]string{"organization_id": o, "source_connector_id": sc, "user_id": testUserID},
		// One GET of its connector.
		RefreshRequests: map[string]int{routeGet: 1},
		// Its connector is what is deleted out of band.
		Vendor:     "vectorize",
		SandboxKey: func(id map[string]string) string { return id["organization_id"] + "/" + id["source_connector_id"] },
	}.Run(t, sb)
}
