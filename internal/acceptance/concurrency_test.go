package acceptance_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

const (
	concurrencyTotal       = 200
	concurrencyParallelism = 20
	tokenRoute             = "POST /oauth/token"
)

// mixedConfig is total resources across the four types: as many org
// connections as the fixtures allow, the rest shared out evenly.
func mixedConfig(total int) (string, map[string]int) {
	var b strings.Builder
	counts := map[string]int{}
	n := total
	for i, k := range kinds {
		share := n / (len(kinds) - i)
		if k.capacity > 0 && share > k.capacity {
			share = k.capacity
		}
		for j := 0; j < share; j++ {
			b.WriteString(k.hcl(j, 1))
		}
		counts[k.typ] = share
		n -= share
	}
	return b.String(), counts
}

// TestAccConcurrency: 200 mixed resources applied with -parallelism=20
// against a rate-limited sandbox answering 5% of requests with a random
// 502/503/504 finish without error, leave the sandbox holding exactly what the
// state says, fetch the Auth0 token (client-credentials grant) once per
// provider process, and destroy cleanly under the same faults.
func TestAccConcurrency(t *testing.T) {
	preCheck(t)
	sb := acctest.StartSandbox(t)
	ws := newWorkspace(t, nil)
	body, counts := mixedConfig(concurrencyTotal)
	ws.write(providerBlock(sb, providerOpts{Timeout: "10s", ClientCredentials: true}) + body)
	faults := sandbox.Settings{RateLimit: 20, ErrorRate: 0.05, Seed: 20261202}

	ctl := controlOf(t, sb)
	ctl.settings(faults)
	start := time.Now()
	r := ws.apply(tfexec.Parallelism(concurrencyParallelism))
	t.Logf("apply of %d resources (%v) took %s; %d requests, %d answered by a 429 or a random error (429s per vendor: %v)",
		concurrencyTotal, counts, time.Since(start).Round(time.Millisecond), total(sb.Counts()), total(sb.Injected()), sb.Throttled())
	if r.err != nil {
		t.Fatalf("apply: %v\n%s", r.err, r.of("error"))
	}
	if total(sb.Injected()) == 0 || total(sb.Throttled()) == 0 {
		t.Fatal("no fault or no 429 was injected: the test proves nothing")
	}
	ctl.clear()
	st := ws.state()
	if got := len(resources(st)); got != concurrencyTotal {
		t.Errorf("state holds %d resources, want %d", got, concurrencyTotal)
	}
	expectMatch(t, "after the apply", checkExact(st, sb, kinds))
	expectOneToken(t, sb, 1, "the apply")

	sb.ResetCounts()
	before := len(sb.Auth0().IssuedTokens())
	ctl.settings(faults)
	start = time.Now()
	r = ws.destroy(tfexec.Parallelism(concurrencyParallelism))
	t.Logf("destroy took %s", time.Since(start).Round(time.Millisecond))
	if r.err != nil {
		t.Fatalf("destroy: %v\n%s", r.err, r.of("error"))
	}
	ctl.clear()
	expectMatch(t, "after the destroy", checkExact(ws.state(), sb, kinds))
	// Terraform runs the refresh and the deletes in two provider processes.
	expectOneToken(t, sb, 2, "the destroy")
	if issued := len(sb.Auth0().IssuedTokens()) - before; issued != 2 {
		t.Errorf("the destroy was issued %d tokens, want 2 (one per provider process)", issued)
	}
}

// expectOneToken checks the token endpoint answered exactly processes
// requests (a request turned away by a fault and retried is not a fetch).
func expectOneToken(t *testing.T, sb *acctest.Sandbox, processes int, during string) {
	t.Helper()
	sent, refused := sb.Counts()[tokenRoute], sb.Injected()[tokenRoute]
	if sent-refused != processes {
		t.Errorf("during %s the token endpoint answered %d of %d requests, want %d", during, sent-refused, sent, processes)
	}
	if processes == 1 {
		if n := len(sb.Auth0().IssuedTokens()); n != 1 {
			t.Errorf("during %s %d tokens were issued, want 1", during, n)
		}
	}
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
