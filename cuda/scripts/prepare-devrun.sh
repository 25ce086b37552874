#!/usr/bin/env bash
# Prepares .devrun/ (git-ignored: add "/.devrun/" to .git/info/exclude) for a GPU machine that has a driver and
# nvcc but no Java: a jlinked JDK runtime (~45 MB), the built jars and the test classes, under the 64 MiB a
# device call may carry. Then, on the device: bash .devrun/gpu-check.sh (carry ".devrun").
#   cuda/scripts/prepare-devrun.sh      (needs JAVA_HOME = a JDK 21+, and a built checkout: mvn install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21+}"
rm -rf .devrun && mkdir -p .devrun
mvn -B -q -o -pl cuda dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$PWD/.devrun/lib"
mvn -B -q -o -pl bench dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PWD/.devrun/lib"
cp cuda/target/jgrad-cuda-*.jar .devrun/lib/
cp -r cuda/target/test-classes .devrun/cuda-test-classes
cp -r bench/target/classes .devrun/bench-classes
rm -f .devrun/lib/jmh* .devrun/lib/jopt* .devrun/lib/commons-math3*
# JCuda's natives jar holds every JCuda library (NVRTC, the PTX compiler: 24 MB); the backend needs the driver's.
tmp=$(mktemp -d)
(cd "$tmp" && unzip -q "$OLDPWD"/.devrun/lib/jcuda-natives-*-linux-x86_64.jar && rm -f lib/libJNvPTXCompiler* lib/libJNvrtc*)
rm .devrun/lib/jcuda-natives-*-linux-x86_64.jar
(cd "$tmp" && zip -qr "$OLDPWD/.devrun/lib/jcuda-natives-stripped-linux-x86_64.jar" .)
rm -rf "$tmp"
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector,java.xml,jdk.crypto.ec \
  --strip-debug --no-man-pages --no-header-files --compress zip-9 --output .devrun/jre
strip --strip-unneeded .devrun/jre/lib/server/libjvm.so 2>/dev/null || true
cp cuda/scripts/gpu-check.sh .devrun/gpu-check.sh
du -sh .devrun
