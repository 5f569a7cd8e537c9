package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// A refused credential stays refused for the whole provider process: every
// later request would be refused alike, and sending them only multiplies the
// same error (and, for a revoked key, the vendor's audit log of it). So the
// first refusal latches in the service's Guard, and from then on the
// service's requests fail with that very error without being sent.
//
// What latches: a 401 from any request, and a 401 or 403 from a request that
// exchanges the credential for a token (Request.Exchange: Auth0's
// /oauth/token answers 403 for an audience the client may not use, which no
// retry or other object changes). A 403 from the API itself does not latch:
// it can be about one object (a Vectorize organization the key may not use,
// FIDELITY.md) or one permission (an Auth0 token without the scope for one
// endpoint), and latching it would fail resources the credential may well
// manage. It still gets the diagnostic naming the credential's settings.
//
// Concurrency: Terraform starts up to ten operations at once, and with a
// wrong key all ten would be refused. Until one answer has shown that the
// server accepts the credential, a Client sends one request at a time (the
// probe) and the others wait for its answer: refused, they fail without
// being sent; accepted, they all go. Answers that say nothing about the
// credential (429, 408, 5xx, no answer) leave it unproven and let the next
// request probe. Each Client probes for itself: the Auth0 token client
// proves the client secret, not that the Management API takes the token.

// Credential names the settings that supplied a service's credential, for
// the diagnostic of a refusal; Resolved.Credential builds it.
type Credential struct {
	// Service is the vendor's name in messages.
	Service string
	// From names where each value of the credential in use came from: an
	// attribute ("auth0.api_token") or an environment variable.
	From []string
	// Ways lists, for each of those values, every place it is read from, in
	// order: "auth0.api_token or AUTH0_API_TOKEN".
	Ways []string
	// Others are the service's other credentials, each described.
	Others []string
}

// Guard latches the first refusal of one service's credential. Every client
// built from the same Options shares it (the Auth0 token client and the
// Management API client).
type Guard struct {
	cred    Credential
	refused atomic.Pointer[CredentialError]
}

// NewGuard is the guard of a credential.
func NewGuard(c Credential) *Guard { return &Guard{cred: c} }

// Refused is the latched refusal, nil while there is none.
func (g *Guard) Refused() *CredentialError { return g.refused.Load() }

// latch records e unless a refusal is latched already, and returns the one
// that is: concurrent refusals all report the first.
func (g *Guard) latch(e *CredentialError) *CredentialError {
	g.refused.CompareAndSwap(nil, e)
	return g.refused.Load()
}

// CredentialError is a 401 or 403: the vendor's answer and the settings
// that supplied the credential it refused.
type CredentialError struct {
	*APIError
	Credential Credential
	// Endpoint is the API root the request went to, without user info.
	Endpoint string
	// Latched reports a refusal of the credential itself, which fails the
	// service's later requests (see Guard); false for a denied request.
	Latched bool
}

func (e *CredentialError) Error() string {
	c := e.Credential
	from := "the configured credential"
	if len(c.From) > 0 {
		from = "the credential from " + strings.Join(c.From, " and ")
	}
	var where string
	switch len(c.Ways) {
	case 0:
	case 1:
		where = " in " + c.Ways[0] + " (the first one set is used)"
	default:
		where = " in " + strings.Join(c.Ways, ", and ") + " (of each, the first one set is used)"
	}
	others := ""
	if len(c.Others) > 0 {
		others = ", or authenticate with " + strings.Join(c.Others, ", or with ") + " instead"
	}
	if e.Latched {
		return fmt.Sprintf("%s\n\n%s (%s) refused %s. Correct it%s%s. The other %s requests of this run fail with this error without being sent.",
			e.APIError.Error(), c.Service, e.Endpoint, from, where, others, c.Service)
	}
	return fmt.Sprintf("%s\n\n%s (%s) denied this request to %s: it lacks a permission, or access to this object. "+
		"Grant it, or set a credential that has it%s%s.",
		e.APIError.Error(), c.Service, e.Endpoint, from, where, others)
}

// Unwrap gives the API error, for callers that test the status.
func (e *CredentialError) Unwrap() error { return e.APIError }

// IsCredentialRefused reports whether err is a latched refusal of the
// service's credential.
func IsCredentialRefused(err error) bool {
	var c *CredentialError
	return errors.As(err, &c) && c.Latched
}

// judge turns a 401 or 403 answer into a CredentialError, latching a
// refusal of the credential; nil for other answers.
func (c *Client) judge(r Request, apiErr *APIError) *CredentialError {
	switch {
	case apiErr.Status == http.StatusUnauthorized,
		apiErr.Status == http.StatusForbidden && r.Exchange:
		return c.guard.latch(&CredentialError{APIError: apiErr, Credential: c.guard.cred, Endpoint: c.endpoint(), Latched: true})
	case apiErr.Status == http.StatusForbidden:
		return &CredentialError{APIError: apiErr, Credential: c.guard.cred, Endpoint: c.endpoint()}
	}
	return nil
}

// endpoint is the API root for messages: never its user info.
func (c *Client) endpoint() string {
	u := *c.base
	u.User = nil
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// accepted reports whether an answer other than a 401 or 403 shows that the
// server took the credential: not the answers a server or gateway may give
// before it looks at credentials.
func accepted(status int) bool {
	return status != http.StatusUnauthorized && status != http.StatusRequestTimeout &&
		status != http.StatusTooManyRequests && status < 500
}

// gate lets one request at a time through until an answer proves the
// credential (see the comment at the top of this file).
type gate struct {
	open    atomic.Bool
	mu      sync.Mutex
	probing chan struct{} // closed when the probe in flight is answered
}

// enter waits for the right to send: it returns probe when this request is
// the one that tests the credential, and the latched refusal when there is one.
func (g *gate) enter(ctx context.Context, guard *Guard) (probe bool, err error) {
	for {
		if refused := guard.Refused(); refused != nil {
			return false, refused
		}
		if g.open.Load() {
			return false, nil
		}
		g.mu.Lock()
		if g.probing == nil && !g.open.Load() {
			g.probing = make(chan struct{})
			g.mu.Unlock()
			return true, nil
		}
		wait := g.probing
		g.mu.Unlock()
		if wait == nil {
			continue
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}

// leave ends a request's passage; an accepted answer opens the gate for good.
// The caller latches a refusal before leaving, so the waiters see it.
func (g *gate) leave(probe, ok bool) {
	if ok && !g.open.Load() {
		g.open.Store(true)
	}
	if !probe {
		return
	}
	g.mu.Lock()
	close(g.probing)
	g.probing = nil
	g.mu.Unlock()
}
