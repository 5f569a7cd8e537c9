package acctest

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
)

// ListBlock is a list block of a query file: config goes into its config
// block, options (include_resource, limit) beside it. Query steps hold list
// blocks only: terraform-plugin-testing keeps the previous Config step's
// .tf, provider block included, beside the query file, so a provider block
// in the query would be a duplicate.
func ListBlock(resourceType, name, config, options string) string {
	return fmt.Sprintf(`
list %q %q {
  provider = conduit
%s
  config {
%s
  }
}
`, resourceType, name, options, config)
}

// QueryTest runs the steps of a list resource's test, in parallel with
// other tests, against the in-process provider; Terraform below 1.14 (no
// list blocks) reports it skipped.
func QueryTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   NeedsQuery,
		ProtoV6ProviderFactories: ProviderFactories,
		Steps:                    steps,
	})
}

// QueryStep is a Query step of these list blocks. The sandbox's counts
// start at zero with it, so request checks among the checks count the
// query alone.
func (s *Sandbox) QueryStep(blocks string, checks ...querycheck.QueryResultCheck) resource.TestStep {
	return resource.TestStep{PreConfig: s.Reset, Query: true, Config: blocks, QueryResultChecks: checks}
}

// PagingObjects is how many objects the scope of a Paging test holds: more
// than two pages of 100, the page the list resources ask for.
const PagingObjects = 230

// Paging is a list resource over a scope of PagingObjects objects, read in
// pages of 100, for the test of its paging.
type Paging struct {
	// List is the address of the list block Block writes ("<type>.<name>").
	List string
	// Block is the list block over the scope, with these options (a limit)
	// beside its config.
	Block     func(options string) string
	ListRoute string
	// First and Last are the identities of the scope's first and last
	// objects.
	First, Last map[string]knownvalue.Check
}

// Run runs the paging test, then the extra steps (a filter's query):
// every page is read for a limit above the scope, and the list stops at
// the limit Terraform passes (100 when the block sets none; 150; 0 asks
// for nothing) without asking for the next page.
func (p Paging) Run(t *testing.T, sb *Sandbox, extra ...resource.TestStep) {
	t.Helper()
	QueryTest(t, append(p.steps(sb), extra...)...)
}

// steps are a configuration step (the provider block the queries use) and
// the paging test's queries.
func (p Paging) steps(sb *Sandbox) []resource.TestStep {
	return []resource.TestStep{
		{Config: sb.Config("")},
		sb.QueryStep(p.Block("  limit = 1000"),
			querycheck.ExpectLength(p.List, PagingObjects),
			querycheck.ExpectIdentity(p.List, p.First),
			querycheck.ExpectIdentity(p.List, p.Last),
			sb.ExpectQueryRequests(map[string]int{p.ListRoute: 3})),
		sb.QueryStep(p.Block(""),
			querycheck.ExpectLength(p.List, 100),
			sb.ExpectQueryRequests(map[string]int{p.ListRoute: 1})),
		sb.QueryStep(p.Block("  limit = 150"),
			querycheck.ExpectLength(p.List, 150),
			sb.ExpectQueryRequests(map[string]int{p.ListRoute: 2})),
		sb.QueryStep(p.Block("  limit = 0"),
			querycheck.ExpectLength(p.List, 0),
			sb.ExpectQueryRequests(map[string]int{})),
	}
}
