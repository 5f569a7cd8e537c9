package provider

import "testing"

func TestUserAgent(t *testing.T) {
	for _, c := range []struct{ terraform, want string }{
		{"1.11.4", "Terraform/1.11.4 terraform-provider-conduit/0.1.0"},
		// Not run by Terraform (a test harness without a version): no empty product.
		{"", "terraform-provider-conduit/0.1.0"},
	} {
		if got := userAgent(c.terraform, "0.1.0"); got != c.want {
			t.Errorf("userAgent(%q) = %q, want %q", c.terraform, got, c.want)
		}
	}
}
