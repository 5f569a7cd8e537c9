package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
	"github.com/conduit-tf/terraform-provider-conduit/internal/validate"
)

const (
	versoriDefaultEndpoint   = "https://platform.versori.com/api/connect/v1alpha1"
	vectorizeDefaultEndpoint = "https://api.vectorize.io/v1"
	tiledbDefaultEndpoint    = "https://api.tiledb.com"
)

// setting is one resolved value and where it came from, for error messages.
type setting struct {
	value  string
	source string
}

// resolve takes the attribute when set, else the first non-empty env variable.
func resolve(attr types.String, attrPath string, envs ...string) setting {
	if !attr.IsNull() && !attr.IsUnknown() && attr.ValueString() != "" {
		return setting{attr.ValueString(), attrPath}
	}
	for _, e := range envs {
		if v := os.Getenv(e); v != "" {
			return setting{v, e}
		}
	}
	return setting{}
}

func (s setting) set() bool { return s.value != "" }

// builder collects what every vendor client shares.
type builder struct {
	ctx       context.Context
	userAgent string
	timeout   time.Duration
	retry     client.RetryPolicy
	diags     *diag.Diagnostics
}

func (b *builder) checkURL(s setting) bool {
	if !s.set() {
		return true
	}
	if reason := validate.CheckURL(s.value); reason != "" {
		b.diags.AddAttributeError(attrOrRoot(s.source), "Invalid endpoint URL",
			fmt.Sprintf("%s: %q %s.", s.source, s.value, reason))
		return false
	}
	return true
}

func attrOrRoot(source string) path.Path {
	block, attr, ok := strings.Cut(source, ".")
	if !ok {
		return path.Empty()
	}
	return path.Root(block).AtName(attr)
}

func (b *builder) client(service, baseURL string, auth client.Authenticator, decode client.ErrorDecoder, secrets ...string) *client.Client {
	c, err := client.New(client.Config{
		Service: service, BaseURL: baseURL, UserAgent: b.userAgent, RequestTimeout: b.timeout,
		Retry: b.retry, Auth: auth, DecodeError: decode, Secrets: secrets, Silent: pluginserve.LogsOff(typeName),
	})
	if err != nil {
		b.diags.AddError("Invalid "+service+" configuration", err.Error())
		return nil
	}
	return c
}

func buildClients(ctx context.Context, version string, cfg *providerModel, diags *diag.Diagnostics) *client.Clients {
	b := &builder{ctx: ctx, userAgent: "terraform-provider-conduit/" + version, diags: diags}

	retries := int64(5)
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		retries = cfg.MaxRetries.ValueInt64()
	} else if v := os.Getenv("CONDUIT_MAX_RETRIES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > 20 {
			diags.AddError("Invalid CONDUIT_MAX_RETRIES", fmt.Sprintf("CONDUIT_MAX_RETRIES: %q must be a whole number from 0 to 20.", v))
		}
		retries = n
	}
	b.retry = client.DefaultRetryPolicy(int(retries))

	b.timeout = 60 * time.Second
	if t := resolve(cfg.RequestTimeout, "request_timeout", "CONDUIT_REQUEST_TIMEOUT"); t.set() {
		if reason := validate.CheckDuration(t.value); reason != "" {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout", fmt.Sprintf("%s: %q %s.", t.source, t.value, reason))
		} else {
			b.timeout, _ = time.ParseDuration(t.value)
		}
	}

	clients := &client.Clients{}
	b.auth0(cfg.Auth0, clients)
	b.versori(cfg.Versori, clients)
	b.vectorize(cfg.Vectorize, clients)
	b.tiledb(cfg.TileDB, clients)
	return clients
}

// missing reports a block that is present but lacks what it needs.
func (b *builder) missing(block, what string) {
	b.diags.AddAttributeError(path.Root(block), "Incomplete "+block+" configuration",
		fmt.Sprintf("The %s block is set but %s.", block, what))
}

func (b *builder) auth0(m *auth0Model, out *client.Clients) {
	blockSet := m != nil
	if m == nil {
		m = &auth0Model{}
	}
	domain := resolve(m.Domain, "auth0.domain", "AUTH0_DOMAIN")
	token := resolve(m.APIToken, "auth0.api_token", "AUTH0_API_TOKEN")
	id := resolve(m.ClientID, "auth0.client_id", "AUTH0_CLIENT_ID")
	secret := resolve(m.ClientSecret, "auth0.client_secret", "AUTH0_CLIENT_SECRET")
	audience := resolve(m.Audience, "auth0.audience", "AUTH0_AUDIENCE")
	endpoint := resolve(m.Endpoint, "auth0.endpoint", "AUTH0_ENDPOINT")

	hasCreds := token.set() || (id.set() && secret.set())
	if !blockSet && !hasCreds {
		return
	}
	if domain.set() {
		if reason := validate.CheckHost(domain.value); reason != "" {
			b.diags.AddAttributeError(path.Root("auth0").AtName("domain"), "Invalid Auth0 domain", fmt.Sprintf("%s: %q %s.", domain.source, domain.value, reason))
			return
		}
	}
	if !b.checkURL(endpoint) || !b.checkURL(audience) {
		return
	}
	switch {
	case id.set() != secret.set() && !token.set():
		b.missing("auth0", "client_id and client_secret (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET) must be set together")
		return
	case !hasCreds:
		b.missing("auth0", "has no credentials: set api_token (AUTH0_API_TOKEN) or client_id and client_secret (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET)")
		return
	case !domain.set() && !endpoint.set():
		b.missing("auth0", "has no domain: set domain (AUTH0_DOMAIN)")
		return
	case !token.set() && !domain.set() && !audience.set():
		b.missing("auth0", "the client-credentials grant needs domain (AUTH0_DOMAIN) or audience (AUTH0_AUDIENCE)")
		return
	}
	if token.set() && (id.set() || secret.set()) {
		b.diags.AddAttributeWarning(path.Root("auth0").AtName("api_token"), "Auth0 client credentials ignored",
			fmt.Sprintf("Both an API token (%s) and client credentials are set; the API token is used.", token.source))
	}
	root := endpoint.value
	if root == "" {
		root = "https://" + domain.value
	}
	root = strings.TrimRight(root, "/")
	if token.set() {
		out.Auth0 = b.client("auth0", root+"/api/v2", client.BearerToken(token.value), auth0.DecodeError, token.value)
		return
	}
	aud := audience.value
	if aud == "" {
		aud = "https://" + domain.value + "/api/v2/"
	}
	tokenClient := b.client("auth0", root, nil, decodeOAuthError, secret.value)
	if tokenClient == nil {
		return
	}
	cc := &client.OAuthTokenSource{TokenClient: tokenClient, ClientID: id.value, ClientSecret: secret.value, Audience: aud}
	out.Auth0 = b.client("auth0", root+"/api/v2", cc, auth0.DecodeError, secret.value)
	out.Auth0Token = cc
}

