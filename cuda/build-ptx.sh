#!/usr/bin/env bash
# Compiles our CUDA kernels to PTX, the form committed in the jar (users need only the NVIDIA driver, which
# compiles PTX for their GPU when the backend loads it). compute_75 (Turing, 2018) is the oldest target CUDA 13's
# nvcc supports, so the PTX runs on Turing, Ampere, Ada, Hopper and later GPUs.
#
#   cuda/build-ptx.sh              # rewrites the committed resource
#   cuda/build-ptx.sh /tmp/x.ptx   # writes elsewhere (the freshness test compares the two)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/src/main/resources/org/jgrad/cuda/jgrad_kernels.ptx}"
command -v nvcc >/dev/null || { echo "build-ptx.sh: nvcc not found; install the CUDA toolkit (13.x)" >&2; exit 1; }
nvcc -ptx -arch=compute_75 -O3 -std=c++17 -o "$out" "$here/src/main/cuda/jgrad_kernels.cu"
