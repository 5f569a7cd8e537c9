package base

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseID(t *testing.T) {
	cases := []struct {
		id   string
		want []string
	}{
		{"org_1:con_2", []string{"org_1", "con_2"}},
		{"org_1::con_2", []string{"org_1", "con_2"}},
		{"org_1:::con_2", nil},
		{"org_1", nil},
		{":con_2", nil},
		{"org_1:", nil},
		{"org_1: con_2", nil},
		{"a:b:c", nil},
		{"", nil},
	}
	for _, c := range cases {
		got, err := ParseID(c.id, 2, "<org>:<con>", "::", ":")
		if !reflect.DeepEqual(got, c.want) || (err == nil) != (c.want != nil) {
			t.Errorf("%q: got %v, %v", c.id, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "<org>:<con>") {
			t.Errorf("%q: error does not show the format: %v", c.id, err)
		}
	}
	got, err := ParseID("ns/name", 2, "<namespace>/<name>", "/")
	if err != nil || got[0] != "ns" || got[1] != "name" {
		t.Fatalf("slash form: %v %v", got, err)
	}
}

// FuzzParseID: a parsed id has exactly the parts asked for, none empty, and
// joins back to the input.
func FuzzParseID(f *testing.F) {
	for _, s := range []string{"org_1:con_2", "org_1::con_2", "a/b", "::", ":::", "a::b:c", " a:b", "ns/na%2Fme"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		for _, seps := range [][]string{{"::", ":"}, {"/"}} {
			parts, err := ParseID(id, 2, "x", seps...)
			if err != nil {
				continue
			}
			if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
				t.Fatalf("%q: parts %q", id, parts)
			}
			joined := false
			for _, sep := range seps {
				joined = joined || parts[0]+sep+parts[1] == id
			}
			if !joined {
				t.Fatalf("%q: parts %q do not rebuild the id", id, parts)
			}
		}
	})
}

// FuzzScopeParseImportID: an accepted scoped import id names one scope and
// one object, taken from the id or the provider's default, never invented;
// a refusal shows the format.
func FuzzScopeParseImportID(f *testing.F) {
	for _, s := range []string{"01JORG/01JCONN", "01JCONN", "/01JCONN", "01JORG/", "a/b/c", "", " x", "x ", "a//b", "o\t/c"} {
		f.Add(s, "01JDEFAULT")
		f.Add(s, "")
	}
	scope := Scope{Attr: "organization_id", ProviderAttr: "svc.organization_id", Env: "SVC_ORGANIZATION_ID"}
	const format = "<organization_id>/<id>"
	f.Fuzz(func(t *testing.T, id, providerDefault string) {
		parts, err := scope.ParseImportID(id, providerDefault, ImportID{Attrs: []string{"id"}, Format: format})
		if err != nil {
			if !strings.Contains(err.Error(), format) {
				t.Fatalf("%q: the error does not show the format: %v", id, err)
			}
			return
		}
		org, obj := parts[0], parts[1]
		if org == "" || obj == "" || strings.Contains(obj, "/") || obj != strings.TrimSpace(obj) {
			t.Fatalf("%q (default %q): scope %q, id %q", id, providerDefault, org, obj)
		}
		if strings.Contains(id, "/") {
			if strings.Contains(org, "/") || org+"/"+obj != id {
				t.Fatalf("%q: scope %q and id %q are not the import id", id, org, obj)
			}
		} else if org != providerDefault || obj != id {
			t.Fatalf("%q (default %q): scope %q, id %q", id, providerDefault, org, obj)
		}
	})
}
