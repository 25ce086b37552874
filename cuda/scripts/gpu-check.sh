#!/usr/bin/env bash
# One device call (run from the checkout's root as bash .devrun/gpu-check.sh, carry ".devrun"): facts and the
# PTX check, doctor, the GPU suites, digits training on the GPU, and the GPU report's measurements (JSON into
# $OUT; render them here with GpuReport). Each step has its own timeout; the whole fits a 540 s call.
# A dry run without a GPU, on the driver emulator (smaller bench sizes):
#   OUT=/tmp/dry GPU_CHECK_QUICK=1 LD_LIBRARY_PATH=$PWD/cuda/target/cuda-emulator bash .devrun/gpu-check.sh
set -uo pipefail
cd "$(dirname "$0")/.."
J=.devrun/jre/bin/java
CP=".devrun/bench-classes:.devrun/cuda-test-classes:$(ls .devrun/lib/*.jar | tr '\n' ':')"
O="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC"
F=$OUT/facts.txt
mkdir -p target /tmp/rep
{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv; nvcc --version | tail -1; nproc; lscpu | grep -E "Model name|Flags" | cut -c1-400; } > $F 2>&1
nvcc -ptx -arch=compute_75 -O3 -std=c++17 -o /tmp/d.ptx cuda/src/main/cuda/jgrad_kernels.cu && cmp /tmp/d.ptx cuda/src/main/resources/org/jgrad/cuda/jgrad_kernels.ptx && echo "PTX: the device's nvcc makes the committed PTX" >> $F
nvcc -cubin -arch=sm_90 -o /tmp/k.cubin cuda/src/main/resources/org/jgrad/cuda/jgrad_kernels.ptx && echo "ptxas sm_90 accepts the committed PTX" >> $F
timeout 30 $J $O -cp "$CP" org.jgrad.bench.doctor.Doctor --backend cuda > $OUT/doctor.txt 2>&1; echo "doctor exit $?" >> $F
timeout 150 $J $O -Xmx8g -cp "$CP" org.jgrad.cuda.GpuSuites > $OUT/suites.log 2>&1; echo "suites exit $?" >> $F
timeout 60 $J $O -Xmx4g -cp "$CP" org.jgrad.examples.digits.DigitsMlp --device cuda --data-dir /tmp/digits --checkpoint /tmp/ck.safetensors > $OUT/train-gpu.txt 2>&1; echo "train exit $?" >> $F
B=$OUT/bench.log
Q=${GPU_CHECK_QUICK:+--quick}
timeout 150 $J $O -Xmx24g -cp "$CP" org.jgrad.bench.gpu.GpuBench gpu /tmp/rep $Q > $B 2>&1; echo "gpubench gpu exit $?" >> $F
timeout 90 $J $O -Xmx24g -Djgrad.threads=1 -Dgpubench.cpuMaxFlops=2e11 -Dgpubench.cpuCapMs=2500 -cp "$CP" org.jgrad.bench.gpu.GpuBench cpu /tmp/rep $Q >> $B 2>&1; echo "gpubench cpu-1 exit $?" >> $F
timeout 70 $J $O -Xmx24g -Dgpubench.cpuCapMs=3000 -cp "$CP" org.jgrad.bench.gpu.GpuBench cpu /tmp/rep $Q >> $B 2>&1; echo "gpubench cpu-all exit $?" >> $F
cp /tmp/rep/*.json $OUT/
timeout 25 python3 -c "
import torch, time
torch.backends.cuda.matmul.allow_tf32 = False
for n in (64,128,256,512,1024,2048,4096,8192):
    a = torch.randn(n, n, device='cuda'); b = torch.randn(n, n, device='cuda')
    for _ in range(3): a @ b
    torch.cuda.synchronize(); r = max(3, min(200, int(2e11 / (2*n**3)))); t = time.perf_counter()
    for _ in range(r): a @ b
    torch.cuda.synchronize(); s = (time.perf_counter() - t) / r
    print(f'torch.mm cuBLAS f32 TF32 off n={n}: {s*1e3:.4f} ms {2*n**3/s/1e9:.1f} GFLOP/s')
" >> $B 2>&1
cat $F; grep -E "tests (successful|failed|found)|\[cuda\]" $OUT/suites.log; tail -4 $OUT/train-gpu.txt; cat $OUT/doctor.txt | grep -v WARNING; grep -E "^gpu|^cpu|torch|wrote" $B | tail -60
