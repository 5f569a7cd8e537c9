package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// RefreshKind is one resource type under the refresh-at-scale test
// (PRODUCT.md, "Refresh at scale"), which RunRefresh runs the same way for
// every vendor whose reads are answered from lists.
type RefreshKind struct {
	// Type is the resource type, e.g. "conduit_org_connection".
	Type string
	// Vendor names the sandbox emulator that holds the objects.
	Vendor string
	// GetRoute and ListRoute are the sandbox routes of the single GET and
	// of the list.
	GetRoute, ListRoute string
	// PageSize is how many objects one page of the list holds in the
	// sandbox; 0: the whole scope is one page.
	PageSize int
	// Scopes are the test's scopes, empty and existing: RunRefresh fills
	// them with 1, 2, 50 and 300 objects, and the fifth with FaultObjects
	// of which only FaultInState are in state.
	Scopes [5]string
	// Add creates n objects in scope out of band, through the vendor's
	// typed API, each with the configuration that matches it.
	Add func(t *testing.T, scope string, n int) []RefreshObject
	// Edit is a merge patch (Emulator.Edit) on a field every object's
	// configuration sets, so the plan updates the object back.
	Edit string
	// ListPath is the path of a scope's list; SecondPage the query
	// parameters only its second page carries (nil: the list is one page,
	// and the faults hit that page).
	ListPath   func(scope string) string
	SecondPage map[string]string
}

// RefreshObject is an object RefreshKind.Add made.
type RefreshObject struct {
	// Key is its sandbox key (Objects, Edit, Delete).
	Key      string
	ImportID string
	// Config is the body of its resource block.
	Config string
}

// The sizes of the scopes, and the fault scope's objects on the server and
// in state: more than one page, so a list can fail midway.
var refreshSizes = []int{1, 2, 50, 300}

const (
	faultObjects = 150
	faultInState = 3
)

// refreshScope is one scope of the test: its objects in state, in address
// order, how many of the last of them were deleted out of band, and how
// many objects its list holds.
type refreshScope struct {
	name     string
	state    []RefreshObject
	gone     int
	onServer int
}

