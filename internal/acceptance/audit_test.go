package acceptance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// auditKinds are the six TileDB credential kinds: the public part, and the
// secret attribute that has a stored form and a write-only `_wo` twin.
var auditKinds = []struct{ kind, public, secret string }{
	{"aws_access_key", `access_key_id = "AKIAAUDIT0000000000%d"`, "secret_access_key"},
	{"aws_role", `role_arn = "arn:aws:iam::123456789012:role/audit-%d"`, "external_id"},
	{"azure_account_key", `account_name = "auditkey%d"`, "account_key"},
	{"azure_sas_token", `account_name = "auditsas%d"`, "sas_token"},
	{"gcp_hmac_key", `access_key_id = "GOOGAUDIT%d"`, "secret_access_key"},
	{"gcp_service_account_key", "", "key_text"},
}

// audit collects the secrets of a configuration: provider credentials (never
// anywhere), write-only values (never anywhere) and stored sensitive values
// (in state and JSON output only under attributes marked sensitive).
type audit struct {
	round     int
	vars      map[string]string // variable name to value, all sensitive
	tokens    []string
	writeOnly []string
	stored    []string
}

func (a *audit) secret(name, value string, into *[]string) string {
	a.vars[name] = value
	*into = append(*into, value)
	return "var." + name
}

