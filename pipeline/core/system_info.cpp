#include "pipeline/core/system_info.h"

#include "pipeline/core/thread_policy.h"

#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <torch/version.h>
#if __has_include(<torch/cuda.h>)
#include <torch/cuda.h>
#endif

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <strings.h>

#include <fstream>
#include <sstream>
#include <thread>

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

int configure_threads(int n) {
    ThreadDecision d = decide_threads(n, query_cpu_availability());
    at::set_num_threads(d.threads);
    d.threads = at::get_num_threads();
    remember_thread_decision(d);
    return d.threads;
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

} // namespace latent
