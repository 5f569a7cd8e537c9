package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/bench/twinprovider"
)

func copyFile(from, to string) error {
	data, err := os.ReadFile(from) //nolint:gosec // our own build output
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o700) //nolint:gosec // an executable
}

// terraform runs the phase's command and returns its wall time and the CPU
// time of terraform and the processes it waited for (the providers).
func (r *runner) terraform(ctx context.Context, dir string, subj Subject, p Phase, run int) (time.Duration, time.Duration, error) {
	par := "-parallelism=" + strconv.Itoa(r.opts.Parallelism)
	var args []string
	switch p {
	case PhaseApply:
		args = []string{"apply", "-auto-approve", "-input=false", "-no-color", par}
	case PhasePlan:
		args = []string{"plan", "-input=false", "-no-color", "-detailed-exitcode", par}
	case PhaseUpdate:
		// The refresh before an update is the plan phase's measure.
		args = []string{"apply", "-auto-approve", "-input=false", "-no-color", "-refresh=false", par}
	case PhaseDestroy:
		args = []string{"destroy", "-auto-approve", "-input=false", "-no-color", "-refresh=false", par}
	}
	logPath := filepath.Join(dir, fmt.Sprintf("%s-%d.log", p, run))
	logFile, err := os.Create(logPath) //nolint:gosec // inside our work directory
	if err != nil {
		return 0, 0, err
	}
	defer func() { _ = logFile.Close() }()
	cmd := exec.CommandContext(ctx, r.opts.Terraform, args...) //nolint:gosec // the terraform the user chose
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = r.tfEnv(subj)
	if r.opts.CPUProfile != "" && (isConduit(subj) || subj == SubjectTwin) {
		prof := filepath.Join(r.opts.CPUProfile, fmt.Sprintf("%s-%s-%d", filepath.Base(dir), p, run))
		if err := os.MkdirAll(prof, 0o750); err != nil {
			return 0, 0, err
		}
		cmd.Env = append(cmd.Env, "CONDUIT_BENCH_CPUPROFILE="+prof)
	}
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	var cpu time.Duration
	if cmd.ProcessState != nil {
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && p == PhasePlan && exitErr.ExitCode() == 2 {
		return wall, cpu, fmt.Errorf("the plan after apply is not empty (see %s)%s", logPath, tail(logPath))
	}
	if err != nil {
		return wall, cpu, fmt.Errorf("terraform %s: %w%s", strings.Join(args, " "), err, tail(logPath))
	}
	return wall, cpu, nil
}

// selfCPU is this process's CPU time so far: the sandbox's, mostly.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// tfEnv is Terraform's environment for the subject: none of the user's TF_
// or CONDUIT_ variables, nor the provider's settings, so that nothing from
// the shell changes what is measured. conduit gets the sandbox's settings
// and batch_reads set explicitly: off in the cycle (see Run), on only for
// SubjectConduitOn.
func (r *runner) tfEnv(subj Subject) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || r.env[k] != "" || strings.HasPrefix(k, "CONDUIT_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+r.rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	if isConduit(subj) {
		for k, v := range r.env {
			env = append(env, k+"="+v)
		}
		env = append(env, "CONDUIT_BATCH_READS="+strconv.FormatBool(subj == SubjectConduitOn))
	}
	if subj == SubjectTwin && r.waitLatency.Load() > 0 {
		env = append(env, twinprovider.WaitURLEnv+"="+r.waitURL, twinprovider.WaitsEnv+"="+twinWaits())
	}
	return env
}

// twinWaitPath is the sandbox server's path twin waits on.
const twinWaitPath = "/_bench/twin-wait"

// twinWaits is twinprovider.WaitsEnv for the kinds: each operation waits
// as many times as conduit sends requests for it.
func twinWaits() string {
	var out []string
	for _, k := range Kinds {
		out = append(out, fmt.Sprintf("%s=%d/%d/%d/%d", strings.TrimPrefix(k.Resource, "conduit"),
			k.Budget[PhaseApply], k.Budget[PhasePlan], k.Budget[PhaseUpdate], k.Budget[PhaseDestroy]))
	}
	return strings.Join(out, ",")
}

// isConduit reports whether the subject is the provider itself, whatever
// its settings.
func isConduit(subj Subject) bool {
	return subj == SubjectConduit || subj == SubjectConduitOn || subj == SubjectConduitOff
}

// providerOf is the provider binary's directory name of the subject.
func providerOf(subj Subject) string {
	if isConduit(subj) {
		return string(SubjectConduit)
	}
	return string(subj)
}

func tail(path string) string {
	data, err := os.ReadFile(path) //nolint:gosec // our own log
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	return "\n    " + strings.Join(lines, "\n    ")
}

// providerUsage reads what rsswrap logged: the largest ru_maxrss (KiB) and
// the CPU time of all the provider processes.
func providerUsage(path string) (int64, time.Duration) {
	f, err := os.Open(path) //nolint:gosec // our own log
	if err != nil {
		return 0, 0
	}
	defer func() { _ = f.Close() }()
	var peak int64
	var cpu time.Duration
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 {
			continue
		}
		if v, err := strconv.ParseInt(fields[0], 10, 64); err == nil {
			peak = max(peak, v)
		}
		if us, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
			cpu += time.Duration(us) * time.Microsecond
		}
	}
	return peak, cpu
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration{}, d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "n/a"
	}
	return strings.Join(f[:3], " ")
}
