package clienttest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSameFields(t *testing.T) {
	cases := []struct {
		name, want, got string
		diffs           []string // each must appear in one difference, in order
	}{
		{"equal", `{"a":1,"b":[{"c":"x"}]}`, `{"b":[{"c":"x"}],"a":1}`, nil},
		{"both empty", ``, ``, nil},
		{"added key allowed", `{"a":1}`, `{"a":1,"is_enabled":true}`, nil},
		{"added key allowed in an array", `{"l":[{"a":1}]}`, `{"l":[{"a":1,"is_enabled":true}]}`, nil},
		{"extra key", `{"a":1}`, `{"a":1,"errorCode":"x"}`, []string{"$.errorCode: not in the recording"}},
		{"missing key", `{"a":1,"b":2}`, `{"a":1}`, []string{"$.b: missing"}},
		{"other value", `{"limit":1}`, `{"limit":100}`, []string{"$.limit: want 1, got 100"}},
		{"order matters", `{"l":["a","b"]}`, `{"l":["b","a"]}`, []string{"$.l[0]: want a, got b", "$.l[1]: want b, got a"}},
		{"length", `{"l":["a"]}`, `{"l":[]}`, []string{"$.l: want 1 elements"}},
		{"generated compared by type", `{"id":"x1","n":2}`, `{"id":"y2","n":2}`, nil},
		{"generated of another type", `{"id":"x1"}`, `{"id":7}`, []string{"$.id: generated value of another type"}},
		{"not JSON", `{"a":1}`, `<html>`, []string{"answer is not JSON"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := SameFields(json.RawMessage(c.want), json.RawMessage(c.got), []string{"is_enabled"}, []string{"id"})
			if len(got) != len(c.diffs) {
				t.Fatalf("want %d differences, got %q", len(c.diffs), got)
			}
			for i := range got {
				if !strings.Contains(got[i], c.diffs[i]) {
					t.Errorf("difference %d: want %q in %q", i, c.diffs[i], got[i])
				}
			}
		})
	}
}
