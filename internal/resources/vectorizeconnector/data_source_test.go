package vectorizeconnector_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	sbvectorize "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/vectorize"
)

// TestAccSourceConnectors_dataSource: the whole list comes in one request
// (the spec's getSourceConnectors has no paging), secrets stay out of the
// listed config, and the workspace filter applies.
func TestAccSourceConnectors_dataSource(t *testing.T) {
	acctest.RequireSandbox(t, "counts the sandbox's connectors")
	sb := acctest.StartSandbox(t)
	api := sb.VectorizeAPI(t)
	for i := range 55 {
		if _, err := api.Create(context.Background(), org(sb), "", vectorize.CreateRequest{Name: fmt.Sprintf("oob-%d", i), Type: "FILE_UPLOAD"}); err != nil {
			t.Fatal(err)
		}
	}
	cfg := sb.Config(`
resource "conduit_vectorize_source_connector" "test" {
  name          = "tf-acc-listed"
  type          = "GITHUB"
  workspace_id  = "ws-listed"
  config        = jsonencode({ repositories = ["conduit-tf/demo"] })
  secret_config = jsonencode({ "oauth-token" = "ghp_listed_secret" })
}
data "conduit_vectorize_source_connectors" "all" {
  depends_on = [conduit_vectorize_source_connector.test]
}
data "conduit_vectorize_source_connectors" "ws" {
  organization_id = conduit_vectorize_source_connector.test.organization_id
  workspace_id    = "ws-listed"
}
`)
	ds := "data.conduit_vectorize_source_connectors."
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds+"all", tfjsonpath.New("organization_id"), str(org(sb))),
					statecheck.ExpectKnownValue(ds+"all", tfjsonpath.New("source_connectors"), knownvalue.ListSizeExact(56)),
					statecheck.ExpectKnownValue(ds+"all", tfjsonpath.New("source_connectors").AtSliceIndex(0).AtMapKey("name"), str("oob-0")),
					statecheck.ExpectKnownValue(ds+"all", tfjsonpath.New("source_connectors").AtSliceIndex(54).AtMapKey("name"), str("oob-54")),
					statecheck.ExpectKnownValue(ds+"ws", tfjsonpath.New("source_connectors"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name":                str("tf-acc-listed"),
							"type":                str("GITHUB"),
							"config":              str(`{"repositories":["conduit-tf/demo"]}`),
							"verification_status": str("verified"),
							"created_by_email":    str(sbvectorize.UserEmail),
						}),
					})),
				},
			},
			{
				// A refresh of the whole configuration: one list for "all", one for "ws", 1 GET.
				PreConfig:    sb.Reset,
				RefreshState: true,
				Check:        sb.ExpectRequests(map[string]int{routeList: 2, routeGet: 1}),
			},
		},
	})
}
