#!/usr/bin/env bash
# Finds what the tests need beyond Cargo and installs only what is missing: tmux drives the real
# binary in a pseudo-terminal, pdftotext and pdftoppm read the printouts back as text and as
# images, DejaVu Sans gives the PDFs their Polish letters. It looks for the programs and the font file, not for package names, so a
# tool installed any other way counts. Exits non-zero, saying what to install by hand, when
# something is still missing.
set -uo pipefail

# The places src/export/pdf.rs looks in, for systems without fontconfig.
font_paths=(
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  /usr/share/fonts/dejavu/DejaVuSans.ttf
  /usr/share/fonts/TTF/DejaVuSans.ttf
  /usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf
)

have_font() {
  if command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q '/DejaVuSans\.ttf:'; then
    return 0
  fi
  for f in "${font_paths[@]}"; do
    [ -f "$f" ] && return 0
  done
  return 1
}

# What is missing, as "what it is|Debian package|Fedora|Arch|Alpine".
missing() {
  command -v tmux >/dev/null 2>&1 || echo "tmux|tmux|tmux|tmux|tmux"
  command -v pdftotext >/dev/null 2>&1 || echo "pdftotext|poppler-utils|poppler-utils|poppler|poppler-utils"
  command -v pdftoppm >/dev/null 2>&1 || echo "pdftoppm|poppler-utils|poppler-utils|poppler|poppler-utils"
  have_font || echo "DejaVu Sans (DejaVuSans.ttf)|fonts-dejavu-core|dejavu-sans-fonts|ttf-dejavu|font-dejavu"
}

mapfile -t wanted < <(missing)
[ ${#wanted[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    as_root=(unable)
  fi
fi

if command -v apt-get >/dev/null 2>&1 && [ "${as_root[0]:-}" != unable ]; then
  packages=()
  for w in "${wanted[@]}"; do
    IFS='|' read -r _ debian _ <<<"$w"
    packages+=("$debian")
  done
  echo "install-deps: installing ${packages[*]}"
  "${as_root[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
  mapfile -t wanted < <(missing)
  [ ${#wanted[@]} -eq 0 ] && exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  why="this system has no apt-get"
elif [ "${as_root[0]:-}" = unable ]; then
  why="installing needs root, and sudo is not available without a password"
else
  why="apt-get could not install them"
fi
echo "install-deps: still missing ($why); please install by hand:" >&2
for w in "${wanted[@]}"; do
  IFS='|' read -r what debian fedora arch alpine <<<"$w"
  echo "  $what: Debian/Ubuntu $debian, Fedora $fedora, Arch $arch, Alpine $alpine" >&2
done
exit 1
