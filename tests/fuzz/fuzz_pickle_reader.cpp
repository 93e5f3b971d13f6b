// libFuzzer harness: the restricted pickle reader and the ZIP central-directory parser on
// arbitrary bytes. Nothing may crash, leak, or throw anything but PipelineError.
#include "pipeline/core/error.h"
#include "pipeline/loaders/pickle_reader.h"
#include "pipeline/loaders/zip_reader.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    try {
        const auto sd = latent::parse_state_dict_pickle(data, size);
        for (const auto& t : sd.tensors) {
            // Every accepted tensor must stay inside its storage.
            auto it = sd.storages.find(t.storage_key);
            if (it == sd.storages.end()) __builtin_trap();
            if (t.sizes.size() != t.strides.size()) __builtin_trap();
        }
    } catch (const latent::PipelineError&) {
    }
    try {
        (void)latent::parse_zip_directory(
            [&](uint64_t off, void* dst, std::size_t len) {
                if (off > size || len > size - off) throw latent::PipelineError("cannot_verify", "out of bounds");
                std::memcpy(dst, data + off, len);
            },
            size);
    } catch (const latent::PipelineError&) {
    }
    return 0;
}
