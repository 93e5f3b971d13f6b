// Build-time tool: writes the studio's demo model (tiny SD 1.x, seeded random weights) with the
// real safetensors writer. Usage: latent-make-demo-model OUTPUT.safetensors [SEED]
#include "pipeline/core/error.h"
#include "pipeline/loaders/demo_model.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s OUTPUT.safetensors [SEED]\n", argv[0]);
        return 2;
    }
    try {
        const uint64_t seed = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 20240601;
        latent::write_demo_model(argv[1], seed);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
