#include "pipeline/models/controlnet.h"

#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <nlohmann/json.hpp>

namespace latent {

namespace {

[[noreturn]] void bad_input(const std::string& message) { throw PipelineError("controlnet_input", message); }
[[noreturn]] void unsupported(const std::string& what) {
    throw PipelineError("unsupported_unet_config", "The ControlNet configuration is not supported: " + what + ".");
}

std::string shape_string(at::IntArrayRef s) {
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i) out += (i ? "," : "") + std::to_string(s[i]);
    return out + "]";
}

nn::Conv2d conv3(int64_t in, int64_t out, int64_t stride = 1) {
    return nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).stride(stride));
}

} // namespace

size_t ControlNetConfig::num_down_residuals() const {
    const size_t n = unet.num_blocks();
    return 1 + n * static_cast<size_t>(unet.layers_per_block) + (n > 0 ? n - 1 : 0);
}

ControlNetConfig controlnet_config_from_json(const nlohmann::json& j_in) {
    if (!j_in.is_object()) unsupported("the configuration is not a JSON object");
    nlohmann::json j = j_in;
    ControlNetConfig c;
    auto take = [&](const char* key) {
        nlohmann::json v;
        if (auto it = j.find(key); it != j.end()) {
            v = *it;
            j.erase(it);
        }
        return v;
    };
    if (auto cls = take("_class_name"); cls.is_string() && cls.get<std::string>() != "ControlNetModel")
        unsupported("_class_name is " + cls.get<std::string>() + ", expected ControlNetModel");
    if (auto v = take("conditioning_channels"); !v.is_null()) {
        if (!v.is_number_integer() || v.get<int64_t>() <= 0) unsupported("conditioning_channels must be a positive integer");
        c.conditioning_channels = v.get<int64_t>();
    }
    if (auto v = take("conditioning_embedding_out_channels"); !v.is_null()) {
        if (!v.is_array() || v.empty()) unsupported("conditioning_embedding_out_channels must be a non-empty list");
        c.conditioning_embedding_out_channels.clear();
        for (const auto& e : v) {
            if (!e.is_number_integer() || e.get<int64_t>() <= 0)
                unsupported("conditioning_embedding_out_channels must hold positive integers");
            c.conditioning_embedding_out_channels.push_back(e.get<int64_t>());
        }
    }
    if (auto v = take("global_pool_conditions"); !v.is_null()) {
        if (!v.is_boolean()) unsupported("global_pool_conditions must be true or false");
        c.global_pool_conditions = v.get<bool>();
    }
    if (auto v = take("controlnet_conditioning_channel_order"); !v.is_null() && v != "rgb")
        unsupported("controlnet_conditioning_channel_order = " + v.dump());
    take("addition_embed_type_num_heads");
    take("mid_block_type");  // checked below: a ControlNet always has the cross-attention mid block
    // The UNet parser wants up-block types; a ControlNet has none, mirror the down path.
    if (auto it = j.find("down_block_types"); it != j.end() && it->is_array()) {
        nlohmann::json up = nlohmann::json::array();
        for (auto e = it->rbegin(); e != it->rend(); ++e)
            up.push_back(*e == "CrossAttnDownBlock2D" ? "CrossAttnUpBlock2D" : "UpBlock2D");
        j["up_block_types"] = up;
    }
    j["_class_name"] = "UNet2DConditionModel";
    c.unet = unet_config_from_json(j);
    return c;
}

nlohmann::json controlnet_config_to_json(const ControlNetConfig& c) {
    nlohmann::json j = unet_config_to_json(c.unet);
    j.erase("up_block_types");
    j.erase("reverse_transformer_layers_per_block");
    j.erase("out_channels");
    j["_class_name"] = "ControlNetModel";
    j["conditioning_channels"] = c.conditioning_channels;
    j["conditioning_embedding_out_channels"] = c.conditioning_embedding_out_channels;
    j["global_pool_conditions"] = c.global_pool_conditions;
    j["controlnet_conditioning_channel_order"] = "rgb";
    return j;
}

ControlNetConfig controlnet_config_for_unet(const UNetConfig& unet) {
    ControlNetConfig c;
    c.unet = unet;
    c.unet.in_channels = 4;
    return c;
}

ControlNetConditioningEmbeddingImpl::ControlNetConditioningEmbeddingImpl(int64_t conditioning_channels,
                                                                         const std::vector<int64_t>& boc,
                                                                         int64_t embedding_channels) {
    if (boc.empty()) throw PipelineError("unsupported_unet_config", "The ControlNet hint embedding has no widths.");
    conv_in = register_module("conv_in", conv3(conditioning_channels, boc.front()));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (size_t i = 0; i + 1 < boc.size(); ++i) {
        blocks_.push_back(conv3(boc[i], boc[i]));
        blocks_.push_back(conv3(boc[i], boc[i + 1], 2));
    }
    for (auto& b : blocks_) blocks->push_back(b);
    conv_out = register_module("conv_out", conv3(boc.back(), embedding_channels));
}

