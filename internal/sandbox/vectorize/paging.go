package vectorize

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
)

// PageList is a test hook for the paging a later spec revision allows. With
// n > 0, getSourceConnectors answers n connectors at a time, with a
// nextToken while more follow: vectorize_api.json 0.1.2 describes the
// operation as "Get all existing source connectors with pagination
// support", takes an optional `nextToken` query ("Token for fetching the
// next page of results") and may answer one. 0, the default that Reset
// restores, answers the whole list in one page, as the spec behind the
// official 0.4.0 client does. The page size is the hook's: the 0.1.2
// `limit` parameter (1-100) stays ignored, since the provider never sends it.
func (e *Emulator) PageList(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pageSize = n
}

// pageToken is the nextToken: base64 JSON `{"lastKey": …}`, the shape of
// the spec's example token ("eyJsYXN0S2V5IjoiMTIzNDU2In0="), holding the
// creation sequence of the last connector sent, so that a connector deleted
// between two pages does not lose the reader's place.
type pageToken struct {
	LastKey string `json:"lastKey"`
}

// page cuts one page from all (in creation order) after the token's place
// and sets the answer's nextToken when connectors remain. Assumption: a
// token that does not decode is a 400 (the spec documents 400 without
// saying when); the provider only sends tokens the API gave it.
func (e *Emulator) page(w http.ResponseWriter, all []*connector, token string, answer map[string]any) ([]*connector, bool) {
	after := 0
	if token != "" {
		raw, err := base64.StdEncoding.DecodeString(token)
		var t pageToken
		if err == nil {
			err = json.Unmarshal(raw, &t)
		}
		if err == nil {
			after, err = strconv.Atoi(t.LastKey)
		}
		if err != nil {
			badRequest(w, "invalid nextToken")
			return nil, false
		}
	}
	start := 0
	for start < len(all) && all[start].seq <= after {
		start++
	}
	rest := all[start:]
	if len(rest) <= e.pageSize {
		return rest, true
	}
	rest = rest[:e.pageSize]
	b, _ := json.Marshal(pageToken{LastKey: strconv.Itoa(rest[len(rest)-1].seq)})
	answer["nextToken"] = base64.StdEncoding.EncodeToString(b)
	return rest, true
}
