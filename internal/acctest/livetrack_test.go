package acctest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// droppingDeletes is a provider whose destroy reports success without
// sending anything: the bug the leak check is there to catch.
type droppingDeletes struct{ tfprotov6.ProviderServer }

func (d droppingDeletes) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if typ := (&recordingServer{ProviderServer: d.ProviderServer}).stateType(ctx, req.TypeName); typ != nil && isNull(req.PlannedState, typ) {
		return &tfprotov6.ApplyResourceChangeResponse{NewState: req.PlannedState}, nil
	}
	return d.ProviderServer.ApplyResourceChange(ctx, req)
}

// TestLiveRunAgainstAStandIn runs a live test end to end with a sandbox
// standing in for Auth0's real API, reached only through the environment as
// a live run reaches the real one: the objects a create returns are
// recorded, an honest destroy leaves nothing for the leak check, and a
// destroy that sends nothing is caught and its object deleted.
func TestLiveRunAgainstAStandIn(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("drives the Terraform CLI: needs TF_ACC=1")
	}
	sb := StartSandbox(t)
	if sb == nil {
		t.Skip("needs a sandbox; not under CONDUIT_ACC_LIVE")
	}
	clearVendorEnv(t)
	for k, v := range sb.Env() {
		t.Setenv(k, v)
	}
	t.Setenv(EnvAuth0Org, sbauth0.OrgAcme)
	t.Setenv(EnvAuth0Connection, sbauth0.ConDatabase)
	t.Setenv("CONDUIT_ACC_LIVE", "1")
	allowLocalEndpoints = true
	t.Cleanup(func() { allowLocalEndpoints = false })
	f := flag.Lookup("test.parallel")
	old := f.Value.String()
	t.Cleanup(func() { _ = f.Value.Set(old) })
	_ = f.Value.Set("1")
	takeCreated()

	serve := providerserver.NewProtocol6WithError(provider.New("acctest")())
	run := func(name string, serve func() (tfprotov6.ProviderServer, error)) (objs []liveObject) {
		t.Run(name, func(t *testing.T) {
			PreCheckVendor(t, LiveAuth0)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){"conduit": recording(serve)},
				Steps: []resource.TestStep{{
					// The provider block of a live run: the environment only.
					Config: StartSandbox(t).Config(fmt.Sprintf("resource \"conduit_org_connection\" \"test\" {\n  organization_id = %q\n  connection_id = %q\n}\n",
						Env(EnvAuth0Org), Env(EnvAuth0Connection))),
				}},
			})
			// Taken before the subtest's own leak check, which would fail it.
			objs = takeCreated()
		})
		return objs
	}

	objs := run("honest", serve)
	if len(objs) != 1 || objs[0].String() != "conduit_org_connection organization_id="+sbauth0.OrgAcme+" connection_id="+sbauth0.ConDatabase {
		t.Fatalf("recorded %v, want the one pair", objs)
	}
	if n := sb.Counts()["POST /api/v2/organizations/{id}/connections"]; n != 1 {
		t.Fatalf("the stand-in saw %d creates, want 1: %v", n, sb.Counts())
	}
	if p := checkGone(t.Context(), objs); len(p) != 0 {
		t.Fatalf("honest destroy: %v", p)
	}

	objs = run("dropping deletes", func() (tfprotov6.ProviderServer, error) {
		s, err := serve()
		return droppingDeletes{s}, err
	})
	if len(sb.Objects("auth0")) != 1 {
		t.Fatal("the dropped delete removed the pair anyway")
	}
	p := checkGone(t.Context(), objs)
	if len(p) != 1 || !strings.HasPrefix(p[0], "leak: conduit_org_connection") || !strings.HasSuffix(p[0], "it has been deleted") {
		t.Fatalf("leak check: %v", p)
	}
	if n := len(sb.Objects("auth0")); n != 0 {
		t.Fatalf("%d auth0 objects left after the leak check", n)
	}

	// A list block reaches the provider through the recorder, as live list
	// tests need; the pair the first step makes is listed, then destroyed.
	sb.ResetCounts()
	queried := false
	t.Run("query", func(t *testing.T) {
		PreCheckVendor(t, LiveAuth0)
		org, con := Env(EnvAuth0Org), Env(EnvAuth0Connection)
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   NeedsQuery,
			ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){"conduit": recording(serve)},
			Steps: []resource.TestStep{
				{Config: StartSandbox(t).Config(fmt.Sprintf("resource \"conduit_org_connection\" \"test\" {\n  organization_id = %q\n  connection_id = %q\n}\n", org, con))},
				{
					Query:  true,
					Config: fmt.Sprintf("list \"conduit_org_connection\" \"all\" {\n  provider = conduit\n  config {\n    organization_id = %q\n  }\n}\n", org),
					QueryResultChecks: []querycheck.QueryResultCheck{
						querycheck.ExpectIdentity("conduit_org_connection.all", map[string]knownvalue.Check{
							"organization_id": knownvalue.StringExact(org), "connection_id": knownvalue.StringExact(con),
						}),
					},
				},
			},
		})
		queried = true
	})
	if queried {
		if n := sb.Counts()["GET /api/v2/organizations/{id}/connections"]; n != 1 {
			t.Fatalf("the stand-in saw %d list requests, want 1: %v", n, sb.Counts())
		}
		if n := len(sb.Objects("auth0")); n != 0 {
			t.Fatalf("%d auth0 objects left after the query run", n)
		}
	}
}

