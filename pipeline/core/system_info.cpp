#include "pipeline/core/system_info.h"

#include "pipeline/core/thread_policy.h"

#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <torch/version.h>
#if __has_include(<torch/cuda.h>)
#include <torch/cuda.h>
#endif

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <strings.h>

#include <fstream>
#include <sstream>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <time.h>

namespace latent {

namespace {

std::string cpu_model_name() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            auto pos = line.find(':');
            if (pos != std::string::npos) {
                auto s = line.substr(pos + 1);
                s.erase(0, s.find_first_not_of(" \t"));
                return s;
            }
        }
    }
    return "unknown CPU";
}

std::uint64_t total_memory_bytes() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t kb = 0;
    std::string unit;
    while (in >> key >> kb >> unit) {
        if (key == "MemTotal:") return kb * 1024;
    }
    return 0;
}

// The BLAS that is really mapped into this process: scan /proc/self/maps for a BLAS library,
// resolve symlinks, and ask OpenBLAS for its build configuration when it is the one.
std::string loaded_blas() {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    std::string found;
    while (std::getline(maps, line)) {
        auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        std::string path = line.substr(slash);
        if (path.find("libblas") != std::string::npos || path.find("libopenblas") != std::string::npos ||
            path.find("libmkl") != std::string::npos || path.find("libblis") != std::string::npos) {
            found = path;
            if (path.find("openblas") != std::string::npos) break;
        }
    }
    if (found.empty()) return "none found in the process";
    std::string result = found;
    using ConfigFn = char* (*)();
    if (auto fn = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"))) {
        result = std::string("OpenBLAS ") + fn() + " (" + found + ")";
        if (found.find("openblas-openmp") != std::string::npos) result += " [OpenMP]";
        else if (found.find("openblas-pthread") != std::string::npos) result += " [pthread]";
    } else if (found.find("/blas/") != std::string::npos) {
        result = "reference BLAS (slow!) (" + found + ")";
    }
    return result;
}

std::string openblas_core() {
    using NameFn = char* (*)();
    if (auto fn = reinterpret_cast<NameFn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"))) {
        const char* name = fn();
        return name ? name : "";
    }
    return "";
}

bool core_has_avx(const std::string& core) {
    static const char* const kAvx[] = {"Sandybridge", "Haswell", "SkylakeX", "Cooperlake", "SapphireRapids",
                                       "Zen", "Bulldozer", "Piledriver", "Steamroller", "Excavator"};
    for (const char* k : kAvx)
        if (core.size() >= std::char_traits<char>::length(k) && strncasecmp(core.c_str(), k, std::strlen(k)) == 0)
            return true;
    return false;
}

} // namespace

std::string blas_core_to_force() {
    const std::string core = openblas_core();
    if (core.empty() || core_has_avx(core)) return "";
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
    return "";
}

void reexec_for_blas_core(char** argv) { reexec_with_runtime_settings(argv); }

namespace {

// The load-following state (thread_policy.h): the last sample and when it was taken. Decisions
// are made at most every kInterval; an interval longer than kLongest (the engine was idle) is not
// compared but replaced by the count of runnable tasks.
constexpr double kInterval = 0.25;
constexpr double kLongest = 5.0;
constexpr int kConfirmMs = 100;  // configure_threads(): the CPU-time look when others seem busy
std::atomic<bool> g_follow{false};
std::atomic<int> g_follow_threads{0};
std::atomic<long long> g_last_ns{0};
std::mutex g_follow_mutex;
LoadSample g_last_sample;

long long monotonic_ns() {
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

} // namespace

int configure_threads(int n) {
    const CpuAvailability cpus = query_cpu_availability();
    ThreadDecision d;
    std::lock_guard<std::mutex> lock(g_follow_mutex);
    g_follow = false;
    if (n > 0) {
        d = decide_threads(n, cpus);
    } else if (const int env = omp_num_threads_from_env(std::getenv("OMP_NUM_THREADS")); env > 0) {
        d = decide_threads(env, cpus);
        d.limit = ThreadLimit::Environment;
    } else {
        // The runnable tasks counted now; when they would take threads away, a short look at the
        // CPU time they really take (niced work counts in procs_running but yields to us).
        g_last_sample = take_load_sample();
        CpuLoad load = runnable_load_now();
        d = decide_threads(0, cpus, load, 0);
        if (d.limit == ThreadLimit::Load) {
            std::this_thread::sleep_for(std::chrono::milliseconds(kConfirmMs));
            const LoadSample now = take_load_sample();
            const CpuLoad measured = measure_load(g_last_sample, now, cpus.ids);
            if (measured.known) d = decide_threads(0, cpus, measured, 0);
            g_last_sample = now;
        }
        g_last_ns = monotonic_ns();
    }
    at::set_num_threads(d.threads);
    d.threads = at::get_num_threads();
    remember_thread_decision(d);
    g_follow_threads = d.threads;
    g_follow = d.follows_load;
    return d.threads;
}

void adapt_threads_to_load() {
    if (!g_follow.load(std::memory_order_relaxed)) return;
    const long long now = monotonic_ns();
    if (double(now - g_last_ns.load(std::memory_order_relaxed)) * 1e-9 < kInterval) {
        // Another computing thread may have decided: OpenMP keeps the count per thread.
        const int wanted = g_follow_threads.load(std::memory_order_relaxed);
        if (wanted > 0 && at::get_num_threads() != wanted) at::set_num_threads(wanted);
        return;
    }
    std::lock_guard<std::mutex> lock(g_follow_mutex);
    if (!g_follow || double(now - g_last_ns.load()) * 1e-9 < kInterval) return;
    const CpuAvailability cpus = query_cpu_availability();
    const LoadSample sample = take_load_sample();
    CpuLoad load;
    const double window = sample.wall_seconds - g_last_sample.wall_seconds;
    if (g_last_sample.valid && window > 0 && window <= kLongest) load = measure_load(g_last_sample, sample, cpus.ids);
    g_last_sample = sample;
    g_last_ns = now;
    // No comparable interval (the engine was idle for long): keep the count until the next one.
    if (!load.known) {
        const int wanted = g_follow_threads.load();
        if (wanted > 0 && at::get_num_threads() != wanted) at::set_num_threads(wanted);
        return;
    }
    const int in_use = at::get_num_threads();
    ThreadDecision d = decide_threads(0, cpus, load, in_use);
    if (d.threads != in_use) at::set_num_threads(d.threads);
    d.threads = at::get_num_threads();
    remember_thread_decision(d);
    g_follow_threads = d.threads;
}

SystemInfo query_system_info() {
    SystemInfo info;
    info.torch_version = TORCH_VERSION;
    // Force BLAS to be loaded (it is lazily bound on some systems) before inspecting the maps.
    info.blas = loaded_blas();
    info.blas_core = openblas_core();
    info.blas_core_forced = std::getenv("LATENT_BLAS_CORE_FORCED") != nullptr;
    info.threads = at::get_num_threads();
    info.cores = static_cast<int>(std::thread::hardware_concurrency());
    info.devices.push_back({"cpu", 0, cpu_model_name(), total_memory_bytes()});
#if __has_include(<torch/cuda.h>)
    info.cuda_available = torch::cuda::is_available();
    if (info.cuda_available) {
        const int count = static_cast<int>(torch::cuda::device_count());
        for (int i = 0; i < count; ++i) {
            DeviceInfo d;
            d.kind = "cuda";
            d.index = i;
            d.name = "CUDA device " + std::to_string(i);
            info.devices.push_back(d);
        }
    }
#endif
    return info;
}

void release_free_heap() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace latent
