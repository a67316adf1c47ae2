package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cchc/demo"
)

type parRank struct {
	Group  string `json:"group"`
	Rank   int    `json:"rank"`
	Unit   struct{ Code, Name string }
	Self   float64  `json:"self_score"`
	Final  float64  `json:"final_score"`
	Max    float64  `json:"max_score"`
	Class  string   `json:"class"`
	Change *float64 `json:"change"`
}

type parCard struct {
	Unit       struct{ Code, Name string }
	State      string  `json:"state"`
	Version    int     `json:"version"`
	Scored     int     `json:"scored"`
	ToScore    int     `json:"to_score"`
	Final      float64 `json:"final_score"`
	Class      string  `json:"class"`
	Rank       int     `json:"rank"`
	Components []struct {
		Number      string   `json:"number"`
		Method      string   `json:"method"`
		Max         float64  `json:"max"`
		Self        *float64 `json:"self"`
		Appraised   *float64 `json:"appraised"`
		Final       float64  `json:"final"`
		Version     int      `json:"version"`
		Explanation string   `json:"explanation"`
		Comment     string   `json:"comment"`
		Source      string   `json:"source"`
		Computed    *float64 `json:"computed"`
		Figure      *struct {
			Known     bool     `json:"known"`
			Kind      string   `json:"kind"`
			Period    string   `json:"period"`
			Actual    *float64 `json:"actual"`
			Target    *float64 `json:"target"`
			Direction string   `json:"direction"`
		} `json:"figure"`
	} `json:"components"`
}

// justice is the officer of Sở Tư pháp, also in the demo's appraisal group.
const justice = officer

// The API: the 2024 ranking is published, every department and
// commune of the city in score order within its group, ties sharing a
// rank, classes from the bands; the current year's is not, so that anyone
// outside the secretariat and leaders gets 404.
func TestPARRankingAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.api(viewer, http.MethodGet, "/api/v1/par/2024/ranking", "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	var rows []parRank
	require.NoError(t, json.Unmarshal([]byte(r.Body), &rows))
	byGroup := map[string][]parRank{}
	for _, x := range rows {
		byGroup[x.Group] = append(byGroup[x.Group], x)
	}
	require.Len(t, byGroup["TP.PHONG"], 14)
	require.Len(t, byGroup["TP.XA"], 9)
	ties := 0
	for _, g := range byGroup {
		for i, x := range g {
			require.Equal(t, 100.0, x.Max)
			require.Equal(t, classOf(x.Final), x.Class, x.Unit.Code)
			require.Nil(t, x.Change, "no index in 2023")
			if i == 0 {
				require.Equal(t, 1, x.Rank)
				continue
			}
			require.LessOrEqual(t, x.Final, g[i-1].Final)
			if x.Final == g[i-1].Final {
				require.Equal(t, g[i-1].Rank, x.Rank)
				ties++
			} else {
				require.Equal(t, i+1, x.Rank)
			}
		}
	}
	require.Positive(t, ties)

	r = e.api(viewer, http.MethodGet, "/api/v1/par/2024/ranking?group=TP.XA", "")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	rows = nil
	require.NoError(t, json.Unmarshal([]byte(r.Body), &rows))
	require.Len(t, rows, 9)

	year := fmt.Sprint(now.Year())
	for _, who := range []string{viewer, justice} {
		r = e.api(who, http.MethodGet, "/api/v1/par/"+year+"/ranking", "")
		require.Equal(t, http.StatusNotFound, r.Code, "%s before publication: %s", who, r.Body)
	}
	for _, who := range []string{secretariat, leader, admin} {
		r = e.api(who, http.MethodGet, "/api/v1/par/"+year+"/ranking", "")
		require.Equal(t, http.StatusOK, r.Code, "%s sees the provisional ranking: %s", who, r.Body)
		rows = nil
		require.NoError(t, json.Unmarshal([]byte(r.Body), &rows))
		require.Len(t, rows, 25)
	}
	// The other province knows nothing of Sơn Hà's index.
	r = e.api(admin, http.MethodGet, "/api/v1/par/2019/ranking", "")
	require.Equal(t, http.StatusNotFound, r.Code)
}