at::Tensor ControlNetConditioningEmbeddingImpl::forward(const at::Tensor& hint) {
    at::Tensor h = at::silu(conv_in->forward(hint));
    for (auto& b : blocks_) h = at::silu(b->forward(h));
    return conv_out->forward(h);
}

ControlNetModelImpl::ControlNetModelImpl(const ControlNetConfig& config, bool channels_last)
    : config_(config), channels_last_(channels_last) {
    const UNetConfig& c = config_.unet;
    const size_t n = c.num_blocks();
    if (n == 0 || c.down_block_attention.size() != n || c.num_attention_heads.size() != n ||
        c.transformer_layers.size() != n)
        throw PipelineError("unsupported_unet_config", "The ControlNet configuration has inconsistent block lists.");
    const auto& boc = c.block_out_channels;
    const int64_t temb = c.time_embed_dim();

    BlockSettings s;
    s.temb_channels = temb;
    s.groups = c.norm_num_groups;
    s.eps = c.norm_eps;
    s.output_scale_factor = c.resnet_out_scale_factor;
    s.context_dim = c.cross_attention_dim;
    s.use_linear_projection = c.use_linear_projection;

    conv_in = register_module("conv_in", conv3(c.in_channels, boc[0]));
    time_embedding = register_module("time_embedding", TimestepEmbedding(boc[0], temb));
    if (c.addition_embed_type == "text_time")
        add_embedding = register_module("add_embedding", TimestepEmbedding(c.projection_class_embeddings_input_dim, temb));
    controlnet_cond_embedding = register_module(
        "controlnet_cond_embedding",
        ControlNetConditioningEmbedding(config_.conditioning_channels, config_.conditioning_embedding_out_channels, boc[0]));

    down_blocks = register_module("down_blocks", torch::nn::ModuleList());
    controlnet_down_blocks = register_module("controlnet_down_blocks", torch::nn::ModuleList());
    auto zero_conv = [&](int64_t ch) {
        zero_convs_.push_back(nn::Conv2d(torch::nn::Conv2dOptions(ch, ch, 1)));
        controlnet_down_blocks->push_back(zero_convs_.back());
    };
    zero_conv(boc[0]);
    int64_t output = boc[0];
    for (size_t i = 0; i < n; ++i) {
        const int64_t input = output;
        output = boc[i];
        const bool final_block = i + 1 == n;
        down_.push_back(DownBlock(input, output, c.layers_per_block, c.down_block_attention[i], c.num_attention_heads[i],
                                  c.transformer_layers[i], !final_block, c.downsample_padding, s));
        down_blocks->push_back(down_.back());
        for (int64_t l = 0; l < c.layers_per_block; ++l) zero_conv(output);
        if (!final_block) zero_conv(output);
    }
    BlockSettings mid = s;
    mid.output_scale_factor = c.mid_block_scale_factor;
    mid_block = register_module("mid_block", MidBlock(boc.back(), c.mid_heads(), c.mid_transformer_layers(), mid));
    controlnet_mid_block =
        register_module("controlnet_mid_block", nn::Conv2d(torch::nn::Conv2dOptions(boc.back(), boc.back(), 1)));
    dtype_probe_ = mid_block->resnets[0]->as<ResnetBlock2DImpl>()->norm1;

    if (channels_last_) {
        // As the UNet: channels-last conv weights so oneDNN runs NHWC convolutions without
        // reordering them per call; with deferred initialisation only allocate.
        c10::NoGradGuard no_grad;
        const bool deferred = nn::init_deferred();
        for (auto& p : parameters(true))
            if (p.dim() == 4)
                p.set_data(deferred ? at::empty(p.sizes(), p.options().memory_format(at::MemoryFormat::ChannelsLast))
                                    : p.contiguous(at::MemoryFormat::ChannelsLast));
    }
}

at::ScalarType ControlNetModelImpl::compute_dtype() const { return dtype_probe_->weight.scalar_type(); }

at::Tensor ControlNetModelImpl::embed_hint(const at::Tensor& hint) {
    if (hint.dim() != 4 || hint.size(1) != config_.conditioning_channels || hint.size(2) < 8 || hint.size(3) < 8)
        bad_input("The control image must be [N, " + std::to_string(config_.conditioning_channels) +
                  ", H, W] with H, W >= 8; got " + shape_string(hint.sizes()) + ".");
    at::Tensor h = hint.to(compute_dtype());
    if (channels_last_) h = h.contiguous(at::MemoryFormat::ChannelsLast);
    return controlnet_cond_embedding->forward(h);
}

at::Tensor ControlNetModelImpl::text_time_vector(const at::Tensor& text_embeds, const at::Tensor& time_ids) const {
    const UNetConfig& c = config_.unet;
    if (c.addition_embed_type != "text_time") bad_input("This ControlNet has no added text/time conditioning.");
    if (time_ids.dim() != 2 || text_embeds.dim() != 2 || time_ids.size(0) != text_embeds.size(0))
        bad_input("text_embeds must be [B, P] and time_ids [B, n] with the same batch size.");
    at::Tensor emb = timestep_embedding(time_ids.flatten(), c.addition_time_embed_dim, c.flip_sin_to_cos, c.freq_shift);
    emb = emb.reshape({time_ids.size(0), -1});
    return at::cat({text_embeds.to(emb.scalar_type()), emb}, -1);
}

