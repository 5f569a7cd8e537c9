package tiledbcredential_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbtiledb "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
)

// secretOf is each kind's secret attribute, and the secret addCredentials
// gave the i-th credential: the values a user fills in.
var secretOf = []struct{ attr, prefix string }{
	{"secret_access_key_wo", "aws-"}, {"external_id_wo", "ext-"}, {"account_key_wo", "azk-"},
	{"sas_token_wo", "sv=1&sig="}, {"secret_access_key_wo", "hmac-"}, {"key_text_wo", ""},
}

var (
	generatedBlock = regexp.MustCompile(`(?s)resource "conduit_tiledb_credential" "[^"]+" \{.*?\n\}\n`)
	generatedName  = regexp.MustCompile(`(?m)^\s+name\s+= "([^"]+)"$`)
)

// fillSecrets does what the resource's docs ("Adopting with terraform
// query") tell users: in each generated block, the write-only secret of the
// kind that is set becomes a reference to a map of secrets by name, which
// secrets.auto.tfvars fills; secret_wo_version stays unset.
func fillSecrets(t *testing.T, gen string) (string, string) {
	t.Helper()
	var vars strings.Builder
	vars.WriteString("tiledb_secrets = {\n")
	filled := 0
	out := generatedBlock.ReplaceAllStringFunc(gen, func(block string) string {
		m := generatedName.FindStringSubmatch(block)
		if m == nil {
			t.Fatalf("a generated block has no name:\n%s", block)
		}
		var i int
		if _, err := fmt.Sscanf(m[1], "bulk-%d", &i); err != nil {
			t.Fatal(err)
		}
		s := secretOf[i%6]
		wo := regexp.MustCompile(`(?m)^(\s+` + s.attr + `\s+= )null( # sensitive)?$`)
		if n := len(wo.FindAllString(block, -1)); n != 1 {
			t.Fatalf("%s: want one %s = null in the generated block, got %d:\n%s", m[1], s.attr, n, block)
		}
		filled++
		secret := s.prefix + fmt.Sprintf("%016d", i)
		if s.attr == "key_text_wo" {
			id := fmt.Sprintf("%016d", i)
			secret = fmt.Sprintf(`{"type":"service_account","private_key_id":"key-%s","client_email":"bulk-%s@acme.iam.gserviceaccount.com"}`, id, id)
		}
		fmt.Fprintf(&vars, "  %q = %q\n", m[1], secret)
		return wo.ReplaceAllString(block, `${1}var.tiledb_secrets["`+m[1]+`"]`)
	})
	vars.WriteString("}\n")
	if filled != strings.Count(gen, `resource "conduit_tiledb_credential"`) {
		t.Fatalf("filled %d blocks of %d", filled, strings.Count(gen, `resource "conduit_tiledb_credential"`))
	}
	return out, vars.String()
}

// TestAccTileDBCredentialList_generateConfig is issue 15's acceptance point
// for TileDB: 120 credentials of all six kinds in one namespace, `terraform
// query -generate-config-out` writes their import and resource blocks; as
// generated (no secrets, which the API never returns) the plan fails before
// any request, pointing to the docs; with the write-only secrets filled in
// as the docs say, `terraform apply` imports all 120 with no mutating
// request and `terraform plan` then shows no change.
func TestAccTileDBCredentialList_generateConfig(t *testing.T) {
	sb := acctest.StartAdoptionSandbox(t)
	ns := sbtiledb.Namespace
	var missing []*regexp.Regexp
	for _, phrase := range []string{
		"Missing secret access key", "Missing external id", "Missing account key", "Missing SAS token", "Missing HMAC secret", "Missing key file",
		"Configuration written by terraform query -generate-config-out has no secrets",
		`"Adopting with terraform query"`,
	} {
		missing = append(missing, acctest.ErrorMatching(phrase))
	}
	acctest.Adoption{
		Type:         "conduit_tiledb_credential",
		ListBlock:    listBlock("labs", fmt.Sprintf("    namespace = %q", ns), "  limit = 1000"),
		KeyAttribute: "name",
		Keys:         addCredentials(t, sb, ns, 120),
		Scope:        map[string]string{"namespace": ns},
		// The query reads two pages of 100; the imports read their
		// credentials (the first with its GET, the others from one list of
		// the namespace: batch_reads), and so does the plan.
		QueryRequests:  map[string]int{routeList: 2},
		ImportRequests: map[string]int{routeGet: 1, routeList: 2},
		PlanRequests:   map[string]int{routeGet: 1, routeList: 2},
		Config: `
variable "tiledb_secrets" {
  type      = map(string)
  sensitive = true
  ephemeral = true
}
`,
		Files: map[string]string{"secrets.auto.tfvars": "tiledb_secrets = {}\n"},
		// As generated: the secrets are missing, and the message says what
		// to fill in and where the docs explain it.
		GeneratedPlanErrors: missing,
		BeforeApply: func(t *testing.T, w *acctest.Workdir, gen string) string {
			filled, vars := fillSecrets(t, gen)
			w.Write("secrets.auto.tfvars", vars)
			return filled
		},
		CheckState: func(t *testing.T, st *tfjson.State) {
			for _, r := range st.Values.RootModule.Resources {
				if r.AttributeValues["secret_wo_version"] != nil {
					t.Fatalf("%s: secret_wo_version = %v after adopting", r.Address, r.AttributeValues["secret_wo_version"])
				}
			}
		},
	}.Run(t, sb)
}
