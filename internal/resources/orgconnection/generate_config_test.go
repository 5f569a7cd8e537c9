package orgconnection_test

import (
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// TestAccOrgConnectionList_generateConfig is the acceptance point:
// 120 pairs in one organization, `terraform query -generate-config-out`
// writes their import and resource blocks, `terraform apply` imports all 120
// with no mutating request, and `terraform plan` then shows no change.
func TestAccOrgConnectionList_generateConfig(t *testing.T) {
	sb := acctest.StartAdoptionSandbox(t)
	org := sbauth0.OrgInitech
	acctest.Adoption{
		Type:         "conduit_org_connection",
		ListBlock:    listBlock("initech", org, "", "  limit = 1000"),
		KeyAttribute: "connection_id",
		Keys:         addPairs(t, sb, org, 120),
		Scope:        map[string]string{"organization_id": org},
		// The query reads two pages of 100; the imports read their pairs
		// (the first with its GET, the others from one list of the
		// organization: batch_reads), and so does the plan.
		QueryRequests:  map[string]int{routeList: 2},
		ImportRequests: map[string]int{routeGet: 1, routeList: 2},
		PlanRequests:   map[string]int{routeGet: 1, routeList: 2},
	}.Run(t, sb)
}
