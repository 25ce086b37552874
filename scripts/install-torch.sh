#!/bin/sh
# Installs Debian's PyTorch (python3-torch) and NumPy for /usr/bin/python3.
# Needed only to regenerate the PyTorch cross-check fixtures
# (autograd/src/test/resources/fixtures/torch_composites.json) with scripts/torch_fixtures.py;
# the Java test suite itself needs no Python.
# Note: call /usr/bin/python3 explicitly: `python3` on PATH may be another interpreter (e.g. pyenv)
# that does not see Debian's packages.
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y python3-torch python3-numpy
/usr/bin/python3 -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__)'
