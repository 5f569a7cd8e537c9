package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// TestServiceBlocksNameTheirTypes: the provider page says, per service
// block, what it serves (its description); a type it leaves out, a list
// resource above all, is one users cannot tell how to configure. Wording:
// "<API>, for the resource(s) `…`, the list resource(s) `…` and the data
// source(s) `…`." (a list resource has its resource's type name).
func TestServiceBlocksNameTheirTypes(t *testing.T) {
	var all strings.Builder
	for _, svc := range services {
		all.WriteString(svc.Description + "\n")
	}
	named := func(kind, typeName string, phrases ...string) {
		for _, p := range phrases {
			if strings.Contains(all.String(), p) {
				return
			}
		}
		t.Errorf("no service block description names the %s %s (as %q)", kind, typeName, phrases[0])
	}
	ctx := context.Background()
	for _, f := range resources {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "conduit"}, &resp)
		named("resource", resp.TypeName, "`"+resp.TypeName+"`")
	}
	for _, f := range dataSources {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "conduit"}, &resp)
		named("data source", resp.TypeName, "`"+resp.TypeName+"`")
	}
	for _, f := range listResources {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "conduit"}, &resp)
		named("list resource", resp.TypeName, "the list resource `"+resp.TypeName+"`", "the list resources `"+resp.TypeName+"`")
	}
}
