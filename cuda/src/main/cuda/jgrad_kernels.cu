// jgrad's CUDA kernels: one source, compiled to PTX by cuda/build-ptx.sh (nvcc) and committed as a resource,
// so users need no CUDA toolkit, only the driver. Kernel names are <kernel>_<dtype>; each is made by one
// macro line at the end of its section (one line per op x dtype).
//
// Conventions shared with the Java side (org.jgrad.cuda.Kernels):
//  * Elementwise kernels iterate over a shared shape (Layout) and read/write each operand through its own
//    offset and strides (Strides), so views (transposed, expanded, sliced, flipped) need no copies. The host
//    merges dims that are contiguous in every operand first, so a dense op runs with rank 1.
//  * Floating results follow the float64 reference's rules (Java semantics) where C differs: NaN propagates
//    through max/min, max(-0, 0) = 0, pow(1, NaN) = NaN, float-to-int conversion saturates with NaN -> 0.
//  * Everything is deterministic: no float atomics; reductions use a fixed tree per block size, which the
//    host picks from the shape alone.
//  * Errors found on the device (an index out of range, an integer division by zero) are recorded with
//    atomicMin in a small error buffer the host reads after the launch: for an index, the offset of the bad
//    value in the index's storage; for arithmetic, the element's position.

typedef long long i64;
typedef unsigned long long u64;
typedef unsigned char u8;
typedef float f32;
typedef double f64;
typedef int i32;

#define MAX_RANK 8

struct Layout {
    int rank;
    int shape[MAX_RANK];
};

struct Strides {
    int offset;
    int s[MAX_RANK];
};

// Error codes written to err[0] (the position) / err[1] (the code) by atomicMin on the position.
#define ERR_INDEX 1
#define ERR_DIV_ZERO 2
#define ERR_NEG_POW 3

__device__ __forceinline__ void record_error(int* err, int position, int code) {
    int old = atomicMin(err, position);
    if (position < old) {
        atomicExch(err + 1, code);
    }
}

#define GRID_LOOP(n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

// For operands the host merged into one dense run (rank 1, stride 1): each thread takes four elements a grid
// apart per round and issues all their loads before computing any, so that four loads per operand are in
// flight (one per thread is too few bytes in flight to cover memory latency at full bandwidth). load(k, i)
// fills slot k with element i's inputs; body(k, i) computes and stores element i as the general path does.
template <typename Load, typename Body>
__device__ __forceinline__ void dense_rounds(int n, Load load, Body body) {
    const int stride = blockDim.x * gridDim.x;
    int i0 = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i0 + 3 * stride < n; i0 += 4 * stride) {
#pragma unroll
        for (int k = 0; k < 4; ++k) load(k, i0 + k * stride);
#pragma unroll
        for (int k = 0; k < 4; ++k) body(k, i0 + k * stride);
    }
    for (; i0 < n; i0 += stride) {
        load(0, i0);
        body(0, i0);
    }
}

__device__ __forceinline__ bool dense1(const Layout& l, const Strides& a) { return l.rank == 1 && a.s[0] == 1; }

// A dense or simply strided operation (all dims merged into one by the host) needs no division per element.
__device__ __forceinline__ void offsets2(const Layout& l, const Strides& a, const Strides& b, int i, int& oa, int& ob) {
    if (l.rank == 1) {
        oa = a.offset + i * a.s[0];
        ob = b.offset + i * b.s[0];
        return;
    }
    oa = a.offset;
    ob = b.offset;
    for (int d = l.rank - 1; d >= 0; --d) {
        int q = i / l.shape[d];
        int r = i - q * l.shape[d];
        oa += r * a.s[d];
        ob += r * b.s[d];
        i = q;
    }
}

__device__ __forceinline__ void offsets3(const Layout& l, const Strides& a, const Strides& b, const Strides& c, int i,
                                         int& oa, int& ob, int& oc) {
    if (l.rank == 1) {
        oa = a.offset + i * a.s[0];
        ob = b.offset + i * b.s[0];
        oc = c.offset + i * c.s[0];
        return;
    }
    oa = a.offset;
    ob = b.offset;
    oc = c.offset;
    for (int d = l.rank - 1; d >= 0; --d) {
        int q = i / l.shape[d];
        int r = i - q * l.shape[d];
        oa += r * a.s[d];
        ob += r * b.s[d];
        oc += r * c.s[d];
        i = q;
    }
}

__device__ __forceinline__ void offsets4(const Layout& l, const Strides& a, const Strides& b, const Strides& c,
                                         const Strides& e, int i, int& oa, int& ob, int& oc, int& oe) {
    if (l.rank == 1) {
        oa = a.offset + i * a.s[0];
        ob = b.offset + i * b.s[0];
        oc = c.offset + i * c.s[0];
        oe = e.offset + i * e.s[0];
        return;
    }
    oa = a.offset;
    ob = b.offset;
    oc = c.offset;
    oe = e.offset;
    for (int d = l.rank - 1; d >= 0; --d) {
        int q = i / l.shape[d];
        int r = i - q * l.shape[d];
        oa += r * a.s[d];
        ob += r * b.s[d];
        oc += r * c.s[d];
        oe += r * e.s[d];
        i = q;
    }
}

// ------------------------------------------------------------------------------------------- conversions

// To a dtype from double, as Java's casts do (the reference backend's setDouble).
__device__ __forceinline__ void from_double(f32* p, double v) { *p = (float) v; }
__device__ __forceinline__ void from_double(f64* p, double v) { *p = v; }
__device__ __forceinline__ void from_double(i32* p, double v) { *p = (int) v; }        // cvt.rzi saturates, NaN -> 0
__device__ __forceinline__ void from_double(i64* p, double v) { *p = (long long) v; }
__device__ __forceinline__ void from_double(u8* p, double v) { *p = v != 0 ? 1 : 0; }  // NaN is true, as in Java

