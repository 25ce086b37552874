// Runs one kernel launch on the CPU: blocks in order, a block's threads as fibers that switch at __syncthreads.
// Kernels whose PTX has no barrier run their threads as plain calls, one after another. On x86-64 fibers switch
// with six register pushes (ucontext's switch makes a signal-mask system call each time, which made fiber
// switching 90% of a test run); elsewhere with ucontext.
#include "emu_runtime.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>

#if !defined(__x86_64__)
#include <ucontext.h>
#endif

dim3 threadIdx;
dim3 blockIdx;
dim3 blockDim;
dim3 gridDim;

// The block's dynamic shared memory (extern __shared__ arrays are rewritten to refer to this).
alignas(16) unsigned char smem_raw[emu::DYNAMIC_SHARED_BYTES];

#if defined(__x86_64__)
// Saves the callee-saved registers on the current stack, stores the stack pointer in *save, continues on
// the stack `load` (made by this function or by prepare_stack below).
extern "C" void emu_switch(void** save, void* load);
asm(R"(
    .text
    .globl emu_switch
    .type emu_switch, @function
emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size emu_switch, .-emu_switch
)");
#endif

namespace emu {
namespace {

constexpr size_t STACK_BYTES = 256 * 1024;
constexpr int MAX_THREADS = 1024;

enum State { RUNNING, AT_BARRIER, DONE };

struct Fiber {
#if defined(__x86_64__)
    void* sp = nullptr;
#else
    ucontext_t context;
#endif
    void* stack = nullptr;
    State state = RUNNING;
    dim3 index{};
};

Fiber fibers[MAX_THREADS];
#if defined(__x86_64__)
void* scheduler = nullptr;
#else
ucontext_t scheduler;
#endif
int current = -1;  // the fiber now running, or -1 outside fibers
KernelBody running_body = nullptr;
void** running_params = nullptr;

void to_scheduler(Fiber& f) {
#if defined(__x86_64__)
    emu_switch(&f.sp, scheduler);
#else
    swapcontext(&f.context, &scheduler);
#endif
}

void to_fiber(Fiber& f) {
#if defined(__x86_64__)
    emu_switch(&scheduler, f.sp);
#else
    swapcontext(&scheduler, &f.context);
#endif
}

void fiber_main() {
    running_body(running_params);
    fibers[current].state = DONE;
#if defined(__x86_64__)
    to_scheduler(fibers[current]);  // never resumed
    __builtin_unreachable();
#endif
    // (ucontext: returning resumes uc_link, the scheduler.)
}

void prepare_stack(Fiber& f) {
#if defined(__x86_64__)
    // What emu_switch pops: six registers, then fiber_main as the return address, above it a zero standing
    // for fiber_main's own return address so that it starts with the stack aligned as after a call.
    void** top = (void**) ((char*) f.stack + STACK_BYTES);
    top[-1] = nullptr;
    top[-2] = (void*) &fiber_main;
    for (int r = 3; r <= 8; r++) {
        top[-r] = nullptr;
    }
    f.sp = top - 8;
#else
    getcontext(&f.context);
    f.context.uc_stack.ss_sp = f.stack;
    f.context.uc_stack.ss_size = STACK_BYTES;
    f.context.uc_link = &scheduler;
    makecontext(&f.context, fiber_main, 0);
#endif
}

dim3 thread_index(int t, dim3 block) {
    return dim3{t % block.x, t / block.x % block.y, t / (block.x * block.y)};
}

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "jgrad cuda emulator: %s\n", what);
    std::abort();
}

void run_block_with_barriers(KernelBody body, void** params, int threads, bool parity) {
    running_body = body;
    running_params = params;
    for (int t = 0; t < threads; t++) {
        Fiber& f = fibers[t];
        if (f.stack == nullptr) {
            f.stack = mmap(nullptr, STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                           -1, 0);
            if (f.stack == MAP_FAILED) {
                fail("cannot map a fiber stack");
            }
        }
        prepare_stack(f);
        f.state = RUNNING;
        f.index = thread_index(t, blockDim);
    }
    int remaining = threads;
    // One round: every live thread runs to its next barrier or to its end. Rounds alternate the threads' order
    // (and odd blocks start reversed): a thread that reads shared memory before the barrier that should order
    // it after another thread's write then sees the unwritten value in one of the two orders, whichever thread
    // was meant to write first.
    for (bool reverse = parity; remaining > 0; reverse = !reverse) {
        for (int u = 0; u < threads; u++) {
            int t = reverse ? threads - 1 - u : u;
            Fiber& f = fibers[t];
            if (f.state == DONE) {
                continue;
            }
            f.state = RUNNING;
            current = t;
            threadIdx = f.index;
            to_fiber(f);
            if (f.state == DONE) {
                remaining--;
            }
        }
    }
    current = -1;
}

}  // namespace

void launch(const Kernel& kernel, dim3 grid, dim3 block, void** params) {
    int threads = (int) (block.x * block.y * block.z);
    if (threads > MAX_THREADS) {
        fail("more than 1024 threads per block");
    }
    gridDim = grid;
    blockDim = block;
    for (unsigned z = 0; z < grid.z; z++) {
        for (unsigned y = 0; y < grid.y; y++) {
            for (unsigned x = 0; x < grid.x; x++) {
                blockIdx = dim3{x, y, z};
                if (kernel.barriers) {
                    run_block_with_barriers(kernel.body, params, threads, ((x + y + z) & 1) != 0);
                } else {
                    for (int t = 0; t < threads; t++) {
                        threadIdx = thread_index(t, block);
                        kernel.body(params);
                    }
                }
            }
        }
    }
}

}  // namespace emu

void __syncthreads() {
    if (emu::current < 0) {
        emu::fail("__syncthreads in a kernel whose PTX has no barrier (the registry is out of date)");
    }
    emu::fibers[emu::current].state = emu::AT_BARRIER;
    emu::to_scheduler(emu::fibers[emu::current]);
}
