//go:build unix

package docstest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// checkCLIConfigClaims checks what the README says about the CLI
// configuration but does not run: the error without dev_overrides, and the
// home-directory files that make the overrides permanent. It uses the folder
// and the configuration file the steps left (stateFile) and runs nothing
// that needs the network.
func checkCLIConfigClaims(t *testing.T, root string, c cliChoice, env []string, stateFile string) {
	t.Helper()
	state, err := os.ReadFile(stateFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(state), "\n"), "\n")
	if len(lines) != 2 || lines[1] == "" {
		t.Fatalf("the steps did not leave TF_CLI_CONFIG_FILE exported (%q)", state)
	}
	dir, cliConfig := lines[0], lines[1]
	overrides, err := os.ReadFile(cliConfig)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	home := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "HOME="); ok {
			home = v
		}
	}
	run := func(extraEnv []string, args ...string) (string, error) {
		cmd := exec.Command(c.path, args...)
		cmd.Dir, cmd.Env = dir, append(append([]string{}, env...), extraEnv...)
		out, err := cmd.CombinedOutput()
		return ansi.ReplaceAllString(string(out), ""), err
	}
	writeHome := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(home, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	removeHome := func(name string) { _ = os.Remove(filepath.Join(home, name)) }

	// Without dev_overrides: the error the README quotes.
	out, err := run(nil, "plan", "-input=false", "-no-color")
	for _, quoted := range []string{"Error: Inconsistent dependency lock file", "required by this configuration but no version is selected"} {
		if !strings.Contains(string(readme), quoted) {
			t.Errorf("README.md no longer quotes %q", quoted)
		}
		if err == nil || !strings.Contains(out, quoted) {
			t.Errorf("%s plan without dev_overrides: want %q in a failure, got err=%v:\n%s", c.name, quoted, err, out)
		}
	}

	// The permanent form: the same block in the home directory's file.
	homeFiles := []string{".terraformrc"}
	if c.name == "tofu" {
		homeFiles = []string{".tofurc", ".terraformrc"} // .terraformrc only when there is no .tofurc
	}
	for _, f := range homeFiles {
		writeHome(f, overrides)
		if out, err := run(nil, "validate", "-no-color"); err != nil {
			t.Errorf("%s validate with the dev_overrides in ~/%s and no TF_CLI_CONFIG_FILE: %v\n%s", c.name, f, err, out)
		}
		removeHome(f)
	}

	// While TF_CLI_CONFIG_FILE is set, the home directory's file is not read.
	writeHome(homeFiles[0], overrides)
	empty := filepath.Join(home, "empty.tfrc")
	writeHome("empty.tfrc", nil)
	if out, err := run([]string{"TF_CLI_CONFIG_FILE=" + empty}, "validate", "-no-color"); err == nil {
		t.Errorf("%s validate used ~/%s although TF_CLI_CONFIG_FILE names another file:\n%s", c.name, homeFiles[0], out)
	}
	removeHome(homeFiles[0])
}
