package sandbox

import (
	"fmt"
	"sort"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
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

// Paths under which Versori and Vectorize are served. Auth0 and TileDB are
// served at the host root, as their real hosts serve /api/v2/… and
// /v2/credentials/….
const (
	versoriPath   = "/api/connect/v1alpha1"
	vectorizePath = "/vectorize/v1"
)

// vendor is one emulator the sandbox serves: its name (the provider's
// service block), how it is built from the credentials, and the provider
// settings, by attribute, that point at it on baseURL.
type vendor struct {
	name     string
	emulator func(c Credentials) emu.Emulator
	settings func(c Credentials, baseURL string) map[string]string
}

// vendors are every emulator the sandbox serves; a vendor adds one entry.
var vendors = []vendor{
	{"auth0", func(c Credentials) emu.Emulator {
		return auth0.New(auth0.Options{APIToken: c.Auth0Token, ClientID: c.Auth0ClientID, ClientSecret: c.Auth0ClientSecret})
	}, func(c Credentials, baseURL string) map[string]string {
		return map[string]string{"domain": c.Auth0Domain, "endpoint": baseURL, "api_token": c.Auth0Token}
	}},
	{"versori", func(c Credentials) emu.Emulator {
		return versori.New(versori.Options{APIKey: c.VersoriKey, Organisations: []string{c.VersoriOrg}, Prefix: versoriPath})
	}, func(c Credentials, baseURL string) map[string]string {
		return map[string]string{"endpoint": baseURL + versoriPath, "api_key": c.VersoriKey, "organisation_id": c.VersoriOrg}
	}},
	{"vectorize", func(c Credentials) emu.Emulator {
		return vectorize.New(vectorize.Options{APIKey: c.VectorizeKey, Organizations: []string{c.VectorizeOrg}, Prefix: vectorizePath})
	}, func(c Credentials, baseURL string) map[string]string {
		return map[string]string{"endpoint": baseURL + vectorizePath, "api_key": c.VectorizeKey, "organization_id": c.VectorizeOrg}
	}},
	{"tiledb", func(c Credentials) emu.Emulator {
		return tiledb.New(tiledb.Options{APIKey: c.TileDBKey, Username: c.TileDBUser, Password: c.TileDBPassword, Namespaces: []string{c.TileDBNamespace}})
	}, func(c Credentials, baseURL string) map[string]string {
		return map[string]string{"endpoint": baseURL, "api_key": c.TileDBKey, "namespace": c.TileDBNamespace}
	}},
}

// NewWithCredentials builds the sandbox with every vendor emulator.
func NewWithCredentials(c Credentials) *Server {
	emulators := make([]emu.Emulator, len(vendors))
	for i, v := range vendors {
		emulators[i] = v.emulator(c)
	}
	return New(emulators...)
}

// Blocks are the provider's service blocks (block, then attribute, to value)
// that point it at a sandbox listening on baseURL (scheme://host:port). The
// provider's table turns them into environment variables (provider.Env).
func (c Credentials) Blocks(baseURL string) map[string]map[string]string {
	baseURL = strings.TrimRight(baseURL, "/")
	out := map[string]map[string]string{}
	for _, v := range vendors {
		out[v.name] = v.settings(c, baseURL)
	}
	return out
}

// Exports renders environment variables as shell export lines, sorted.
func Exports(env map[string]string) string {
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

// Auth0 returns the typed Auth0 emulator.
func (s *Server) Auth0() *auth0.Emulator { return s.emulators["auth0"].(*auth0.Emulator) }

// Versori returns the typed Versori emulator.
func (s *Server) Versori() *versori.Emulator { return s.emulators["versori"].(*versori.Emulator) }

// Vectorize returns the typed Vectorize emulator.
func (s *Server) Vectorize() *vectorize.Emulator {
	return s.emulators["vectorize"].(*vectorize.Emulator)
}

// TileDB returns the typed TileDB emulator.
func (s *Server) TileDB() *tiledb.Emulator { return s.emulators["tiledb"].(*tiledb.Emulator) }
