// Package annex reads and writes the task annex (phụ lục) of a CCHC plan as
// an Excel workbook (docs/DOMAIN.md §3): the table TT | Nội dung nhiệm vụ | Cơ
// quan chủ trì | Cơ quan phối hợp | Sản phẩm (Kết quả) | Thời gian hoàn
// thành, with a row per content area and a row per task.
//
// # Import
//
// An import is two steps, so that the user sees what would be created
// before anything is:
//
//	m, err := annex.NewMatcher(ctx, db, unit)        // the importing unit's subtree
//	d, err := annex.Read(file, size, m, year)        // parse, resolve, validate; writes nothing
//	// show d (the preview), or d.Errors / the *FileError
//	id, err := annex.Apply(ctx, db, d, unit.ID, year, title, number) // one transaction
//
// Read reports every faulty row at once as Errors (a []RowError with row,
// column, text and a Vietnamese reason), and a file it cannot read at all
// (not an .xlsx, over the limits, no header) as a *FileError; both messages
// are meant for the user as they are. Apply writes the whole plan or
// nothing.
//
// Unit names are resolved by a Matcher (see its documentation for the
// rules). Coordinating cells may also hold phrases:
//
//   - group phrases, "UBND các xã, phường", "UBND các phường, xã", "các xã,
//     phường, thị trấn", "UBND cấp xã": every commune of the subtree (the
//     coordinators a plan means by them); "UBND các phường": the communes
//     named "Phường …"; "các huyện, thị xã, thành phố", "UBND cấp huyện":
//     the district-level units. A group is recognised before the cell is
//     split at its commas.
//   - phrases naming no particular unit, "Các cơ quan, đơn vị liên quan",
//     "các đơn vị liên quan", "Các sở, ban, ngành", "các phòng, ban": the
//     schema links a task only to units, and guessing units for them would
//     be wrong, so they are kept as text: DraftTask.Notes, stored by Apply
//     as the last line of the task's description, "Phối hợp: Các cơ quan,
//     đơn vị liên quan" (several joined by "; "). Write puts them back in
//     the coordinating cell, so they survive a round trip; a screen showing
//     a task's coordinators should show that line beside them.
//
// In the lead cell ("Cơ quan chủ trì") only one unit is accepted: a group,
// a phrase or two units are errors.
//
// # Export
//
// Write produces the annex of a plan in the same layout; Read(Write(plan))
// gives back the same areas and tasks (numbers, titles, outputs, lead and
// coordinating units in order, deadline texts, notes and descriptions).
//
// # Limits
//
// Read refuses, before unpacking anything, files over MaxFileSize, with
// more than MaxUnzipped bytes once unpacked or any part over MaxPartSize
// (zip bombs), then streams the sheet and stops at MaxRows non-empty rows;
// a cell over MaxCellLength characters is a row error.
package annex
