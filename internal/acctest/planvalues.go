package acctest

import (
	"fmt"
	"reflect"
	"slices"
	"sort"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// Checks of an update plan's values (issue 16, quieter plans): which
// attributes show "(known after apply)", and which keep their state value.

// ExpectUnknownAttributes checks the planned change of address leaves
// exactly these top-level attributes unknown (none when unknown is empty):
// plancheck.ExpectUnknownValue checks one attribute, not that the others
// are known.
func ExpectUnknownAttributes(address string, unknown ...string) plancheck.PlanCheck {
	return planCheckFunc(func(p *tfjson.Plan) error {
		c, err := resourceChange(p, address)
		if err != nil {
			return err
		}
		var got []string
		if m, ok := c.AfterUnknown.(map[string]any); ok {
			for k, v := range m {
				if v != false {
					got = append(got, k)
				}
			}
		}
		sort.Strings(got)
		want := slices.Sorted(slices.Values(unknown))
		if !slices.Equal(got, want) {
			return fmt.Errorf("%s: want unknown in the plan %q, got %q", address, want, got)
		}
		return nil
	})
}

// ExpectPlannedAsState checks these attributes of address are planned with
// the value they have in the prior state, null included.
func ExpectPlannedAsState(address string, attrs ...string) plancheck.PlanCheck {
	return planCheckFunc(func(p *tfjson.Plan) error {
		c, err := resourceChange(p, address)
		if err != nil {
			return err
		}
		before, _ := c.Before.(map[string]any)
		after, _ := c.After.(map[string]any)
		unknown, _ := c.AfterUnknown.(map[string]any)
		if before == nil {
			return fmt.Errorf("%s: the plan has no prior state", address)
		}
		for _, a := range attrs {
			if _, ok := before[a]; !ok {
				return fmt.Errorf("%s: no attribute %s in the prior state", address, a)
			}
			// An unknown value is absent from After, like a null one.
			if u, ok := unknown[a]; ok && u != false {
				return fmt.Errorf("%s: %s is unknown in the plan, state has %v", address, a, before[a])
			}
			if !reflect.DeepEqual(before[a], after[a]) {
				return fmt.Errorf("%s: %s planned as %v, state has %v", address, a, after[a], before[a])
			}
		}
		return nil
	})
}

func resourceChange(p *tfjson.Plan, address string) (*tfjson.Change, error) {
	if p != nil {
		for _, rc := range p.ResourceChanges {
			if rc.Address == address && rc.Change != nil {
				return rc.Change, nil
			}
		}
	}
	return nil, fmt.Errorf("the plan has no change of %s", address)
}
