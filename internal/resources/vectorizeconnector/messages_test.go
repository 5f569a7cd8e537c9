package vectorizeconnector_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// TestAccSourceConnectorMessages: the rules of the data source and of the
// user resource, and the connector's workspace, in plain English (an empty
// id is "must not be empty", with what to do instead), at plan time and
// with no request; without a default organization, the data source names
// both places to set one.
func TestAccSourceConnectorMessages(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	user := func(attrs string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_vectorize_source_connector_user" "test" {
%s
}
`, attrs))
	}
	ids := "  source_connector_id = \"7d9f2c1a-5e4b-4c3d-8a2f-1b0e9d8c7a6f\"\n  user_id = \"u-1\"\n"
	cases := []struct {
		config string
		want   []string
	}{
		{sb.Config(`data "conduit_vectorize_source_connectors" "all" { organization_id = "" }`),
			[]string{"Empty organization_id", "organization_id must not be empty: leave it out to use the provider's vectorize.organization_id."}},
		{sb.Config(`data "conduit_vectorize_source_connectors" "all" { workspace_id = "" }`),
			[]string{"Empty workspace_id", "workspace_id must not be empty: leave it out to list the connectors of every workspace."}},
		{sb.Config(connector("FILE_UPLOAD", `  workspace_id = ""`)),
			[]string{"Empty workspace_id", "workspace_id must not be empty: leave it out to create the connector in the organization's first workspace."}},
		{user("  source_connector_id = \"\"\n  user_id = \"u-1\""), []string{"Empty source_connector_id", "source_connector_id must not be empty."}},
		{user("  source_connector_id = \"c\"\n  user_id = \"\""), []string{"Empty user_id", "user_id must not be empty."}},
		{user(ids + `  organization_id = ""`), []string{"Empty organization_id", "organization_id must not be empty: leave it out to use the provider's vectorize.organization_id."}},
		{user(ids + `  refresh_token = ""`), []string{"Empty refresh_token", "refresh_token must not be empty: leave it out when there is none."}},
		{user(ids + `  access_token_wo = ""`), []string{"Empty access_token_wo", "access_token_wo must not be empty: leave it out when there is none."}},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: acctest.ErrorMatching(c.want...)})
	}
	resource.ParallelTest(t, resource.TestCase{
		// access_token_wo is write-only (Terraform 1.11).
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
	if len(sb.Counts()) != 0 {
		t.Fatalf("invalid input reached the API: %v", sb.Counts())
	}
}

// TestAccSourceConnectorsDataSource_noOrganization: without organization_id
// on the data source or the provider, the plan fails naming both, with no
// request.
func TestAccSourceConnectorsDataSource_noOrganization(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	t.Setenv("VECTORIZE_ORGANIZATION_ID", "")
	t.Setenv("VECTORIZE_ORG", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "conduit" {
  vectorize {
    endpoint = %q
    api_key  = %q
  }
}
data "conduit_vectorize_source_connectors" "all" {}
`, sb.Creds.Blocks(sb.URL)["vectorize"]["endpoint"], sb.Creds.VectorizeKey),
			PlanOnly: true,
			ExpectError: acctest.ErrorMatching("Missing organization_id",
				"Set organization_id on the data source, or a default with the provider's vectorize.organization_id (environment variable VECTORIZE_ORGANIZATION_ID)."),
		}},
	})
	if len(sb.Counts()) != 0 {
		t.Fatalf("the plan reached the API: %v", sb.Counts())
	}
}
