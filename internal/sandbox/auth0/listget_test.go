package auth0_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// TestListItemsAreTheGetAnswers: each item of the connections list is
// exactly the GET answer of that pair, no field more or less, on every page.
// Auth0's own types say so (ruby-auth0 lib/auth0/types/
// organization_all_connection_post.rb, the list item, has the fields of
// get_organization_all_connection_response_content.rb), and so does recorded
// traffic (TestAccOrganizationConnection.yaml #7 GET, #12 list). Refresh at
// scale answers reads from the list, so a list richer or thinner than GET
// would hide drift or invent it.
func TestListItemsAreTheGetAnswers(t *testing.T) {
	e := sbauth0.New(sbauth0.Options{})
	mux := http.NewServeMux()
	for _, r := range e.Routes() {
		mux.HandleFunc(r.Pattern, r.Handler)
	}
	do := func(method, path, body string) (int, []byte) {
		t.Helper()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		mux.ServeHTTP(rec, req)
		return rec.Code, rec.Body.Bytes()
	}
	for _, body := range []string{
		`{"connection_id":"` + sbauth0.ConDatabase + `","organization_connection_name":"db","assign_membership_on_login":true,"is_signup_enabled":true,"organization_access_level":"full"}`,
		`{"connection_id":"` + sbauth0.ConOkta + `","show_as_button":false}`, // no is_signup_enabled in answers
		`{"connection_id":"` + sbauth0.ConGitHub + `","is_enabled":false}`,
		`{"connection_id":"` + sbauth0.ConSAML + `"}`,
		`{"connection_id":"` + sbauth0.ConPasswordl + `","organization_access_level":"readonly"}`,
	} {
		if st, out := do("POST", pairs, body); st != 201 {
			t.Fatalf("POST %s: %d %s", body, st, out)
		}
	}
	seen := 0
	for page := range 3 {
		st, raw := do("GET", pairs+"?include_totals=true&per_page=2&page="+strconv.Itoa(page), "")
		var list struct {
			Connections []json.RawMessage `json:"connections"`
		}
		if st != 200 || json.Unmarshal(raw, &list) != nil {
			t.Fatalf("list page %d: %d %s", page, st, raw)
		}
		for _, item := range list.Connections {
			var fromList map[string]any
			_ = json.Unmarshal(item, &fromList)
			id, _ := fromList["connection_id"].(string)
			st, got := do("GET", pairs+"/"+id, "")
			var fromGet map[string]any
			if st != 200 || json.Unmarshal(got, &fromGet) != nil {
				t.Fatalf("GET %s: %d %s", id, st, got)
			}
			if !reflect.DeepEqual(fromList, fromGet) {
				t.Errorf("%s: list item %s, GET %s", id, item, got)
			}
			seen++
		}
	}
	if seen != 5 {
		t.Fatalf("compared %d pairs, want 5", seen)
	}
}
