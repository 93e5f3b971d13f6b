// Machine and library facts for `latentstudio-cli --version` and the status bar.
// Torch-free header: safe to include from app/ and ui/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace latent {

struct DeviceInfo {
    std::string kind;  // "cpu" or "cuda"
    int index = 0;
    std::string name;  // CPU model or GPU name
    std::uint64_t memory_bytes = 0;
};

struct SystemInfo {
    std::string torch_version;
    std::string blas;       // BLAS library actually mapped into the process (path + config)
    std::string blas_core;  // OpenBLAS kernel set in use ("SkylakeX", "Haswell", ...), "" if not OpenBLAS
    bool blas_core_forced = false;  // chosen through OPENBLAS_CORETYPE by reexec_for_blas_core()
    int threads = 0;        // libtorch intra-op threads
    int cores = 0;          // logical cores seen by the OS
    bool cuda_available = false;
    std::vector<DeviceInfo> devices;
};

// Set libtorch's intra-op thread count; n <= 0 means automatic: OMP_NUM_THREADS when set, else
// every CPU this process may use (affinity mask and cgroup quota) less the CPUs other programs
// keep busy, re-decided by adapt_threads_to_load() (see thread_policy.h). Returns the count in
// effect on the calling thread.
int configure_threads(int n = 0);

// Call on the computing thread between model calls (the samplers, the VAE's tiles, the upscalers
// do): when the count is automatic, re-decides it from the load at most every 250 ms and applies
// it to the calling thread. Costs a clock read otherwise; does nothing for a fixed count.
void adapt_threads_to_load();

SystemInfo query_system_info();

// Gives the pages of freed heap memory back to the system (glibc: malloc_trim), keeping the
// address space. A model pass whose temporaries were freed leaves holes in the heap that stay
// resident; when the next pass cannot reuse them in place (other sizes, other order), it grows
// the heap while the holes still count as used memory. Costs page faults on reuse, milliseconds.
void release_free_heap();

// Debian 12's OpenBLAS (0.3.21, DYNAMIC_ARCH) does not recognise CPUs newer than itself and then
// falls back to its pre-AVX "Prescott" kernels even on AVX-512 machines: GEMM runs ~6x slower and
// with it every convolution and matrix product of the engine. Returns the kernel set to force
// through OPENBLAS_CORETYPE ("SkylakeX" with AVX-512 F/BW/DQ/VL, "Haswell" with AVX2+FMA) when
// the OpenBLAS in this process chose a set without AVX on such a CPU; "" otherwise.
std::string blas_core_to_force();

// Same as reexec_with_runtime_settings() (thread_policy.h), which also sets OPENBLAS_CORETYPE when
// blas_core_to_force() is not empty (plus LATENT_BLAS_CORE_FORCED=1), because OpenBLAS reads the
// variable only while it loads. Kept for existing callers.
void reexec_for_blas_core(char** argv);

} // namespace latent
