package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// registerControl adds the /_sandbox/ API used by the demo, the CLI and tests
// that run the sandbox out of process.
func (s *Server) registerControl() {
	s.mux.HandleFunc("GET /_sandbox/counts", func(w http.ResponseWriter, _ *http.Request) {
		counts := s.Counts()
		total := 0
		for _, v := range counts {
			total += v
		}
		emu.WriteJSON(w, http.StatusOK, map[string]any{"routes": counts, "total": total, "mutations": Mutations(counts), "throttled": s.Throttled()})
	})
	s.mux.HandleFunc("POST /_sandbox/reset", func(w http.ResponseWriter, r *http.Request) {
		s.ResetCounts()
		s.ClearFaults()
		if r.URL.Query().Get("data") == "true" {
			for _, e := range s.emulators {
				e.Reset()
			}
		}
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("GET /_sandbox/settings", func(w http.ResponseWriter, _ *http.Request) {
		emu.WriteJSON(w, http.StatusOK, s.Settings())
	})
	s.mux.HandleFunc("PUT /_sandbox/settings", func(w http.ResponseWriter, r *http.Request) {
		var set Settings
		if err := json.NewDecoder(r.Body).Decode(&set); err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
		s.Configure(set)
		emu.WriteJSON(w, http.StatusOK, set)
	})
	s.mux.HandleFunc("POST /_sandbox/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Fault
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
		if f.Count == 0 {
			f.Count = 1
		}
		s.AddFault(f)
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("DELETE /_sandbox/faults", func(w http.ResponseWriter, _ *http.Request) {
		s.mu.Lock()
		s.faults = nil
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("GET /_sandbox/objects/{vendor}", func(w http.ResponseWriter, r *http.Request) {
		e := s.emulators[r.PathValue("vendor")]
		if e == nil {
			controlError(w, http.StatusNotFound, errors.New("unknown vendor"))
			return
		}
		emu.WriteJSON(w, http.StatusOK, e.Objects())
	})
	s.mux.HandleFunc("PATCH /_sandbox/objects/{vendor}/{key...}", func(w http.ResponseWriter, r *http.Request) {
		e := s.emulators[r.PathValue("vendor")]
		if e == nil {
			controlError(w, http.StatusNotFound, errors.New("unknown vendor"))
			return
		}
		patch, err := io.ReadAll(r.Body)
		if err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
		if err := e.Edit(r.PathValue("key"), patch); err != nil {
			controlError(w, statusFor(err), err)
			return
		}
		emu.WriteJSON(w, http.StatusOK, e.Objects()[r.PathValue("key")])
	})
	s.mux.HandleFunc("DELETE /_sandbox/objects/{vendor}/{key...}", func(w http.ResponseWriter, r *http.Request) {
		e := s.emulators[r.PathValue("vendor")]
		if e == nil {
			controlError(w, http.StatusNotFound, errors.New("unknown vendor"))
			return
		}
		if err := e.Delete(r.PathValue("key")); err != nil {
			controlError(w, statusFor(err), err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func statusFor(err error) int {
	if errors.Is(err, emu.ErrNoObject) {
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}

func controlError(w http.ResponseWriter, status int, err error) {
	emu.WriteJSON(w, status, map[string]string{"error": err.Error()})
}
