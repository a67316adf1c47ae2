#!/usr/bin/env bash
# Installs, only if missing, what cchc needs beyond Go: the PostgreSQL server
# binaries (always); with --test, Chromium for the browser tests; with --ci,
# also the tools the rendering checks drive (LibreOffice to check the .docx
# report, fonts with Vietnamese glyphs, pdftotext). Idempotent and quick
# when everything is there.
#
# Without root (and no sudo), a missing PostgreSQL is an error; a missing
# test tool is a warning outside CI (its tests skip, saying why).
set -euo pipefail

need=() # cannot go on without
want=() # the tests that use it skip without, except in CI
have_pg() {
  [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/postgres" ] && return 0
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ] && return 0
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1
}
have_pg || need+=(postgresql)

mode="${1:-}"
if [ "$mode" = "--test" ] || [ "$mode" = "--ci" ]; then
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "${CHROME:-}" ] || want+=(chromium)
fi
if [ "$mode" = "--ci" ]; then
  command -v soffice >/dev/null 2>&1 || want+=(libreoffice-writer-nogui)
  [ -d /usr/share/fonts/truetype/liberation2 ] || want+=(fonts-liberation2)
  command -v pdftotext >/dev/null 2>&1 || want+=(poppler-utils)
  need+=("${want[@]}") # CI installs everything or fails
  want=()
fi

all=("${need[@]}" "${want[@]}")
[ ${#all[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    if [ ${#need[@]} -gt 0 ]; then
      echo "need root to install ${need[*]}: run apt-get install ${all[*]}" >&2
      exit 1
    fi
    echo "warning: ${want[*]} missing and no sudo: their tests will be skipped (apt-get install ${want[*]})" >&2
    exit 0
  fi
  sudo="sudo"
fi
echo "installing: ${all[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${all[@]}" >/dev/null
# Debian's postgresql package starts a system cluster we do not use; cchc runs its own.
if [[ " ${all[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null 2>&1; then
  $sudo systemctl disable --now postgresql >/dev/null 2>&1 || true
fi
