package pgserver

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ToolFor finds a PostgreSQL program (pg_dump, pg_restore) among the
// binaries the private server on dataDir runs from (see findBindir): the
// dump tool of the very server that wrote the data.
func ToolFor(name, dataDir string) (string, error) {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return "", fmt.Errorf("pgserver: %w", err)
	}
	bindir, err := findBindir(clusterVersion(filepath.Join(abs, clusterDir)))
	if err != nil {
		return "", err
	}
	path := filepath.Join(bindir, name)
	if !executable(path) {
		return "", fmt.Errorf("pgserver: %s has no %s", bindir, name)
	}
	return path, nil
}

// Tool finds a PostgreSQL client program for a server of major version
// major (0: unknown): $PG_BINDIR's, else that version's
// /usr/lib/postgresql/N/bin, else pg_config's, else the highest installed —
// never one older than the server, which pg_dump refuses to dump.
func Tool(name string, major int) (string, error) {
	var dirs []string
	if dir := os.Getenv("PG_BINDIR"); dir != "" {
		dirs = append(dirs, dir)
	}
	if major > 0 {
		dirs = append(dirs, fmt.Sprintf("/usr/lib/postgresql/%d/bin", major))
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	installed, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(installed, func(a, b string) int { return versionOf(b) - versionOf(a) })
	dirs = append(dirs, installed...)
	for _, dir := range dirs {
		if v := versionOf(dir); v > 0 && major > 0 && v < major {
			continue
		}
		if path := filepath.Join(dir, name); executable(path) {
			return path, nil
		}
	}
	return "", fmt.Errorf("pgserver: no %s for PostgreSQL %d found (install the postgresql-client package, or set PG_BINDIR)", name, major)
}

// ToolEnv is the environment to run a PostgreSQL program in: ours without
// PG* variables (they would override the command line), plus extra.
func ToolEnv(extra ...string) []string { return append(childEnv(), extra...) }

func executable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}
