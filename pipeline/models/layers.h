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
//
// Network deltas (LoRA, LyCORIS, ...): a layer may carry one WeightDelta. The stored weight is
// never modified; the layer adds the delta at call time, either by merging it into the weight it
// widens for that call anyway, or (low-rank deltas on calls with few rows) by adding
// up(down(x)) to the output, whichever costs less for that call. weight_version() changes
// whenever the effective weight does, so caches of prepared weights can tell.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/options/conv.h>
#include <torch/nn/options/linear.h>
#include <torch/nn/pimpl.h>

#include <atomic>
#include <cstdint>
#include <memory>

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

// What a network adds to one layer's weight (and bias), already multiplied by its strength.
// Any part may be undefined. Tensors live on the layer's device in the compute dtype.
struct WeightDelta {
    // Low-rank part: W += up · down. Linear: up [out, r], down [r, in]. Conv2d: up [out, r, 1, 1]
    // and down [r, in/groups, kh, kw] (a convolution with the layer's stride, padding and
    // dilation), so the added weight is Σ_r up[o,r] · down[r,i,y,x].
    at::Tensor up, down;
    at::Tensor dense;  // full-shape part, added as is
    at::Tensor bias;   // added to the bias (a layer without bias gets this one)
};

// How a layer applies a low-rank delta. Auto picks the cheaper one per call (by multiply-adds);
// the others exist for `bench lora` and tests.
enum class DeltaPolicy { Auto, Merge, PerCall };
void set_delta_policy(DeltaPolicy policy);
DeltaPolicy delta_policy();

// Mixin of Linear and Conv2d: the network delta slot and the weight version.
class DeltaSlot {
public:
    // Installs (or with nullptr removes) the delta; bumps weight_version().
    void set_delta(std::shared_ptr<const WeightDelta> delta);
    const std::shared_ptr<const WeightDelta>& delta() const { return delta_; }
    // A process-wide unique number that changes whenever the effective weight changes.
    uint64_t weight_version() const { return version_; }

protected:
    DeltaSlot();
    std::shared_ptr<const WeightDelta> delta_;
    uint64_t version_;
};

class LinearImpl : public torch::nn::Module, public DeltaSlot {
public:
    LinearImpl(int64_t in, int64_t out) : LinearImpl(torch::nn::LinearOptions(in, out)) {}
    explicit LinearImpl(const torch::nn::LinearOptions& options);
    at::Tensor forward(const at::Tensor& x);
    // Weight and bias as this call uses them: in `like`'s dtype, with the delta merged in.
    at::Tensor effective_weight(const at::Tensor& like) const;
    at::Tensor effective_bias(const at::Tensor& like) const;

    torch::nn::LinearOptions options;
    at::Tensor weight, bias;
};
TORCH_MODULE(Linear);

// Zero padding only (all the models here use it).
class Conv2dImpl : public torch::nn::Module, public DeltaSlot {
public:
    explicit Conv2dImpl(const torch::nn::Conv2dOptions& options);
    at::Tensor forward(const at::Tensor& x);
    // A 1x1 convolution applied to tokens [..., in] as a Linear (proj_in / proj_out of SD1's
    // transformer blocks run this way on channels-last activations).
    at::Tensor forward_pointwise(const at::Tensor& tokens);
    at::Tensor effective_weight(const at::Tensor& like) const;
    at::Tensor effective_bias(const at::Tensor& like) const;

    torch::nn::Conv2dOptions options;
    at::Tensor weight, bias;
};
TORCH_MODULE(Conv2d);

// True for the parameters of a Linear or Conv2d above: the ones that may be stored in a
// narrower dtype than the model computes in. `name` is a full dotted parameter name of `root`.
std::vector<std::string> widening_parameter_names(torch::nn::Module& root);

} // namespace latent::nn
