package provider

import "strings"

// userAgent is "Terraform/<version> terraform-provider-conduit/<version>",
// the products HashiCorp's providers send (terraform-provider-aws puts
// Terraform's version before its own), so a vendor can tell which Terraform
// made a request. A caller that is not Terraform sends no version: the
// Terraform product is left out rather than sent empty.
func userAgent(terraformVersion, providerVersion string) string {
	products := []string{"terraform-provider-" + typeName + "/" + providerVersion}
	if v := strings.TrimSpace(terraformVersion); v != "" {
		products = append([]string{"Terraform/" + v}, products...)
	}
	return strings.Join(products, " ")
}