// To a dtype from a 64-bit integer, as the reference's setLong (wrapping for I32, non-zero true for BOOL).
__device__ __forceinline__ void from_long(f32* p, i64 v) { *p = (float) v; }
__device__ __forceinline__ void from_long(f64* p, i64 v) { *p = (double) v; }
__device__ __forceinline__ void from_long(i32* p, i64 v) { *p = (int) v; }
__device__ __forceinline__ void from_long(i64* p, i64 v) { *p = v; }
__device__ __forceinline__ void from_long(u8* p, i64 v) { *p = v != 0 ? 1 : 0; }

__device__ __forceinline__ double to_double(f32 v) { return v; }
__device__ __forceinline__ double to_double(f64 v) { return v; }
__device__ __forceinline__ double to_double(i32 v) { return v; }
__device__ __forceinline__ double to_double(i64 v) { return (double) v; }
__device__ __forceinline__ double to_double(u8 v) { return v; }

__device__ __forceinline__ i64 to_long(i32 v) { return v; }
__device__ __forceinline__ i64 to_long(i64 v) { return v; }
__device__ __forceinline__ i64 to_long(u8 v) { return v; }

// copy_<src>_<dst>: converts through double when either side is floating, else through long (exact for I64).
#define COPY_VIA(SRC, DST, VIA, CONV)                                                                        \
    extern "C" __global__ void copy_##SRC##_##DST(int n, Layout l, const SRC* x, Strides sx, DST* y, Strides sy) { \
        GRID_LOOP(n) {                                                                                     \
            int ox, oy;                                                                                    \
            offsets2(l, sx, sy, i, ox, oy);                                                                \
            VIA(&y[oy], CONV(x[ox]));                                                                      \
        }                                                                                                  \
    }
#define COPY_D(SRC, DST) COPY_VIA(SRC, DST, from_double, to_double)
#define COPY_L(SRC, DST) COPY_VIA(SRC, DST, from_long, to_long)

COPY_D(f32, f32) COPY_D(f32, f64) COPY_D(f32, i32) COPY_D(f32, i64) COPY_D(f32, u8)
COPY_D(f64, f32) COPY_D(f64, f64) COPY_D(f64, i32) COPY_D(f64, i64) COPY_D(f64, u8)
COPY_D(i32, f32) COPY_D(i32, f64) COPY_L(i32, i32) COPY_L(i32, i64) COPY_L(i32, u8)
COPY_D(i64, f32) COPY_D(i64, f64) COPY_L(i64, i32) COPY_L(i64, i64) COPY_L(i64, u8)
COPY_D(u8, f32)  COPY_D(u8, f64)  COPY_L(u8, i32)  COPY_L(u8, i64)  COPY_L(u8, u8)

// fill_<dtype>: every element of the view set to v, converted as Java's (dtype) v.
#define FILL(T)                                                                                            \
    extern "C" __global__ void fill_##T(int n, Layout l, T* y, Strides sy, double v) {                    \
        T value;                                                                                           \
        from_double(&value, v);                                                                            \
        GRID_LOOP(n) {                                                                                     \
            int oy, unused;                                                                                \
            offsets2(l, sy, sy, i, oy, unused);                                                            \
            y[oy] = value;                                                                                 \
        }                                                                                                  \
    }
FILL(f32) FILL(f64) FILL(i32) FILL(i64) FILL(u8)

// --------------------------------------------------------------------------------------------- unary

__device__ __forceinline__ float erf_(float x) { return erff(x); }
__device__ __forceinline__ double erf_(double x) { return erf(x); }

#define UNARY(NAME, T, EXPR)                                                                               \
    extern "C" __global__ void unary_##NAME##_##T(int n, Layout l, const T* xs, Strides sx, T* y, Strides sy) { \
        if (dense1(l, sx) && dense1(l, sy)) {                                                              \
            T xv[4];                                                                                       \
            dense_rounds(n, [&](int k, int i) { xv[k] = xs[sx.offset + i]; },                              \
                         [&](int k, int i) { T x = xv[k]; y[sy.offset + i] = (EXPR); });                   \
            return;                                                                                        \
        }                                                                                                  \
        GRID_LOOP(n) {                                                                                     \
            int ox, oy;                                                                                    \
            offsets2(l, sx, sy, i, ox, oy);                                                                \
            T x = xs[ox];                                                                                  \
            y[oy] = (EXPR);                                                                                \
        }                                                                                                  \
    }

// Integers and bool: computed as the reference's applyLong (wrapping arithmetic on 64 bits).
#define UNARY_INT(T)                                                                                       \
    UNARY(neg, T, (T) (0ULL - (u64) (i64) x))                                                              \
    UNARY(abs, T, x < 0 ? (T) (0ULL - (u64) (i64) x) : x)                                                  \
    UNARY(not, T, (T) (x == 0 ? 1 : 0))

#define UNARY_FLOAT(T, ONE)                                                                                \
    UNARY(neg, T, -x)                                                                                      \
    UNARY(abs, T, fabs(x))                                                                                 \
    UNARY(exp, T, exp(x))                                                                                  \
    UNARY(log, T, log(x))                                                                                  \
    UNARY(sin, T, sin(x))                                                                                  \
    UNARY(cos, T, cos(x))                                                                                  \
    UNARY(sqrt, T, sqrt(x))                                                                                \
    UNARY(recip, T, ONE / x)                                                                               \
    UNARY(erf, T, erf_(x))                                                                                 \
    UNARY(sigmoid, T, ONE / (ONE + exp(-x)))                                                               \
    UNARY(tanh, T, tanh(x))                                                                                \
    UNARY(not, T, (T) (x == 0 ? 1 : 0))

UNARY_FLOAT(f32, 1.0f)
UNARY_FLOAT(f64, 1.0)
UNARY_INT(i32)
UNARY_INT(i64)
UNARY(not, u8, (u8) (x == 0 ? 1 : 0))

// --------------------------------------------------------------------------------------------- binary

