package vectorizeconnector_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

func crawler(name, depth string) string {
	return fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  name   = %q
  type   = "WEB_CRAWLER"
  config = jsonencode({ "seed-urls" = ["https://example.com"], "max-depth" = %s })
}
`, name, depth)
}

func fault(mode sandbox.FaultMode, method string, status int) sandbox.Fault {
	return sandbox.Fault{Mode: mode, Method: method, Vendor: "vectorize", Status: status, Count: 1}
}

// TestAccSourceConnector_lostResponses: the change is applied but the answer
// is lost. Create finds the connector by name and adopts it (no duplicate),
// update re-sends the same full config, delete confirms it is gone; transient
// errors on reads are retried.
func TestAccSourceConnector_lostResponses(t *testing.T) {
	acctest.RequireSandbox(t, "fault injection needs the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return sb.ExpectObjects("vectorize")(nil) },
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(fault(sandbox.FaultDropAfterApply, "POST", 0))
					sb.AddFault(fault(sandbox.FaultStatus, "GET", 502))
				},
				Config: sb.Config(crawler("tf-acc-lost", "1")),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[addr].Primary.ID
					return resource.ComposeTestCheckFunc(
						// POST (lost), list (502, retried), GET.
						sb.ExpectRequests(map[string]int{routeCreate: 1, routeList: 2, routeGet: 1}),
						sb.ExpectObjects("vectorize", o+"/"+id),
					)(s)
				},
			},
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(fault(sandbox.FaultDropAfterApply, "PATCH", 0))
				},
				Config: sb.Config(crawler("tf-acc-lost", "2")),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 2}),
					expectStored(sb, o, map[string]any{"max-depth": 2, "seed-urls": []string{"https://example.com"}}),
				),
			},
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(fault(sandbox.FaultDropAfterApply, "DELETE", 0))
				},
				Config: sb.Config(""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routeDel: 1}),
					sb.ExpectObjects("vectorize"),
				),
			},
		},
	})
}

// TestAccSourceConnector_createNotApplied: the connection drops before the
// API applies the POST; the lookup finds nothing and the POST is sent once more.
func TestAccSourceConnector_createNotApplied(t *testing.T) {
	acctest.RequireSandbox(t, "fault injection needs the sandbox")
	sb := acctest.StartSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				sb.Reset()
				sb.AddFault(fault(sandbox.FaultReset, "POST", 0))
			},
			Config: sb.Config(crawler("tf-acc-reset", "1")),
			Check: func(s *terraform.State) error {
				return resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeCreate: 2, routeList: 1, routeGet: 1}),
					sb.ExpectObjects("vectorize", org(sb)+"/"+s.RootModule().Resources[addr].Primary.ID),
				)(s)
			},
		}},
	})
}

// TestAccSourceConnector_createAmbiguous: after a lost POST two connectors of
// that name exist; the provider names them instead of adopting either.
func TestAccSourceConnector_createAmbiguous(t *testing.T) {
	acctest.RequireSandbox(t, "fault injection needs the sandbox")
	sb := acctest.StartSandbox(t)
	pre, err := sb.VectorizeAPI(t).Create(context.Background(), org(sb), "", vectorize.CreateRequest{
		Name: "tf-acc-twice", Type: "WEB_CRAWLER", Config: map[string]any{"seed-urls": []string{"https://example.com"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				sb.Reset()
				sb.AddFault(fault(sandbox.FaultDropAfterApply, "POST", 0))
			},
			Config: sb.Config(crawler("tf-acc-twice", "1")),
			ExpectError: acctest.ErrorMatching("outcome unknown", `Several source connectors named "tf-acc-twice" of type WEB_CRAWLER`,
				pre.ID, "terraform import <address> "+org(sb)+"/<id>"),
		}},
	})
	if n := sb.Counts()[routeCreate]; n != 1 {
		t.Errorf("the POST was re-sent: %d POSTs", n)
	}
}
