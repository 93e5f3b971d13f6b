// The two weight-carrying layers of every model (Linear, Conv2d), with libtorch's parameter names
// ("weight", "bias") and default initialisation, plus two things libtorch's own layers lack:
//
// * Storage dtype may differ from compute dtype. A CPU fp32 run of an fp16 checkpoint keeps the
//   weights as fp16 (half the memory) and widens each layer's weights for the duration of its
//   call. fp16 -> fp32 is exact, so results equal those of a model loaded into fp32.
// * Deferred initialisation: while a DeferInit guard is alive, new layers allocate their
//   parameters without writing them (no random init, no pages touched). The loader then fills or
//   replaces every one of them from the file, so a model is never built at fp32 first.
//
// Norms and embeddings stay libtorch's and always hold the compute dtype; a model's compute dtype
// is read from one of its norms.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/options/conv.h>
#include <torch/nn/options/linear.h>
#include <torch/nn/pimpl.h>

namespace latent::nn {

// RAII: layers constructed on this thread while a guard lives skip their initialisation.
class DeferInit {
public:
    DeferInit();
    ~DeferInit();
    DeferInit(const DeferInit&) = delete;
    DeferInit& operator=(const DeferInit&) = delete;

private:
    bool previous_;
};
bool init_deferred();

// `w` in `like`'s dtype (no copy when it already is).
at::Tensor weight_as(const at::Tensor& w, const at::Tensor& like);

class LinearImpl : public torch::nn::Module {
public:
    LinearImpl(int64_t in, int64_t out) : LinearImpl(torch::nn::LinearOptions(in, out)) {}
    explicit LinearImpl(const torch::nn::LinearOptions& options);
    at::Tensor forward(const at::Tensor& x);

    torch::nn::LinearOptions options;
    at::Tensor weight, bias;
};
TORCH_MODULE(Linear);

// Zero padding only (all the models here use it).
class Conv2dImpl : public torch::nn::Module {
public:
    explicit Conv2dImpl(const torch::nn::Conv2dOptions& options);
    at::Tensor forward(const at::Tensor& x);

    torch::nn::Conv2dOptions options;
    at::Tensor weight, bias;
};
TORCH_MODULE(Conv2d);

// True for the parameters of a Linear or Conv2d above: the ones that may be stored in a
// narrower dtype than the model computes in. `name` is a full dotted parameter name of `root`.
std::vector<std::string> widening_parameter_names(torch::nn::Module& root);

} // namespace latent::nn
