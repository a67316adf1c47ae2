package api

import (
	"cchc/internal/civil"
	"cchc/plans"
	"cchc/tasks"
	"cchc/units"
)

// The JSON shapes of docs/CONTRACT.md.

type unitRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func unitJSON(u *units.Unit) unitRef {
	if u == nil {
		return unitRef{}
	}
	return unitRef{Code: u.Code, Name: u.Name}
}

type planJSON struct {
	ID     int64        `json:"id"`
	Year   int          `json:"year"`
	Title  string       `json:"title"`
	Number string       `json:"number"`
	Unit   unitRef      `json:"unit"`
	State  plans.State  `json:"state"`
	Issued civil.Date   `json:"issued_on"`
	Areas  *[]areaJSON  `json:"areas,omitempty"`
	Stats  *tasks.Stats `json:"stats,omitempty"`
	// Counts are the plan's figures today, in the plan list.
	Counts *tasks.Counts `json:"counts,omitempty"`
}

type areaJSON struct {
	ID    int64      `json:"id"`
	Label string     `json:"label"`
	Name  string     `json:"name"`
	Tasks []taskJSON `json:"tasks"`
}

type deadlineJSON struct {
	Text string     `json:"text"`
	Kind string     `json:"kind"`
	Date civil.Date `json:"date"`
}

type taskJSON struct {
	ID                int64        `json:"id"`
	Number            string       `json:"number"`
	Title             string       `json:"title"`
	AreaID            int64        `json:"area_id"`
	LeadUnit          unitRef      `json:"lead_unit"`
	CoordinatingUnits []unitRef    `json:"coordinating_units"`
	Output            string       `json:"output"`
	Deadline          deadlineJSON `json:"deadline"`
	Status            tasks.Status `json:"status"`
	ProgressPercent   int          `json:"progress_percent"`
	CompletedOn       civil.Date   `json:"completed_on"`
	Version           int          `json:"version"`
	// PendingConfirmation: the unit reported it done; the secretariat has not confirmed yet.
	PendingConfirmation bool `json:"pending_confirmation"`
	// OriginalDeadline is the planned date when an extension moved it.
	OriginalDeadline civil.Date `json:"original_deadline,omitempty"`
}

func planToJSON(p *plans.Plan) planJSON {
	return planJSON{ID: p.ID, Year: p.Year, Title: p.Title, Number: p.Number, Unit: unitJSON(p.Unit), State: p.State, Issued: p.IssuedOn}
}

func taskToJSON(t *tasks.Task, st tasks.State) taskJSON {
	coord := make([]unitRef, 0, len(t.Coordinators))
	for i := range t.Coordinators {
		coord = append(coord, unitJSON(&t.Coordinators[i]))
	}
	date := t.DeadlineDate
	if date.IsZero() && !st.Due.IsZero() {
		date = st.Due // recurring: the current occurrence's deadline
	}
	out := taskJSON{
		ID: t.ID, Number: t.Number, Title: t.Title, AreaID: t.AreaID, LeadUnit: unitJSON(t.LeadUnit),
		CoordinatingUnits: coord, Output: t.Output,
		Deadline: deadlineJSON{Text: t.DeadlineText, Kind: string(t.DeadlineKind), Date: date},
		Status:   st.Status, ProgressPercent: st.Percent, CompletedOn: st.CompletedOn, Version: t.Version,
		PendingConfirmation: st.Pending,
	}
	if !st.Due.IsZero() && st.Due != t.DeadlineDate && !t.DeadlineDate.IsZero() {
		out.Deadline.Date = st.Due
		out.OriginalDeadline = t.DeadlineDate
	}
	return out
}
