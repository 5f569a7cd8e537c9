package client

import "iter"

// Collect gathers what a vendor API's Each yields into a slice (empty, not
// nil, when there is nothing), or returns the error it ends with.
func Collect[T any](items iter.Seq2[T, error]) ([]T, error) {
	all := []T{}
	for item, err := range items {
		if err != nil {
			return nil, err
		}
		all = append(all, item)
	}
	return all, nil
}
