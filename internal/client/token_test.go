package client

// Fetches counts the tokens fetched so far.
func (cc *OAuthTokenSource) Fetches() int {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	return cc.fetches
}
