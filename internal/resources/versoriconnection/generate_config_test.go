package versoriconnection_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

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
	acctest.RequireSandbox(t, "120 objects and request counts need the sandbox")
	acctest.SkipBelow(t, tfversion.Version1_14_0, "terraform query -generate-config-out")
	sb := acctest.StartSandbox(t)
	org := sb.Creds.VersoriOrg
	const n = 120
	ids := addConnections(t, sb, org, n)

	w := acctest.NewWorkdir(t)
	w.Write("main.tf", acctest.TerraformBlock+sb.ProviderConfig())
	// Terraform lists at most 100 results of a block without a limit; the
	// organisation comes from the provider.
	w.Write("adopt.tfquery.hcl", listBlock("acme", "", "  limit = 1000"))
	w.Init()

	sb.Reset()
	w.QueryGenerate("generated.tf")
	// Two pages of 100.
	if err := sb.ExpectRequests(map[string]int{routeList: 2})(nil); err != nil {
		t.Fatalf("query: %v", err)
	}
	gen := w.Read("generated.tf")
	if got := strings.Count(gen, "import {"); got != n {
		t.Fatalf("want %d import blocks in the generated configuration, got %d:\n%s", n, got, gen)
	}
	if got := strings.Count(gen, `resource "conduit_versori_connection"`); got != n {
		t.Fatalf("want %d resource blocks in the generated configuration, got %d", n, got)
	}
	for _, id := range []string{ids[0], ids[n-1]} {
		if !regexp.MustCompile(`id\s+= "` + id + `"`).MatchString(gen) {
			t.Fatalf("the generated configuration has no block for %s:\n%s", id, gen)
		}
	}

	// The imports read their connections (the first with its GET, the others
	// from one list of the organisation: batch_reads); nothing else is sent.
	sb.Reset()
	w.Apply()
	if err := sb.ExpectRequests(map[string]int{routeGet: 1, routeList: 2})(nil); err != nil {
		t.Fatalf("apply of the generated configuration: %v", err)
	}
	st := w.State()
	if got := len(st.Values.RootModule.Resources); got != n {
		t.Fatalf("want %d resources in state, got %d", n, got)
	}
	for _, r := range st.Values.RootModule.Resources {
		if r.IdentityValues["organisation_id"] != org || r.IdentityValues["id"] != r.AttributeValues["id"] {
			t.Fatalf("%s: identity %v does not match its state", r.Address, r.IdentityValues)
		}
	}

	sb.Reset()
	if changes, plan := w.Plan(); changes {
		t.Fatalf("the plan after adopting has changes:\n%s", plan)
	}
	if err := sb.ExpectRequests(map[string]int{routeGet: 1, routeList: 2})(nil); err != nil {
		t.Fatalf("plan after the import: %v", err)
	}
}
