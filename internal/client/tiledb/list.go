package tiledb

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// ListOptions filters List and Each.
type ListOptions struct {
	Provider string // AWS, AZURE or GCP
	Type     string // key, arn, token or azure_token (the same as token)
	PerPage  int
}

// List returns every credential of the namespace (Each, collected).
func (a *API) List(ctx context.Context, namespace string, opts ListOptions) ([]AccessCredential, error) {
	return client.Collect(a.Each(ctx, namespace, opts))
}

// Each yields every credential of the namespace, asking for the 1-based
// pages (spec PaginationMetadata: page skips (page - 1) * per_page items)
// one at a time and only when the caller has taken the previous one, so a
// caller that stops early (a list resource at Terraform's limit) sends no
// further request. An error is yielded once, last.
//
// It stops at pagination_metadata.total_pages (the server may clamp
// per_page, so its own figure is trusted), on an empty page, without
// metadata on a short page, and on a page that brings no name it has not
// seen (a server ignoring `page` would otherwise be read forever). Names are
// unique in a namespace: one seen twice, shifted by a change between pages,
// is yielded once.
func (a *API) Each(ctx context.Context, namespace string, opts ListOptions) iter.Seq2[AccessCredential, error] {
	return func(yield func(AccessCredential, error) bool) {
		perPage := opts.PerPage
		if perPage <= 0 {
			perPage = 100
		}
		seen := map[string]bool{}
		for page := 1; ; page++ {
			q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(perPage)}}
			if opts.Provider != "" {
				q.Set("provider", opts.Provider)
			}
			if opts.Type != "" {
				q.Set("type", opts.Type)
			}
			resp, err := a.c.Do(ctx, client.Request{Method: http.MethodGet, Path: credentialsPath(namespace), Query: q})
			if err != nil {
				yield(AccessCredential{}, err)
				return
			}
			var p listPage
			if err := resp.Decode(&p); err != nil {
				yield(AccessCredential{}, resp.Undecodable(err))
				return
			}
			added := 0
			for _, c := range p.Credentials {
				if seen[c.Name] {
					continue
				}
				seen[c.Name] = true
				added++
				// The spec documents the provider filter; an item the answer
				// says is of another provider is still left out, should a
				// server ignore it.
				if opts.Provider != "" && c.Provider != "" && c.Provider != opts.Provider {
					continue
				}
				if !yield(c, nil) {
					return
				}
			}
			switch m := p.PaginationMetadata; {
			case added == 0:
				return
			case m != nil && m.TotalPages <= page:
				return
			case m == nil && len(p.Credentials) < perPage:
				return
			}
		}
	}
}
