package acctest

import (
	"context"

	"github.com/hashicorp/terraform-exec/tfexec"
)

// PlanError runs terraform plan, which must fail, and returns its error
// (Terraform's diagnostics are in its text), for a test of what a user sees
// when a configuration cannot be planned.
func (w *Workdir) PlanError() error {
	w.t.Helper()
	var planErr error
	w.run("plan", func(ctx context.Context, r tfexec.ReattachInfo) error {
		_, planErr = w.tf.Plan(ctx, tfexec.Reattach(r))
		return nil
	})
	if planErr == nil {
		w.t.Fatal("terraform plan succeeded; want it to fail")
	}
	return planErr
}
