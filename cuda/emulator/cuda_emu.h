// The CUDA C that our kernels use, for compiling them as host C++ (the CPU emulator of the driver, see
// README.md here). Each CUDA thread of a block runs as a fiber on one OS thread; __syncthreads switches
// fibers, so a block's threads meet at every barrier as on a GPU. Blocks run one after another, which is why
// block-local __shared__ arrays can be function statics.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
#define __shared__ static

struct dim3 {
    unsigned int x, y, z;
};

// Set by the scheduler before it resumes a thread (emu_runtime.cpp).
extern dim3 threadIdx;
extern dim3 blockIdx;
extern dim3 blockDim;
extern dim3 gridDim;

// A barrier for the threads of the running block.
void __syncthreads();

struct alignas(16) float4 {
    float x, y, z, w;
};

inline float4 make_float4(float x, float y, float z, float w) {
    return float4{x, y, z, w};
}

// One OS thread runs all kernels (launches hold a lock), so plain read-modify-write is atomic here.
inline int atomicMin(int* p, int v) {
    int old = *p;
    if (v < old) {
        *p = v;
    }
    return old;
}

inline int atomicExch(int* p, int v) {
    int old = *p;
    *p = v;
    return old;
}

inline int atomicAdd(int* p, int v) {
    int old = *p;
    *p = old + v;
    return old;
}

// CUDA's integer min and max (its float ones are fminf/fmaxf, from <cmath>).
inline int min(int a, int b) { return a < b ? a : b; }
inline int max(int a, int b) { return a > b ? a : b; }
inline long long min(long long a, long long b) { return a < b ? a : b; }
inline long long max(long long a, long long b) { return a > b ? a : b; }
inline unsigned min(unsigned a, unsigned b) { return a < b ? a : b; }
inline unsigned max(unsigned a, unsigned b) { return a > b ? a : b; }

// CUDA's round-to-nearest float operations, which nvcc never fuses into a multiply-add: going through a
// volatile keeps g++ from fusing them too (-ffp-contract=fast would turn a __fmul_rn feeding a __fadd_rn into
// an fma).
inline float emu_opaque(float r) {
    volatile float v = r;
    return v;
}
inline float __fmul_rn(float a, float b) { return emu_opaque(a * b); }
inline float __fadd_rn(float a, float b) { return emu_opaque(a + b); }
inline float __fsub_rn(float a, float b) { return emu_opaque(a - b); }
inline float __fdiv_rn(float a, float b) { return emu_opaque(a / b); }
inline float __fsqrt_rn(float a) { return emu_opaque(std::sqrt(a)); }

using std::isinf;
using std::isnan;
using std::signbit;
