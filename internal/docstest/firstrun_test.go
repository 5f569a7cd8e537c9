//go:build unix

package docstest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// sessionDocs are read in this order in one shell: the guides start where
// the README's first run leaves the reader (provider installed, CLI
// configured, in a folder with examples/demo).
var sessionDocs = []string{
	"README.md",
	"docs/guides/testing-against-the-sandbox.md",
}

// notRun are the guides whose steps cannot run offline, and why.
var notRun = map[string]string{
	"docs/guides/acceptance-tests-against-real-tenants.md": "needs real tenants and their credentials",
	"docs/guides/adopting-existing-objects.md":             "needs objects made outside Terraform and Terraform 1.14; each resource's ...List_generateConfig test runs these steps",
	"docs/guides/migrating-from-the-auth0-provider.md":     "needs a state written by the auth0 provider and terraform init from the registry",
}

// TestDocsFirstRun runs the documented steps, in a temporary HOME and GOPATH,
// once with Terraform and once with OpenTofu, and then checks the README's
// claims about the CLI configuration.
func TestDocsFirstRun(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("the documented steps run with the acceptance tests: TF_ACC=1 (make test)")
	}
	if os.Getenv("CONDUIT_ACC_LIVE") == "1" {
		t.Skip("the documented steps run against the sandbox, not against live tenants")
	}
	if os.Getenv(insideVar) != "" {
		t.Skip("already inside a run of the documented steps (a step ran make test)")
	}
	root := repoRoot(t)
	blocks := sessionBlocks(t, root)
	tf, tofu := findCLIs(root)
	for _, c := range []cliChoice{tf, tofu} {
		t.Run(c.name, func(t *testing.T) {
			if c.path == "" {
				t.Skip(c.why)
			}
			t.Logf("using %s (%s)", c.path, c.version)
			runSession(t, root, blocks, c)
		})
	}
}

