package acceptance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// conflictCase is an object that exists before Terraform creates its own: the
// create must fail naming it and, when one object is the one to adopt, give
// the exact import id, which an import block then adopts without a duplicate.
type conflictCase struct {
	name string
	// arrange creates the existing object out of band and returns the
	// configuration Terraform applies.
	arrange func(t *testing.T, sb *acctest.Sandbox) (body string)
	// lost drops the answer of Terraform's POST (applied or refused).
	lost bool
	want func(sb *acctest.Sandbox) []string
	// importID, with adopt (the configuration to import into), when set.
	importID string
	adopt    string
	// objects is how many objects the vendor holds after the failed create.
	vendor  string
	objects int
}

var (
	orgKey = auth0Orgs[0] + ":" + auth0Cons[0]
	orgHCL = func(name string) string {
		return fmt.Sprintf("resource \"conduit_org_connection\" \"taken\" {\n  organization_id = %q\n  connection_id = %q\n  organization_connection_name = %q\n}\n",
			auth0Orgs[0], auth0Cons[0], name)
	}
	tiledbHCL = func(name, keyID string) string {
		return fmt.Sprintf("resource \"conduit_tiledb_credential\" \"taken\" {\n  name = %q\n  aws_access_key = {\n    access_key_id = %q\n    secret_access_key = \"s\"\n  }\n}\n", name, keyID)
	}
)

func awsCredential(name, keyID string) tiledb.AccessCredential {
	return tiledb.AccessCredential{Name: name, Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: keyID, SecretAccessKey: "s"}}}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func importHint(id string) []string {
	return []string{"terraform import <address> " + id, `id = "` + id + `"`}
}

var conflictCases = []conflictCase{
	{
		name: "Auth0 pair already enabled",
		arrange: func(t *testing.T, sb *acctest.Sandbox) string {
			name := "Existing"
			_, err := sb.Auth0API(t).Add(context.Background(), auth0Orgs[0], auth0Cons[0], auth0.Settings{OrganizationConnectionName: &name})
			must(t, err)
			return orgHCL("Existing")
		},
		want: func(*acctest.Sandbox) []string {
			return append([]string{"organization connection " + orgKey + " already exists", "409 Conflict"}, importHint(orgKey)...)
		},
		importID: orgKey, adopt: orgHCL("Existing"), vendor: "auth0", objects: 1,
	},
	{
		name: "TileDB name taken",
		arrange: func(t *testing.T, sb *acctest.Sandbox) string {
			must(t, sb.TileDBAPI(t).Create(context.Background(), sb.Creds.TileDBNamespace, awsCredential("taken", "AKIATAKEN00000000001")))
			return tiledbHCL("taken", "AKIATAKEN00000000002")
		},
		want: func(sb *acctest.Sandbox) []string {
			id := sb.Creds.TileDBNamespace + "/taken"
			return append([]string{"TileDB credential " + id + " already exists", `a credential named "taken" already exists`}, importHint(id)...)
		},
		importID: "conduit-sandbox/taken", adopt: tiledbHCL("taken", "AKIATAKEN00000000001"), vendor: "tiledb", objects: 1,
	},
	{
		name: "TileDB key held by another credential",
		arrange: func(t *testing.T, sb *acctest.Sandbox) string {
			must(t, sb.TileDBAPI(t).Create(context.Background(), sb.Creds.TileDBNamespace, awsCredential("holder", "AKIAHELD000000000001")))
			return tiledbHCL("mine", "AKIAHELD000000000001")
		},
		want: func(sb *acctest.Sandbox) []string {
			id := sb.Creds.TileDBNamespace + "/holder"
			return append([]string{"TileDB credential " + id + " already holds this key", `set name = "holder"`}, importHint(id)...)
		},
		importID: "conduit-sandbox/holder", adopt: tiledbHCL("holder", "AKIAHELD000000000001"), vendor: "tiledb", objects: 1,
	},
	{
		name: "Auth0 lost create over a pair with other settings",
		arrange: func(t *testing.T, sb *acctest.Sandbox) string {
			name := "Someone else's"
			_, err := sb.Auth0API(t).Add(context.Background(), auth0Orgs[0], auth0Cons[0], auth0.Settings{OrganizationConnectionName: &name})
			must(t, err)
			return orgHCL("Mine")
		},
		lost: true,
		want: func(*acctest.Sandbox) []string {
			return append([]string{"outcome unknown", "exists with other settings than configured"}, importHint(orgKey)...)
		},
		vendor: "auth0", objects: 1,
	},
	{
		name: "TileDB lost create over a credential with another key",
		arrange: func(t *testing.T, sb *acctest.Sandbox) string {
			must(t, sb.TileDBAPI(t).Create(context.Background(), sb.Creds.TileDBNamespace, awsCredential("taken", "AKIAOTHER00000000001")))
			return tiledbHCL("taken", "AKIAMINE000000000001")
		},
		lost: true,
		want: func(sb *acctest.Sandbox) []string {
			return append([]string{"outcome unknown", "does not hold the configured AWS access key AKIAMINE000000000001"}, importHint(sb.Creds.TileDBNamespace+"/taken")...)
		},
		vendor: "tiledb", objects: 1,
	},
	{
		name: "Versori lost create with a namesake",
		arrange: func(t *testing.T, sb *acctest.Sandbox) string {
			_, err := sb.VersoriAPI(t).Create(context.Background(), sb.Creds.VersoriOrg, versori.ProtocolHTTP, versori.CreateInput{Name: "twin", BaseURL: "https://a.example"})
			must(t, err)
			return "resource \"conduit_versori_connection\" \"twin\" {\n  name = \"twin\"\n  base_url = \"https://b.example\"\n}\n"
		},
		lost: true,
		want: func(sb *acctest.Sandbox) []string {
			return []string{"outcome unknown", `Several connections named "twin"`, "terraform import <address> " + sb.Creds.VersoriOrg + "/<id>"}
		},
		vendor: "versori", objects: 2,
	},
	{
		name: "Vectorize lost create with a namesake",
		arrange: func(t *testing.T, sb *acctest.Sandbox) string {
			_, err := sb.VectorizeAPI(t).Create(context.Background(), sb.Creds.VectorizeOrg, "", vectorize.CreateRequest{
				Name: "twin", Type: "WEB_CRAWLER", Config: map[string]any{"seed-urls": []string{"https://a.example"}}})
			must(t, err)
			return "resource \"conduit_vectorize_source_connector\" \"twin\" {\n  name = \"twin\"\n  type = \"WEB_CRAWLER\"\n  config = jsonencode({ \"seed-urls\" = [\"https://b.example\"] })\n}\n"
		},
		lost: true,
		want: func(sb *acctest.Sandbox) []string {
			return []string{"outcome unknown", `Several source connectors named "twin" of type WEB_CRAWLER`, "terraform import <address> " + sb.Creds.VectorizeOrg + "/<id>"}
		},
		vendor: "vectorize", objects: 2,
	},
}

