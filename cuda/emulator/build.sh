#!/usr/bin/env bash
# Builds the CPU emulator of the CUDA driver: OUT/libcuda.so.1, our kernels compiled as host C++ behind the
# driver entry points JCuda calls. Point LD_LIBRARY_PATH at OUT and the cuda backend runs on the CPU, so the
# GPU test suites can run where there is no GPU (see README.md here). Needs g++ (C++17); without it, says so
# and exits 0 having built nothing, and the GPU tests skip as they do without a driver.
#
#   cuda/emulator/build.sh target/cuda-emulator
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
kernels="$here/../src/main/cuda/jgrad_kernels.cu"
ptx="$here/../src/main/resources/org/jgrad/cuda/jgrad_kernels.ptx"
if [[ "$(uname -s)" != Linux ]]; then
    echo "cuda emulator: Linux only (it stands in for libcuda.so.1); the GPU tests will skip" >&2
    exit 0
fi
if ! command -v g++ >/dev/null; then
    echo "cuda emulator: g++ not found (apt-get install g++); the GPU tests will skip" >&2
    exit 0
fi
lib="$out/libcuda.so.1"
if [[ -f "$lib" && "$lib" -nt "$kernels" && "$lib" -nt "$ptx" && -z "$(find "$here" -newer "$lib" -type f)" ]]; then
    exit 0
fi
gen="$out/generated"
mkdir -p "$gen"

# The kernels as host C++: dynamic shared memory is one array of the runtime's.
{ echo '#include "cuda_emu.h"'; sed 's/extern __shared__/extern/' "$kernels"; } > "$gen/kernels_host.cpp"

# The kernel table, from the PTX's entries; a kernel whose body has a barrier runs its threads as fibers.
{
    echo '#include <cstddef>'
    echo '#include <type_traits>'
    echo '#include <utility>'
    echo '#include "emu_runtime.h"'
    echo '#include "kernels_host.cpp"'
    echo 'namespace {'
    echo 'template <class F> struct Invoker;'
    echo 'template <class... A> struct Invoker<void (*)(A...)> {'
    echo '    template <void (*F)(A...), std::size_t... I> static void call(void** p, std::index_sequence<I...>) {'
    echo '        F(*static_cast<std::remove_cv_t<std::remove_reference_t<A>>*>(p[I])...);'
    echo '    }'
    echo '    template <void (*F)(A...)> static void run(void** p) { call<F>(p, std::index_sequence_for<A...>{}); }'
    echo '};'
    echo '}'
    echo '#define EMU_KERNEL(name, barriers) {#name, &Invoker<decltype(&name)>::template run<&name>, barriers},'
    echo 'const emu::Kernel emu::KERNELS[] = {'
    awk '
        /\.entry[ \t]+[A-Za-z_0-9]+\(/ {
            if (name != "") print "EMU_KERNEL(" name ", " (bar ? "true" : "false") ")"
            match($0, /\.entry[ \t]+[A-Za-z_0-9]+/); name = substr($0, RSTART, RLENGTH); sub(/\.entry[ \t]+/, "", name)
            bar = 0
        }
        /^[ \t]*(\.visible[ \t]+)?\.func/ {   # a device function (math helpers): no entry of ours
            if (name != "") print "EMU_KERNEL(" name ", " (bar ? "true" : "false") ")"
            name = ""
        }
        /bar\.sync|barrier\.sync|bar\.arrive|bar\.red/ { bar = 1 }
        END { if (name != "") print "EMU_KERNEL(" name ", " (bar ? "true" : "false") ")" }
    ' "$ptx"
    echo '{nullptr, nullptr, false}};'
} > "$gen/registry.cpp"

# Every other driver entry point JCuda's binding names: a stub that says "not supported" (801).
defined="$(grep -oE '^CUresult cu[A-Za-z0-9_]+' "$here/emu_driver.cpp" | cut -d' ' -f2 | sort)"
{
    echo 'extern "C" {'
    comm -23 <(sort "$here/driver-symbols.txt") <(echo "$defined") | sed 's/.*/int &() { return 801; }/'
    echo '}'
} > "$gen/stubs.cpp"

# Built where it runs, so -march=native: fmaf inline rather than a libm call.
flags=(-std=c++17 -O2 -march=native -fPIC -fno-strict-aliasing -ffp-contract=fast -I"$here" -I"$gen")
g++ "${flags[@]}" -shared -o "$lib.tmp" "$gen/registry.cpp" "$here/emu_runtime.cpp" "$here/emu_driver.cpp" \
    "$gen/stubs.cpp" -lpthread
mv "$lib.tmp" "$lib"
echo "cuda emulator: built $lib ($(grep -c '^EMU_KERNEL(' "$gen/registry.cpp") kernels)"
