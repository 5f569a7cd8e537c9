package tiledbcredential

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// isRejection reports an answer that may mean a uniqueness rule was broken.
// The spec gives conflicts no status of their own (every operation declares
// only 204/200, 502 and its default Error), so 409, 400 and 422 are read alike.
func isRejection(err error) bool {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || base.IsUnresolvedCreate(err) {
		return false
	}
	switch apiErr.Status {
	case http.StatusConflict, http.StatusBadRequest, http.StatusUnprocessableEntity:
		return true
	}
	return false
}

// explainRejection finds which uniqueness rule a refused create (self "") or
// update of credential self broke, by looking at the namespace, and reports it
// on the attribute at fault; false when none applies. None of these rules can
// be checked at plan time: they depend on the namespace's other credentials.
// The rules are the name in the namespace, the key id (an assumption: the
// sandbox's), and one provider_default per cloud provider.
func explainRejection(ctx context.Context, api *tiledb.API, ns, self string, body *tiledb.AccessCredential, err error, diags *diag.Diagnostics) bool {
	if self == "" {
		id := composeID(ns, body.Name)
		_, gerr := api.Get(ctx, ns, body.Name)
		if gerr == nil {
			diags.AddAttributeError(path.Root("name"), "TileDB credential "+id+" already exists",
				fmt.Sprintf("name: a credential named %q already exists in namespace %s.\n\n%s\n\n%s", body.Name, ns, err, base.ImportHint(id)))
			return true
		}
		if !client.IsNotFound(gerr) {
			return false
		}
		self = body.Name
	}
	all, lerr := api.List(ctx, ns, tiledb.ListOptions{})
	if lerr != nil {
		return false
	}
	mine := heldKey(body)
	for i := range all {
		other := &all[i]
		if other.Name == self || mine.id == "" || heldKey(other) != mine {
			continue
		}
		otherID := composeID(ns, other.Name)
		// Terraform shows a nested attribute's error at its enclosing one.
		diags.AddAttributeError(path.Root(mine.kind), "TileDB credential "+otherID+" already holds this key",
			fmt.Sprintf("%s: the %s is already stored as credential %q.\n\n%s\n\nTo manage that credential with Terraform, set name = %q and import it: "+
				"terraform import <address> %s\nor add an import block with id = %q. Otherwise use another key.",
				mine.field, publicID(body), other.Name, err, other.Name, otherID, otherID))
		return true
	}
	if body.ProviderDefault == nil || !*body.ProviderDefault {
		return false
	}
	cloud := cloudOf(body)
	for i := range all {
		other := &all[i]
		if other.Name == self || other.Provider != cloud || other.ProviderDefault == nil || !*other.ProviderDefault {
			continue
		}
		diags.AddAttributeError(path.Root("provider_default"), "Another "+cloud+" credential is already the default",
			fmt.Sprintf("provider_default: credential %q is already the default %s credential of namespace %s, and the API keeps at most one "+
				"default per cloud provider.\n\n%s\n\nSet provider_default = false here, or clear it on %q first. If this configuration "+
				"clears it there, apply again once that update has run, or make this resource depend on that one.",
				other.Name, cloud, ns, err, other.Name))
		return true
	}
	return false
}

// key is the access key id a credential holds, the kind attribute it is set
// in and the attribute it is set by (or the kind's, for a key file).
type key struct {
	kind, field, id string
}

// heldKey is the key id the sandbox keeps unique in a namespace: AWS access
// key ids, GCS HMAC access ids and GCP service account key ids.
func heldKey(c *tiledb.AccessCredential) key {
	switch {
	case c.Credential != nil && c.Credential.AWS != nil:
		return key{kindAWSAccessKey, kindAWSAccessKey + ".access_key_id", c.Credential.AWS.AccessKeyID}
	case c.Credential != nil && c.Credential.GCP != nil:
		return key{kindGCPHMACKey, kindGCPHMACKey + ".access_key_id", c.Credential.GCP.AccessKeyID}
	case c.Token != nil && c.Token.GCP != nil:
		return key{kindGCPServiceAccountKey, kindGCPServiceAccountKey + ".key_text", serviceAccountKeyID(c.Token.GCP)}
	}
	return key{}
}

// cloudOf is the cloud provider a request's kind belongs to.
func cloudOf(c *tiledb.AccessCredential) string {
	var k kinds
	k.fromAPI(c)
	return kindCloud[k.name()]
}