// config renders every kind of secret: both provider forms of each service
// credential (two provider configurations), the six TileDB kinds in stored
// and write-only form, Vectorize secret_config in both forms, and a
// connector user's tokens in both forms.
func (a *audit) config(sb *acctest.Sandbox) string {
	env := sb.Env()
	r := a.round
	var b strings.Builder
	fmt.Fprintf(&b, `
provider "conduit" {
  auth0 {
    domain        = %q
    endpoint      = %q
    client_id     = %q
    client_secret = %s
  }
  versori {
    endpoint        = %q
    api_key         = %s
    organisation_id = %q
  }
  vectorize {
    endpoint        = %q
    api_key         = %s
    organization_id = %q
  }
  tiledb {
    endpoint  = %q
    api_key   = %s
    namespace = %q
  }
}
provider "conduit" {
  alias = "alt"
  auth0 {
    domain    = %q
    endpoint  = %q
    api_token = %s
  }
  tiledb {
    endpoint  = %q
    username  = %q
    password  = %s
    namespace = %q
  }
}
resource "conduit_org_connection" "grant" {
  organization_id              = %q
  connection_id                = %q
  organization_connection_name = "Audit %d"
}
resource "conduit_org_connection" "token" {
  provider        = conduit.alt
  organization_id = %q
  connection_id   = %q
}
resource "conduit_versori_connection" "audit" {
  name     = "audit-%d"
  base_url = "https://api.example.com"
}
`, env["AUTH0_DOMAIN"], env["AUTH0_ENDPOINT"], sb.Creds.Auth0ClientID, a.secret("auth0_client_secret", sb.Creds.Auth0ClientSecret, &a.tokens),
		env["VERSORI_ENDPOINT"], a.secret("versori_api_key", sb.Creds.VersoriKey, &a.tokens), env["VERSORI_ORGANISATION_ID"],
		env["VECTORIZE_ENDPOINT"], a.secret("vectorize_api_key", sb.Creds.VectorizeKey, &a.tokens), env["VECTORIZE_ORGANIZATION_ID"],
		env["TILEDB_REST_HOST"], a.secret("tiledb_api_key", sb.Creds.TileDBKey, &a.tokens), env["TILEDB_NAMESPACE"],
		env["AUTH0_DOMAIN"], env["AUTH0_ENDPOINT"], a.secret("auth0_api_token", sb.Creds.Auth0Token, &a.tokens),
		env["TILEDB_REST_HOST"], sb.Creds.TileDBUser, a.secret("tiledb_password", sb.Creds.TileDBPassword, &a.tokens), env["TILEDB_NAMESPACE"],
		auth0Orgs[0], auth0Cons[0], r, auth0Orgs[1], auth0Cons[1], r)
	for i, k := range auditKinds {
		for _, wo := range []bool{false, true} {
			form, into, attr, extra := "stored", &a.stored, k.secret, ""
			if wo {
				form, into, attr, extra = "wo", &a.writeOnly, k.secret+"_wo", fmt.Sprintf("  secret_wo_version = %d\n", r)
			}
			name := fmt.Sprintf("tiledb_%s_%s", k.kind, form)
			value := fmt.Sprintf("AUDIT-%s-%s-r%d", k.kind, form, r)
			if k.kind == "gcp_service_account_key" {
				// The private key is the secret; the key file around it goes too.
				a.secret(name+"_private", value, into)
				value = fmt.Sprintf(`{"type":"service_account","client_email":"audit@p.iam.gserviceaccount.com","private_key_id":"audit-%s","private_key":%q}`, form, value)
				a.vars[name] = value
			} else {
				a.secret(name, value, into)
			}
			provider := ""
			if i == 0 && !wo {
				provider = "  provider = conduit.alt\n"
			}
			public := ""
			if k.public != "" {
				public = "    " + fmt.Sprintf(k.public, 2*i+btoi(wo)) + "\n"
			}
			fmt.Fprintf(&b, "resource \"conduit_tiledb_credential\" %q {\n%s  name = %q\n%s  %s = {\n%s    %s = var.%s\n  }\n}\n",
				name, provider, "audit-"+strings.ReplaceAll(name, "_", "-"), extra, k.kind, public, attr, name)
		}
	}
	for _, wo := range []bool{false, true} {
		form, into, attr, extra := "stored", &a.stored, "secret_config", ""
		if wo {
			form, into, attr, extra = "wo", &a.writeOnly, "secret_config_wo", fmt.Sprintf("\n  secret_config_wo_version = %d", r)
		}
		access := a.secret("s3_access_"+form, fmt.Sprintf("AUDIT-s3-access-%s-r%d", form, r), into)
		secretKey := a.secret("s3_secret_"+form, fmt.Sprintf("AUDIT-s3-secret-%s-r%d", form, r), into)
		fmt.Fprintf(&b, `
resource "conduit_vectorize_source_connector" "s3_%s" {
  name   = "audit-s3-%s"
  type   = "AWS_S3"
  config = jsonencode({ "bucket-name" = "audit-bucket" })
  %s = jsonencode({ "access-key" = %s, "secret-key" = %s })%s
}
`, form, form, attr, access, secretKey, extra)
	}
	fmt.Fprintf(&b, `
resource "conduit_vectorize_source_connector" "drive" {
  name = "audit-drive"
  type = "GOOGLE_DRIVE_OAUTH_MULTI"
}
resource "conduit_vectorize_source_connector_user" "stored" {
  source_connector_id = conduit_vectorize_source_connector.drive.id
  user_id             = "audit-user-stored"
  refresh_token       = %s
  access_token        = %s
}
resource "conduit_vectorize_source_connector_user" "wo" {
  source_connector_id = conduit_vectorize_source_connector.drive.id
  user_id             = "audit-user-wo"
  refresh_token_wo    = %s
  access_token_wo     = %s
  tokens_wo_version   = %d
}
`, a.secret("user_refresh_stored", fmt.Sprintf("AUDIT-refresh-stored-r%d", r), &a.stored),
		a.secret("user_access_stored", fmt.Sprintf("AUDIT-access-stored-r%d", r), &a.stored),
		a.secret("user_refresh_wo", fmt.Sprintf("AUDIT-refresh-wo-r%d", r), &a.writeOnly),
		a.secret("user_access_wo", fmt.Sprintf("AUDIT-access-wo-r%d", r), &a.writeOnly), r)
	return b.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tfvars declares every secret as a sensitive variable, the values in a file.
func (a *audit) files() (decl, values string) {
	names := make([]string, 0, len(a.vars))
	for n := range a.vars {
		names = append(names, n)
	}
	sort.Strings(names)
	var d, v strings.Builder
	for _, n := range names {
		fmt.Fprintf(&d, "variable %q {\n  type      = string\n  sensitive = true\n  default   = null\n}\n", n)
		fmt.Fprintf(&v, "%s = %s\n", n, strconv.Quote(a.vars[n]))
	}
	return d.String(), v.String()
}

// artifacts are the outputs audited.
type artifacts struct {
	stateFiles, stateJSON, planText, planJSON []string
}

// TestAccSecretAudit: a configuration with every kind of secret, created and
// then rotated and destroyed, leaves no provider credential, issued token or
// write-only value in the state file, `terraform show -json`, the plan (text
// and JSON) or the TF_LOG=TRACE log; stored sensitive values appear in state
// and JSON only under attributes marked sensitive, and never in plans or logs.
func TestAccSecretAudit(t *testing.T) {
	preCheck(t)
	sb := acctest.StartSandbox(t)
	ws := newWorkspace(t, nil)
	ws.requireVersion(1, 11, "write-only arguments")
	logPath := filepath.Join(t.TempDir(), "trace.log")
	if err := ws.tf.SetLog("TRACE"); err != nil {
		t.Fatal(err)
	}
	if err := ws.tf.SetLogPath(logPath); err != nil {
		t.Fatal(err)
	}
	var out artifacts
	var secrets []*audit
	for round := 1; round <= 2; round++ {
		a := &audit{round: round, vars: map[string]string{}}
		secrets = append(secrets, a)
		body := a.config(sb)
		decl, values := a.files()
		ws.write(decl + body)
		ws.writeFile("secrets.auto.tfvars", values)
		out.planText = append(out.planText, ws.planText("audit.tfplan"))
		out.planJSON = append(out.planJSON, ws.raw("show", "-json", "audit.tfplan"))
		ctx, cancel := ws.ctx()
		err := ws.tf.Apply(ctx, tfexec.DirOrPlan("audit.tfplan"))
		cancel()
		if err != nil {
			t.Fatalf("round %d apply: %v", round, err)
		}
		raw, err := os.ReadFile(filepath.Join(ws.dir, "terraform.tfstate"))
		if err != nil {
			t.Fatal(err)
		}
		out.stateFiles = append(out.stateFiles, string(raw))
		out.stateJSON = append(out.stateJSON, ws.raw("show", "-json"))
	}
	if r := ws.destroy(); r.err != nil {
		t.Fatalf("destroy: %v\n%s", r.err, r.of("error"))
	}
	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}

	var never, stored []string
	for _, a := range secrets {
		never = append(append(never, a.tokens...), a.writeOnly...)
		stored = append(stored, a.stored...)
	}
	issued := sb.Auth0().IssuedTokens()
	if len(issued) == 0 {
		t.Fatal("no Auth0 token was issued: the client-credentials grant was not exercised")
	}
	never = append(never, issued...)
	for _, want := range []string{"provider.terraform-provider-conduit", "sending request", "request detail", "response detail", "tiledb", "vectorize"} {
		if !bytes.Contains(log, []byte(want)) {
			t.Errorf("the TRACE log lacks %q: the provider's logs are not in it, the audit would prove nothing", want)
		}
	}
	absent(t, "the TRACE log", string(log), append(never, stored...))
	for i := range secrets {
		absent(t, fmt.Sprintf("round %d state file", i+1), out.stateFiles[i], never)
		absent(t, fmt.Sprintf("round %d terraform show -json", i+1), out.stateJSON[i], never)
		absent(t, fmt.Sprintf("round %d plan output", i+1), out.planText[i], append(never, stored...))
		planOutputs := planWithoutInputs(t, out.planJSON[i])
		absent(t, fmt.Sprintf("round %d terraform show -json of the plan", i+1), planOutputs, never)
		if n := onlyWhereSensitive(t, fmt.Sprintf("round %d terraform show -json", i+1), out.stateJSON[i], secrets[i].stored); n < len(secrets[i].stored) {
			t.Errorf("round %d: %d of %d stored secrets found in state under sensitive attributes: the check is not exercised", i+1, n, len(secrets[i].stored))
		}
		onlyWhereSensitive(t, fmt.Sprintf("round %d plan JSON", i+1), planOutputs, secrets[i].stored)
	}
}

