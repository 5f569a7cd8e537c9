package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/pluginserve"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
	"github.com/conduit-tf/terraform-provider-conduit/internal/validate"
)

// The provider-level settings' environment variables.
const (
	envMaxRetries     = "CONDUIT_MAX_RETRIES"
	envRequestTimeout = "CONDUIT_REQUEST_TIMEOUT"
	envBatchReads     = "CONDUIT_BATCH_READS"
)

// Configure resolves every service's settings and builds its typed API with
// the vendor package's Connect; resources and data sources receive them all
// in *base.Clients.
func (p *conduitProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	opts := options(ctx, req.Config, userAgent(req.TerraformVersion, p.version), &resp.Diagnostics)
	clients := base.NewClients().BatchReads(batchReads(ctx, req.Config, &resp.Diagnostics))
	// Every mutation drops its scope's cached list (README, "Refresh at scale").
	opts.OnChange = clients.Changed
	for _, svc := range services {
		configure(ctx, req.Config, svc, opts, clients, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = clients
	resp.DataSourceData = clients
	resp.ListResourceData = clients
}

// lookup takes the attribute when set, else the first non-empty environment
// variable.
func lookup(attr types.String, attrPath string, envs ...string) client.Value {
	if !attr.IsNull() && !attr.IsUnknown() && attr.ValueString() != "" {
		return client.Value{Value: attr.ValueString(), Source: attrPath}
	}
	for _, e := range envs {
		if v := os.Getenv(e); v != "" {
			return client.Value{Value: v, Source: e}
		}
	}
	return client.Value{}
}

// options are what every vendor client shares.
func options(ctx context.Context, cfg tfsdk.Config, ua string, diags *diag.Diagnostics) client.Options {
	o := client.Options{UserAgent: ua, RequestTimeout: 60 * time.Second, Silent: pluginserve.LogsOff(typeName)}

	var maxRetries types.Int64
	diags.Append(cfg.GetAttribute(ctx, path.Root("max_retries"), &maxRetries)...)
	retries := int64(5)
	if !maxRetries.IsNull() && !maxRetries.IsUnknown() {
		retries = maxRetries.ValueInt64()
	} else if v := os.Getenv(envMaxRetries); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > 20 {
			diags.AddError("Invalid "+envMaxRetries, fmt.Sprintf("%s: %q must be a whole number from 0 to 20.", envMaxRetries, v))
		}
		retries = n
	}
	o.Retry = client.DefaultRetryPolicy(int(retries))

	var timeout types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("request_timeout"), &timeout)...)
	if t := lookup(timeout, "request_timeout", envRequestTimeout); t.Value != "" {
		if reason := validate.CheckDuration(t.Value); reason != "" {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout", fmt.Sprintf("%s: %q %s.", t.Source, t.Value, reason))
		} else {
			o.RequestTimeout, _ = time.ParseDuration(t.Value)
		}
	}
	return o
}

// batchReads is the batch_reads attribute, else CONDUIT_BATCH_READS, else
// true.
func batchReads(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) bool {
	var attr types.Bool
	diags.Append(cfg.GetAttribute(ctx, path.Root("batch_reads"), &attr)...)
	if !attr.IsNull() && !attr.IsUnknown() {
		return attr.ValueBool()
	}
	v := os.Getenv(envBatchReads)
	if v == "" {
		return true
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		diags.AddError("Invalid "+envBatchReads, fmt.Sprintf("%s: %q must be true or false.", envBatchReads, v))
		return true
	}
	return on
}

// configure resolves one service and connects it. A service whose block is
// absent and whose credentials are not all set stays unconfigured, as when
// nothing of it is set.
func configure(ctx context.Context, cfg tfsdk.Config, svc *client.Service, o client.Options, clients *base.Clients, diags *diag.Diagnostics) {
	var block types.Object
	diags.Append(cfg.GetAttribute(ctx, path.Root(svc.Block), &block)...)
	attrs := block.Attributes()
	s := svc.Resolve(func(st client.Setting) client.Value {
		v, _ := attrs[st.Attr].(types.String)
		return lookup(v, svc.Block+"."+st.Attr, st.Env...)
	})
	if block.IsNull() && !s.HasCredentials() {
		return
	}
	if !checkKinds(svc, s, diags) {
		return
	}
	// One guard per service: a refused credential stops all its clients.
	o.Guard = s.Guard()
	api, err := svc.Connect(s, o)
	for _, w := range s.Warnings() {
		diags.AddAttributeWarning(path.Root(w.Block).AtName(w.Attr), w.Summary, w.Detail)
	}
	var cfgErr *client.ConfigError
	switch {
	case errors.As(err, &cfgErr) && cfgErr.Attr == "":
		diags.AddAttributeError(path.Root(cfgErr.Block), cfgErr.Summary, cfgErr.Detail)
	case errors.As(err, &cfgErr):
		diags.AddAttributeError(path.Root(cfgErr.Block).AtName(cfgErr.Attr), cfgErr.Summary, cfgErr.Detail)
	case err != nil:
		diags.AddError("Invalid "+svc.Block+" configuration", err.Error())
	default:
		clients.Add(svc, api, s.Scope())
	}
}

// checkKinds validates the values the schema's validators have not seen
// (those from the environment) before Connect uses them; it stops at the
// first invalid one.
func checkKinds(svc *client.Service, s *client.Resolved, diags *diag.Diagnostics) bool {
	for _, st := range svc.Settings {
		v := s.Value(st.Attr)
		if v.Value == "" {
			continue
		}
		switch st.Kind {
		case client.Host:
			if reason := validate.CheckHost(v.Value); reason != "" {
				diags.AddAttributeError(path.Root(svc.Block).AtName(st.Attr), "Invalid "+svc.Name+" "+st.Attr,
					fmt.Sprintf("%s: %q %s.", v.Source, v.Value, reason))
				return false
			}
		case client.Endpoint, client.URL:
			if reason := validate.CheckURL(v.Value); reason != "" {
				diags.AddAttributeError(sourcePath(v.Source), "Invalid endpoint URL", fmt.Sprintf("%s: %q %s.", v.Source, v.Value, reason))
				return false
			}
		}
	}
	return true
}

// sourcePath is the attribute a value came from, or none for an
// environment variable.
func sourcePath(source string) path.Path {
	block, attr, ok := strings.Cut(source, ".")
	if !ok {
		return path.Empty()
	}
	return path.Root(block).AtName(attr)
}

// Env is the environment that sets these provider settings (block, then
// attribute, to value), each through its main variable: how the sandbox's
// settings become the exports that point the provider at it.
func Env(settings map[string]map[string]string) map[string]string {
	env := map[string]string{}
	for _, svc := range services {
		for attr, v := range settings[svc.Block] {
			if st, ok := svc.Setting(attr); ok {
				env[st.Env[0]] = v
			}
		}
	}
	return env
}
