package base

import (
	"context"
	"encoding/json"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// A resource whose id the server assigns cannot keep an object in state by id
// when its create's outcome stayed unknown. It keeps a placeholder instead: the
// planned object with an empty id, and in private state what the create sent,
// so that the next read (or a delete) finds the object by name and adopts it,
// or forgets the placeholder when nothing was created.

// PrivatePendingCreate is the private-state key of a placeholder's create.
const PrivatePendingCreate = "pending_create"

// PendingCreate is what a placeholder remembers of its create.
type PendingCreate struct {
	Name string `json:"name"`
	// Kind is the type or protocol the create sent.
	Kind  string    `json:"kind"`
	Since time.Time `json:"since"`
}

// PrivateGetter reads private state (the request's Private).
type PrivateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// PrivateSetter writes private state (the response's Private).
type PrivateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// SavePending records the create a placeholder stands for.
func SavePending(ctx context.Context, private PrivateSetter, p PendingCreate) diag.Diagnostics {
	raw, err := json.Marshal(p)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to record the pending create", err.Error())
		return diags
	}
	return private.SetKey(ctx, PrivatePendingCreate, raw)
}

// LoadPending returns the create a placeholder stands for, or nil for a real
// object (one with an id).
func LoadPending(ctx context.Context, id string, private PrivateGetter) (*PendingCreate, diag.Diagnostics) {
	if id != "" || private == nil {
		return nil, nil
	}
	raw, diags := private.GetKey(ctx, PrivatePendingCreate)
	if diags.HasError() || len(raw) == 0 {
		return nil, diags
	}
	var p PendingCreate
	if err := json.Unmarshal(raw, &p); err != nil {
		diags.AddError("Unreadable pending create in private state", err.Error())
		return nil, diags
	}
	return &p, diags
}

// ClearPending drops the record once the placeholder is resolved.
func ClearPending(ctx context.Context, private PrivateSetter) diag.Diagnostics {
	return private.SetKey(ctx, PrivatePendingCreate, nil)
}
