#include "pipeline/models/autoencoder_kl.h"

#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent {

namespace {

constexpr double kVaeEps = 1e-6;

torch::nn::GroupNorm make_norm(int64_t groups, int64_t channels) {
    return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels).eps(kVaeEps));
}

nn::Conv2d make_conv(int64_t in, int64_t out, int64_t k, int64_t stride = 1, int64_t pad = -1) {
    if (pad < 0) pad = k / 2;
    return nn::Conv2d(torch::nn::Conv2dOptions(in, out, k).stride(stride).padding(pad));
}

// Tiled decode/encode normalise every tile with statistics recorded on a downscaled pass over
// the whole input instead of the tile's own statistics (what makes naive tiling show seams and
// colour shifts). The k-th GroupNorm call of a tile replays the k-th recorded call.
struct GroupNormStats {
    bool record = false;
    std::vector<std::pair<at::Tensor, at::Tensor>> stats;  // (mean, rstd) [B,G,1]
    size_t cursor = 0;
};
thread_local GroupNormStats* g_stats = nullptr;

struct StatsScope {
    explicit StatsScope(GroupNormStats* s) : prev(g_stats) { g_stats = s; }
    ~StatsScope() { g_stats = prev; }
    GroupNormStats* prev;
};

at::Tensor vae_group_norm(const torch::nn::GroupNorm& norm, const at::Tensor& x) {
    const auto& o = norm->options;
    if (!g_stats) return at::group_norm(x, o.num_groups(), norm->weight, norm->bias, o.eps());
    at::Tensor xv = x.reshape({x.size(0), o.num_groups(), -1});
    at::Tensor mean, rstd;
    if (g_stats->record) {
        mean = xv.mean({2}, true);
        rstd = ((xv - mean).pow(2).mean({2}, true) + o.eps()).rsqrt();
        g_stats->stats.emplace_back(mean, rstd);
    } else {
        if (g_stats->cursor >= g_stats->stats.size())
            throw PipelineError("internal_error", "The tiled VAE lost track of its normalisation statistics.");
        std::tie(mean, rstd) = g_stats->stats[g_stats->cursor++];
    }
    at::Tensor y = ((xv - mean) * rstd).view(x.sizes());
    return y * norm->weight.view({1, -1, 1, 1}) + norm->bias.view({1, -1, 1, 1});
}

at::Tensor norm_silu(const torch::nn::GroupNorm& norm, const at::Tensor& x) {
    at::Tensor h = vae_group_norm(norm, x);
    return at::silu_(h);
}

void check_cancel(const CancelCheck& cancel) {
    if (cancel && cancel()) throw CancelledError();
    adapt_threads_to_load();
}

// Start offsets of tiles of size `tile` covering [0, len) with at least `overlap` overlap.
// One axis of the tiling: the output is partitioned into cores; each core is computed from a
// window that adds `margin` grid units of real context on both sides (as far as the input
// reaches), and only the core of the window's output is kept. With a margin of at least the
// network's receptive field the result equals the untiled one; no blending is needed.
struct TileSpan {
    int64_t core_start, core_len, win_start, win_len;
};

std::vector<TileSpan> tile_spans(int64_t len, int64_t tile, int64_t margin) {
    if (len <= tile) return {{0, len, 0, len}};
    const int64_t core = std::max<int64_t>(4, tile - 2 * margin);
    std::vector<TileSpan> spans;
    for (int64_t c0 = 0; c0 < len; c0 += core) {
        const int64_t clen = std::min(core, len - c0);
        // The window is `tile` wide where the input allows it, centred on the core and shifted
        // inwards at the borders (more real context, never padding).
        const int64_t wlen = std::min(tile, len);
        int64_t w0 = c0 - (wlen - clen) / 2;
        w0 = std::clamp<int64_t>(w0, 0, len - wlen);
        spans.push_back({c0, clen, w0, wlen});
    }
    return spans;
}

