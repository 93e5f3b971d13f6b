// libFuzzer harness: the strict safetensors header parser (rules R1-R12) and format sniffing on
// arbitrary bytes. Any exception other than PipelineError, any sanitizer report or any crash is
// a bug.
#include "pipeline/core/error.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/tensors/safetensors_header.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    (void)latent::sniff_format_bytes(data, size, size);
    // Whole file in memory: 8-byte length + header + data section.
    try {
        const auto h = latent::parse_safetensors_prefix(data, size, size);
        // Invariants of an accepted header.
        uint64_t total = 0;
        for (const auto& t : h.tensors) {
            if (t.end < t.begin || t.end > h.data_size) __builtin_trap();
            total += t.end - t.begin;
        }
        if (total != h.data_size) __builtin_trap();
        if (h.tensors.size() > latent::kSafetensorsMaxTensors) __builtin_trap();
    } catch (const latent::PipelineError&) {
    }
    // The bare header text with a claimed larger file (data section beyond the buffer).
    try {
        (void)latent::parse_safetensors_header(data, size, static_cast<uint64_t>(size) + 8 + (size % 64));
    } catch (const latent::PipelineError&) {
    }
    return 0;
}
