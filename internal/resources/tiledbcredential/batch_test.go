package tiledbcredential_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
)

// TestAccTileDBCredential_refreshAtScale: reads of many credentials of a
// namespace are answered from one list of it (acctest.RunRefresh). The
// credentials are AWS roles whose external id is write-only, so the
// imported ones plan no change.
func TestAccTileDBCredential_refreshAtScale(t *testing.T) {
	acctest.RequireSandbox(t, "request counts and faults need the sandbox")
	t.Parallel()
	sb := acctest.StartSandbox(t)
	api := sb.TileDBAPI(t)
	kind := acctest.RefreshKind{
		Type: "conduit_tiledb_credential", Vendor: "tiledb",
		GetRoute: routeGet, ListRoute: routeList, PageSize: 100,
		Add: func(t *testing.T, ns string, n int) []acctest.RefreshObject {
			out := make([]acctest.RefreshObject, n)
			for i := range out {
				name, arn := fmt.Sprintf("refresh-%03d", i), fmt.Sprintf("arn:aws:iam::123456789012:role/refresh-%d", i)
				cred := tiledb.AccessCredential{Name: name, Role: &tiledb.Role{AWS: &tiledb.AWSRole{RoleARN: arn, ExternalID: "ext"}}}
				if err := api.Create(context.Background(), ns, cred); err != nil {
					t.Fatal(err)
				}
				out[i] = acctest.RefreshObject{Key: ns + "/" + name, ImportID: ns + "/" + name,
					Config: fmt.Sprintf("  namespace = %q\n  name      = %q\n  aws_role = {\n    role_arn       = %q\n    external_id_wo = \"ext\"\n  }", ns, name, arn)}
			}
			return out
		},
		Edit:       `{"role": {"aws": {"role_arn": "arn:aws:iam::123456789012:role/edited"}}}`,
		ListPath:   func(ns string) string { return "/v2/credentials/" + ns },
		SecondPage: map[string]string{"page": "2"},
	}
	for i := range kind.Scopes {
		kind.Scopes[i] = fmt.Sprintf("refresh-ns-%d", i)
		sb.TileDB().AddNamespace(kind.Scopes[i])
	}
	acctest.RunRefresh(t, sb, kind)
}
