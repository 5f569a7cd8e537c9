package tiledbcredential_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// expectKept checks an update plan keeps these attributes (top-level, or
// nested as "kind.attr") at their prior state values, known.
type expectKept []string

func (e expectKept) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		for _, a := range e {
			b, f, u := lookup(before, a), lookup(after, a), lookup(unknown, a)
			if u == true || b == nil || !reflect.DeepEqual(b, f) {
				resp.Error = fmt.Errorf("%s: want %s kept at %v, planned %v (unknown: %v)", addr, a, b, f, u)
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("no change planned for %s", addr)
}

func lookup(m map[string]any, dotted string) any {
	var v any = m
	for _, k := range splitDot(dotted) {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

func splitDot(s string) []string {
	for i := range s {
		if s[i] == '.' {
			return []string{s[:i], s[i+1:]}
		}
	}
	return []string{s}
}

// expectOnlyUnknown checks the update plan leaves exactly these attributes
// unknown (dotted for nested ones), no other.
type expectOnlyUnknown []string

func (e expectOnlyUnknown) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != addr {
			continue
		}
		var got []string
		var walk func(prefix string, v any)
		walk = func(prefix string, v any) {
			switch v := v.(type) {
			case bool:
				if v {
					got = append(got, prefix)
				}
			case map[string]any:
				for k, x := range v {
					if prefix != "" {
						k = prefix + "." + k
					}
					walk(k, x)
				}
			}
		}
		walk("", rc.Change.AfterUnknown)
		sort.Strings(got)
		want := append([]string{}, e...)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			resp.Error = fmt.Errorf("%s: want exactly %v unknown in the plan, got %v", addr, want, got)
		}
		return
	}
	resp.Error = fmt.Errorf("no change planned for %s", addr)
}

func unknown(attr string, nested ...string) plancheck.PlanCheck {
	p := tfjsonpath.New(attr)
	for _, n := range nested {
		p = p.AtMapKey(n)
	}
	return plancheck.ExpectUnknownValue(addr, p)
}

// TestAccTileDBCredential_updatePlan: an in-place update plans unknown only
// what the update can change, with the reason from the spec
// (TileDB-Inc/TileDB-Cloud-API-Spec openapi-v2.yaml, AccessCredential):
//   - updated_at, "Time when the credential was last updated": every PATCH
//     moves it (FIDELITY, updateCredential), so it is unknown;
//   - created_at, "Time when the credential was created", readOnly: kept;
//   - uuid, "The UUID of the credential", the same credential under the same
//     name (only a replacement makes another): kept; id and namespace too;
//   - cloud_provider, "derived from the one field which is set": known from
//     the kind, which an update cannot change (a new kind replaces);
//   - provider_default and allowed_in_tasks when not configured: PATCH leaves
//     absent fields unchanged (FIDELITY, partial update): kept;
//   - gcp_service_account_key.account_id and key_id, which TileDB reads from
//     the key file (spec GCPServiceAccountKey): every update sends the file
//     again, so they are kept when it is the same key (the stored file
//     unchanged, or a file naming the state's account and key id) and
//     unknown when the file holds another key.
func TestAccTileDBCredential_updatePlan(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	keyCfg := func(allowed bool) string {
		return sb.Config(config("plan-key", fmt.Sprintf("allowed_in_tasks = %t\nsecret_wo_version = 1\n", allowed)+woKey("AKIAPLAN", "s")))
	}
	saCfg := func(allowed bool, keyID string, version int) string {
		return sb.Config(config("plan-sa", fmt.Sprintf("allowed_in_tasks = %t\nsecret_wo_version = %d\n", allowed, version)+
			"gcp_service_account_key = {\n    key_text_wo = "+serviceAccountKey(keyID)+"\n  }"))
	}
	storedCfg := func(allowed bool) string {
		return sb.Config(config("plan-stored", fmt.Sprintf("allowed_in_tasks = %t\n", allowed)+
			"gcp_service_account_key = {\n    key_text = "+serviceAccountKey("stored-1")+"\n  }"))
	}
	kept := expectKept{"id", "namespace", "uuid", "created_at", "cloud_provider", "provider_default"}
	update := func(cfg string, checks ...plancheck.PlanCheck) resource.TestStep {
		return resource.TestStep{
			PreConfig: sb.Reset,
			Config:    cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), kept}, checks...),
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			// The plan's refresh, the PATCH and its read-back.
			Check: sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 1}),
		}
	}
	sameKey := expectKept{"gcp_service_account_key.account_id", "gcp_service_account_key.key_id"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: keyCfg(false)},
			update(keyCfg(true), unknown("updated_at"), expectOnlyUnknown{"updated_at"}),
			{Config: saCfg(false, "sa-1", 1)},
			// The same key file, write-only: the ids are kept.
			update(saCfg(true, "sa-1", 1), unknown("updated_at"), sameKey, expectOnlyUnknown{"updated_at"}),
			// Another key file, sent with the update although
			// secret_wo_version is unchanged: the ids may change.
			update(saCfg(false, "sa-2", 1), unknown("updated_at"),
				unknown("gcp_service_account_key", "account_id"), unknown("gcp_service_account_key", "key_id"),
				expectOnlyUnknown{"updated_at", "gcp_service_account_key.account_id", "gcp_service_account_key.key_id"}),
			// A rotation that sends the same file again keeps them.
			update(saCfg(false, "sa-2", 2), unknown("updated_at"), sameKey, expectOnlyUnknown{"updated_at"}),
			{Config: storedCfg(false)},
			// The stored file, unchanged.
			update(storedCfg(true), unknown("updated_at"), sameKey, expectOnlyUnknown{"updated_at"}),
		},
	})
}
