package acctest

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// clearVendorEnv unsets every variable a live run reads, for this test.
func clearVendorEnv(t *testing.T) {
	for _, v := range Vendors {
		for _, e := range v.Variables(EnvVersoriAPIKeyCredential, "AUTH0_AUDIENCE") {
			t.Setenv(e, "")
		}
	}
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestVendorSkipReason(t *testing.T) {
	cases := []struct {
		name  string
		v     *Vendor
		env   map[string]string
		extra []string
		want  string // "" = configured
	}{
		{"auth0 nothing set", LiveAuth0, nil, nil,
			"live auth0 skipped: set AUTH0_DOMAIN, AUTH0_API_TOKEN (or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), CONDUIT_ACC_AUTH0_ORG, CONDUIT_ACC_AUTH0_CONNECTION (" + GuidePath + ")"},
		{"auth0 half of the client credentials", LiveAuth0, map[string]string{"AUTH0_DOMAIN": "d", "AUTH0_CLIENT_ID": "i", EnvAuth0Org: "o", EnvAuth0Connection: "c"}, nil,
			"live auth0 skipped: set AUTH0_API_TOKEN (or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET) ("},
		{"auth0 client credentials", LiveAuth0, map[string]string{"AUTH0_DOMAIN": "d", "AUTH0_CLIENT_ID": "i", "AUTH0_CLIENT_SECRET": "s", EnvAuth0Org: "o", EnvAuth0Connection: "c"}, nil, ""},
		{"auth0 sandbox endpoint", LiveAuth0, map[string]string{"AUTH0_DOMAIN": "d", "AUTH0_API_TOKEN": "x", EnvAuth0Org: "o", EnvAuth0Connection: "c", "AUTH0_ENDPOINT": "http://127.0.0.1:8080"}, nil,
			"live auth0 skipped: AUTH0_ENDPOINT=http://127.0.0.1:8080 is a local address"},
		{"auth0 regional endpoint", LiveAuth0, map[string]string{"AUTH0_DOMAIN": "d", "AUTH0_API_TOKEN": "x", EnvAuth0Org: "o", EnvAuth0Connection: "c", "AUTH0_ENDPOINT": "https://acme.eu.auth0.com"}, nil, ""},
		{"versori without the test's credential", LiveVersori, map[string]string{"VERSORI_API_KEY": "k", "VERSORI_ORGANISATION_ID": "o"}, []string{EnvVersoriAPIKeyCredential},
			"live versori skipped: set CONDUIT_ACC_VERSORI_API_KEY_CREDENTIAL ("},
		{"versori", LiveVersori, map[string]string{"VERSORI_API_KEY": "k", "VERSORI_ORGANISATION_ID": "o"}, nil, ""},
		{"vectorize by its other names", LiveVectorize, map[string]string{"VECTORIZE_TOKEN": "k", "VECTORIZE_ORG": "o"}, nil, ""},
		{"vectorize localhost", LiveVectorize, map[string]string{"VECTORIZE_API_KEY": "k", "VECTORIZE_ORGANIZATION_ID": "o", "VECTORIZE_ENDPOINT": "http://localhost:9/v1"}, nil,
			"live vectorize skipped: VECTORIZE_ENDPOINT=http://localhost:9/v1 is a local address"},
		{"tiledb without namespace", LiveTileDB, map[string]string{"TILEDB_REST_USERNAME": "u", "TILEDB_REST_PASSWORD": "p"}, nil,
			"live tiledb skipped: set TILEDB_NAMESPACE ("},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.v.SkipReason(env(c.env), c.extra...)
			if c.want == "" && got != "" || c.want != "" && !strings.HasPrefix(got, c.want) {
				t.Fatalf("SkipReason:\n  got  %q\n  want %q", got, c.want)
			}
		})
	}
}

// runsTo reports whether f ran to its end and whether its test skipped.
func runsTo(t *testing.T, f func(*testing.T)) (ran, skipped bool) {
	t.Helper()
	var sub *testing.T
	t.Run("probe", func(t *testing.T) {
		sub = t
		f(t)
		ran = true
	})
	return ran, sub.Skipped()
}

// TestLiveWithoutCredentials: CONDUIT_ACC_LIVE=1 and nothing else set, every
// kind of test skips before it could reach anything, and no sandbox exists
// for a test to talk to.
func TestLiveWithoutCredentials(t *testing.T) {
	clearVendorEnv(t)
	t.Setenv("TF_ACC", "1")
	t.Setenv("CONDUIT_ACC_LIVE", "1")
	for _, v := range Vendors {
		if ran, skipped := runsTo(t, func(t *testing.T) { PreCheckVendor(t, v) }); ran || !skipped {
			t.Errorf("%s: PreCheckVendor ran=%v skipped=%v, want a skip", v.Name, ran, skipped)
		}
	}
	if ran, skipped := runsTo(t, func(t *testing.T) { RequireSandbox(t, "fault injection") }); ran || !skipped {
		t.Errorf("RequireSandbox ran=%v skipped=%v, want a skip", ran, skipped)
	}
	if ran, skipped := runsTo(t, PreCheck); ran || !skipped {
		t.Errorf("PreCheck ran=%v skipped=%v, want a skip", ran, skipped)
	}
	sb := StartSandbox(t)
	if sb != nil {
		t.Fatal("StartSandbox started a sandbox in a live run")
	}
	// The provider block then carries no endpoint: only the environment's.
	if got := sb.Config(""); got != "provider \"conduit\" {}\n" {
		t.Errorf("live provider block = %q", got)
	}
	if !strings.HasPrefix(Name("x"), NameStem) || !strings.HasSuffix(Name("x"), "-x") {
		t.Errorf("Name(x) = %q in a live run", Name("x"))
	}
}

