// Package pluginserve serves a terraform-plugin-framework provider over
// protocol 6 as providerserver.Serve does, minus three costs the framework's
// defaults put on every resource, which make bench measures:
//
//   - logs nobody reads: see QuietUnlessShown;
//   - garbage collections of a tiny heap: see TuneGC;
//   - memory that grows with every request: the framework keeps the cancel
//     function of each RPC's context until the provider is stopped (for
//     StopProvider), and with it the whole context chain: the gRPC stream,
//     the loggers and their fields, some 40 KB per resource and phase. Each
//     RPC is handed a context that lets go of that chain when the RPC returns.
package pluginserve

import (
	"context"
	"os"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve serves the provider at address (e.g. registry.terraform.io/x/y);
// name is its type name, for QuietUnlessShown. With debug, it runs in
// managed debug mode and logs are left as they are.
func Serve(address, name string, p func() provider.Provider, debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		QuietUnlessShown(name)
	}
	TuneGC()
	return tf6server.Serve(address, func() tfprotov6.ProviderServer {
		return Wrap(providerserver.NewProtocol6(p())())
	}, opts...)
}

// The provider's live heap is a few MB whatever the configuration's size
// (each RPC's values are garbage when it returns), so at Go's default GOGC=100
// it collects every few MB allocated: some 300 collections, a sixth of its
// CPU time, for an apply of 1000 resources. A larger growth factor makes that
// a quarter, and the soft memory limit brings the default back should the
// heap ever grow towards it.
const (
	gcPercent   = 400
	memoryLimit = 64 << 20
)

// TuneGC sets the collector to gcPercent with a soft limit of memoryLimit,
// unless GOGC or GOMEMLIMIT says how to collect. It reports whether it did.
func TuneGC() bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
	return true
}

// fullServer is what the framework's server implements: the optional
// interfaces too, which a wrapper must keep offering (they are deprecated
// only because their methods are moving into ProviderServer).
type fullServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // still how tf6server finds list resources
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // still how tf6server finds actions
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // still how tf6server finds state stores
}

// Wrap hands each resource, data source and function RPC of s a context
// released when the RPC returns. The streaming RPCs (ListResource,
// InvokeAction) keep theirs: their context outlives the call.
// A server without the optional interfaces (not the framework's) is
// returned as it is: a wrapper would hide them.
func Wrap(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	if full, ok := s.(fullServer); ok {
		return &wrapper{fullServer: full}
	}
	return s
}

// rpcContext is the context the framework sees for one RPC: values, deadline
// and cancellation of the RPC's own context until release, after which it
// holds only the (closed or never closed) done channel. Its Done channel is
// the RPC context's, so a context the framework derives from it is attached
// to the RPC context's cancellation directly, without a goroutine.
type rpcContext struct {
	inner    atomic.Pointer[holder]
	done     <-chan struct{}
	deadline time.Time
	hasDL    bool
}

type holder struct{ ctx context.Context }

func detach(ctx context.Context) *rpcContext {
	c := &rpcContext{done: ctx.Done()}
	c.deadline, c.hasDL = ctx.Deadline()
	c.inner.Store(&holder{ctx})
	return c
}

func (c *rpcContext) release() { c.inner.Store(nil) }

// Deadline implements context.Context.
func (c *rpcContext) Deadline() (time.Time, bool) { return c.deadline, c.hasDL }

// Done implements context.Context.
func (c *rpcContext) Done() <-chan struct{} { return c.done }

// Err implements context.Context.
func (c *rpcContext) Err() error {
	if h := c.inner.Load(); h != nil {
		return h.ctx.Err()
	}
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

// Value implements context.Context.
func (c *rpcContext) Value(key any) any {
	if h := c.inner.Load(); h != nil {
		return h.ctx.Value(key)
	}
	return nil
}

func call[Req, Resp any](ctx context.Context, req Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	c := detach(ctx)
	defer c.release()
	return f(c, req)
}

// wrapper keeps the optional interfaces (embedded) and replaces the RPCs below.
type wrapper struct{ fullServer }

// ValidateResourceConfig implements tfprotov6.ResourceServer.
func (w *wrapper) ValidateResourceConfig(ctx context.Context, r *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(ctx, r, w.fullServer.ValidateResourceConfig)
}

// UpgradeResourceState implements tfprotov6.ResourceServer.
func (w *wrapper) UpgradeResourceState(ctx context.Context, r *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(ctx, r, w.fullServer.UpgradeResourceState)
}

// ReadResource implements tfprotov6.ResourceServer.
func (w *wrapper) ReadResource(ctx context.Context, r *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(ctx, r, w.fullServer.ReadResource)
}

// PlanResourceChange implements tfprotov6.ResourceServer.
func (w *wrapper) PlanResourceChange(ctx context.Context, r *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(ctx, r, w.fullServer.PlanResourceChange)
}

// ApplyResourceChange implements tfprotov6.ResourceServer.
func (w *wrapper) ApplyResourceChange(ctx context.Context, r *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(ctx, r, w.fullServer.ApplyResourceChange)
}

// ImportResourceState implements tfprotov6.ResourceServer.
func (w *wrapper) ImportResourceState(ctx context.Context, r *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(ctx, r, w.fullServer.ImportResourceState)
}

// MoveResourceState implements tfprotov6.ResourceServer.
func (w *wrapper) MoveResourceState(ctx context.Context, r *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return call(ctx, r, w.fullServer.MoveResourceState)
}

// UpgradeResourceIdentity implements tfprotov6.ResourceServer.
func (w *wrapper) UpgradeResourceIdentity(ctx context.Context, r *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(ctx, r, w.fullServer.UpgradeResourceIdentity)
}

// ValidateDataResourceConfig implements tfprotov6.DataSourceServer.
func (w *wrapper) ValidateDataResourceConfig(ctx context.Context, r *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(ctx, r, w.fullServer.ValidateDataResourceConfig)
}

// ReadDataSource implements tfprotov6.DataSourceServer.
func (w *wrapper) ReadDataSource(ctx context.Context, r *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(ctx, r, w.fullServer.ReadDataSource)
}

// CallFunction implements tfprotov6.FunctionServer.
func (w *wrapper) CallFunction(ctx context.Context, r *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return call(ctx, r, w.fullServer.CallFunction)
}