// RunRefresh is the acceptance test of refresh batching for one resource
// type, driving the CLI against the in-process provider (a plan's refresh
// is what it counts, which a TestStep cannot isolate). In five scopes it
// imports 1, 2, 50, 300 and 3 (of 150) objects made out of band, then
// checks, counting requests exactly, that:
//   - the import and a plan read each scope with one GET and, for two
//     objects or more, one list of the scope (every page): S × (pages + 1);
//   - plans of one and of two objects per scope cost the same per scope;
//   - a list failing on its second page (a 429 past the retries, a 503, a
//     dropped answer) is not used at all: its scope's reads send their own
//     GETs and the plan stays empty;
//   - objects edited and deleted out of band plan as with per-object reads
//     (the same plan JSON), each deleted one confirmed by one GET; with
//     batch_reads = false each object costs one GET and nothing is listed.
//
// Within a scope every object depends on the first, so the scope's first
// read, the one that sends its own GET, is always that object: the counts do
// not depend on the order in which Terraform walks the others.
func RunRefresh(t *testing.T, sb *Sandbox, kind RefreshKind) {
	t.Helper()
	RequireSandbox(t, "request counts, out-of-band objects and faults need the sandbox")
	scopes := make([]*refreshScope, len(kind.Scopes))
	for i, name := range kind.Scopes {
		n, inState := faultObjects, faultInState
		if i < len(refreshSizes) {
			n, inState = refreshSizes[i], refreshSizes[i]
		}
		objs := kind.Add(t, name, n)
		scopes[i] = &refreshScope{name: name, state: objs[:inState], onServer: n}
	}
	w := NewWorkdir(t)
	w.Write("main.tf", TerraformBlock+refreshConfig(kind, scopes))
	w.Write("imports.tf", refreshImports(kind, scopes))
	w.Write("provider.tf", sb.ProviderConfig())
	w.Init()

	// The imports read their objects as a refresh does.
	sb.ResetCounts()
	w.Apply()
	expectRefresh(t, sb, kind, "the import", scopes, nil)
	if err := os.Remove(filepath.Join(w.Dir, "imports.tf")); err != nil {
		t.Fatal(err)
	}
	if n := len(w.State().Values.RootModule.Resources); n != 1+2+50+300+faultInState {
		t.Fatalf("%d objects in state after the import", n)
	}

	w.refreshPlan(t, sb, kind, "a plan", scopes, nil)

	// One and two objects per scope, in every scope holding that many.
	for _, per := range []int{1, 2} {
		var targets []string
		targeted := make([]*refreshScope, len(scopes))
		for i, s := range scopes {
			c := *s
			c.state = s.state[:min(per, len(s.state))]
			targeted[i] = &c
			for j := range c.state {
				targets = append(targets, refreshAddr(kind, i, j))
			}
		}
		w.refreshPlan(t, sb, kind, fmt.Sprintf("a plan of %d object(s) per scope", per), targeted, nil, targets...)
	}

	// Lists failing on their second page, with one retry allowed (a plan
	// of that scope alone): the failed page is asked twice, and the
	// scope's reads send their own GETs. Go's transport itself sends a GET
	// again when a reused connection drops it, once per idle connection,
	// so how often a dropped page is asked is the transport's: the sandbox
	// counts the answers it dropped, and the fault outlasts any number.
	w.Write("provider.tf", sb.ProviderBlock(ProviderOptions{MaxRetries: 1, Timeout: "10s"}))
	faultScope := scopes[len(scopes)-1]
	var faultTargets []string
	for j := range faultScope.state {
		faultTargets = append(faultTargets, refreshAddr(kind, len(scopes)-1, j))
	}
	for _, f := range []sandbox.Fault{
		{Mode: sandbox.FaultStatus, Status: 429, RetryAfter: "0"},
		{Mode: sandbox.FaultStatus, Status: 503},
		{Mode: sandbox.FaultReset},
	} {
		f.Method, f.Path, f.Query, f.Count = "GET", kind.ListPath(faultScope.name), kind.SecondPage, 100
		sb.AddFault(f)
		name := fmt.Sprintf("a plan whose list of %s fails (%s %d)", faultScope.name, f.Mode, f.Status)
		sb.ResetCounts()
		w.planNoChanges(name, faultTargets...)
		attempts := sb.Injected()[kind.ListRoute]
		sb.ClearFaults()
		if attempts < 2 || (f.Mode == sandbox.FaultStatus && attempts != 2) || attempts >= 100 {
			t.Fatalf("%s: the failing page was answered by %d faults, want 2 (1 + max_retries)", name, attempts)
		}
		expectRefresh(t, sb, kind, name, []*refreshScope{faultScope}, map[string]int{faultScope.name: attempts})
	}

	// Drift: in each scope, the last object is deleted and, in scopes of
	// three or more, the second is edited; the one-object scope's object is
	// edited. Batched and per-object reads must plan the same.
	var deleted, edited []string
	for i, s := range scopes {
		last := len(s.state) - 1
		if last == 0 {
			edited = append(edited, refreshAddr(kind, i, 0))
			sbEdit(t, sb, kind, s.state[0])
			continue
		}
		if last >= 2 {
			edited = append(edited, refreshAddr(kind, i, 1))
			sbEdit(t, sb, kind, s.state[1])
		}
		deleted = append(deleted, refreshAddr(kind, i, last))
		if err := sb.Emulator(kind.Vendor).Delete(s.state[last].Key); err != nil {
			t.Fatal(err)
		}
		s.gone, s.onServer = 1, s.onServer-1
	}
	w.Write("provider.tf", sb.ProviderConfig())
	sb.ResetCounts()
	on := w.PlanJSON()
	expectRefresh(t, sb, kind, "a plan after out-of-band changes", scopes, nil)
	// batch_reads = false: one GET per object, nothing listed.
	w.Write("provider.tf", batchReads(sb.ProviderConfig(), false))
	sb.ResetCounts()
	off := w.PlanJSON()
	if err := sb.ExpectRequests(map[string]int{kind.GetRoute: 1 + 2 + 50 + 300 + faultInState})(nil); err != nil {
		t.Fatalf("a plan after out-of-band changes with batch_reads = false: %v", err)
	}
	expectActions(t, on, edited, deleted)
	for _, part := range []struct {
		name      string
		on, off   any
		wantEqual bool
	}{
		{"resource_changes", on.ResourceChanges, off.ResourceChanges, true},
		{"resource_drift", on.ResourceDrift, off.ResourceDrift, true},
		{"prior_state", on.PriorState, off.PriorState, true},
	} {
		a, _ := json.Marshal(part.on)
		b, _ := json.Marshal(part.off)
		if string(a) != string(b) {
			t.Fatalf("the plan's %s differs between batched and per-object reads:\nbatched:    %s\nper object: %s", part.name, a, b)
		}
	}
}

