#!/bin/sh
# Installs what the learners' runs need beyond a JDK, from Debian's archive:
#   dataset-fashion-mnist   Fashion-MNIST's IDX files, under /usr/share/datasets/fashion-mnist
#                           (./jgrad hippo --data fashion)
# Idempotent and works as root or through sudo (scripts/apt-ensure.sh).
set -eu
"$(dirname "$0")/apt-ensure.sh" install-learners.sh dataset-fashion-mnist
ls /usr/share/datasets/fashion-mnist  # the four IDX files
