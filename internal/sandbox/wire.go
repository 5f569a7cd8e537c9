package sandbox

import (
	"fmt"
	"sort"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// Credentials are the secrets the sandbox accepts; they are throwaway values
// known to the tests and printed by cmd/conduit-sandbox.
type Credentials struct {
	Auth0Domain       string
	Auth0Token        string
	Auth0ClientID     string
	Auth0ClientSecret string
	VersoriKey        string
	VersoriOrg        string
	VectorizeKey      string
	VectorizeOrg      string
	TileDBKey         string
	TileDBUser        string
	TileDBPassword    string
	TileDBNamespace   string
}

// DefaultCredentials are the sandbox's well-known values.
func DefaultCredentials() Credentials {
	return Credentials{
		Auth0Domain:       "conduit-sandbox.eu.auth0.com",
		Auth0Token:        "sbx-auth0-management-token",
		Auth0ClientID:     "sbx-auth0-client",
		Auth0ClientSecret: "sbx-auth0-client-secret",
		VersoriKey:        "sbx-versori-api-key",
		VersoriOrg:        "01JDSANDB0X0RG000000000000",
		VectorizeKey:      "sbx-vectorize-api-key",
		VectorizeOrg:      "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01",
		TileDBKey:         "sbx-tiledb-api-key",
		TileDBUser:        "sandbox",
		TileDBPassword:    "sbx-tiledb-password",
		TileDBNamespace:   "conduit-sandbox",
	}
}

// Paths under which each vendor is served; the provider's endpoints point here.
// TileDB has none: it is served at the host root, as the real host serves
// /v2/credentials/… (see TileDBRoutes).
const (
	VersoriPath   = "/api/connect/v1alpha1"
	VectorizePath = "/vectorize/v1"
)

// vendorFactories lets each vendor package add its emulator without this file
// growing a switch; the Auth0 one is always present.
var vendorFactories []func(Credentials) emu.Emulator

// NewWithCredentials builds the sandbox with every vendor emulator.
func NewWithCredentials(c Credentials) *Server {
	emulators := []emu.Emulator{auth0.New(auth0.Options{APIToken: c.Auth0Token, ClientID: c.Auth0ClientID, ClientSecret: c.Auth0ClientSecret})}
	for _, f := range vendorFactories {
		emulators = append(emulators, f(c))
	}
	return New(emulators...)
}

// Auth0 returns the typed Auth0 emulator.
func (s *Server) Auth0() *auth0.Emulator { return s.emulators["auth0"].(*auth0.Emulator) }

// Blocks are the provider's service blocks (block, then attribute, to
// value) that point it at a sandbox listening on baseURL (scheme://host:port).
func (c Credentials) Blocks(baseURL string) map[string]map[string]string {
	baseURL = strings.TrimRight(baseURL, "/")
	return map[string]map[string]string{
		"auth0":     {"domain": c.Auth0Domain, "endpoint": baseURL, "api_token": c.Auth0Token},
		"versori":   {"endpoint": baseURL + VersoriPath, "api_key": c.VersoriKey, "organisation_id": c.VersoriOrg},
		"vectorize": {"endpoint": baseURL + VectorizePath, "api_key": c.VectorizeKey, "organization_id": c.VectorizeOrg},
		"tiledb":    {"endpoint": baseURL, "api_key": c.TileDBKey, "namespace": c.TileDBNamespace},
	}
}

// Env returns the environment variables that point the provider at a sandbox
// listening on baseURL (scheme://host:port).
func (c Credentials) Env(baseURL string) map[string]string {
	baseURL = strings.TrimRight(baseURL, "/")
	return map[string]string{
		"AUTH0_DOMAIN":              c.Auth0Domain,
		"AUTH0_ENDPOINT":            baseURL,
		"AUTH0_API_TOKEN":           c.Auth0Token,
		"VERSORI_ENDPOINT":          baseURL + VersoriPath,
		"VERSORI_API_KEY":           c.VersoriKey,
		"VERSORI_ORGANISATION_ID":   c.VersoriOrg,
		"VECTORIZE_ENDPOINT":        baseURL + VectorizePath,
		"VECTORIZE_API_KEY":         c.VectorizeKey,
		"VECTORIZE_ORGANIZATION_ID": c.VectorizeOrg,
		"TILEDB_REST_HOST":          baseURL,
		"TILEDB_REST_TOKEN":         c.TileDBKey,
		"TILEDB_NAMESPACE":          c.TileDBNamespace,
	}
}

// Exports renders Env as shell export lines, sorted.
func (c Credentials) Exports(baseURL string) string {
	env := c.Env(baseURL)
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "export %s=%q\n", k, env[k])
	}
	return b.String()
}
