#!/bin/sh
# Installs the named Debian packages that are missing, from Debian's archive: the common part of our
# install-*.sh scripts. Idempotent: packages already installed are skipped, and apt-get is not called at all
# when nothing is missing. Works as root or through sudo.
#   scripts/apt-ensure.sh NAME PACKAGE...     (NAME: the calling script, for messages)
set -eu
name="$1"; shift
missing=""
for p in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "$name: $* already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$name: apt-get not found; install$missing with your system's package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "$name: installing$missing"
$SUDO apt-get update
# $missing is a list of words on purpose.
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
