// Package migrations embeds the SQL schema. Files are named
// <timestamp>_<name>.tx.up.sql so bun/migrate runs each in a transaction.
package migrations

import "embed"

//go:embed *.sql
var FS embed.FS
