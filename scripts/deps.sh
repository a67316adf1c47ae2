#!/usr/bin/env bash
# Installs, only if missing, what cchc needs beyond Go: the PostgreSQL server
# binaries (always) and, with --ci, the tools the full test suite drives
# (LibreOffice to check the .docx report, fonts with Vietnamese glyphs).
# Idempotent and quick when everything is there.
set -euo pipefail

want=()
have_pg() {
  [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/postgres" ] && return 0
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ] && return 0
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1
}
have_pg || want+=(postgresql)

if [ "${1:-}" = "--ci" ]; then
  command -v soffice >/dev/null 2>&1 || want+=(libreoffice-writer-nogui)
  [ -d /usr/share/fonts/truetype/liberation2 ] || want+=(fonts-liberation2)
  command -v pdftotext >/dev/null 2>&1 || want+=(poppler-utils)
fi

[ ${#want[@]} -eq 0 ] && exit 0

echo "installing: ${want[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root to install ${want[*]}: run apt-get install ${want[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
# Debian's postgresql package starts a system cluster we do not use; cchc runs its own.
if [[ " ${want[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null 2>&1; then
  $sudo systemctl disable --now postgresql >/dev/null 2>&1 || true
fi