// planText runs `terraform plan -out` and returns what it printed.
func (w *workspace) planText(planFile string) string {
	w.t.Helper()
	var stdout bytes.Buffer
	w.tf.SetStdout(&stdout)
	defer w.tf.SetStdout(io.Discard)
	ctx, cancel := context.WithTimeout(context.Background(), cliTimeout)
	defer cancel()
	if _, err := w.tf.Plan(ctx, tfexec.Out(planFile)); err != nil {
		w.t.Fatalf("plan: %v", err)
	}
	// OpenTofu names itself where Terraform does.
	if !regexp.MustCompile(`(Terraform|OpenTofu) will perform the following actions`).MatchString(stdout.String()) {
		w.t.Fatalf("plan printed no actions:\n%s", stdout.String())
	}
	return stdout.String()
}

// planWithoutInputs drops the plan JSON's `variables` and `configuration`,
// which echo the inputs (sensitive variables included) by Terraform's design.
func planWithoutInputs(t *testing.T, raw string) string {
	t.Helper()
	var plan map[string]any
	if err := json.Unmarshal([]byte(raw), &plan); err != nil {
		t.Fatal(err)
	}
	delete(plan, "variables")
	delete(plan, "configuration")
	out, _ := json.Marshal(plan)
	return string(out)
}

