package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Snapshot holds a resource's attribute values as a state check saw them.
type Snapshot struct {
	Address string
	Values  map[string]any
}

// Capture is a state check that records the resource's values in state,
// for a later step to compare with, e.g., what a list resource returned.
func (s *Snapshot) Capture() statecheck.StateCheck {
	return stateCheckFunc(func(st *tfjson.State) error {
		r := stateResource(st, s.Address)
		if r == nil {
			return fmt.Errorf("%s is not in state", s.Address)
		}
		s.Values = r.AttributeValues
		return nil
	})
}

type stateCheckFunc func(*tfjson.State) error

func (f stateCheckFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(req.State)
}

// ExpectListedAsState checks that the one result of listAddress with this
// identity carries (include_resource = true) exactly the object the state
// held when the snapshot was captured: the list resource and Read map the
// API's answer the same way.
func (s *Snapshot) ExpectListedAsState(listAddress string, identity map[string]knownvalue.Check) querycheck.QueryResultCheck {
	return listedAsState{snap: s, list: listAddress, filter: queryfilter.ByResourceIdentity(identity)}
}

type listedAsState struct {
	snap   *Snapshot
	list   string
	filter queryfilter.QueryFilter
}

func (c listedAsState) QueryFilters(context.Context) []queryfilter.QueryFilter {
	return []queryfilter.QueryFilter{c.filter}
}

func (c listedAsState) CheckQuery(_ context.Context, req querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	var found []tfjson.ListResourceFoundData
	for _, r := range req.Query {
		if strings.TrimPrefix(r.Address, "list.") == c.list {
			found = append(found, r)
		}
	}
	switch {
	case c.snap.Values == nil:
		resp.Error = fmt.Errorf("no state of %s was captured before the query", c.snap.Address)
	case len(found) != 1:
		resp.Error = fmt.Errorf("%s: want one result with the identity, got %d", c.list, len(found))
	case found[0].ResourceObject == nil:
		resp.Error = fmt.Errorf("%s: the result has no resource object (include_resource = true?)", c.list)
	case !reflect.DeepEqual(normalize(found[0].ResourceObject), normalize(c.snap.Values)):
		got, _ := json.MarshalIndent(found[0].ResourceObject, "", "  ")
		want, _ := json.MarshalIndent(c.snap.Values, "", "  ")
		resp.Error = fmt.Errorf("%s: the listed object differs from %s in state after a read:\nlisted: %s\nstate:  %s", c.list, c.snap.Address, got, want)
	}
}

// normalize makes values decoded from two JSON documents comparable (numbers
// as json.Number in one, float64 in the other).
func normalize(v map[string]any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// ExpectImportedAsState is a plan check for an import block step (by id or
// by identity): the object the import planned equals the snapshot, so every
// way of importing gives the state a read gave.
func (s *Snapshot) ExpectImportedAsState() plancheck.PlanCheck {
	return planCheckFunc(func(p *tfjson.Plan) error {
		if s.Values == nil {
			return fmt.Errorf("no state of %s was captured before the import", s.Address)
		}
		if p == nil || p.PlannedValues == nil || p.PlannedValues.RootModule == nil {
			return fmt.Errorf("the import planned nothing")
		}
		for _, r := range p.PlannedValues.RootModule.Resources {
			if r.Address != s.Address {
				continue
			}
			if !reflect.DeepEqual(normalize(r.AttributeValues), normalize(s.Values)) {
				got, _ := json.MarshalIndent(r.AttributeValues, "", "  ")
				want, _ := json.MarshalIndent(s.Values, "", "  ")
				return fmt.Errorf("the import of %s differs from its state after a read:\nimported: %s\nstate:    %s", s.Address, got, want)
			}
			return nil
		}
		return fmt.Errorf("the import planned no %s", s.Address)
	})
}

type planCheckFunc func(*tfjson.Plan) error

func (f planCheckFunc) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f(req.Plan)
}

// CaptureStep is a step that applies config to a resource already in state:
// Terraform refreshes it first, so the snapshot holds the state as Read
// left it, which lists and imports must give.
func (s *Snapshot) CaptureStep(config string) resource.TestStep {
	return resource.TestStep{Config: config, ConfigStateChecks: []statecheck.StateCheck{s.Capture()}}
}