// TestLiveWithCredentialsRunsOneAtATime: a configured vendor runs, but only
// with -parallel 1, since its tests share one tenant.
func TestLiveWithCredentialsRunsOneAtATime(t *testing.T) {
	clearVendorEnv(t)
	t.Setenv("TF_ACC", "1")
	t.Setenv("CONDUIT_ACC_LIVE", "1")
	t.Setenv("VERSORI_API_KEY", "k")
	t.Setenv("VERSORI_ORGANISATION_ID", "o")
	f := flag.Lookup("test.parallel")
	old := f.Value.String()
	t.Cleanup(func() { _ = f.Value.Set(old) })
	if err := f.Value.Set("1"); err != nil {
		t.Fatal(err)
	}
	// Nothing is recorded, so the leak check at its end sends nothing.
	if ran, skipped := runsTo(t, func(t *testing.T) { PreCheckVendor(t, LiveVersori) }); !ran || skipped {
		t.Errorf("configured vendor: ran=%v skipped=%v, want it to run", ran, skipped)
	}
	if parallelism() != 1 {
		t.Fatal("flag not set")
	}
	if err := f.Value.Set("4"); err != nil {
		t.Fatal(err)
	}
	if parallelism() != 4 {
		t.Fatalf("parallelism() = %d, want 4", parallelism())
	}
}

// TestNotLiveChangesNothing: without CONDUIT_ACC_LIVE, the markers only ask
// for TF_ACC, tests get their sandbox and names stay the tests' own.
func TestNotLiveChangesNothing(t *testing.T) {
	clearVendorEnv(t)
	t.Setenv("CONDUIT_ACC_LIVE", "")
	t.Setenv("TF_ACC", "1")
	for _, f := range []func(*testing.T){
		func(t *testing.T) { PreCheckVendor(t, LiveAuth0) },
		func(t *testing.T) { RequireSandbox(t, "fault injection") },
		PreCheck,
	} {
		if ran, skipped := runsTo(t, f); !ran || skipped {
			t.Errorf("ran=%v skipped=%v, want it to run", ran, skipped)
		}
	}
	if sb := StartSandbox(t); sb == nil || !strings.HasPrefix(sb.URL, "http://127.0.0.1:") {
		t.Fatalf("StartSandbox = %+v, want a local sandbox", sb)
	}
	if Name("acc x") != "acc x" {
		t.Errorf("Name = %q, want the base", Name("acc x"))
	}
	s, err := serveProvider(func() (tfprotov6.ProviderServer, error) { return fakeServer{}, nil })()
	if err != nil {
		t.Fatal(err)
	}
	if _, wrapped := s.(*recordingServer); wrapped {
		t.Error("the provider is wrapped outside live runs")
	}
	t.Setenv("TF_ACC", "")
	if ran, skipped := runsTo(t, func(t *testing.T) { PreCheckVendor(t, LiveAuth0) }); ran || !skipped {
		t.Errorf("without TF_ACC: ran=%v skipped=%v, want a skip", ran, skipped)
	}
}

// fakeServer answers a schema of one resource type and applies the plan.
type fakeServer struct{ tfprotov6.ProviderServer }

var fakeType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"organization_id": tftypes.String, "connection_id": tftypes.String, "is_enabled": tftypes.Bool,
}}

func (fakeServer) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return &tfprotov6.GetProviderSchemaResponse{ResourceSchemas: map[string]*tfprotov6.Schema{
		"conduit_org_connection": {Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
			{Name: "organization_id", Type: tftypes.String, Required: true},
			{Name: "connection_id", Type: tftypes.String, Required: true},
			{Name: "is_enabled", Type: tftypes.Bool, Optional: true},
		}}},
	}}, nil
}

func (fakeServer) ApplyResourceChange(_ context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return &tfprotov6.ApplyResourceChangeResponse{NewState: req.PlannedState}, nil
}

