package bench

import (
	"strings"
	"testing"
)

func TestSpreadAndBudgets(t *testing.T) {
	for _, n := range []int{1, 4, 7, 1000} {
		sum := 0
		for _, c := range Spread(n) {
			sum += c
		}
		if sum != n {
			t.Fatalf("Spread(%d) deals %d objects", n, sum)
		}
	}
	// The resources' documented budgets: create 1/1/2/2, read 1 (batch_reads
	// off, as the cycle runs), update 1/1/1/2, delete 1.
	want := map[Phase]int{PhaseApply: 1500, PhasePlan: 1000, PhaseUpdate: 1250, PhaseDestroy: 1000}
	for p, w := range want {
		if _, got := Budget(1000, p); got != w {
			t.Errorf("%s of 1000 objects: budget %d, want %d", p, got, w)
		}
	}
	// A lone object is one GET; a scope of several one GET and its pages.
	for _, c := range []struct {
		scopes []int
		want   int
	}{{[]int{1}, 1}, {[]int{2}, 2}, {[]int{100}, 2}, {[]int{101}, 3}, {[]int{1, 0, 300}, 1 + 4}} {
		if got := Kinds[3].ReadBudget(c.scopes); got != c.want {
			t.Errorf("ReadBudget(%v) = %d, want %d", c.scopes, got, c.want)
		}
	}
	if got := Kinds[2].ReadBudget([]int{300}); got != 2 {
		t.Errorf("Vectorize ReadBudget(300) = %d, want 2 (one page)", got)
	}
}

// The refresh scenario: 250 objects of each kind over 4 scopes (63, 63, 62,
// 62), each scope one GET and one page: 8 requests per vendor, 32 in all,
// 3.2% of one GET per object.
func TestRefreshLayout(t *testing.T) {
	if got := RefreshScopes(250, 4); len(got) != 4 || got[0] != 63 || got[3] != 62 {
		t.Errorf("RefreshScopes(250, 4) = %v", got)
	}
	per, total := RefreshBudget(1000, 4)
	if total != 32 {
		t.Errorf("refresh budget %d (%v), want 32", total, per)
	}
	for _, k := range Kinds {
		if per[k.Vendor] != 8 {
			t.Errorf("refresh budget of %s %d, want 8", k.Vendor, per[k.Vendor])
		}
	}
	cfg := RefreshConfig(8, 4)
	for _, want := range []string{
		`organization_id              = "org_bench_s1"`, `connection_id                = "con_bench00000000000"`,
		`organisation_id = "01JDBENCH0RG00000000000001"`, `organization_id = "0b7e5a1c-0000-4000-8000-000000000001"`,
		`namespace = "bench-ns-1"`,
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf("refresh config lacks %s:\n%s", want, cfg)
		}
	}
	// Org connections 0 and 4 share organization 0, with connections 0 and 1.
	if RefreshConnection(0, 4) == RefreshConnection(4, 4) || RefreshConnection(0, 4) != RefreshConnection(3, 4) {
		t.Error("refresh connections: a pair repeats, or organizations do not reuse the tenant's connections")
	}
	if strings.Count(cfg, "\nresource \"") != 8 {
		t.Errorf("refresh config of 8:\n%s", cfg)
	}
}
func TestConfigs(t *testing.T) {
	for _, s := range []Subject{SubjectConduit, SubjectTwin, SubjectNoop, SubjectTerraformData} {
		for _, version := range []int{1, 2} {
			cfg := Config(s, 10, version)
			if got := strings.Count(cfg, "\nresource \"") + strings.Count(cfg[:min(len(cfg), 9)], "resource "); got != 10 {
				t.Errorf("%s v%d: %d resources, want 10", s, version, got)
			}
		}
	}
	if twin := Config(SubjectTwin, 4, 1); strings.Contains(twin, "conduit_") || !strings.Contains(twin, `resource "twin_tiledb_credential"`) {
		t.Errorf("twin config:\n%s", twin)
	}
	if v1, v2 := Config(SubjectConduit, 8, 1), Config(SubjectConduit, 8, 2); v1 == v2 {
		t.Error("the update changes nothing")
	}
}
