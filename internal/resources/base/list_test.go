package base

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type scopedModel struct {
	OrganisationID types.String `tfsdk:"organisation_id"`
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
}

// pages yields n objects in pages of size, counting the pages fetched, and
// fails with err after the last one when err is set.
func pages(n, size int, fetched *int, err error) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for start := 0; start < n; start += size {
			*fetched++
			for i := start; i < min(start+size, n); i++ {
				if !yield(i, nil) {
					return
				}
			}
		}
		if err != nil {
			yield(0, err)
		}
	}
}

func stream(t *testing.T, limit int64, include bool, items iter.Seq2[int, error]) []list.ListResult {
	t.Helper()
	req := list.ListRequest{Limit: limit, IncludeResource: include, ResourceSchema: scopedState, ResourceIdentitySchema: scoped.Schema()}
	var s list.ListResultsStream
	StreamList(context.Background(), req, &s, scoped, "list connections", items, func(i int) ListItem[scopedModel] {
		id := fmt.Sprintf("c%d", i)
		return ListItem[scopedModel]{
			Model:       scopedModel{OrganisationID: types.StringValue("o1"), ID: types.StringValue(id), Name: types.StringValue("n" + id)},
			DisplayName: "n" + id,
		}
	})
	var out []list.ListResult
	for r := range s.Results {
		out = append(out, r)
	}
	return out
}

func TestStreamListStopsAtTheLimit(t *testing.T) {
	for _, tc := range []struct {
		limit          int64
		results, pages int
	}{{0, 0, 0}, {1, 1, 1}, {10, 10, 1}, {11, 11, 2}, {25, 25, 3}, {100, 25, 3}} {
		fetched := 0
		got := stream(t, tc.limit, false, pages(25, 10, &fetched, nil))
		if len(got) != tc.results || fetched != tc.pages {
			t.Errorf("limit %d: want %d results from %d pages, got %d from %d", tc.limit, tc.results, tc.pages, len(got), fetched)
		}
	}
}

func TestStreamListResultsCarryIdentityAndModel(t *testing.T) {
	fetched := 0
	got := stream(t, 100, true, pages(2, 10, &fetched, nil))
	if len(got) != 2 {
		t.Fatalf("want 2 results, got %d", len(got))
	}
	r := got[1]
	if r.Diagnostics.HasError() || r.DisplayName != "nc1" {
		t.Fatalf("result: %+v", r)
	}
	if o, i := attr(t, r.Identity, "organisation_id"), attr(t, r.Identity, "id"); o.ValueString() != "o1" || i.ValueString() != "c1" {
		t.Errorf("identity %s/%s, want o1/c1", o, i)
	}
	if n := attr(t, r.Resource, "name"); n.ValueString() != "nc1" {
		t.Errorf("resource name %s, want nc1", n)
	}
}

func TestStreamListEndsWithTheError(t *testing.T) {
	fetched := 0
	got := stream(t, 100, false, pages(3, 10, &fetched, errors.New("GET /things: 500 Internal Server Error: boom")))
	if len(got) != 4 {
		t.Fatalf("want 3 results and the error, got %d", len(got))
	}
	last := got[3]
	if !last.Diagnostics.HasError() || !strings.Contains(last.Diagnostics.Errors()[0].Summary(), "Unable to list connections") ||
		!strings.Contains(last.Diagnostics.Errors()[0].Detail(), "GET /things: 500") {
		t.Fatalf("last result: %v", last.Diagnostics)
	}
}
