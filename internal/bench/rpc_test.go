package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http/httptest"
	"runtime/debug"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/bench/twinprovider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
	conduit "github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// rpcHarness drives a provider server in this process with the calls
// Terraform makes for the benchmark's objects, phase by phase, so that the
// provider's own CPU per object can be measured and profiled without
// Terraform (go test -bench RPC -cpuprofile): conduit against the sandbox,
// and twin.
type rpcHarness struct {
	t       testing.TB
	ctx     context.Context
	s       tfprotov6.ProviderServer
	prefix  string
	schemas map[string]*tfprotov6.Schema
	sb      *sandbox.Server
	next    int
}

// object is one resource's state between the phases.
type object struct {
	kind, i  int
	state    *tfprotov6.DynamicValue
	private  []byte
	identity *tfprotov6.ResourceIdentityData
}

func newHarness(t testing.TB, subj Subject) *rpcHarness {
	t.Helper()
	h := &rpcHarness{t: t, ctx: context.Background(), prefix: string(subj)}
	// As pluginserve.QuietUnlessShown sets them in the benchmark's runs,
	// where Terraform has no TF_LOG.
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_CONDUIT", "TF_LOG_PROVIDER_TWIN"} {
		t.Setenv(k, "off")
	}
	var p func() provider.Provider
	switch subj {
	case SubjectConduit:
		creds := sandbox.DefaultCredentials()
		h.sb = sandbox.NewWithCredentials(creds)
		srv := httptest.NewServer(h.sb)
		t.Cleanup(srv.Close)
		for k, v := range conduit.Env(creds.Blocks(srv.URL)) {
			t.Setenv(k, v)
		}
		t.Setenv("CONDUIT_BATCH_READS", "false")
		p = conduit.New("bench")
	case SubjectTwin:
		p = twinprovider.New
	default:
		t.Fatalf("no harness for %s", subj)
	}
	h.s = pluginserve.Wrap(providerserver.NewProtocol6(p())())
	ps, err := h.s.GetProviderSchema(h.ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || diagErr(ps.Diagnostics) != "" {
		t.Fatalf("GetProviderSchema: %v %s", err, diagErr(ps.Diagnostics))
	}
	h.schemas = ps.ResourceSchemas
	cfg := nullObject(ps.Provider.ValueType().(tftypes.Object))
	cr, err := h.s.ConfigureProvider(h.ctx, &tfprotov6.ConfigureProviderRequest{Config: dv(t, cfg)})
	if err != nil || diagErr(cr.Diagnostics) != "" {
		t.Fatalf("ConfigureProvider: %v %s", err, diagErr(cr.Diagnostics))
	}
	return h
}

func diagErr(ds []*tfprotov6.Diagnostic) string {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return d.Summary + ": " + d.Detail
		}
	}
	return ""
}

func dv(t testing.TB, v tftypes.Value) *tfprotov6.DynamicValue {
	d, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

func nullObject(typ tftypes.Object) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for k, at := range typ.AttributeTypes {
		vals[k] = tftypes.NewValue(at, nil)
	}
	return tftypes.NewValue(typ, vals)
}

func (h *rpcHarness) typeName(kind int) string {
	return h.prefix + Kinds[kind].Resource[len("conduit"):]
}

func (h *rpcHarness) schema(kind int) (*tfprotov6.Schema, tftypes.Object) {
	s := h.schemas[h.typeName(kind)]
	if s == nil {
		h.t.Fatalf("no schema for %s", h.typeName(kind))
	}
	return s, s.ValueType().(tftypes.Object)
}

// config is object i's configuration as the benchmark writes it (Config).
func (h *rpcHarness) config(kind, i, version int) tftypes.Value {
	_, typ := h.schema(kind)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	set := map[string]tftypes.Value{}
	suffix := ""
	if version > 1 {
		suffix = fmt.Sprintf("-v%d", version)
	}
	switch kind {
	case 0:
		level := "readonly"
		if version > 1 {
			level = "limited"
		}
		set["organization_id"], set["connection_id"] = str(OrgID(i)), str(sbauth0.ConDatabase)
		set["organization_connection_name"], set["organization_access_level"] = str(fmt.Sprintf("bench-%d%s", i, suffix)), str(level)
	case 1:
		set["name"], set["base_url"] = str(fmt.Sprintf("bench-%d%s", i, suffix)), str(fmt.Sprintf("https://api.example.com/%d", i))
	case 2:
		set["name"], set["type"] = str(fmt.Sprintf("bench-%d", i)), str("WEB_CRAWLER")
		set["config"] = str(fmt.Sprintf(`{"max-depth":%d,"seed-urls":["https://docs.example.com/%d"]}`, 2+version, i))
	case 3:
		set["name"], set["allowed_in_tasks"] = str(fmt.Sprintf("bench-%d", i)), tftypes.NewValue(tftypes.Bool, version > 1)
		key := nullObject(typ.AttributeTypes["aws_access_key"].(tftypes.Object))
		var attrs map[string]tftypes.Value
		if err := key.As(&attrs); err != nil {
			h.t.Fatal(err)
		}
		attrs["access_key_id"], attrs["secret_access_key"] = str(fmt.Sprintf("AKIABENCH%011d", i)), str(fmt.Sprintf("bench-secret-%d", i))
		set["aws_access_key"] = tftypes.NewValue(key.Type(), attrs)
	}
	vals := map[string]tftypes.Value{}
	for k, at := range typ.AttributeTypes {
		vals[k] = tftypes.NewValue(at, nil)
	}
	for k, v := range set {
		vals[k] = v
	}
	return tftypes.NewValue(typ, vals)
}

