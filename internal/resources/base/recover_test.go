package base

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

var (
	lost     = &client.OutcomeUnknownError{Method: "POST", Path: "/x", Cause: errors.New("EOF")}
	slow     = &client.OutcomeUnknownError{Method: "POST", Path: "/x", Cause: &client.APIError{Method: "POST", Path: "/x", Status: http.StatusGatewayTimeout}}
	conflict = &client.APIError{Method: "POST", Path: "/x", Status: http.StatusConflict}
)

// script plays lookups and creates in order and counts them.
type script struct {
	lookups []func() (string, bool, error)
	creates []func() (string, error)
	looked  int
	created int
}

func (s *script) recover(t *testing.T, cause error) (string, bool, error) {
	t.Helper()
	return LostCreate[string]{
		What: "thing",
		Lookup: func() (string, bool, error) {
			s.looked++
			if s.looked > len(s.lookups) {
				t.Fatalf("lookup %d not expected", s.looked)
			}
			return s.lookups[s.looked-1]()
		},
		Create: func() (string, error) {
			s.created++
			if s.created > len(s.creates) {
				t.Fatalf("create %d not expected", s.created)
			}
			return s.creates[s.created-1]()
		},
	}.Recover(context.Background(), cause)
}

func none() (string, bool, error)  { return "", false, nil }
func found() (string, bool, error) { return "it", true, nil }
func created() (string, error)     { return "new", nil }
func lostAgain() (string, error)   { return "", lost }

func TestLostCreateRecover(t *testing.T) {
	cases := []struct {
		name             string
		cause            error
		s                script
		want             string
		adopted          bool
		check            func(error) bool
		looked, creating int
	}{
		{name: "applied: adopted", cause: lost, s: script{lookups: []func() (string, bool, error){found}},
			want: "it", adopted: true, looked: 1},
		{name: "not applied: sent again", cause: lost, s: script{lookups: []func() (string, bool, error){none}, creates: []func() (string, error){created}},
			want: "new", looked: 1, creating: 1},
		{name: "lost twice, then found", cause: lost, s: script{lookups: []func() (string, bool, error){none, found}, creates: []func() (string, error){lostAgain}},
			want: "it", adopted: true, looked: 2, creating: 1},
		{name: "lost every time: gives up", cause: lost, s: script{lookups: []func() (string, bool, error){none, none, none, none}, creates: []func() (string, error){lostAgain, lostAgain, lostAgain}},
			check: client.IsOutcomeUnknown, looked: recoveryRounds + 1, creating: recoveryRounds},
		{name: "409 after the lost create: the earlier one landed", cause: lost,
			s:    script{lookups: []func() (string, bool, error){none, found}, creates: []func() (string, error){func() (string, error) { return "", conflict }}},
			want: "it", adopted: true, looked: 2, creating: 1},
		{name: "409 about another object: not sent a third time", cause: lost,
			s:     script{lookups: []func() (string, bool, error){none, none}, creates: []func() (string, error){func() (string, error) { return "", conflict }}},
			check: client.IsConflict, looked: 2, creating: 1},
		{name: "lookup fails: unresolved", cause: lost, s: script{lookups: []func() (string, bool, error){func() (string, bool, error) { return "", false, errors.New("GET /x: 500") }}},
			check: func(err error) bool { return IsUnresolvedCreate(err) && client.IsOutcomeUnknown(err) }, looked: 1},
		{name: "refused: not adopted, not sent again", cause: lost,
			s: script{lookups: []func() (string, bool, error){func() (string, bool, error) { return "", false, NotAdopted("two of them") }}},
			check: func(err error) bool {
				return errors.Is(err, ErrNotAdopted) && client.IsOutcomeUnknown(err) && strings.Contains(err.Error(), "two of them") && !IsUnresolvedCreate(err)
			}, looked: 1},
		{name: "slow create: looked up again before sending again", cause: slow, s: script{lookups: []func() (string, bool, error){none, found}},
			want: "it", adopted: true, looked: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, adopted, err := c.s.recover(t, c.cause)
			if c.check != nil {
				if !c.check(err) {
					t.Fatalf("unexpected error %v", err)
				}
			} else if err != nil || got != c.want || adopted != c.adopted {
				t.Fatalf("got %q adopted=%t err=%v", got, adopted, err)
			}
			if c.s.looked != c.looked || c.s.created != c.creating {
				t.Fatalf("%d lookups and %d creates, want %d and %d", c.s.looked, c.s.created, c.looked, c.creating)
			}
		})
	}
}

func TestResendAndDeleteAreBounded(t *testing.T) {
	sends := 0
	_, err := ResendIfLost(context.Background(), "update", func() (int, error) { sends++; return 0, lost })
	if !client.IsOutcomeUnknown(err) || sends != recoveryRounds+1 {
		t.Fatalf("%d sends, err %v", sends, err)
	}
	dels, gets := 0, 0
	err = DeleteConfirmed(context.Background(), "delete",
		func() error { dels++; return lost },
		func() error { gets++; return nil })
	if !client.IsOutcomeUnknown(err) || dels != recoveryRounds+1 || gets != recoveryRounds {
		t.Fatalf("%d deletes, %d reads, err %v", dels, gets, err)
	}
	err = DeleteConfirmed(context.Background(), "delete",
		func() error { return lost },
		func() error { return &client.APIError{Status: http.StatusNotFound} })
	if err != nil {
		t.Fatalf("gone after a lost delete is success, got %v", err)
	}
}
