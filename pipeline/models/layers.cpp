#include "pipeline/models/layers.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <torch/nn/init.h>

#include <algorithm>
#include <cmath>

namespace latent::nn {

namespace {

thread_local bool t_defer_init = false;

// libtorch's reset_parameters for Linear and ConvNd: kaiming_uniform_(a = √5) on the weight,
// U(-1/√fan_in, 1/√fan_in) on the bias, in that order (so seeded models stay as they were).
void default_init(at::Tensor& weight, at::Tensor& bias) {
    c10::NoGradGuard no_grad;
    torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    if (bias.defined()) {
        const auto fans = torch::nn::init::_calculate_fan_in_and_fan_out(weight);
        const double bound = 1.0 / std::sqrt(static_cast<double>(std::get<0>(fans)));
        torch::nn::init::uniform_(bias, -bound, bound);
    }
}

} // namespace

DeferInit::DeferInit() : previous_(t_defer_init) { t_defer_init = true; }
DeferInit::~DeferInit() { t_defer_init = previous_; }
bool init_deferred() { return t_defer_init; }

at::Tensor weight_as(const at::Tensor& w, const at::Tensor& like) {
    if (!w.defined() || w.scalar_type() == like.scalar_type()) return w;
    return w.to(like.scalar_type());
}

// "weight" of `shape` and (when `with_bias`) "bias" of shape[0], initialised unless deferred.
void register_weight_and_bias(torch::nn::Module& m, at::IntArrayRef shape, bool with_bias, at::Tensor& weight,
                              at::Tensor& bias) {
    weight = m.register_parameter("weight", at::empty(shape));
    bias = with_bias ? m.register_parameter("bias", at::empty({shape[0]}))
                     : m.register_parameter("bias", at::Tensor(), /*requires_grad=*/false);
    if (!init_deferred()) default_init(weight, bias);
}

// ---- network deltas ----------------------------------------------------------------------------

namespace {

std::atomic<uint64_t> g_next_version{1};
std::atomic<int> g_delta_policy{static_cast<int>(DeltaPolicy::Auto)};

// The stored weight in `like`'s dtype plus the delta's dense and low-rank parts. The stored
// weight is never written: widening already made a private copy (fp16 -> fp32), otherwise one
// is made; the low-rank product is then accumulated into it in one GEMM (beta = 1), in the
// weight's own memory order (channels-last convolutions included).
at::Tensor merged_weight(const at::Tensor& stored, const at::Tensor& like, const WeightDelta& d) {
    at::Tensor out = weight_as(stored, like);
    if (out.is_same(stored)) out = out.clone();
    const at::ScalarType dtype = out.scalar_type();
    if (d.dense.defined()) out.add_(d.dense.to(dtype));
    if (d.up.defined()) {
        const int64_t o = out.size(0), r = d.down.size(0);
        const at::Tensor up = d.up.to(dtype).reshape({o, -1});
        if (out.is_contiguous()) {
            out.view({o, -1}).addmm_(up, d.down.to(dtype).reshape({r, -1}));
        } else if (out.dim() == 4 && out.is_contiguous(at::MemoryFormat::ChannelsLast)) {
            // Memory order [out, kh, kw, in]: bring the factor into the same order.
            const at::Tensor down = d.down.to(dtype).permute({0, 2, 3, 1}).reshape({r, -1});
            out.permute({0, 2, 3, 1}).view({o, -1}).addmm_(up, down);
        } else {
            out.add_(at::mm(up, d.down.to(dtype).reshape({r, -1})).view(out.sizes()));
        }
    }
    return out;
}

at::Tensor merged_bias(const at::Tensor& b, const WeightDelta* d, const at::Tensor& like) {
    at::Tensor out = weight_as(b, like);
    if (d && d->bias.defined()) out = out.defined() ? out + d->bias.to(like.scalar_type()) : d->bias.to(like.scalar_type());
    return out;
}

// Whether merging a low-rank delta into the weight costs fewer multiply-adds than running it
// on `rows` input rows: merge = out·k·r (+ the weight-sized add), per call = rows·r·(k + out),
// with k = in·kh·kw.
bool merge_cheaper(int64_t rows, int64_t out, int64_t k, int64_t r) {
    switch (delta_policy()) {
    case DeltaPolicy::Merge: return true;
    case DeltaPolicy::PerCall: return false;
    case DeltaPolicy::Auto: break;
    }
    const double merge = double(out) * double(k) * double(r + 2);
    const double per_call = double(rows) * double(r) * double(k + out);
    return merge <= per_call;
}

} // namespace

void set_delta_policy(DeltaPolicy policy) { g_delta_policy = static_cast<int>(policy); }
DeltaPolicy delta_policy() { return static_cast<DeltaPolicy>(g_delta_policy.load()); }

DeltaSlot::DeltaSlot() : version_(g_next_version++) {}

void DeltaSlot::set_delta(std::shared_ptr<const WeightDelta> delta) {
    delta_ = std::move(delta);
    version_ = g_next_version++;
}

// ---- layers ------------------------------------------------------------------------------------

LinearImpl::LinearImpl(const torch::nn::LinearOptions& o) : options(o) {
    register_weight_and_bias(*this, {options.out_features(), options.in_features()}, options.bias(), weight, bias);
}

at::Tensor LinearImpl::effective_weight(const at::Tensor& like) const {
    return delta_ ? merged_weight(weight, like, *delta_) : weight_as(weight, like);
}

at::Tensor LinearImpl::effective_bias(const at::Tensor& like) const { return merged_bias(bias, delta_.get(), like); }

at::Tensor LinearImpl::forward(const at::Tensor& x) {
    if (!delta_) return at::linear(x, weight_as(weight, x), weight_as(bias, x));
    const WeightDelta& d = *delta_;
    const int64_t in = weight.size(1), out = weight.size(0);
    const int64_t rows = in > 0 ? x.numel() / in : 0;
    if (!d.up.defined() || d.dense.defined() || merge_cheaper(rows, out, in, d.up.size(1)))
        return at::linear(x, effective_weight(x), effective_bias(x));
    at::Tensor y = at::linear(x, weight_as(weight, x), effective_bias(x));
    const at::Tensor h = at::linear(x, d.down.to(x.scalar_type()).reshape({d.down.size(0), -1}));
    return y.add_(at::linear(h, d.up.to(x.scalar_type()).reshape({d.up.size(0), -1})));
}

Conv2dImpl::Conv2dImpl(const torch::nn::Conv2dOptions& o) : options(o) {
    const auto k = *options.kernel_size();
    register_weight_and_bias(*this, {options.out_channels(), options.in_channels() / options.groups(), k[0], k[1]},
                             options.bias(), weight, bias);
}

at::Tensor Conv2dImpl::effective_weight(const at::Tensor& like) const {
    return delta_ ? merged_weight(weight, like, *delta_) : weight_as(weight, like);
}

at::Tensor Conv2dImpl::effective_bias(const at::Tensor& like) const { return merged_bias(bias, delta_.get(), like); }

at::Tensor Conv2dImpl::forward(const at::Tensor& x) {
    const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&options.padding());
    TORCH_CHECK(padding, "latent::nn::Conv2d supports explicit zero padding only");
    if (!delta_)
        return at::conv2d(x, weight_as(weight, x), weight_as(bias, x), *options.stride(), **padding,
                          *options.dilation(), options.groups());
    const WeightDelta& d = *delta_;
    const int64_t out = weight.size(0), k = weight.numel() / std::max<int64_t>(1, out);
    // Output positions of this call (batch x H' x W'), for the cost estimate.
    int64_t rows = x.dim() == 4 ? x.size(0) : 1;
    for (int i = 0; i < 2 && x.dim() == 4; ++i) {
        const int64_t size = x.size(2 + i), kk = weight.size(2 + i);
        const int64_t s = (*options.stride())[i], p = (**padding)[i], dl = (*options.dilation())[i];
        rows *= std::max<int64_t>(1, (size + 2 * p - dl * (kk - 1) - 1) / s + 1);
    }
    if (!d.up.defined() || d.dense.defined() || options.groups() != 1 || merge_cheaper(rows, out, k, d.up.size(1)))
        return at::conv2d(x, effective_weight(x), effective_bias(x), *options.stride(), **padding,
                          *options.dilation(), options.groups());
    at::Tensor y = at::conv2d(x, weight_as(weight, x), effective_bias(x), *options.stride(), **padding,
                              *options.dilation(), options.groups());
    const at::Tensor h = at::conv2d(x, d.down.to(x.scalar_type()), {}, *options.stride(), **padding, *options.dilation());
    return y.add_(at::conv2d(h, d.up.to(x.scalar_type())));
}