// Applies `fn` to tiles of `input` (each with context margins) and assembles the cores.
// Coordinates are in "grid" units (latent pixels); input pixels = grid·in_mult, output pixels =
// grid·out_mult.
at::Tensor tiled_apply(const at::Tensor& input, int64_t in_mult, int64_t out_mult, VaeTileOptions opt,
                       const CancelCheck& cancel, const std::function<at::Tensor(const at::Tensor&)>& fn) {
    if (opt.tile < 8) opt.tile = 8;
    opt.overlap = std::clamp<int64_t>(opt.overlap, 0, (opt.tile - 4) / 2);
    const int64_t gh = input.size(2) / in_mult, gw = input.size(3) / in_mult;
    const auto ys = tile_spans(gh, opt.tile, opt.overlap);
    const auto xs = tile_spans(gw, opt.tile, opt.overlap);
    if (ys.size() == 1 && xs.size() == 1) {
        check_cancel(cancel);
        return fn(input);
    }
    // Statistics pass on the whole input, downscaled to about `stats_size`.
    GroupNormStats stats;
    StatsScope scope(&stats);
    {
        check_cancel(cancel);
        const int64_t target = opt.stats_size > 0 ? opt.stats_size : opt.tile;
        const double shrink = std::min(1.0, static_cast<double>(target) / static_cast<double>(std::max(gh, gw)));
        const int64_t sh = std::max<int64_t>(1, static_cast<int64_t>(std::lround(gh * shrink)));
        const int64_t sw = std::max<int64_t>(1, static_cast<int64_t>(std::lround(gw * shrink)));
        at::Tensor small = (sh == gh && sw == gw) ? input : at::adaptive_avg_pool2d(input, {sh * in_mult, sw * in_mult});
        stats.record = true;
        fn(small.contiguous());
        stats.record = false;
    }
    at::Tensor out;
    for (const TileSpan& y : ys) {
        for (const TileSpan& x : xs) {
            check_cancel(cancel);
            at::Tensor win = input.narrow(2, y.win_start * in_mult, y.win_len * in_mult)
                                 .narrow(3, x.win_start * in_mult, x.win_len * in_mult);
            stats.cursor = 0;
            at::Tensor win_out = fn(win.contiguous());
            if (!out.defined())
                out = at::empty({input.size(0), win_out.size(1), gh * out_mult, gw * out_mult}, win_out.options());
            out.narrow(2, y.core_start * out_mult, y.core_len * out_mult)
                .narrow(3, x.core_start * out_mult, x.core_len * out_mult)
                .copy_(win_out.narrow(2, (y.core_start - y.win_start) * out_mult, y.core_len * out_mult)
                           .narrow(3, (x.core_start - x.win_start) * out_mult, x.core_len * out_mult));
        }
    }
    return out;
}

} // namespace

// ---- resnet ----------------------------------------------------------------------------------

VaeResnetBlockImpl::VaeResnetBlockImpl(int64_t in, int64_t out, int64_t groups) {
    norm1 = register_module("norm1", make_norm(groups, in));
    conv1 = register_module("conv1", make_conv(in, out, 3));
    norm2 = register_module("norm2", make_norm(groups, out));
    conv2 = register_module("conv2", make_conv(out, out, 3));
    if (in != out) conv_shortcut = register_module("conv_shortcut", make_conv(in, out, 1));
}

at::Tensor VaeResnetBlockImpl::forward(const at::Tensor& x) {
    at::Tensor h = conv1->forward(norm_silu(norm1, x));
    h = conv2->forward(norm_silu(norm2, h));
    if (conv_shortcut)
        h.add_(conv_shortcut->forward(x));
    else
        h.add_(x);
    return h;
}

// ---- attention -------------------------------------------------------------------------------

VaeAttentionImpl::VaeAttentionImpl(int64_t channels, int64_t groups) {
    group_norm = register_module("group_norm", make_norm(groups, channels));
    to_q = register_module("to_q", nn::Linear(channels, channels));
    to_k = register_module("to_k", nn::Linear(channels, channels));
    to_v = register_module("to_v", nn::Linear(channels, channels));
    to_out = register_module("to_out", torch::nn::ModuleList());
    to_out->push_back(nn::Linear(channels, channels));
}

at::Tensor VaeAttentionImpl::forward(const at::Tensor& x) {
    const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3), n = h * w;
    at::Tensor t = vae_group_norm(group_norm, x).reshape({b, c, n}).transpose(1, 2);  // [B,N,C]
    const double scale = 1.0 / std::sqrt(static_cast<double>(c));
    at::Tensor q = to_q->forward(t);
    q.mul_(scale);
    at::Tensor kt = to_k->forward(t).transpose(1, 2).contiguous();  // [B,C,N]
    at::Tensor v = to_v->forward(t);
    t = at::Tensor();
    // Bound the [B, slice, N] score matrix.
    const int64_t budget = std::max<int64_t>(1, max_score_elements);
    const int64_t slice = std::max<int64_t>(1, std::min<int64_t>(n, budget / std::max<int64_t>(1, n * b)));
    at::Tensor o;
    if (slice >= n) {
        o = at::matmul(at::softmax(at::matmul(q, kt), -1), v);
    } else {
        o = at::empty({b, n, c}, q.options());
        for (int64_t s = 0; s < n; s += slice) {
            const int64_t len = std::min(slice, n - s);
            at::Tensor p = at::softmax(at::matmul(q.narrow(1, s, len), kt), -1);
            at::Tensor dst = o.narrow(1, s, len);
            at::matmul_out(dst, p, v);
        }
    }
    o = to_out[0]->as<nn::Linear>()->forward(o);
    return o.transpose(1, 2).reshape({b, c, h, w}).add_(x);
}

