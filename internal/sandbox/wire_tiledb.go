package sandbox

import (
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
)

// TileDBRoutes is where the TileDB routes start: the host root, as the real
// API serves them (the Auth0 routes start with /api/v2, not /v2).
const TileDBRoutes = "/v2/credentials/"

func init() {
	vendorFactories = append(vendorFactories, func(c Credentials) emu.Emulator {
		return tiledb.New(tiledb.Options{
			APIKey: c.TileDBKey, Username: c.TileDBUser, Password: c.TileDBPassword,
			Namespaces: []string{c.TileDBNamespace},
		})
	})
}

// TileDB returns the typed TileDB emulator.
func (s *Server) TileDB() *tiledb.Emulator { return s.emulators["tiledb"].(*tiledb.Emulator) }
