package vectorize

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestPageList: with the hook on, the list comes in pages of the hook's
// size, each but the last with a nextToken that continues after it even
// when a listed connector is deleted meanwhile; a token that does not
// decode is a 400; Reset turns paging off again (TestListIsOnePage is the
// default).
func TestPageList(t *testing.T) {
	h := newHarness(t)
	var ids []string
	for i := range 7 {
		ids = append(ids, h.create(fmt.Sprintf(`{"name":"c%d","type":"FILE_UPLOAD"}`, i)))
	}
	h.e.PageList(3)
	names := func(out map[string]any) string {
		var n []string
		for _, it := range out["sourceConnectors"].([]any) {
			n = append(n, it.(map[string]any)["name"].(string))
		}
		return strings.Join(n, ",")
	}
	code, first := h.do("GET", sources, "")
	token, _ := first["nextToken"].(string)
	if code != 200 || names(first) != "c0,c1,c2" || token == "" {
		t.Fatalf("first page: %d %v", code, first)
	}
	// c3 starts the next page; deleting c2, the last one sent, loses nothing.
	if err := h.e.Delete(org + "/" + ids[2]); err != nil {
		t.Fatal(err)
	}
	_, second := h.do("GET", sources+"?nextToken="+url.QueryEscape(token), "")
	token, _ = second["nextToken"].(string)
	if names(second) != "c3,c4,c5" || token == "" {
		t.Fatalf("second page: %v", second)
	}
	_, last := h.do("GET", sources+"?nextToken="+url.QueryEscape(token), "")
	if _, has := last["nextToken"]; names(last) != "c6" || has {
		t.Fatalf("last page: %v", last)
	}
	if code, out := h.do("GET", sources+"?nextToken=garbage", ""); code != 400 || out["details"] != "invalid nextToken" {
		t.Fatalf("bad token: %d %v", code, out)
	}
	h.e.Reset()
	for i := range 4 {
		h.create(fmt.Sprintf(`{"name":"d%d","type":"FILE_UPLOAD"}`, i))
	}
	if _, out := h.do("GET", sources, ""); names(out) != "d0,d1,d2,d3" || out["nextToken"] != nil {
		t.Fatalf("after Reset: %v", out)
	}
}
