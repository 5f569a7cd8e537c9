package pluginserve

import (
	"os"
	"testing"
)

func TestQuietUnlessShown(t *testing.T) {
	cases := []struct {
		name                      string
		tfLog, tfLogProvider, sdk string
		wantSDK, wantProvider     string
	}{
		{"no logging", "", "", "", "off", "off"},
		{"TF_LOG=off", "off", "", "", "off", "off"},
		{"TF_LOG shown", "DEBUG", "", "", "", ""},
		{"provider logs shown", "", "TRACE", "", "", ""},
		{"provider logs off", "TRACE", "OFF", "", "off", "off"},
		{"explicit SDK level kept", "", "", "DEBUG", "DEBUG", "off"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("TF_LOG", c.tfLog)
			t.Setenv("TF_LOG_PROVIDER", c.tfLogProvider)
			t.Setenv("TF_LOG_SDK", c.sdk)
			t.Setenv("TF_LOG_SDK_FRAMEWORK", "")
			t.Setenv("TF_LOG_PROVIDER_MY_CLOUD", "")
			QuietUnlessShown("my-cloud")
			if got := os.Getenv("TF_LOG_SDK"); got != c.wantSDK {
				t.Errorf("TF_LOG_SDK = %q, want %q", got, c.wantSDK)
			}
			if got, want := os.Getenv("TF_LOG_SDK_FRAMEWORK"), c.wantProvider; got != want {
				t.Errorf("TF_LOG_SDK_FRAMEWORK = %q, want %q", got, want)
			}
			if got := os.Getenv("TF_LOG_PROVIDER_MY_CLOUD"); got != c.wantProvider {
				t.Errorf("TF_LOG_PROVIDER_MY_CLOUD = %q, want %q", got, c.wantProvider)
			}
		})
	}
}

func TestLogsOffFollowsQuietUnlessShown(t *testing.T) {
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		t.Setenv(k, "") // restored after the test: QuietUnlessShown sets them
	}
	t.Setenv("TF_LOG", "")
	t.Setenv("TF_LOG_PROVIDER", "")
	t.Setenv("TF_LOG_PROVIDER_MY_CLOUD", "")
	if LogsOff("my-cloud") {
		t.Fatal("logs off before anything turned them off")
	}
	QuietUnlessShown("my-cloud")
	if !LogsOff("my-cloud") {
		t.Fatal("QuietUnlessShown turned the logs off, LogsOff does not say so")
	}
	t.Setenv("TF_LOG_PROVIDER_MY_CLOUD", "TRACE")
	if LogsOff("my-cloud") {
		t.Fatal("TF_LOG_PROVIDER_MY_CLOUD=TRACE reported as off")
	}
}
