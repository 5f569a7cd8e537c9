package versoriconnection

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// datasetRule is the rule of dataset_id in words, for messages and docs.
// The form is the spec's (BigQueryConnection.datasetId: "<project_id>.<dataset_name>");
// the parts follow Google's own rules: a project id "must be 6 to 30
// lowercase letters, digits, or hyphens. It must start with a letter.
// Trailing hyphens are prohibited" (Resource Manager v1 Project.projectId),
// and a dataset id "must contain only letters (a-z, A-Z), numbers (0-9), or
// underscores (_). The maximum length is 1,024 characters" (BigQuery v2
// DatasetReference.datasetId).
const (
	datasetForm  = "<project_id>.<dataset_id>"
	datasetParts = "a Google Cloud project id (6 to 30 lowercase letters, digits or hyphens, " +
		"starting with a letter and not ending with a hyphen), a dot, then a BigQuery dataset id " +
		"(1 to 1024 letters, digits or underscores)"
	datasetRule = datasetForm + ": " + datasetParts
)

const (
	projectChars = "abcdefghijklmnopqrstuvwxyz0123456789-"
	datasetChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
)

// datasetID checks dataset_id against datasetRule and says which part breaks it.
type datasetID struct{}

func (datasetID) Description(context.Context) string { return "must be " + datasetRule }
func (v datasetID) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (datasetID) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if problem := datasetProblem(value); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid dataset_id",
			fmt.Sprintf("%s must be %s. Got %q: %s.", req.Path, datasetRule, value, problem))
	}
}

// datasetProblem is what is wrong with a dataset_id, or "" when nothing is.
func datasetProblem(v string) string {
	project, dataset, ok := strings.Cut(v, ".")
	switch {
	case !ok:
		return "there is no dot between the project id and the dataset id"
	case strings.Contains(dataset, "."):
		return "it has more than one dot"
	}
	if p := projectProblem(project); p != "" {
		return p
	}
	n := utf8.RuneCountInString(dataset)
	switch {
	case n == 0:
		return "the dataset id after the dot is empty"
	case n > 1024:
		return fmt.Sprintf("the dataset id has %d characters", n)
	}
	for _, r := range dataset {
		if !strings.ContainsRune(datasetChars, r) {
			return fmt.Sprintf("the dataset id %q contains %q, which is not a letter, digit or underscore", dataset, r)
		}
	}
	return ""
}

func projectProblem(p string) string {
	for _, r := range p {
		if !strings.ContainsRune(projectChars, r) {
			return fmt.Sprintf("the project id %q contains %q, which is not a lowercase letter, digit or hyphen", p, r)
		}
	}
	switch {
	case len(p) < 6 || len(p) > 30:
		return fmt.Sprintf("the project id %q has %d characters", p, len(p))
	case p[0] < 'a' || p[0] > 'z':
		return fmt.Sprintf("the project id %q does not start with a letter", p)
	case strings.HasSuffix(p, "-"):
		return fmt.Sprintf("the project id %q ends with a hyphen", p)
	}
	return ""
}
