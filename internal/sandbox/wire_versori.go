package sandbox

import (
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

func init() {
	vendorFactories = append(vendorFactories, func(c Credentials) emu.Emulator {
		return versori.New(versori.Options{APIKey: c.VersoriKey, Organisations: []string{c.VersoriOrg}, Prefix: VersoriPath})
	})
}

// Versori returns the typed Versori emulator.
func (s *Server) Versori() *versori.Emulator {
	return s.emulators["versori"].(*versori.Emulator)
}
