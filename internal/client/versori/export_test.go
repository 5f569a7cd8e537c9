package versori

import (
	"context"
	"net/http"
)

// GetEnvironment reads one environment of a connection; the provider reads
// environments with their connection, the fuzz test decodes this answer too.
func (a *API) GetEnvironment(ctx context.Context, org, id, envID string) (*Environment, error) {
	var out Environment
	return &out, a.call(ctx, http.MethodGet, environmentPath(org, id, envID), nil, &out)
}
