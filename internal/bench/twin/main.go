// Command twin is a benchmark floor between the no-op provider and conduit:
// the provider "twin" serves every type conduit serves under its own name
// (twin_org_connection, ..., the data sources and list resources) with
// exactly conduit's schemas, identity schemas and provider schema
// (attributes, validators, plan modifiers; twinProvider's schemas are
// conduit's own, and TestSchemasEqualConduits checks the whole
// GetProviderSchema and GetResourceIdentitySchemas answers), but sends no
// request and runs none of conduit's code: create and update store the plan
// (unknown values as null), read returns the state, and each of them sets
// the identity from the state written, as conduit's resources do (Terraform
// and the framework then carry and check the identity on every call, which
// is part of what the schemas cost). Data sources and list resources answer
// nothing; the benchmark does not use them, they are served so that the
// schema Terraform loads is conduit's. What conduit costs above twin is its
// own work; what twin costs above the no-op provider is what its schemas cost
// Terraform and the framework.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
	conduit "github.com/conduit-tf/terraform-provider-conduit/internal/provider"
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
	err := pluginserve.Serve("registry.terraform.io/conduit-tf/twin", "twin", newProvider, false)
	if err != nil {
		log.Print(err.Error())
	}
}

func newProvider() provider.Provider {
	p, ok := conduit.New("twin")().(provider.ProviderWithListResources)
	if !ok {
		panic("conduit's provider serves no list resources")
	}
	return twinProvider{p}
}

// twinProvider is conduit's provider for its metadata and schema, with its
// types replaced by twins and its Configure by nothing.
type twinProvider struct {
	conduit provider.ProviderWithListResources
}

var _ provider.ProviderWithListResources = twinProvider{}

func (twinProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "twin"
}

func (p twinProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.conduit.Schema(ctx, req, resp)
}

func (twinProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