// Java's Math.max/min on floats: NaN wins, and -0 < 0.
template <typename T> __device__ __forceinline__ T jmax(T a, T b) {
    if (a != a || b != b) return a != a ? a : b;
    if (a == 0 && b == 0) return signbit(a) ? b : a;
    return a > b ? a : b;
}
template <typename T> __device__ __forceinline__ T jmin(T a, T b) {
    if (a != a || b != b) return a != a ? a : b;
    if (a == 0 && b == 0) return signbit(a) ? a : b;
    return a < b ? a : b;
}
// Java's Math.pow where it differs from C's: a NaN exponent, or +-1 to an infinite power, gives NaN.
template <typename T> __device__ __forceinline__ T jpow(T a, T b) {
    if (b != b) return b;
    if (isinf(b) && fabs(a) == 1) return b - b;
    return pow(a, b);
}

__device__ __forceinline__ i64 int_pow(i64 base, i64 e) {
    u64 result = 1, b = (u64) base;
    while (e > 0) {
        if (e & 1) result *= b;
        b *= b;
        e >>= 1;
    }
    return (i64) result;
}

#define BINARY(NAME, T, R, EXPR)                                                                           \
    extern "C" __global__ void binary_##NAME##_##T(int n, Layout l, const T* as, Strides sa, const T* bs,   \
                                                   Strides sb, R* y, Strides sy, int* err) {               \
        if (dense1(l, sa) && dense1(l, sb) && dense1(l, sy)) {                                             \
            T av[4], bv[4];                                                                                \
            dense_rounds(n, [&](int k, int i) { av[k] = as[sa.offset + i]; bv[k] = bs[sb.offset + i]; },   \
                         [&](int k, int i) { int oy = sy.offset + i; T a = av[k]; T b = bv[k]; EXPR; });   \
            return;                                                                                        \
        }                                                                                                  \
        GRID_LOOP(n) {                                                                                     \
            int oa, ob, oy;                                                                                \
            offsets3(l, sa, sb, sy, i, oa, ob, oy);                                                        \
            T a = as[oa];                                                                                  \
            T b = bs[ob];                                                                                  \
            EXPR;                                                                                          \
        }                                                                                                  \
    }                                                                                                      \
    extern "C" __global__ void binary_scalar_##NAME##_##T(int n, Layout l, const T* as, Strides sa, T b,   \
                                                          R* y, Strides sy, int* err) {                    \
        if (dense1(l, sa) && dense1(l, sy)) {                                                              \
            T av[4];                                                                                       \
            dense_rounds(n, [&](int k, int i) { av[k] = as[sa.offset + i]; },                              \
                         [&](int k, int i) { int oy = sy.offset + i; T a = av[k]; EXPR; });                \
            return;                                                                                        \
        }                                                                                                  \
        GRID_LOOP(n) {                                                                                     \
            int oa, oy;                                                                                    \
            offsets2(l, sa, sy, i, oa, oy);                                                                \
            T a = as[oa];                                                                                  \
            EXPR;                                                                                          \
        }                                                                                                  \
    }

#define BINARY_FLOAT(T)                                                                                    \
    BINARY(add, T, T, y[oy] = a + b)                                                                       \
    BINARY(sub, T, T, y[oy] = a - b)                                                                       \
    BINARY(mul, T, T, y[oy] = a * b)                                                                       \
    BINARY(div, T, T, y[oy] = a / b)                                                                       \
    BINARY(max, T, T, y[oy] = jmax(a, b))                                                                  \
    BINARY(min, T, T, y[oy] = jmin(a, b))                                                                  \
    BINARY(pow, T, T, y[oy] = jpow(a, b))                                                                  \
    BINARY(lt, T, u8, y[oy] = a < b)                                                                       \
    BINARY(eq, T, u8, y[oy] = a == b)

// Integers and bool: the reference's applyLong on 64 bits, stored as setLong does.
#define BINARY_INT(T)                                                                                      \
    BINARY(add, T, T, from_long(&y[oy], (i64) ((u64) to_long(a) + (u64) to_long(b))))                     \
    BINARY(sub, T, T, from_long(&y[oy], (i64) ((u64) to_long(a) - (u64) to_long(b))))                     \
    BINARY(mul, T, T, from_long(&y[oy], (i64) ((u64) to_long(a) * (u64) to_long(b))))                     \
    BINARY(div, T, T,                                                                                      \
           if (to_long(b) == 0) { record_error(err, i, ERR_DIV_ZERO); y[oy] = 0; }                          \
           else if (to_long(b) == -1) from_long(&y[oy], (i64) (0ULL - (u64) to_long(a)));                 \
           else from_long(&y[oy], to_long(a) / to_long(b)))                                                \
    BINARY(max, T, T, from_long(&y[oy], to_long(a) > to_long(b) ? to_long(a) : to_long(b)))                \
    BINARY(min, T, T, from_long(&y[oy], to_long(a) < to_long(b) ? to_long(a) : to_long(b)))                \
    BINARY(pow, T, T,                                                                                      \
           if (to_long(b) < 0) { record_error(err, i, ERR_NEG_POW); y[oy] = 0; }                            \
           else from_long(&y[oy], int_pow(to_long(a), to_long(b))))                                         \
    BINARY(lt, T, u8, y[oy] = to_long(a) < to_long(b))                                                     \
    BINARY(eq, T, u8, y[oy] = to_long(a) == to_long(b))

BINARY_FLOAT(f32)
BINARY_FLOAT(f64)
BINARY_INT(i32)
BINARY_INT(i64)
BINARY_INT(u8)

// --------------------------------------------------------------------------------------------- where

#define WHERE(T)                                                                                           \
    extern "C" __global__ void where_##T(int n, Layout l, const u8* cs, Strides sc, const T* as, Strides sa, \
                                         const T* bs, Strides sb, T* y, Strides sy) {                      \
        GRID_LOOP(n) {                                                                                     \
            int oc, oa, ob, oy;                                                                            \
            offsets4(l, sc, sa, sb, sy, i, oc, oa, ob, oy);                                                \
            y[oy] = cs[oc] ? as[oa] : bs[ob];                                                              \
        }                                                                                                  \
    }
