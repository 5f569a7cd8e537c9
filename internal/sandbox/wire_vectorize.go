package sandbox

import (
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/vectorize"
)

func init() {
	vendorFactories = append(vendorFactories, func(c Credentials) emu.Emulator {
		return vectorize.New(vectorize.Options{APIKey: c.VectorizeKey, Organizations: []string{c.VectorizeOrg}, Prefix: VectorizePath})
	})
}

// Vectorize returns the typed Vectorize emulator.
func (s *Server) Vectorize() *vectorize.Emulator {
	return s.emulators["vectorize"].(*vectorize.Emulator)
}
