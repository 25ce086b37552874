#!/bin/sh
# Installs what the learners' runs need beyond a JDK, from Debian's archive:
#   dataset-fashion-mnist   Fashion-MNIST's IDX files, under /usr/share/datasets/fashion-mnist
#                           (./jgrad hippo --data fashion)
#   graphviz                dot, for PNGs of autograd graphs (./jgrad example Micrograd --graph g.html)
#   chromium                the browser the dashboard's end-to-end test drives headless (HippoDashboardTest;
#                           it skips, saying so, where chromium is missing)
# Idempotent and works as root or through sudo (scripts/apt-ensure.sh).
set -eu
"$(dirname "$0")/apt-ensure.sh" install-learners.sh dataset-fashion-mnist graphviz chromium
ls /usr/share/datasets/fashion-mnist  # the four IDX files
