package client

// Changed tells the provider that a create, update or delete in scope (an
// organization, organisation or namespace) has returned, whatever its
// outcome: a failed or lost mutation may have been applied. The provider
// drops the scope's cached list then, so that no later read of this process
// is answered from a list taken before the change (PRODUCT.md, "Refresh at
// scale"). Every mutating method of a typed API calls it, deferred, so no
// caller can forget it: the resources, their recovery paths and other
// resources of the same scope all go through those methods.
func (c *Client) Changed(scope string) {
	if c != nil && c.cfg.OnChange != nil {
		c.cfg.OnChange(c.cfg.Service, scope)
	}
}
