package acceptance_test

import (
	"encoding/json"
	"fmt"
	"strings"

	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// kind is one resource type as the cross-resource tests see it: how to write
// instance i at version v (1 when created, 2 after the update), which sandbox
// object a state resource is, and which fields must agree between the two.
type kind struct {
	typ    string
	vendor string
	// hcl renders instance i at version v.
	hcl func(i, v int) string
	// key is the sandbox object key of a state resource's attributes.
	key func(a map[string]any) string
	// stateFields and objectFields are the compared fields, by a common name.
	stateFields  func(a map[string]any) map[string]string
	objectFields func(o map[string]any) map[string]string
	// owns tells this kind's sandbox keys from others of the same vendor.
	owns func(key string) bool
	// updateMethod is the HTTP method of an update.
	updateMethod string
	// path is the start of the kind's API paths, as diagnostics show them.
	path string
	// serverIDs: the API assigns the id, so a create whose outcome cannot
	// be learned leaves a placeholder (empty id) found again by name.
	serverIDs bool
	// capacity is how many instances the sandbox's fixtures allow (0: any).
	capacity int
}

var auth0Orgs = []string{sbauth0.OrgAcme, sbauth0.OrgGlobex, sbauth0.OrgInitech}

var auth0Cons = []string{sbauth0.ConDatabase, sbauth0.ConGoogle, sbauth0.ConOkta, sbauth0.ConSAML, sbauth0.ConGitHub, sbauth0.ConPasswordl}

func pick(v int, a, b string) string {
	if v == 1 {
		return a
	}
	return b
}

var kinds = []kind{
	{
		typ: "conduit_org_connection", vendor: "auth0", updateMethod: "PATCH", path: "/api/v2/organizations/", capacity: len(auth0Orgs) * len(auth0Cons),
		hcl: func(i, v int) string {
			return fmt.Sprintf(`
resource "conduit_org_connection" "r%d" {
  organization_id              = %q
  connection_id                = %q
  organization_connection_name = "Matrix %d v%d"
  organization_access_level    = %q
}
`, i, auth0Orgs[i/len(auth0Cons)], auth0Cons[i%len(auth0Cons)], i, v, pick(v, "readonly", "full"))
		},
		key: func(a map[string]any) string { return str(a["organization_id"]) + "/" + str(a["connection_id"]) },
		stateFields: func(a map[string]any) map[string]string {
			return map[string]string{"name": str(a["organization_connection_name"]), "access": str(a["organization_access_level"])}
		},
		objectFields: func(o map[string]any) map[string]string {
			return map[string]string{"name": str(o["organization_connection_name"]), "access": str(o["organization_access_level"])}
		},
		owns: func(string) bool { return true },
	},
	{
		typ: "conduit_versori_connection", vendor: "versori", updateMethod: "PUT", path: "/api/connect/v1alpha1/", serverIDs: true,
		// The update adds an environment: a PUT that is not idempotent.
		hcl: func(i, v int) string {
			return fmt.Sprintf(`
resource "conduit_versori_connection" "r%d" {
  name         = "matrix-%d"
  base_url     = "https://api%d.example.com/v%d"
  environments = %s
}
`, i, i, i, v, pick(v, "[]", `[{ name = "prod", variables = { region = "eu" } }]`))
		},
		key: func(a map[string]any) string { return str(a["organisation_id"]) + "/" + str(a["id"]) },
		stateFields: func(a map[string]any) map[string]string {
			return map[string]string{"name": str(a["name"]), "url": str(a["base_url"]), "envs": names(a["environments"])}
		},
		objectFields: func(o map[string]any) map[string]string {
			return map[string]string{"name": str(o["name"]), "url": str(o["baseUrl"]), "envs": names(o["environments"])}
		},
		owns: func(string) bool { return true },
	},
	{
		typ: "conduit_vectorize_source_connector", vendor: "vectorize", updateMethod: "PATCH", path: "/vectorize/v1/", serverIDs: true,
		hcl: func(i, v int) string {
			return fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "r%d" {
  name   = "matrix-%d"
  type   = "WEB_CRAWLER"
  config = jsonencode({ "seed-urls" = ["https://example.com/%d"], "max-depth" = %d })
}
`, i, i, i, v)
		},
		key: func(a map[string]any) string { return str(a["organization_id"]) + "/" + str(a["id"]) },
		stateFields: func(a map[string]any) map[string]string {
			var cfg map[string]any
			_ = json.Unmarshal([]byte(str(a["config"])), &cfg)
			return map[string]string{"name": str(a["name"]), "type": str(a["type"]), "depth": str(cfg["max-depth"])}
		},
		objectFields: func(o map[string]any) map[string]string {
			cfg, _ := o["configDoc"].(map[string]any)
			return map[string]string{"name": str(o["name"]), "type": str(o["type"]), "depth": str(cfg["max-depth"])}
		},
		owns: func(key string) bool { return !strings.Contains(key, "/users/") },
	},
	{
		typ: "conduit_tiledb_credential", vendor: "tiledb", updateMethod: "PATCH", path: "/v2/",
		hcl: func(i, v int) string {
			return fmt.Sprintf(`
resource "conduit_tiledb_credential" "r%d" {
  name             = "matrix-%d"
  allowed_in_tasks = %t
  aws_access_key = {
    access_key_id     = "AKIAMATRIX%010d"
    secret_access_key = "matrix-secret-%d"
  }
}
`, i, i, v == 2, i, i)
		},
		key: func(a map[string]any) string { return str(a["namespace"]) + "/" + str(a["name"]) },
		stateFields: func(a map[string]any) map[string]string {
			aws, _ := a["aws_access_key"].(map[string]any)
			return map[string]string{"name": str(a["name"]), "tasks": str(a["allowed_in_tasks"]), "key": str(aws["access_key_id"])}
		},
		objectFields: func(o map[string]any) map[string]string {
			cred, _ := o["credential"].(map[string]any)
			aws, _ := cred["aws"].(map[string]any)
			return map[string]string{"name": str(o["name"]), "tasks": str(o["allowed_in_tasks"]), "key": str(aws["access_key_id"])}
		},
		owns: func(string) bool { return true },
	},
}

// str renders a decoded JSON value for comparison; null is "".
func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// names lists the names of a JSON list of objects, in order.
func names(v any) string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		m, _ := e.(map[string]any)
		out = append(out, str(m["name"]))
	}
	return strings.Join(out, ",")
}
