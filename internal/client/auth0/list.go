package auth0

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Each yields every connection of the organization, fetching each page only
// when the caller has taken the previous one, so a caller that stops early
// (a list resource at Terraform's limit) sends no further request. An error
// is yielded once, last.
//
// It pages with include_totals and stops at the total rather than on an
// empty page, which saves a request (API-NOTES). It also stops on a page
// that brings no connection it has not seen (an empty one past the end,
// where Auth0 still answers start = page*per_page, or the same page again
// from a server that ignores page), so it cannot loop; a connection seen
// twice, shifted by a change between pages, is yielded once.
func (a *API) Each(ctx context.Context, orgID string, opts ListOptions) iter.Seq2[OrganizationConnection, error] {
	return func(yield func(OrganizationConnection, error) bool) {
		perPage := opts.PerPage
		if perPage <= 0 || perPage > 100 {
			perPage = 100
		}
		seen := map[string]bool{}
		stopped := false
		// keep yields the page's new connections and counts them, filtered
		// out or not, so that a page of only filtered ones does not end the
		// listing.
		keep := func(items []OrganizationConnection) (added int) {
			for _, c := range items {
				if seen[c.ConnectionID] {
					continue
				}
				seen[c.ConnectionID] = true
				added++
				// No source documents the is_enabled filter's meaning: a
				// connection the answer says is otherwise is left out, in
				// case a tenant ignores the filter.
				if opts.IsEnabled != nil && c.IsEnabled != nil && *c.IsEnabled != *opts.IsEnabled {
					continue
				}
				if !yield(c, nil) {
					stopped = true
					return added
				}
			}
			return added
		}
		for page := 0; ; page++ {
			q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(perPage)}, "include_totals": {"true"}}
			if opts.IsEnabled != nil {
				q.Set("is_enabled", strconv.FormatBool(*opts.IsEnabled))
			}
			resp, err := a.c.Do(ctx, client.Request{Method: http.MethodGet, Path: connectionsPath(orgID), Query: q})
			if err != nil {
				yield(OrganizationConnection{}, err)
				return
			}
			var p listPage
			var bare []OrganizationConnection
			if err := resp.Decode(&p); err != nil {
				// Some tenants answer with a bare array even with include_totals.
				if json.Unmarshal(resp.Body, &bare) != nil {
					yield(OrganizationConnection{}, resp.Undecodable(err))
					return
				}
				// Without a total, only a short page says it is the last.
				if keep(bare) == 0 || stopped || len(bare) < perPage {
					return
				}
				continue
			}
			// With a total, a short page is not the last: a tenant may answer
			// fewer than per_page.
			if keep(p.Connections) == 0 || stopped || p.Start+len(p.Connections) >= p.Total {
				return
			}
		}
	}
}
