package tiledb_test

import (
	"reflect"
	"strconv"
	"testing"
)

// TestListItemsAreTheGetAnswers: each credential listCredentials answers is
// exactly getCredential's answer, every kind, no secret, on every page. The
// spec makes both the same schema: AccessCredentialsData.credentials items
// are `$ref: AccessCredential`, getCredential's 200 is `AccessCredential`
// (TileDB-Inc/TileDB-Cloud-API-Spec openapi-v2.yaml). Refresh at scale
// answers reads from the list, so a list richer or thinner than GET would
// hide drift or invent it.
func TestListItemsAreTheGetAnswers(t *testing.T) {
	e, call := server(t)
	for _, body := range []string{
		`{"name":"a","provider_default":true,"credential":{"aws":{"access_key_id":"AKIA1","secret_access_key":"SK","endpoint":"https://s3.example.com","kms_id":"arn:aws:kms:us-east-1:1:key/k"}}}`,
		`{"name":"r","allowed_in_tasks":true,"role":{"aws":{"role_arn":"arn:aws:iam::1:role/r","external_id":"EXT"}}}`,
		`{"name":"s","token":{"azure":{"account_name":"n","sas_token":"SAS"}}}`,
		`{"name":"g","token":{"gcp":{"key_text":"` + keyFile + `"}}}`,
		`{"name":"z","credential":{"azure":{"account_name":"n","account_key":"AZK"}}}`,
		`{"name":"h","credential":{"gcp":{"access_key_id":"GOOG1","secret_access_key":"GS"}}}`,
	} {
		call.must(t, 204, "POST", "/v2/credentials/ns", body)
	}
	e.SetMaxPerPage(4)
	seen := 0
	for page := 1; page <= 2; page++ {
		out := call.must(t, 200, "GET", "/v2/credentials/ns?per_page=100&page="+strconv.Itoa(page), "")
		items, _ := out["credentials"].([]any)
		for _, it := range items {
			fromList := it.(map[string]any)
			name, _ := fromList["name"].(string)
			fromGet := call.must(t, 200, "GET", "/v2/credentials/ns/"+name, "")
			if !reflect.DeepEqual(fromList, fromGet) {
				t.Errorf("%s: list item %v\nGET %v", name, fromList, fromGet)
			}
			seen++
		}
	}
	if seen != 6 {
		t.Fatalf("compared %d credentials over two pages of at most 4, want 6", seen)
	}
}