WHERE(f32) WHERE(f64) WHERE(i32) WHERE(i64) WHERE(u8)

// ----------------------------------------------------------------------------------------- reductions
//
// Over the rows of a dense [rows, inner] matrix (the host copies other layouts into it first): block b
// reduces chunk (b % chunks) of row (b / chunks), each thread walking its elements in increasing order, then a
// fixed tree over the block. With chunks > 1 the host reduces the [rows, chunks] partials in a second launch.
// The block size is a power of two in [32, 256] that the host derives from the shape, so results are the same
// every run.

template <typename T> struct SumOp {
    typedef T Acc;
    __device__ static Acc identity() { return 0; }
    __device__ static Acc combine(Acc a, Acc b) { return a + b; }
};
template <typename T> struct MaxOp {
    typedef T Acc;
    __device__ static Acc identity() { return -INFINITY; }
    __device__ static Acc combine(Acc a, Acc b) { return jmax(a, b); }
};
template <> struct MaxOp<u8> {
    typedef u8 Acc;
    __device__ static Acc identity() { return 0; }
    __device__ static Acc combine(Acc a, Acc b) { return a > b ? a : b; }
};
template <> struct MaxOp<i32> {
    typedef i32 Acc;
    __device__ static Acc identity() { return (i32) 0x80000000; }
    __device__ static Acc combine(Acc a, Acc b) { return a > b ? a : b; }
};
template <> struct MaxOp<i64> {
    typedef i64 Acc;
    __device__ static Acc identity() { return (i64) 0x8000000000000000ULL; }
    __device__ static Acc combine(Acc a, Acc b) { return a > b ? a : b; }
};

template <typename Op, typename T>
__device__ void reduce_rows(const T* x, T* out, int inner, int chunk, int chunks) {
    extern __shared__ unsigned char smem_raw[];
    typedef typename Op::Acc Acc;
    Acc* smem = reinterpret_cast<Acc*>(smem_raw);
    int row = blockIdx.x / chunks;
    int c = blockIdx.x - row * chunks;
    int start = c * chunk;
    int end = min(inner, start + chunk);
    const T* p = x + (i64) row * inner;
    Acc acc = Op::identity();
    for (int j = start + threadIdx.x; j < end; j += blockDim.x) {
        acc = Op::combine(acc, (Acc) p[j]);
    }
    smem[threadIdx.x] = acc;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            smem[threadIdx.x] = Op::combine(smem[threadIdx.x], smem[threadIdx.x + s]);
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        out[blockIdx.x] = (T) smem[0];
    }
}

#define REDUCE(NAME, OP, T)                                                                                \
    extern "C" __global__ void reduce_##NAME##_##T(const T* x, T* out, int inner, int chunk, int chunks) {  \
        reduce_rows<OP<T>, T>(x, out, inner, chunk, chunks);                                              \
    }
REDUCE(sum, SumOp, f32) REDUCE(sum, SumOp, f64) REDUCE(sum, SumOp, i32) REDUCE(sum, SumOp, i64)
REDUCE(max, MaxOp, f32) REDUCE(max, MaxOp, f64) REDUCE(max, MaxOp, i32) REDUCE(max, MaxOp, i64) REDUCE(max, MaxOp, u8)

// argmax over the rows of a dense [rows, inner] matrix: the index of the first maximum, NaN counting as the
// largest (torch.argmax). One block per row; ties keep the lower index at every step of the tree.
template <typename T> __device__ __forceinline__ bool beats(T v, int j, T best, int bj) {
    bool vn = v != v, bn = best != best;
    if (vn || bn) return vn && (!bn || j < bj);
    return v > best || (v == best && j < bj);
}

#define ARGMAX(T)                                                                                          \
    extern "C" __global__ void argmax_##T(const T* x, i64* out, int inner) {                              \
        __shared__ T vals[256];                                                                            \
        __shared__ int idxs[256];                                                                          \
        const T* p = x + (i64) blockIdx.x * inner;                                                         \
        T best = p[0];                                                                                     \
        int bj = 0;                                                                                        \
        for (int j = threadIdx.x; j < inner; j += blockDim.x) {                                            \
            if (beats(p[j], j, best, bj)) { best = p[j]; bj = j; }                                          \
        }                                                                                                  \
        vals[threadIdx.x] = best;                                                                          \
        idxs[threadIdx.x] = bj;                                                                            \
        __syncthreads();                                                                                   \
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {                                                     \
            if (threadIdx.x < s && beats(vals[threadIdx.x + s], idxs[threadIdx.x + s], vals[threadIdx.x],  \
                                         idxs[threadIdx.x])) {                                             \
                vals[threadIdx.x] = vals[threadIdx.x + s];                                                 \
                idxs[threadIdx.x] = idxs[threadIdx.x + s];                                                 \
            }                                                                                              \
            __syncthreads();                                                                               \
        }                                                                                                  \
        if (threadIdx.x == 0) out[blockIdx.x] = idxs[0];                                                   \
    }
ARGMAX(f32) ARGMAX(f64) ARGMAX(i32) ARGMAX(i64)

// ------------------------------------------------------------------------------------------- indexing

// gather: out (dense, the index's shape) [i] = x[m with m[dim] = index[m]], m the multi-index of i.
// xs.s[dim] is 0 on entry; xdim is x's stride along dim and size its length there.
#define GATHER(T)                                                                                          \
    extern "C" __global__ void gather_##T(int n, Layout l, const T* x, Strides sx, int xdim, int size,     \
                                          const i64* index, Strides si, T* out, int* err) {                \
        GRID_LOOP(n) {                                                                                     \
            int ox, oi;                                                                                    \
            offsets2(l, sx, si, i, ox, oi);                                                                \
            i64 k = index[oi];                                                                             \
            if (k < 0 || k >= size) {                                                                      \
                record_error(err, oi, ERR_INDEX);                                                          \
                out[i] = 0;                                                                                \
            } else {                                                                                       \
                out[i] = x[ox + (int) k * xdim];                                                           \
            }                                                                                              \
        }                                                                                                  \
    }
