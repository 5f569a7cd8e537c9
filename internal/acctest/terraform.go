package acctest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
)

// providerAddress is where configurations find the provider (source
// "conduit-tf/conduit"); Terraform reattaches to the in-process server there.
const providerAddress = "registry.terraform.io/conduit-tf/conduit"

// cliTimeout bounds one Terraform command.
const cliTimeout = 5 * time.Minute

// TerraformBlock requires the provider by its registry source.
const TerraformBlock = `terraform {
  required_providers {
    conduit = { source = "conduit-tf/conduit" }
  }
}
`

// Workdir is a Terraform working directory whose commands reach the provider
// served in this test process (TF_REATTACH_PROVIDERS), as
// terraform-plugin-testing does. It is for the commands a TestStep cannot
// run: terraform-plugin-testing v1.16 has Query steps, but none that passes
// -generate-config-out, nor a way to apply what it wrote.
type Workdir struct {
	t   *testing.T
	Dir string
	tf  *tfexec.Terraform
}

// NewWorkdir makes an empty working directory using TF_ACC_TERRAFORM_PATH
// (scripts/terraform.sh sets it), else the terraform on PATH.
func NewWorkdir(t *testing.T) *Workdir {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		bin = "terraform"
	}
	dir := t.TempDir()
	tf, err := tfexec.NewTerraform(dir, bin)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	env = tfexec.CleanEnv(env)
	env["CHECKPOINT_DISABLE"] = "1"
	if err := tf.SetEnv(env); err != nil {
		t.Fatal(err)
	}
	return &Workdir{t: t, Dir: dir, tf: tf}
}

// SkipBelow skips a test that drives the CLI itself (no TestCase, so no
// TerraformVersionChecks) when TF_ACC_TERRAFORM_PATH is older than min.
func SkipBelow(t *testing.T, min *version.Version, feature string) {
	t.Helper()
	w := NewWorkdir(t)
	ctx, cancel := context.WithTimeout(context.Background(), cliTimeout)
	defer cancel()
	v, _, err := w.tf.Version(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if v.LessThan(min) {
		t.Skipf("Terraform CLI version %s is below %s, which %s needs", v, min, feature)
	}
}

// Write puts a file into the working directory.
func (w *Workdir) Write(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.Dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// Read returns a file of the working directory.
func (w *Workdir) Read(name string) string {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.Dir, name)) //nolint:gosec // a file the test wrote in its own working directory
	if err != nil {
		w.t.Fatal(err)
	}
	return string(b)
}

// Init runs terraform init.
func (w *Workdir) Init() {
	w.t.Helper()
	w.run("init", func(ctx context.Context, r tfexec.ReattachInfo) error {
		return w.tf.Init(ctx, tfexec.Reattach(r))
	})
}

// QueryGenerate runs `terraform query -generate-config-out=out` and returns
// the query's JSON messages; Terraform writes the configuration to out.
func (w *Workdir) QueryGenerate(out string) []tfjson.LogMsg {
	w.t.Helper()
	var msgs []tfjson.LogMsg
	w.run("query", func(ctx context.Context, r tfexec.ReattachInfo) error {
		logs, err := w.tf.QueryJSON(ctx, tfexec.Reattach(r), tfexec.GenerateConfigOut(out))
		if err != nil {
			return err
		}
		var errs []string
		for m := range logs {
			if m.Err != nil {
				return m.Err
			}
			if m.Msg == nil {
				continue
			}
			if m.Msg.Level() == tfjson.Error {
				errs = append(errs, fmt.Sprintf("%+v", m.Msg))
			}
			msgs = append(msgs, m.Msg)
		}
		if len(errs) > 0 {
			return fmt.Errorf("query reported errors:\n%s", strings.Join(errs, "\n"))
		}
		return nil
	})
	return msgs
}

// Apply runs terraform apply.
func (w *Workdir) Apply() {
	w.t.Helper()
	w.run("apply", func(ctx context.Context, r tfexec.ReattachInfo) error {
		return w.tf.Apply(ctx, tfexec.Reattach(r))
	})
}

// Plan runs terraform plan and reports whether it has changes; the plan's
// text is in the failure message of a test that expects none.
func (w *Workdir) Plan() (changes bool, text string) {
	w.t.Helper()
	var out bytes.Buffer
	w.tf.SetStdout(&out)
	w.run("plan", func(ctx context.Context, r tfexec.ReattachInfo) error {
		var err error
		changes, err = w.tf.Plan(ctx, tfexec.Reattach(r))
		return err
	})
	return changes, out.String()
}

// State is `terraform show -json`.
func (w *Workdir) State() *tfjson.State {
	w.t.Helper()
	var st *tfjson.State
	w.run("show", func(ctx context.Context, r tfexec.ReattachInfo) error {
		var err error
		st, err = w.tf.Show(ctx, tfexec.Reattach(r))
		return err
	})
	return st
}

// run serves a fresh provider for one command, as terraform-plugin-testing
// does: Terraform does not stop a reattached provider, so the test stops it
// when the command returns.
func (w *Workdir) run(name string, fn func(context.Context, tfexec.ReattachInfo) error) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), cliTimeout)
	defer cancel()
	r, closed, err := serve(ctx, w.t)
	if err != nil {
		w.t.Fatalf("serving the provider for terraform %s: %v", name, err)
	}
	err = fn(ctx, r)
	// tfexec's streaming commands (QueryJSON) leave their pipe as stdout for
	// every later command; once closed, the next command's output is not
	// drained and Terraform blocks on a full pipe (an apply of 120 imports).
	w.tf.SetStdout(nil)
	cancel()
	<-closed
	if err != nil {
		w.t.Fatalf("terraform %s: %v", name, err)
	}
}

// serve starts the provider in this process in go-plugin's test mode and
// returns where Terraform reaches it, and a channel closed once it stopped.
// Its logs go to the test's logging sink, which TF_LOG and TF_ACC_LOG_PATH
// drive as for terraform-plugin-testing's steps (silent by default).
func serve(ctx context.Context, t *testing.T) (tfexec.ReattachInfo, <-chan struct{}, error) {
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	factory := providerserver.NewProtocol6(provider.New("acctest")())
	go func() {
		_ = tf6server.Serve(providerAddress, func() tfprotov6.ProviderServer { return factory() },
			tf6server.WithDebug(ctx, reattach, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t))
	}()
	var c *plugin.ReattachConfig
	select {
	case c = <-reattach:
	case <-time.After(10 * time.Second):
		return nil, closed, fmt.Errorf("no reattach configuration from the provider server")
	}
	if c == nil {
		return nil, closed, fmt.Errorf("nil reattach configuration from the provider server")
	}
	return tfexec.ReattachInfo{providerAddress: tfexec.ReattachConfig{
		Protocol: string(c.Protocol), ProtocolVersion: c.ProtocolVersion, Pid: c.Pid, Test: c.Test,
		Addr: tfexec.ReattachConfigAddr{Network: c.Addr.Network(), String: c.Addr.String()},
	}}, closed, nil
}
