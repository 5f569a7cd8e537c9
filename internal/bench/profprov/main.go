// Command profprov is the conduit provider with profiles: `conduit-bench
// -cpuprofile DIR` builds it in place of the provider, and each provider
// process Terraform starts writes into DIR/<subject>-<N>-<phase>-<run>/:
// <pid>.pprof (CPU), and when it stops <pid>.heap (what is still live after
// a GC) and <pid>.mem (heap high-water marks). Read them with
// `go tool pprof -top <binary> DIR/<dir>/*.pprof`.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
)

func main() {
	if dir := os.Getenv("CONDUIT_BENCH_CPUPROFILE"); dir != "" {
		defer profile(filepath.Clean(dir))()
	}
	// Served as conduit is (internal/pluginserve).
	err := pluginserve.Serve("registry.terraform.io/conduit-tf/conduit", "conduit", provider.New("bench-profile"), false)
	if err != nil {
		log.Print(err.Error())
	}
}

func create(dir, ext string) (*os.File, error) {
	return os.Create(filepath.Join(dir, fmt.Sprintf("%d.%s", os.Getpid(), ext))) //nolint:gosec // the directory the benchmark names
}

// profile starts the CPU profile and the heap sampling; the function it
// returns stops them and writes the files.
func profile(dir string) func() {
	cpu, err := create(dir, "pprof")
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Fatal(err)
	}
	var peak runtime.MemStats
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.HeapInuse {
				peak = m
			}
		}
	}()
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		close(stop)
		<-stopped
		runtime.GC()
		var live runtime.MemStats
		runtime.ReadMemStats(&live)
		if f, err := create(dir, "mem"); err == nil {
			_, _ = fmt.Fprintf(f, "peak heap in use %d MB (heap from the OS %d MB); %d GCs, %d MB allocated in all; live after a final GC %d MB\n",
				peak.HeapInuse>>20, peak.HeapSys>>20, live.NumGC, live.TotalAlloc>>20, live.HeapAlloc>>20)
			_ = f.Close()
		}
		if f, err := create(dir, "heap"); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			_ = f.Close()
		}
	}
}
