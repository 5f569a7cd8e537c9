package docstest

import (
	"strings"
	"testing"
)

func TestParseShellBlocks(t *testing.T) {
	doc := strings.Join([]string{
		"# Title",
		"```sh",
		"make install",
		"```",
		"```hcl",
		`provider "conduit" {}`,
		"```",
		"<!-- docs-test: skip: needs real tenants -->",
		"```sh",
		"make testacc",
		"```",
		"````bash",
		"cat <<EOF",
		"```",
		"EOF",
		"````",
		"~~~text",
		"not a step",
		"~~~",
	}, "\n")
	got, err := parseShellBlocks("doc.md", doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []Block{
		{File: "doc.md", Line: 2, Text: "make install\n"},
		{File: "doc.md", Line: 9, Text: "make testacc\n", Skip: "needs real tenants"},
		{File: "doc.md", Line: 12, Text: "cat <<EOF\n```\nEOF\n"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d blocks %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// A marker that cannot apply must fail loudly rather than let a step run, or
// be dropped, by accident.
func TestParseShellBlocksRejectsStrayMarkers(t *testing.T) {
	for name, doc := range map[string]string{
		"no reason":         "<!-- docs-test: skip: -->\n```sh\nls\n```\n",
		"unknown verb":      "<!-- docs-test: only-on-ci -->\n```sh\nls\n```\n",
		"malformed":         "<!-- docs-test skip -->\n```sh\nls\n```\n",
		"blank line before": "<!-- docs-test: skip: why -->\n\n```sh\nls\n```\n",
		"above hcl":         "<!-- docs-test: skip: why -->\n```hcl\nx = 1\n```\n",
		"at the end":        "text\n<!-- docs-test: skip: why -->\n",
		"unclosed fence":    "```sh\nls\n",
	} {
		if _, err := parseShellBlocks("doc.md", doc); err == nil {
			t.Errorf("%s: parsed without error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
