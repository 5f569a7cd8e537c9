package sandbox_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// TestTileDBAtHostRoot: the sandbox serves TileDB where the real host does,
// /v2/credentials/… at the root, and points TILEDB_REST_HOST at the bare host.
func TestTileDBAtHostRoot(t *testing.T) {
	sb, srv, creds := start(t)
	if got := creds.Blocks(srv.URL + "/")["tiledb"]["endpoint"]; got != srv.URL {
		t.Fatalf("tiledb.endpoint = %q, want the bare host %q", got, srv.URL)
	}
	if exports := sandbox.Exports(provider.Env(creds.Blocks(srv.URL))); !strings.Contains(exports, "export TILEDB_REST_HOST=\""+srv.URL+"\"\n") {
		t.Fatalf("exports: %s", exports)
	}
	get := func(path string) int {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("X-TILEDB-REST-API-KEY", creds.TileDBKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get("/v2/credentials/" + creds.TileDBNamespace); got != 200 {
		t.Fatalf("GET /v2/credentials/{namespace}: %d", got)
	}
	if got := get("/tiledb/v2/credentials/" + creds.TileDBNamespace); got != 404 {
		t.Fatalf("the old /tiledb prefix still answers: %d", got)
	}
	route := "GET /v2/credentials/{namespace}"
	if n := sb.Counts()[route]; n != 1 {
		t.Fatalf("%s counted %d times: %v", route, n, sb.Counts())
	}
}
