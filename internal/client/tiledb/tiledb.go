package tiledb

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Cloud providers as the API names them in `provider` and the list filter.
const (
	ProviderAWS   = "AWS"
	ProviderAzure = "AZURE"
	ProviderGCP   = "GCP"
)

// List `type` filter values, the spec's AccessCredentialType: access keys
// (credential.*), AWS role ARNs (role.aws) and tokens (token.azure and
// token.gcp). TypeAzureToken is the enum's "alias for token": it selects
// every token, not only Azure's.
const (
	TypeKey        = "key"
	TypeARN        = "arn"
	TypeToken      = "token"
	TypeAzureToken = "azure_token"
)

// AWSKey is `credential.aws`; SecretAccessKey is write-only on the API.
type AWSKey struct {
	AccessKeyID     string  `json:"access_key_id"`
	SecretAccessKey string  `json:"secret_access_key,omitempty"`
	Endpoint        *string `json:"endpoint,omitempty"`
	// KMSID is the spec's AWSCredential.kms_id, the KMS key ARN to use.
	KMSID *string `json:"kms_id,omitempty"`
}

// AzureKey is `credential.azure`; AccountKey is write-only on the API.
type AzureKey struct {
	AccountName string `json:"account_name"`
	AccountKey  string `json:"account_key,omitempty"`
}

// GCPHMACKey is `credential.gcp`, an HMAC key pair for GCS's S3-compatible API.
type GCPHMACKey struct {
	AccessKeyID     string `json:"access_key_id"`
	SecretAccessKey string `json:"secret_access_key,omitempty"`
}

// Credential holds exactly one access-key kind.
type Credential struct {
	AWS   *AWSKey     `json:"aws,omitempty"`
	Azure *AzureKey   `json:"azure,omitempty"`
	GCP   *GCPHMACKey `json:"gcp,omitempty"`
}

// AWSRole is `role.aws`; ExternalID is write-only on the API.
type AWSRole struct {
	RoleARN    string  `json:"role_arn"`
	ExternalID string  `json:"external_id,omitempty"`
	Endpoint   *string `json:"endpoint,omitempty"`
	KMSID      *string `json:"kms_id,omitempty"`
}

// Role holds a role to assume.
type Role struct {
	AWS *AWSRole `json:"aws,omitempty"`
}

// AzureSAS is `token.azure`; SASToken is never returned.
type AzureSAS struct {
	AccountName string `json:"account_name"`
	SASToken    string `json:"sas_token,omitempty"`
}

// GCPServiceAccountKey is `token.gcp`: the key file goes in KeyText (write-only);
// AccountID and KeyID are read from it by the server.
type GCPServiceAccountKey struct {
	KeyText   string `json:"key_text,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	KeyID     string `json:"key_id,omitempty"`
}

// Token holds a token-style credential.
type Token struct {
	Azure *AzureSAS             `json:"azure,omitempty"`
	GCP   *GCPServiceAccountKey `json:"gcp,omitempty"`
}

// AccessCredential is the API's credential object. In requests, nil pointers
// are left out: on PATCH an absent field is left unchanged.
type AccessCredential struct {
	UUID            string      `json:"uuid,omitempty"`
	Name            string      `json:"name,omitempty"`
	Provider        string      `json:"provider,omitempty"`
	ProviderDefault *bool       `json:"provider_default,omitempty"`
	AllowedInTasks  *bool       `json:"allowed_in_tasks,omitempty"`
	CreatedAt       string      `json:"created_at,omitempty"`
	UpdatedAt       string      `json:"updated_at,omitempty"`
	Credential      *Credential `json:"credential,omitempty"`
	Role            *Role       `json:"role,omitempty"`
	Token           *Token      `json:"token,omitempty"`
}

// PaginationMetadata is the list answer's paging block; Page is 1-based.
type PaginationMetadata struct {
	Page       int `json:"page"`
	PerPage    int `json:"per_page"`
	TotalPages int `json:"total_pages"`
	TotalItems int `json:"total_items"`
}

type listPage struct {
	Credentials        []AccessCredential  `json:"credentials"`
	PaginationMetadata *PaginationMetadata `json:"pagination_metadata"`
}

// API wraps the core client with the credential calls; Connect
// builds it.
type API struct{ c *client.Client }

// host is the base URL for an endpoint as users write it: the bare host, as
// the endpoint setting (and TileDB's own clients) mean it, or a URL copied
// with the API's /v2 base path
// (the spec's basePath; the SDKs' base path is host + "/v2") or a trailing
// slash. Every path this client sends starts with /v2, so that is cut off
// rather than doubled.
func host(endpoint string) string {
	h := strings.TrimRight(endpoint, "/")
	if strings.HasSuffix(h, "/v2") {
		h = strings.TrimRight(strings.TrimSuffix(h, "/v2"), "/")
	}
	return h
}

func credentialsPath(namespace string) string {
	return "/v2/credentials/" + url.PathEscape(namespace)
}

func credentialPath(namespace, name string) string {
	return credentialsPath(namespace) + "/" + url.PathEscape(name)
}

// Create adds a credential (POST, 204 without a body: read it back with Get).
func (a *API) Create(ctx context.Context, namespace string, cred AccessCredential) error {
	defer a.c.Changed(namespace)
	_, err := a.c.Do(ctx, client.Request{Method: http.MethodPost, Path: credentialsPath(namespace), Body: cred})
	return err
}

// Get reads one credential; secrets are never in the answer.
func (a *API) Get(ctx context.Context, namespace, name string) (*AccessCredential, error) {
	path := credentialPath(namespace, name)
	resp, err := a.c.Do(ctx, client.Request{Method: http.MethodGet, Path: path})
	if err != nil {
		return nil, err
	}
	var out AccessCredential
	if err := resp.Decode(&out); err != nil {
		return nil, resp.Undecodable(err)
	}
	if out.Name == "" {
		return nil, resp.Undecodable(nil, "no credential name in the answer")
	}
	return &out, nil
}

// Update patches a credential (204). Fields left nil are unchanged; a kind
// sub-object replaces the stored one, so it must carry its secret.
func (a *API) Update(ctx context.Context, namespace, name string, patch AccessCredential) error {
	defer a.c.Changed(namespace)
	_, err := a.c.Do(ctx, client.Request{Method: http.MethodPatch, Path: credentialPath(namespace, name), Body: patch})
	return err
}

// Delete removes a credential; one already gone is success.
func (a *API) Delete(ctx context.Context, namespace, name string) error {
	defer a.c.Changed(namespace)
	_, err := a.c.Do(ctx, client.Request{Method: http.MethodDelete, Path: credentialPath(namespace, name)})
	if client.IsNotFound(err) {
		return nil
	}
	return err
}
