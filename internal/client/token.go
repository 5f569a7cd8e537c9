package client

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// OAuthTokenSource fetches OAuth2 tokens with the client-credentials grant and
// shares one token between all concurrent requests: the mutex is held during a
// fetch, so callers arriving meanwhile wait for that fetch instead of starting
// their own. The token is refreshed a margin before it expires.
type OAuthTokenSource struct {
	TokenClient  *Client // posts to /oauth/token; its Auth must be nil
	ClientID     string
	ClientSecret string
	Audience     string
	// RefreshMargin is how long before expiry a token is replaced.
	RefreshMargin time.Duration

	mu      sync.Mutex
	token   string
	expires time.Time
	fetches int
}

type tokenAnswer struct {
	AccessToken string  `json:"access_token"`
	TokenType   string  `json:"token_type"`
	ExpiresIn   float64 `json:"expires_in"`
}

// Authenticate sets the bearer token, fetching one when needed.
func (cc *OAuthTokenSource) Authenticate(ctx context.Context, req *http.Request) error {
	tok, err := cc.Token(ctx)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	return nil
}

// Token returns a valid access token.
func (cc *OAuthTokenSource) Token(ctx context.Context) (string, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	margin := cc.RefreshMargin
	if margin <= 0 {
		margin = time.Minute
	}
	if cc.token != "" && time.Now().Add(margin).Before(cc.expires) {
		return cc.token, nil
	}
	resp, err := cc.TokenClient.Do(ctx, Request{
		Method: http.MethodPost,
		Path:   "/oauth/token",
		// A token request changes nothing: with its answer lost, ask again.
		Idempotent: true,
		Exchange:   true,
		Body: map[string]string{
			"grant_type":    "client_credentials",
			"client_id":     cc.ClientID,
			"client_secret": cc.ClientSecret,
			"audience":      cc.Audience,
		},
	})
	if err != nil {
		return "", fmt.Errorf("fetching access token: %w", err)
	}
	var ans tokenAnswer
	if err := resp.Decode(&ans); err != nil || ans.AccessToken == "" {
		return "", fmt.Errorf("fetching access token: the answer holds no access_token")
	}
	cc.fetches++
	cc.token = ans.AccessToken
	life := time.Duration(ans.ExpiresIn * float64(time.Second))
	if life <= 0 {
		life = time.Hour
	}
	// A token shorter-lived than twice the margin would be refreshed on every call.
	if life < 2*margin {
		margin = life / 2
		cc.RefreshMargin = margin
	}
	cc.expires = time.Now().Add(life)
	return cc.token, nil
}