func state(t *testing.T, org string) *tfprotov6.DynamicValue {
	t.Helper()
	v := tftypes.NewValue(fakeType, nil)
	if org != "" {
		v = tftypes.NewValue(fakeType, map[string]tftypes.Value{
			"organization_id": tftypes.NewValue(tftypes.String, org),
			"connection_id":   tftypes.NewValue(tftypes.String, "con_1"),
			"is_enabled":      tftypes.NewValue(tftypes.Bool, true),
		})
	}
	dv, err := tfprotov6.NewDynamicValue(fakeType, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// TestRecordingServerRecordsCreates: only a create (no prior state, a new
// state) is recorded, with its string attributes.
func TestRecordingServerRecordsCreates(t *testing.T) {
	takeCreated()
	s := &recordingServer{ProviderServer: fakeServer{}}
	apply := func(prior, planned string) {
		_, err := s.ApplyResourceChange(t.Context(), &tfprotov6.ApplyResourceChangeRequest{
			TypeName: "conduit_org_connection", PriorState: state(t, prior), PlannedState: state(t, planned),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	apply("", "org_created")      // create
	apply("org_created", "org_u") // update
	apply("org_created", "")      // delete
	got := takeCreated()
	if len(got) != 1 || got[0].Type != "conduit_org_connection" || got[0].Attrs["organization_id"] != "org_created" ||
		got[0].Attrs["connection_id"] != "con_1" || len(got[0].Attrs) != 2 {
		t.Fatalf("recorded %+v, want the one create with its two string attributes", got)
	}
}

// TestLeakCheck plays the real service with a sandbox: an object the test's
// destroy left behind fails the test and is deleted; one that is gone passes;
// one without an id is reported.
func TestLeakCheck(t *testing.T) {
	sb := StartSandbox(t)
	if sb == nil {
		t.Skip("needs a sandbox; not under CONDUIT_ACC_LIVE")
	}
	clearVendorEnv(t)
	for k, v := range sb.Env() {
		t.Setenv(k, v)
	}
	allowLocalEndpoints = true
	t.Cleanup(func() { allowLocalEndpoints = false })
	if _, err := sb.Auth0API(t).Add(t.Context(), sbauth0.OrgAcme, sbauth0.ConDatabase, auth0.Settings{}); err != nil {
		t.Fatal(err)
	}
	sb.ResetCounts()
	pair := func(con string) liveObject {
		return liveObject{Type: "conduit_org_connection", Attrs: map[string]string{"organization_id": sbauth0.OrgAcme, "connection_id": con}}
	}
	problems := checkGone(t.Context(), []liveObject{
		pair(sbauth0.ConDatabase), // left behind
		pair(sbauth0.ConGoogle),   // gone
		{Type: "conduit_versori_connection", Attrs: map[string]string{"organisation_id": "o", "name": "conduit-acc-x-orders"}},
		{Type: "conduit_vectorize_source_connector_user", Attrs: map[string]string{"user_id": "u"}}, // no read: skipped
	})
	want := []string{
		"leak: conduit_org_connection organization_id=" + sbauth0.OrgAcme + " connection_id=" + sbauth0.ConDatabase + " still exists after the test's destroy; it has been deleted",
		"leak check: conduit_versori_connection organisation_id=o id= has no id to read back; look for it by name (conduit-acc-…)",
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Fatalf("problems:\n  %s\nwant:\n  %s", strings.Join(problems, "\n  "), strings.Join(want, "\n  "))
	}
	if n := len(sb.Objects("auth0")); n != 0 {
		t.Fatalf("the leaked pair was not deleted: %d auth0 objects left", n)
	}
	prefix := "/api/v2/organizations/{id}/connections/{connection_id}"
	if err := sb.ExpectRequests(map[string]int{"GET " + prefix: 2, "DELETE " + prefix: 1})(nil); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("CONDUIT_ACC_LIVE") != "" {
		t.Fatal("the leak check changed the mode")
	}
}

// TestGuideMatchesTheTests: the guide names every variable a live run reads
// and exactly the tests that run against real services.
func TestGuideMatchesTheTests(t *testing.T) {
	guide, err := os.ReadFile("../../templates/guides/acceptance-tests-against-real-tenants.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Vendors {
		for _, e := range append(v.Variables(EnvVersoriAPIKeyCredential), EnvRunID) {
			if !strings.Contains(string(guide), "`"+e+"`") {
				t.Errorf("the guide does not name %s", e)
			}
		}
	}
	live := map[string]bool{}
	files, err := filepath.Glob("../resources/*/*_test.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	funcRE := regexp.MustCompile(`(?m)^func (TestAcc\w+)\(t \*testing\.T\) \{$`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		locs := funcRE.FindAllSubmatchIndex(src, -1)
		for i, loc := range locs {
			end := len(src)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			if strings.Contains(string(src[loc[1]:end]), "acctest.PreCheckVendor(") {
				live[string(src[loc[2]:loc[3]])] = true
			}
		}
	}
	if len(live) == 0 {
		t.Fatal("no test calls acctest.PreCheckVendor")
	}
	for name := range live {
		if !strings.Contains(string(guide), "`"+name+"`") {
			t.Errorf("the guide does not list the live test %s", name)
		}
	}
	for _, m := range regexp.MustCompile("`(TestAcc[A-Za-z_]+)`").FindAllStringSubmatch(string(guide), -1) {
		if !live[m[1]] && m[1] != "TestAccOrgConnection" {
			t.Errorf("the guide lists %s, which does not run live", m[1])
		}
	}
}
