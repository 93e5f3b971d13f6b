// The precision the UNet computes in (issue 19, item 3): "fp32" (the default, bit-identical to the
// engine without this setting) or "bf16" (bfloat16 activations and weights, fp32 accumulation
// inside oneDNN's kernels), the latter only where the CPU runs bf16 natively: AVX512_BF16
// (CPUID.(EAX=7,ECX=1):EAX[5]) or AMX-BF16 (CPUID.(EAX=7,ECX=0):EDX[22]), with AVX-512 F/BW/VL/DQ
// enabled by the OS, and a libtorch built with oneDNN. Elsewhere bf16 is refused with a sentence
// that says why: it is never emulated slowly.
//
// The detection is injectable: set_bf16_support_override() for tests in-process, and the
// environment variable LATENT_CPU_NO_BF16=1 (pretend the CPU has no bf16; for tests of the CLI and
// for comparing on one machine).
//
// Torch-free header: safe to include from app/ and ui/.
#pragma once

#include <optional>
#include <string>

namespace latent {

enum class Precision { Fp32, Bf16 };

const char* precision_name(Precision p);  // stable: "fp32", "bf16"
// "fp32"/"float32" and "bf16"/"bfloat16", any case; nullopt for anything else.
std::optional<Precision> parse_precision(const std::string& text);

// What the CPU (and this libtorch) offer for bf16.
struct Bf16Support {
    bool avx512_bf16 = false;  // AVX512_BF16 instructions
    bool amx_bf16 = false;     // AMX tiles with bf16
    bool avx512_core = false;  // AVX-512 F, BW, VL and DQ (what oneDNN's bf16 kernels build on)
    bool os_avx512 = false;    // the OS saves the AVX-512 state (XCR0 bits 5-7)
    bool onednn = false;       // libtorch was built with oneDNN (MKLDNN)
    bool pretended_absent = false;  // LATENT_CPU_NO_BF16 is set
};

// Reads CPUID/XGETBV and libtorch's build (no override, no environment).
Bf16Support detect_bf16_support();
// Empty when bf16 runs natively with `s`; otherwise one sentence saying why not.
std::string bf16_unsupported_reason(const Bf16Support& s);
// The support the engine goes by: the override if one is set, else detect_bf16_support() (once),
// with LATENT_CPU_NO_BF16 applied.
Bf16Support bf16_support();
void set_bf16_support_override(std::optional<Bf16Support> support);

// Throws PipelineError("precision_unsupported") when `precision` cannot run on `device` ("cpu",
// "cuda[:N]"): bf16 needs a CPU with native bf16 (above); CUDA devices already compute in fp16.
void check_precision_supported(Precision precision, const std::string& device = "cpu");
// The same for a request's text ("fp32", "bf16"); unknown names throw PipelineError("bad_request").
Precision check_precision_supported(const std::string& precision, const std::string& device = "cpu");

} // namespace latent
