#!/bin/sh
# Installs what `./jgrad bench peers` needs on the PyTorch side, from Debian's archive:
#   python3-torch, python3-numpy   PyTorch and NumPy for /usr/bin/python3
#   libopenblas0-openmp            the OpenMP build of OpenBLAS; the runner selects it through
#                                  LD_LIBRARY_PATH (without it torch may fall back to the slow reference BLAS)
# Idempotent: packages already installed are skipped, and apt-get is not called at all when nothing is missing.
# Works as root or through sudo.
# Note: call /usr/bin/python3 explicitly: `python3` on PATH may be another interpreter (e.g. pyenv)
# that does not see Debian's packages.
set -eu
PACKAGES="python3-torch python3-numpy libopenblas0-openmp"
missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-peers.sh: apt-get not found; install$missing with your system's package manager" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-peers.sh: installing$missing"
  $SUDO apt-get update
  # $missing is a list of words on purpose.
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
else
  echo "install-peers.sh: $PACKAGES already installed"
fi
/usr/bin/python3 -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__)'
