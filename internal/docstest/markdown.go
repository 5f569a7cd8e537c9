// Package docstest runs the shell steps of the README and the guides as a
// reader would, so that the documentation cannot drift from what works.
//
// The convention, for README.md and docs/guides/*.md (written in
// templates/guides/):
//
//   - Every fenced block whose language is sh, bash or shell is a step. The
//     steps of a session (README.md, then the guides that build on it, see
//     sessionDocs) run in document order in one bash process, started at the
//     root of the repository, as one terminal session of a reader: variables,
//     the working directory and background jobs carry over from block to block.
//   - A step that must not run (it needs real tenants, runs the test suite
//     itself, takes minutes) is marked on the line right above its fence with
//     an HTML comment, which no renderer shows:
//     <!-- docs-test: skip: the reason -->
//     A marker without a reason, with another verb, or not followed by a shell
//     block is an error, so a typo cannot silently drop a step.
//   - Blocks in other languages (hcl, terraform, text) are shown, not run.
//   - A guide is either in a session or listed in notRun with the reason; a
//     new guide fails the test until it is classified.
//
// The steps run with errexit and pipefail: a failing command fails the test
// and names the block it is in. Prompts of terraform apply and destroy are
// answered "yes", as the reader is told to. With OpenTofu the same steps run
// with `tofu` in place of `terraform` at the start of each command line, which
// is what the README tells OpenTofu users to do.
package docstest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Block is one fenced shell block of a document.
type Block struct {
	File string // relative to the repository root
	Line int    // line of the opening fence, from 1
	Text string
	Skip string // the reason, when marked skip
}

var (
	markerRe = regexp.MustCompile(`^<!--\s*docs-test:\s*(.*?)\s*-->$`)
	shellTag = map[string]bool{"sh": true, "bash": true, "shell": true}
)

// ShellBlocks returns the shell blocks of root/rel in order, with their skip
// markers applied.
func ShellBlocks(root, rel string) ([]Block, error) {
	data, err := os.ReadFile(filepath.Join(root, rel)) //nolint:gosec // a document of this repository
	if err != nil {
		return nil, err
	}
	return parseShellBlocks(rel, string(data))
}

func parseShellBlocks(name, doc string) ([]Block, error) {
	var (
		blocks  []Block
		fence   string // the opening fence while inside a block
		cur     *Block
		body    []string
		pending string // skip reason of a marker on the previous line
		marked  int    // line of that marker, 0 when none
	)
	sc := bufio.NewScanner(strings.NewReader(doc))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				if cur != nil {
					cur.Text = strings.Join(body, "\n") + "\n"
					blocks = append(blocks, *cur)
				}
				fence, cur, body = "", nil, nil
			} else if cur != nil {
				body = append(body, line)
			}
			continue
		}
		if open, lang, ok := fenceOpen(trimmed); ok {
			if marked != 0 && !shellTag[lang] {
				return nil, fmt.Errorf("%s:%d: docs-test marker above a %q block; markers go above shell blocks only", name, marked, lang)
			}
			fence = open
			if shellTag[lang] {
				cur = &Block{File: name, Line: n, Skip: pending}
			}
			pending, marked = "", 0
			continue
		}
		if marked != 0 {
			return nil, fmt.Errorf("%s:%d: docs-test marker not directly above a shell block", name, marked)
		}
		if strings.HasPrefix(trimmed, "<!--") && strings.Contains(trimmed, "docs-test") {
			m := markerRe.FindStringSubmatch(trimmed)
			if m == nil {
				return nil, fmt.Errorf("%s:%d: malformed docs-test marker %q; the form is <!-- docs-test: skip: reason -->", name, n, trimmed)
			}
			reason, ok := strings.CutPrefix(m[1], "skip:")
			if !ok || strings.TrimSpace(reason) == "" {
				return nil, fmt.Errorf("%s:%d: docs-test marker %q: the only marker is \"skip: <reason>\"", name, n, m[1])
			}
			pending, marked = strings.TrimSpace(reason), n
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if fence != "" {
		return nil, fmt.Errorf("%s: a code fence %s is never closed", name, fence)
	}
	if marked != 0 {
		return nil, fmt.Errorf("%s:%d: docs-test marker not directly above a shell block", name, marked)
	}
	return blocks, nil
}

// fenceOpen reads an opening fence (``` or ~~~, three or more) and the first
// word of its info string.
func fenceOpen(trimmed string) (fence, lang string, ok bool) {
	for _, c := range []string{"`", "~"} {
		if !strings.HasPrefix(trimmed, c+c+c) {
			continue
		}
		i := 0
		for i < len(trimmed) && trimmed[i] == c[0] {
			i++
		}
		fields := strings.Fields(trimmed[i:])
		if len(fields) > 0 {
			lang = strings.ToLower(fields[0])
		}
		return trimmed[:i], lang, true
	}
	return "", "", false
}
