#include "pipeline/models/layers.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <torch/nn/init.h>

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

LinearImpl::LinearImpl(const torch::nn::LinearOptions& o) : options(o) {
    register_weight_and_bias(*this, {options.out_features(), options.in_features()}, options.bias(), weight, bias);
}

at::Tensor LinearImpl::forward(const at::Tensor& x) {
    return at::linear(x, weight_as(weight, x), weight_as(bias, x));
}

Conv2dImpl::Conv2dImpl(const torch::nn::Conv2dOptions& o) : options(o) {
    const auto k = *options.kernel_size();
    register_weight_and_bias(*this, {options.out_channels(), options.in_channels() / options.groups(), k[0], k[1]},
                             options.bias(), weight, bias);
}

at::Tensor Conv2dImpl::forward(const at::Tensor& x) {
    const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&options.padding());
    TORCH_CHECK(padding, "latent::nn::Conv2d supports explicit zero padding only");
    return at::conv2d(x, weight_as(weight, x), weight_as(bias, x), *options.stride(), **padding,
                      *options.dilation(), options.groups());
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
