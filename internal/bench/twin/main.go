// Command twin is a benchmark floor between the no-op provider and conduit:
// the provider "twin" serves twin_org_connection, twin_versori_connection,
// twin_vectorize_source_connector and twin_tiledb_credential with exactly the
// schemas of their conduit_ namesakes (attributes, validators, plan
// modifiers), but sends no request and runs none of their code: create and
// update store the plan (unknown values as null), read returns the state.
// What conduit costs above twin is its own work; what twin costs above the
// no-op provider is what its schemas cost Terraform and the framework.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
	conduit "github.com/conduit-tf/terraform-provider-conduit/internal/provider"
)

// twinned are the conduit resource types the benchmark spreads objects over.
var twinned = map[string]bool{
	"conduit_org_connection": true, "conduit_versori_connection": true,
	"conduit_vectorize_source_connector": true, "conduit_tiledb_credential": true,
}

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
	err := pluginserve.Serve("registry.terraform.io/conduit-tf/twin", "twin", func() provider.Provider { return twinProvider{} }, false)
	if err != nil {
		log.Print(err.Error())
	}
}

type twinProvider struct{}

func (twinProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "twin"
}

func (twinProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (twinProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (twinProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range conduit.New("twin")().Resources(ctx) {
		r := f()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "conduit"}, &md)
		if !twinned[md.TypeName] {
			continue
		}
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		t := twin{name: strings.TrimPrefix(md.TypeName, "conduit_"), schema: sr.Schema}
		out = append(out, func() resource.Resource { return t })
	}
	return out
}

func (twinProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type twin struct {
	name   string
	schema schema.Schema
}

func (t twin) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + t.name
}

func (t twin) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = t.schema
}

// known replaces the values only the API would know with null.
func known(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
}

func (t twin) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := known(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("twin", err.Error())
		return
	}
	resp.State.Raw = v
}

func (t twin) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (t twin) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := known(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("twin", err.Error())
		return
	}
	resp.State.Raw = v
}

func (t twin) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
