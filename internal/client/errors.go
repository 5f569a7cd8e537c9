package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// APIError is a non-2xx answer from a vendor API, decoded into the parts
// every diagnostic shows: what was called, what came back, and the vendor's words.
type APIError struct {
	Method  string
	Path    string
	Status  int
	Message string
	Code    string
	// Fields carries per-field validation messages for vendors that return them.
	Fields []FieldError
	// Body is the raw answer, kept for vendors whose errors are not JSON.
	Body string
	// Attempts is how many times the request was sent when the client gave
	// up on a retryable answer (429, 5xx); 0 or 1 for an answer not retried.
	Attempts int
}

// FieldError is one field-level validation message.
type FieldError struct {
	Field   string
	Message string
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Code != "" {
		msg += " (" + e.Code + ")"
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (gave up after %d attempts)", e.Attempts)
	}
	for _, f := range e.Fields {
		msg += fmt.Sprintf("\n  - %s: %s", f.Field, f.Message)
	}
	return msg
}

// IsNotFound reports whether err is an API answer of 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err is an API answer of 409.
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

func hasStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Status == status
}

// OutcomeUnknownError means a mutating request may have reached the server but
// no answer came back (lost connection, gateway error, timeout). The client does
// not re-send it: the caller must look the object up to learn what happened.
type OutcomeUnknownError struct {
	Method string
	Path   string
	Cause  error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s: outcome unknown, the request may have been applied: %v", e.Method, e.Path, e.Cause)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Cause }

// MayStillApply reports whether the cause of an unknown outcome was the
// server being slow (our request timeout, a gateway timeout): the request may
// still be in progress, so a lookup right away can miss what it will create.
func (e *OutcomeUnknownError) MayStillApply() bool {
	var apiErr *APIError
	if errors.As(e.Cause, &apiErr) {
		return apiErr.Status == http.StatusGatewayTimeout
	}
	var timeout interface{ Timeout() bool }
	return errors.Is(e.Cause, context.DeadlineExceeded) || errors.Is(e.Cause, errNoAnswer) ||
		(errors.As(e.Cause, &timeout) && timeout.Timeout())
}

// MayStillApply reports whether err is an unknown outcome caused by a slow
// server, whose change may land after the client gave up.
func MayStillApply(err error) bool {
	var u *OutcomeUnknownError
	return errors.As(err, &u) && u.MayStillApply()
}

// errNoAnswer marks a request that got no answer within the request timeout.
var errNoAnswer = errors.New("no answer within the request timeout")

// IsOutcomeUnknown reports whether err leaves the server state in doubt.
func IsOutcomeUnknown(err error) bool {
	var u *OutcomeUnknownError
	return errors.As(err, &u)
}

// ErrorDecoder turns a vendor's error body into message, code and field errors.
type ErrorDecoder func(status int, body []byte) (message, code string, fields []FieldError)
