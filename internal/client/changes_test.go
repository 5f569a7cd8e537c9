package client_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// changes records what the clients report through Options.OnChange.
type changes struct {
	mu  sync.Mutex
	got []string
}

func (c *changes) record(service, scope string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, service+" "+scope)
}

func (c *changes) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	got := c.got
	c.got = nil
	return got
}

// Every create, update and delete a typed API sends reports its service
// and scope once it returned, whether it succeeded or not (a failed or lost
// one may have been applied); reads report nothing. The provider drops the
// scope's cached list on each report, so no call path that mutates through
// the typed APIs can leave a stale list behind.
func TestMutationsReportTheirScope(t *testing.T) {
	creds := sandbox.DefaultCredentials()
	srv := httptest.NewServer(sandbox.NewWithCredentials(creds))
	t.Cleanup(srv.Close)
	blocks := creds.Blocks(srv.URL)
	rec := &changes{}
	opts := client.Options{UserAgent: "test", Retry: client.DefaultRetryPolicy(0), OnChange: rec.record}
	ctx := context.Background()

	a0 := clienttest.Connect[*auth0.API](t, &auth0.Service, blocks["auth0"], opts)
	vs := clienttest.Connect[*versori.API](t, &versori.Service, blocks["versori"], opts)
	vz := clienttest.Connect[*vectorize.API](t, &vectorize.Service, blocks["vectorize"], opts)
	td := clienttest.Connect[*tiledb.API](t, &tiledb.Service, blocks["tiledb"], opts)
	org, vOrg, zOrg, ns := sbauth0.OrgAcme, creds.VersoriOrg, creds.VectorizeOrg, creds.TileDBNamespace
	off := false
	var vID, zID string

	type call struct {
		name string
		do   func() error
		// want is the "<service> <scope>" reported, empty for a read.
		want string
	}
	calls := []call{
		{"auth0 Add", func() error { _, err := a0.Add(ctx, org, sbauth0.ConDatabase, auth0.Settings{}); return err }, "auth0 " + org},
		{"auth0 Get", func() error { _, err := a0.Get(ctx, org, sbauth0.ConDatabase); return err }, ""},
		{"auth0 List", func() error { _, err := a0.List(ctx, org, auth0.ListOptions{}); return err }, ""},
		{"auth0 Update", func() error {
			_, err := a0.Update(ctx, org, sbauth0.ConDatabase, auth0.Settings{ShowAsButton: &off})
			return err
		}, "auth0 " + org},
		{"auth0 Delete", func() error { return a0.Delete(ctx, org, sbauth0.ConDatabase) }, "auth0 " + org},
		{"auth0 Add refused", func() error {
			_, err := a0.Add(ctx, org, "con_nonexistent00000", auth0.Settings{})
			return want4xx(err)
		}, "auth0 " + org},

		{"versori Create", func() error {
			c, err := vs.Create(ctx, vOrg, versori.ProtocolHTTP, versori.CreateInput{Name: "c", BaseURL: "https://c.example"})
			if err == nil {
				vID = c.ID
			}
			return err
		}, "versori " + vOrg},
		{"versori Get", func() error { _, err := vs.Get(ctx, vOrg, vID); return err }, ""},
		{"versori List", func() error { _, err := vs.List(ctx, vOrg, versori.ListOptions{}); return err }, ""},
		{"versori Replace", func() error {
			_, err := vs.Replace(ctx, vOrg, vID, versori.ReplaceInput{Name: "c2", Protocol: versori.ProtocolHTTP, BaseURL: "https://c.example"})
			return err
		}, "versori " + vOrg},
		{"versori UpdateEnvironment refused", func() error {
			_, err := vs.UpdateEnvironment(ctx, vOrg, vID, versori.EnvironmentUpdate{ID: "01JDNOSUCHENV0000000000000", Name: "x"})
			return want4xx(err)
		}, "versori " + vOrg},
		{"versori Delete", func() error { return vs.Delete(ctx, vOrg, vID, false) }, "versori " + vOrg},

		{"vectorize Create", func() error {
			ref, err := vz.Create(ctx, zOrg, "", vectorize.CreateRequest{Name: "c", Type: "FILE_UPLOAD"})
			if err == nil {
				zID = ref.ID
			}
			return err
		}, "vectorize " + zOrg},
		{"vectorize Get", func() error { _, err := vz.Get(ctx, zOrg, zID); return err }, ""},
		{"vectorize List", func() error { _, err := vz.List(ctx, zOrg, vectorize.ListOptions{Limit: 100}); return err }, ""},
		{"vectorize Update", func() error { _, err := vz.Update(ctx, zOrg, zID, nil); return err }, "vectorize " + zOrg},
		// FILE_UPLOAD connectors take no users: refused, reported all the same.
		{"vectorize AddUser", func() error { return want4xx(vz.AddUser(ctx, zOrg, zID, vectorize.User{UserID: "u"})) }, "vectorize " + zOrg},
		{"vectorize UpdateUser", func() error { return want4xx(vz.UpdateUser(ctx, zOrg, zID, vectorize.User{UserID: "u"})) }, "vectorize " + zOrg},
		{"vectorize RemoveUser", func() error { return want4xx(vz.RemoveUser(ctx, zOrg, zID, "u")) }, "vectorize " + zOrg},
		{"vectorize Delete", func() error { return vz.Delete(ctx, zOrg, zID) }, "vectorize " + zOrg},

		{"tiledb Create", func() error {
			return td.Create(ctx, ns, tiledb.AccessCredential{Name: "c", Role: &tiledb.Role{AWS: &tiledb.AWSRole{RoleARN: "arn:aws:iam::123456789012:role/c", ExternalID: "e"}}})
		}, "tiledb " + ns},
		{"tiledb Get", func() error { _, err := td.Get(ctx, ns, "c"); return err }, ""},
		{"tiledb List", func() error { _, err := td.List(ctx, ns, tiledb.ListOptions{}); return err }, ""},
		{"tiledb Update", func() error { return td.Update(ctx, ns, "c", tiledb.AccessCredential{AllowedInTasks: &off}) }, "tiledb " + ns},
		{"tiledb Delete", func() error { return td.Delete(ctx, ns, "c") }, "tiledb " + ns},
	}
	for _, c := range calls {
		if err := c.do(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var want []string
		if c.want != "" {
			want = []string{c.want}
		}
		if got := rec.take(); !slices.Equal(got, want) {
			t.Fatalf("%s reported %q, want %q", c.name, got, want)
		}
	}
}

// want4xx turns the expected refusal into success and anything else into
// an error.
func want4xx(err error) error {
	if apiErr, ok := err.(*client.APIError); ok && apiErr.Status >= 400 && apiErr.Status < 500 {
		return nil
	}
	return fmt.Errorf("want a 4xx refusal, got %v", err)
}