// proposed is Terraform's proposed new state, as far as the benchmark's
// configurations need it: the configuration, with the prior value of each
// computed attribute the configuration leaves null.
func (h *rpcHarness) proposed(kind int, prior *tfprotov6.DynamicValue, config tftypes.Value) tftypes.Value {
	s, typ := h.schema(kind)
	var cfg map[string]tftypes.Value
	if err := config.As(&cfg); err != nil {
		h.t.Fatal(err)
	}
	priorAttrs := map[string]tftypes.Value{}
	if prior != nil {
		pv, err := prior.Unmarshal(typ)
		if err != nil {
			h.t.Fatal(err)
		}
		if !pv.IsNull() {
			if err := pv.As(&priorAttrs); err != nil {
				h.t.Fatal(err)
			}
		}
	}
	out := map[string]tftypes.Value{}
	for _, a := range s.Block.Attributes {
		v := cfg[a.Name]
		if a.WriteOnly {
			v = tftypes.NewValue(v.Type(), nil)
		} else if a.Computed && v.IsNull() {
			if p, ok := priorAttrs[a.Name]; ok {
				v = p
			}
		}
		out[a.Name] = v
	}
	return tftypes.NewValue(typ, out)
}

func (h *rpcHarness) check(what string, err error, ds []*tfprotov6.Diagnostic) {
	h.t.Helper()
	if err != nil {
		h.t.Fatalf("%s: %v", what, err)
	}
	if e := diagErr(ds); e != "" {
		h.t.Fatalf("%s: %s", what, e)
	}
}

// create is the apply phase of one object: validate, plan, apply.
func (h *rpcHarness) create(kind int) *object {
	i := h.next
	h.next++
	if kind == 0 && h.sb != nil {
		h.sb.Auth0().AddOrganization(OrgID(i))
	}
	o := &object{kind: kind, i: i}
	_, typ := h.schema(kind)
	cfg := h.config(kind, i, 1)
	h.validate(kind, cfg)
	null := dv(h.t, tftypes.NewValue(typ, nil))
	pr, err := h.s.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName(kind), PriorState: null, ProposedNewState: dv(h.t, h.proposed(kind, nil, cfg)), Config: dv(h.t, cfg),
	})
	h.check("plan create "+h.typeName(kind), err, pr.Diagnostics)
	ar, err := h.s.ApplyResourceChange(h.ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: h.typeName(kind), PriorState: null, PlannedState: pr.PlannedState, Config: dv(h.t, cfg),
		PlannedPrivate: pr.PlannedPrivate, PlannedIdentity: pr.PlannedIdentity,
	})
	h.check("create "+h.typeName(kind), err, ar.Diagnostics)
	o.state, o.private, o.identity = ar.NewState, ar.Private, ar.NewIdentity
	return o
}

func (h *rpcHarness) validate(kind int, cfg tftypes.Value) {
	vr, err := h.s.ValidateResourceConfig(h.ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: h.typeName(kind), Config: dv(h.t, cfg)})
	h.check("validate "+h.typeName(kind), err, vr.Diagnostics)
}

// plan is the plan phase of one object: upgrade its state, read it,
// validate the configuration and plan; the plan must be empty.
func (h *rpcHarness) plan(o *object) {
	s, typ := h.schema(o.kind)
	sv, err := o.state.Unmarshal(typ)
	if err != nil {
		h.t.Fatal(err)
	}
	raw, err := json.Marshal(jsonOf(sv))
	if err != nil {
		h.t.Fatal(err)
	}
	ur, err := h.s.UpgradeResourceState(h.ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: h.typeName(o.kind), Version: s.Version, RawState: &tfprotov6.RawState{JSON: raw}})
	h.check("upgrade "+h.typeName(o.kind), err, ur.Diagnostics)
	rr, err := h.s.ReadResource(h.ctx, &tfprotov6.ReadResourceRequest{
		TypeName: h.typeName(o.kind), CurrentState: ur.UpgradedState, Private: o.private, CurrentIdentity: o.identity,
	})
	h.check("read "+h.typeName(o.kind), err, rr.Diagnostics)
	cfg := h.config(o.kind, o.i, 1)
	h.validate(o.kind, cfg)
	pr, err := h.s.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName(o.kind), PriorState: rr.NewState, ProposedNewState: dv(h.t, h.proposed(o.kind, rr.NewState, cfg)), Config: dv(h.t, cfg),
		PriorPrivate: rr.Private, PriorIdentity: rr.NewIdentity,
	})
	h.check("plan "+h.typeName(o.kind), err, pr.Diagnostics)
	if len(pr.RequiresReplace) > 0 {
		h.t.Fatalf("plan of %s replaces %v", h.typeName(o.kind), pr.RequiresReplace)
	}
	planned, _ := pr.PlannedState.Unmarshal(typ)
	prior, _ := rr.NewState.Unmarshal(typ)
	if !planned.Equal(prior) {
		h.t.Fatalf("plan of %s is not empty:\nprior   %s\nplanned %s", h.typeName(o.kind), prior, planned)
	}
	o.state, o.private, o.identity = rr.NewState, rr.Private, rr.NewIdentity
}

