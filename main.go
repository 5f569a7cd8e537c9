// Command terraform-provider-conduit serves the conduit provider over the
// Terraform plugin protocol 6.
package main

import (
	"flag"
	"log"

	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider in debug mode for debuggers such as delve")
	flag.Parse()

	// providerserver.Serve, without the logs Terraform would drop and the
	// per-request memory the framework keeps (see internal/pluginserve).
	err := pluginserve.Serve("registry.terraform.io/conduit-tf/conduit", "conduit", provider.New(version), debug)
	if err != nil {
		log.Fatal(err.Error())
	}
}
