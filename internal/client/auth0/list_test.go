package auth0_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// A caller that stops taking connections (a list resource at Terraform's
// limit) sends no request for the pages it did not reach.
func TestEachFetchesOnlyThePagesTheCallerTakes(t *testing.T) {
	api, sb := newAPI(t)
	ctx := context.Background()
	for i := range 7 {
		id := fmt.Sprintf("con_each%012d", i)
		sb.Auth0().AddConnection(id, id, "auth0")
		if _, err := api.Add(ctx, sbauth0.OrgAcme, id, auth0.Settings{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ take, pages int }{{1, 1}, {3, 1}, {4, 2}, {6, 2}, {7, 3}, {100, 3}} {
		sb.ResetCounts()
		n := 0
		for _, err := range api.Each(ctx, sbauth0.OrgAcme, auth0.ListOptions{PerPage: 3}) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == tc.take {
				break
			}
		}
		if got := sb.Counts()["GET /api/v2/organizations/{id}/connections"]; got != tc.pages {
			t.Errorf("taking %d of 7 at 3 per page: want %d page requests, got %d", tc.take, tc.pages, got)
		}
	}
}

func TestEachYieldsTheErrorLast(t *testing.T) {
	api, _ := newAPI(t)
	var errs, items int
	for _, err := range api.Each(context.Background(), "org_unknown000000001", auth0.ListOptions{}) {
		if err != nil {
			errs++
			continue
		}
		items++
	}
	if errs != 1 || items != 0 {
		t.Fatalf("want one error and no item for an unknown organization, got %d errors and %d items", errs, items)
	}
}