UNetResiduals ControlNetModelImpl::forward(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                                           const at::Tensor& hint_embedding, const at::Tensor& y) {
    UNetResiduals out = run(x, t, context, hint_embedding, y);
    // The pass's activations are all freed now; their heap pages go back to the system before the
    // UNet's pass, which would otherwise grow the heap beside them (the extra peak RSS of a unit).
    release_free_heap();
    return out;
}

UNetResiduals ControlNetModelImpl::run(const at::Tensor& x_in, const at::Tensor& t_in, const at::Tensor& context,
                                       const at::Tensor& hint_embedding, const at::Tensor& y) {
    const UNetConfig& c = config_.unet;
    if (x_in.dim() != 4 || x_in.size(1) < c.in_channels)
        bad_input("The ControlNet input must be [B, " + std::to_string(c.in_channels) + ", h, w]; got " +
                  shape_string(x_in.sizes()) + ".");
    const at::Tensor x = x_in.size(1) == c.in_channels ? x_in : x_in.narrow(1, 0, c.in_channels);
    const int64_t B = x.size(0);
    if (context.dim() != 3 || context.size(0) != B || context.size(2) != c.cross_attention_dim)
        bad_input("The ControlNet context must be [" + std::to_string(B) + ", S, " +
                  std::to_string(c.cross_attention_dim) + "]; got " + shape_string(context.sizes()) + ".");
    if (!hint_embedding.defined() || hint_embedding.dim() != 4 || hint_embedding.size(2) != x.size(2) ||
        hint_embedding.size(3) != x.size(3) || (hint_embedding.size(0) != 1 && hint_embedding.size(0) != B))
        bad_input("The control image embedding " +
                  (hint_embedding.defined() ? shape_string(hint_embedding.sizes()) : std::string("(none)")) +
                  " does not fit the latent " + shape_string(x.sizes()) +
                  " (the control image must be 8x the latent size).");
    at::Tensor t = t_in.reshape({-1});
    if (t.numel() == 1 && B != 1) t = t.expand({B});
    if (t.numel() != B) bad_input("The ControlNet needs one timestep per batch entry.");
    const bool text_time = c.addition_embed_type == "text_time";
    if (text_time && (!y.defined() || y.dim() != 2 || y.size(0) != B ||
                      y.size(1) != c.projection_class_embeddings_input_dim))
        bad_input("This SDXL ControlNet needs the added-conditioning vector [" + std::to_string(B) + ", " +
                  std::to_string(c.projection_class_embeddings_input_dim) + "].");

    const auto dtype = compute_dtype();
    at::Tensor temb = time_embedding->forward(
        timestep_embedding(t, c.block_out_channels[0], c.flip_sin_to_cos, c.freq_shift).to(dtype));
    if (text_time) temb.add_(add_embedding->forward(y.to(dtype)));
    const at::Tensor temb_act = at::silu(temb);
    const at::Tensor ctx = context.to(dtype);

    at::Tensor h = x.to(dtype);
    if (channels_last_) h = h.contiguous(at::MemoryFormat::ChannelsLast);
    h = conv_in->forward(h);
    h = h + hint_embedding.to(dtype);

    // Each skip state goes through its zero convolution as soon as its block is done, and is
    // released then (only the block's output lives on as the next input).
    UNetResiduals out;
    out.down.reserve(config_.num_down_residuals());
    std::vector<at::Tensor> states;
    states.push_back(h);
    auto convert = [&] {
        for (at::Tensor& s : states) {
            out.down.push_back(zero_convs_.at(out.down.size())->forward(s));
            s = at::Tensor();
        }
        states.clear();
    };
    convert();
    for (auto& block : down_) {
        h = block->forward(h, temb_act, ctx, states);
        convert();
    }
    h = mid_block->forward(h, temb_act, ctx);
    out.mid = controlnet_mid_block->forward(h);
    if (config_.global_pool_conditions) {
        for (auto& r : out.down) r = r.mean({2, 3}, /*keepdim=*/true);
        out.mid = out.mid.mean({2, 3}, true);
    }
    // The residuals move into one block of their own (large enough to be mapped apart from the
    // heap), so that the pass's freed activations and the residuals' first copies coalesce in the
    // heap for the UNet's pass instead of leaving holes between long-lived residuals.
    int64_t total = out.mid.numel();
    for (const at::Tensor& r : out.down) total += r.numel();
    const at::Tensor block = at::empty({total}, out.mid.options());
    int64_t offset = 0;
    auto move_in = [&](at::Tensor& r) {
        if (!r.is_non_overlapping_and_dense()) r = r.contiguous();
        at::Tensor v = block.as_strided(r.sizes(), r.strides(), offset);
        v.copy_(r);
        offset += r.numel();
        r = v;
    };
    for (at::Tensor& r : out.down) move_in(r);
    move_in(out.mid);
    return out;
}

} // namespace latent