// TestAccCreateConflicts: a create that meets an object Terraform did not
// make fails naming it, with the exact import id that adopts it (proved by
// importing with that id), and never sends its POST more than once.
func TestAccCreateConflicts(t *testing.T) {
	preCheck(t)
	runConcurrently(t, 4, len(conflictCases), func(i int) (string, func(*testing.T)) {
		c := conflictCases[i]
		return c.name, func(t *testing.T) { runConflict(t, c) }
	})
}

func runConflict(t *testing.T, c conflictCase) {
	sb := acctest.StartSandbox(t)
	ws := newWorkspace(t, nil)
	provider := providerBlock(sb, providerOpts{MaxRetries: matrixRetries, Timeout: matrixTimeout.String()})
	body := c.arrange(t, sb)
	sb.ResetCounts()
	if c.lost {
		controlOf(t, sb).fault(sandbox.Fault{Mode: sandbox.FaultDropAfterApply, Vendor: c.vendor, Method: "POST", Count: 1})
	}
	ws.write(provider + body)
	r := ws.apply()
	if r.err == nil {
		t.Fatal("the create succeeded; want it to fail naming the existing object")
	}
	errs := r.of("error")
	for _, want := range c.want(sb) {
		if !regexp.MustCompile(`\Q` + want + `\E`).MatchString(errs) {
			t.Errorf("the error lacks %q:\n%s", want, errs)
		}
	}
	posts := 0
	for route, n := range sb.Counts() {
		if strings.HasPrefix(route, "POST ") {
			posts += n
		}
	}
	if posts != 1 {
		t.Errorf("%d POSTs were sent, want 1: %v", posts, sb.Counts())
	}
	if n := len(sb.Objects(c.vendor)); n != c.objects {
		t.Errorf("the sandbox holds %d %s objects, want %d", n, c.vendor, c.objects)
	}
	if got := len(resources(ws.state())); got != 0 {
		t.Errorf("the state holds %d resources, want none", got)
	}
	if c.importID == "" {
		return
	}
	addr := strings.Fields(c.adopt)[1]
	ws.write(provider + fmt.Sprintf("import {\n  to = %s.taken\n  id = %q\n}\n", strings.Trim(addr, `"`), c.importID) + c.adopt)
	if r := ws.apply(); r.err != nil {
		t.Fatalf("importing with the id the error gave: %v\n%s", r.err, r.of("error"))
	}
	expectMatch(t, "after the import", checkExact(ws.state(), sb, kinds))
	if n := len(sb.Objects(c.vendor)); n != c.objects {
		t.Errorf("after the import the sandbox holds %d %s objects, want %d", n, c.vendor, c.objects)
	}
}
