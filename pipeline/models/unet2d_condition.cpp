#include "pipeline/models/unet2d_condition.h"

#include "pipeline/core/error.h"
#include "pipeline/models/compute_precision.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

#include <algorithm>

namespace latent {

namespace {

[[noreturn]] void bad_input(const std::string& message) { throw PipelineError("unet_input", message); }

std::string shape_string(at::IntArrayRef s) {
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i) out += (i ? "," : "") + std::to_string(s[i]);
    return out + "]";
}

// A residual matches its feature map, or is its global average ([B|1, C, 1, 1], ControlNets with
// global_pool_conditions).
bool residual_fits(const at::Tensor& r, const at::Tensor& h) {
    if (r.dim() != 4 || r.size(1) != h.size(1) || (r.size(0) != h.size(0) && r.size(0) != 1)) return false;
    return (r.size(2) == h.size(2) && r.size(3) == h.size(3)) || (r.size(2) == 1 && r.size(3) == 1);
}

} // namespace

UNet2DConditionModelImpl::UNet2DConditionModelImpl(const UNetConfig& c, bool channels_last)
    : config_(c), channels_last_(channels_last) {
    const size_t n = c.num_blocks();
    if (n == 0 || c.down_block_attention.size() != n || c.up_block_attention.size() != n ||
        c.num_attention_heads.size() != n || c.transformer_layers.size() != n ||
        c.reverse_transformer_layers.size() != n)
        throw PipelineError("unsupported_unet_config", "The UNet configuration has inconsistent block lists.");
    const auto& boc = c.block_out_channels;
    const int64_t temb = c.time_embed_dim();

    BlockSettings s;
    s.temb_channels = temb;
    s.groups = c.norm_num_groups;
    s.eps = c.norm_eps;
    s.output_scale_factor = c.resnet_out_scale_factor;
    s.context_dim = c.cross_attention_dim;
    s.use_linear_projection = c.use_linear_projection;

    conv_in = register_module("conv_in",
                              nn::Conv2d(torch::nn::Conv2dOptions(c.in_channels, boc[0], 3).padding(1)));
    time_embedding = register_module("time_embedding", TimestepEmbedding(boc[0], temb));
    if (c.addition_embed_type == "text_time")
        add_embedding = register_module("add_embedding", TimestepEmbedding(c.projection_class_embeddings_input_dim, temb));

    down_blocks = register_module("down_blocks", torch::nn::ModuleList());
    int64_t output = boc[0];
    for (size_t i = 0; i < n; ++i) {
        const int64_t input = output;
        output = boc[i];
        const bool final_block = i + 1 == n;
        down_.push_back(DownBlock(input, output, c.layers_per_block, c.down_block_attention[i],
                                  c.num_attention_heads[i], c.transformer_layers[i], !final_block,
                                  c.downsample_padding, s));
        down_blocks->push_back(down_.back());
    }

    BlockSettings mid = s;
    mid.output_scale_factor = c.mid_block_scale_factor;
    mid_block = register_module("mid_block", MidBlock(boc.back(), c.mid_heads(), c.mid_transformer_layers(), mid));

    up_blocks = register_module("up_blocks", torch::nn::ModuleList());
    std::vector<int64_t> reversed(boc.rbegin(), boc.rend());
    output = reversed[0];
    for (size_t i = 0; i < n; ++i) {
        const int64_t prev = output;
        output = reversed[i];
        const int64_t input = reversed[std::min(i + 1, n - 1)];
        const bool final_block = i + 1 == n;
        up_.push_back(UpBlock(input, prev, output, c.layers_per_block + 1, c.up_block_attention[i], c.up_heads(i),
                              c.up_transformer_layers(i), !final_block, s));
        up_blocks->push_back(up_.back());
    }

    conv_norm_out = register_module(
        "conv_norm_out",
        torch::nn::GroupNorm(torch::nn::GroupNormOptions(c.norm_num_groups, boc[0]).eps(c.norm_eps)));
    conv_out = register_module("conv_out",
                               nn::Conv2d(torch::nn::Conv2dOptions(boc[0], c.out_channels, 3).padding(1)));

    if (channels_last_) {
        // Channels-last conv weights: oneDNN then runs NHWC convolutions without reordering the
        // weights on every call. load_weights() copies into these tensors and keeps the layout.
        // With deferred initialisation nothing has been written yet: allocate, do not copy.
        c10::NoGradGuard no_grad;
        const bool deferred = nn::init_deferred();
        for (auto& p : parameters(true))
            if (p.dim() == 4)
                p.set_data(deferred ? at::empty(p.sizes(), p.options().memory_format(at::MemoryFormat::ChannelsLast))
                                    : p.contiguous(at::MemoryFormat::ChannelsLast));
    }
}

