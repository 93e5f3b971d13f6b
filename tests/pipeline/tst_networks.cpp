// LoRA / LyCORIS networks on the golden tiny SD1 and SDXL models, with networks of every format
// written by the test itself:
//   * per layer: the effective weight equals base + the delta computed here by hand from A1111's
//     formulas (LoRA, LoCon 3x3 and CP/lora_mid, LoHa incl. Tucker, LoKr incl. decomposed and
//     lokr_t2, IA3 both ways, full + diff_b, norm, DoRA), for kohya, CompVis and diffusers/PEFT
//     names and .pt files;
//   * end to end: the image with `<lora:...>` equals the image of a checkpoint into which the same
//     deltas were merged; weight 0 equals no network; TE-only and UNet-only weights; two networks
//     add; switching sets back and forth restores the base bit for bit;
//   * SDXL: kohya names for both encoders (bigG's q/k/v land in the checkpoint's fused in_proj);
//   * bad input: another family, truncated / hostile files, unmatched keys, weights that are not
//     numbers, names that are not found.
#include "common/diffusion_model_fixture.h"
#include "common/golden.h"
#include "common/torch_save.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/models/layers.h"
#include "pipeline/networks/network_module.h"
#include "pipeline/networks/network_runtime.h"
#include "pipeline/networks/network_targets.h"
#include "pipeline/networks/prompt_networks.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/nn/modules/normalization.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace latent;

namespace {

using Tensors = std::map<std::string, at::Tensor>;
using List = std::vector<std::pair<std::string, at::Tensor>>;

std::string goldenModel(const char* name) { return QDir(test::goldenDir()).filePath(name).toStdString(); }

Tensors readAll(const std::string& path, std::map<std::string, std::string>* meta = nullptr) {
    const SafetensorsFile f = SafetensorsFile::open(path);
    Tensors out;
    for (const auto& t : f.tensors()) out[t.name] = f.load(t);
    if (meta) *meta = f.metadata();
    return out;
}

void writeAll(const std::string& path, const Tensors& t, const std::map<std::string, std::string>& meta = {}) {
    write_safetensors(path, List(t.begin(), t.end()), meta);
}

at::Tensor rnd(std::vector<int64_t> shape, double scale = 0.3) { return at::randn(shape) * scale; }

// One module of a test network: its tensors (file names) and the delta it must add to the
// checkpoint tensor `ckpt_key` (computed here from A1111's formulas, before the multiplier).
struct Module {
    List tensors;
    std::string ckpt_key;      // e.g. "model.diffusion_model.input_blocks.1.1.proj_in.weight"
    at::Tensor delta;          // weight delta at multiplier 1
    std::string bias_key;      // checkpoint bias tensor, when the module changes the bias
    at::Tensor bias_delta;
    bool text = false;
};

// Weight-dependent deltas (IA3, DoRA) need the base weight: the caller passes the checkpoint.
Module lora(const std::string& name, const at::Tensor& base, const std::string& key, int64_t r, double alpha,
            bool text, bool conv_form = false) {
    const int64_t out = base.size(0), in = base.size(1);
    const bool conv = base.dim() == 4;
    const int64_t kh = conv ? base.size(2) : 1, kw = conv ? base.size(3) : 1;
    at::Tensor down = rnd({r, in * kh * kw}), up = rnd({out, r});
    Module m;
    m.ckpt_key = key;
    m.text = text;
    m.delta = (at::mm(up, down) * (alpha / double(r))).reshape(base.sizes());
    const bool four = conv || conv_form;
    m.tensors = {{name + ".lora_down.weight", four ? down.reshape({r, in, kh, kw}) : down},
                 {name + ".lora_up.weight", four ? up.reshape({out, r, 1, 1}) : up},
                 {name + ".alpha", at::scalar_tensor(alpha)}};
    return m;
}

// Adds `multiplier` x the modules' deltas to a copy of `ckpt`.
Tensors merged(const Tensors& ckpt, const std::vector<Module>& modules, double te, double unet) {
    Tensors out = ckpt;
    for (const auto& m : modules) {
        const double w = m.text ? te : unet;
        at::Tensor& t = out.at(m.ckpt_key);
        t = t.to(at::kFloat) + m.delta.reshape(t.sizes()) * w;
        if (m.bias_delta.defined()) {
            at::Tensor& b = out.at(m.bias_key);
            b = b.to(at::kFloat) + m.bias_delta * w;
        }
    }
    return out;
}

List tensorsOf(const std::vector<Module>& modules) {
    List l;
    for (const auto& m : modules) l.insert(l.end(), m.tensors.begin(), m.tensors.end());
    return l;
}

GenerationRequest request(const std::string& prompt, const std::string& lora_dir) {
    GenerationRequest r;
    r.prompt = prompt;
    r.negative_prompt = "blurry";
    r.steps = 4;
    r.width = 64;
    r.height = 64;
    r.seed = 42;
    r.sampler = "Euler";
    r.rng = "cpu";
    r.cfg_scale = 7.0;
    if (!lora_dir.empty()) r.lora_dirs = {lora_dir};
    return r;
}

struct ImageDiff {
    int max = 0;
    double fraction = 0;
};
ImageDiff diff(const GenerationResult& a, const GenerationResult& b) {
    ImageDiff d;
    const auto& x = a.images.at(0).rgb;
    const auto& y = b.images.at(0).rgb;
    if (x.size() != y.size()) return {255, 1.0};
    std::size_t differ = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const int v = std::abs(int(x[i]) - int(y[i]));
        d.max = std::max(d.max, v);
        differ += v != 0;
    }
    d.fraction = double(differ) / double(x.size());
    return d;
}
bool withinGolden(const ImageDiff& d) { return d.max <= 2 && d.fraction <= 0.01; }

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + " | ";
    return s;
}

std::unique_ptr<DiffusionModel> loadModel(const std::string& path) { return test::loadDiffusionModel(path); }

torch::nn::Module* moduleAt(torch::nn::Module& root, const std::string& name) {
    for (const auto& item : root.named_modules("", false))
        if (item.key() == name) return item.value().get();
    return nullptr;
}

