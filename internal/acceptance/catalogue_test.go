package acceptance_test

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// badInput is one invalid configuration: resources (and import blocks), an
// optional provider block replacing the valid one, and the attribute the
// error must name in its summary or detail (not only in the source snippet).
type badInput struct {
	name     string
	provider string
	body     string
	attr     string
	// inSnippet also accepts the attribute in the source line Terraform
	// shows, for diagnostics Terraform or the framework write.
	inSnippet bool
}

// TestAccBadInputCatalogue: every invalid configuration fails at plan time
// with an error naming the attribute, and no mutating request is sent.
func TestAccBadInputCatalogue(t *testing.T) {
	preCheck(t)
	if len(catalogue) < 40 {
		t.Fatalf("the catalogue has %d cases, want at least 40", len(catalogue))
	}
	sb := acctest.StartSandbox(t)
	valid := providerBlock(sb, providerOpts{})
	const workers = 4
	cases := make(chan badInput)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < workers; w++ {
		ws := newWorkspace(t, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range cases {
				t.Run(c.name, func(t *testing.T) {
					ws.t = t
					provider := valid
					if c.provider != "" {
						provider = strings.ReplaceAll(c.provider, "SANDBOX", sb.URL)
					}
					ws.write(provider + c.body)
					r := ws.plan()
					if r.err == nil {
						t.Fatalf("the plan succeeded; want an error naming %s", c.attr)
					}
					named := regexp.MustCompile(`\b` + regexp.QuoteMeta(c.attr) + `\b`)
					ok := false
					for _, d := range r.diags {
						text := d.Summary + "\n" + d.Detail
						if c.inSnippet && d.Snippet != nil {
							text += "\n" + d.Snippet.Code
						}
						ok = ok || (d.Severity == "error" && named.MatchString(text))
					}
					if !ok {
						t.Errorf("no error names %s:\n%s", c.attr, r.of("error"))
					}
					mu.Lock()
					defer mu.Unlock()
					if n := sandbox.Mutations(sb.Counts()); n != 0 {
						t.Errorf("%d mutating requests were sent: %v", n, sb.Counts())
					}
				})
			}
		}()
	}
	for _, c := range catalogue {
		cases <- c
	}
	close(cases)
	wg.Wait()
}

// res renders a resource block.
func res(typ, name, body string) string {
	return fmt.Sprintf("resource %q %q {\n%s\n}\n", typ, name, body)
}

// importOf renders an import block with a resource to import into.
func importOf(typ, id, body string) string {
	return fmt.Sprintf("import {\n  to = %s.imported\n  id = %q\n}\n", typ, id) + res(typ, "imported", body)
}

// anyOrgConnection is a valid resource that makes the provider configure.
var anyOrgConnection = res("conduit_org_connection", "x", `  organization_id = "org_acme000000000001"
  connection_id   = "con_db00000000000001"`)

// providerWith is a provider block of the given inner text, with endpoints
// (SANDBOX is replaced by the sandbox's URL).
func providerWith(inner string) string {
	return "provider \"conduit\" {\n" + inner + "\n}\n"
}
