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
    int threads = 0;        // libtorch intra-op threads
    int cores = 0;          // logical cores seen by the OS
    bool cuda_available = false;
    std::vector<DeviceInfo> devices;
};

// Set libtorch's intra-op thread count; n <= 0 means "every core". Returns the count in effect.
int configure_threads(int n = 0);

SystemInfo query_system_info();

} // namespace latent
