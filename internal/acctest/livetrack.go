package acctest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// A live run cannot count requests or list a tenant's objects the way the
// sandbox checks do, so it proves cleanup another way: the provider served to
// Terraform records every object a create returns, and when the test ends each
// one is read back from the real API. One still there is a leak: the test
// fails and the object is deleted, so a bug in a destroy never leaves
// anything behind.

// liveObject is one object a create returned: its resource type and the
// string attributes of its new state.
type liveObject struct {
	Type  string
	Attrs map[string]string
}

func (o liveObject) String() string {
	k := liveKinds[o.Type]
	if k == nil {
		return o.Type
	}
	parts := make([]string, len(k.id))
	for i, a := range k.id {
		parts[i] = a + "=" + o.Attrs[a]
	}
	return o.Type + " " + strings.Join(parts, " ")
}

// created holds the objects recorded since the last leak check.
var created struct {
	sync.Mutex
	objs []liveObject
}

func record(o liveObject) {
	created.Lock()
	defer created.Unlock()
	created.objs = append(created.objs, o)
}

func takeCreated() []liveObject {
	created.Lock()
	defer created.Unlock()
	objs := created.objs
	created.objs = nil
	return objs
}

// serveProvider wraps the provider server in a live run so creates are recorded.
func serveProvider(serve func() (tfprotov6.ProviderServer, error)) func() (tfprotov6.ProviderServer, error) {
	if !Live() {
		return serve
	}
	return recording(serve)
}

// recording wraps each provider server serve makes in a recordingServer.
func recording(serve func() (tfprotov6.ProviderServer, error)) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		s, err := serve()
		if err != nil {
			return nil, err
		}
		rs := &recordingServer{ProviderServer: s}
		if ls, ok := s.(tfprotov6.ProviderServerWithListResource); ok { //nolint:staticcheck // still how tf6server finds list resources
			// The embedded interface hides the list RPCs, and without
			// them Terraform cannot run a list block in a live run.
			return recordingListServer{rs, ls}, nil
		}
		return rs, nil
	}
}

// recordingListServer is a recordingServer of a provider with list
// resources: list blocks go straight to the provider (a query creates
// nothing, so there is nothing to record).
type recordingListServer struct {
	*recordingServer
	list tfprotov6.ListResourceServer
}

func (s recordingListServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return s.list.ValidateListResourceConfig(ctx, req)
}

func (s recordingListServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return s.list.ListResource(ctx, req)
}

// recordingServer is the provider server, recording what creates return.
type recordingServer struct {
	tfprotov6.ProviderServer
	once  sync.Once
	types map[string]tftypes.Type
}

func (s *recordingServer) stateType(ctx context.Context, typeName string) tftypes.Type {
	s.once.Do(func() {
		s.types = map[string]tftypes.Type{}
		resp, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || resp == nil {
			return
		}
		for name, sch := range resp.ResourceSchemas {
			s.types[name] = sch.ValueType()
		}
	})
	return s.types[typeName]
}

func (s *recordingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp == nil || resp.NewState == nil {
		return resp, err
	}
	typ := s.stateType(ctx, req.TypeName)
	if typ == nil || !isNull(req.PriorState, typ) {
		return resp, err
	}
	// Recorded even when the create reports an error: a state that comes
	// back (a tainted object) may name something that exists.
	if attrs, ok := stringAttrs(*resp.NewState, typ); ok {
		record(liveObject{Type: req.TypeName, Attrs: attrs})
	}
	return resp, err
}

func isNull(v *tfprotov6.DynamicValue, typ tftypes.Type) bool {
	if v == nil {
		return true
	}
	val, err := v.Unmarshal(typ)
	return err != nil || val.IsNull()
}

// stringAttrs reads the known string attributes of a non-null object state.
func stringAttrs(v tfprotov6.DynamicValue, typ tftypes.Type) (map[string]string, bool) {
	val, err := v.Unmarshal(typ)
	if err != nil || val.IsNull() || !val.IsKnown() {
		return nil, false
	}
	var fields map[string]tftypes.Value
	if err := val.As(&fields); err != nil {
		return nil, false
	}
	out := map[string]string{}
	for k, f := range fields {
		if !f.Type().Equal(tftypes.String) || f.IsNull() || !f.IsKnown() {
			continue
		}
		var s string
		if f.As(&s) == nil {
			out[k] = s
		}
	}
	return out, true
}

// liveKind reads and deletes one resource type's objects on the real API.
type liveKind struct {
	id     []string // state attributes that identify the object, in call order
	get    func(ctx context.Context, c *base.Clients, id []string) error
	delete func(ctx context.Context, c *base.Clients, id []string) error
}