at::Tensor Conv2dImpl::forward_pointwise(const at::Tensor& tokens) {
    if (!delta_) return at::linear(tokens, weight_as(weight, tokens).flatten(1), weight_as(bias, tokens));
    const WeightDelta& d = *delta_;
    const int64_t in = weight.size(1), out = weight.size(0);
    const int64_t rows = in > 0 ? tokens.numel() / in : 0;
    if (!d.up.defined() || d.dense.defined() || merge_cheaper(rows, out, in, d.up.size(1)))
        return at::linear(tokens, effective_weight(tokens).flatten(1), effective_bias(tokens));
    at::Tensor y = at::linear(tokens, weight_as(weight, tokens).flatten(1), effective_bias(tokens));
    const at::Tensor h = at::linear(tokens, d.down.to(tokens.scalar_type()).reshape({d.down.size(0), -1}));
    return y.add_(at::linear(h, d.up.to(tokens.scalar_type()).reshape({d.up.size(0), -1})));
}

std::vector<std::string> widening_parameter_names(torch::nn::Module& root) {
    std::vector<std::string> names;
    for (const auto& item : root.named_modules("", /*include_self=*/true)) {
        const auto& m = item.value();
        if (!dynamic_cast<LinearImpl*>(m.get()) && !dynamic_cast<Conv2dImpl*>(m.get())) continue;
        const std::string prefix = item.key().empty() ? std::string() : item.key() + ".";
        for (const auto& p : m->named_parameters(/*recurse=*/false)) names.push_back(prefix + p.key());
    }
    return names;
}

} // namespace latent::nn
