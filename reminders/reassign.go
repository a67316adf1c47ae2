package reminders

import (
	"context"
	"fmt"
	"strconv"

	"github.com/uptrace/bun"

	"cchc/tasks"
)

// EventLeadReassigned tells a unit it no longer leads a task, or now does.
const EventLeadReassigned = "lead_reassigned"

// NotifyReassignment is the tasks.Notifier of cmd/cchc: after a plan is
// issued, moving a task to another lead unit tells both units, in the
// transaction of the change.
func NotifyReassignment(ctx context.Context, db bun.IDB, n tasks.Reassignment) error {
	ref := "reassign:" + strconv.FormatInt(n.TaskID, 10) + ":" + strconv.FormatInt(n.FromUnitID, 10) + ":" + strconv.FormatInt(n.ToUnitID, 10)
	for _, e := range []Event{
		{Kind: EventLeadReassigned, TaskID: n.TaskID, UnitID: n.FromUnitID, Ref: ref + ":from",
			Text: fmt.Sprintf("Nhiệm vụ %s “%s” đã được giao cho đơn vị khác chủ trì; đơn vị bàn giao hồ sơ, kết quả đang thực hiện.", n.TaskNumber, n.TaskTitle)},
		{Kind: EventLeadReassigned, TaskID: n.TaskID, UnitID: n.ToUnitID, Ref: ref + ":to",
			Text: fmt.Sprintf("Đơn vị được giao chủ trì nhiệm vụ %s “%s”.", n.TaskNumber, n.TaskTitle)},
	} {
		if err := Notify(ctx, db, e); err != nil {
			return err
		}
	}
	return nil
}
