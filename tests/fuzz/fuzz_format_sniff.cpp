// libFuzzer harness: format sniffing from the first bytes (sniff_format_bytes) and the plain-
// language explanation of whatever it decides, on arbitrary bytes and claimed file sizes.
#include "pipeline/loaders/format_sniff.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    // The whole input as a file, then a prefix of it claiming a larger file (the app sniffs the
    // first 4 KiB of files of any size).
    const latent::FileFormat f = latent::sniff_format_bytes(data, size, size);
    if (latent::format_name(f).empty() || latent::format_explanation(f).empty()) __builtin_trap();
    uint64_t claimed = size;
    if (size >= 8) std::memcpy(&claimed, data, sizeof claimed);
    if (claimed < size) claimed = size;
    (void)latent::sniff_format_bytes(data, size < 4096 ? size : 4096, claimed);
    return 0;
}