at::Tensor UNet2DConditionModelImpl::text_time_vector(const at::Tensor& text_embeds, const at::Tensor& time_ids) const {
    if (config_.addition_embed_type != "text_time")
        bad_input("This UNet has no added text/time conditioning.");
    if (time_ids.dim() != 2 || text_embeds.dim() != 2 || time_ids.size(0) != text_embeds.size(0))
        bad_input("text_embeds must be [B, P] and time_ids [B, n] with the same batch size.");
    at::Tensor emb = timestep_embedding(time_ids.flatten(), config_.addition_time_embed_dim, config_.flip_sin_to_cos,
                                        config_.freq_shift);
    emb = emb.reshape({time_ids.size(0), -1});
    return at::cat({text_embeds.to(emb.scalar_type()), emb}, -1);
}

at::Tensor UNet2DConditionModelImpl::forward(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                                             const std::optional<at::Tensor>& text_embeds,
                                             const std::optional<at::Tensor>& time_ids,
                                             const UNetResiduals* residuals) {
    at::Tensor y;
    if (config_.addition_embed_type == "text_time") {
        if (!text_embeds || !time_ids || !text_embeds->defined() || !time_ids->defined())
            bad_input("This SDXL UNet needs text_embeds (pooled text embedding) and time_ids.");
        y = text_time_vector(*text_embeds, *time_ids);
    }
    return run(x, t, context, y, residuals);
}

at::Tensor UNet2DConditionModelImpl::forward_with_vector(const at::Tensor& x, const at::Tensor& t,
                                                         const at::Tensor& context, const at::Tensor& y,
                                                         const UNetResiduals* residuals) {
    if (config_.addition_embed_type != "text_time") bad_input("This UNet has no added text/time conditioning.");
    if (!y.defined()) bad_input("The added-conditioning vector is missing.");
    return run(x, t, context, y, residuals);
}

at::Tensor UNet2DConditionModelImpl::forward_taking(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                                                    const std::optional<at::Tensor>& text_embeds,
                                                    const std::optional<at::Tensor>& time_ids, UNetResiduals&& residuals) {
    at::Tensor y;
    if (config_.addition_embed_type == "text_time") {
        if (!text_embeds || !time_ids || !text_embeds->defined() || !time_ids->defined())
            bad_input("This SDXL UNet needs text_embeds (pooled text embedding) and time_ids.");
        y = text_time_vector(*text_embeds, *time_ids);
    }
    UNetResiduals taken = std::move(residuals);
    return run(x, t, context, y, &taken, &taken);
}

at::Tensor UNet2DConditionModelImpl::forward_with_vector_taking(const at::Tensor& x, const at::Tensor& t,
                                                                const at::Tensor& context, const at::Tensor& y,
                                                                UNetResiduals&& residuals) {
    if (config_.addition_embed_type != "text_time") bad_input("This UNet has no added text/time conditioning.");
    if (!y.defined()) bad_input("The added-conditioning vector is missing.");
    UNetResiduals taken = std::move(residuals);
    return run(x, t, context, y, &taken, &taken);
}

