#include "pipeline/upscalers/upscaler_model.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/ckpt_converter.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/loaders/state_dict.h"
#include "pipeline/models/layers.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/container/modulelist.h>

namespace latent {

namespace {

using latent::nn::Conv2d;
using latent::nn::Conv2dImpl;

Conv2d conv3x3(int64_t in, int64_t out) {
    return Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1));
}

at::Tensor lrelu(const at::Tensor& x) {
    return at::leaky_relu(x, 0.2);
}

// Residual dense block: five 3×3 convolutions over the growing concatenation, scaled residual.
class ResidualDenseBlockImpl : public torch::nn::Module {
public:
    ResidualDenseBlockImpl(int64_t nf, int64_t gc) {
        for (int j = 0; j < 5; ++j)
            conv_[j] = register_module("conv" + std::to_string(j + 1), conv3x3(nf + j * gc, j == 4 ? nf : gc));
    }
    at::Tensor forward(const at::Tensor& x) {
        const at::Tensor x1 = lrelu(conv_[0]->forward(x));
        const at::Tensor x2 = lrelu(conv_[1]->forward(at::cat({x, x1}, 1)));
        const at::Tensor x3 = lrelu(conv_[2]->forward(at::cat({x, x1, x2}, 1)));
        const at::Tensor x4 = lrelu(conv_[3]->forward(at::cat({x, x1, x2, x3}, 1)));
        const at::Tensor x5 = conv_[4]->forward(at::cat({x, x1, x2, x3, x4}, 1));
        return x5 * 0.2 + x;
    }

private:
    Conv2d conv_[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
};
TORCH_MODULE(ResidualDenseBlock);

class RrdbImpl : public torch::nn::Module {
public:
    RrdbImpl(int64_t nf, int64_t gc) {
        for (int k = 0; k < 3; ++k)
            rdb_[k] = register_module("rdb" + std::to_string(k + 1), ResidualDenseBlock(nf, gc));
    }
    at::Tensor forward(const at::Tensor& x) {
        const at::Tensor out = rdb_[2]->forward(rdb_[1]->forward(rdb_[0]->forward(x)));
        return out * 0.2 + x;
    }

private:
    ResidualDenseBlock rdb_[3] = {nullptr, nullptr, nullptr};
};
TORCH_MODULE(Rrdb);

class RrdbNetImpl : public torch::nn::Module {
public:
    explicit RrdbNetImpl(const UpscalerArchInfo& info) : info_(info) {
        const int64_t nf = info.num_feat;
        conv_first_ = register_module("conv_first", conv3x3(info.out_nc * info.unshuffle * info.unshuffle, nf));
        body_ = register_module("body", torch::nn::ModuleList());
        for (int64_t i = 0; i < info.num_block; ++i) body_->push_back(Rrdb(nf, info.num_grow_ch));
        conv_body_ = register_module("conv_body", conv3x3(nf, nf));
        for (int64_t u = 0; u < info.num_upsample; ++u)
            conv_up_.push_back(register_module("conv_up" + std::to_string(u + 1), conv3x3(nf, nf)));
        conv_hr_ = register_module("conv_hr", conv3x3(nf, nf));
        conv_last_ = register_module("conv_last", conv3x3(nf, info.out_nc));
    }
    at::Tensor forward(const at::Tensor& x) {
        at::Tensor feat = info_.unshuffle > 1 ? at::pixel_unshuffle(x, info_.unshuffle) : x;
        feat = conv_first_->forward(feat);
        at::Tensor body = feat;
        for (const auto& block : *body_) body = block->as<RrdbImpl>()->forward(body);
        feat = feat + conv_body_->forward(body);
        for (auto& up : conv_up_)
            feat = lrelu(up->forward(at::upsample_nearest2d(feat, {feat.size(2) * 2, feat.size(3) * 2})));
        return conv_last_->forward(lrelu(conv_hr_->forward(feat)));
    }

private:
    UpscalerArchInfo info_;
    Conv2d conv_first_{nullptr}, conv_body_{nullptr}, conv_hr_{nullptr}, conv_last_{nullptr};
    std::vector<Conv2d> conv_up_;
    torch::nn::ModuleList body_{nullptr};
};
TORCH_MODULE(RrdbNet);

class SrvggNetImpl : public torch::nn::Module {
public:
    explicit SrvggNetImpl(const UpscalerArchInfo& info) : info_(info) {
        const int64_t nf = info.num_feat;
        body_ = register_module("body", torch::nn::ModuleList());
        body_->push_back(conv3x3(info.in_nc, nf));
        body_->push_back(torch::nn::PReLU(torch::nn::PReLUOptions().num_parameters(nf)));
        for (int64_t i = 0; i < info.num_conv; ++i) {
            body_->push_back(conv3x3(nf, nf));
            body_->push_back(torch::nn::PReLU(torch::nn::PReLUOptions().num_parameters(nf)));
        }
        body_->push_back(conv3x3(nf, info.out_nc * info.scale * info.scale));
    }
    at::Tensor forward(const at::Tensor& x) {
        at::Tensor out = x;
        for (const auto& layer : *body_) {
            if (auto* conv = layer->as<Conv2dImpl>())
                out = conv->forward(out);
            else
                out = layer->as<torch::nn::PReLUImpl>()->forward(out);
        }
        out = at::pixel_shuffle(out, info_.scale);
        const at::Tensor base = at::upsample_nearest2d(x, {x.size(2) * info_.scale, x.size(3) * info_.scale});
        return out + base;
    }

private:
    UpscalerArchInfo info_;
    torch::nn::ModuleList body_{nullptr};
};
TORCH_MODULE(SrvggNet);

template <class Net> class UpscalerModelImpl : public UpscalerModel {
public:
    UpscalerModelImpl(const UpscalerArchInfo& info, Net net, at::Device device) : net_(std::move(net)) {
        info_ = info;
        device_ = device;
    }
    at::Tensor forward(const at::Tensor& x) override {
        c10::InferenceMode guard;
        if (x.dim() != 4 || x.size(1) != info_.in_nc)
            throw PipelineError("bad_image",
                                "The upscaler expects a [N, " + std::to_string(info_.in_nc) + ", H, W] image tensor.");
        return net_->forward(x.to(device_, at::kFloat));
    }
    void set_path(const std::string& p) { path_ = p; }

private:
    Net net_;
};

struct WeightSource {
    TensorShapes shapes;
    std::function<at::Tensor(const std::string&)> load; // by file key, as float
};

WeightSource open_weights(const std::string& path) {
    const FileFormat format = sniff_format(path);
    WeightSource src;
    if (format == FileFormat::Safetensors) {
        SafetensorsFile f = SafetensorsFile::open(path);
        for (const auto& t : f.tensors()) src.shapes[t.name] = t.shape;
        src.load = [f](const std::string& key) { return f.load(key, at::kFloat); };
        return src;
    }
    if (format == FileFormat::PyTorchZip) {
        auto ckpt = std::make_shared<TorchZipCheckpoint>(TorchZipCheckpoint::open(path));
        auto index = std::make_shared<std::map<std::string, const PickleTensor*>>();
        for (const auto& t : ckpt->state().tensors) {
            src.shapes[t.name] = t.sizes;
            (*index)[t.name] = &t;
        }
        src.load = [ckpt, index](const std::string& key) { return ckpt->load(*index->at(key), at::kFloat); };
        return src;
    }
    if (format == FileFormat::Pickle)
        throw PipelineError("wrong_format",
                            "This upscaler uses PyTorch's legacy (before 1.6) pickle format, which cannot be read "
                            "without running code from the file. Use a .safetensors or a newer .pth version of it.");
    throw PipelineError("wrong_format", "This file is not an upscaler model: " + format_explanation(format));
}

} // namespace

