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
	// PRODUCT.md: create 1/1/2/2, read 1, update 1/1/1/2, delete 1.
	want := map[Phase]int{PhaseApply: 1500, PhasePlan: 1000, PhaseUpdate: 1250, PhaseDestroy: 1000}
	for p, w := range want {
		if _, got := Budget(1000, p); got != w {
			t.Errorf("%s of 1000 objects: budget %d, want %d", p, got, w)
		}
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