// listStub is a provider server with list resources that answers every
// list block with one result.
type listStub struct {
	tfprotov6.ProviderServer
	lists, validations int
}

func (s *listStub) ValidateListResourceConfig(context.Context, *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	s.validations++
	return &tfprotov6.ValidateListResourceConfigResponse{}, nil
}

func (s *listStub) ListResource(context.Context, *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	s.lists++
	return &tfprotov6.ListResourceServerStream{Results: func(yield func(tfprotov6.ListResourceResult) bool) {
		yield(tfprotov6.ListResourceResult{DisplayName: "one"})
	}}, nil
}

// TestRecordingKeepsListResources: the live recorder serves the list RPCs of
// a provider that has them (tf6server finds them by this interface, and
// reports list blocks unsupported without it), and adds none to one that
// does not.
func TestRecordingKeepsListResources(t *testing.T) {
	stub := &listStub{}
	s, err := recording(func() (tfprotov6.ProviderServer, error) { return stub, nil })()
	if err != nil {
		t.Fatal(err)
	}
	ls, ok := s.(tfprotov6.ProviderServerWithListResource) //nolint:staticcheck // still how tf6server finds list resources
	if !ok {
		t.Fatalf("%T hides the list RPCs", s)
	}
	if _, err := ls.ValidateListResourceConfig(t.Context(), &tfprotov6.ValidateListResourceConfigRequest{}); err != nil {
		t.Fatal(err)
	}
	stream, err := ls.ListResource(t.Context(), &tfprotov6.ListResourceRequest{TypeName: "conduit_org_connection"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for r := range stream.Results {
		names = append(names, r.DisplayName)
	}
	if stub.validations != 1 || stub.lists != 1 || len(names) != 1 || names[0] != "one" {
		t.Fatalf("forwarded %d validations, %d lists, results %q; want 1, 1, [one]", stub.validations, stub.lists, names)
	}

	plain, err := recording(func() (tfprotov6.ProviderServer, error) { return droppingDeletes{}, nil })()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := plain.(tfprotov6.ProviderServerWithListResource); ok { //nolint:staticcheck // still how tf6server finds list resources
		t.Fatalf("%T claims list RPCs its provider lacks", plain)
	}
	// The provider itself has them, so live list tests can run.
	served, err := recording(providerserver.NewProtocol6WithError(provider.New("acctest")()))()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := served.(tfprotov6.ProviderServerWithListResource); !ok { //nolint:staticcheck // still how tf6server finds list resources
		t.Fatalf("the recorded provider (%T) has no list RPCs", served)
	}
}