std::shared_ptr<UpscalerModel> build_upscaler(const UpscalerArchInfo& info,
                                              const std::map<std::string, at::Tensor>& weights, at::Device device) {
    WeightMap map;
    for (const auto& [k, t] : weights) map[k] = [t] { return t; };
    auto load_into = [&](torch::nn::Module& m) {
        const LoadReport r = load_weights(m, map, /*strict=*/true, {});
        if (!r.unexpected.empty())
            throw PipelineError("missing_weights",
                                "The upscaler has weights its architecture does not use: " + r.summary());
    };
    c10::InferenceMode guard(false);
    if (info.arch == UpscalerArch::SRVGGNetCompact) {
        nn::DeferInit defer;
        SrvggNet net(info);
        load_into(*net);
        net->to(device);
        net->eval();
        return std::make_shared<UpscalerModelImpl<SrvggNet>>(info, net, device);
    }
    nn::DeferInit defer;
    RrdbNet net(info);
    load_into(*net);
    net->to(device);
    net->eval();
    return std::make_shared<UpscalerModelImpl<RrdbNet>>(info, net, device);
}

UpscalerArchInfo inspect_upscaler(const std::string& path) {
    return detect_upscaler(open_weights(path).shapes).info;
}

std::shared_ptr<UpscalerModel> load_upscaler(const std::string& path, at::Device device) {
    const WeightSource src = open_weights(path);
    const DetectedUpscaler d = detect_upscaler(src.shapes);
    std::map<std::string, at::Tensor> weights;
    for (const auto& [canonical, key] : d.keys) weights[canonical] = src.load(key);
    auto model = build_upscaler(d.info, weights, device);
    if (d.info.arch == UpscalerArch::SRVGGNetCompact)
        static_cast<UpscalerModelImpl<SrvggNet>*>(model.get())->set_path(path);
    else
        static_cast<UpscalerModelImpl<RrdbNet>*>(model.get())->set_path(path);
    return model;
}

} // namespace latent
