package authz

import (
	"cchc/accounts"
	"cchc/units"
)

// The PAR index (package par). A body (a province, a city) scores the
// units of its groups; its secretariat runs the index, its leaders publish
// it, each unit assesses itself, and an appraisal group — users named per
// criteria set — checks every unit but their own.

// SeesPARBody reports whether the principal may know of a body's index at
// all: the body is inside their scope or above it (a department sees its
// province's index). Otherwise the index is hidden (404).
func (p *Principal) SeesPARBody(body *units.Unit) error {
	if p.IsAdmin() || p.Scope.Contains(*body) || body.Contains(p.Scope) {
		return nil
	}
	return hidden("par body %d", body.ID)
}

// CanManagePAR (criteria sets, windows, appraisal groups, survey points):
// admin, or the secretariat whose scope holds the body.
func (p *Principal) CanManagePAR(body *units.Unit) error {
	if err := p.SeesPARBody(body); err != nil {
		return err
	}
	if p.IsAdmin() || (p.Is(accounts.RoleSecretariat) && p.Scope.Contains(*body)) {
		return nil
	}
	return forbidden("only the secretariat runs the PAR index")
}

// CanPublishPAR: admin, or a leader whose scope holds the body.
func (p *Principal) CanPublishPAR(body *units.Unit) error {
	if err := p.SeesPARBody(body); err != nil {
		return err
	}
	if p.IsAdmin() || (p.Is(accounts.RoleLeader) && p.Scope.Contains(*body)) {
		return nil
	}
	return forbidden("only a leader publishes the PAR index")
}

// SeesPARProgress reports whether the principal sees a body's index before
// publication: every unit's scores, the provisional ranking. Admin, and
// the secretariat and leaders whose scope holds the body.
func (p *Principal) SeesPARProgress(body *units.Unit) bool {
	return p.IsAdmin() || ((p.Is(accounts.RoleSecretariat) || p.Is(accounts.RoleLeader)) && p.Scope.Contains(*body))
}

// CanSelfAssess (score a component, attach evidence): a leader, officer or
// secretariat user of the unit itself — never of another unit, whatever
// their scope; viewers never.
func (p *Principal) CanSelfAssess(unit *units.Unit) error {
	if p.Unit.ID != unit.ID {
		return forbidden("a unit scores only its own self-assessment")
	}
	if p.Is(accounts.RoleViewer) || p.IsAdmin() {
		return forbidden("viewers and administrators do not self-assess")
	}
	return nil
}

// CanSubmitSelfAssessment and answer the appraisal: the unit's leader.
func (p *Principal) CanSubmitSelfAssessment(unit *units.Unit) error {
	if p.Unit.ID != unit.ID || !p.Is(accounts.RoleLeader) {
		return forbidden("only the unit's leader submits its self-assessment and its answer")
	}
	return nil
}

// CanAppraise: a member of the set's appraisal group, on any unit but their
// own.
func (p *Principal) CanAppraise(member bool, unit *units.Unit) error {
	if !member {
		return forbidden("only the appraisal group appraises")
	}
	if p.Unit.ID == unit.ID {
		return forbidden("nobody appraises their own unit")
	}
	return nil
}

// SeesPARAssessment reports whether the principal sees a unit's whole
// assessment (scores, explanations, evidence, comments): its own unit, the
// body's secretariat and leaders, admins, and appraisers of the set.
func (p *Principal) SeesPARAssessment(body, unit *units.Unit, member bool) bool {
	return p.Unit.ID == unit.ID || p.SeesPARProgress(body) || member
}
