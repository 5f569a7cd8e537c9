package versoriconnection

import (
	"strings"
	"testing"
)

// TestDatasetProblem: each part of Google's rule, and the part named when
// it is broken.
func TestDatasetProblem(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{"my-project.sales", ""},
		{"abcdef.d", ""},
		{"a" + strings.Repeat("b", 29) + "." + strings.Repeat("D_9", 341) + "x", ""}, // 30 and 1024 characters
		{"proj.ds", `the project id "proj" has 4 characters`},
		{"a" + strings.Repeat("b", 30) + ".ds", `has 31 characters`},
		{"sales", "there is no dot between the project id and the dataset id"},
		{"my-project.sales.q1", "more than one dot"},
		{"My-Project.sales", `the project id "My-Project" contains 'M', which is not a lowercase letter, digit or hyphen`},
		{"example.com:my-project.sales", "more than one dot"},
		{"1project.sales", `the project id "1project" does not start with a letter`},
		{"my-project-.sales", `the project id "my-project-" ends with a hyphen`},
		{"my-project.", "the dataset id after the dot is empty"},
		{"my-project.sales-eu", `the dataset id "sales-eu" contains '-', which is not a letter, digit or underscore`},
		{"my-project." + strings.Repeat("d", 1025), "the dataset id has 1025 characters"},
	} {
		got := datasetProblem(c.value)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%.40q: got %q, want %q", c.value, got, c.want)
		}
	}
}
