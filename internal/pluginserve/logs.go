package pluginserve

// The plugin SDK's loggers default to TRACE: unless TF_LOG_SDK or
// TF_LOG_PROVIDER_<NAME> says otherwise, every framework and provider log
// line is encoded as JSON and written to the plugin's stderr, where Terraform
// decodes it and, without TF_LOG or TF_LOG_PROVIDER, drops it. At a thousand
// resources that is most of the provider's CPU time (see make bench).

import (
	"os"
	"strings"
)

// QuietUnlessShown turns the provider's own logs and the SDK's off when
// Terraform would not show them: when TF_LOG_PROVIDER, or without it TF_LOG,
// is unset or "off" (Terraform's rule for plugin logs). Levels set
// explicitly (TF_LOG_SDK, TF_LOG_PROVIDER_<NAME>) are left alone. name is
// the provider's type name, e.g. "conduit".
func QuietUnlessShown(name string) {
	level := os.Getenv("TF_LOG_PROVIDER")
	if level == "" {
		level = os.Getenv("TF_LOG")
	}
	if level != "" && !strings.EqualFold(level, "off") {
		return
	}
	// The subsystems need their own setting: unset, their cheap level check
	// passes and each line is built before the logger drops it.
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", providerLogVar(name)} {
		if os.Getenv(k) == "" {
			_ = os.Setenv(k, "off")
		}
	}
}

// LogsOff says the provider's own logs are off (TF_LOG_PROVIDER_<NAME>=off),
// as QuietUnlessShown sets them when Terraform would drop them, so code that
// builds costly log lines can skip them.
func LogsOff(name string) bool {
	return strings.EqualFold(os.Getenv(providerLogVar(name)), "off")
}

func providerLogVar(name string) string {
	return "TF_LOG_PROVIDER_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}
