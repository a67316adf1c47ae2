package annex

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"cchc/audit"
	"cchc/internal/civil"
	"cchc/internal/dbtest"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// counts is what an import may write.
type counts struct{ Plans, Areas, Tasks, Coordinators int }

func countRows(t testing.TB, db bun.IDB) counts {
	t.Helper()
	var c counts
	for table, n := range map[string]*int{"plans": &c.Plans, "areas": &c.Areas, "tasks": &c.Tasks, "task_coordinators": &c.Coordinators} {
		v, err := db.NewSelect().Table(table).Count(context.Background())
		require.NoError(t, err)
		*n = int(v)
	}
	return c
}

func dbMatcher(t testing.TB, db bun.IDB, root units.Unit) *Matcher {
	t.Helper()
	m, err := NewMatcher(context.Background(), db, &root)
	require.NoError(t, err)
	return m
}

func TestAliases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	us := dbUnits(t, db)

	a, err := AddAlias(ctx, db, us["PTP"].ID, "  Phòng Tư pháp -  Hộ tịch ")
	require.NoError(t, err)
	require.Equal(t, "Phòng Tư pháp - Hộ tịch", a.Alias)
	require.Equal(t, Key("phòng tư pháp hộ tịch"), a.AliasKey)
	_, err = AddAlias(ctx, db, us["PNV"].ID, "PHÒNG TƯ PHÁP, HỘ TỊCH")
	require.ErrorIs(t, err, ErrAliasExists)
	_, err = AddAlias(ctx, db, us["PNV"].ID, " - ")
	require.ErrorIs(t, err, ErrAliasEmpty)
	_, err = AddAlias(ctx, db, us["STP-DG"].ID, "Sở TP")
	require.NoError(t, err)

	as, err := Aliases(ctx, db)
	require.NoError(t, err)
	require.Len(t, as, 2)

	// The city's matcher sees its alias, not the province's.
	m := dbMatcher(t, db, us["TP"])
	u, err := m.Resolve("phòng tư pháp – hộ tịch")
	require.NoError(t, err)
	require.Equal(t, us["PTP"].ID, u.ID)
	_, err = m.Resolve("Sở TP")
	require.Error(t, err)

	require.NoError(t, RemoveAlias(ctx, db, a.ID))
	require.ErrorIs(t, RemoveAlias(ctx, db, a.ID), ErrAliasNotFound)
	_, err = dbMatcher(t, db, us["TP"]).Resolve("Phòng Tư pháp - Hộ tịch")
	require.Error(t, err)

	// Adding and removing aliases is in the audit trail.
	trail, err := audit.List(ctx, db, audit.Filter{Entity: "unit_alias"})
	require.NoError(t, err)
	require.Len(t, trail, 3, "two additions (one refused as taken) and one removal")
	require.Equal(t, "delete", trail[0].Action)
	require.Contains(t, string(trail[0].Before), "Hộ tịch")
}

func TestImportRealistic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	us := dbUnits(t, db)
	_, err := AddAlias(ctx, db, us["PTP"].ID, "Phòng Tư pháp - Hộ tịch")
	require.NoError(t, err)

	b, want := realistic(t)
	d, err := b.read(dbMatcher(t, db, us["TP"]), 2025)
	require.NoError(t, err)
	id, err := Apply(ctx, db, d, us["TP"].ID, 2025, "", "")
	require.NoError(t, err)

	p, err := plans.Get(ctx, db, id)
	require.NoError(t, err)
	require.Equal(t, "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025", p.Title)
	require.Equal(t, "123/KH-UBND", p.Number)
	require.Equal(t, civil.New(2024, 12, 25), p.IssuedOn)
	require.Equal(t, plans.StateDraft, p.State)
	as, err := plans.Areas(ctx, db, id)
	require.NoError(t, err)
	require.Len(t, as, 3)
	require.Equal(t, "II", as[1].Label)
	require.Equal(t, "Cải cách thể chế", as[1].Name)

	ts, err := tasks.ForPlan(ctx, db, id)
	require.NoError(t, err)
	require.Len(t, ts, 19)
	k := 0
	for i, area := range want {
		for _, w := range area {
			got := ts[k]
			k++
			require.Equal(t, as[i].ID, got.AreaID)
			require.Equal(t, w.wantNumber, got.Number)
			require.Equal(t, w.wantLead, got.LeadUnit.Code, w.wantNumber)
			require.Equal(t, w.wantCoord, nilIfEmpty(codesOf(got.Coordinators)), w.wantNumber)
			require.Equal(t, w.wantText, got.DeadlineText, w.wantNumber)
			require.Equal(t, w.wantKind, got.DeadlineKind, w.wantNumber)
		}
	}
	require.Equal(t, "Phối hợp: Các cơ quan, đơn vị liên quan", ts[3].Description)
}

func TestImportWithErrorsWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	us := dbUnits(t, db)
	m := dbMatcher(t, db, us["TP"])
	good := []any{1, "Nhiệm vụ tốt", "Phòng Tư pháp", "Phòng Nội vụ", "Báo cáo", "Quý II"}
	before := countRows(t, db)
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"unknown unit":  {faulty(t, good, []any{2, "Nhiệm vụ", "Phòng Tư phap", "", "", "Quý II"}).bytes(), "Dòng 6, cột Cơ quan chủ trì: “Phòng Tư phap” — không tìm thấy đơn vị (có phải “Phòng Tư pháp”?)"},
		"bad deadline":  {faulty(t, good, []any{2, "Nhiệm vụ", "Phòng Nội vụ", "", "", "Quý V"}).bytes(), "Dòng 6, cột Thời gian hoàn thành: thời hạn “Quý V” có quý không tồn tại (chỉ có quý I đến IV)"},
		"missing lead":  {faulty(t, good, []any{2, "Nhiệm vụ", nil, "Phòng Y tế", "", "Quý II"}).bytes(), "Dòng 6, cột Cơ quan chủ trì: thiếu cơ quan chủ trì"},
		"empty title":   {faulty(t, good, []any{2, nil, "Phòng Nội vụ", "", "", "Quý II"}).bytes(), "Dòng 6, cột Nội dung nhiệm vụ: nhiệm vụ cần có nội dung"},
		"docx":          {docx(t), "Tệp không phải bảng tính Excel (.xlsx) — đây là văn bản Word (.docx)"},
		"zip bomb":      {zipBomb(t), "Tệp quá lớn khi giải nén (phần xl/sharedStrings.xml: 64 MB, tối đa 10 MB) — có thể tệp bị hỏng hoặc là tệp nén độc hại; hãy kiểm tra lại tệp, hoặc chia bảng thành nhiều tệp nhỏ hơn"},
		"outside scope": {faulty(t, good, []any{2, "Nhiệm vụ", "Sở Tư pháp", "", "", "Quý II"}).bytes(), "Dòng 6, cột Cơ quan chủ trì: “Sở Tư pháp” — không tìm thấy đơn vị"},
	} {
		d, err := Read(bytes.NewReader(c.data), int64(len(c.data)), m, 2025)
		require.EqualError(t, err, c.want, name)
		// Even if the caller ignores the error, Apply refuses.
		_, err = Apply(ctx, db, d, us["TP"].ID, 2025, "Kế hoạch", "1/KH")
		require.Error(t, err, name)
		require.Equal(t, before, countRows(t, db), name)
	}
}

func docx(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := newZip(&buf)
	zw.add(t, "[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	zw.add(t, "word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestApplyAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	us := dbUnits(t, db)
	m := dbMatcher(t, db, us["TP"])
	d, err := sixty(t).read(m, 2025)
	require.NoError(t, err)
	before := countRows(t, db)

	// The last task fails inside the transaction (its lead vanished):
	// nothing of the 59 before it stays.
	bad := *d
	bad.Areas = append([]DraftArea{}, d.Areas...)
	last := &bad.Areas[len(bad.Areas)-1]
	last.Tasks = append([]DraftTask{}, last.Tasks...)
	last.Tasks[len(last.Tasks)-1].Lead.ID = 1 << 40
	_, err = Apply(ctx, db, &bad, us["TP"].ID, 2025, "", "")
	require.Error(t, err)
	require.Equal(t, before, countRows(t, db))

	// A draft read for another year is refused.
	_, err = Apply(ctx, db, d, us["TP"].ID, 2026, "", "")
	require.Error(t, err)

	// The good draft imports in one call; a second import of the same year
	// is refused and changes nothing.
	id, err := Apply(ctx, db, d, us["TP"].ID, 2025, "Kế hoạch CCHC năm 2025", "12/KH-UBND")
	require.NoError(t, err)
	after := countRows(t, db)
	require.Equal(t, before.Plans+1, after.Plans)
	require.Equal(t, before.Areas+8, after.Areas)
	require.Equal(t, before.Tasks+60, after.Tasks)
	p, err := plans.Get(ctx, db, id)
	require.NoError(t, err)
	require.Equal(t, "Kế hoạch CCHC năm 2025", p.Title)
	require.Equal(t, "12/KH-UBND", p.Number)

	_, err = Apply(ctx, db, d, us["TP"].ID, 2025, "", "")
	require.ErrorIs(t, err, plans.ErrExists)
	var fe *FileError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, "Đơn vị đã có kế hoạch năm 2025; hãy sửa kế hoạch đó, hoặc xóa nó trước khi nhập lại", err.Error())
	require.Equal(t, after, countRows(t, db))
}
