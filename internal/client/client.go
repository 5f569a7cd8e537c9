// Package client is the HTTP core shared by every vendor API: pooled transport,
// timeouts, retries that never re-send a mutation blindly, rate-limit pacing,
// logging with secrets masked, and one error type.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Authenticator adds credentials to an outgoing request.
type Authenticator interface {
	Authenticate(ctx context.Context, req *http.Request) error
}

// AuthenticatorFunc adapts a function to Authenticator.
type AuthenticatorFunc func(ctx context.Context, req *http.Request) error

// Authenticate calls f.
func (f AuthenticatorFunc) Authenticate(ctx context.Context, req *http.Request) error {
	return f(ctx, req)
}

// BearerToken authenticates with a static `Authorization: Bearer` token.
func BearerToken(token string) Authenticator {
	return AuthenticatorFunc(func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+token)
		return nil
	})
}

// Options are what every vendor client shares and the provider decides.
type Options struct {
	// UserAgent is sent on every request.
	UserAgent string
	// RequestTimeout bounds each HTTP attempt.
	RequestTimeout time.Duration
	Retry          RetryPolicy
	// Silent skips the request logs: for when the provider's logs are off.
	// tflog masks and copies every field before it checks the level, so a
	// dropped line still costs its redacted headers and body.
	Silent bool
	// HTTPClient overrides the pooled client (tests).
	HTTPClient *http.Client
	// Guard latches the first refusal of the service's credential and names
	// its settings in the diagnostic; every client of the service shares it
	// (see credential.go). Nil gives each client its own, naming the service.
	Guard *Guard
	// OnChange is told of every create, update or delete a typed API sent
	// (see Client.Changed); nil ignores them.
	OnChange func(service, scope string)
}

// Config describes one vendor API: the shared Options and what the vendor's
// package decides (see Service.Connect).
type Config struct {
	Options
	// Service names the tflog subsystem and prefixes messages, e.g. "auth0".
	Service string
	// BaseURL is the API root; request paths are appended to its path.
	BaseURL     string
	Auth        Authenticator
	DecodeError ErrorDecoder
	// Secrets are extra strings (tokens, keys) masked wherever they appear in logs.
	Secrets []string
	// SecretHeaders are the vendor's credential headers, masked in logs like
	// Authorization.
	SecretHeaders []string
}

// Client sends requests to one vendor API.
type Client struct {
	cfg   Config
	base  *url.URL
	http  *http.Client
	pacer *pacer
	guard *Guard
	gate  gate
}

// New checks cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("%s: endpoint %q is not an absolute URL", cfg.Service, cfg.BaseURL)
	}
	if base.Scheme != "http" && base.Scheme != "https" {
		return nil, fmt.Errorf("%s: endpoint %q must use http or https", cfg.Service, cfg.BaseURL)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 60 * time.Second
	}
	if cfg.Retry == (RetryPolicy{}) {
		cfg.Retry = DefaultRetryPolicy(5)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = cleanhttp.DefaultPooledClient()
		// cleanhttp keeps GOMAXPROCS+1 idle connections per host: with
		// Terraform's 10 concurrent operations, the others were closed
		// after each answer and dialled again for the next request.
		if t, ok := hc.Transport.(*http.Transport); ok {
			t.MaxIdleConnsPerHost = maxIdleConnsPerHost
		}
		// A redirect must never turn a PATCH into a GET: surface it instead.
		hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if len(via) > 0 && via[0].Method != http.MethodGet {
				return http.ErrUseLastResponse
			}
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			return nil
		}
	}
	p := newPacer()
	p.maxHold = cfg.Retry.MaxWait
	guard := cfg.Guard
	if guard == nil {
		guard = NewGuard(Credential{Service: cfg.Service})
	}
	return &Client{cfg: cfg, base: base, http: hc, pacer: p, guard: guard}, nil
}

// maxIdleConnsPerHost is well above Terraform's default parallelism (10), so
// concurrent operations keep their connections between requests.
const maxIdleConnsPerHost = 32

// Service returns the vendor name this client talks to.
func (c *Client) Service() string { return c.cfg.Service }

// Request is one API call. Path is relative to the base URL and already escaped.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	// Body is JSON-encoded when not nil; json.RawMessage is sent as is.
	Body any
	// Header adds request headers.
	Header http.Header
	// Secrets are values in this request (from the configuration) masked in
	// logs wherever they appear, whatever key they sit under.
	Secrets []string
	// Idempotent marks a mutation that is safe to send again when its answer
	// is lost (an OAuth token request): it is retried like a GET.
	Idempotent bool
	// Exchange marks a request that trades the credential for a token: its
	// 403 refuses the credential as a 401 does (see credential.go).
	Exchange bool
}

// Response is the successful answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// Method and Path (the whole URL path) are the request's, for errors.
	Method string
	Path   string
}

