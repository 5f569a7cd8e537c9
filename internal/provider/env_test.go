package provider_test

import (
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// Every setting the sandbox gives the provider becomes one environment
// variable, through the service tables (its exports, the demo and the
// benchmark read them).
func TestEnvOfTheSandboxSettings(t *testing.T) {
	blocks := sandbox.DefaultCredentials().Blocks("http://127.0.0.1:8080/")
	env := provider.Env(blocks)
	n := 0
	for _, attrs := range blocks {
		n += len(attrs)
	}
	if len(env) != n {
		t.Fatalf("%d settings became %d variables: %v", n, len(env), env)
	}
	for name, want := range map[string]string{
		"AUTH0_ENDPOINT":            "http://127.0.0.1:8080",
		"VECTORIZE_ORGANIZATION_ID": blocks["vectorize"]["organization_id"],
		"TILEDB_REST_HOST":          "http://127.0.0.1:8080",
		"VERSORI_ENDPOINT":          "http://127.0.0.1:8080/api/connect/v1alpha1",
	} {
		if env[name] != want {
			t.Errorf("%s = %q, want %q", name, env[name], want)
		}
	}
}