func classOf(score float64) string {
	switch {
	case score >= 90:
		return "Xuất sắc"
	case score >= 80:
		return "Tốt"
	case score >= 70:
		return "Khá"
	case score >= 50:
		return "Trung bình"
	}
	return "Yếu"
}

func (e *env) parCard(who, year, code string) parCard {
	e.t.Helper()
	r := e.api(who, http.MethodGet, "/api/v1/par/"+year+"/units/"+code, "")
	require.Equal(e.t, http.StatusOK, r.Code, r.Body)
	var c parCard
	require.NoError(e.t, json.Unmarshal([]byte(r.Body), &c))
	return c
}

func (e *env) sqlInt(query string, args ...any) int {
	e.t.Helper()
	var n int
	require.NoError(e.t, e.db.NewRaw(query, args...).Scan(context.Background(), &n))
	return n
}

// The done-when: an officer cannot score another unit, nor an
// appraiser appraise their own unit: 403, nothing written.
func TestPARRightsForbidden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := fmt.Sprint(now.Year())
	audits := func() int { return e.sqlInt("SELECT count(*) FROM audit_log WHERE entity = 'par_assessment'") }
	scores := func() int {
		return e.sqlInt("SELECT coalesce(sum(version), 0) FROM par_scores")
	}
	a0, s0 := audits(), scores()

	// Sở Tư pháp's officer scores Sở Xây dựng: forbidden, though he sees it
	// (he is an appraiser).
	body := `{"scores":[{"component":"1.1.1","points":1,"explanation":"x","version":0}]}`
	r := e.api(justice, http.MethodPost, "/api/v1/par/"+year+"/units/SXD/scores", body)
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
	// Nor may the viewer or the secretariat score anybody's.
	r = e.api(viewer, http.MethodPost, "/api/v1/par/"+year+"/units/STP/scores", body)
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
	r = e.api(secretariat, http.MethodPost, "/api/v1/par/"+year+"/units/STP/scores", body)
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)

	// Sở Nội vụ's secretariat, an appraiser, appraises Sở Nội vụ (submitted):
	// forbidden; Sở Tư pháp's officer, an appraiser, appraises Sở Tư pháp.
	snv := e.parCard(secretariat, year, "SNV")
	require.Equal(t, "submitted", snv.State)
	appraise := `{"scores":[{"component":"1.1.1","points":0.5,"comment":"thiếu tài liệu","version":%d}]}`
	r = e.api(secretariat, http.MethodPost, "/api/v1/par/"+year+"/units/SNV/appraisal", fmt.Sprintf(appraise, snv.Components[0].Version))
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
	r = e.api(justice, http.MethodPost, "/api/v1/par/"+year+"/units/STP/appraisal", fmt.Sprintf(appraise, 0))
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
	// The leader is not in the appraisal group.
	r = e.api(leader, http.MethodPost, "/api/v1/par/"+year+"/units/SXD/appraisal", fmt.Sprintf(appraise, 0))
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
	require.Equal(t, a0, audits(), "nothing audited")
	require.Equal(t, s0, scores(), "nothing written")

	// The same people may do what is theirs: the officer his own unit, the
	// secretariat another unit's appraisal.
	stp := e.parCard(justice, year, "STP")
	var c1 = stp.Components[0]
	require.Equal(t, "1.1.1", c1.Number)
	r = e.api(justice, http.MethodPost, "/api/v1/par/"+year+"/units/STP/scores",
		fmt.Sprintf(`{"scores":[{"component":"1.1.1","points":1,"explanation":"Kế hoạch số 5/KH-STP","version":%d}]}`, c1.Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	sxd := e.parCard(secretariat, year, demo.PARUnderAppraisal)
	r = e.api(secretariat, http.MethodPost, "/api/v1/par/"+year+"/units/"+demo.PARUnderAppraisal+"/appraisal",
		fmt.Sprintf(appraise, sxd.Components[0].Version))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Equal(t, a0+2, audits())
}

// Bad input names the component and writes nothing.
func TestPARScoreBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := fmt.Sprint(now.Year())
	stp := e.parCard(justice, year, "STP")
	v := map[string]int{}
	for _, c := range stp.Components {
		v[c.Number] = c.Version
	}
	post := func(body string) response {
		return e.api(justice, http.MethodPost, "/api/v1/par/"+year+"/units/STP/scores", body)
	}
	before := e.sqlInt("SELECT coalesce(sum(version), 0) FROM par_scores")
	// Above the maximum (1 point), in a batch whose other score is fine.
	r := post(fmt.Sprintf(`{"scores":[{"component":"1.1.3","points":1,"version":%d},{"component":"1.1.1","points":1.5,"version":%d}]}`, v["1.1.3"], v["1.1.1"]))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "1.1.1")
	require.Contains(t, r.Body, "1,5")
	r = post(fmt.Sprintf(`{"scores":[{"component":"2.1.1","points":-1,"version":%d}]}`, v["2.1.1"]))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "2.1.1")
	r = post(`{"scores":[{"component":"9.9.9","points":1,"version":0}]}`)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "9.9.9")
	// A computed component is not the unit's to score.
	r = post(fmt.Sprintf(`{"scores":[{"component":"1.1.2","points":1,"version":%d}]}`, v["1.1.2"]))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "1.1.2")
	// A stale version.
	r = post(fmt.Sprintf(`{"scores":[{"component":"1.1.1","points":1,"version":%d}]}`, v["1.1.1"]+7))
	require.Equal(t, http.StatusConflict, r.Code, r.Body)
	require.Equal(t, before, e.sqlInt("SELECT coalesce(sum(version), 0) FROM par_scores"), "nothing written")

	// A submitted assessment is locked: the secretariat's own unit, scored
	// by its secretariat user.
	snv := e.parCard(secretariat, year, "SNV")
	r = e.api(secretariat, http.MethodPost, "/api/v1/par/"+year+"/units/SNV/scores",
		fmt.Sprintf(`{"scores":[{"component":"1.1.1","points":0,"version":%d}]}`, snv.Components[0].Version))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "khóa")
	// Submitting is the leader's: the officer may not.
	r = e.api(justice, http.MethodPost, "/api/v1/par/"+year+"/units/STP/submit", fmt.Sprintf(`{"version":%d}`, stp.Version))
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
}

