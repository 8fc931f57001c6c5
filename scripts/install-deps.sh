#!/usr/bin/env bash
# Installs what the tests need beyond Cargo: tmux drives the real binary in a pseudo-terminal,
# pdftotext reads the printed plans back, DejaVu Sans gives the PDFs their Polish letters.
set -euo pipefail

packages=(tmux poppler-utils fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
