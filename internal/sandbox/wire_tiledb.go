package sandbox

import (
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
)

func init() {
	vendorFactories = append(vendorFactories, func(c Credentials) emu.Emulator {
		return tiledb.New(tiledb.Options{
			APIKey: c.TileDBKey, Username: c.TileDBUser, Password: c.TileDBPassword,
			Namespaces: []string{c.TileDBNamespace}, Prefix: TileDBPath,
		})
	})
}

// TileDB returns the typed TileDB emulator.
func (s *Server) TileDB() *tiledb.Emulator { return s.emulators["tiledb"].(*tiledb.Emulator) }