at::Tensor UNet2DConditionModelImpl::run(const at::Tensor& x, const at::Tensor& t_in, const at::Tensor& context,
                                         const at::Tensor& y, const UNetResiduals* residuals, UNetResiduals* release) {
    const auto& c = config_;
    if (x.dim() != 4 || x.size(1) != c.in_channels || x.size(2) < 1 || x.size(3) < 1)
        bad_input("The UNet input must be [B, " + std::to_string(c.in_channels) + ", H, W]; got " +
                  shape_string(x.sizes()) + ".");
    const int64_t B = x.size(0);
    if (context.dim() != 3 || context.size(0) != B || context.size(2) != c.cross_attention_dim)
        bad_input("The UNet context must be [" + std::to_string(B) + ", S, " + std::to_string(c.cross_attention_dim) +
                  "]; got " + shape_string(context.sizes()) + ".");
    at::Tensor t = t_in.reshape({-1});
    if (t.numel() == 1 && B != 1) t = t.expand({B});
    if (t.numel() != B) bad_input("The UNet needs one timestep per batch entry.");
    if (y.defined() && (y.dim() != 2 || y.size(0) != B || y.size(1) != c.projection_class_embeddings_input_dim))
        bad_input("The added-conditioning vector must be [" + std::to_string(B) + ", " +
                  std::to_string(c.projection_class_embeddings_input_dim) + "]; got " + shape_string(y.sizes()) + ".");

    // Conv weights may be stored narrower; a ComputeDtypeScope may ask for another dtype (bf16).
    const std::optional<at::ScalarType> override_dtype = unet_compute_dtype_override();
    const auto dtype = override_dtype.value_or(conv_norm_out->weight.scalar_type());
    at::Tensor temb = time_embedding->forward(
        timestep_embedding(t, c.block_out_channels[0], c.flip_sin_to_cos, c.freq_shift).to(dtype));
    if (y.defined()) temb.add_(add_embedding->forward(y.to(dtype)));
    const at::Tensor temb_act = at::silu(temb);
    const at::Tensor ctx = context.to(dtype);

    at::Tensor h = x.to(dtype);
    if (channels_last_) h = h.contiguous(at::MemoryFormat::ChannelsLast);
    h = conv_in->forward(h);

    std::vector<at::Tensor> states;
    states.push_back(h);
    for (auto& block : down_) h = block->forward(h, temb_act, ctx, states);
    if (residuals && !residuals->down.empty()) {
        if (residuals->down.size() != states.size())
            bad_input("The ControlNet gives " + std::to_string(residuals->down.size()) + " skip residuals; this UNet has " +
                      std::to_string(states.size()) + " skip connections.");
        for (size_t i = 0; i < states.size(); ++i)
            if (!residual_fits(residuals->down[i], states[i]))
                bad_input("ControlNet residual " + std::to_string(i) + " is " + shape_string(residuals->down[i].sizes()) +
                          "; the skip connection is " + shape_string(states[i].sizes()) + ".");
    }
    if (residuals && residuals->mid.defined() && residuals->mid.size(1) != h.size(1))
        bad_input("The ControlNet mid residual is " + shape_string(residuals->mid.sizes()) + "; the mid block has " +
                  std::to_string(h.size(1)) + " channels.");
    h = mid_block->forward(h, temb_act, ctx);
    // The residuals join after the mid block has read the last skip (which is its input), in place:
    // no copies of the skips, and their memory format (so the up path's kernels) is unchanged.
    // Taken-over residuals are released as they are added (`release` aliases `residuals`).
    if (residuals) {
        for (size_t i = 0; i < residuals->down.size(); ++i) {
            states[i].add_(residuals->down[i].to(dtype));
            if (release) release->down[i] = at::Tensor();
        }
        if (residuals->mid.defined()) {
            if (!residual_fits(residuals->mid, h))
                bad_input("The ControlNet mid residual is " + shape_string(residuals->mid.sizes()) +
                          "; the mid block gives " + shape_string(h.sizes()) + ".");
            h.add_(residuals->mid.to(dtype));
            if (release) release->mid = at::Tensor();
        }
    }
    for (auto& block : up_) h = block->forward(h, temb_act, ctx, states);

    const auto& o = conv_norm_out->options;
    h = at::group_norm(h, o.num_groups(), nn::weight_as(conv_norm_out->weight, h), nn::weight_as(conv_norm_out->bias, h),
                       o.eps(), true);
    at::silu_(h);
    h = conv_out->forward(h);
    // Under a dtype override the samplers still get the input's dtype back.
    if (override_dtype && *override_dtype != x.scalar_type()) return h.to(x.scalar_type()).contiguous();
    return h.contiguous();
}

} // namespace latent
