// Command rsswrap stands in for a provider binary in the benchmark's
// dev_overrides directory. It runs the real provider (real/<its own name>,
// next to it) with the same arguments, environment and standard streams, and
// when the provider exits it appends the provider's peak resident set size
// (ru_maxrss from wait4, in KiB) and its CPU time (user and system, in
// microseconds) to rss.log beside itself.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		fatal(err)
	}
	dir := filepath.Dir(self)
	cmd := exec.Command(filepath.Join(dir, "real", filepath.Base(self)), os.Args[1:]...) //nolint:gosec // the benchmark's own build
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Terraform may kill this wrapper; the provider must not outlive it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	runErr := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(runErr, &exitErr):
		code = exitErr.ExitCode()
	case runErr != nil:
		fatal(runErr)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		f, err := os.OpenFile(filepath.Join(dir, "rss.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600) //nolint:gosec // fixed name next to the wrapper
		if err == nil {
			_, _ = fmt.Fprintf(f, "%d %d\n", ru.Maxrss, ru.Utime.Nano()/1000+ru.Stime.Nano()/1000)
			_ = f.Close()
		}
	}
	if code < 0 {
		code = 1
	}
	os.Exit(code)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "rsswrap:", err)
	os.Exit(1)
}
