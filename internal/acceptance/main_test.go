// Package acceptance_test holds the cross-resource acceptance tests: the fault
// matrix, the concurrency run, the secret audit and the bad-input catalogue.
// They drive the real Terraform CLI (terraform-exec) against the provider
// binary, built once per run and installed with dev_overrides, so Terraform
// starts and stops provider processes as it does for users, logs them with
// TF_LOG, and takes -parallelism.
package acceptance_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// Set by TestMain when acceptance tests run.
var (
	terraformPath string
	cliConfigPath string
	setupErr      error
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv("TF_ACC") == "" || acctest.Live() {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "conduit-acceptance-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	setupErr = setup(dir)
	return m.Run()
}

// setup builds the provider into dir and writes a CLI configuration whose
// dev_overrides point Terraform at it.
func setup(dir string) error {
	terraformPath = os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraformPath == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			return fmt.Errorf("no terraform on PATH and TF_ACC_TERRAFORM_PATH unset: %w", err)
		}
		terraformPath = p
	}
	// The go command running these tests, else the one on PATH.
	goBin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if _, err := os.Stat(goBin); os.Getenv("GOROOT") == "" || err != nil {
		goBin = "go"
	}
	// Without -trimpath, so the packages the test build compiled are reused.
	build := exec.Command(goBin, "build", "-ldflags", "-X main.version=acceptance",
		"-o", filepath.Join(dir, "terraform-provider-conduit"), "github.com/conduit-tf/terraform-provider-conduit")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the provider: %v\n%s", err, out)
	}
	cliConfigPath = filepath.Join(dir, "terraformrc")
	// OpenTofu resolves the source against its own registry's host.
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/conduit-tf/conduit" = %q
    "registry.opentofu.org/conduit-tf/conduit" = %q
  }
  direct {}
}
`, dir, dir)
	return os.WriteFile(cliConfigPath, []byte(cfg), 0o600)
}

// preCheck skips without TF_ACC or in live runs (these tests need the
// sandbox's fault injection and known secrets), and fails when setup did.
func preCheck(t *testing.T) {
	t.Helper()
	acctest.RequireSandbox(t, "cross-resource acceptance tests need the sandbox")
	if setupErr != nil {
		t.Fatal(setupErr)
	}
}
