package vectorize

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// ListOptions narrows List and Each.
type ListOptions struct {
	// WorkspaceID is getSourceConnectors' workspaceId filter.
	WorkspaceID string
	// Type keeps the connectors of this type only. The API has no such
	// filter, so it is applied to each page as it arrives.
	Type string
	// Limit is the page size to ask for (spec 0.1.2: 1–100); 0 sends none,
	// leaving the size to the server.
	Limit int
}

// List returns every source connector of the organization (see Each).
func (a *API) List(ctx context.Context, orgID string, opts ListOptions) ([]SourceConnector, error) {
	return client.Collect(a.Each(ctx, orgID, opts))
}

// Each yields every source connector of the organization, fetching a page
// only when the caller has taken the previous one, so a caller that stops
// early (a list resource at Terraform's limit) sends no further request. An
// error is yielded once, last.
//
// The spec the official client 0.4.0 is built from (getSourceConnectors)
// takes only workspaceId and answers `{sourceConnectors}` whole, so one
// request is the norm. A later spec revision (vectorize_api.json 0.1.2)
// adds an optional nextToken: when an answer carries one it is followed,
// and the walk ends on a token seen before or a page that adds no connector
// not already listed, so a server repeating itself cannot make it loop.
// `limit` is sent only when opts asks for it: a server that pages by default
// (the spec's example asks 20) then answers that many per page, and one that
// does not page ignores it.
func (a *API) Each(ctx context.Context, orgID string, opts ListOptions) iter.Seq2[SourceConnector, error] {
	return func(yield func(SourceConnector, error) bool) {
		p := sourcesPath(orgID)
		listed := map[string]bool{}
		tokens := map[string]bool{}
		token := ""
		for {
			q := url.Values{}
			if opts.WorkspaceID != "" {
				q.Set("workspaceId", opts.WorkspaceID)
			}
			if opts.Limit > 0 {
				q.Set("limit", strconv.Itoa(opts.Limit))
			}
			if token != "" {
				q.Set("nextToken", token)
			}
			resp, err := a.c.Do(ctx, client.Request{Method: http.MethodGet, Path: p, Query: q})
			if err != nil {
				yield(SourceConnector{}, err)
				return
			}
			var page struct {
				SourceConnectors []SourceConnector `json:"sourceConnectors"`
				NextToken        string            `json:"nextToken"`
			}
			if err := resp.Decode(&page); err != nil {
				yield(SourceConnector{}, undecodable(resp, err))
				return
			}
			// Connectors filtered out count as added: a page of other
			// types alone does not end the walk.
			added := 0
			for _, sc := range page.SourceConnectors {
				if listed[sc.ID] {
					continue
				}
				listed[sc.ID] = true
				added++
				if opts.Type != "" && sc.Type != opts.Type {
					continue
				}
				if !yield(sc, nil) {
					return
				}
			}
			if page.NextToken == "" || added == 0 || tokens[page.NextToken] {
				return
			}
			tokens[page.NextToken] = true
			token = page.NextToken
		}
	}
}