// The unit's card: its own scores while it assesses, hidden from other
// units before publication, points for everybody once published.
func TestPARUnitCard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := fmt.Sprint(now.Year())
	stp := e.parCard(justice, year, "STP")
	require.Equal(t, "draft", stp.State)
	require.Positive(t, stp.Scored)
	require.Less(t, stp.Scored, stp.ToScore, "half way")
	require.Zero(t, stp.Rank, "no rank before publication for the unit")
	// The viewer of the province does not see a unit's assessment before
	// publication.
	r := e.api(viewer, http.MethodGet, "/api/v1/par/"+year+"/units/STP", "")
	require.Equal(t, http.StatusNotFound, r.Code, r.Body)
	// Published: the 2024 card, with rank, class and the computed figure.
	ptp := e.parCard(viewer, "2024", demo.CityJusticeCode)
	require.Equal(t, "final", ptp.State)
	require.Positive(t, ptp.Rank)
	require.Equal(t, classOf(ptp.Final), ptp.Class)
	for _, c := range ptp.Components {
		require.Empty(t, c.Explanation, "explanations are the unit's, the secretariat's and the group's")
	}
	// The dossiers resolved on time: computed from the indicator its
	// communes and the one-stop centre reported, against the plan's target;
	// the city's departments have no figure of their own, and the
	// appraisal group scored them.
	hoaAn := e.parCard(viewer, "2024", "P-HOAAN")
	centre := e.parCard(viewer, "2024", "TTPVHCC")
	for _, c := range append(append(hoaAn.Components, centre.Components...), ptp.Components...) {
		if c.Source != "indicator" {
			continue
		}
		require.NotNil(t, c.Figure)
		if !c.Figure.Known {
			require.NotNil(t, c.Appraised, "no figure: the appraisal group's points")
			continue
		}
		require.Equal(t, "indicator", c.Figure.Kind)
		require.Equal(t, "9m", c.Figure.Period, "the 2024 plan's figures are at 9 months")
		require.Equal(t, "at_least", c.Figure.Direction)
		require.InDelta(t, 98, *c.Figure.Target, 1e-9)
		require.NotNil(t, c.Computed)
		if *c.Figure.Actual >= 98 {
			require.Equal(t, c.Max, *c.Computed, "target met: full points")
		} else {
			require.Less(t, *c.Computed, c.Max)
		}
	}
	full := e.parCard(secretariat, "2024", demo.CityJusticeCode)
	explained := 0
	for _, c := range full.Components {
		if c.Explanation != "" {
			explained++
		}
	}
	require.Positive(t, explained)
}

