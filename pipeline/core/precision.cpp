#include "pipeline/core/precision.h"

#include "pipeline/core/error.h"

#include <ATen/Context.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#endif

namespace latent {

namespace {

std::mutex g_mutex;
std::optional<Bf16Support> g_override;
std::optional<Bf16Support> g_detected;

bool env_set(const char* name) {
    const char* v = std::getenv(name);
    return v && *v && std::string(v) != "0";
}

} // namespace

const char* precision_name(Precision p) { return p == Precision::Bf16 ? "bf16" : "fp32"; }

std::optional<Precision> parse_precision(const std::string& text) {
    std::string s = text;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (s == "fp32" || s == "float32") return Precision::Fp32;
    if (s == "bf16" || s == "bfloat16") return Precision::Bf16;
    return std::nullopt;
}

Bf16Support detect_bf16_support() {
    Bf16Support s;
#if defined(__x86_64__) && defined(__GNUC__)
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        const bool osxsave = (c >> 27) & 1u;
        if (osxsave) {
            unsigned lo = 0, hi = 0;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            // XMM (1), YMM (2), opmask (5), ZMM_Hi256 (6), Hi16_ZMM (7).
            s.os_avx512 = (lo & 0xE6u) == 0xE6u;
        }
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        const bool f = (b >> 16) & 1u, dq = (b >> 17) & 1u, bw = (b >> 30) & 1u, vl = (b >> 31) & 1u;
        s.avx512_core = f && dq && bw && vl;
        s.amx_bf16 = (d >> 22) & 1u;
        const unsigned max_sub = a;
        if (max_sub >= 1 && __get_cpuid_count(7, 1, &a, &b, &c, &d)) s.avx512_bf16 = (a >> 5) & 1u;
    }
#endif
    s.onednn = at::hasMKLDNN();
    return s;
}

std::string bf16_unsupported_reason(const Bf16Support& s) {
    if (s.pretended_absent)
        return "bf16 precision is turned off on this computer (LATENT_CPU_NO_BF16 is set); use fp32.";
    if (!s.avx512_bf16 && !s.amx_bf16)
        return "This CPU has no native bf16 arithmetic (AVX512_BF16 or AMX), so bf16 would only be emulated and run "
               "slower than fp32; use fp32.";
    if (!s.avx512_core || !s.os_avx512)
        return "bf16 needs AVX-512 (F, BW, VL, DQ) enabled by the operating system, which this computer does not "
               "offer; use fp32.";
    if (!s.onednn)
        return "This build of libtorch has no oneDNN (MKLDNN), whose kernels compute bf16 on the CPU; use fp32.";
    return {};
}

Bf16Support bf16_support() {
    std::lock_guard<std::mutex> lock(g_mutex);
    Bf16Support s;
    if (g_override) {
        s = *g_override;
    } else {
        if (!g_detected) g_detected = detect_bf16_support();
        s = *g_detected;
    }
    if (env_set("LATENT_CPU_NO_BF16")) s.pretended_absent = true;
    return s;
}

void set_bf16_support_override(std::optional<Bf16Support> support) {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_override = support;
}

void check_precision_supported(Precision precision, const std::string& device) {
    if (precision == Precision::Fp32) return;
    if (device.rfind("cuda", 0) == 0)
        throw PipelineError("precision_unsupported",
                            "bf16 precision is for CPUs; on a CUDA device the engine already computes in fp16. Use fp32.");
    const std::string reason = bf16_unsupported_reason(bf16_support());
    if (!reason.empty()) throw PipelineError("precision_unsupported", reason);
}

Precision check_precision_supported(const std::string& precision, const std::string& device) {
    const std::optional<Precision> p = parse_precision(precision);
    if (!p) throw PipelineError("bad_request", "The precision must be fp32 or bf16, not \"" + precision + "\".");
    check_precision_supported(*p, device);
    return *p;
}

} // namespace latent