// ---- blocks ----------------------------------------------------------------------------------

VaeMidBlockImpl::VaeMidBlockImpl(int64_t channels, int64_t groups, bool attention) {
    resnets = register_module("resnets", torch::nn::ModuleList());
    attentions = register_module("attentions", torch::nn::ModuleList());
    resnets->push_back(VaeResnetBlock(channels, channels, groups));
    if (attention) attentions->push_back(VaeAttention(channels, groups));
    resnets->push_back(VaeResnetBlock(channels, channels, groups));
}

at::Tensor VaeMidBlockImpl::forward(const at::Tensor& x) {
    at::Tensor h = resnets[0]->as<VaeResnetBlock>()->forward(x);
    if (!attentions->is_empty()) h = attentions[0]->as<VaeAttention>()->forward(h);
    return resnets[1]->as<VaeResnetBlock>()->forward(h);
}

VaeSampleConvImpl::VaeSampleConvImpl(int64_t channels, bool down) : down_(down) {
    conv = register_module("conv", down ? make_conv(channels, channels, 3, 2, 0) : make_conv(channels, channels, 3));
}

at::Tensor VaeSampleConvImpl::forward(const at::Tensor& x) {
    if (down_) return conv->forward(at::constant_pad_nd(x, {0, 1, 0, 1}, 0.0));
    at::Tensor up = at::upsample_nearest2d(x, {x.size(2) * 2, x.size(3) * 2});
    return conv->forward(up);
}

VaeEncoderBlockImpl::VaeEncoderBlockImpl(int64_t in, int64_t out, int64_t layers, int64_t groups, bool downsample,
                                         bool upsample) {
    resnets = register_module("resnets", torch::nn::ModuleList());
    for (int64_t i = 0; i < layers; ++i) resnets->push_back(VaeResnetBlock(i == 0 ? in : out, out, groups));
    if (downsample) {
        downsamplers = register_module("downsamplers", torch::nn::ModuleList());
        downsamplers->push_back(VaeSampleConv(out, true));
    }
    if (upsample) {
        upsamplers = register_module("upsamplers", torch::nn::ModuleList());
        upsamplers->push_back(VaeSampleConv(out, false));
    }
}

at::Tensor VaeEncoderBlockImpl::forward(const at::Tensor& x) {
    at::Tensor h = x;
    for (const auto& r : *resnets) h = r->as<VaeResnetBlock>()->forward(h);
    if (downsamplers) h = downsamplers[0]->as<VaeSampleConv>()->forward(h);
    if (upsamplers) h = upsamplers[0]->as<VaeSampleConv>()->forward(h);
    return h;
}

VaeEncoderImpl::VaeEncoderImpl(const VaeConfig& c) {
    const auto& ch = c.block_out_channels;
    const int64_t g = c.norm_num_groups;
    conv_in = register_module("conv_in", make_conv(c.in_channels, ch[0], 3));
    down_blocks = register_module("down_blocks", torch::nn::ModuleList());
    int64_t prev = ch[0];
    for (size_t i = 0; i < ch.size(); ++i) {
        const bool last = i + 1 == ch.size();
        down_blocks->push_back(VaeEncoderBlock(prev, ch[i], c.layers_per_block, g, !last, false));
        prev = ch[i];
    }
    mid_block = register_module("mid_block", VaeMidBlock(ch.back(), g, c.mid_block_add_attention));
    conv_norm_out = register_module("conv_norm_out", make_norm(g, ch.back()));
    conv_out = register_module("conv_out", make_conv(ch.back(), 2 * c.latent_channels, 3));
}

at::Tensor VaeEncoderImpl::forward(const at::Tensor& x) {
    at::Tensor h = conv_in->forward(x);
    for (const auto& b : *down_blocks) h = b->as<VaeEncoderBlock>()->forward(h);
    h = mid_block->forward(h);
    return conv_out->forward(norm_silu(conv_norm_out, h));
}

VaeDecoderImpl::VaeDecoderImpl(const VaeConfig& c) {
    std::vector<int64_t> rev(c.block_out_channels.rbegin(), c.block_out_channels.rend());
    const int64_t g = c.norm_num_groups;
    conv_in = register_module("conv_in", make_conv(c.latent_channels, rev[0], 3));
    mid_block = register_module("mid_block", VaeMidBlock(rev[0], g, c.mid_block_add_attention));
    up_blocks = register_module("up_blocks", torch::nn::ModuleList());
    int64_t prev = rev[0];
    for (size_t i = 0; i < rev.size(); ++i) {
        const bool last = i + 1 == rev.size();
        up_blocks->push_back(VaeEncoderBlock(prev, rev[i], c.layers_per_block + 1, g, false, !last));
        prev = rev[i];
    }
    conv_norm_out = register_module("conv_norm_out", make_norm(g, rev.back()));
    conv_out = register_module("conv_out", make_conv(rev.back(), c.out_channels, 3));
}

