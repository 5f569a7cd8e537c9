package base

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
)

// ListItem is one listed object as a list resource reports it: the resource
// model exactly as Read would set it from the same answer (built by the
// resource's own mapping function, not a copy of it) and its display name.
type ListItem[M any] struct {
	Model       M
	DisplayName string
}

// StreamList answers a list resource's List from items, an iterator over the
// vendor's list that fetches a page only when the previous one is used up.
// It stops after req.Limit results (Terraform sends 100 when the list block
// sets no limit) or when Terraform stops reading, so no page past the limit
// is requested. Every result carries the identity, taken from the model;
// the model itself is sent only with include_resource (the framework drops
// it otherwise). An error ends the stream with one diagnostic naming what
// failed (method, path, status and the vendor's message).
func StreamList[T, M any](ctx context.Context, req list.ListRequest, stream *list.ListResultsStream,
	id Identity, action string, items iter.Seq2[T, error], item func(T) ListItem[M],
) {
	stream.Results = func(push func(list.ListResult) bool) {
		if req.Limit <= 0 {
			return
		}
		var n int64
		for obj, err := range items {
			if err != nil {
				var diags diag.Diagnostics
				AddError(&diags, action, err)
				push(list.ListResult{Diagnostics: diags})
				return
			}
			it := item(obj)
			r := req.NewListResult(ctx)
			r.DisplayName = it.DisplayName
			r.Diagnostics.Append(r.Resource.Set(ctx, &it.Model)...)
			if !r.Diagnostics.HasError() {
				r.Diagnostics.Append(id.Set(ctx, r.Resource, r.Identity)...)
			}
			if !push(r) {
				return
			}
			if n++; n >= req.Limit {
				return
			}
		}
	}
}

// ListDiagnostics ends a list resource's stream before any request, for a
// configuration it cannot use (a service not configured, a scope missing).
func ListDiagnostics(stream *list.ListResultsStream, diags diag.Diagnostics) {
	stream.Results = list.ListResultsStreamDiagnostics(diags)
}
