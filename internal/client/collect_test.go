package client

import (
	"errors"
	"iter"
	"slices"
	"testing"
)

func yields(items []int, end error) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for _, i := range items {
			if !yield(i, nil) {
				return
			}
		}
		if end != nil {
			yield(0, end)
		}
	}
}

func TestCollect(t *testing.T) {
	got, err := Collect(yields([]int{1, 2, 3}, nil))
	if err != nil || !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("Collect = %v, %v; want [1 2 3]", got, err)
	}
	if got, err := Collect(yields(nil, nil)); err != nil || got == nil || len(got) != 0 {
		t.Errorf("nothing yielded: Collect = %#v, %v; want an empty, non-nil slice", got, err)
	}
	refused := errors.New("page 2: 503")
	if got, err := Collect(yields([]int{1}, refused)); !errors.Is(err, refused) || got != nil {
		t.Errorf("an error at the end: Collect = %v, %v; want nil and the error", got, err)
	}
}
