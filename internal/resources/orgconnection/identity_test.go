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

// TestAccOrgConnection_identity: create sets the identity; an import block
// with `identity = {…}` and one with `id = "…"` both import the state a read
// gives, with one GET each and no mutation.
func TestAccOrgConnection_identity(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	acctest.IdentityImports{
		Address: addr,
		Config: sb.Config(config(org, con, `
  organization_connection_name = "Acme staff"
  assign_membership_on_login   = true
  organization_access_level    = "limited"
`)),
		Identity:       pair(org, con),
		CreateRequests: map[string]int{routeAdd: 1},
		ReadRequests:   map[string]int{routeGet: 1},
		ImportIDs:      []resource.ImportStateIdFunc{acctest.FixedImportID(org + ":" + con)},
	}.Run(t, sb)
}

// TestAccOrgConnection_identityImportErrors: an identity that leaves an
// attribute out, or gives an empty one, fails at plan naming it, before any
// request.
func TestAccOrgConnection_identityImportErrors(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	withImport := func(identity string) string {
		return sb.Config(config(sbauth0.OrgAcme, sbauth0.ConDatabase, "")) + acctest.ImportByIdentity(addr, identity)
	}
	acctest.Refusals{Cases: []acctest.Refusal{
		{
			Config: withImport(fmt.Sprintf(`{ organization_id = %q }`, sbauth0.OrgAcme)),
			Error:  acctest.ErrorMatching(`connection_id`, `required`),
		},
		{
			Config: withImport(fmt.Sprintf(`{ organization_id = "", connection_id = %q }`, sbauth0.ConDatabase)),
			Error:  acctest.ErrorMatching(`Invalid identity.organization_id`, `identity.organization_id must be a non-empty organization_id`),
		},
		{
			Config: withImport(fmt.Sprintf(`{ organization_id = %q, connection_id = " con_x" }`, sbauth0.OrgAcme)),
			Error:  acctest.ErrorMatching(`Invalid identity.connection_id`, `without surrounding spaces`),
		},
		{
			// Auth0's limit applies to an identity as to an import id.
			Config: withImport(fmt.Sprintf(`{ organization_id = %q, connection_id = %q }`, strings.Repeat("o", 51), sbauth0.ConDatabase)),
			Error: acctest.ErrorMatching("Invalid organization_id",
				"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it has 51."),
		},
	}}.RunPlans(t, sb, acctest.NeedsIdentity)
}

// TestAccOrgConnection_identityOnRefreshOfOlderState: state written by a
// provider version without identity gains it on the next refresh, with the
// one GET a refresh costs and no change planned; a pair deleted outside
// Terraform meanwhile leaves state on that refresh without the framework's
// "Missing Resource Identity After Read" error.
func TestAccOrgConnection_identityOnRefreshOfOlderState(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band deletes need the sandbox")
	sb := acctest.StartSandbox(t)
	org, con := sbauth0.OrgGlobex, sbauth0.ConOkta
	acctest.OlderState{
		Address:            addr,
		Config:             sb.Config(config(org, con, `show_as_button = false`)),
		IdentityAttributes: []string{"organization_id", "connection_id"},
		Identity:           map[string]string{"organization_id": org, "connection_id": con},
		OlderChecks:        []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(org+":"+con))},
		RefreshRequests:    map[string]int{routeGet: 1},
		Vendor:             "auth0",
		SandboxKey:         func(id map[string]string) string { return id["organization_id"] + "/" + id["connection_id"] },
	}.Run(t, sb)
}
