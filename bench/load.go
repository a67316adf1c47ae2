package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// The load: concurrent clients over loopback HTTP, each sending its next
// request as soon as the previous one is answered (a closed loop), first
// for a warm-up, then measured.

// client is one simulated user: an HTTP client with its cookies (pages)
// or its bearer token (API).
type client struct {
	base  string
	token string
	http  *http.Client
	// state a phase keeps per client
	versions map[int64]int
	mine     []int64
	n        int
}

func newClient(base, token string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{base: base, token: token, versions: map[int64]int{},
		http: &http.Client{Transport: transport, Jar: jar, Timeout: 2 * time.Minute,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var transport = &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, DisableCompression: true, IdleConnTimeout: time.Minute}

// do sends a request and reads the whole answer; a status other than want
// is an error.
func (c *client) do(ctx context.Context, method, path string, body any, want int, into any) error {
	var rd io.Reader
	var ctype string
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd, ctype = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return err
		}
		rd, ctype = bytes.NewReader(buf), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, strings.TrimSpace(string(b[:min(len(b), 200)])))
	}
	if into != nil {
		return json.Unmarshal(b, into)
	}
	return nil
}

// signIn opens a page session as email.
func (c *client) signIn(ctx context.Context, email, password string) error {
	return c.do(ctx, http.MethodPost, "/signin", url.Values{"email": {email}, "password": {password}}, http.StatusSeeOther, nil)
}

// Measure is what a phase measured.
type Measure struct {
	Requests, Errors int
	FirstError       string
	Elapsed          time.Duration
	P50, P95, P99    time.Duration
	// Per request: the server process, PostgreSQL (every backend) and
	// the load clients themselves.
	ServerCPU, DBCPU, ClientCPU time.Duration
}

// Throughput is requests per second.
func (m Measure) Throughput() float64 {
	if m.Elapsed <= 0 {
		return 0
	}
	return float64(m.Requests) / m.Elapsed.Seconds()
}

// CPU is server and database CPU per request.
func (m Measure) CPU() time.Duration { return m.ServerCPU + m.DBCPU }

// procs are the processes whose CPU a phase counts.
type procs struct {
	server, postmaster int
}

// runLoad runs fn on n clients: warm-up for warm, then measured for dur.
func runLoad(ctx context.Context, cs []*client, warm, dur time.Duration, pr procs, fn func(ctx context.Context, c *client) error) Measure {
	var mu sync.Mutex
	var lat []time.Duration
	var m Measure
	start := time.Now()
	measureFrom := start.Add(warm)
	end := measureFrom.Add(dur)
	var cpu0 struct{ server, db, self time.Duration }
	var once sync.Once
	mark := func() {
		cpu0.server, cpu0.db, cpu0.self = cpuOf(pr.server), treeCPU(pr.postmaster), selfCPU()
	}
	if warm == 0 {
		once.Do(mark)
	}
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			errs, n := 0, 0
			first := ""
			for {
				now := time.Now()
				if now.After(end) || ctx.Err() != nil {
					break
				}
				if !now.Before(measureFrom) {
					once.Do(mark)
				}
				t0 := time.Now()
				err := fn(ctx, c)
				d := time.Since(t0)
				if t0.Before(measureFrom) {
					continue
				}
				n++
				mine = append(mine, d)
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			m.Requests += n
			m.Errors += errs
			if m.FirstError == "" {
				m.FirstError = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	m.Elapsed = time.Since(measureFrom)
	if m.Elapsed > dur {
		m.Elapsed = max(dur, time.Since(measureFrom)) // the last requests in flight count
	}
	if m.Requests > 0 {
		n := time.Duration(m.Requests)
		m.ServerCPU = (cpuOf(pr.server) - cpu0.server) / n
		m.DBCPU = (treeCPU(pr.postmaster) - cpu0.db) / n
		m.ClientCPU = (selfCPU() - cpu0.self) / n
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	m.P50, m.P95, m.P99 = q(0.50), q(0.95), q(0.99)
	return m
}

// timeCalls measures fn called one after another for about dur (at least
// min times): the in-process measures (rollups).
func timeCalls(ctx context.Context, dur time.Duration, minCalls int, fn func(ctx context.Context, i int) error) Measure {
	var lat []time.Duration
	var m Measure
	start := time.Now()
	for i := 0; (time.Since(start) < dur || i < minCalls) && ctx.Err() == nil; i++ {
		t0 := time.Now()
		if err := fn(ctx, i); err != nil {
			m.Errors++
			if m.FirstError == "" {
				m.FirstError = err.Error()
			}
		}
		lat = append(lat, time.Since(t0))
	}
	m.Requests = len(lat)
	m.Elapsed = time.Since(start)
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	m.P50, m.P95, m.P99 = q(0.50), q(0.95), q(0.99)
	return m
}
