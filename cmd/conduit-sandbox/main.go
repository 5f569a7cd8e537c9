// Command conduit-sandbox serves the four vendor emulators on one port and
// prints the environment that points the provider at them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

func main() {
	addr := flag.String("addr", envOr("CONDUIT_SANDBOX_ADDR", "127.0.0.1:8080"), "listen address")
	latency := flag.Duration("latency", 0, "added to every answer")
	rateLimit := flag.Int("rate-limit", 0, "requests per second per vendor before 429 (0: unlimited)")
	retryAfter := flag.Bool("retry-after", true, "send Retry-After on 429s")
	errorRate := flag.Float64("error-rate", 0, "probability of a random transient 502/503/504")
	seed := flag.Uint64("seed", 1, "seed for -error-rate")
	envFile := flag.String("env-file", "", "also write the export lines to this file")
	flag.Parse()

	creds := sandbox.DefaultCredentials()
	sb := sandbox.NewWithCredentials(creds)
	sb.Configure(sandbox.Settings{Latency: *latency, RateLimit: *rateLimit, RetryAfterOn429: *retryAfter, ErrorRate: *errorRate, Seed: *seed})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("conduit-sandbox: %v", err)
	}
	base := "http://" + ln.Addr().String()
	// The provider's service tables name the variables that set each setting.
	exports := sandbox.Exports(provider.Env(creds.Blocks(base)))
	fmt.Print(exports)
	if *envFile != "" {
		if err := os.WriteFile(*envFile, []byte(exports), 0o600); err != nil {
			log.Fatalf("conduit-sandbox: %v", err)
		}
	}
	fmt.Fprintf(os.Stderr, "conduit-sandbox: serving on %s (control API at %s/_sandbox/)\n", base, base)

	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("conduit-sandbox: %v", err)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
