package client

import (
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

// IsOutcomeUnknown reports whether err leaves the server state in doubt.
func IsOutcomeUnknown(err error) bool {
	var u *OutcomeUnknownError
	return errors.As(err, &u)
}

// ErrorDecoder turns a vendor's error body into message, code and field errors.
type ErrorDecoder func(status int, body []byte) (message, code string, fields []FieldError)
