// Command twin serves the benchmark's twin provider (package twinprovider):
// conduit's schemas, none of its work.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/conduit-tf/terraform-provider-conduit/internal/bench/twinprovider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
)

func main() {
	if dir := os.Getenv("CONDUIT_BENCH_CPUPROFILE"); dir != "" {
		// As internal/bench/profprov does for conduit.
		f, err := os.Create(filepath.Join(filepath.Clean(dir), fmt.Sprintf("%d.pprof", os.Getpid()))) //nolint:gosec // the directory the benchmark names
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
	}
	// Served as conduit is (internal/pluginserve).
	err := pluginserve.Serve("registry.terraform.io/conduit-tf/twin", "twin", twinprovider.New, false)
	if err != nil {
		log.Print(err.Error())
	}
}
