// Package errs holds the kinds of failure every package of cchc reports:
// invalid input (with the field and a message key), not found, a stale
// version, a conflict with the current state, forbidden, unauthenticated and
// throttled. It is a leaf: it imports nothing of cchc, so that every domain
// package can use it, and the web layer maps each kind to an HTTP status in
// one function (web/response.Status).
//
// A failure carries a message key of internal/i18n and its arguments, never
// a sentence: the web layer writes it in the reader's language.
package errs

import (
	"errors"
	"fmt"

	"cchc/internal/i18n"
)

// Kind is a class of failure. Each kind is also an error value, so that
// errors.Is(err, errs.NotFound) holds for every not-found error.
type Kind struct{ name string }

func (k *Kind) Error() string { return k.name }

// The kinds. Anything that is not one of them is an internal failure.
var (
	// Invalid is input a user can correct (HTTP 422).
	Invalid = &Kind{"invalid input"}
	// NotFound is a missing resource, or one the caller may not know of (404).
	NotFound = &Kind{"not found"}
	// Stale is an optimistic-locking failure: the record changed since the
	// caller read it (409).
	Stale = &Kind{"stale version"}
	// Conflict is an action the current state does not allow: a duplicate, or
	// nothing to decide (409).
	Conflict = &Kind{"conflict"}
	// Forbidden is a visible resource the caller may not act on (403).
	Forbidden = &Kind{"forbidden"}
	// Unauthenticated is a missing or bad credential (401).
	Unauthenticated = &Kind{"unauthenticated"}
	// Throttled is too many attempts (429).
	Throttled = &Kind{"throttled"}
)

// Error is a failure with what a user is told about it.
type Error struct {
	Kind *Kind
	// Code is the machine code of the JSON API ("invalid_input", "exists"…).
	Code string
	// Field names the input at fault, for Invalid.
	Field string
	// Key is the message ID (internal/i18n) and Args its arguments; an
	// argument may itself be an i18n.Msg, translated in turn.
	Key  string
	Args []any
	// Detail is for logs and developers: what exactly failed, in English.
	Detail string
}

// Error is the detail when there is one (for the logs), else the message
// in Vietnamese, as the command-line tools print it.
func (e *Error) Error() string {
	if e.Detail != "" {
		return e.Kind.name + ": " + e.Detail
	}
	if e.Key == "" {
		return e.Kind.name
	}
	return i18n.T(i18n.VI, e.Key, e.Args...)
}

// Message is what a user reading language l is told of err: the message of
// its *Error, starting with a capital letter, or a generic message for its
// kind (an internal failure says only that it was logged).
func Message(l i18n.Lang, err error) string {
	if e, ok := As(err); ok && e.Key != "" {
		return i18n.Capitalize(i18n.T(l, e.Key, e.Args...))
	}
	switch KindOf(err) {
	case nil:
		return i18n.T(l, "error.internal")
	case NotFound:
		return i18n.T(l, "error.not_found")
	case Forbidden:
		return i18n.T(l, "error.forbidden")
	case Unauthenticated:
		return i18n.T(l, "error.unauthenticated")
	case Stale:
		return i18n.T(l, "error.stale")
	}
	return i18n.T(l, "error.invalid_input")
}

// Unwrap makes errors.Is(err, e.Kind) hold.
func (e *Error) Unwrap() error { return e.Kind }

// Is makes a sentinel *Error match the errors derived from it with With.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && t.Code == e.Code && t.Key == e.Key && t.Field == e.Field && t.Detail == ""
}

// With returns a copy of a sentinel with a detail for the logs and
// arguments for its message; errors.Is(copy, sentinel) still holds.
func (e *Error) With(detail string, args ...any) *Error {
	c := *e
	if len(args) > 0 {
		c.Args = args
	}
	c.Detail = detail
	return &c
}

// Bad is invalid input in a field, with the message key and its arguments.
func Bad(field, key string, args ...any) *Error {
	return &Error{Kind: Invalid, Code: "invalid_input", Field: field, Key: key, Args: args}
}

// Missing is a resource that does not exist (or that the caller may not
// know of); what describes it for the logs.
func Missing(format string, args ...any) *Error {
	return &Error{Kind: NotFound, Code: "not_found", Key: "error.not_found", Detail: fmt.Sprintf(format, args...)}
}

// New makes a sentinel of a kind with its API code and message key.
func New(kind *Kind, code, key string) *Error {
	return &Error{Kind: kind, Code: code, Key: key}
}

// Deny is a forbidden action; why is for the logs.
func Deny(why string) *Error {
	return &Error{Kind: Forbidden, Code: "forbidden", Key: "error.forbidden", Detail: why}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// KindOf is the kind of err, or nil for an internal failure. A bare kind
// (errs.NotFound wrapped with fmt.Errorf) counts too.
func KindOf(err error) *Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	for _, k := range []*Kind{Invalid, NotFound, Stale, Conflict, Forbidden, Unauthenticated, Throttled} {
		if errors.Is(err, k) {
			return k
		}
	}
	return nil
}
