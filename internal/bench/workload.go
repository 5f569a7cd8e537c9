// Package bench is `make bench`: it measures the provider against the
// sandbox, and against three floors measured in the same run: Terraform's own
// cost (terraform_data), the plugin protocol's (a no-op provider built with
// the same framework) and the API's (a tight Go loop over the same client
// packages). See README.md, "Benchmarks".
package bench

import (
	"fmt"
	"strings"

	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// Phase is one Terraform command of the cycle every subject goes through.
type Phase string

// The four phases, in order.
const (
	PhaseApply   Phase = "apply"
	PhasePlan    Phase = "plan"
	PhaseUpdate  Phase = "update"
	PhaseDestroy Phase = "destroy"
)

// Phases is the cycle.
var Phases = []Phase{PhaseApply, PhasePlan, PhaseUpdate, PhaseDestroy}

// Kind is one of the four resource types the objects are spread over: the
// four whose objects a list finds. The fifth type,
// conduit_vectorize_source_connector_user, is left out: it is a user of a
// connector, not an object of a scope's list, and its refresh is one GET of
// its connector whatever batch_reads says.
type Kind struct {
	Resource string // Terraform type
	Vendor   string // sandbox vendor key
	// Budget is the request budget of the operation of each phase, as the
	// resource's documentation (docs/resources) states it: create, read (the
	// plan's refresh, one GET per object with batch_reads off), update,
	// delete.
	Budget map[Phase]int
	// PageSize is how many objects one page of a scope's list holds (the
	// largest the provider asks for, which the sandbox grants); 0: the
	// sandbox answers the whole scope in one page, as Vectorize's does.
	PageSize int
}

// Kinds are the four resource types, in the order objects are dealt out.
var Kinds = []Kind{
	{"conduit_org_connection", "auth0", map[Phase]int{PhaseApply: 1, PhasePlan: 1, PhaseUpdate: 1, PhaseDestroy: 1}, 100},
	{"conduit_versori_connection", "versori", map[Phase]int{PhaseApply: 1, PhasePlan: 1, PhaseUpdate: 1, PhaseDestroy: 1}, 100},
	{"conduit_vectorize_source_connector", "vectorize", map[Phase]int{PhaseApply: 2, PhasePlan: 1, PhaseUpdate: 1, PhaseDestroy: 1}, 0},
	{"conduit_tiledb_credential", "tiledb", map[Phase]int{PhaseApply: 2, PhasePlan: 1, PhaseUpdate: 2, PhaseDestroy: 1}, 100},
}

// Pages is how many pages a list of a scope of n objects takes.
func (k Kind) Pages(n int) int {
	if k.PageSize <= 0 || n <= k.PageSize {
		return 1
	}
	return (n + k.PageSize - 1) / k.PageSize
}

// ReadBudget is the requests a refresh of a kind's objects sends with
// batch_reads on, given how many objects each scope holds (all of them in
// state): README, "Refresh at scale": a scope's first read sends its own
// GET, and a scope of two objects or more is listed once, every page, for
// the rest: S × (pages + 1) at most, a lone object 1.
func (k Kind) ReadBudget(scopes []int) int {
	total := 0
	for _, n := range scopes {
		switch {
		case n == 1:
			total++
		case n > 1:
			total += 1 + k.Pages(n)
		}
	}
	return total
}

// Spread deals n objects out over the kinds: n/4 each, the remainder to the first ones.
func Spread(n int) []int {
	out := make([]int, len(Kinds))
	for i := range out {
		out[i] = n / len(Kinds)
		if i < n%len(Kinds) {
			out[i]++
		}
	}
	return out
}

// Budget is the requests a phase of the cycle needs for n objects, per
// vendor and in total: one operation per object, the plan's refresh with
// batch_reads off (the cycle's setting: see Run).
func Budget(n int, p Phase) (map[string]int, int) {
	per := map[string]int{}
	total := 0
	for i, c := range Spread(n) {
		per[Kinds[i].Vendor] = c * Kinds[i].Budget[p]
		total += c * Kinds[i].Budget[p]
	}
	return per, total
}

// OrgID is the Auth0 organization of the i-th org connection: each object
// gets its own, since an (organization, connection) pair exists once.
func OrgID(i int) string { return fmt.Sprintf("org_bench%011d", i) }

// Subject is what a configuration is made of.
type Subject string

// The subjects: the provider and its two Terraform-side floors.
const (
	SubjectConduit       Subject = "conduit"
	SubjectTwin          Subject = "twin"
	SubjectNoop          Subject = "noop"
	SubjectTerraformData Subject = "terraform_data"
)

// Config renders the configuration of n objects of the subject; version 2
// changes an updatable attribute of every object.
func Config(s Subject, n, version int) string {
	var b strings.Builder
	switch s {
	case SubjectTerraformData:
		for i := range n {
			fmt.Fprintf(&b, "resource \"terraform_data\" \"r%d\" {\n  input = \"v%d-%d\"\n}\n\n", i, version, i)
		}
	case SubjectNoop:
		b.WriteString("terraform {\n  required_providers {\n    noop = { source = \"conduit-tf/noop\" }\n  }\n}\n\nprovider \"noop\" {}\n\n")
		for i := range n {
			fmt.Fprintf(&b, "resource \"noop_thing\" \"r%d\" {\n  value = \"v%d-%d\"\n}\n\n", i, version, i)
		}
	case SubjectConduit, SubjectTwin:
		var objects strings.Builder
		for k, c := range Spread(n) {
			for i := range c {
				scope, con := "", sbauth0.ConDatabase
				if k == 0 {
					scope = OrgID(i)
				}
				conduitObject(&objects, k, i, version, scope, con)
			}
		}
		writeConfig(&b, s, objects.String())
	}
	return b.String()
}

// writeConfig is the conduit configuration of the objects for conduit or
// its twin, which has the same resources, schemas and configuration under
// its own name.
func writeConfig(b *strings.Builder, s Subject, objects string) {
	name := string(s)
	if s != SubjectTwin {
		name = string(SubjectConduit)
	}
	fmt.Fprintf(b, "terraform {\n  required_providers {\n    %[1]s = { source = \"conduit-tf/%[1]s\" }\n  }\n}\n\nprovider %[1]q {}\n\n", name)
	b.WriteString(strings.ReplaceAll(objects, `resource "conduit_`, `resource "`+name+`_`))
}

// conduitObject writes the i-th object of a kind in scope (an organization,
// organisation or namespace; "" for the provider's default), for Auth0
// enabling connection con.
func conduitObject(b *strings.Builder, kind, i, version int, scope, con string) {
	suffix := ""
	if version > 1 {
		suffix = fmt.Sprintf("-v%d", version)
	}
	scopeLine := func(attr string) string {
		if scope == "" {
			return ""
		}
		return fmt.Sprintf("  %s = %q\n", attr, scope)
	}
	switch kind {
	case 0:
		level := "readonly"
		if version > 1 {
			level = "limited"
		}
		fmt.Fprintf(b, `resource "conduit_org_connection" "c%[1]d" {
  organization_id              = %[2]q
  connection_id                = %[3]q
  organization_connection_name = "bench-%[1]d%[4]s"
  organization_access_level    = %[5]q
}

`, i, scope, con, suffix, level)
	case 1:
		fmt.Fprintf(b, `resource "conduit_versori_connection" "c%[1]d" {
%[3]s  name     = "bench-%[1]d%[2]s"
  base_url = "https://api.example.com/%[1]d"
}

`, i, suffix, scopeLine("organisation_id"))
	case 2:
		fmt.Fprintf(b, `resource "conduit_vectorize_source_connector" "c%[1]d" {
%[3]s  name   = "bench-%[1]d"
  type   = "WEB_CRAWLER"
  config = jsonencode({ "seed-urls" = ["https://docs.example.com/%[1]d"], "max-depth" = %[2]d })
}

`, i, 2+version, scopeLine("organization_id"))
	case 3:
		fmt.Fprintf(b, `resource "conduit_tiledb_credential" "c%[1]d" {
%[3]s  name             = "bench-%[1]d"
  allowed_in_tasks = %[2]t
  aws_access_key = {
    access_key_id     = "AKIABENCH%011[1]d"
    secret_access_key = "bench-secret-%[1]d"
  }
}

`, i, version > 1, scopeLine("namespace"))
	}
}
