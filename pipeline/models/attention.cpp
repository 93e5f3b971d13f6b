#include "pipeline/models/attention.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <torch/version.h>

#include <atomic>
#include <cmath>
#include <limits>

namespace latent {

namespace {

std::atomic<int64_t> g_budget{256ll << 20};
std::atomic<int64_t> g_block{2ll << 20};

void check_shapes(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v) {
    const bool ok = (q.dim() == 3 || q.dim() == 4) && k.dim() == q.dim() && v.dim() == q.dim() &&
                    k.size(-1) == q.size(-1) && v.size(-2) == k.size(-2) &&
                    q.sizes().slice(0, q.dim() - 2) == k.sizes().slice(0, k.dim() - 2) &&
                    q.sizes().slice(0, q.dim() - 2) == v.sizes().slice(0, v.dim() - 2);
    if (!ok)
        throw PipelineError("attention_shape",
                            "Attention received query, key and value tensors with incompatible shapes.");
}

double default_scale(const at::Tensor& q, std::optional<double> scale) {
    return scale ? *scale : 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
}

void apply_mask(at::Tensor& scores, const at::Tensor& mask) {
    if (mask.scalar_type() == at::kBool)
        scores.masked_fill_(mask.logical_not(), -std::numeric_limits<double>::infinity());
    else
        scores.add_(mask);
}

#if TORCH_VERSION_MAJOR < 2
// Query-sliced attention. Work items are (group, head, row block); each item computes one score
// block [rows, M] that stays in cache, applies softmax in place and writes its rows of the output
// directly. Items run in parallel, each with single-threaded matrix products.
at::Tensor attention_sliced(const at::Tensor& q_in, const at::Tensor& k_in, const at::Tensor& v_in,
                            const std::optional<at::Tensor>& mask, double scale) {
    // View everything as [G, H, N, d] (G = 1 for 3-D input).
    const bool four_d = q_in.dim() == 4;
    at::Tensor q = four_d ? q_in : q_in.unsqueeze(0);
    at::Tensor k = four_d ? k_in : k_in.unsqueeze(0);
    at::Tensor v = four_d ? v_in : v_in.unsqueeze(0);
    const int64_t G = q.size(0), H = q.size(1), N = q.size(2), M = k.size(2), dv = v.size(3);
    at::Tensor out = at::empty({G, H, N, dv}, q.options());
    if (out.numel() == 0) return four_d ? out : out.squeeze(0);

    at::Tensor m;
    if (mask) {
        m = *mask;
        if (!four_d && m.dim() >= 3) m = m.unsqueeze(0);
        m = m.expand({G, H, N, M});  // view, no copy
    }

    const int64_t elem = static_cast<int64_t>(q.element_size());
    const int64_t block = std::max<int64_t>(std::min(g_block.load(), g_budget.load()), 64 << 10);
    const int64_t rows = std::clamp<int64_t>(block / std::max<int64_t>(M * elem, 1), 1, N);
    const int64_t row_blocks = (N + rows - 1) / rows;
    const int64_t items = G * H * row_blocks;

    const bool inference = c10::InferenceMode::is_enabled();
    const bool grad = c10::GradMode::is_enabled();
    at::parallel_for(0, items, 1, [&](int64_t begin, int64_t end) {
        // Thread-local modes do not follow us into worker threads.
        c10::InferenceMode inference_guard(inference);
        c10::AutoGradMode grad_guard(grad && !inference);
        for (int64_t item = begin; item < end; ++item) {
            const int64_t rb = item % row_blocks;
            const int64_t h = (item / row_blocks) % H;
            const int64_t g = item / (row_blocks * H);
            const int64_t r0 = rb * rows;
            const int64_t n = std::min(rows, N - r0);
            // Scaling the query rows ([n, d]) is cheaper than scaling the scores ([n, M]).
            at::Tensor qs = q[g][h].narrow(0, r0, n).mul(scale);
            at::Tensor scores = at::mm(qs, k[g][h].t());
            if (m.defined()) apply_mask(scores, m[g][h].narrow(0, r0, n));
            at::_softmax_out(scores, scores, -1, false);
            at::Tensor dst = out[g][h].narrow(0, r0, n);  // contiguous rows
            at::mm_out(dst, scores, v[g][h]);
        }
    });
    return four_d ? out : out.squeeze(0);
}
#endif

} // namespace

int64_t set_attention_slice_budget(int64_t bytes) {
    return g_budget.exchange(std::max<int64_t>(bytes, 64 << 10));
}

int64_t attention_slice_budget() { return g_budget.load(); }

int64_t set_attention_block_bytes(int64_t bytes) {
    return g_block.exchange(std::max<int64_t>(bytes, 64 << 10));
}

at::Tensor attention_reference(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                               const std::optional<at::Tensor>& mask, std::optional<double> scale) {
    check_shapes(q, k, v);
    at::Tensor scores = at::matmul(q, k.transpose(-1, -2)).mul_(default_scale(q, scale));
    if (mask) apply_mask(scores, *mask);
    return at::matmul(at::softmax(scores, -1), v);
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const std::optional<at::Tensor>& mask, std::optional<double> scale) {
    check_shapes(q, k, v);
    const double s = default_scale(q, scale);
#if TORCH_VERSION_MAJOR >= 2
    // The `scale` argument only exists from 2.1 on: fold a non-default scale into q instead.
    const double natural = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
    at::Tensor qq = (std::abs(s - natural) > 1e-12 * natural) ? q * (s / natural) : q;
    std::optional<at::Tensor> m = mask;
    return at::scaled_dot_product_attention(qq, k, v, m, 0.0, false).contiguous();
#else
    if (!q.device().is_cpu()) {
        // GPU builds of 1.x: plain attention (the score matrix lives in device memory).
        return attention_reference(q, k, v, mask, s);
    }
    return attention_sliced(q, k, v, mask, s);
#endif
}

} // namespace latent
