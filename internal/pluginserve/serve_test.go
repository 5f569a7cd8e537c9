package pluginserve

import (
	"context"
	"errors"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type emptyProvider struct{}

func (emptyProvider) Metadata(_ context.Context, _ provider.MetadataRequest, r *provider.MetadataResponse) {
	r.TypeName = "empty"
}
func (emptyProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (emptyProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (emptyProvider) Resources(context.Context) []func() resource.Resource       { return nil }
func (emptyProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type key struct{}

type payload struct{ _ [1 << 16]byte }

// retained reports whether a value carried by an RPC's context is still
// reachable after the RPC returned and its context was canceled.
func retained(t *testing.T, s tfprotov6.ProviderServer) bool {
	t.Helper()
	p := &payload{}
	w := weak.Make(p)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, p))
	if _, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "empty_thing"}); err != nil {
		t.Fatal(err)
	}
	cancel()
	for range 3 {
		runtime.GC()
	}
	gone := w.Value() == nil
	runtime.KeepAlive(s) // the server lives as long as the provider process
	return !gone
}

func TestWrapLetsGoOfRPCContexts(t *testing.T) {
	if !retained(t, providerserver.NewProtocol6(emptyProvider{})()) {
		t.Log("the framework no longer keeps RPC contexts: Wrap may be unneeded")
	}
	if retained(t, Wrap(providerserver.NewProtocol6(emptyProvider{})())) {
		t.Fatal("an RPC's context is still reachable after the RPC returned")
	}
}

func TestWrapKeepsTheOptionalInterfaces(t *testing.T) {
	if _, ok := Wrap(providerserver.NewProtocol6(emptyProvider{})()).(fullServer); !ok {
		t.Error("the wrapper hides list resources, actions or state stores")
	}
}

func TestRPCContextDelegatesUntilReleased(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), key{}, "v"), deadline)
	c := detach(parent)
	if c.Value(key{}) != "v" || c.Err() != nil {
		t.Fatalf("value %v, err %v", c.Value(key{}), c.Err())
	}
	if d, ok := c.Deadline(); !ok || !d.Equal(deadline) {
		t.Fatalf("deadline %v %v", d, ok)
	}
	// A context derived from it follows the RPC's cancellation.
	child, stop := context.WithCancel(c)
	defer stop()
	cancel()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("cancellation did not reach the derived context")
	}
	if !errors.Is(c.Err(), context.Canceled) {
		t.Fatalf("err %v", c.Err())
	}
	c.release()
	if c.Value(key{}) != nil || !errors.Is(c.Err(), context.Canceled) {
		t.Fatalf("after release: value %v, err %v", c.Value(key{}), c.Err())
	}
	live := detach(context.Background())
	live.release()
	if live.Err() != nil {
		t.Fatal("a released context that was never canceled reports an error")
	}
}

func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(100)
	if !TuneGC() {
		t.Fatal("TuneGC left the defaults without GOGC or GOMEMLIMIT")
	}
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GC percent = %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != memoryLimit {
		t.Errorf("memory limit = %d, want %d", got, memoryLimit)
	}

	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	if TuneGC() {
		t.Error("TuneGC overrode GOGC")
	}
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent = %d with GOGC=50, want 50", got)
	}
}
