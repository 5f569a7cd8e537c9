package orgconnection_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// TestAccOrgConnection_nameLengthInCharacters: the 1–50 rule counts
// characters, as Auth0's JSON Schema does (seed 001), not bytes: a name of
// 50 two-byte letters is taken.
func TestAccOrgConnection_nameLengthInCharacters(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	name := strings.Repeat("é", 50)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: sb.Reset,
			Config:    sb.Config(config(org, con, fmt.Sprintf("organization_connection_name = %q", name))),
			Check:     sb.ExpectRequests(map[string]int{routeAdd: 1}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_connection_name"), str(name)),
			},
		}},
	})
}

// TestAccOrgConnection_importErrors: an import id of another form, or with
// an id longer than Auth0's 50 characters, fails naming the rule before any
// request.
func TestAccOrgConnection_importErrors(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	cfg := sb.Config(config(sbauth0.OrgAcme, sbauth0.ConDatabase, ""))
	importID := func(id string, want ...string) resource.TestStep {
		return resource.TestStep{
			Config: cfg, ResourceName: addr, ImportState: true, ImportStateId: id,
			ExpectError: acctest.ErrorMatching(want...),
		}
	}
	form := "is not of the form <organization_id>:<connection_id> or <organization_id>::<connection_id> " +
		"(two ids, neither empty, without a colon in them or spaces around them)"
	long := strings.Repeat("c", 51)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.Config("")},
			importID(sbauth0.OrgAcme, "Invalid import id", fmt.Sprintf("import id %q %s", sbauth0.OrgAcme, form)),
			importID(sbauth0.OrgAcme+": con_1", "Invalid import id", form),
			importID(sbauth0.OrgAcme+":"+long, "Invalid connection_id",
				"connection_id must be an Auth0 connection id (con_…) of 1 to 50 characters; it has 51."),
			importID(long+"::"+sbauth0.ConDatabase, "Invalid organization_id",
				"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it has 51."),
		},
	})
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("a bad import id reached the API: %v", sb.Counts())
	}
}

// TestAccOrgConnections_dataSourceInvalidInput: the data source's
// organization_id follows the resource's rule, with the same message.
func TestAccOrgConnections_dataSourceInvalidInput(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	ds := func(org string) string {
		return sb.Config(fmt.Sprintf("data \"conduit_org_connections\" \"all\" {\n  organization_id = %q\n}\n", org))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: ds(""), PlanOnly: true,
				ExpectError: acctest.ErrorMatching("Invalid organization_id",
					"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it is empty."),
			},
			{
				Config: ds(strings.Repeat("ó", 51)), PlanOnly: true,
				ExpectError: acctest.ErrorMatching("Invalid organization_id",
					"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it has 51."),
			},
		},
	})
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("invalid input reached the API: %v", sb.Counts())
	}
}
