#!/bin/sh
# Installs what `./jgrad bench peers` needs on the PyTorch side, from Debian's archive:
#   python3-torch, python3-numpy   PyTorch and NumPy for /usr/bin/python3
#   libopenblas0-openmp            the OpenMP build of OpenBLAS; the runner selects it through
#                                  LD_LIBRARY_PATH (without it torch may fall back to the slow reference BLAS)
# Idempotent and works as root or through sudo (scripts/apt-ensure.sh).
# Note: call /usr/bin/python3 explicitly: `python3` on PATH may be another interpreter (e.g. pyenv)
# that does not see Debian's packages.
set -eu
"$(dirname "$0")/apt-ensure.sh" install-peers.sh python3-torch python3-numpy libopenblas0-openmp
/usr/bin/python3 -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__)'
