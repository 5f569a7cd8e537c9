package bench

import (
	"context"
	"fmt"
	"sync"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// apiLoop is the API floor: the same objects created, read, updated and
// deleted with the provider's own client packages, with as many workers as
// Terraform's parallelism and nothing else in the way. The requests it sends
// per phase are the least the APIs allow.
type apiLoop struct {
	auth0     *auth0.API
	versori   *versori.API
	vectorize *vectorize.API
	tiledb    *tiledb.API
	settings  map[string]map[string]string // the sandbox's, by block and attribute
	workers   int

	mu  sync.Mutex
	ids map[[2]int]string // (kind, index) -> the id the API gave
}

func newAPILoop(settings map[string]map[string]string, workers int) (*apiLoop, error) {
	o := client.Options{UserAgent: "conduit-bench"}
	l := &apiLoop{settings: settings, workers: workers, ids: map[[2]int]string{}}
	var err error
	if l.auth0, err = auth0.Connect(auth0.Service.Given(settings["auth0"]), o); err != nil {
		return nil, err
	}
	if l.versori, err = versori.Connect(versori.Service.Given(settings["versori"]), o); err != nil {
		return nil, err
	}
	if l.vectorize, err = vectorize.Connect(vectorize.Service.Given(settings["vectorize"]), o); err != nil {
		return nil, err
	}
	if l.tiledb, err = tiledb.Connect(tiledb.Service.Given(settings["tiledb"]), o); err != nil {
		return nil, err
	}
	return l, nil
}

type job struct{ kind, i int }

// run does one phase for n objects with the loop's workers.
func (l *apiLoop) run(ctx context.Context, n int, p Phase) error {
	jobs := make(chan job)
	errs := make(chan error, l.workers)
	var wg sync.WaitGroup
	for range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := l.do(ctx, j, p); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	// The kinds take turns, as in Terraform's walk, so the vendors (each
	// rate-limited on its own) are busy together.
	counts := Spread(n)
	for i := range counts[0] {
		for k, c := range counts {
			if i < c {
				jobs <- job{k, i}
			}
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return <-errs
}

func (l *apiLoop) id(j job) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ids[[2]int{j.kind, j.i}]
}

func (l *apiLoop) setID(j job, id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ids[[2]int{j.kind, j.i}] = id
}

func (l *apiLoop) do(ctx context.Context, j job, p Phase) error {
	version := 1
	if p == PhaseUpdate {
		version = 2
	}
	name := fmt.Sprintf("bench-%d", j.i)
	switch j.kind {
	case 0:
		org := OrgID(j.i)
		level := "readonly"
		s := auth0.Settings{OrganizationConnectionName: &name, OrganizationAccessLevel: &level}
		switch p {
		case PhaseApply:
			_, err := l.auth0.Add(ctx, org, sbauth0.ConDatabase, s)
			return err
		case PhasePlan:
			_, err := l.auth0.Get(ctx, org, sbauth0.ConDatabase)
			return err
		case PhaseUpdate:
			v2, limited := name+"-v2", "limited"
			_, err := l.auth0.Update(ctx, org, sbauth0.ConDatabase, auth0.Settings{OrganizationConnectionName: &v2, OrganizationAccessLevel: &limited})
			return err
		case PhaseDestroy:
			return l.auth0.Delete(ctx, org, sbauth0.ConDatabase)
		}
	case 1:
		org := l.settings["versori"]["organisation_id"]
		base := fmt.Sprintf("https://api.example.com/%d", j.i)
		id := l.id(j)
		switch p {
		case PhaseApply:
			c, err := l.versori.Create(ctx, org, versori.ProtocolHTTP, versori.CreateInput{Name: name, BaseURL: base})
			if err != nil {
				return err
			}
			l.setID(j, c.ID)
		case PhasePlan:
			_, err := l.versori.Get(ctx, org, id)
			return err
		case PhaseUpdate:
			_, err := l.versori.Replace(ctx, org, id, versori.ReplaceInput{Name: name + "-v2", Protocol: versori.ProtocolHTTP, BaseURL: base})
			return err
		case PhaseDestroy:
			return l.versori.Delete(ctx, org, id, false)
		}
	case 2:
		org := l.settings["vectorize"]["organization_id"]
		id := l.id(j)
		config := map[string]any{"seed-urls": []string{fmt.Sprintf("https://docs.example.com/%d", j.i)}, "max-depth": 2 + version}
		switch p {
		case PhaseApply:
			ref, err := l.vectorize.Create(ctx, org, "", vectorize.CreateRequest{Name: name, Type: "WEB_CRAWLER", Config: config})
			if err != nil {
				return err
			}
			l.setID(j, ref.ID)
			// The create answer has only the id and name.
			_, err = l.vectorize.Get(ctx, org, ref.ID)
			return err
		case PhasePlan:
			_, err := l.vectorize.Get(ctx, org, id)
			return err
		case PhaseUpdate:
			_, err := l.vectorize.Update(ctx, org, id, config)
			return err
		case PhaseDestroy:
			return l.vectorize.Delete(ctx, org, id)
		}
	case 3:
		ns := l.settings["tiledb"]["namespace"]
		allowed := version > 1
		cred := tiledb.AccessCredential{AllowedInTasks: &allowed, Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{
			AccessKeyID: fmt.Sprintf("AKIABENCH%011d", j.i), SecretAccessKey: fmt.Sprintf("bench-secret-%d", j.i),
		}}}
		switch p {
		case PhaseApply:
			cred.Name = name
			if err := l.tiledb.Create(ctx, ns, cred); err != nil {
				return err
			}
			// The API answers 204: the credential's server fields need a GET.
			_, err := l.tiledb.Get(ctx, ns, name)
			return err
		case PhasePlan:
			_, err := l.tiledb.Get(ctx, ns, name)
			return err
		case PhaseUpdate:
			if err := l.tiledb.Update(ctx, ns, name, cred); err != nil {
				return err
			}
			_, err := l.tiledb.Get(ctx, ns, name)
			return err
		case PhaseDestroy:
			return l.tiledb.Delete(ctx, ns, name)
		}
	}
	return nil
}