// liveKindOf reads and deletes with the typed API of svc.
func liveKindOf[T any](svc *client.Service, id []string, get, del func(ctx context.Context, api T, id []string) error) *liveKind {
	with := func(c *base.Clients, call func(T) error) error {
		api, ok := base.API[T](c, svc)
		if !ok {
			return fmt.Errorf("the %s service is not configured from the environment", svc.Block)
		}
		return call(api)
	}
	return &liveKind{
		id: id,
		get: func(ctx context.Context, c *base.Clients, id []string) error {
			return with(c, func(api T) error { return get(ctx, api, id) })
		},
		delete: func(ctx context.Context, c *base.Clients, id []string) error {
			return with(c, func(api T) error { return del(ctx, api, id) })
		},
	}
}

// liveKinds covers every resource type with a read; a Vectorize connector
// user has none and goes with its connector.
var liveKinds = map[string]*liveKind{
	"conduit_org_connection": liveKindOf(&auth0.Service, []string{"organization_id", "connection_id"},
		func(ctx context.Context, api *auth0.API, id []string) error {
			_, err := api.Get(ctx, id[0], id[1])
			return err
		},
		func(ctx context.Context, api *auth0.API, id []string) error { return api.Delete(ctx, id[0], id[1]) }),
	"conduit_versori_connection": liveKindOf(&versori.Service, []string{"organisation_id", "id"},
		func(ctx context.Context, api *versori.API, id []string) error {
			_, err := api.Get(ctx, id[0], id[1])
			return err
		},
		func(ctx context.Context, api *versori.API, id []string) error {
			return api.Delete(ctx, id[0], id[1], false)
		}),
	"conduit_vectorize_source_connector": liveKindOf(&vectorize.Service, []string{"organization_id", "id"},
		func(ctx context.Context, api *vectorize.API, id []string) error {
			_, err := api.Get(ctx, id[0], id[1])
			return err
		},
		func(ctx context.Context, api *vectorize.API, id []string) error { return api.Delete(ctx, id[0], id[1]) }),
	"conduit_tiledb_credential": liveKindOf(&tiledb.Service, []string{"namespace", "name"},
		func(ctx context.Context, api *tiledb.API, id []string) error {
			_, err := api.Get(ctx, id[0], id[1])
			return err
		},
		func(ctx context.Context, api *tiledb.API, id []string) error { return api.Delete(ctx, id[0], id[1]) }),
}

// watchLeaks checks, when the test ends (after its destroy), that everything
// recorded since the previous check is gone from the real API.
func watchLeaks(t *testing.T) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		for _, problem := range checkGone(ctx, takeCreated()) {
			t.Error(problem)
		}
	})
}

// checkGone reads each object back and deletes the ones still there; it
// returns one problem per leak or failed check.
func checkGone(ctx context.Context, objs []liveObject) []string {
	var problems []string
	var clients *base.Clients
	for _, o := range objs {
		k := liveKinds[o.Type]
		if k == nil {
			continue
		}
		id := make([]string, len(k.id))
		for i, a := range k.id {
			id[i] = o.Attrs[a]
			if id[i] == "" {
				id = nil
				break
			}
		}
		if id == nil {
			// A placeholder kept after a lost answer has no id yet; the
			// provider resolves it by name, and so must whoever cleans up.
			problems = append(problems, fmt.Sprintf("leak check: %s has no id to read back; look for it by name (%s…)", o, NameStem))
			continue
		}
		if clients == nil {
			var err error
			if clients, err = liveClients(ctx); err != nil {
				return append(problems, "leak check: "+err.Error())
			}
		}
		err := k.get(ctx, clients, id)
		if client.IsNotFound(err) {
			continue
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("leak check: reading %s back: %v", o, err))
			continue
		}
		msg := fmt.Sprintf("leak: %s still exists after the test's destroy", o)
		if err := k.delete(ctx, clients, id); err != nil {
			msg += fmt.Sprintf("; deleting it failed, delete it by hand: %v", err)
		} else {
			msg += "; it has been deleted"
		}
		problems = append(problems, msg)
	}
	return problems
}

// liveClients configures the provider as Terraform does with an empty
// provider block, so the leak check reads with the same environment
// fallbacks, defaults and authentication as the provider under test.
func liveClients(ctx context.Context) (*base.Clients, error) {
	p := provider.New("acctest")()
	var sr fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &sr)
	typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("provider schema is not an object")
	}
	nulls := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		nulls[name] = tftypes.NewValue(at, nil)
	}
	req := fwprovider.ConfigureRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nulls)}}
	var resp fwprovider.ConfigureResponse
	p.Configure(ctx, req, &resp)
	if resp.Diagnostics.HasError() {
		var msgs []string
		for _, d := range resp.Diagnostics.Errors() {
			msgs = append(msgs, d.Summary()+": "+d.Detail())
		}
		return nil, fmt.Errorf("configuring the provider from the environment: %s", strings.Join(msgs, "; "))
	}
	c, ok := resp.ResourceData.(*base.Clients)
	if !ok {
		return nil, fmt.Errorf("the provider's Configure handed no clients")
	}
	return c, nil
}