// refreshPlan runs a plan (of targets only, when given) that must plan no
// change, and checks it sent the scopes' budget.
func (w *Workdir) refreshPlan(t *testing.T, sb *Sandbox, kind RefreshKind, name string, scopes []*refreshScope, failed map[string]int, targets ...string) {
	t.Helper()
	sb.ResetCounts()
	w.planNoChanges(name, targets...)
	expectRefresh(t, sb, kind, name, scopes, failed)
}

// planNoChanges runs a plan (of targets only, when given) and fails the
// test when it plans a change.
func (w *Workdir) planNoChanges(name string, targets ...string) {
	w.t.Helper()
	var out strings.Builder
	w.tf.SetStdout(&out)
	var changes bool
	w.run("plan", func(ctx context.Context, r tfexec.ReattachInfo) error {
		var err error
		changes, err = w.tf.Plan(ctx, append(targetOptions(targets), tfexec.Reattach(r))...)
		return err
	})
	if changes {
		w.t.Fatalf("%s plans changes:\n%s", name, out.String())
	}
}

func targetOptions(targets []string) []tfexec.PlanOption {
	var opts []tfexec.PlanOption
	for _, a := range targets {
		opts = append(opts, tfexec.Target(a))
	}
	return opts
}

// expectRefresh checks the requests of one refresh of scopes: per scope,
// the first object's GET; with two objects or more, the scope's list, every
// page, and one GET per object the list lacks. A list failing on its
// second page (failed: the attempts of that page) costs its first page and
// those attempts, and each of the scope's other objects its own GET. The
// total is within S × (pages + 1) plus one per missing object.
func expectRefresh(t *testing.T, sb *Sandbox, kind RefreshKind, name string, scopes []*refreshScope, failed map[string]int) {
	t.Helper()
	gets, lists, budget, missing := 0, 0, 0, 0
	for _, s := range scopes {
		n := len(s.state)
		if n == 0 {
			continue
		}
		pages := 1
		if kind.PageSize > 0 && s.onServer > kind.PageSize {
			pages = (s.onServer + kind.PageSize - 1) / kind.PageSize
		}
		budget += pages + 1
		gets++
		if n == 1 {
			continue
		}
		if attempts, ok := failed[s.name]; ok {
			if kind.SecondPage == nil {
				lists += attempts
			} else {
				lists += 1 + attempts
			}
			gets += n - 1
			continue
		}
		lists += pages
		gets += s.gone
		missing += s.gone
	}
	if err := sb.ExpectRequests(map[string]int{kind.GetRoute: gets, kind.ListRoute: lists})(nil); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if failed == nil && gets+lists > budget+missing {
		t.Fatalf("%s: %d requests, over the budget S × (pages + 1) + missing = %d", name, gets+lists, budget+missing)
	}
}

