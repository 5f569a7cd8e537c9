package acceptance_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// cliTimeout bounds one Terraform command.
const cliTimeout = 5 * time.Minute

// workspace is one Terraform working directory running the built provider.
type workspace struct {
	t   *testing.T
	dir string
	tf  *tfexec.Terraform
	env []string
}

// newWorkspace makes a working directory; env adds environment variables
// for Terraform and the provider processes it starts.
func newWorkspace(t *testing.T, env map[string]string) *workspace {
	t.Helper()
	dir := t.TempDir()
	tf, err := tfexec.NewTerraform(dir, terraformPath)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	vars = tfexec.CleanEnv(vars)
	// The provider must see only what a test configures.
	for k := range vars {
		for _, p := range []string{"AUTH0_", "VERSORI_", "VECTORIZE_", "TILEDB_", "CONDUIT_"} {
			if strings.HasPrefix(k, p) {
				delete(vars, k)
			}
		}
	}
	vars["TF_CLI_CONFIG_FILE"] = cliConfigPath
	vars["CHECKPOINT_DISABLE"] = "1"
	for k, v := range env {
		vars[k] = v
	}
	if err := tf.SetEnv(vars); err != nil {
		t.Fatal(err)
	}
	w := &workspace{t: t, dir: dir, tf: tf}
	for k, v := range vars {
		w.env = append(w.env, k+"="+v)
	}
	return w
}

// requireVersion skips the test on a Terraform CLI older than major.minor.
func (w *workspace) requireVersion(major, minor int, feature string) {
	w.t.Helper()
	ctx, cancel := w.ctx()
	defer cancel()
	v, _, err := w.tf.Version(ctx, true)
	if err != nil {
		w.t.Fatal(err)
	}
	if s := v.Segments(); s[0] < major || (s[0] == major && s[1] < minor) {
		w.t.Skipf("Terraform %s is older than %d.%d, which %s need", v, major, minor, feature)
	}
}

// raw runs a Terraform command as is and returns its standard output.
func (w *workspace) raw(args ...string) string {
	w.t.Helper()
	ctx, cancel := w.ctx()
	defer cancel()
	cmd := exec.CommandContext(ctx, terraformPath, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// writeFile adds a file to the working directory.
func (w *workspace) writeFile(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

const terraformBlock = `terraform {
  required_providers {
    conduit = { source = "conduit-tf/conduit" }
  }
}
`

// write replaces the configuration.
func (w *workspace) write(hcl string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(terraformBlock+hcl), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// diagnostic is one entry of Terraform's machine-readable UI.
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
	Snippet  *struct {
		Code string `json:"code"`
	} `json:"snippet"`
}

func (d diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
}

// result is what a Terraform command reported.
type result struct {
	err   error
	diags []diagnostic
}

// of returns the diagnostics of one severity, as text.
func (r result) of(severity string) string {
	var b strings.Builder
	for _, d := range r.diags {
		if d.Severity == severity {
			b.WriteString(d.String() + "\n")
		}
	}
	return b.String()
}

func parseDiagnostics(stream []byte) []diagnostic {
	var out []diagnostic
	sc := bufio.NewScanner(bytes.NewReader(stream))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var line struct {
			Type       string     `json:"type"`
			Diagnostic diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Type == "diagnostic" {
			out = append(out, line.Diagnostic)
		}
	}
	return out
}

func (w *workspace) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), cliTimeout)
}

// apply runs `terraform apply -json`, with -destroy to destroy.
func (w *workspace) apply(opts ...tfexec.ApplyOption) result {
	w.t.Helper()
	ctx, cancel := w.ctx()
	defer cancel()
	var out bytes.Buffer
	err := w.tf.ApplyJSON(ctx, &out, opts...)
	return result{err: err, diags: parseDiagnostics(out.Bytes())}
}

// refresh runs `terraform apply -refresh-only`, the state then matching the API.
func (w *workspace) refresh() result {
	w.t.Helper()
	return w.apply(tfexec.RefreshOnly(true))
}

// destroy runs `terraform destroy -json`.
func (w *workspace) destroy(opts ...tfexec.DestroyOption) result {
	w.t.Helper()
	ctx, cancel := w.ctx()
	defer cancel()
	var out bytes.Buffer
	err := w.tf.DestroyJSON(ctx, &out, opts...)
	return result{err: err, diags: parseDiagnostics(out.Bytes())}
}

// plan runs `terraform plan -json`.
func (w *workspace) plan(opts ...tfexec.PlanOption) result {
	w.t.Helper()
	ctx, cancel := w.ctx()
	defer cancel()
	var out bytes.Buffer
	_, err := w.tf.PlanJSON(ctx, &out, opts...)
	return result{err: err, diags: parseDiagnostics(out.Bytes())}
}

// state is `terraform show -json` of the state.
func (w *workspace) state() *tfjson.State {
	w.t.Helper()
	ctx, cancel := w.ctx()
	defer cancel()
	st, err := w.tf.Show(ctx)
	if err != nil {
		w.t.Fatalf("terraform show: %v", err)
	}
	return st
}

// resources lists the state's resources (root module only).
func resources(st *tfjson.State) []*tfjson.StateResource {
	if st == nil || st.Values == nil || st.Values.RootModule == nil {
		return nil
	}
	return st.Values.RootModule.Resources
}

// providerOpts shape the provider block pointing at a sandbox.
type providerOpts = acctest.ProviderOptions

// providerBlock is the provider configuration for a sandbox.
func providerBlock(sb *acctest.Sandbox, o providerOpts) string { return sb.ProviderBlock(o) }
