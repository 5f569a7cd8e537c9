package acctest

import (
	"context"
	"fmt"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// Terraform versions the identity and list tests need. TestCases set them as
// TerraformVersionChecks, so `make test-compat` (Terraform 1.11) reports
// these tests skipped, with the reason, rather than failed.
var (
	// NeedsIdentity: import blocks with identity, identity in state (1.12).
	NeedsIdentity = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}
	// NeedsQuery: list blocks and `terraform query` (1.14).
	NeedsQuery = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}
)

// ExpectQueryRequests is ExpectRequests for a Query step, whose Check
// function terraform-plugin-testing does not call: it runs as a query check.
func (s *Sandbox) ExpectQueryRequests(want map[string]int) querycheck.QueryResultCheck {
	return queryCheckFunc(func(req querycheck.CheckQueryRequest) error {
		return s.ExpectRequests(want)(nil)
	})
}

// ExpectPlanRequests is ExpectRequests as a plan check, for an import block
// step, which runs no Check function: the requests of its plan alone.
func (s *Sandbox) ExpectPlanRequests(want map[string]int) plancheck.PlanCheck {
	return planCheckFunc(func(*tfjson.Plan) error { return s.ExpectRequests(want)(nil) })
}

// ExpectQueryNoMutations checks a Query step sent no POST, PUT, PATCH or DELETE.
func (s *Sandbox) ExpectQueryNoMutations() querycheck.QueryResultCheck {
	return queryCheckFunc(func(querycheck.CheckQueryRequest) error {
		if s == nil {
			return nil
		}
		if n := sandbox.Mutations(s.Counts()); n != 0 {
			return fmt.Errorf("a query sent %d mutating requests: %v", n, s.Counts())
		}
		return nil
	})
}

type queryCheckFunc func(querycheck.CheckQueryRequest) error

func (f queryCheckFunc) CheckQuery(_ context.Context, req querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	resp.Error = f(req)
}

// ExpectDisplayNames checks the list block found exactly these display
// names, in any order (querycheck has no exact check of the whole set).
func ExpectDisplayNames(listAddress string, want ...string) querycheck.QueryResultCheck {
	return queryCheckFunc(func(req querycheck.CheckQueryRequest) error {
		var got []string
		for _, r := range req.Query {
			if strings.TrimPrefix(r.Address, "list.") == listAddress {
				got = append(got, r.DisplayName)
			}
		}
		if !sameMultiset(got, want) {
			return fmt.Errorf("%s: want display names %q, got %q", listAddress, want, got)
		}
		return nil
	})
}

func sameMultiset(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	n := map[string]int{}
	for _, s := range a {
		n[s]++
	}
	for _, s := range b {
		n[s]--
	}
	for _, v := range n {
		if v != 0 {
			return false
		}
	}
	return true
}