// The pages: the PAR index, a set, the self-assessment form (save as you
// go with htmx), the queue, the ranking with its chart, a score card.
func TestPARPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	year := fmt.Sprint(now.Year())
	officer := e.browser(justice)
	r := e.page(officer, "/par")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, "Sở Tư pháp")
	require.Contains(t, r.Body, "/par/queue", "he is an appraiser")
	id := regexp.MustCompile(`href="/par/assessments/(\d+)"`).FindStringSubmatch(r.Body)
	require.NotNil(t, id, r.Body)

	r = e.page(officer, "/par/assessments/"+id[1])
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, `id="par-progress"`)
	require.Regexp(t, `9\d,\d+% / mục tiêu ≥ 98% \(Quý III, đến 14/09/\d{4}\)`, r.Body, "the unit's on-time dossiers against the target")
	require.Contains(t, r.Body, `hx-post="/par/assessments/`+id[1]+`/scores"`)
	require.Contains(t, r.Body, "Còn chưa chấm")
	var c parCard
	require.NoError(t, json.Unmarshal([]byte(e.api(justice, http.MethodGet, "/api/v1/par/"+year+"/units/STP", "").Body), &c))
	var next string
	var itemVersion int
	var itemID int64
	for _, x := range c.Components {
		if x.Method == "self" && x.Self == nil {
			next, itemVersion = x.Number, x.Version
			break
		}
	}
	require.NotEmpty(t, next)
	m := regexp.MustCompile(`name="item_id" value="(\d+)"><input type="hidden" name="version" value="\d+"><input type="hidden" name="number" value="` + regexp.QuoteMeta(next) + `"`).FindStringSubmatch(r.Body)
	require.NotNil(t, m)
	fmt.Sscan(m[1], &itemID)

	// Save as you go: the component comes back with the progress, out of band.
	hx := map[string]string{"HX-Request": "true"}
	form := url.Values{"item_id": {fmt.Sprint(itemID)}, "version": {fmt.Sprint(itemVersion)}, "number": {next}, "points": {"0,5"}, "explanation": {"Có văn bản"}}
	r = e.form(officer, "/par/assessments/"+id[1]+"/scores", form, hx)
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, fmt.Sprintf(`id="c-%d"`, itemID))
	require.Contains(t, r.Body, `hx-swap-oob="true"`)
	require.Contains(t, r.Body, fmt.Sprintf("Đã chấm %d/%d", c.Scored+1, c.ToScore))
	// Too many points: the error in the component, nothing saved.
	form.Set("version", fmt.Sprint(itemVersion+1))
	form.Set("points", "99")
	r = e.form(officer, "/par/assessments/"+id[1]+"/scores", form, hx)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "vượt điểm tối đa")
	require.Contains(t, r.Body, `value="99"`, "what was typed is kept")

	// Evidence: a PDF, then one over the limit.
	up := func(name string, data []byte) response {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		require.NoError(t, mw.WriteField("item_id", fmt.Sprint(itemID)))
		fw, err := mw.CreateFormFile("file", name)
		require.NoError(t, err)
		_, err = fw.Write(data)
		require.NoError(t, err)
		require.NoError(t, mw.Close())
		return e.send(officer, http.MethodPost, "/par/assessments/"+id[1]+"/evidence", &buf, map[string]string{"Content-Type": mw.FormDataContentType(), "HX-Request": "true"})
	}
	r = up("ke-hoach.pdf", demo.PDF("Ke hoach"))
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, "ke-hoach.pdf")
	n := e.sqlInt("SELECT count(*) FROM par_evidence")
	r = up("lon.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 10<<20)...))
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "10 MB")
	require.Equal(t, n, e.sqlInt("SELECT count(*) FROM par_evidence"))

	r = e.page(officer, "/par/queue")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, "Sở Xây dựng")
	require.NotContains(t, r.Body, ">Sở Tư pháp<", "not his own unit")

	// The ranking of 2024 with its chart, and a score card.
	r = e.page(e.browser(viewer), "/par/2024/ranking")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, "<svg")
	require.Contains(t, r.Body, "Phòng Tư pháp")
	require.Contains(t, r.Body, "/par/2024/units/PTP")
	require.Contains(t, r.Body, "Xuất sắc")
	r = e.page(e.browser(viewer), "/par/2024/units/PTP")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	require.Contains(t, r.Body, "Trung bình nhóm")
	require.Contains(t, r.Body, "<svg")
	// Before publication the ranking is hidden from the viewer.
	r = e.page(e.browser(viewer), "/par/"+year+"/ranking")
	require.Equal(t, http.StatusNotFound, r.Code)
	r = e.page(e.browser(secretariat), "/par/"+year+"/ranking")
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, `id="par-provisional"`)

	// The secretariat's pages: a set and its survey table.
	sec := e.browser(secretariat)
	r = e.page(sec, "/par")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	sets := regexp.MustCompile(`href="/par/sets/(\d+)"`).FindAllStringSubmatch(r.Body, -1)
	require.NotEmpty(t, sets)
	for _, s := range sets {
		r = e.page(sec, "/par/sets/"+s[1])
		require.Equal(t, http.StatusOK, r.Code, r.Body)
		require.Contains(t, r.Body, "1.1.2")
	}
	require.True(t, strings.Contains(r.Body, "/survey") || strings.Contains(r.Body, "Đã công bố"))
}