// update is the update phase: plan and apply version 2, without refresh.
func (h *rpcHarness) update(o *object) {
	cfg := h.config(o.kind, o.i, 2)
	h.validate(o.kind, cfg)
	pr, err := h.s.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName(o.kind), PriorState: o.state, ProposedNewState: dv(h.t, h.proposed(o.kind, o.state, cfg)), Config: dv(h.t, cfg),
		PriorPrivate: o.private, PriorIdentity: o.identity,
	})
	h.check("plan update "+h.typeName(o.kind), err, pr.Diagnostics)
	ar, err := h.s.ApplyResourceChange(h.ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: h.typeName(o.kind), PriorState: o.state, PlannedState: pr.PlannedState, Config: dv(h.t, cfg),
		PlannedPrivate: pr.PlannedPrivate, PlannedIdentity: pr.PlannedIdentity,
	})
	h.check("update "+h.typeName(o.kind), err, ar.Diagnostics)
	o.state, o.private, o.identity = ar.NewState, ar.Private, ar.NewIdentity
}

// destroy is the destroy phase: plan and apply the deletion.
func (h *rpcHarness) destroy(o *object) {
	_, typ := h.schema(o.kind)
	null := dv(h.t, tftypes.NewValue(typ, nil))
	pr, err := h.s.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: h.typeName(o.kind), PriorState: o.state, ProposedNewState: null, Config: null, PriorPrivate: o.private, PriorIdentity: o.identity,
	})
	h.check("plan destroy "+h.typeName(o.kind), err, pr.Diagnostics)
	ar, err := h.s.ApplyResourceChange(h.ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: h.typeName(o.kind), PriorState: o.state, PlannedState: pr.PlannedState, Config: null, PlannedPrivate: pr.PlannedPrivate,
		PlannedIdentity: pr.PlannedIdentity,
	})
	h.check("destroy "+h.typeName(o.kind), err, ar.Diagnostics)
}

// jsonOf is a value as Terraform writes it into state.
func jsonOf(v tftypes.Value) any {
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return json.Number(f.Text('g', -1))
	case v.Type().Is(tftypes.Object{}), v.Type().Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		out := map[string]any{}
		for k, e := range m {
			out[k] = jsonOf(e)
		}
		return out
	default:
		var l []tftypes.Value
		_ = v.As(&l)
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = jsonOf(e)
		}
		return out
	}
}

// TestRPCHarness runs the benchmark's cycle for one object of each kind
// through conduit (against the sandbox) and twin in this process: every
// call succeeds and the plan after apply is empty, as `make bench` requires
// of Terraform's runs.
func TestRPCHarness(t *testing.T) {
	for _, subj := range []Subject{SubjectConduit, SubjectTwin} {
		t.Run(string(subj), func(t *testing.T) {
			h := newHarness(t, subj)
			for k := range Kinds {
				o := h.create(k)
				h.plan(o)
				h.update(o)
				h.destroy(o)
			}
			if h.sb != nil {
				for _, k := range Kinds {
					if n := len(h.sb.Objects(k.Vendor)); n != 0 {
						t.Errorf("%s holds %d objects after destroy", k.Vendor, n)
					}
				}
			}
		})
	}
}

// BenchmarkRPC is the provider's own work per object of each phase (one
// op: one object of each of the four kinds), in this process: conduit
// against the in-process sandbox, and twin. The other phases run with the
// timer stopped.
func BenchmarkRPC(b *testing.B) {
	for _, subj := range []Subject{SubjectConduit, SubjectTwin} {
		for _, p := range Phases {
			b.Run(string(subj)+"/"+string(p), func(b *testing.B) {
				h := newHarness(b, subj)
				// As pluginserve.TuneGC sets it in the providers' processes.
				defer debug.SetGCPercent(debug.SetGCPercent(400))
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					for k := range Kinds {
						timed := func(ph Phase, f func()) {
							if ph != p {
								b.StopTimer()
								defer b.StartTimer()
							}
							f()
						}
						var o *object
						timed(PhaseApply, func() { o = h.create(k) })
						timed(PhasePlan, func() { h.plan(o) })
						timed(PhaseUpdate, func() { h.update(o) })
						timed(PhaseDestroy, func() { h.destroy(o) })
					}
				}
			})
		}
	}
}