// PlanJSON runs `terraform plan -out` (of targets only, when given) and
// returns the plan as `terraform show -json` gives it.
func (w *Workdir) PlanJSON(targets ...string) *tfjson.Plan {
	w.t.Helper()
	opts := append(targetOptions(targets), tfexec.Out("refresh.tfplan"))
	w.run("plan", func(ctx context.Context, r tfexec.ReattachInfo) error {
		_, err := w.tf.Plan(ctx, append(opts, tfexec.Reattach(r))...)
		return err
	})
	var plan *tfjson.Plan
	w.run("show", func(ctx context.Context, r tfexec.ReattachInfo) error {
		var err error
		plan, err = w.tf.ShowPlanFile(ctx, "refresh.tfplan", tfexec.Reattach(r))
		return err
	})
	return plan
}

// expectActions checks the edited objects plan an update, the deleted ones
// a create, and nothing else changes.
func expectActions(t *testing.T, plan *tfjson.Plan, edited, deleted []string) {
	t.Helper()
	for _, rc := range plan.ResourceChanges {
		var ok bool
		switch {
		case slices.Contains(edited, rc.Address):
			ok = rc.Change.Actions.Update()
		case slices.Contains(deleted, rc.Address):
			ok = rc.Change.Actions.Create()
		default:
			ok = rc.Change.Actions.NoOp()
		}
		if !ok {
			t.Fatalf("%s plans %v (edited out of band: %v; deleted: %v)", rc.Address, rc.Change.Actions, edited, deleted)
		}
	}
}

func sbEdit(t *testing.T, sb *Sandbox, kind RefreshKind, o RefreshObject) {
	t.Helper()
	if err := sb.Emulator(kind.Vendor).Edit(o.Key, json.RawMessage(kind.Edit)); err != nil {
		t.Fatalf("editing %s: %v", o.Key, err)
	}
}

func refreshAddr(kind RefreshKind, scope, i int) string {
	return fmt.Sprintf("%s.s%d_%d", kind.Type, scope, i)
}

// refreshConfig declares every object; within a scope each depends on the
// first (see RunRefresh).
func refreshConfig(kind RefreshKind, scopes []*refreshScope) string {
	var b strings.Builder
	for i, s := range scopes {
		for j, o := range s.state {
			fmt.Fprintf(&b, "resource %q \"s%d_%d\" {\n%s\n", kind.Type, i, j, o.Config)
			if j > 0 {
				fmt.Fprintf(&b, "  depends_on = [%s]\n", refreshAddr(kind, i, 0))
			}
			b.WriteString("}\n")
		}
	}
	return b.String()
}

func refreshImports(kind RefreshKind, scopes []*refreshScope) string {
	var b strings.Builder
	for i, s := range scopes {
		for j, o := range s.state {
			fmt.Fprintf(&b, "import {\n  to = %s\n  id = %q\n}\n", refreshAddr(kind, i, j), o.ImportID)
		}
	}
	return b.String()
}

// batchReads sets the provider's batch_reads in a provider block.
func batchReads(block string, on bool) string {
	return strings.Replace(block, "provider \"conduit\" {\n", fmt.Sprintf("provider \"conduit\" {\n  batch_reads = %t\n", on), 1)
}

// ExpectRequestsAfterRefresh is ExpectRequests as a plan check, for a
// PlanOnly step, which runs no Check: its first plan does not refresh, so
// from the step's PreConfig to its refresh plan's checks
// (PostApplyPostRefresh) the sandbox sees one refresh.
func (s *Sandbox) ExpectRequestsAfterRefresh(want map[string]int) plancheck.PlanCheck {
	return requestsCheck{s, want}
}

type requestsCheck struct {
	sb   *Sandbox
	want map[string]int
}

func (c requestsCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.sb.ExpectRequests(c.want)(nil)
}
