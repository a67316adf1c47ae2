package reports_test

import (
	"context"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/plans"
	"cchc/reports"
)

// The bar: the demo 2024 plan's 9-month report in under a second
// per download (Build, then one writer).

func BenchmarkBuild(b *testing.B) {
	db, planID := demoPlan(b)
	ctx := context.Background()
	for b.Loop() {
		_, err := reports.Build(ctx, db, planID, plans.NineMonths, plans.SchemeDecree)
		require.NoError(b, err)
	}
}

func demoReport(b *testing.B) *reports.Report {
	db, planID := demoPlan(b)
	r, err := reports.Build(context.Background(), db, planID, plans.NineMonths, plans.SchemeDecree)
	require.NoError(b, err)
	return r
}

func BenchmarkWriteDOCX(b *testing.B) {
	r := demoReport(b)
	for b.Loop() {
		require.NoError(b, reports.WriteDOCX(io.Discard, r))
	}
}

func BenchmarkWriteXLSX(b *testing.B) {
	r := demoReport(b)
	for b.Loop() {
		require.NoError(b, reports.WriteXLSX(io.Discard, r))
	}
}