func absent(t *testing.T, where, text string, secrets []string) {
	t.Helper()
	if len(text) < 200 {
		t.Errorf("%s is suspiciously short (%d bytes)", where, len(text))
	}
	for _, s := range secrets {
		if i := strings.Index(text, s); i >= 0 {
			t.Errorf("%s contains the secret %q: …%s…", where, s, text[max(0, i-200):min(len(text), i+len(s)+50)])
		}
	}
}

// onlyWhereSensitive checks a JSON document of Terraform's (state or plan)
// holds the stored secrets only under attributes its sensitive markers
// (sensitive_values, after_sensitive, before_sensitive) cover. It returns
// how many of them it found under such attributes.
func onlyWhereSensitive(t *testing.T, where, raw string, stored []string) int {
	t.Helper()
	var doc any
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	pairs := map[string]string{"attribute_values": "sensitive_values", "values": "sensitive_values", "after": "after_sensitive", "before": "before_sensitive"}
	covered := map[string]bool{}
	leak := func(s, at string) {
		for _, secret := range stored {
			if strings.Contains(s, secret) {
				t.Errorf("%s: the stored secret %q is at %s, which is not marked sensitive", where, secret, at)
			}
		}
	}
	var values func(v, sensitive any, at string)
	values = func(v, sensitive any, at string) {
		if sensitive == true {
			b, _ := json.Marshal(v)
			for _, secret := range stored {
				if strings.Contains(string(b), secret) {
					covered[secret] = true
				}
			}
			return
		}
		switch x := v.(type) {
		case map[string]any:
			marks, _ := sensitive.(map[string]any)
			for k, c := range x {
				values(c, marks[k], at+"."+k)
			}
		case []any:
			marks, _ := sensitive.([]any)
			for i, c := range x {
				var m any
				if i < len(marks) {
					m = marks[i]
				}
				values(c, m, fmt.Sprintf("%s[%d]", at, i))
			}
		case string:
			leak(x, at)
		}
	}
	var visit func(v any, at string)
	visit = func(v any, at string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if marks, ok := x[pairs[k]]; ok && pairs[k] != "" {
					values(c, marks, at+"."+k)
					continue
				}
				visit(c, at+"."+k)
			}
		case []any:
			for i, c := range x {
				visit(c, fmt.Sprintf("%s[%d]", at, i))
			}
		case string:
			leak(x, at)
		}
	}
	visit(doc, "$")
	return len(covered)
}