// decodeOAuthError reads the token endpoint's `{error, error_description}`.
func decodeOAuthError(status int, body []byte) (string, string, []client.FieldError) {
	msg, code, _ := auth0.DecodeError(status, body)
	if msg != "" {
		return msg, code, nil
	}
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if client.DecodeJSONError(body, &e) {
		return e.Description, e.Error, nil
	}
	return "", "", nil
}

func (b *builder) versori(m *versoriModel, out *client.Clients) {
	blockSet := m != nil
	if m == nil {
		m = &versoriModel{}
	}
	endpoint := resolve(m.Endpoint, "versori.endpoint", "VERSORI_ENDPOINT")
	key := resolve(m.APIKey, "versori.api_key", "VERSORI_API_KEY")
	org := resolve(m.OrganisationID, "versori.organisation_id", "VERSORI_ORGANISATION_ID")
	if !blockSet && !key.set() {
		return
	}
	if !key.set() {
		b.missing("versori", "has no api_key (VERSORI_API_KEY)")
		return
	}
	if !b.checkURL(endpoint) {
		return
	}
	root := endpoint.value
	if root == "" {
		root = versoriDefaultEndpoint
	}
	out.Versori = b.client("versori", root, client.BearerToken(key.value), versori.DecodeError, key.value)
	out.VersoriOrganisationID = org.value
}

func (b *builder) vectorize(m *vectorizeModel, out *client.Clients) {
	blockSet := m != nil
	if m == nil {
		m = &vectorizeModel{}
	}
	endpoint := resolve(m.Endpoint, "vectorize.endpoint", "VECTORIZE_ENDPOINT")
	key := resolve(m.APIKey, "vectorize.api_key", "VECTORIZE_API_KEY", "VECTORIZE_TOKEN")
	org := resolve(m.OrganizationID, "vectorize.organization_id", "VECTORIZE_ORGANIZATION_ID", "VECTORIZE_ORG")
	if !blockSet && !key.set() {
		return
	}
	if !key.set() {
		b.missing("vectorize", "has no api_key (VECTORIZE_API_KEY or VECTORIZE_TOKEN)")
		return
	}
	if !b.checkURL(endpoint) {
		return
	}
	root := endpoint.value
	if root == "" {
		root = vectorizeDefaultEndpoint
	}
	out.Vectorize = b.client("vectorize", root, client.BearerToken(key.value), vectorize.DecodeError, key.value)
	out.VectorizeOrganizationID = org.value
}

func (b *builder) tiledb(m *tiledbModel, out *client.Clients) {
	blockSet := m != nil
	if m == nil {
		m = &tiledbModel{}
	}
	endpoint := resolve(m.Endpoint, "tiledb.endpoint", "TILEDB_REST_HOST")
	key := resolve(m.APIKey, "tiledb.api_key", "TILEDB_REST_TOKEN")
	user := resolve(m.Username, "tiledb.username", "TILEDB_REST_USERNAME")
	pass := resolve(m.Password, "tiledb.password", "TILEDB_REST_PASSWORD")
	ns := resolve(m.Namespace, "tiledb.namespace", "TILEDB_NAMESPACE")
	basic := user.set() && pass.set()
	if !blockSet && !key.set() && !basic {
		return
	}
	if !key.set() && !basic {
		b.missing("tiledb", "has no credentials: set api_key (TILEDB_REST_TOKEN) or username and password (TILEDB_REST_USERNAME, TILEDB_REST_PASSWORD)")
		return
	}
	if !b.checkURL(endpoint) {
		return
	}
	root := endpoint.value
	if root == "" {
		root = tiledbDefaultEndpoint
	}
	var auth client.Authenticator
	secret := key.value
	if key.set() {
		auth = client.AuthenticatorFunc(func(_ context.Context, r *http.Request) error {
			r.Header.Set("X-TILEDB-REST-API-KEY", key.value)
			return nil
		})
	} else {
		secret = pass.value
		basicAuth := base64.StdEncoding.EncodeToString([]byte(user.value + ":" + pass.value))
		auth = client.AuthenticatorFunc(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Basic "+basicAuth)
			return nil
		})
	}
	out.TileDB = b.client("tiledb", tiledb.Host(root), auth, tiledb.DecodeError, secret)
	out.TileDBNamespace = ns.value
}