// Undecodable is the error for a 2xx answer the caller cannot read; err
// (which may be nil) or detail say why.
func (r *Response) Undecodable(err error, detail ...string) *APIError {
	msg := "undecodable answer"
	if err != nil {
		msg += ": " + err.Error()
	}
	for _, d := range detail {
		msg += ": " + d
	}
	return &APIError{Method: r.Method, Path: r.Path, Status: r.Status, Message: msg}
}

// Decode unmarshals the body into out.
func (r *Response) Decode(out any) error {
	if len(bytes.TrimSpace(r.Body)) == 0 {
		return errors.New("empty response body")
	}
	return json.Unmarshal(r.Body, out)
}

// Do sends the request with retries and returns the 2xx answer or an error:
// *APIError for vendor errors, *CredentialError for a 401 or 403 (and, once
// the credential was refused, without sending anything), *OutcomeUnknownError
// when a mutation may have been applied without us seeing the answer.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	if !c.cfg.Silent {
		// The root fields (tf_req_id, tf_rpc, tf_resource_type, …) tie each
		// request to the Terraform operation that made it; the offset makes
		// @caller the line that logs, not the debug and trace helpers.
		ctx = tflog.NewSubsystem(ctx, c.cfg.Service, tflog.WithRootFields(), tflog.WithAdditionalLocationOffset(1))
		ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, c.cfg.Service, append([]string{"Authorization"}, c.cfg.SecretHeaders...)...)
		if secrets := c.secretsOf(r); len(secrets) > 0 {
			ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, c.cfg.Service, secrets...)
			ctx = tflog.SubsystemMaskMessageStrings(ctx, c.cfg.Service, secrets...)
		}
	}

	var body []byte
	if r.Body != nil {
		var err error
		if raw, ok := r.Body.(json.RawMessage); ok {
			body = raw
		} else if body, err = json.Marshal(r.Body); err != nil {
			return nil, fmt.Errorf("%s %s: encoding request: %w", r.Method, r.Path, err)
		}
	}
	u := c.url(r)
	idempotent := r.Idempotent || r.Method == http.MethodGet || r.Method == http.MethodHead

	for attempt := 0; ; attempt++ {
		probe, err := c.gate.enter(ctx, c.guard)
		if refused := (*CredentialError)(nil); errors.As(err, &refused) {
			c.debug(ctx, "request not sent: the credential was refused", map[string]any{"method": r.Method, "path": u.Path})
			return nil, refused
		} else if err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.Method, u.Path, err)
		}
		if err := c.pacer.wait(ctx, attempt > 0); err != nil {
			c.gate.leave(probe, false)
			return nil, err
		}
		resp, sent, err := c.once(ctx, r, u, body, attempt)
		if err != nil {
			c.pacer.done(nil, 0, time.Now())
			// The token request behind Authenticate was refused: the same
			// refusal for this client's requests.
			if refused := (*CredentialError)(nil); errors.As(err, &refused) && refused.Latched {
				refused = c.guard.latch(refused)
				c.gate.leave(probe, false)
				return nil, refused
			}
			c.gate.leave(probe, false)
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s %s: %w", r.Method, r.Path, ctx.Err())
			}
			if sent && !idempotent {
				return nil, &OutcomeUnknownError{Method: r.Method, Path: u.Path, Cause: err}
			}
			// A refused credential (a token endpoint's 401) stays refused:
			// asking again only delays the error.
			if refused := (*APIError)(nil); !sent && errors.As(err, &refused) {
				if retry, _ := retryableStatus(refused.Status); !retry {
					return nil, fmt.Errorf("%s %s: %w", r.Method, u.Path, err)
				}
			}
			if attempt >= c.cfg.Retry.MaxRetries {
				return nil, fmt.Errorf("%s %s: giving up after %d attempts: %w", r.Method, u.Path, attempt+1, err)
			}
			if err := c.sleep(ctx, r, u, attempt+1, nil, err.Error()); err != nil {
				return nil, err
			}
			continue
		}
		c.pacer.done(resp.Header, resp.Status, time.Now())
		if resp.Status >= 200 && resp.Status < 300 {
			c.gate.leave(probe, true)
			resp.Method, resp.Path = r.Method, u.Path
			return resp, nil
		}
		retry, safe := retryableStatus(resp.Status)
		apiErr := c.apiError(r.Method, u.Path, resp, c.secretsOf(r))
		// A refusal latches (in judge) before the gate lets the waiting
		// requests go; a denied request still proves the credential.
		if cred := c.judge(r, apiErr); cred != nil {
			c.gate.leave(probe, !cred.Latched)
			return nil, cred
		}
		c.gate.leave(probe, accepted(resp.Status))
		if retry && !safe && !idempotent {
			return nil, &OutcomeUnknownError{Method: r.Method, Path: u.Path, Cause: apiErr}
		}
		if !retry {
			return nil, apiErr
		}
		if attempt >= c.cfg.Retry.MaxRetries {
			apiErr.Attempts = attempt + 1
			return nil, apiErr
		}
		if err := c.sleep(ctx, r, u, attempt+1, resp.Header, fmt.Sprintf("status %d", resp.Status)); err != nil {
			return nil, err
		}
	}
}

