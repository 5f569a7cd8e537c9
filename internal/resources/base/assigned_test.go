package base

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// A lost create adopts the one object of its name and kind made since it
// was sent, give or take AdoptionWindow; older ones, other kinds and other
// names are someone else's, and several matches are refused.
func TestAssignedFind(t *testing.T) {
	since := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) string { return since.Add(d).Format(time.RFC3339) }
	cases := []struct {
		name  string
		objs  []Candidate[string]
		want  string
		found bool
		err   string
	}{
		{"none", nil, "", false, ""},
		{"made after the create", []Candidate[string]{{Object: "a", ID: "1", Name: "n", Kind: "k", CreatedAt: at(time.Second)}}, "a", true, ""},
		{"clock skew within the window", []Candidate[string]{{Object: "a", ID: "1", Name: "n", Kind: "k", CreatedAt: at(-AdoptionWindow + time.Second)}}, "a", true, ""},
		{"made before the window", []Candidate[string]{{Object: "a", ID: "1", Name: "n", Kind: "k", CreatedAt: at(-AdoptionWindow - time.Second)}}, "", false, ""},
		{"no creation time", []Candidate[string]{{Object: "a", ID: "1", Name: "n", Kind: "k"}}, "a", true, ""},
		{"other kind and name", []Candidate[string]{{Object: "a", ID: "1", Name: "n", Kind: "other"}, {Object: "b", ID: "2", Name: "m", Kind: "k"}}, "", false, ""},
		{"several", []Candidate[string]{{Object: "a", ID: "1", Name: "n", Kind: "k"}, {Object: "b", ID: "2", Name: "n", Kind: "k"}}, "", false, "several: 1, 2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Assigned[string]{
				Noun: "thing",
				List: func(_ context.Context, kind string) ([]Candidate[string], error) {
					if kind != "k" {
						t.Fatalf("listed kind %q", kind)
					}
					return c.objs, nil
				},
				Several: func(_, _ string, ids []string) error { return NotAdopted("several: %s", strings.Join(ids, ", ")) },
			}
			got, found, err := a.find(context.Background(), PendingCreate{Name: "n", Kind: "k", Since: since})
			if c.err != "" {
				if !errors.Is(err, ErrNotAdopted) || err.Error() != c.err {
					t.Fatalf("want %q, got %v", c.err, err)
				}
				return
			}
			if err != nil || found != c.found || got.Object != c.want {
				t.Fatalf("got %q found=%t err=%v", got.Object, found, err)
			}
		})
	}
}