// The weight a layer computes with now (base widened + its delta).
at::Tensor effectiveWeight(torch::nn::Module* m) {
    const at::Tensor like = at::empty({0}, at::kFloat);
    if (auto* l = dynamic_cast<nn::LinearImpl*>(m)) return l->effective_weight(like);
    if (auto* c = dynamic_cast<nn::Conv2dImpl*>(m)) return c->effective_weight(like);
    if (auto* g = dynamic_cast<torch::nn::GroupNormImpl*>(m)) return g->weight;
    return {};
}
at::Tensor effectiveBias(torch::nn::Module* m) {
    const at::Tensor like = at::empty({0}, at::kFloat);
    if (auto* l = dynamic_cast<nn::LinearImpl*>(m)) return l->effective_bias(like);
    if (auto* c = dynamic_cast<nn::Conv2dImpl*>(m)) return c->effective_bias(like);
    if (auto* g = dynamic_cast<torch::nn::GroupNormImpl*>(m)) return g->bias;
    return {};
}

double maxAbs(const at::Tensor& a, const at::Tensor& b) { return (a.to(at::kFloat) - b.to(at::kFloat)).abs().max().item<double>(); }

const std::string U = "model.diffusion_model.";
const std::string T = "cond_stage_model.transformer.text_model.";

} // namespace