func (c *Client) url(r Request) *url.URL {
	u := *c.base
	rawPath := strings.TrimRight(c.base.EscapedPath(), "/") + "/" + strings.TrimLeft(r.Path, "/")
	if p, err := url.PathUnescape(rawPath); err == nil {
		u.Path = p
		u.RawPath = rawPath
	}
	if len(r.Query) > 0 {
		u.RawQuery = r.Query.Encode()
	}
	return &u
}

// once performs one attempt. sent reports whether the request was fully
// written, after which a mutation's outcome is unknown if no answer comes.
func (c *Client) once(parent context.Context, r Request, u *url.URL, body []byte, attempt int) (*Response, bool, error) {
	ctx, cancel := context.WithTimeout(parent, c.cfg.RequestTimeout)
	defer cancel()

	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	})
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), reader)
	if err != nil {
		return nil, false, err
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.cfg.Auth != nil {
		if err := c.cfg.Auth.Authenticate(ctx, req); err != nil {
			return nil, false, fmt.Errorf("%s: authenticating: %w", c.cfg.Service, err)
		}
	}

	c.debug(ctx, "sending request", map[string]any{
		"method": r.Method, "path": u.Path, "query": u.RawQuery, "attempt": attempt + 1,
	})
	c.trace(ctx, "request detail", func() map[string]any {
		return map[string]any{"headers": RedactHeaders(req.Header, c.cfg.SecretHeaders...), "body": RedactBody(body)}
	})

	start := time.Now()
	resp, err := c.http.Do(req)
	sent := wrote.Load()
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) && context.Cause(parent) == nil {
		// Our own per-attempt timeout, not the caller's deadline.
		err = fmt.Errorf("%w (request_timeout %s)", errNoAnswer, c.cfg.RequestTimeout)
	}
	if err != nil {
		c.debug(ctx, "request failed", map[string]any{
			"method": r.Method, "path": u.Path, "error": err.Error(), "sent": sent,
		})
		return nil, sent, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, true, fmt.Errorf("reading response: %w", err)
	}
	c.debug(ctx, "received response", map[string]any{
		"method": r.Method, "path": u.Path, "status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds(),
	})
	c.trace(ctx, "response detail", func() map[string]any {
		return map[string]any{"headers": RedactHeaders(resp.Header, c.cfg.SecretHeaders...), "body": RedactBody(data)}
	})
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, true, nil
}

func (c *Client) sleep(ctx context.Context, r Request, u *url.URL, retry int, h http.Header, reason string) error {
	d := c.cfg.Retry.waitFor(retry, h, time.Now())
	c.debug(ctx, "retrying request", map[string]any{
		"method": r.Method, "path": u.Path, "retry": retry, "wait_ms": d.Milliseconds(), "reason": reason,
	})
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return fmt.Errorf("%s %s: %w while waiting to retry (%s)", r.Method, u.Path, ctx.Err(), reason)
	case <-t.C:
		return nil
	}
}

// apiError decodes an error answer. A vendor that echoes a secret of the
// request (a key in a "not valid" message) would put it in a diagnostic:
// the secrets are masked as in the logs.
func (c *Client) apiError(method, path string, resp *Response, secrets []string) *APIError {
	e := &APIError{Method: method, Path: path, Status: resp.Status, Body: maskSecrets(string(resp.Body), secrets)}
	if c.cfg.DecodeError != nil {
		e.Message, e.Code, e.Fields = c.cfg.DecodeError(resp.Status, resp.Body)
	}
	if e.Message == "" {
		e.Message = strings.TrimSpace(string(resp.Body))
		if len(e.Message) > 500 {
			e.Message = e.Message[:500] + "…"
		}
	}
	e.Message, e.Code = maskSecrets(e.Message, secrets), maskSecrets(e.Code, secrets)
	for i := range e.Fields {
		e.Fields[i].Field, e.Fields[i].Message = maskSecrets(e.Fields[i].Field, secrets), maskSecrets(e.Fields[i].Message, secrets)
	}
	return e
}

// maskSecrets replaces each secret in s. Secrets shorter than
// minMaskedSecret are left: masking every "ab" would garble the message
// more than it protects.
func maskSecrets(s string, secrets []string) string {
	for _, secret := range secrets {
		if len(secret) >= minMaskedSecret {
			s = strings.ReplaceAll(s, secret, masked)
		}
	}
	return s
}

const minMaskedSecret = 4

// secretsOf are the client's and the request's secrets.
func (c *Client) secretsOf(r Request) []string {
	return nonEmpty(append(append([]string{}, c.cfg.Secrets...), r.Secrets...))
}

func nonEmpty(in []string) []string {
	var out []string
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (c *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if !c.cfg.Silent {
		tflog.SubsystemDebug(ctx, c.cfg.Service, msg, fields)
	}
}

// trace builds its fields only when they may be logged.
func (c *Client) trace(ctx context.Context, msg string, fields func() map[string]any) {
	if !c.cfg.Silent {
		tflog.SubsystemTrace(ctx, c.cfg.Service, msg, fields())
	}
}