GATHER(f32) GATHER(f64) GATHER(i32) GATHER(i64) GATHER(u8)

// index_select: out (dense; x's shape with dim resized to the index's length) [i] = x[m with m[dim] =
// index[m[dim]]]. xs.s[dim] is 0 on entry.
#define INDEX_SELECT(T)                                                                                    \
    extern "C" __global__ void index_select_##T(int n, Layout l, const T* x, Strides sx, int dim, int xdim, \
                                                int size, const i64* index, int ioff, int istride, T* out,  \
                                                int* err) {                                                \
        GRID_LOOP(n) {                                                                                     \
            int ox = sx.offset, r = 0, rest = i;                                                           \
            for (int d = l.rank - 1; d >= 0; --d) {                                                        \
                int q = rest / l.shape[d];                                                                 \
                int m = rest - q * l.shape[d];                                                             \
                ox += m * sx.s[d];                                                                         \
                if (d == dim) r = m;                                                                       \
                rest = q;                                                                                  \
            }                                                                                              \
            i64 k = index[ioff + r * istride];                                                             \
            if (k < 0 || k >= size) {                                                                      \
                record_error(err, ioff + r * istride, ERR_INDEX);                                                      \
                out[i] = 0;                                                                                \
            } else {                                                                                       \
                out[i] = x[ox + (int) k * xdim];                                                           \
            }                                                                                              \
        }                                                                                                  \
    }
INDEX_SELECT(f32) INDEX_SELECT(f64) INDEX_SELECT(i32) INDEX_SELECT(i64) INDEX_SELECT(u8)

// scatter_add into a dense dst: one thread per dst element p (multi-index m over dst's shape, r = m[dim]) adds,
// in increasing j, every src[q] whose index[q] == r, where q is m with q[dim] = j and j runs over the index's
// length along dim. Same order as a sequential loop, no atomics. l is dst's shape; ishape the index's
// (index and src share it); threads with m[d] >= ishape[d] for some d != dim have nothing to add. Index values
// are range-checked by the threads of r == 0.
#define SCATTER_ADD(T)                                                                                     \
    extern "C" __global__ void scatter_add_##T(int n, Layout l, T* dst, Layout ishape, int dim,            \
                                               const i64* index, Strides si, const T* src, Strides ss,     \
                                               int* err) {                                                 \
        GRID_LOOP(n) {                                                                                     \
            int oi = si.offset, os = ss.offset, r = 0, rest = i;                                           \
            bool inside = true;                                                                            \
            for (int d = l.rank - 1; d >= 0; --d) {                                                        \
                int q = rest / l.shape[d];                                                                 \
                int m = rest - q * l.shape[d];                                                             \
                if (d == dim) {                                                                            \
                    r = m;                                                                                 \
                } else {                                                                                   \
                    inside = inside && m < ishape.shape[d];                                                \
                    oi += m * si.s[d];                                                                     \
                    os += m * ss.s[d];                                                                     \
                }                                                                                          \
                rest = q;                                                                                  \
            }                                                                                              \
            if (!inside) continue;                                                                         \
            T acc = dst[i];                                                                                \
            int len = ishape.shape[dim];                                                                   \
            int size = l.shape[dim];                                                                       \
            for (int j = 0; j < len; ++j) {                                                                \
                i64 k = index[oi + j * si.s[dim]];                                                         \
                if (k == r) acc += src[os + j * ss.s[dim]];                                                \
                else if (r == 0 && (k < 0 || k >= size)) record_error(err, oi + j * si.s[dim], ERR_INDEX);      \
            }                                                                                              \
            dst[i] = acc;                                                                                  \
        }                                                                                                  \
    }
SCATTER_ADD(f32) SCATTER_ADD(f64) SCATTER_ADD(i32) SCATTER_ADD(i64)

// --------------------------------------------------------------------------------------------- matmul
//
// C[b] = A[b] @ B[b] for row-major A [M, K] (row stride lda), B [K, N] (ldb), C [M, N] (ldc), batch b in
// blockIdx.z with element strides between batches. Tiles: a block computes BM x BN of C from BK-wide slices of
// A and B staged in shared memory; each thread keeps TM x TN results in registers. The k loop runs in the same
// order for every element, so results do not depend on the launch.

// Moves a product's operands to this block's batch (blockIdx.z), elements apart by the strides.
template <typename T>
__device__ __forceinline__ void to_batch(const T*& A, i64 strideA, const T*& B, i64 strideB, T*& C, i64 strideC) {
    A += blockIdx.z * strideA;
    B += blockIdx.z * strideB;
    C += blockIdx.z * strideC;
}

template <typename T, int BM, int BN, int BK, int TM, int TN>
__device__ void gemm_tile(int M, int N, int K, const T* A, int lda, i64 strideA, const T* B, int ldb, i64 strideB,
                          T* C, int ldc, i64 strideC) {
    constexpr int THREADS = (BM / TM) * (BN / TN);
    __shared__ T As[BK][BM];
    __shared__ T Bs[BK][BN];
    to_batch(A, strideA, B, strideB, C, strideC);
    int row0 = blockIdx.y * BM;
    int col0 = blockIdx.x * BN;
    int tid = threadIdx.x;
    int tr = (tid / (BN / TN)) * TM;
    int tc = (tid % (BN / TN)) * TN;
    T acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; ++i)
