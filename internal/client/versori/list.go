package versori

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// ListOptions filter and size List.
type ListOptions struct {
	// First is the page size (1–100); 0 means 100.
	First int
	// Protocol keeps only http or bigquery connections when set. The API
	// matches it as a case-insensitive substring; List keeps exact matches.
	Protocol string
	// Sort is e.g. "name:asc"; empty keeps the API's order (most recently updated first).
	Sort string
}

// ListPage reads one page; after is the previous page's Next cursor.
func (a *API) ListPage(ctx context.Context, org string, opts ListOptions, after string) (*Page, error) {
	first := opts.First
	if first <= 0 || first > 100 {
		first = 100
	}
	q := url.Values{"first": {strconv.Itoa(first)}}
	if after != "" {
		q.Set("after", after)
	}
	if opts.Protocol != "" {
		q.Set("protocol", opts.Protocol)
	}
	if opts.Sort != "" {
		q.Set("sort", opts.Sort)
	}
	resp, err := a.c.Do(ctx, client.Request{Method: http.MethodGet, Path: orgPath(org) + "/connections", Query: q})
	if err != nil {
		return nil, err
	}
	var p Page
	if err := resp.Decode(&p); err != nil {
		return nil, resp.Undecodable(err)
	}
	return &p, nil
}

// Each yields every connection of the organisation, following `next`, and
// fetches a page only when the caller has taken the previous one, so a
// caller that stops early (a list resource at Terraform's limit) sends no
// further request. An error is yielded once, last.
//
// It stops when the API gives no `next`, repeats a cursor, answers an empty
// page or has sent totalCount items, so it cannot loop on a server that
// ignores `after`. A connection seen twice (the default order is by
// updatedAt, which a change between pages shifts) is yielded once.
func (a *API) Each(ctx context.Context, org string, opts ListOptions) iter.Seq2[Connection, error] {
	return func(yield func(Connection, error) bool) {
		after, seen := "", 0
		ids := map[string]bool{}
		for {
			p, err := a.ListPage(ctx, org, opts, after)
			if err != nil {
				yield(Connection{}, err)
				return
			}
			for _, c := range p.Connections {
				if ids[c.ID] {
					continue
				}
				ids[c.ID] = true
				if opts.Protocol != "" && c.Protocol != opts.Protocol {
					continue
				}
				if !yield(c, nil) {
					return
				}
			}
			seen += len(p.Connections)
			if p.Next == "" || p.Next == after || len(p.Connections) == 0 || (p.TotalCount > 0 && seen >= p.TotalCount) {
				return
			}
			after = p.Next
		}
	}
}

// List returns every connection of the organisation (Each, collected).
func (a *API) List(ctx context.Context, org string, opts ListOptions) ([]Connection, error) {
	return client.Collect(a.Each(ctx, org, opts))
}
