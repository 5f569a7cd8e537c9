package acctest

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// ImportByIdentity is an import block of address by identity, an HCL
// object such as `{ id = "…" }`.
func ImportByIdentity(address, identity string) string {
	return fmt.Sprintf("\nimport {\n  to       = %s\n  identity = %s\n}\n", address, identity)
}

// FixedImportID is an import id known before the test runs.
func FixedImportID(id string) resource.ImportStateIdFunc {
	return func(*terraform.State) (string, error) { return id, nil }
}

// IdentityImports is the test of a resource's identity: the create sets it;
// an import block with `identity = {…}` and one per import id form each
// import the state a read gives, sending exactly a read's requests.
type IdentityImports struct {
	Address string
	// Config is the provider block and the resource.
	Config string
	// Identity is the identity after the create and after a read; each of
	// its attributes is also the state's attribute of the same name.
	Identity map[string]knownvalue.Check
	// CreateRequests are the exact requests of the create, ReadRequests
	// those of a refresh and of each import's plan.
	CreateRequests, ReadRequests map[string]int
	// ImportIDs are the id forms to import by, from the state the create
	// left.
	ImportIDs []resource.ImportStateIdFunc
}

// Run runs the test in parallel with others; Terraform below 1.12 reports
// it skipped.
func (c IdentityImports) Run(t *testing.T, sb *Sandbox) {
	t.Helper()
	read := &Snapshot{Address: c.Address}
	imported := resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
		read.ExpectImportedAsState(), sb.ExpectPlanRequests(c.ReadRequests),
	}}
	steps := []resource.TestStep{
		{
			PreConfig:         sb.Reset,
			Config:            c.Config,
			Check:             sb.ExpectRequests(c.CreateRequests),
			ConfigStateChecks: c.identityChecks(),
		},
		{
			// The state after a read, which every import must give.
			PreConfig:         sb.Reset,
			Config:            c.Config,
			Check:             sb.ExpectRequests(c.ReadRequests),
			ConfigStateChecks: append(c.identityChecks(), read.Capture()),
		},
		{
			PreConfig:        sb.Reset,
			ResourceName:     c.Address,
			ImportState:      true,
			ImportStateKind:  resource.ImportBlockWithResourceIdentity,
			ImportPlanChecks: imported,
		},
	}
	for _, id := range c.ImportIDs {
		steps = append(steps, resource.TestStep{
			PreConfig:         sb.Reset,
			ResourceName:      c.Address,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: id,
			ImportPlanChecks:  imported,
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   NeedsIdentity,
		ProtoV6ProviderFactories: ProviderFactories,
		Steps:                    steps,
	})
}

func (c IdentityImports) identityChecks() []statecheck.StateCheck {
	checks := []statecheck.StateCheck{statecheck.ExpectIdentity(c.Address, c.Identity)}
	for _, attr := range slices.Sorted(maps.Keys(c.Identity)) {
		checks = append(checks, statecheck.ExpectIdentityValueMatchesState(c.Address, tfjsonpath.New(attr)))
	}
	return checks
}

// OlderState is the test that state written by a provider version without
// identity gains it on the next refresh, with exactly a refresh's requests
// and no change planned; and that an object deleted outside Terraform
// meanwhile leaves state on that refresh without the framework's "Missing
// Resource Identity After Read" error. (Steps with their own provider
// factories cannot be RefreshState steps, which would lose the provider
// block: the plan of a Config step refreshes instead.)
type OlderState struct {
	Address string
	// Config is the provider block and the resource.
	Config string
	// IdentityAttributes are the identity's attributes, each the state's
	// attribute of the same name: the refresh must give the identity the
	// older version's state implies.
	IdentityAttributes []string
	// Identity, when known before the test runs (not a server-assigned id),
	// is what those attributes must hold in the older version's state.
	Identity map[string]string
	// OlderChecks check the older version's state further.
	OlderChecks []statecheck.StateCheck
	// RefreshRequests are the exact requests of the refresh.
	RefreshRequests map[string]int
	// Vendor is the sandbox emulator holding the object, and SandboxKey
	// the key Delete takes, from the identity.
	Vendor     string
	SandboxKey func(identity map[string]string) string
}

// Run runs the test in parallel with others; Terraform below 1.12 reports
// it skipped.
func (c OlderState) Run(t *testing.T, sb *Sandbox) {
	t.Helper()
	// The identity the older state implies; each older step sets it anew,
	// since the object made again may get a new id.
	identity := map[string]string{}
	older := resource.TestStep{
		ProtoV6ProviderFactories: ProviderFactoriesWithoutIdentity,
		Config:                   c.Config,
		ConfigStateChecks:        append(slices.Clone(c.OlderChecks), ExpectNoIdentity(c.Address)),
		Check: func(s *terraform.State) error {
			rs, ok := s.RootModule().Resources[c.Address]
			if !ok {
				return fmt.Errorf("%s is not in state", c.Address)
			}
			for _, attr := range c.IdentityAttributes {
				identity[attr] = rs.Primary.Attributes[attr]
			}
			if c.Identity != nil && !maps.Equal(identity, c.Identity) {
				return fmt.Errorf("%s: want %v in the older version's state, got %v", c.Address, c.Identity, identity)
			}
			return nil
		},
	}
	refreshed := []statecheck.StateCheck{expectIdentityValues(c.Address, identity)}
	for _, attr := range c.IdentityAttributes {
		refreshed = append(refreshed, statecheck.ExpectIdentityValueMatchesState(c.Address, tfjsonpath.New(attr)))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: NeedsIdentity,
		Steps: []resource.TestStep{
			older,
			{
				ProtoV6ProviderFactories: ProviderFactories,
				PreConfig:                sb.Reset,
				Config:                   c.Config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					planCheckFunc(func(p *tfjson.Plan) error { return expectRefreshedIdentity(p, c.Address, identity) }),
					plancheck.ExpectResourceAction(c.Address, plancheck.ResourceActionNoop),
				}},
				Check:             sb.ExpectRequests(c.RefreshRequests),
				ConfigStateChecks: refreshed,
			},
			{
				// Older state again (destroyed and made by the older
				// version), then the object deleted out of band.
				ProtoV6ProviderFactories: ProviderFactoriesWithoutIdentity,
				Config:                   sb.Config(""),
			},
			older,
			{
				ProtoV6ProviderFactories: ProviderFactories,
				PreConfig: func() {
					if err := sb.Emulator(c.Vendor).Delete(c.SandboxKey(identity)); err != nil {
						t.Fatal(err)
					}
				},
				Config:             c.Config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// expectIdentityValues checks address holds exactly this identity in state;
// want is read when the check runs, after an earlier step filled it in.
func expectIdentityValues(address string, want map[string]string) statecheck.StateCheck {
	return stateCheckFunc(func(st *tfjson.State) error {
		r := stateResource(st, address)
		if r == nil {
			return fmt.Errorf("%s is not in state", address)
		}
		if !sameIdentity(r.IdentityValues, want) {
			return fmt.Errorf("%s: want identity %v in state, got %v", address, want, r.IdentityValues)
		}
		return nil
	})
}

func sameIdentity(got map[string]any, want map[string]string) bool {
	s := map[string]string{}
	for k, v := range got {
		s[k] = fmt.Sprint(v)
	}
	return len(want) > 0 && maps.Equal(s, want)
}
