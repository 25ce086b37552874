#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them, then prints GFLOP/s (matmul) and speed-ups (elementwise).
#
#   bench/run.sh                          matmul: simd on 1 thread and all cores, n = 64..1024; reference to 256
#   bench/run.sh ElementwiseBench         add, mul, exp and sum on 1M floats, reference vs simd
#   bench/run.sh MatmulBench -p n=1024 -p backend=simd:1     any JMH arguments (regexps, -p, -wi, -i, -f)
#   bench/run.sh Autograd                 autograd: per-op overhead (1-element tensors) and an MLP training step,
#                                         each against plain NDArray code; heap and live nodes after GC
#   bench/run.sh peers [--quick|--help]   the side-by-side comparison with PyTorch (issue 8): one markdown table,
#                                         also written to bench/results/; needs scripts/install-peers.sh first
#   bench/run.sh gpu [--quick]            the CPU-vs-GPU kernel report: bench/results/gpu-<time>/report.md and
#                                         PNG charts; needs an NVIDIA GPU and driver
#
# JVM options: JGRAD_JVM_OPTS (set by ./jgrad from JGRAD_OPTS and -D/-X arguments before the command) go on the
# java command; JMH passes them on to its forks, and peers to its jgrad workers.
# Needs JAVA_HOME set to a JDK 21+ (./jgrad bench finds one and sets it). Results: bench/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "bench/run.sh: set JAVA_HOME to a JDK 21 or newer (or run ./jgrad bench, which finds one)" >&2
  exit 1
fi
JAVA="$JAVA_HOME/bin/java"

# Word splitting of the options is intended (JGRAD_OPTS="-Dx=1 -Xmx4g").
read -r -a USER_OPTS <<< "${JGRAD_JVM_OPTS:-}"

mvn -B -q -pl bench -am package -DskipTests
JAR=bench/target/benchmarks.jar

JVM=("$JAVA" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${USER_OPTS[@]+"${USER_OPTS[@]}"})
if [ "${1:-}" = "gpu" ]; then
  shift
  case " $* " in *" --help "*) exec "${JVM[@]}" -cp "$JAR" org.jgrad.bench.gpu.GpuBench --help ;; esac
  out="bench/results/gpu-$(date -u +%Y%m%d-%H%M)"
  "${JVM[@]}" -cp "$JAR" org.jgrad.bench.gpu.GpuBench gpu "$out" "$@"
  "${JVM[@]}" -Djgrad.threads=1 -cp "$JAR" org.jgrad.bench.gpu.GpuBench cpu "$out" "$@"
  "${JVM[@]}" -cp "$JAR" org.jgrad.bench.gpu.GpuBench cpu "$out" "$@"
  exec "${JVM[@]}" -cp "$JAR" org.jgrad.bench.gpu.GpuReport "$out"
fi
if [ "${1:-}" = "peers" ]; then
  shift
  exec "$JAVA" --add-modules jdk.incubator.vector ${USER_OPTS[@]+"${USER_OPTS[@]}"} -cp "$JAR" \
    org.jgrad.bench.peers.PeersCommand "$@"
fi
mkdir -p bench/target/results
RESULT="bench/target/results/jmh-$(date +%Y%m%d-%H%M%S).json"

if [ $# -eq 0 ]; then
  set -- 'Matmul'   # MatmulBench (simd) and MatmulReferenceBench
fi
# Autograd runs also report heap and live graph nodes after a full GC per iteration (a leak check).
for arg in "$@"; do
  if [[ "$arg" == *Autograd* ]]; then
    set -- "$@" -prof org.jgrad.bench.AutogradHeapProfiler
    break
  fi
done
# The host JVM gets the Vector API module too: JMH passes the host's options on to its forks.
"$JAVA" --add-modules jdk.incubator.vector ${USER_OPTS[@]+"${USER_OPTS[@]}"} -jar "$JAR" "$@" -rf json -rff "$RESULT"
if [ -s "$RESULT" ]; then   # absent after -l, -h and the like
  echo
  "$JAVA" -cp "$JAR" org.jgrad.bench.BenchReport "$RESULT"
  echo "(JMH results: $RESULT)"
fi