at::Tensor VaeDecoderImpl::forward(const at::Tensor& z) {
    at::Tensor h = conv_in->forward(z);
    h = mid_block->forward(h);
    for (const auto& b : *up_blocks) h = b->as<VaeEncoderBlock>()->forward(h);
    return conv_out->forward(norm_silu(conv_norm_out, h));
}

// ---- AutoencoderKL ---------------------------------------------------------------------------

AutoencoderKLImpl::AutoencoderKLImpl(VaeConfig config) : config_(std::move(config)) {
    encoder = register_module("encoder", VaeEncoder(config_));
    decoder = register_module("decoder", VaeDecoder(config_));
    const int64_t l = config_.latent_channels;
    if (config_.use_quant_conv) quant_conv = register_module("quant_conv", make_conv(2 * l, 2 * l, 1));
    if (config_.use_post_quant_conv) post_quant_conv = register_module("post_quant_conv", make_conv(l, l, 1));
}

at::Tensor AutoencoderKLImpl::encode_moments(const at::Tensor& x) {
    const auto& w = encoder->conv_norm_out->weight;  // conv weights may be stored narrower
    at::Tensor h = encoder->forward(x.to(w.device(), w.scalar_type()));
    if (quant_conv) h = quant_conv->forward(h);
    return h;
}

AutoencoderKLImpl::Posterior AutoencoderKLImpl::encode(const at::Tensor& x) {
    if (x.dim() != 4 || x.size(1) != config_.in_channels)
        throw PipelineError("bad_input", "The VAE encoder expects an image tensor [B," +
                                             std::to_string(config_.in_channels) + ",H,W].");
    const int64_t f = downscale_factor();
    if (x.size(2) % f != 0 || x.size(3) % f != 0)
        throw PipelineError("bad_input", "Image sizes must be multiples of " + std::to_string(f) + " for the VAE.");
    at::Tensor m = encode_moments(x);
    auto parts = m.chunk(2, 1);
    return {parts[0], parts[1].clamp(-30.0, 20.0)};
}

at::Tensor AutoencoderKLImpl::decode(const at::Tensor& z) {
    if (z.dim() != 4 || z.size(1) != config_.latent_channels)
        throw PipelineError("bad_input", "The VAE decoder expects latents [B," +
                                             std::to_string(config_.latent_channels) + ",h,w].");
    const auto& w = decoder->conv_norm_out->weight;  // conv weights may be stored narrower
    at::Tensor h = z.to(w.device(), w.scalar_type());
    if (post_quant_conv) h = post_quant_conv->forward(h);
    return decoder->forward(h);
}

at::Tensor AutoencoderKLImpl::decode_tiled(const at::Tensor& z, VaeTileOptions opt, const CancelCheck& cancel) {
    if (z.dim() != 4) throw PipelineError("bad_input", "The VAE decoder expects latents [B,C,h,w].");
    return tiled_apply(z, 1, downscale_factor(), opt, cancel, [this](const at::Tensor& t) { return decode(t); });
}

AutoencoderKLImpl::Posterior AutoencoderKLImpl::encode_tiled(const at::Tensor& x, VaeTileOptions opt,
                                                             const CancelCheck& cancel) {
    const int64_t f = downscale_factor();
    if (x.dim() != 4 || x.size(2) % f != 0 || x.size(3) % f != 0)
        throw PipelineError("bad_input", "Image sizes must be multiples of " + std::to_string(f) + " for the VAE.");
    at::Tensor m = tiled_apply(x, f, 1, opt, cancel, [this](const at::Tensor& t) { return encode_moments(t); });
    auto parts = m.chunk(2, 1);
    return {parts[0], parts[1].clamp(-30.0, 20.0)};
}

at::Tensor AutoencoderKLImpl::decode_latents(const at::Tensor& latents, bool tiled, const CancelCheck& cancel) {
    at::Tensor z = latents / config_.scaling_factor;
    if (config_.shift_factor != 0.0) z = z + config_.shift_factor;
    if (tiled) return decode_tiled(z, {}, cancel);
    check_cancel(cancel);
    return decode(z);
}

at::Tensor AutoencoderKLImpl::encode_to_latents(const at::Tensor& image, bool tiled, const CancelCheck& cancel) {
    Posterior p = tiled ? encode_tiled(image, {}, cancel) : (check_cancel(cancel), encode(image));
    at::Tensor mean = p.mean;
    if (config_.shift_factor != 0.0) mean = mean - config_.shift_factor;
    return mean * config_.scaling_factor;
}

} // namespace latent