#pragma unroll
        for (int j = 0; j < TN; ++j) acc[i][j] = 0;
    for (int k0 = 0; k0 < K; k0 += BK) {
        for (int e = tid; e < BM * BK; e += THREADS) {
            int r = e / BK, k = e - r * BK;
            int gr = row0 + r, gk = k0 + k;
            As[k][r] = (gr < M && gk < K) ? A[(i64) gr * lda + gk] : (T) 0;
        }
        for (int e = tid; e < BK * BN; e += THREADS) {
            int k = e / BN, c = e - k * BN;
            int gk = k0 + k, gc = col0 + c;
            Bs[k][c] = (gk < K && gc < N) ? B[(i64) gk * ldb + gc] : (T) 0;
        }
        __syncthreads();
#pragma unroll
        for (int k = 0; k < BK; ++k) {
            T a[TM], b[TN];
#pragma unroll
            for (int i = 0; i < TM; ++i) a[i] = As[k][tr + i];
#pragma unroll
            for (int j = 0; j < TN; ++j) b[j] = Bs[k][tc + j];
#pragma unroll
            for (int i = 0; i < TM; ++i)
#pragma unroll
                for (int j = 0; j < TN; ++j) acc[i][j] = fma(a[i], b[j], acc[i][j]);
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < TM; ++i) {
        int gr = row0 + tr + i;
        if (gr >= M) continue;
#pragma unroll
        for (int j = 0; j < TN; ++j) {
            int gc = col0 + tc + j;
            if (gc < N) C[(i64) gr * ldc + gc] = acc[i][j];
        }
    }
}

// gemm_<dtype>: 64 x 64 tiles, 4 x 4 per thread, 256 threads (small products: more blocks to fill the GPU).
#define GEMM(T)                                                                                            \
    extern "C" __global__ void __launch_bounds__(256) gemm_##T(int M, int N, int K, const T* A, int lda,  \
            i64 strideA, const T* B, int ldb, i64 strideB, T* C, int ldc, i64 strideC) {                   \
        gemm_tile<T, 64, 64, 16, 4, 4>(M, N, K, A, lda, strideA, B, ldb, strideB, C, ldc, strideC);        \
    }
GEMM(f32) GEMM(f64)

// gemm128_f32: the large-product kernel. 128 x 128 tiles from 8-deep slices, 8 x 8 results per thread, 256
// threads; A's slice is stored transposed in shared memory so that both operands are read as float4. Global
// loads are float4 where the rows are 16-byte aligned and the tile is inside the matrix, else guarded scalars.
// Every C element is still one fma chain over k = 0, 1, ..., K-1, so it gives the same bits as gemm_f32.
__device__ __forceinline__ float4 load4(const float* p, int row, int rows, int col, int cols, int ld, bool vec) {
    if (vec && row < rows && col + 3 < cols) {
        return *reinterpret_cast<const float4*>(p + (i64) row * ld + col);
    }
    float4 v;
    const float* r = p + (i64) row * ld;
    bool in = row < rows;
    v.x = in && col < cols ? r[col] : 0.f;
    v.y = in && col + 1 < cols ? r[col + 1] : 0.f;
    v.z = in && col + 2 < cols ? r[col + 2] : 0.f;
    v.w = in && col + 3 < cols ? r[col + 3] : 0.f;
    return v;
}

extern "C" __global__ void __launch_bounds__(256) gemm128_f32(int M, int N, int K, const float* A, int lda, i64 strideA,
        const float* B, int ldb, i64 strideB, float* C, int ldc, i64 strideC) {
    constexpr int BM = 128, BN = 128, BK = 8, TM = 8, TN = 8;
    __shared__ __align__(16) float As[BK][BM];
    __shared__ __align__(16) float Bs[BK][BN];
    to_batch(A, strideA, B, strideB, C, strideC);
    const int row0 = blockIdx.y * BM;
    const int col0 = blockIdx.x * BN;
    const int tid = threadIdx.x;
    const int tr = (tid / (BN / TN)) * TM;
    const int tc = (tid % (BN / TN)) * TN;
    const int aRow = tid / 2, aCol = (tid % 2) * 4;     // A slice: 128 rows x 8, a float4 along k per thread
    const int bRow = tid / 32, bCol = (tid % 32) * 4;   // B slice: 8 rows x 128, a float4 along n per thread
    const bool vecA = lda % 4 == 0 && (reinterpret_cast<u64>(A) & 15) == 0;
    const bool vecB = ldb % 4 == 0 && (reinterpret_cast<u64>(B) & 15) == 0;
    float acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; ++i)
