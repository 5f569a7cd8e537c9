package docstest

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
)

const sandboxGuide = "docs/guides/testing-against-the-sandbox.md"

func readDoc(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Every flag of conduit-sandbox is in the flag tables of the README and of
// the sandbox guide, and the tables name no flag it lacks.
func TestSandboxFlagsDocumented(t *testing.T) {
	root := repoRoot(t)
	cmd := exec.Command("go", "run", "./cmd/conduit-sandbox", "-h")
	cmd.Dir = root
	out, _ := cmd.CombinedOutput() // -h exits 0 or 2 depending on the Go release
	flags := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s+-([a-z][a-z0-9-]*)`).FindAllStringSubmatch(string(out), -1) {
		flags[m[1]] = true
	}
	if len(flags) == 0 {
		t.Fatalf("no flags in the output of conduit-sandbox -h:\n%s", out)
	}
	rowFlag := regexp.MustCompile("(?m)^\\| `-([a-z][a-z0-9-]*)`")
	for _, doc := range []string{"README.md", sandboxGuide} {
		documented := map[string]bool{}
		for _, m := range rowFlag.FindAllStringSubmatch(readDoc(t, root, doc), -1) {
			documented[m[1]] = true
		}
		for f := range flags {
			if !documented[f] {
				t.Errorf("%s: the flag -%s of conduit-sandbox has no row in the flag table", doc, f)
			}
		}
		for f := range documented {
			if !flags[f] {
				t.Errorf("%s: the flag table has -%s, which conduit-sandbox does not take", doc, f)
			}
		}
	}
}

var envInDesc = regexp.MustCompile("`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`")

// Every environment variable the provider schema names is in a table row of
// the README and of the docs index, next to its attribute.
func TestProviderEnvVarsDocumented(t *testing.T) {
	root := repoRoot(t)
	s := providerSchema(t)
	type envAttr struct{ attr, env string }
	var want []envAttr
	add := func(attrPath, desc string) {
		for _, m := range envInDesc.FindAllStringSubmatch(desc, -1) {
			want = append(want, envAttr{attrPath, m[1]})
		}
	}
	for name, a := range s.Attributes {
		add(name, a.GetMarkdownDescription())
	}
	for block, b := range s.Blocks {
		nested, ok := b.(schema.SingleNestedBlock)
		if !ok {
			t.Fatalf("block %s is a %T; this test reads single nested blocks", block, b)
		}
		for name, a := range nested.Attributes {
			add(block+"."+name, a.GetMarkdownDescription())
		}
	}
	if len(want) < 19 {
		t.Fatalf("only %d environment variables found in the schema descriptions: %v", len(want), want)
	}
	for _, doc := range []string{"README.md", "docs/index.md"} {
		var rows []string
		for _, line := range strings.Split(readDoc(t, root, doc), "\n") {
			if strings.HasPrefix(line, "|") {
				rows = append(rows, line)
			}
		}
		for _, w := range want {
			block, name, nested := strings.Cut(w.attr, ".")
			if !nested {
				name = block
			}
			found := false
			for _, r := range rows {
				names := strings.Contains(r, "`"+w.attr+"`") || (nested && strings.Contains(r, "`"+block+".") && strings.Contains(r, "`"+name+"`"))
				found = found || (names && strings.Contains(r, "`"+w.env+"`"))
			}
			if !found {
				t.Errorf("%s: no table row names `%s` with `%s`", doc, w.attr, w.env)
			}
		}
	}
}

// Each service block's description names every resource and data source it
// serves (the vectorize block once named only the connector resource).
func TestServiceBlocksNameTheirTypes(t *testing.T) {
	ctx := context.Background()
	p := provider.New("test")()
	var types []string
	for _, f := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "conduit"}, &resp)
		types = append(types, resp.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "conduit"}, &resp)
		types = append(types, resp.TypeName)
	}
	s := providerSchema(t)
	for _, typ := range types {
		block := "auth0" // conduit_org_connection(s) carry no vendor name
		for _, v := range []string{"versori", "vectorize", "tiledb"} {
			if strings.Contains(typ, v) {
				block = v
			}
		}
		b, ok := s.Blocks[block]
		if !ok {
			t.Fatalf("no %s block for %s", block, typ)
		}
		if desc := b.GetMarkdownDescription(); !strings.Contains(desc, "`"+typ+"`") {
			t.Errorf("the %s block's description does not name %s, which it serves: %q", block, typ, desc)
		}
	}
}

func providerSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp fwprovider.SchemaResponse
	provider.New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("provider schema: %v", resp.Diagnostics)
	}
	return resp.Schema
}

var (
	// A path into the repository, as prose and code spans write them.
	repoPathRef = regexp.MustCompile("(?:^|[\\s`(\\[\"'])((?:internal|cmd|scripts|examples|templates|docs|bench|tools|\\.ci)/[A-Za-z0-9_./-]*)")
	// A Markdown file by name, e.g. PRODUCT.md.
	mdRef = regexp.MustCompile("(?:^|[\\s`(\\[\"'])([A-Za-z0-9_./-]+\\.md)\\b")
	// The target of a relative Markdown link.
	linkRef = regexp.MustCompile(`\]\(([^)#\s]+)(?:#[^)]*)?\)`)
)

// What the README, the doc templates, the generated docs and the examples
// point to exists in the repository: users have only the repository.
func TestNoReferencesToMissingFiles(t *testing.T) {
	root := repoRoot(t)
	files := []string{"README.md", "CHANGELOG.md"}
	for _, dir := range []string{"templates", "docs", "examples"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		text := readDoc(t, root, f)
		var refs []string
		for _, re := range []*regexp.Regexp{repoPathRef, mdRef} {
			for _, m := range re.FindAllStringSubmatch(text, -1) {
				refs = append(refs, strings.TrimRight(m[1], "./"))
			}
		}
		for _, m := range linkRef.FindAllStringSubmatch(text, -1) {
			if target := m[1]; !strings.Contains(target, ":") {
				refs = append(refs, filepath.ToSlash(filepath.Join(filepath.Dir(f), target)))
			}
		}
		for _, ref := range refs {
			if ref == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(root, ref)); err == nil {
				continue
			}
			if _, err := os.Stat(filepath.Join(root, filepath.Dir(f), ref)); err == nil {
				continue
			}
			t.Errorf("%s refers to %s, which the repository does not have", f, ref)
		}
	}
}