class TestNetworks : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    Tensors sd1_;
    std::map<std::string, std::string> sd1Meta_;  // the tiny models' configs (head counts, ...)

    std::string dir(const QString& name) {
        QDir(tmp_.path()).mkpath(name);
        return QDir(tmp_.path()).filePath(name).toStdString();
    }
    std::string file(const QString& d, const QString& name) { return QDir(QString::fromStdString(dir(d))).filePath(name).toStdString(); }

    // Every SD1 format of the issue on distinct layers; each module has its hand-computed delta.
    std::vector<Module> sd1Lycoris() {
        at::manual_seed(11);
        std::vector<Module> ms;
        auto base = [&](const std::string& k) { return sd1_.at(k).to(at::kFloat); };
        // kohya LoRA over diffusers paths, linear layers of the UNet and the text encoder.
        ms.push_back(lora("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
                          base(U + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight"),
                          U + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight", 4, 2.0, false));
        ms.push_back(lora("lora_te_text_model_encoder_layers_0_self_attn_q_proj",
                          base(T + "encoder.layers.0.self_attn.q_proj.weight"),
                          T + "encoder.layers.0.self_attn.q_proj.weight", 4, 4.0, true));
        ms.push_back(lora("lora_te_text_model_encoder_layers_1_mlp_fc1", base(T + "encoder.layers.1.mlp.fc1.weight"),
                          T + "encoder.layers.1.mlp.fc1.weight", 2, 1.0, true));
        // SD1's proj_in is a 1x1 convolution; a linear-form LoRA (SD2-style) must still fit it.
        ms.push_back(lora("lora_unet_down_blocks_1_attentions_1_proj_in", base(U + "input_blocks.5.1.proj_in.weight"),
                          U + "input_blocks.5.1.proj_in.weight", 4, 4.0, false));
        // LoCon: 3x3 convolution, kohya name over the CompVis path (the SDXL naming style).
        ms.push_back(lora("lora_unet_input_blocks_4_0_in_layers_2", base(U + "input_blocks.4.0.in_layers.2.weight"),
                          U + "input_blocks.4.0.in_layers.2.weight", 4, 2.0, false));
        // LoCon with lora_mid (CP): W[i,j,k,l] = Σ up[i,n] mid[n,m,k,l] down[m,j].
        {
            const at::Tensor b = base(U + "output_blocks.5.0.out_layers.3.weight");  // up_blocks.1.resnets.2.conv2
            const int64_t r = 3, out = b.size(0), in = b.size(1);
            const at::Tensor up = rnd({out, r}), mid = rnd({r, r, 3, 3}), down = rnd({r, in});
            Module m;
            m.ckpt_key = U + "output_blocks.5.0.out_layers.3.weight";
            m.delta = at::einsum("in,nmkl,mj->ijkl", {up, mid, down}) * (1.5 / double(r));
            const std::string n = "lora_unet_up_blocks_1_resnets_2_conv2";
            m.tensors = {{n + ".lora_up.weight", up.reshape({out, r, 1, 1})},
                         {n + ".lora_mid.weight", mid},
                         {n + ".lora_down.weight", down.reshape({r, in, 1, 1})},
                         {n + ".alpha", at::scalar_tensor(1.5)}};
            ms.push_back(m);
        }
        // LoHa on a linear layer: (w1a·w1b) ⊙ (w2a·w2b) · alpha/r.
        {
            const at::Tensor b = base(U + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight");
            const int64_t r = 2, out = b.size(0), in = b.size(1);
            const at::Tensor w1a = rnd({out, r}, 1.0), w1b = rnd({r, in}, 1.0), w2a = rnd({out, r}, 1.0),
                             w2b = rnd({r, in}, 1.0);
            Module m;
            m.ckpt_key = U + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight";
            m.delta = at::mm(w1a, w1b) * at::mm(w2a, w2b) * (1.0 / double(r)) * 0.1;
            const std::string n = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k";
            m.tensors = {{n + ".hada_w1_a", w1a}, {n + ".hada_w1_b", w1b}, {n + ".hada_w2_a", w2a},
                         {n + ".hada_w2_b", w2b}, {n + ".alpha", at::scalar_tensor(1.0)},
                         {n + ".scale", at::scalar_tensor(0.1 / double(r))}};
            // "scale" wins over alpha/dim (A1111 calc_scale)
            ms.push_back(m);
        }
        // LoHa with Tucker cores on a 3x3 convolution.
        {
            const std::string key = U + "input_blocks.2.0.in_layers.2.weight";  // down_blocks.0.resnets.1.conv1
            const at::Tensor b = base(key);
            const int64_t r = 2, out = b.size(0), in = b.size(1);
            const at::Tensor t1 = rnd({r, r, 3, 3}, 1.0), w1a = rnd({r, out}, 1.0), w1b = rnd({r, in}, 1.0);
            const at::Tensor t2 = rnd({r, r, 3, 3}, 1.0), w2a = rnd({r, out}, 1.0), w2b = rnd({r, in}, 1.0);
            auto cp = [](const at::Tensor& t, const at::Tensor& a, const at::Tensor& bb) {
                return at::einsum("abkl,ao,bi->oikl", {t, a, bb});
            };
            Module m;
            m.ckpt_key = key;
            m.delta = cp(t1, w1a, w1b) * cp(t2, w2a, w2b) * (0.5 / double(r));
            const std::string n = "lora_unet_down_blocks_0_resnets_1_conv1";
            m.tensors = {{n + ".hada_t1", t1}, {n + ".hada_w1_a", w1a}, {n + ".hada_w1_b", w1b}, {n + ".hada_t2", t2},
                         {n + ".hada_w2_a", w2a}, {n + ".hada_w2_b", w2b}, {n + ".alpha", at::scalar_tensor(0.5)}};
            ms.push_back(m);
        }
        // LoKr: full w1 ⊗ decomposed w2, scale alpha / rank of w2.
        {
            const std::string key = U + "input_blocks.1.1.transformer_blocks.0.ff.net.2.weight";  // [32, 128]
            const at::Tensor b = base(key);
            const int64_t out = b.size(0), in = b.size(1);
            const at::Tensor w1 = rnd({4, 8}, 1.0), w2a = rnd({out / 4, 2}, 1.0), w2b = rnd({2, in / 8}, 1.0);
            Module m;
            m.ckpt_key = key;
            m.delta = at::kron(w1, at::mm(w2a, w2b)) * (1.0 / 2.0) * 0.2;
            const std::string n = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_ff_net_2";
            m.tensors = {{n + ".lokr_w1", w1 * 0.2}, {n + ".lokr_w2_a", w2a}, {n + ".lokr_w2_b", w2b},
                         {n + ".alpha", at::scalar_tensor(1.0)}};
            ms.push_back(m);
        }
        // LoKr with decomposed w1 and a Tucker w2 on a 3x3 convolution (no alpha: dim from w2b, scale 1).
        {
            const std::string key = U + "input_blocks.7.0.in_layers.2.weight";  // down_blocks.2.resnets.0.conv1 [128,64,3,3]
            const at::Tensor b = base(key);
            const int64_t out = b.size(0), in = b.size(1);
            const at::Tensor w1a = rnd({4, 1}, 1.0), w1b = rnd({1, 4}, 1.0);
            const at::Tensor t2 = rnd({2, 2, 3, 3}, 0.5), w2a = rnd({2, out / 4}, 0.5), w2b = rnd({2, in / 4}, 0.5);
            const at::Tensor w2 = at::einsum("abkl,ao,bi->oikl", {t2, w2a, w2b});
            Module m;
            m.ckpt_key = key;
            m.delta = at::kron(at::mm(w1a, w1b).unsqueeze(2).unsqueeze(2).contiguous(), w2.contiguous()) * 0.05;
            const std::string n = "lora_unet_down_blocks_2_resnets_0_conv1";
            m.tensors = {{n + ".lokr_w1_a", w1a}, {n + ".lokr_w1_b", w1b}, {n + ".lokr_t2", t2},
                         {n + ".lokr_w2_a", w2a}, {n + ".lokr_w2_b", w2b}, {n + ".scale", at::scalar_tensor(0.05)}};
            ms.push_back(m);
        }
        // IA3 per output row and per input column.
        {
            const std::string key = U + "input_blocks.1.1.transformer_blocks.0.attn1.to_v.weight";
            const at::Tensor b = base(key);
            const at::Tensor w = rnd({b.size(0)}, 0.5);
            Module m;
            m.ckpt_key = key;
            m.delta = b * w.reshape({-1, 1});
            const std::string n = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_v";
            m.tensors = {{n + ".weight", w}, {n + ".on_input", at::scalar_tensor(0, at::kLong)}};
            ms.push_back(m);
        }
        {
            const std::string key = T + "encoder.layers.1.mlp.fc2.weight";
            const at::Tensor b = base(key);
            const at::Tensor w = rnd({b.size(1)}, 0.5);
            Module m;
            m.ckpt_key = key;
            m.text = true;
            m.delta = b * w.reshape({1, -1});
            const std::string n = "lora_te_text_model_encoder_layers_1_mlp_fc2";
            m.tensors = {{n + ".weight", w}, {n + ".on_input", at::scalar_tensor(1, at::kLong)}};
            ms.push_back(m);
        }
        // Full difference with a bias difference (mid-block proj_out, CompVis naming).
        {
            const std::string key = U + "middle_block.1.proj_out.weight";
            const at::Tensor b = base(key);
            Module m;
            m.ckpt_key = key;
            m.delta = rnd(b.sizes().vec(), 0.05);
            m.bias_key = U + "middle_block.1.proj_out.bias";
            m.bias_delta = rnd({b.size(0)}, 0.1);
            const std::string n = "diffusion_model_middle_block_1_proj_out";
            m.tensors = {{n + ".diff", m.delta}, {n + ".diff_b", m.bias_delta}};
            ms.push_back(m);
        }
        // Norm: a GroupNorm's weight and bias.
        {
            const std::string key = U + "input_blocks.4.0.in_layers.0.weight";  // down_blocks.1.resnets.0.norm1
            Module m;
            m.ckpt_key = key;
            m.delta = rnd({base(key).size(0)}, 0.2);
            m.bias_key = U + "input_blocks.4.0.in_layers.0.bias";
            m.bias_delta = rnd({base(key).size(0)}, 0.2);
            const std::string n = "lora_unet_down_blocks_1_resnets_0_norm1";
            m.tensors = {{n + ".w_norm", m.delta}, {n + ".b_norm", m.bias_delta}};
            ms.push_back(m);
        }
        // DoRA: W' = (W + ΔW·s) · m / ‖W + ΔW·s‖ (norm per input column), delta = W' − W.
        {
            const std::string key = U + "output_blocks.4.1.transformer_blocks.0.attn2.to_out.0.weight";
            const at::Tensor b = base(key);
            const int64_t r = 4, out = b.size(0), in = b.size(1);
            const at::Tensor up = rnd({out, r}), down = rnd({r, in});
            const at::Tensor scaled = at::mm(up, down) * (2.0 / double(r));
            const at::Tensor mag = b.norm(2, {0}, true) * (1.0 + rnd({1, in}, 0.1));
            const at::Tensor mergedW = b + scaled;
            Module m;
            m.ckpt_key = key;
            m.delta = mergedW * (mag / mergedW.norm(2, {0}, true)) - b;
            const std::string n = "lora_unet_up_blocks_1_attentions_1_transformer_blocks_0_attn2_to_out_0";
            m.tensors = {{n + ".lora_up.weight", up}, {n + ".lora_down.weight", down},
                         {n + ".alpha", at::scalar_tensor(2.0)}, {n + ".dora_scale", mag}};
            ms.push_back(m);
        }
        // Upsampler of SD1's first up block (no attention there: output_blocks.2.1.conv).
        ms.push_back(lora("lora_unet_up_blocks_0_upsamplers_0_conv", base(U + "output_blocks.2.1.conv.weight"),
                          U + "output_blocks.2.1.conv.weight", 2, 2.0, false));
        return ms;
    }

    // The checkpoint tensor name -> our module path (only what the tests use).
    static std::pair<std::string, bool> ourModule(const std::string& ckpt_key) {
        static const std::map<std::string, std::string> map = {
            {"input_blocks.1.1.transformer_blocks.0.attn1.to_q", "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q"},
            {"input_blocks.1.1.transformer_blocks.0.attn1.to_v", "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_v"},
            {"input_blocks.1.1.transformer_blocks.0.attn2.to_k", "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k"},
            {"input_blocks.1.1.transformer_blocks.0.ff.net.2", "down_blocks.0.attentions.0.transformer_blocks.0.ff.net.2"},
            {"input_blocks.5.1.proj_in", "down_blocks.1.attentions.1.proj_in"},
            {"input_blocks.4.0.in_layers.2", "down_blocks.1.resnets.0.conv1"},
            {"input_blocks.4.0.in_layers.0", "down_blocks.1.resnets.0.norm1"},
            {"input_blocks.2.0.in_layers.2", "down_blocks.0.resnets.1.conv1"},
            {"input_blocks.7.0.in_layers.2", "down_blocks.2.resnets.0.conv1"},
            {"output_blocks.5.0.out_layers.3", "up_blocks.1.resnets.2.conv2"},
            {"output_blocks.4.1.transformer_blocks.0.attn2.to_out.0", "up_blocks.1.attentions.1.transformer_blocks.0.attn2.to_out.0"},
            {"output_blocks.2.1.conv", "up_blocks.0.upsamplers.0.conv"},
            {"middle_block.1.proj_out", "mid_block.attentions.0.proj_out"},
        };
        std::string k = ckpt_key;
        k = k.substr(0, k.rfind('.'));  // drop ".weight"
        if (k.rfind(U, 0) == 0) return {map.at(k.substr(U.size())), false};
        return {"text_model." + k.substr(T.size()), true};
    }

    void checkLayers(DiffusionModel& model, const std::vector<Module>& ms, double te, double unet) {
        for (const auto& m : ms) {
            const auto [path, text] = ourModule(m.ckpt_key);
            torch::nn::Module* mod = text ? moduleAt(*model.text->encoder(0), path) : moduleAt(*model.unet, path);
            QVERIFY2(mod, path.c_str());
            const at::Tensor base = sd1_.at(m.ckpt_key).to(at::kFloat);
            const at::Tensor expected = base + m.delta.reshape(base.sizes()) * (m.text ? te : unet);
            const at::Tensor got = effectiveWeight(mod).reshape(base.sizes());
            const double err = maxAbs(got, expected);
            QVERIFY2(err < 1e-4 * (1.0 + expected.abs().max().item<double>()),
                     qPrintable(QString::fromStdString(path) + " off by " + QString::number(err)));
            if (m.bias_delta.defined()) {
                const at::Tensor b = sd1_.at(m.bias_key).to(at::kFloat) + m.bias_delta * (m.text ? te : unet);
                QVERIFY2(maxAbs(effectiveBias(mod), b) < 1e-4, path.c_str());
            }
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        if (!test::goldenAvailable()) return;
        sd1_ = readAll(goldenModel("tiny-sd1.safetensors"), &sd1Meta_);
    }

    // Every format and naming on its layer, at TE 0.7 / UNet 1.3, through the runtime.
    void everyFormatMatchesTheFormulas() {
        LATENT_REQUIRE_GOLDEN();
        c10::InferenceMode guard;
        const auto ms = sd1Lycoris();
        const std::string path = file("layers", "all.safetensors");
        write_safetensors(path, tensorsOf(ms));
        auto model = loadModel(goldenModel("tiny-sd1.safetensors"));
        NetworkRuntime rt(*model);
        NetworkRequest r;
        r.name = "all";
        r.path = path;
        r.te_multiplier = 0.7;
        r.unet_multiplier = 1.3;
        const NetworkActivation a = rt.activate({r});
        QVERIFY2(a.warnings.empty(), joined(a.warnings).c_str());
        QCOMPARE(a.applied.size(), std::size_t(1));
        QCOMPARE(a.applied[0].text_modules, std::size_t(3));
        QCOMPARE(a.applied[0].unet_modules, ms.size() - 3);
        checkLayers(*model, ms, 0.7, 1.3);
        // Both ways of applying a low-rank delta give the same layer output.
        auto* q = dynamic_cast<nn::LinearImpl*>(moduleAt(*model->unet, "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q"));
        auto* conv = dynamic_cast<nn::Conv2dImpl*>(moduleAt(*model->unet, "down_blocks.1.resnets.0.conv1"));
        QVERIFY(q && conv && q->delta() && q->delta()->up.defined() && conv->delta()->up.defined());
        at::manual_seed(3);
        const at::Tensor x = at::randn({2, 7, 32}), xc = at::randn({1, 32, 9, 5});
        nn::set_delta_policy(nn::DeltaPolicy::Merge);
        const at::Tensor y1 = q->forward(x), c1 = conv->forward(xc);
        nn::set_delta_policy(nn::DeltaPolicy::PerCall);
        const at::Tensor y2 = q->forward(x), c2 = conv->forward(xc);
        nn::set_delta_policy(nn::DeltaPolicy::Auto);
        QVERIFY(maxAbs(y1, y2) < 1e-4);
        QVERIFY(maxAbs(c1, c2) < 1e-3);
        QVERIFY(maxAbs(c1, at::conv2d(xc, effectiveWeight(conv), effectiveBias(conv), 1, 1)) < 1e-3);
    }

    // The same network as a PyTorch .pt file (restricted reader) and with diffusers / PEFT names.
    void ptFilesAndPeftNames() {
        LATENT_REQUIRE_GOLDEN();
        c10::InferenceMode guard;
        at::manual_seed(5);
        auto base = [&](const std::string& k) { return sd1_.at(k).to(at::kFloat); };
        std::vector<Module> ms;
        ms.push_back(lora("x", base(U + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight"),
                          U + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight", 4, 4.0, false));
        ms.push_back(lora("y", base(T + "encoder.layers.0.self_attn.q_proj.weight"),
                          T + "encoder.layers.0.self_attn.q_proj.weight", 4, 4.0, true));
        ms.push_back(lora("z", base(U + "output_blocks.4.1.transformer_blocks.0.attn2.to_out.0.weight"),
                          U + "output_blocks.4.1.transformer_blocks.0.attn2.to_out.0.weight", 2, 2.0, false));
        // PEFT: unet.<path>.lora_A/lora_B (+ alpha as diffusers writes converted kohya files);
        // old diffusers attention processors; text_encoder.<path>.lora_linear_layer.
        List peft;
        auto rename = [&](const Module& m, const std::string& down, const std::string& up, const std::string& alpha) {
            for (const auto& [k, t] : m.tensors) {
                if (k.find("lora_down") != std::string::npos) peft.emplace_back(down, t);
                else if (k.find("lora_up") != std::string::npos) peft.emplace_back(up, t);
                else if (!alpha.empty()) peft.emplace_back(alpha, t);
            }
        };
        const std::string q = "unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q";
        rename(ms[0], q + ".lora_A.weight", q + ".lora_B.weight", q + ".alpha");
        const std::string te = "text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_linear_layer";
        rename(ms[1], te + ".down.weight", te + ".up.weight", "text_encoder.text_model.encoder.layers.0.self_attn.q_proj.alpha");
        const std::string old = "up_blocks.1.attentions.1.transformer_blocks.0.attn2.processor.to_out_lora";
        rename(ms[2], old + ".down.weight", old + ".up.weight", "");
        ms[2].delta = ms[2].delta / 1.0;  // alpha/r = 1 here, no alpha tensor needed
        const std::string peftPath = file("peft", "peft.safetensors");
        write_safetensors(peftPath, peft);
        // The kohya names of the same modules as a .pt file.
        test::PtDict dict;
        const std::vector<std::string> names = {"lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
                                                "lora_te_text_model_encoder_layers_0_self_attn_q_proj",
                                                "lora_unet_up_blocks_1_attentions_1_transformer_blocks_0_attn2_to_out_0"};
        for (std::size_t i = 0; i < ms.size(); ++i)
            for (const auto& [k, t] : ms[i].tensors) {
                const std::string part = k.substr(k.find('.') + 1);
                dict.emplace_back(names[i] + "." + part, t);
            }
        const std::string ptPath = file("pt", "kohya.pt");
        test::torchSave(QString::fromStdString(ptPath), dict);

        auto model = loadModel(goldenModel("tiny-sd1.safetensors"));
        NetworkRuntime rt(*model);
        for (const std::string& p : {peftPath, ptPath}) {
            NetworkRequest r;
            r.name = "n";
            r.path = p;
            const NetworkActivation a = rt.activate({r});
            QVERIFY2(a.warnings.empty(), joined(a.warnings).c_str());
            QCOMPARE(a.applied.size(), std::size_t(1));
            QCOMPARE(a.applied[0].text_modules + a.applied[0].unet_modules, std::size_t(3));
            checkLayers(*model, ms, 1.0, 1.0);
        }
    }

    // End to end: <lora:...> in the prompt equals a checkpoint with the deltas merged in; weight 0
    // equals no network; TE-only and UNet-only; base restored bit for bit after switching.
    void imageEqualsMergedCheckpoint() {
        LATENT_REQUIRE_GOLDEN();
        const auto ms = sd1Lycoris();
        const std::string loras = dir("loras");
        write_safetensors(file("loras", "every.safetensors"), tensorsOf(ms));
        const std::string base = goldenModel("tiny-sd1.safetensors");
        const std::string mergedBoth = file("merged", "both.safetensors");
        const std::string mergedTe = file("merged", "te.safetensors");
        const std::string mergedUnet = file("merged", "unet.safetensors");
        writeAll(mergedBoth, merged(sd1_, ms, 0.8, 0.8), sd1Meta_);
        writeAll(mergedTe, merged(sd1_, ms, 0.6, 0.0), sd1Meta_);
        writeAll(mergedUnet, merged(sd1_, ms, 0.0, 1.2), sd1Meta_);

        Engine engine("cpu");
        engine.load_model(base);
        const GenerationResult plain = engine.txt2img(request("a photo of an astronaut", loras));
        const GenerationResult withLora = engine.txt2img(request("a photo of <lora:every:0.8> an astronaut", loras));
        QVERIFY2(withLora.warnings.empty(), joined(withLora.warnings).c_str());
        QCOMPARE(withLora.networks.size(), std::size_t(1));
        QCOMPARE(withLora.networks[0].name, std::string("every"));
        const GenerationResult teOnly = engine.txt2img(request("a photo of <lora:every:0.6:0> an astronaut", loras));
        const GenerationResult unetOnly =
            engine.txt2img(request("a photo of <lora:every:unet=1.2:te=0> an astronaut", loras));
        const GenerationResult zero = engine.txt2img(request("a photo of <lora:every:0> an astronaut", loras));
        const GenerationResult plainAgain = engine.txt2img(request("a photo of an astronaut", loras));
        const GenerationResult withLoraAgain = engine.txt2img(request("a photo of <lora:every:0.8> an astronaut", loras));

        // The network really changes the image (so the comparisons below can fail).
        QVERIFY(diff(plain, withLora).fraction > 0.2);
        QVERIFY(diff(plain, teOnly).fraction > 0.2);
        QVERIFY(diff(plain, unetOnly).fraction > 0.2);
        // Weight 0 and switching back: the base weights, bit for bit.
        QCOMPARE(diff(plain, zero).max, 0);
        QCOMPARE(diff(plain, plainAgain).max, 0);
        QCOMPARE(diff(withLora, withLoraAgain).max, 0);

        auto mergedImage = [&](const std::string& ckpt) {
            engine.load_model(ckpt);
            return engine.txt2img(request("a photo of an astronaut", loras));
        };
        const ImageDiff d1 = diff(withLora, mergedImage(mergedBoth));
        QVERIFY2(withinGolden(d1), qPrintable(QString("max %1, %2 differ").arg(d1.max).arg(d1.fraction)));
        const ImageDiff d2 = diff(teOnly, mergedImage(mergedTe));
        QVERIFY2(withinGolden(d2), qPrintable(QString("max %1, %2 differ").arg(d2.max).arg(d2.fraction)));
        const ImageDiff d3 = diff(unetOnly, mergedImage(mergedUnet));
        QVERIFY2(withinGolden(d3), qPrintable(QString("max %1, %2 differ").arg(d3.max).arg(d3.fraction)));
    }

    // Two networks on overlapping layers add up.
    void twoNetworksAdd() {
        LATENT_REQUIRE_GOLDEN();
        at::manual_seed(21);
        auto base = [&](const std::string& k) { return sd1_.at(k).to(at::kFloat); };
        const std::string k1 = U + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight";
        const std::string k2 = T + "encoder.layers.0.self_attn.q_proj.weight";
        const std::string n1 = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
        const std::string n2 = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
        std::vector<Module> a = {lora(n1, base(k1), k1, 4, 4.0, false), lora(n2, base(k2), k2, 4, 4.0, true)};
        std::vector<Module> b = {lora(n1, base(k1), k1, 2, 1.0, false),
                                 lora("lora_unet_input_blocks_4_0_in_layers_2", base(U + "input_blocks.4.0.in_layers.2.weight"),
                                      U + "input_blocks.4.0.in_layers.2.weight", 4, 4.0, false)};
        const std::string loras = dir("two");
        write_safetensors(file("two", "first.safetensors"), tensorsOf(a));
        write_safetensors(file("two", "second.safetensors"), tensorsOf(b));
        Tensors m = merged(merged(sd1_, a, 0.5, 0.5), b, 1.0, 1.0);
        const std::string mergedPath = file("two", "merged.model");
        writeAll(mergedPath, m, sd1Meta_);
        Engine engine("cpu");
        engine.load_model(goldenModel("tiny-sd1.safetensors"));
        const GenerationResult both = engine.txt2img(request("astronaut <lora:first:0.5> <lyco:second>", loras));
        QVERIFY2(both.warnings.empty(), joined(both.warnings).c_str());
        QCOMPARE(both.networks.size(), std::size_t(2));
        engine.load_model(mergedPath);
        const GenerationResult ref = engine.txt2img(request("astronaut", loras));
        const ImageDiff d = diff(both, ref);
        QVERIFY2(withinGolden(d), qPrintable(QString("max %1, %2 differ").arg(d.max).arg(d.fraction)));
    }

    // A1111's tag arguments; a weight that is not a number fails the job naming the tag.
    void tagArguments() {
        auto calls = [](const std::string& prompt) {
            return resolve_prompt_networks(PromptParser::parse_extra_networks(prompt), {});
        };
        PromptNetworkCalls c = calls("x <lora:a> <lora:b:0.5> <lora:c:0.2:0.9> <lora:d:unet=0.3:te=1.5> <lora:e:1:2:8>");
        QCOMPARE(c.not_found, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
        // Tags inside prompt schedules and alternation apply for the whole job, as in A1111
        // (extra networks are taken out of the text before schedules are parsed); <lyco:> too.
        c = calls("[<lora:s1:1>:<lora:s2:0.5>:5] a [<lyco:alt:1>|b] # <lora:commented:1>");
        QCOMPARE(c.not_found, (std::vector<std::string>{"s1", "s2", "commented", "alt"}));
        c = resolve_prompt_networks(
            PromptParser::parse_extra_networks(PromptParser::strip_comments("[<lora:s1:1>:x:5]\n# <lora:commented:1>")), {});
        QCOMPARE(c.not_found, (std::vector<std::string>{"s1"}));
        for (const char* bad : {"<lora:a:abc>", "<lora:a:1:x>", "<lora:a:te=>", "<lora:a:1:1:-2>", "<lora:a:nan>"}) {
            bool threw = false;
            try {
                calls(std::string("cat ") + bad);
            } catch (const PipelineError& e) {
                threw = e.code() == "bad_network_args" && std::string(e.what()).find(bad) != std::string::npos;
            }
            QVERIFY2(threw, bad);
        }
        // Resolution against files: name, subfolder, alias (ss_output_name), ambiguous alias.
        const std::string root = dir("resolve");
        QDir(QString::fromStdString(root)).mkpath("sub/deeper");
        write_safetensors(root + "/plain.safetensors", {{"x", at::zeros({1})}}, {{"ss_output_name", "shared"}});
        write_safetensors(root + "/sub/deeper/nested.safetensors", {{"x", at::zeros({1})}}, {{"ss_output_name", "nick"}});
        write_safetensors(root + "/sub/other.safetensors", {{"x", at::zeros({1})}}, {{"ss_output_name", "shared"}});
        QFile(QString::fromStdString(root + "/old.pt")).open(QIODevice::WriteOnly);
        const auto found = [&](const std::string& prompt) {
            auto r = resolve_prompt_networks(PromptParser::parse_extra_networks(prompt), {root});
            return r.requests.empty() ? std::string() : r.requests[0].path;
        };
        QCOMPARE(found("<lora:plain:1>"), root + "/plain.safetensors");
        QCOMPARE(found("<lora:nested:1>"), root + "/sub/deeper/nested.safetensors");
        QCOMPARE(found("<lora:nick:1>"), root + "/sub/deeper/nested.safetensors");
        QCOMPARE(found("<lora:old:1>"), root + "/old.pt");
        QCOMPARE(found("<lora:shared:1>"), std::string());  // two files claim it: A1111 forbids the alias
        const auto r = resolve_prompt_networks(PromptParser::parse_extra_networks("<lora:d:unet=0.3:te=1.5:dyn=2>"), {root});
        QCOMPARE(r.not_found.size(), std::size_t(1));
        c = calls("<lora:x:0.25>");
        QVERIFY(c.requests.empty());
    }

    // Names not found, wrong families, broken and hostile files: a warning naming the network, the
    // job goes on, nothing of that network is applied.
    void badNetworksAreRefusedAndNothingIsApplied() {
        LATENT_REQUIRE_GOLDEN();
        at::manual_seed(8);
        const std::string loras = dir("bad");
        auto base = [&](const std::string& k) { return sd1_.at(k).to(at::kFloat); };
        const std::string k1 = U + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight";
        Module good = lora("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q", base(k1), k1, 4, 4.0, false);
        // A valid module plus one whose shape does not fit: refused as a whole.
        List wrongShape = good.tensors;
        wrongShape.emplace_back("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_k.lora_down.weight", rnd({4, 77}));
        wrongShape.emplace_back("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_k.lora_up.weight", rnd({32, 4}));
        write_safetensors(loras + "/wrongshape.safetensors", wrongShape);
        // Parts that do not fit one another (found by tests/fuzz/fuzz_network_keys): a LoRA whose
        // up has rank 3 and down rank 4, a LoHa whose halves differ. ATen throws c10::Error and
        // std::runtime_error for these; the network is skipped with a warning, the job goes on.
        const std::string q = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
        write_safetensors(loras + "/rankmismatch.safetensors",
                          {{q + ".lora_down.weight", rnd({4, 32})}, {q + ".lora_up.weight", rnd({32, 3})}});
        write_safetensors(loras + "/lohahalves.safetensors",
                          {{q + ".hada_w1_a", rnd({32, 2})},
                           {q + ".hada_w1_b", rnd({2, 32})},
                           {q + ".hada_w2_a", rnd({31, 2})},
                           {q + ".hada_w2_b", rnd({2, 32})}});
        // An SDXL LoRA (second text encoder) on SD1.
        write_safetensors(loras + "/xl.safetensors",
                          {{"lora_te2_text_model_encoder_layers_0_self_attn_q_proj.lora_down.weight", rnd({4, 64})},
                           {"lora_te2_text_model_encoder_layers_0_self_attn_q_proj.lora_up.weight", rnd({64, 4})},
                           {"lora_te1_text_model_encoder_layers_0_self_attn_q_proj.lora_down.weight", rnd({4, 32})},
                           {"lora_te1_text_model_encoder_layers_0_self_attn_q_proj.lora_up.weight", rnd({32, 4})}});
        // Truncated, an HTML page, a hostile pickle, a network with no matching layer.
        write_safetensors(loras + "/full.safetensors", good.tensors);
        {
            QFile f(QString::fromStdString(loras + "/full.safetensors"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray all = f.readAll();
            QFile t(QString::fromStdString(loras + "/truncated.safetensors"));
            QVERIFY(t.open(QIODevice::WriteOnly));
            t.write(all.left(all.size() - 7));
        }
        {
            QFile h(QString::fromStdString(loras + "/login.safetensors"));
            QVERIFY(h.open(QIODevice::WriteOnly));
            h.write("<!DOCTYPE html><html><body>Please log in</body></html>");
        }
        {
            test::Pk p;
            p.proto().global("os", "system").str("touch /tmp/nw/pwned").op('\x85').reduce().stop();
            const std::string zip = test::makeZip({{"archive/data.pkl", p.b}, {"archive/version", "3\n"}});
            QFile h(QString::fromStdString(loras + "/evil.pt"));
            QVERIFY(h.open(QIODevice::WriteOnly));
            h.write(zip.data(), qint64(zip.size()));
        }
        write_safetensors(loras + "/nomatch.safetensors", {{"lora_unet_nowhere.lora_down.weight", rnd({4, 8})},
                                                            {"lora_unet_nowhere.lora_up.weight", rnd({8, 4})}});
        // A good network with extra keys that match nothing: applied, the extras reported.
        List extra = good.tensors;
        extra.emplace_back("lora_unet_bogus_layer.lora_down.weight", rnd({4, 8}));
        extra.emplace_back("bundle_emb.thing.string_to_param.*", rnd({1, 32}));
        write_safetensors(loras + "/extra.safetensors", extra);

        Engine engine("cpu");
        engine.load_model(goldenModel("tiny-sd1.safetensors"));
        const GenerationResult plain = engine.txt2img(request("astronaut", loras));
        struct Case {
            const char* tag;
            const char* expect;  // substring of the warning
        } cases[] = {
            {"<lora:missing:1>", "Lora not found: missing"},
            {"<lora:wrongshape:1>", "\"wrongshape\" was not applied"},
            {"<lora:xl:1>", "made for SDXL but the loaded model is SD 1.x"},
            {"<lora:truncated:1>", "\"truncated\" was not applied"},
            {"<lora:login:1>", "\"login\" was not applied"},
            {"<lora:evil:1>", "cannot verify"},
            {"<lora:nomatch:1>", "none of its 2 tensors"},
            {"<lora:rankmismatch:1>", "do not fit together"},
            {"<lora:lohahalves:1>", "do not fit together"},
        };
        for (const auto& c : cases) {
            const GenerationResult r = engine.txt2img(request(std::string("astronaut ") + c.tag, loras));
            QVERIFY2(joined(r.warnings).find(c.expect) != std::string::npos, (std::string(c.tag) + ": " + joined(r.warnings)).c_str());
            QVERIFY(r.networks.empty());
            QCOMPARE(r.networks_not_applied.size(), std::size_t(1));
            QCOMPARE(diff(plain, r).max, 0);
        }
        QVERIFY(!QFile::exists("/tmp/nw/pwned"));
        const GenerationResult withExtra = engine.txt2img(request("astronaut <lora:extra:1>", loras));
        QCOMPARE(withExtra.networks.size(), std::size_t(1));
        QVERIFY2(joined(withExtra.warnings).find("2 tensors match no layer") != std::string::npos, joined(withExtra.warnings).c_str());
        QVERIFY(diff(plain, withExtra).fraction > 0.05);
        // A bad weight fails the job, quoting the tag.
        bool threw = false;
        try {
            engine.txt2img(request("astronaut <lora:extra:heavy>", loras));
        } catch (const PipelineError& e) {
            threw = std::string(e.what()).find("<lora:extra:heavy>") != std::string::npos;
        }
        QVERIFY(threw);
    }

    // SDXL: kohya names over CompVis paths for the UNet, lora_te1_ for CLIP-L and lora_te2_ for
    // bigG, whose q/k/v deltas go to the checkpoint's fused in_proj_weight rows.
    void sdxlMatchesMergedCheckpoint() {
        LATENT_REQUIRE_GOLDEN();
        const std::string basePath = goldenModel("tiny-sdxl.safetensors");
        std::map<std::string, std::string> xlMeta;
        Tensors xl = readAll(basePath, &xlMeta);
        at::manual_seed(31);
        const std::string E0 = "conditioner.embedders.0.transformer.text_model.";
        const std::string E1 = "conditioner.embedders.1.model.transformer.resblocks.";
        std::vector<Module> ms;
        auto b = [&](const std::string& k) { return xl.at(k).to(at::kFloat); };
        ms.push_back(lora("lora_unet_input_blocks_4_1_transformer_blocks_1_attn2_to_k",
                          b(U + "input_blocks.4.1.transformer_blocks.1.attn2.to_k.weight"),
                          U + "input_blocks.4.1.transformer_blocks.1.attn2.to_k.weight", 4, 4.0, false));
        ms.push_back(lora("lora_unet_input_blocks_4_1_proj_in", b(U + "input_blocks.4.1.proj_in.weight"),
                          U + "input_blocks.4.1.proj_in.weight", 4, 4.0, false, /*conv_form=*/true));
        ms.push_back(lora("lora_unet_output_blocks_0_0_in_layers_2", b(U + "output_blocks.0.0.in_layers.2.weight"),
                          U + "output_blocks.0.0.in_layers.2.weight", 4, 4.0, false));
        ms.push_back(lora("lora_te1_text_model_encoder_layers_1_self_attn_v_proj", b(E0 + "encoder.layers.1.self_attn.v_proj.weight"),
                          E0 + "encoder.layers.1.self_attn.v_proj.weight", 4, 4.0, true));
        // bigG layer 0: all of q, k, v, out (A1111 needs them together) and the MLP.
        const at::Tensor inproj = b(E1 + "0.attn.in_proj_weight");
        const int64_t D = inproj.size(1);
        at::Tensor fused = at::zeros_like(inproj);
        const char* parts[] = {"q_proj", "k_proj", "v_proj"};
        for (int i = 0; i < 3; ++i) {
            Module m = lora(std::string("lora_te2_text_model_encoder_layers_0_self_attn_") + parts[i], inproj.narrow(0, i * D, D),
                            E1 + "0.attn.in_proj_weight", 4, 4.0, true);
            fused.narrow(0, i * D, D).copy_(m.delta);
            m.delta = at::Tensor();
            ms.push_back(m);
        }
        ms.back().delta = fused;  // the three deltas land in one fused tensor
        for (auto& m : ms)
            if (!m.delta.defined()) m.delta = at::zeros_like(inproj);
        ms.push_back(lora("lora_te2_text_model_encoder_layers_0_self_attn_out_proj", b(E1 + "0.attn.out_proj.weight"),
                          E1 + "0.attn.out_proj.weight", 4, 4.0, true));
        ms.push_back(lora("lora_te2_text_model_encoder_layers_0_mlp_fc1", b(E1 + "0.mlp.c_fc.weight"),
                          E1 + "0.mlp.c_fc.weight", 4, 4.0, true));
        // Layer 1 of bigG: only q. A1111 skips such a partial attention module; so must we.
        List partial = lora("lora_te2_text_model_encoder_layers_1_self_attn_q_proj", b(E1 + "1.attn.out_proj.weight"),
                            E1 + "1.attn.out_proj.weight", 4, 4.0, true).tensors;
        const std::string loras = dir("xl");
        List all = tensorsOf(ms);
        all.insert(all.end(), partial.begin(), partial.end());
        write_safetensors(file("xl", "xl.safetensors"), all);
        const std::string mergedPath = file("xl", "merged.safetensors");
        writeAll(mergedPath, merged(xl, ms, 0.9, 1.1), xlMeta);
        Engine engine("cpu");
        engine.load_model(basePath);
        GenerationRequest r = request("a castle <lora:xl:0.9:1.1>", loras);
        r.width = r.height = 64;
        const GenerationResult withLora = engine.txt2img(r);
        QCOMPARE(withLora.networks.size(), std::size_t(1));
        QVERIFY2(joined(withLora.warnings).find("1 text-encoder attention modules skipped") != std::string::npos,
                 joined(withLora.warnings).c_str());
        r.prompt = "a castle";
        const GenerationResult plain = engine.txt2img(r);
        QVERIFY(diff(plain, withLora).fraction > 0.2);
        engine.load_model(mergedPath);
        const GenerationResult ref = engine.txt2img(r);
        const ImageDiff d = diff(withLora, ref);
        QVERIFY2(withinGolden(d), qPrintable(QString("max %1, %2 differ").arg(d.max).arg(d.fraction)));
        // And the SD1 network on SDXL is refused naming both families.
        const std::string sd1Dir = dir("sd1net");
        Module one = lora("lora_te_text_model_encoder_layers_0_self_attn_q_proj", at::zeros({768, 768}), "x", 4, 4.0, true);
        write_safetensors(file("sd1net", "sd1.safetensors"), one.tensors);
        engine.load_model(basePath);
        r.prompt = "a castle <lora:sd1:1>";
        r.lora_dirs = {sd1Dir};
        const GenerationResult refused = engine.txt2img(r);
        QVERIFY2(joined(refused.warnings).find("made for SD 1.x but the loaded model is SDXL") != std::string::npos,
                 joined(refused.warnings).c_str());
    }
};

QTEST_GUILESS_MAIN(TestNetworks)
#include "tst_networks.moc"
