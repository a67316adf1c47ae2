package reminders

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"cchc/accounts"
)

// person is an active user as a recipient.
type person struct {
	ID      int64         `bun:"id"`
	Name    string        `bun:"name"`
	Email   string        `bun:"email"`
	Role    accounts.Role `bun:"role"`
	UnitID  int64         `bun:"unit_id"`
	EmailOn bool          `bun:"email_on"`
}

type unitInfo struct {
	ID            int64  `bun:"id"`
	Code          string `bun:"code"`
	Name          string `bun:"name"`
	ParentID      int64  `bun:"parent_id"`
	IsSecretariat bool   `bun:"is_secretariat"`
}

// directory answers "who is told" for a run: every active user, unit and
// active webhook, loaded once.
type directory struct {
	users     map[int64]*person
	byUnit    map[int64][]*person
	units     map[int64]unitInfo
	children  map[int64][]int64
	unitHooks map[int64][]Webhook
	planHooks map[int64][]Webhook
	hooksByID map[int64]Webhook
}

func loadDirectory(ctx context.Context, db bun.IDB) (*directory, error) {
	d := &directory{users: map[int64]*person{}, byUnit: map[int64][]*person{}, units: map[int64]unitInfo{},
		children: map[int64][]int64{}, unitHooks: map[int64][]Webhook{}, planHooks: map[int64][]Webhook{}, hooksByID: map[int64]Webhook{}}
	var ps []*person
	err := db.NewRaw(`SELECT u.id, u.name, u.email, u.role, u.unit_id, coalesce(np.email, true) AS email_on
	    FROM users u LEFT JOIN notification_prefs np ON np.user_id = u.id
	    WHERE u.active ORDER BY u.id`).Scan(ctx, &ps)
	if err != nil {
		return nil, fmt.Errorf("reminders: users: %w", err)
	}
	for _, p := range ps {
		d.users[p.ID] = p
		d.byUnit[p.UnitID] = append(d.byUnit[p.UnitID], p)
	}
	var us []unitInfo
	if err := db.NewRaw(`SELECT id, code, name, coalesce(parent_id, 0) AS parent_id, is_secretariat FROM units`).Scan(ctx, &us); err != nil {
		return nil, fmt.Errorf("reminders: units: %w", err)
	}
	for _, u := range us {
		d.units[u.ID] = u
		if u.ParentID != 0 {
			d.children[u.ParentID] = append(d.children[u.ParentID], u.ID)
		}
	}
	var ws []Webhook
	if err := db.NewSelect().Model(&ws).Where("active").Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("reminders: webhooks: %w", err)
	}
	for _, w := range ws {
		d.hooksByID[w.ID] = w
		if w.UnitID != 0 {
			d.unitHooks[w.UnitID] = append(d.unitHooks[w.UnitID], w)
		} else {
			d.planHooks[w.PlanID] = append(d.planHooks[w.PlanID], w)
		}
	}
	return d, nil
}

func (d *directory) unitName(id int64) string { return d.units[id].Name }

func (d *directory) withRoles(unitID int64, roles ...accounts.Role) []*person {
	var out []*person
	for _, p := range d.byUnit[unitID] {
		for _, r := range roles {
			if p.Role == r {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// staff are who act for a unit on its tasks: its officers and secretariat
// users, else its leaders.
func (d *directory) staff(unitID int64) []*person {
	if ps := d.withRoles(unitID, accounts.RoleOfficer, accounts.RoleSecretariat); len(ps) > 0 {
		return ps
	}
	return d.withRoles(unitID, accounts.RoleLeader)
}

// leaders are the unit's users with the leader role.
func (d *directory) leaders(unitID int64) []*person {
	return d.withRoles(unitID, accounts.RoleLeader)
}

// secretariat is the plan's secretariat: the secretariat users of the
// issuing body's secretariat unit (its Phòng/Sở Nội vụ), or of the body
// itself when it is one.
func (d *directory) secretariat(planUnit int64) []*person {
	var out []*person
	if d.units[planUnit].IsSecretariat {
		out = append(out, d.withRoles(planUnit, accounts.RoleSecretariat)...)
	}
	for _, c := range d.children[planUnit] {
		if d.units[c].IsSecretariat {
			out = append(out, d.withRoles(c, accounts.RoleSecretariat)...)
		}
	}
	return out
}

// heads is the "unit head" escalations go to: the unit's leaders, or, when
// it has none in the system, the plan's secretariat.
func (d *directory) heads(unitID, planUnit int64) []*person {
	if ps := d.leaders(unitID); len(ps) > 0 {
		return ps
	}
	return d.secretariat(planUnit)
}

// hooks are the active webhooks of a unit and of a plan.
func (d *directory) hooks(unitID, planID int64) []Webhook {
	out := append([]Webhook(nil), d.unitHooks[unitID]...)
	return append(out, d.planHooks[planID]...)
}
