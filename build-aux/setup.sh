#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what Rapport needs to build, test and run (Debian 12 / Ubuntu),
# then configures and builds it in ./build (or $BUILDDIR).
# Idempotent: quiet when everything is already there and up to date.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
builddir=${BUILDDIR:-build}

packages=(
  meson ninja-build pkg-config gcc clang libc6-dev
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev blueprint-compiler
  libsqlite3-dev sqlite3 libnotify-dev libical-dev
  gettext desktop-file-utils appstream libxml2-utils librsvg2-bin
  xvfb xauth dbus dbus-x11 dunst imagemagick poppler-utils xdotool
  fonts-noto-cjk tzdata
)

is_installed () {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${packages[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
  done

  if ((${#missing[@]})); then
    sudo=()
    if ((EUID != 0)); then
      if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
      else
        echo "setup: missing packages: ${missing[*]}" >&2
        echo "setup: not root and sudo is not available; install them and run again" >&2
        exit 1
      fi
    fi
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_opts=(-q -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y "${missing[@]}" \
      > /tmp/rapport-setup-apt.log 2>&1 || {
        cat /tmp/rapport-setup-apt.log >&2
        echo "setup: apt-get install failed" >&2
        exit 1
      }
    still_missing=()
    for pkg in "${missing[@]}"; do
      is_installed "$pkg" || still_missing+=("$pkg")
    done
    if ((${#still_missing[@]})); then
      echo "setup: still not installed: ${still_missing[*]}" >&2
      exit 1
    fi
  fi
else
  echo "setup: not a Debian-like system; make sure these are installed: ${packages[*]}" >&2
fi

# Configure: a fresh setup, or a reconfigure when the build directory exists
# but cannot be used as it is (interrupted setup, other meson version).
if [[ -f "$builddir/meson-private/coredata.dat" ]]; then
  if [[ ! -f "$builddir/build.ninja" ]] || ! meson introspect --projectinfo "$builddir" >/dev/null 2>&1; then
    meson setup --reconfigure "$builddir" >/dev/null 2>"$builddir/setup-reconfigure.err" || {
      cat "$builddir/setup-reconfigure.err" >&2
      echo "setup: reconfigure failed; try: meson setup --wipe $builddir" >&2
      exit 1
    }
  fi
else
  log=$(mktemp)
  # MESON_SETUP_ARGS: extra options for a new build directory (the sanitizer build)
  # shellcheck disable=SC2086
  meson setup "$builddir" ${MESON_SETUP_ARGS:-} >"$log" 2>&1 || {
    cat "$log" >&2
    rm -f "$log"
    echo "setup: meson setup failed" >&2
    exit 1
  }
  rm -f "$log"
fi

# Build. Only compiler output (warnings, errors) is shown, not ninja's progress.
log=$(mktemp)
if ! meson compile -C "$builddir" --ninja-args=--quiet >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "setup: build failed" >&2
  exit 1
fi
grep -v -E '^(INFO: |ninja: (Entering|Leaving) directory|ninja: no work to do)' "$log" || true
rm -f "$log"
