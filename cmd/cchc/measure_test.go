package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestMeasureSignInMemory is a measurement, not a check: it runs only with
// CCHC_MEASURE=1 and prints the resident memory of `cchc serve` before and
// during 64 parallel sign-ins with unknown e-mails from 64 addresses (all
// of them checked: the addresses come through a trusted proxy). Its figures
// are in BENCHMARKS.md:
//
//	CCHC_MEASURE=1 go test ./cmd/cchc -run TestMeasureSignInMemory -count=1 -v
//
// CCHC_MEASURE_BIN=/path/to/cchc measures another build (an older one).
func TestMeasureSignInMemory(t *testing.T) {
	if os.Getenv("CCHC_MEASURE") != "1" {
		t.Skip("a measurement: CCHC_MEASURE=1 to run it")
	}
	if bin := os.Getenv("CCHC_MEASURE_BIN"); bin != "" {
		cchcBin = bin
	}
	in := newInstance(t)
	in.extraEnv = []string{"CCHC_TRUSTED_PROXIES=127.0.0.1"}
	srv := in.start("serve", "--demo")
	in.waitServing(srv, 2*time.Minute)
	pid := srv.cmd.Process.Pid
	time.Sleep(2 * time.Second) // let start-up garbage settle
	before := vm(t, pid, "VmRSS")

	const n = 64
	var peak int
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				if v := vmQuiet(pid, "VmRSS"); v > peak {
					peak = v
				}
			}
		}
	}()
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			form := url.Values{"email": {fmt.Sprintf("khong-co-%d@cchc.test", i)}, "password": {"doan-bua"}}
			req, _ := http.NewRequest(http.MethodPost, "http://"+in.addr+"/signin", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i+1))
			res, err := (&http.Client{Timeout: 5 * time.Minute}).Do(req)
			if err == nil {
				codes[i] = res.StatusCode
				res.Body.Close()
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	close(stop)
	<-sampled
	hwm := vm(t, pid, "VmHWM")
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	t.Logf("%d parallel sign-ins in %s, answers %v", n, took.Round(time.Millisecond), count)
	t.Logf("RSS before: %d MiB; highest sampled during: %d MiB; peak RSS of the process (VmHWM): %d MiB", before>>10, peak>>10, hwm>>10)
}

// vm reads a VmXXX line of /proc/PID/status, in KiB.
func vm(t *testing.T, pid int, field string) int {
	t.Helper()
	v := vmQuiet(pid, field)
	require.NotZero(t, v, "%s of %d", field, pid)
	return v
}

func vmQuiet(pid int, field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				v, _ := strconv.Atoi(f[1])
				return v
			}
		}
	}
	return 0
}