// multipartBody builds a multipart form with fields and one file.
func multipartBody(t *testing.T, fields map[string]string, file string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	if file != "" {
		fw, err := mw.CreateFormFile("file", file)
		require.NoError(t, err)
		_, err = fw.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return &buf, mw.FormDataContentType()
}

// The secretariat runs an index through the pages: the 2024 criteria
// exported and imported for a new year, an item edited, the window set,
// the self-assessment opened (every unit told); survey points all or
// nothing; publication refused while units are pending.
func TestPARManageFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sec := e.browser(secretariat)
	r := e.page(sec, "/par")
	require.Equal(t, http.StatusOK, r.Code)
	sets := regexp.MustCompile(`href="/par/sets/(\d+)"`).FindAllStringSubmatch(r.Body, -1)
	require.NotEmpty(t, sets)
	var set2024 string
	for _, s := range sets {
		p := e.page(sec, "/par/sets/"+s[1])
		if strings.Contains(p.Body, "(TP.PHONG)") {
			set2024 = s[1]
		}
	}
	require.NotEmpty(t, set2024)
	x := e.page(sec, "/par/sets/"+set2024+"/criteria.xlsx")
	require.Equal(t, http.StatusOK, x.Code)
	require.Contains(t, x.Head.Get("Content-Disposition"), ".xlsx")

	// A faulty workbook through the API: 422 with every row, nothing written.
	before := e.sqlInt("SELECT count(*) FROM par_sets")
	body, ct := multipartBody(t, map[string]string{"year": "2027", "group": "SH.SO"}, "loi.xlsx", []byte("PK\x03\x04 not a workbook"))
	r = e.send(http.DefaultClient, http.MethodPost, "/api/v1/par/import", body, map[string]string{"Authorization": "Bearer " + e.token(secretariat), "Content-Type": ct})
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	// The officer may not import.
	body, ct = multipartBody(t, map[string]string{"year": "2027", "group": "SH.SO"}, "bo-chi-so.xlsx", []byte(x.Body))
	r = e.send(http.DefaultClient, http.MethodPost, "/api/v1/par/import", body, map[string]string{"Authorization": "Bearer " + e.token(justice), "Content-Type": ct})
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
	require.Equal(t, before, e.sqlInt("SELECT count(*) FROM par_sets"))

	// The page import.
	body, ct = multipartBody(t, map[string]string{"year": "2027", "group": "SH.SO"}, "bo-chi-so.xlsx", []byte(x.Body))
	r = e.send(sec, http.MethodPost, "/par/import", body, map[string]string{"Content-Type": ct})
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	setPath := r.Head.Get("Location")
	require.Regexp(t, `^/par/sets/\d+$`, setPath)
	r = e.page(sec, setPath)
	require.Equal(t, http.StatusOK, r.Code)
	require.Contains(t, r.Body, "Đã nhập bộ chỉ số: 20 tiêu chí, 43 tiêu chí thành phần, tổng 100 điểm.")
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(r.Body)[1]
	item := regexp.MustCompile(`action="(` + setPath + `/items/\d+)"`).FindStringSubmatch(r.Body)[1]

	// Edit an item (the first: an area's title), then set the window.
	r = e.form(sec, item, url.Values{"version": {version}, "title": {"Công tác chỉ đạo, điều hành"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	r = e.page(sec, setPath)
	require.Contains(t, r.Body, "<td>Công tác chỉ đạo, điều hành\n")
	version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(r.Body)[1]
	r = e.form(sec, setPath+"/settings", url.Values{"version": {version}, "self_from": {"2027-12-01"}, "self_to": {"2027-12-20"},
		"answer_days": {"5"}, "bands": {"Xuất sắc: 90; Tốt: 80; Khá: 65; Trung bình: 50; Yếu: 0"}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	// A stale version is refused.
	r = e.form(sec, setPath+"/open", url.Values{"version": {version}}, nil)
	require.Equal(t, http.StatusConflict, r.Code, r.Body)
	r = e.page(sec, setPath)
	require.Contains(t, r.Body, "Khá ≥ 65")
	require.Contains(t, r.Body, `name="self_from" value="01/12/2027" required type="text"`, "the window is shown day first")
	version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(r.Body)[1]
	notices := e.sqlInt("SELECT count(*) FROM notices WHERE kind = 'par_opened'")
	r = e.form(sec, setPath+"/open", url.Values{"version": {version}}, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)
	require.Greater(t, e.sqlInt("SELECT count(*) FROM notices WHERE kind = 'par_opened'"), notices, "the units are told")
	r = e.page(sec, setPath)
	require.Contains(t, r.Body, "Đang tự đánh giá")
	require.Equal(t, 15, strings.Count(r.Body, `<tr id="unit-`))
	// Criteria no longer editable.
	require.NotContains(t, r.Body, "/items/")

	// Survey points: one above its maximum, nothing saved.
	r = e.page(sec, setPath+"/survey")
	require.Equal(t, http.StatusOK, r.Code, r.Body)
	names := regexp.MustCompile(`name="(s_\d+_\d+)"`).FindAllStringSubmatch(r.Body, -1)
	require.Len(t, names, 15*4)
	form := url.Values{}
	for _, n := range names {
		form.Set(n[1], "3")
	}
	form.Set(names[0][1], "30")
	r = e.form(sec, setPath+"/survey", form, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "vượt điểm tối đa")
	require.Zero(t, e.sqlInt("SELECT count(*) FROM par_scores sc JOIN par_assessments a ON a.id = sc.assessment_id WHERE a.set_id = ? AND sc.survey_points IS NOT NULL",
		strings.TrimPrefix(setPath, "/par/sets/")))
	form.Set(names[0][1], "3")
	r = e.form(sec, setPath+"/survey", form, nil)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body)

	// The leader publishes only when every unit is decided.
	lead := e.browser(leader)
	r = e.page(lead, setPath)
	version = regexp.MustCompile(`action="` + setPath + `/publish"[^>]*>\s*<input type="hidden" name="version" value="(\d+)"`).FindStringSubmatch(r.Body)[1]
	r = e.form(lead, setPath+"/publish", url.Values{"version": {version}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body)
	require.Contains(t, r.Body, "Còn 15 đơn vị chưa có kết quả thẩm định cuối cùng")
	// The secretariat may not publish.
	r = e.form(sec, setPath+"/publish", url.Values{"version": {version}}, nil)
	require.Equal(t, http.StatusForbidden, r.Code, r.Body)
}
