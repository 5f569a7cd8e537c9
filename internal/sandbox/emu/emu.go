// Package emu is the toolkit the vendor emulators share: the interface the
// sandbox wires, JSON helpers and merge-patch for out-of-band edits.
package emu

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// Route is one vendor endpoint, with a Go 1.22 ServeMux pattern such as
// "POST /api/v2/organizations/{id}/connections".
type Route struct {
	Pattern string
	Handler http.HandlerFunc
	// Public routes skip the vendor's token check (e.g. /oauth/token).
	Public bool
}

// RateWindow is the state of the rate-limit window a response is sent in.
type RateWindow struct {
	Limit     int
	Remaining int
	Reset     time.Time
}

// Emulator is one vendor API.
type Emulator interface {
	// Name is the vendor key used in control paths and counters: auth0, versori, vectorize, tiledb.
	Name() string
	Routes() []Route
	// Authorized checks the vendor's credential on a request.
	Authorized(r *http.Request) bool
	// WriteError answers in the vendor's error shape.
	WriteError(w http.ResponseWriter, status int, message string)
	// RateHeaders sets the vendor's rate-limit headers; limited is true on a 429.
	RateHeaders(h http.Header, win RateWindow, limited bool)
	// Objects lists the stored objects by key in their wire form.
	Objects() map[string]json.RawMessage
	// Edit merges a JSON merge-patch into a stored object, out of band.
	Edit(key string, patch json.RawMessage) error
	// Delete removes a stored object, out of band.
	Delete(key string) error
	// Reset drops all objects and restores the fixtures.
	Reset()
}

// ErrNoObject is returned by Edit and Delete for an unknown key.
var ErrNoObject = errors.New("no such object")

// WriteJSON answers with status and v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// DecodeStrict reads a JSON object body into a map so handlers can see which
// fields were present, which were null, and which are unknown.
func DecodeStrict(r *http.Request) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("body must be a JSON object")
	}
	return m, nil
}

// MergePatch applies an RFC 7386 JSON merge patch to doc.
func MergePatch(doc, patch json.RawMessage) (json.RawMessage, error) {
	var d, p any
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, err
	}
	return json.Marshal(merge(d, p))
}

func merge(doc, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	dm, ok := doc.(map[string]any)
	if !ok {
		dm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(dm, k)
			continue
		}
		dm[k] = merge(dm[k], v)
	}
	return dm
}

// PatchStruct applies a merge patch to a Go value through its JSON form.
func PatchStruct[T any](v *T, patch json.RawMessage) error {
	doc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	merged, err := MergePatch(doc, patch)
	if err != nil {
		return err
	}
	var out T
	if err := json.Unmarshal(merged, &out); err != nil {
		return err
	}
	*v = out
	return nil
}

// Now is the emulators' clock, in UTC with second precision as the APIs answer.
func Now() time.Time { return time.Now().UTC().Truncate(time.Second) }
