package vectorize_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

// TestEachIsLazy: with the emulator answering pages of 10 (spec 0.1.2's
// nextToken), Each asks for a page only when the caller wants more, so a
// caller that stops after 10 or 11 connectors sends one or two requests.
func TestEachIsLazy(t *testing.T) {
	api, e, log := emulatedLog(t)
	ctx := context.Background()
	for i := range 25 {
		if _, err := api.Create(ctx, org, "", vectorize.CreateRequest{Name: fmt.Sprintf("c%02d", i), Type: "FILE_UPLOAD"}); err != nil {
			t.Fatal(err)
		}
	}
	e.PageList(10)
	for _, tc := range []struct{ take, requests int }{{1, 1}, {10, 1}, {11, 2}, {25, 3}, {100, 3}} {
		*log = nil
		n := 0
		for sc, err := range api.Each(ctx, org, vectorize.ListOptions{}) {
			if err != nil {
				t.Fatal(err)
			}
			if sc.Name != fmt.Sprintf("c%02d", n) {
				t.Fatalf("connector %d is %s", n, sc.Name)
			}
			if n++; n == tc.take {
				break
			}
		}
		if len(*log) != tc.requests {
			t.Errorf("taking %d: %d requests %v, want %d", tc.take, len(*log), *log, tc.requests)
		}
		if tc.requests > 1 && !strings.Contains((*log)[1], "nextToken=") {
			t.Errorf("the second request carries no nextToken: %v", *log)
		}
	}
}

// TestEachType: the type filter is the provider's (the API has none); a
// page holding only other types does not end the walk.
func TestEachType(t *testing.T) {
	api, e, log := emulatedLog(t)
	ctx := context.Background()
	mk := func(name, typ string, cfg map[string]any) {
		if _, err := api.Create(ctx, org, "", vectorize.CreateRequest{Name: name, Type: typ, Config: cfg}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		mk(fmt.Sprintf("upload%d", i), "FILE_UPLOAD", nil)
	}
	mk("crawler", "WEB_CRAWLER", map[string]any{"seed-urls": []string{"https://example.com"}})
	e.PageList(2)
	*log = nil
	got, err := api.List(ctx, org, vectorize.ListOptions{Type: "WEB_CRAWLER"})
	if err != nil || len(got) != 1 || got[0].Name != "crawler" {
		t.Fatalf("WEB_CRAWLER connectors: %v, %v", got, err)
	}
	if len(*log) != 3 {
		t.Fatalf("requests %v, want the 3 pages", *log)
	}
}
