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

// Kind is one of the four resource types the objects are spread over.
type Kind struct {
	Resource string // Terraform type
	Vendor   string // sandbox vendor key
	// Budget is PRODUCT.md's "Requests:" line for the operation of each phase:
	// create, read (the plan's refresh), update, delete.
	Budget map[Phase]int
}

// Kinds are the four resource types, in the order objects are dealt out.
var Kinds = []Kind{
	{"conduit_org_connection", "auth0", map[Phase]int{PhaseApply: 1, PhasePlan: 1, PhaseUpdate: 1, PhaseDestroy: 1}},
	{"conduit_versori_connection", "versori", map[Phase]int{PhaseApply: 1, PhasePlan: 1, PhaseUpdate: 1, PhaseDestroy: 1}},
	{"conduit_vectorize_source_connector", "vectorize", map[Phase]int{PhaseApply: 2, PhasePlan: 1, PhaseUpdate: 1, PhaseDestroy: 1}},
	{"conduit_tiledb_credential", "tiledb", map[Phase]int{PhaseApply: 2, PhasePlan: 1, PhaseUpdate: 2, PhaseDestroy: 1}},
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

// Budget is the requests a phase needs for n objects, per vendor and in total.
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
		// twin has the same resources, schemas and configuration under its own name.
		fmt.Fprintf(&b, "terraform {\n  required_providers {\n    %[1]s = { source = \"conduit-tf/%[1]s\" }\n  }\n}\n\nprovider %[1]q {}\n\n", s)
		var objects strings.Builder
		for k, c := range Spread(n) {
			for i := range c {
				conduitObject(&objects, k, i, version)
			}
		}
		b.WriteString(strings.ReplaceAll(objects.String(), `resource "conduit_`, `resource "`+string(s)+`_`))
	}
	return b.String()
}

func conduitObject(b *strings.Builder, kind, i, version int) {
	suffix := ""
	if version > 1 {
		suffix = fmt.Sprintf("-v%d", version)
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

`, i, OrgID(i), sbauth0.ConDatabase, suffix, level)
	case 1:
		fmt.Fprintf(b, `resource "conduit_versori_connection" "c%[1]d" {
  name     = "bench-%[1]d%[2]s"
  base_url = "https://api.example.com/%[1]d"
}

`, i, suffix)
	case 2:
		fmt.Fprintf(b, `resource "conduit_vectorize_source_connector" "c%[1]d" {
  name   = "bench-%[1]d"
  type   = "WEB_CRAWLER"
  config = jsonencode({ "seed-urls" = ["https://docs.example.com/%[1]d"], "max-depth" = %[2]d })
}

`, i, 2+version)
	case 3:
		fmt.Fprintf(b, `resource "conduit_tiledb_credential" "c%[1]d" {
  name             = "bench-%[1]d"
  allowed_in_tasks = %[2]t
  aws_access_key = {
    access_key_id     = "AKIABENCH%011[1]d"
    secret_access_key = "bench-secret-%[1]d"
  }
}

`, i, version > 1)
	}
}