#pragma unroll
        for (int j = 0; j < TN; ++j) acc[i][j] = 0.f;
    for (int k0 = 0; k0 < K; k0 += BK) {
        float4 av = load4(A, row0 + aRow, M, k0 + aCol, K, lda, vecA);
        As[aCol + 0][aRow] = av.x;
        As[aCol + 1][aRow] = av.y;
        As[aCol + 2][aRow] = av.z;
        As[aCol + 3][aRow] = av.w;
        float4 bv = load4(B, k0 + bRow, K, col0 + bCol, N, ldb, vecB);
        *reinterpret_cast<float4*>(&Bs[bRow][bCol]) = bv;
        __syncthreads();
#pragma unroll
        for (int k = 0; k < BK; ++k) {
            float a[TM], b[TN];
            float4 a0 = *reinterpret_cast<const float4*>(&As[k][tr]);
            float4 a1 = *reinterpret_cast<const float4*>(&As[k][tr + 4]);
            float4 b0 = *reinterpret_cast<const float4*>(&Bs[k][tc]);
            float4 b1 = *reinterpret_cast<const float4*>(&Bs[k][tc + 4]);
            a[0] = a0.x; a[1] = a0.y; a[2] = a0.z; a[3] = a0.w; a[4] = a1.x; a[5] = a1.y; a[6] = a1.z; a[7] = a1.w;
            b[0] = b0.x; b[1] = b0.y; b[2] = b0.z; b[3] = b0.w; b[4] = b1.x; b[5] = b1.y; b[6] = b1.z; b[7] = b1.w;
#pragma unroll
            for (int i = 0; i < TM; ++i)
#pragma unroll
                for (int j = 0; j < TN; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        __syncthreads();
    }
    const bool vecC = ldc % 4 == 0 && (reinterpret_cast<u64>(C) & 15) == 0;
#pragma unroll
    for (int i = 0; i < TM; ++i) {
        int gr = row0 + tr + i;
        if (gr >= M) continue;
        float* cr = C + (i64) gr * ldc + col0 + tc;
        if (vecC && col0 + tc + TN <= N) {
            *reinterpret_cast<float4*>(cr) = make_float4(acc[i][0], acc[i][1], acc[i][2], acc[i][3]);
            *reinterpret_cast<float4*>(cr + 4) = make_float4(acc[i][4], acc[i][5], acc[i][6], acc[i][7]);
        } else {
#pragma unroll
            for (int j = 0; j < TN; ++j) {
                if (col0 + tc + j < N) cr[j] = acc[i][j];
            }
        }
    }
}

// gemm_wt128_f32: 128 x 128 tiles from 16-deep slices, 256 threads as 8 warps of 64 x 32 ("warp tiles"). A
// thread computes 2 x 2 blocks of 4 x 4 results, 32 rows and 16 columns apart, so that the lanes of a warp
// read shared memory as float4s without bank conflicts (8 distinct A vectors and 4 distinct B vectors, each
// broadcast). The next slice comes from global memory into registers while the current one is computed, and
// goes into the other of two shared buffers: one barrier per slice. A's rows are padded by 4 floats so that
// its transposed stores spread over the banks. Every C element is still one fma chain over k = 0, ..., K-1:
// the same bits as gemm_f32 and gemm128_f32.
__device__ __forceinline__ void store_slice_wt(float (*As)[132], float (*Bs)[128], int aRow, int aCol, int bRow,
                                               int bCol, const float4 (&ra)[2], const float4 (&rb)[2]) {
#pragma unroll
    for (int h = 0; h < 2; ++h) {
        As[aCol + 0][aRow + 64 * h] = ra[h].x;
        As[aCol + 1][aRow + 64 * h] = ra[h].y;
        As[aCol + 2][aRow + 64 * h] = ra[h].z;
        As[aCol + 3][aRow + 64 * h] = ra[h].w;
        *reinterpret_cast<float4*>(&Bs[bRow + 8 * h][bCol]) = rb[h];
    }
}

extern "C" __global__ void __launch_bounds__(256, 2) gemm_wt128_f32(int M, int N, int K, const float* A, int lda,
        i64 strideA, const float* B, int ldb, i64 strideB, float* C, int ldc, i64 strideC) {
    constexpr int BM = 128, BN = 128, BK = 16, PAD = 4;
    __shared__ __align__(16) float As[2][BK][BM + PAD];
    __shared__ __align__(16) float Bs[2][BK][BN];
    to_batch(A, strideA, B, strideB, C, strideC);
    const int row0 = blockIdx.y * BM;
    const int col0 = blockIdx.x * BN;
    const int tid = threadIdx.x;
    const int warp = tid / 32, lane = tid % 32;
    const int wm = (warp / 4) * 64, wn = (warp % 4) * 32;   // the warp's 64 x 32 part of the tile
    const int lm = (lane / 4) * 4, ln = (lane % 4) * 4;     // the lane's corner in each of its 2 x 2 blocks
    const int aRow = tid / 4, aCol = (tid % 4) * 4;          // A slice 128 x 16: rows aRow and aRow + 64
    const int bRow = tid / 32, bCol = (tid % 32) * 4;        // B slice 16 x 128: rows bRow and bRow + 8
    const bool vecA = lda % 4 == 0 && (reinterpret_cast<u64>(A) & 15) == 0;
    const bool vecB = ldb % 4 == 0 && (reinterpret_cast<u64>(B) & 15) == 0;
    float acc[8][8];
#pragma unroll
    for (int i = 0; i < 8; ++i)
#pragma unroll
        for (int j = 0; j < 8; ++j) acc[i][j] = 0.f;
    float4 ra[2], rb[2];
#pragma unroll
    for (int h = 0; h < 2; ++h) {
        ra[h] = load4(A, row0 + aRow + 64 * h, M, aCol, K, lda, vecA);
        rb[h] = load4(B, bRow + 8 * h, K, col0 + bCol, N, ldb, vecB);
    }
    store_slice_wt(As[0], Bs[0], aRow, aCol, bRow, bCol, ra, rb);
    __syncthreads();
    int buf = 0;
    for (int k0 = 0; k0 < K; k0 += BK) {
        const bool more = k0 + BK < K;
        if (more) {
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                ra[h] = load4(A, row0 + aRow + 64 * h, M, k0 + BK + aCol, K, lda, vecA);
                rb[h] = load4(B, k0 + BK + bRow + 8 * h, K, col0 + bCol, N, ldb, vecB);
            }
        }
#pragma unroll
        for (int k = 0; k < BK; ++k) {
            float4 a0 = *reinterpret_cast<const float4*>(&As[buf][k][wm + lm]);
            float4 a1 = *reinterpret_cast<const float4*>(&As[buf][k][wm + 32 + lm]);
            float4 b0 = *reinterpret_cast<const float4*>(&Bs[buf][k][wn + ln]);
            float4 b1 = *reinterpret_cast<const float4*>(&Bs[buf][k][wn + 16 + ln]);
            const float a[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
            const float b[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
#pragma unroll
            for (int i = 0; i < 8; ++i)
#pragma unroll
                for (int j = 0; j < 8; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        if (more) {
            store_slice_wt(As[buf ^ 1], Bs[buf ^ 1], aRow, aCol, bRow, bCol, ra, rb);
        }
        __syncthreads();
        buf ^= 1;
    }
    const bool vecC = ldc % 4 == 0 && (reinterpret_cast<u64>(C) & 15) == 0;
#pragma unroll
    for (int i = 0; i < 8; ++i) {
        const int gr = row0 + wm + (i / 4) * 32 + lm + i % 4;
        if (gr >= M) continue;
        float* cr = C + (i64) gr * ldc;
#pragma unroll
        for (int jb = 0; jb < 2; ++jb) {
            const int gc = col0 + wn + jb * 16 + ln;
            if (vecC && gc + 3 < N) {
                *reinterpret_cast<float4*>(cr + gc) =
                        make_float4(acc[i][4 * jb], acc[i][4 * jb + 1], acc[i][4 * jb + 2], acc[i][4 * jb + 3]);
            } else {
#pragma unroll
                for (int j = 0; j < 4; ++j) {
                    if (gc + j < N) cr[gc + j] = acc[i][4 * jb + j];
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------- fused row kernels
//
// softmax, log-softmax and layerNorm over the rows of a dense [rows, n] matrix (the FusedKernels family), one
// block per row. Sums are double over a fixed tree (the block size depends on n alone), as in the SIMD
// backend's row kernels, so results are the same every run.

__device__ __forceinline__ float jexp(float v) { return expf(v); }
__device__ __forceinline__ double jexp(double v) { return exp(v); }

// The block's reduction of one value per thread (sum, or Java's max when `max`); every thread gets the result.
__device__ double block_reduce(double v, bool max) {
    __shared__ double smem[256];
    smem[threadIdx.x] = v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            smem[threadIdx.x] = max ? jmax(smem[threadIdx.x], smem[threadIdx.x + s]) : smem[threadIdx.x] + smem[threadIdx.x + s];
        }
        __syncthreads();
    }
    double r = smem[0];
    __syncthreads();   // everyone has read smem[0] before the next reduction writes it
    return r;
}

// y = exp(x - max) / sum(exp(x - max)), or (x - max) - log(sum) for log-softmax.
template <typename T> __device__ void softmax_row(const T* x, T* y, int n, bool log_softmax) {
    const T* p = x + (i64) blockIdx.x * n;
    T* q = y + (i64) blockIdx.x * n;
    double m = -INFINITY;
    for (int j = threadIdx.x; j < n; j += blockDim.x) m = jmax(m, (double) p[j]);
    const T mt = (T) block_reduce(m, true);   // one of the values: exact in T
    double z = 0;
    for (int j = threadIdx.x; j < n; j += blockDim.x) z += (double) jexp((T) (p[j] - mt));
    z = block_reduce(z, false);
    if (log_softmax) {
        const T lz = (T) log(z);
        for (int j = threadIdx.x; j < n; j += blockDim.x) q[j] = (T) (p[j] - mt) - lz;
    } else {
        for (int j = threadIdx.x; j < n; j += blockDim.x) q[j] = (T) ((double) jexp((T) (p[j] - mt)) / z);
    }
}

// y = (x - mean) / sqrt(var + eps), the biased variance around the mean rounded to T (as the SIMD kernel).
template <typename T> __device__ void layer_norm_row(const T* x, T* y, int n, double eps) {
    const T* p = x + (i64) blockIdx.x * n;
    T* q = y + (i64) blockIdx.x * n;
    double s = 0;
    for (int j = threadIdx.x; j < n; j += blockDim.x) s += (double) p[j];
    const T mean = (T) (block_reduce(s, false) / n);
    double sq = 0;
    for (int j = threadIdx.x; j < n; j += blockDim.x) {
        double d = (double) p[j] - (double) mean;
        sq += d * d;
    }
    const T rstd = (T) (1 / sqrt(block_reduce(sq, false) / n + eps));
    for (int j = threadIdx.x; j < n; j += blockDim.x) q[j] = (T) (p[j] - mean) * rstd;
}

#define FUSED_ROWS(T)                                                                                      \
    extern "C" __global__ void softmax_rows_##T(const T* x, T* y, int n, int log_softmax) {               \
        softmax_row<T>(x, y, n, log_softmax != 0);                                                         \
    }                                                                                                      \
    extern "C" __global__ void layer_norm_rows_##T(const T* x, T* y, int n, double eps) {                  \
        layer_norm_row<T>(x, y, n, eps);                                                                   \
    }
FUSED_ROWS(f32) FUSED_ROWS(f64)

// ------------------------------------------------------------------------------------ fused optimizers
//
// One Adam/AdamW or SGD update per element (the OptimizerKernels family, formulas there): every operation an
// IEEE float32 operation in the composite's order, written with the _rn intrinsics so that nvcc fuses no
// multiply-add. The composite's separate elementwise kernels round the same way, so both give the same bits.

extern "C" __global__ void adam_f32(int n, float* p, const float* g, float* m, float* v, float* vmax, int amsgrad,
        float decay, float l2, int use_l2, float b1, float omb1, float b2, float omb2, float bc2, float eps,
        float step) {
    GRID_LOOP(n) {
        float pi = __fmul_rn(p[i], decay);
        float gi = use_l2 ? __fadd_rn(g[i], __fmul_rn(pi, l2)) : g[i];
        float mi = __fadd_rn(__fmul_rn(m[i], b1), __fmul_rn(gi, omb1));
        float vi = __fadd_rn(__fmul_rn(v[i], b2), __fmul_rn(__fmul_rn(gi, omb2), gi));
        m[i] = mi;
        v[i] = vi;
        if (amsgrad) {
            vi = jmax(vmax[i], vi);
            vmax[i] = vi;
        }
        float denom = __fadd_rn(__fdiv_rn(__fsqrt_rn(vi), bc2), eps);
        p[i] = __fadd_rn(pi, __fdiv_rn(__fmul_rn(mi, step), denom));
    }
}

extern "C" __global__ void sgd_f32(int n, float* p, const float* g, float* buf, int use_buf, float wd, int use_wd,
        float mom, float omd, float lr, int first, int nesterov) {
    GRID_LOOP(n) {
        float d = use_wd ? __fadd_rn(g[i], __fmul_rn(p[i], wd)) : g[i];
        if (use_buf) {
            float b = first ? d : __fadd_rn(__fmul_rn(buf[i], mom), __fmul_rn(d, omd));
            buf[i] = b;
            d = nesterov ? __fadd_rn(d, __fmul_rn(b, mom)) : b;
        }
        p[i] = __fsub_rn(p[i], __fmul_rn(d, lr));
    }
}