func sessionBlocks(t *testing.T, root string) []Block {
	t.Helper()
	guides, err := filepath.Glob(filepath.Join(root, "docs", "guides", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	inSession := map[string]bool{}
	for _, d := range sessionDocs {
		inSession[d] = true
	}
	for _, g := range guides {
		rel, _ := filepath.Rel(root, g)
		rel = filepath.ToSlash(rel)
		if !inSession[rel] && notRun[rel] == "" {
			t.Errorf("%s: a guide the docs test neither runs nor excludes; add it to sessionDocs or, with the reason, to notRun in %s", rel, "internal/docstest/firstrun_test.go")
		}
	}
	var run []Block
	for _, d := range sessionDocs {
		blocks, err := ShellBlocks(root, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range blocks {
			if b.Skip != "" {
				t.Logf("%s:%d: not run: %s", b.File, b.Line, b.Skip)
				continue
			}
			run = append(run, b)
		}
	}
	if len(run) == 0 {
		t.Fatal("no shell steps found in the documents")
	}
	return run
}

type cliChoice struct {
	name    string // "terraform" or "tofu", the command the steps call
	path    string
	version string
	why     string // why path is empty
}

var cliVersionRe = regexp.MustCompile(`^(Terraform|OpenTofu) v(\d+)\.(\d+)\S*`)

// findCLIs picks the Terraform that scripts/terraform.sh chose for the run
// (TF_ACC_TERRAFORM_PATH), else the one on PATH, and an OpenTofu from the
// same, from PATH, or from .tools/tofu (make test-tofu builds it there).
// The demo uses write-only arguments, which need 1.11.
func findCLIs(root string) (tf, tofu cliChoice) {
	tf = cliChoice{name: "terraform", why: "no Terraform 1.11 or newer (TF_ACC_TERRAFORM_PATH or PATH)"}
	tofu = cliChoice{name: "tofu", why: "no OpenTofu 1.11 or newer (TF_ACC_TERRAFORM_PATH, PATH or .tools/tofu, which make test-tofu builds)"}
	var candidates []string
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		candidates = append(candidates, p)
	}
	for _, name := range []string{"terraform", "tofu"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	candidates = append(candidates, filepath.Join(root, ".tools", "tofu"))
	for _, p := range candidates {
		cmd := exec.Command(p, "version")
		cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
		out, err := cmd.Output()
		if err != nil {
			continue
		}
		m := cliVersionRe.FindStringSubmatch(string(out))
		if m == nil {
			continue
		}
		major, _ := strconv.Atoi(m[2])
		minor, _ := strconv.Atoi(m[3])
		if major < 1 || (major == 1 && minor < 11) {
			continue
		}
		c := &tf
		if m[1] == "OpenTofu" {
			c = &tofu
		}
		if c.path == "" {
			c.path, c.version, c.why = p, m[0], ""
		}
	}
	return tf, tofu
}

// insideVar marks the environment of the steps, so that a step running make
// test does not start the documented steps again.
const insideVar = "CONDUIT_DOCSTEST_INSIDE"

var commandStart = regexp.MustCompile(`(?m)^(\s*)terraform\b`)

func runSession(t *testing.T, root string, blocks []Block, c cliChoice) {
	tmp := t.TempDir()
	home, gopath, shims := filepath.Join(tmp, "home"), filepath.Join(tmp, "gopath"), filepath.Join(tmp, "cli")
	for _, d := range []string{home, gopath, shims} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(c.path, filepath.Join(shims, c.name)); err != nil {
		t.Fatal(err)
	}
	if c.name != "terraform" {
		// A terraform command the substitution missed must not quietly use
		// another CLI.
		stray := "#!/bin/sh\necho \"docs-test: terraform $* in the " + c.name + " session: the docs tell this reader to run " + c.name + "\" >&2\nexit 97\n"
		if err := os.WriteFile(filepath.Join(shims, "terraform"), []byte(stray), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	stateFile := filepath.Join(tmp, "session.state")
	script := sessionScript(blocks, c.name, stateFile)
	scriptFile := filepath.Join(tmp, "session.sh")
	if err := os.WriteFile(scriptFile, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	env := hermeticEnv(t, home, gopath, shims)

	timeout := 15 * time.Minute
	if d, ok := t.Deadline(); ok && time.Until(d)-time.Minute < timeout {
		timeout = time.Until(d) - time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", scriptFile)
	cmd.Dir, cmd.Env = root, env
	stdin, answers, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &prompter{answers: answers}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, out, out
	// Background jobs stay in bash's process group (no job control in a
	// script): whatever the steps leave behind is killed with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A step that never returns (a server left in the foreground) is silent:
	// stop it long before the test's timeout and say so.
	done, idle := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(idle)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if out.silentFor() > idleLimit {
					out.note(fmt.Sprintf("docs-test: no output for %s: a step does not return (is something in the foreground?)", idleLimit))
					cancel()
					return
				}
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	<-idle
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = stdin.Close()
	_ = answers.Close()
	text := out.String()
	if err != nil {
		t.Fatalf("the documented steps failed after %s (%v); output:\n%s", time.Since(start).Round(time.Second), err, text)
	}
	t.Logf("the documented steps passed in %s", time.Since(start).Round(time.Second))

	// Each documented apply and destroy did its work.
	for cmdName, complete := range map[string]string{"apply": "Apply complete!", "destroy": "Destroy complete!"} {
		want := len(regexp.MustCompile(`(?m)^\s*`+c.name+`\s+`+cmdName+`\b`).FindAllString(script, -1))
		if got := strings.Count(text, complete); got != want || want == 0 {
			t.Errorf("%d %q in the output for %d documented `%s %s`:\n%s", got, complete, want, c.name, cmdName, text)
		}
	}
	if !strings.Contains(text, "No changes.") {
		t.Errorf("no documented plan said \"No changes.\" after an apply:\n%s", text)
	}
	// make install put the provider where the README says: GOBIN is unset
	// here, so $(go env GOPATH)/bin.
	for _, bin := range []string{"terraform-provider-conduit", "conduit-sandbox"} {
		if _, err := os.Stat(filepath.Join(gopath, "bin", bin)); err != nil {
			t.Errorf("%s is not in $(go env GOPATH)/bin after the install steps: %v", bin, err)
		}
	}
	checkCLIConfigClaims(t, root, c, env, stateFile)
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// prompter collects the output of the steps (without colours) and answers
// the confirmation prompts of apply and destroy with "yes", one line per
// prompt as the reader types it: the CLIs read stdin buffered, so answers
// given ahead would all go to the first one. Any other prompt gets end of
// input, so a step that asks for something the docs do not tell the reader
// fails.
type prompter struct {
	mu      sync.Mutex
	text    strings.Builder
	from    int // where the search for the next prompt starts
	answers *os.File
	last    time.Time
}

// idleLimit is longer than the quietest documented step, make install
// compiling the provider on a cold build cache.
const idleLimit = 5 * time.Minute

func (p *prompter) silentFor() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last.IsZero() {
		p.last = time.Now()
	}
	return time.Since(p.last)
}

func (p *prompter) note(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.text.WriteString("\n" + line + "\n")
}

const (
	promptQuery = "Enter a value:"
	confirmText = "Only 'yes' will be accepted"
)

func (p *prompter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = time.Now()
	p.text.WriteString(ansi.ReplaceAllString(string(b), ""))
	all := p.text.String()
	for {
		i := strings.Index(all[p.from:], promptQuery)
		if i < 0 {
			p.from = max(p.from, len(all)-len(promptQuery))
			return len(b), nil
		}
		at := p.from + i
		p.from = at + len(promptQuery)
		if strings.Contains(all[max(0, at-400):at], confirmText) {
			_, _ = p.answers.WriteString("yes\n")
		} else {
			p.text.WriteString("\ndocs-test: a prompt the docs do not answer; closing the input\n")
			_ = p.answers.Close()
		}
	}
}

func (p *prompter) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.text.String()
}

// sessionScript joins the blocks into one bash script that names the block
// of a failing command, and fails when the steps leave a job running (the
// docs must say how to stop the sandbox).
func sessionScript(blocks []Block, cli, stateFile string) string {
	var b strings.Builder
	b.WriteString("set -eo pipefail\n")
	b.WriteString(`trap 'rc=$?; echo "docs-test: a command of the step at $__docs_at failed (exit $rc)" >&2' ERR` + "\n")
	for _, blk := range blocks {
		at := fmt.Sprintf("%s:%d", blk.File, blk.Line)
		fmt.Fprintf(&b, "__docs_at=%q\nprintf '\\ndocs-test: ==> %%s\\n' \"$__docs_at\" >&2\n", at)
		text := blk.Text
		if cli != "terraform" {
			text = commandStart.ReplaceAllString(text, "${1}"+cli)
		}
		b.WriteString(text)
	}
	b.WriteString(`__docs_at="the end of the steps"
for _ in $(seq 100); do [ -z "$(jobs -rp)" ] && break; sleep 0.1; done
if [ -n "$(jobs -rp)" ]; then
  echo "docs-test: the steps leave background jobs running ($(jobs -rp)): the docs must say how to stop them" >&2
  exit 1
fi
`)
	fmt.Fprintf(&b, "printf '%%s\\n%%s\\n' \"$PWD\" \"${TF_CLI_CONFIG_FILE:-}\" > %q\n", stateFile)
	return b.String()
}

// hermeticEnv is the caller's environment without anything that configures
// Go, Terraform, the provider or the sandbox, with a fresh HOME and GOPATH;
// the Go module and build caches are shared so nothing is downloaded and the
// builds stay incremental.
func hermeticEnv(t *testing.T, home, gopath, shims string) []string {
	t.Helper()
	keep := goEnv(t, "GOMODCACHE", "GOCACHE", "GOFLAGS", "GOPROXY", "GOSUMDB", "GONOSUMDB", "GONOPROXY", "GOPRIVATE", "GOINSECURE", "GOTOOLCHAIN")
	// MAKEFLAGS and MAKELEVEL of an outer make test would reach make install.
	drop := []string{"GO", "TF_", "CHECKPOINT_", "CONDUIT_", "AUTH0_", "VERSORI_", "VECTORIZE_", "TILEDB_", "XDG_", "MAKE", "MFLAGS=", "HOME=", "PATH="}
	var env []string
	for _, kv := range os.Environ() {
		dropped := false
		for _, p := range drop {
			dropped = dropped || strings.HasPrefix(kv, p)
		}
		if !dropped {
			env = append(env, kv)
		}
	}
	env = append(env,
		"HOME="+home,
		"PATH="+shims+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOPATH="+gopath,
		"GOENV=off", // a go env -w GOBIN of the real user must not apply
		"CHECKPOINT_DISABLE=1",
		insideVar+"=1",
		// The README's answer to a taken port 8080: any free port.
		"CONDUIT_SANDBOX_ADDR=127.0.0.1:0",
	)
	for k, v := range keep {
		env = append(env, k+"="+v)
	}
	sort.Strings(env)
	return env
}

func goEnv(t *testing.T, keys ...string) map[string]string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"env"}, keys...)...).Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	vals := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	m := map[string]string{}
	for i, k := range keys {
		if i < len(vals) && vals[i] != "" {
			m[k] = vals[i]
		}
	}
	return m
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found from %s: %v", root, err)
	}
	return root
}
