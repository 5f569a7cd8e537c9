package versoriconnection_test

import (
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// TestAccVersoriConnectionList_generateConfig is issue 15's acceptance
// point: 120 connections in one organisation (http ones with auth schemes,
// default variables and an environment binding a credential, and bigquery
// ones), `terraform query -generate-config-out` writes their import and
// resource blocks, `terraform apply` imports all 120 with no mutating
// request, and `terraform plan` then shows no change. Versori returns no
// secret (credentials are referenced by id), so nothing is filled in.
func TestAccVersoriConnectionList_generateConfig(t *testing.T) {
	sb := acctest.StartAdoptionSandbox(t)
	org := sb.Creds.VersoriOrg
	acctest.Adoption{
		Type: "conduit_versori_connection",
		// The organisation comes from the provider.
		ListBlock:    listBlock("acme", "", "  limit = 1000"),
		KeyAttribute: "id",
		Keys:         addConnections(t, sb, org, 120),
		Scope:        map[string]string{"organisation_id": org},
		// The query reads two pages of 100; the imports read their
		// connections (the first with its GET, the others from one list of
		// the organisation: batch_reads), and so does the plan.
		QueryRequests:  map[string]int{routeList: 2},
		ImportRequests: map[string]int{routeGet: 1, routeList: 2},
		PlanRequests:   map[string]int{routeGet: 1, routeList: 2},
	}.Run(t, sb)
}
