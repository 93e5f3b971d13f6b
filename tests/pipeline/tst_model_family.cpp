// Family / architecture detection from tensor names and shapes (synthetic headers for every
// family and layout, and the golden tiny models).
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/loaders/model_inspect.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <functional>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace latent;
using nlohmann::json;

namespace {

struct Builder {
    std::vector<TensorInfo> ts;
    void add(const std::string& name, std::vector<int64_t> shape) {
        TensorInfo t;
        t.name = name;
        t.dtype = SafeDType::F16;
        t.shape = std::move(shape);
        ts.push_back(std::move(t));
    }

    void transformer(const std::string& b, int64_t ch, int depth, int64_t ctx, bool linear) {
        add(b + "norm.weight", {ch});
        add(b + "proj_in.weight", linear ? std::vector<int64_t>{ch, ch} : std::vector<int64_t>{ch, ch, 1, 1});
        for (int k = 0; k < depth; ++k) {
            const std::string t = b + "transformer_blocks." + std::to_string(k) + ".";
            add(t + "attn1.to_q.weight", {ch, ch});
            add(t + "attn2.to_k.weight", {ch, ctx});
            add(t + "attn2.to_v.weight", {ch, ctx});
            add(t + "ff.net.0.proj.weight", {ch * 8, ch});
        }
        add(b + "proj_out.weight", linear ? std::vector<int64_t>{ch, ch} : std::vector<int64_t>{ch, ch, 1, 1});
    }

    // CompVis/SGM UNet.
    void ldm_unet(const std::string& P, int64_t mc, std::vector<int64_t> mult, int lpb, std::vector<int> depth,
                  int mid_depth, int64_t ctx, bool linear, int64_t adm, int64_t in_ch, bool controlnet = false) {
        add(P + "time_embed.0.weight", {4 * mc, mc});
        add(P + "time_embed.2.weight", {4 * mc, 4 * mc});
        if (adm > 0) {
            add(P + "label_emb.0.0.weight", {4 * mc, adm});
            add(P + "label_emb.0.2.weight", {4 * mc, 4 * mc});
        }
        add(P + "input_blocks.0.0.weight", {mc, in_ch, 3, 3});
        int idx = 1;
        int64_t ch = mc;
        for (std::size_t l = 0; l < mult.size(); ++l) {
            const int64_t out = mc * mult[l];
            for (int r = 0; r < lpb; ++r) {
                const std::string b = P + "input_blocks." + std::to_string(idx) + ".";
                add(b + "0.in_layers.2.weight", {out, ch, 3, 3});
                add(b + "0.out_layers.3.weight", {out, out, 3, 3});
                if (ch != out) add(b + "0.skip_connection.weight", {out, ch, 1, 1});
                if (depth[l] > 0) transformer(b + "1.", out, depth[l], ctx, linear);
                if (controlnet) add(P + "zero_convs." + std::to_string(idx) + ".0.weight", {out, out, 1, 1});
                ch = out;
                ++idx;
            }
            if (l + 1 < mult.size()) {
                add(P + "input_blocks." + std::to_string(idx) + ".0.op.weight", {ch, ch, 3, 3});
                ++idx;
            }
        }
        add(P + "middle_block.0.out_layers.3.weight", {ch, ch, 3, 3});
        if (mid_depth > 0) transformer(P + "middle_block.1.", ch, mid_depth, ctx, linear);
        add(P + "middle_block.2.out_layers.3.weight", {ch, ch, 3, 3});
        if (controlnet) {
            add(P + "input_hint_block.0.weight", {16, 3, 3, 3});
            add(P + "middle_block_out.0.weight", {ch, ch, 1, 1});
            return;
        }
        idx = 0;
        for (int l = static_cast<int>(mult.size()) - 1; l >= 0; --l) {
            const int64_t out = mc * mult[l];
            for (int r = 0; r <= lpb; ++r) {
                const std::string b = P + "output_blocks." + std::to_string(idx) + ".";
                add(b + "0.out_layers.3.weight", {out, out, 3, 3});
                if (depth[l] > 0) transformer(b + "1.", out, depth[l], ctx, linear);
                if (r == lpb && l != 0) add(b + (depth[l] > 0 ? "2" : "1") + ".conv.weight", {out, out, 3, 3});
                ++idx;
            }
        }
        add(P + "out.0.weight", {mc});
        add(P + "out.2.weight", {4, mc, 3, 3});
    }

    void hf_clip(const std::string& outer, int64_t hidden, int layers, int64_t mlp, int64_t proj = -1) {
        const std::string T = outer + "text_model.";
        add(T + "embeddings.token_embedding.weight", {49408, hidden});
        add(T + "embeddings.position_embedding.weight", {77, hidden});
        for (int i = 0; i < layers; ++i) {
            const std::string L = T + "encoder.layers." + std::to_string(i) + ".";
            add(L + "self_attn.q_proj.weight", {hidden, hidden});
            add(L + "mlp.fc1.weight", {mlp, hidden});
            add(L + "mlp.fc2.weight", {hidden, mlp});
        }
        add(T + "final_layer_norm.weight", {hidden});
        if (proj > 0) add(outer + "text_projection.weight", {proj, hidden});
    }

    void open_clip(const std::string& O, int64_t hidden, int layers, int64_t mlp, int64_t proj) {
        add(O + "token_embedding.weight", {49408, hidden});
        add(O + "positional_embedding", {77, hidden});
        for (int i = 0; i < layers; ++i) {
            const std::string L = O + "transformer.resblocks." + std::to_string(i) + ".";
            add(L + "attn.in_proj_weight", {3 * hidden, hidden});
            add(L + "mlp.c_fc.weight", {mlp, hidden});
            add(L + "mlp.c_proj.weight", {hidden, mlp});
        }
        add(O + "ln_final.weight", {hidden});
        add(O + "text_projection", {hidden, proj});
    }

    void vae_ldm(const std::string& V, std::vector<int64_t> chans, int lpb, int64_t z) {
        add(V + "encoder.conv_in.weight", {chans[0], 3, 3, 3});
        int64_t ch = chans[0];
        for (std::size_t i = 0; i < chans.size(); ++i) {
            for (int j = 0; j < lpb; ++j) {
                const std::string b = V + "encoder.down." + std::to_string(i) + ".block." + std::to_string(j) + ".";
                add(b + "conv1.weight", {chans[i], ch, 3, 3});
                add(b + "conv2.weight", {chans[i], chans[i], 3, 3});
                ch = chans[i];
            }
            if (i + 1 < chans.size()) add(V + "encoder.down." + std::to_string(i) + ".downsample.conv.weight", {ch, ch, 3, 3});
        }
        add(V + "encoder.mid.attn_1.q.weight", {ch, ch, 1, 1});
        add(V + "encoder.conv_out.weight", {2 * z, ch, 3, 3});
        add(V + "quant_conv.weight", {2 * z, 2 * z, 1, 1});
        add(V + "post_quant_conv.weight", {z, z, 1, 1});
        add(V + "decoder.conv_in.weight", {chans.back(), z, 3, 3});
        for (std::size_t i = 0; i < chans.size(); ++i)
            for (int j = 0; j <= lpb; ++j)
                add(V + "decoder.up." + std::to_string(i) + ".block." + std::to_string(j) + ".conv2.weight",
                    {chans[i], chans[i], 3, 3});
        add(V + "decoder.conv_out.weight", {3, chans[0], 3, 3});
    }

    void vae_diffusers(const std::string& V, std::vector<int64_t> chans, int lpb, int64_t z) {
        add(V + "encoder.conv_in.weight", {chans[0], 3, 3, 3});
        for (std::size_t i = 0; i < chans.size(); ++i)
            for (int j = 0; j < lpb; ++j)
                add(V + "encoder.down_blocks." + std::to_string(i) + ".resnets." + std::to_string(j) + ".conv2.weight",
                    {chans[i], chans[i], 3, 3});
        add(V + "encoder.conv_out.weight", {2 * z, chans.back(), 3, 3});
        add(V + "quant_conv.weight", {2 * z, 2 * z, 1, 1});
        add(V + "post_quant_conv.weight", {z, z, 1, 1});
        add(V + "decoder.conv_in.weight", {chans.back(), z, 3, 3});
        for (std::size_t i = 0; i < chans.size(); ++i)
            for (int j = 0; j <= lpb; ++j)
                add(V + "decoder.up_blocks." + std::to_string(i) + ".resnets." + std::to_string(j) + ".conv2.weight",
                    {chans[chans.size() - 1 - i], chans[chans.size() - 1 - i], 3, 3});
        add(V + "decoder.conv_out.weight", {3, chans[0], 3, 3});
    }
};

Builder sd1(int64_t in_ch = 4) {
    Builder b;
    b.ldm_unet("model.diffusion_model.", 320, {1, 2, 4, 4}, 2, {1, 1, 1, 0}, 1, 768, false, -1, in_ch);
    b.hf_clip("cond_stage_model.transformer.", 768, 12, 3072);
    b.vae_ldm("first_stage_model.", {128, 256, 512, 512}, 2, 4);
    return b;
}

Builder sd2(int64_t in_ch = 4) {
    Builder b;
    b.ldm_unet("model.diffusion_model.", 320, {1, 2, 4, 4}, 2, {1, 1, 1, 0}, 1, 1024, true, -1, in_ch);
    b.open_clip("cond_stage_model.model.", 1024, 24, 4096, 1024);
    b.vae_ldm("first_stage_model.", {128, 256, 512, 512}, 2, 4);
    return b;
}

Builder sdxl(int64_t in_ch = 4) {
    Builder b;
    b.ldm_unet("model.diffusion_model.", 320, {1, 2, 4}, 2, {0, 2, 10}, 10, 2048, true, 2816, in_ch);
    b.hf_clip("conditioner.embedders.0.transformer.", 768, 12, 3072);
    b.open_clip("conditioner.embedders.1.model.", 1280, 32, 5120, 1280);
    b.vae_ldm("first_stage_model.", {128, 256, 512, 512}, 2, 4);
    return b;
}

std::vector<int64_t> ints(const json& j) { return j.get<std::vector<int64_t>>(); }

bool hasConflictNote(const ModelDetection& d) {
    for (const auto& n : d.notes)
        if (n.find("differs") != std::string::npos) return true;
    return false;
}

} // namespace

class TestModelFamily : public QObject {
    Q_OBJECT

private slots:
    void familyNames() {
        QCOMPARE(QString::fromStdString(family_name(ModelFamily::SDXLRefiner)), QStringLiteral("sdxl_refiner"));
        QCOMPARE(QString::fromStdString(family_name(ModelFamily::SD1)), QStringLiteral("sd1"));
        QCOMPARE(QString::fromStdString(family_name(ModelFamily::ControlNet)), QStringLiteral("controlnet"));
        for (auto f : {ModelFamily::Unknown, ModelFamily::SD1, ModelFamily::SD2, ModelFamily::SDXL, ModelFamily::SDXLRefiner,
                       ModelFamily::VAE, ModelFamily::LoRA, ModelFamily::Embedding, ModelFamily::ControlNet})
            QVERIFY(family_from_name(family_name(f)) == f);
    }

    void sd1SingleFile() {
        const auto d = detect_model(sd1().ts, {});
        QCOMPARE(d.family, ModelFamily::SD1);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("a1111"));
        QVERIFY(!d.inpainting);
        QCOMPARE(d.prediction, Prediction::Epsilon);
        QVERIFY(!d.prediction_needs_probe);
        QCOMPARE(ints(d.unet_config["block_out_channels"]), (std::vector<int64_t>{320, 640, 1280, 1280}));
        QCOMPARE(d.unet_config["layers_per_block"].get<int>(), 2);
        QCOMPARE(d.unet_config["cross_attention_dim"].get<int>(), 768);
        QCOMPARE(d.unet_config["attention_head_dim"].get<int>(), 8);
        QCOMPARE(d.unet_config["transformer_layers_per_block"].get<int>(), 1);
        QCOMPARE(d.unet_config["use_linear_projection"].get<bool>(), false);
        QCOMPARE(d.unet_config["in_channels"].get<int>(), 4);
        QCOMPARE(d.unet_config["down_block_types"][3].get<std::string>(), std::string("DownBlock2D"));
        QCOMPARE(d.unet_config["up_block_types"][0].get<std::string>(), std::string("UpBlock2D"));
        QCOMPARE(d.unet_config["up_block_types"][3].get<std::string>(), std::string("CrossAttnUpBlock2D"));
        QVERIFY(d.unet_config["addition_embed_type"].is_null());
        QCOMPARE(d.text_encoder_config["hidden_size"].get<int>(), 768);
        QCOMPARE(d.text_encoder_config["num_hidden_layers"].get<int>(), 12);
        QCOMPARE(d.text_encoder_config["intermediate_size"].get<int>(), 3072);
        QCOMPARE(d.text_encoder_config["num_attention_heads"].get<int>(), 12);
        QCOMPARE(d.text_encoder_config["hidden_act"].get<std::string>(), std::string("quick_gelu"));
        QCOMPARE(d.text_encoder_config["vocab_size"].get<int>(), 49408);
        QCOMPARE(d.text_encoder_config["max_position_embeddings"].get<int>(), 77);
        QVERIFY(d.text_encoder_2_config.is_null());
        QCOMPARE(ints(d.vae_config["block_out_channels"]), (std::vector<int64_t>{128, 256, 512, 512}));
        QCOMPARE(d.vae_config["latent_channels"].get<int>(), 4);
        QCOMPARE(d.vae_config["layers_per_block"].get<int>(), 2);
        QCOMPARE(d.vae_config["scaling_factor"].get<double>(), 0.18215);
        QCOMPARE(QString::fromStdString(d.unet_prefix), QStringLiteral("model.diffusion_model."));
        QCOMPARE(QString::fromStdString(d.text_encoder_prefix), QStringLiteral("cond_stage_model.transformer.text_model."));
    }

    void inpaintingVariants() {
        auto d = detect_model(sd1(9).ts, {});
        QCOMPARE(d.family, ModelFamily::SD1);
        QVERIFY(d.inpainting);
        QCOMPARE(d.unet_config["in_channels"].get<int>(), 9);
        QCOMPARE(d.unet_config["out_channels"].get<int>(), 4);
        d = detect_model(sd2(9).ts, {});
        QCOMPARE(d.family, ModelFamily::SD2);
        QVERIFY(d.inpainting);
        QVERIFY(!d.prediction_needs_probe);  // A1111: v2-inpainting-inference.yaml (epsilon)
        d = detect_model(sdxl(9).ts, {});
        QCOMPARE(d.family, ModelFamily::SDXL);
        QVERIFY(d.inpainting);
        d = detect_model(sd1(8).ts, {});
        QVERIFY(!d.inpainting);
    }

    void sd2EpsilonOrV() {
        const auto b = sd2();
        auto d = detect_model(b.ts, {});
        QCOMPARE(d.family, ModelFamily::SD2);
        QCOMPARE(d.unet_config["cross_attention_dim"].get<int>(), 1024);
        QCOMPARE(d.unet_config["use_linear_projection"].get<bool>(), true);
        QCOMPARE(ints(d.unet_config["attention_head_dim"]), (std::vector<int64_t>{5, 10, 20, 20}));
        QCOMPARE(d.text_encoder_config["hidden_size"].get<int>(), 1024);
        QCOMPARE(d.text_encoder_config["num_hidden_layers"].get<int>(), 24);
        QCOMPARE(d.text_encoder_config["num_attention_heads"].get<int>(), 16);
        QCOMPARE(d.text_encoder_config["hidden_act"].get<std::string>(), std::string("gelu"));
        QCOMPARE(d.text_encoder_config["projection_dim"].get<int>(), 1024);
        QCOMPARE(QString::fromStdString(d.text_encoder_layout), QStringLiteral("open_clip"));
        // A1111 decides by a one-step UNet probe; until then epsilon.
        QVERIFY(d.prediction_needs_probe);
        QCOMPARE(d.prediction, Prediction::Epsilon);
        // Probe rule: mean(unet(x) - x) < -1 -> v.
        QVERIFY(a1111_v_prediction_probe([](const at::Tensor& x, const at::Tensor&, const at::Tensor& c) {
            return x - 1.5 + 0 * c.mean();
        }));
        int64_t seen_t = -1;
        QVERIFY(!a1111_v_prediction_probe([&](const at::Tensor& x, const at::Tensor& t, const at::Tensor&) {
            seen_t = t.item<int64_t>();
            return x * 0.1;  // mean(out - x) = -0.45
        }));
        QCOMPARE(seen_t, int64_t{999});
        // Sidecar overrides.
        QTemporaryDir tmp;
        const QString model = QDir(tmp.path()).filePath("sd21-768.safetensors");
        QVERIFY(!read_sidecar_prediction(model.toStdString()).has_value());
        {
            QFile y(QDir(tmp.path()).filePath("sd21-768.yaml"));
            QVERIFY(y.open(QIODevice::WriteOnly));
            y.write("model:\n  target: ldm.models.diffusion.ddpm.LatentDiffusion\n  params:\n"
                    "    parameterization: \"v\"  # 768-v\n    linear_start: 0.00085\n");
        }
        QVERIFY(read_sidecar_prediction(model.toStdString()) == Prediction::VPrediction);
        QVERIFY(apply_sidecar_prediction(d, model.toStdString()));
        QCOMPARE(d.prediction, Prediction::VPrediction);
        QCOMPARE(QString::fromStdString(d.prediction_source), QStringLiteral("sidecar"));
        QVERIFY(!d.prediction_needs_probe);
        QFile::remove(QDir(tmp.path()).filePath("sd21-768.yaml"));
        {
            QFile j(QDir(tmp.path()).filePath("sd21-768.json"));
            QVERIFY(j.open(QIODevice::WriteOnly));
            j.write("{\"scheduler\": {\"prediction_type\": \"epsilon\"}}");
        }
        QVERIFY(read_sidecar_prediction(model.toStdString()) == Prediction::Epsilon);
        apply_prediction_override(d, Prediction::VPrediction, "user");
        QCOMPARE(d.prediction, Prediction::VPrediction);
        // modelspec metadata.
        d = detect_model(b.ts, {{"modelspec.prediction_type", "v"}});
        QCOMPARE(d.prediction, Prediction::VPrediction);
        QVERIFY(!d.prediction_needs_probe);
    }

    void sdxlBase() {
        const auto d = detect_model(sdxl().ts, {});
        QCOMPARE(d.family, ModelFamily::SDXL);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("a1111"));
        QCOMPARE(ints(d.unet_config["block_out_channels"]), (std::vector<int64_t>{320, 640, 1280}));
        QCOMPARE(ints(d.unet_config["transformer_layers_per_block"]), (std::vector<int64_t>{1, 2, 10}));
        QCOMPARE(ints(d.unet_config["attention_head_dim"]), (std::vector<int64_t>{5, 10, 20}));
        QCOMPARE(d.unet_config["cross_attention_dim"].get<int>(), 2048);
        QCOMPARE(d.unet_config["addition_embed_type"].get<std::string>(), std::string("text_time"));
        QCOMPARE(d.unet_config["addition_time_embed_dim"].get<int>(), 256);
        QCOMPARE(d.unet_config["projection_class_embeddings_input_dim"].get<int>(), 2816);
        QCOMPARE(d.unet_config["down_block_types"][0].get<std::string>(), std::string("DownBlock2D"));
        QCOMPARE(d.unet_config["up_block_types"][2].get<std::string>(), std::string("UpBlock2D"));
        QCOMPARE(d.text_encoder_config["hidden_size"].get<int>(), 768);
        QCOMPARE(d.text_encoder_2_config["hidden_size"].get<int>(), 1280);
        QCOMPARE(d.text_encoder_2_config["num_hidden_layers"].get<int>(), 32);
        QCOMPARE(d.text_encoder_2_config["num_attention_heads"].get<int>(), 20);
        QCOMPARE(d.text_encoder_2_config["projection_dim"].get<int>(), 1280);
        QCOMPARE(d.vae_config["scaling_factor"].get<double>(), 0.13025);
        QVERIFY(!d.prediction_needs_probe);
        // v_pred marker key.
        auto b = sdxl();
        b.add("v_pred", {});
        QCOMPARE(detect_model(b.ts, {}).prediction, Prediction::VPrediction);
    }

    void sdxlRefiner() {
        Builder b;
        b.ldm_unet("model.diffusion_model.", 384, {1, 2, 4, 4}, 2, {0, 4, 4, 0}, 4, 1280, true, 2560, 4);
        b.open_clip("conditioner.embedders.0.model.", 1280, 32, 5120, 1280);
        b.vae_ldm("first_stage_model.", {128, 256, 512, 512}, 2, 4);
        auto d = detect_model(b.ts, {});
        QCOMPARE(d.family, ModelFamily::SDXLRefiner);
        QCOMPARE(d.unet_config["addition_time_embed_dim"].get<int>(), 256);
        QCOMPARE(d.unet_config["projection_class_embeddings_input_dim"].get<int>(), 2560);
        QCOMPARE(ints(d.unet_config["block_out_channels"]), (std::vector<int64_t>{384, 768, 1536, 1536}));
        QVERIFY(d.text_encoder_config.is_null());
        QCOMPARE(d.text_encoder_2_config["hidden_size"].get<int>(), 1280);
        // UNet-only refiner.
        Builder u;
        u.ldm_unet("model.diffusion_model.", 384, {1, 2, 4, 4}, 2, {0, 4, 4, 0}, 4, 1280, true, 2560, 4);
        QCOMPARE(detect_model(u.ts, {}).family, ModelFamily::SDXLRefiner);
    }

    void standaloneVae() {
        Builder a;
        a.vae_ldm("", {128, 256, 512, 512}, 2, 4);
        auto d = detect_model(a.ts, {});
        QCOMPARE(d.family, ModelFamily::VAE);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("vae_ldm"));
        QCOMPARE(ints(d.vae_config["block_out_channels"]), (std::vector<int64_t>{128, 256, 512, 512}));
        QCOMPARE(d.vae_config["latent_channels"].get<int>(), 4);
        Builder b;
        b.vae_diffusers("", {64, 128}, 3, 8);
        d = detect_model(b.ts, {});
        QCOMPARE(d.family, ModelFamily::VAE);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("vae_diffusers"));
        QCOMPARE(ints(d.vae_config["block_out_channels"]), (std::vector<int64_t>{64, 128}));
        QCOMPARE(d.vae_config["layers_per_block"].get<int>(), 3);
        QCOMPARE(d.vae_config["latent_channels"].get<int>(), 8);
    }

    void loraAndEmbeddings() {
        Builder l;
        for (const char* m : {"lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k",
                              "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
                              "lora_te_text_model_encoder_layers_0_self_attn_q_proj"}) {
            const bool k = std::string(m).find("attn2_to_k") != std::string::npos;
            l.add(std::string(m) + ".lora_down.weight", {4, k ? 768 : 320});
            l.add(std::string(m) + ".lora_up.weight", {320, 4});
            l.add(std::string(m) + ".alpha", {});
        }
        auto d = detect_model(l.ts, {{"ss_network_module", "networks.lora"}});
        QCOMPARE(d.family, ModelFamily::LoRA);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("lora_kohya"));
        QCOMPARE(d.base_family, ModelFamily::SD1);
        Builder x;
        x.add("lora_unet_input_blocks_4_1_transformer_blocks_0_attn2_to_k.lora_down.weight", {8, 2048});
        x.add("lora_unet_input_blocks_4_1_transformer_blocks_0_attn2_to_k.lora_up.weight", {640, 8});
        x.add("lora_te2_text_model_encoder_layers_0_self_attn_q_proj.lora_down.weight", {8, 1280});
        d = detect_model(x.ts, {});
        QCOMPARE(d.family, ModelFamily::LoRA);
        QCOMPARE(d.base_family, ModelFamily::SDXL);
        Builder lyco;
        lyco.add("lora_unet_down_blocks_0_attentions_0_proj_in.hada_w1_a", {320, 4});
        lyco.add("lora_unet_down_blocks_0_attentions_0_proj_in.hada_w1_b", {4, 320});
        QCOMPARE(QString::fromStdString(detect_model(lyco.ts, {}).layout), QStringLiteral("lycoris"));

        Builder e;
        e.add("emb_params", {2, 768});
        d = detect_model(e.ts, {});
        QCOMPARE(d.family, ModelFamily::Embedding);
        QCOMPARE(d.base_family, ModelFamily::SD1);
        Builder e2;
        e2.add("clip_l", {3, 768});
        e2.add("clip_g", {3, 1280});
        d = detect_model(e2.ts, {});
        QCOMPARE(d.family, ModelFamily::Embedding);
        QCOMPARE(d.base_family, ModelFamily::SDXL);
        Builder e3;
        e3.add("string_to_param.*", {4, 1024});
        d = detect_model(e3.ts, {});
        QCOMPARE(d.family, ModelFamily::Embedding);
        QCOMPARE(d.base_family, ModelFamily::SD2);
    }

    void controlNetAndUnknown() {
        Builder c;
        c.ldm_unet("control_model.", 320, {1, 2, 4, 4}, 2, {1, 1, 1, 0}, 1, 768, false, -1, 4, true);
        auto d = detect_model(c.ts, {});
        QCOMPARE(d.family, ModelFamily::ControlNet);
        QCOMPARE(d.base_family, ModelFamily::SD1);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("controlnet_ldm"));
        QCOMPARE(ints(d.unet_config["block_out_channels"]), (std::vector<int64_t>{320, 640, 1280, 1280}));
        Builder u;
        u.add("foo.bar", {3});
        d = detect_model(u.ts, {});
        QCOMPARE(d.family, ModelFamily::Unknown);
        QVERIFY(!d.notes.empty());
        QCOMPARE(detect_model({}, {}).family, ModelFamily::Unknown);
    }

    void goldenTinySd1() {
        LATENT_REQUIRE_GOLDEN();
        const auto f = SafetensorsFile::open(QDir(latent::test::goldenDir()).filePath("tiny-sd1.safetensors").toStdString());
        const auto d = detect_model(f.tensors(), f.metadata());
        QCOMPARE(d.family, ModelFamily::SD1);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("a1111"));
        QVERIFY2(!hasConflictNote(d), d.notes.empty() ? "" : d.notes.front().c_str());
        const json meta = json::parse(f.metadata().at("reference.unet_config"));
        for (const char* k : {"block_out_channels", "layers_per_block", "cross_attention_dim", "attention_head_dim",
                              "down_block_types", "up_block_types", "in_channels", "out_channels",
                              "transformer_layers_per_block", "use_linear_projection", "mid_block_type"})
            QVERIFY2(d.unet_config[k] == meta[k], k);
        QCOMPARE(d.text_encoder_config["num_attention_heads"].get<int>(), 4);  // from metadata
        QCOMPARE(d.text_encoder_config["hidden_size"].get<int>(), 32);
        QCOMPARE(d.text_encoder_config["intermediate_size"].get<int>(), 64);
        QCOMPARE(d.text_encoder_config["num_hidden_layers"].get<int>(), 3);
        QCOMPARE(d.vae_config["scaling_factor"].get<double>(), 0.18215);
        QCOMPARE(ints(d.vae_config["block_out_channels"]), (std::vector<int64_t>{32, 64, 128, 128}));
        // The shapes alone give the same widths/depths (metadata only adds head counts).
        const auto bare = detect_model(f.tensors(), {});
        QCOMPARE(bare.family, ModelFamily::SD1);
        for (const char* k : {"block_out_channels", "layers_per_block", "cross_attention_dim", "down_block_types",
                              "up_block_types", "transformer_layers_per_block", "use_linear_projection"})
            QVERIFY2(bare.unet_config[k] == meta[k], k);
        QCOMPARE(bare.text_encoder_config["hidden_size"].get<int>(), 32);
    }

    void goldenTinySdxl() {
        LATENT_REQUIRE_GOLDEN();
        const auto f = SafetensorsFile::open(QDir(latent::test::goldenDir()).filePath("tiny-sdxl.safetensors").toStdString());
        const auto d = detect_model(f.tensors(), f.metadata());
        QCOMPARE(d.family, ModelFamily::SDXL);
        QVERIFY2(!hasConflictNote(d), d.notes.empty() ? "" : d.notes.front().c_str());
        const json meta = json::parse(f.metadata().at("reference.unet_config"));
        for (const char* k : {"block_out_channels", "layers_per_block", "cross_attention_dim", "attention_head_dim",
                              "down_block_types", "up_block_types", "transformer_layers_per_block",
                              "use_linear_projection", "addition_embed_type", "addition_time_embed_dim",
                              "projection_class_embeddings_input_dim"})
            QVERIFY2(d.unet_config[k] == meta[k], k);
        QCOMPARE(ints(d.unet_config["attention_head_dim"]), (std::vector<int64_t>{2, 4, 8}));
        QCOMPARE(d.text_encoder_2_config["hidden_size"].get<int>(), 64);
        QCOMPARE(d.text_encoder_2_config["num_attention_heads"].get<int>(), 4);
        QCOMPARE(d.text_encoder_2_config["hidden_act"].get<std::string>(), std::string("gelu"));
        QCOMPARE(d.text_encoder_2_config["projection_dim"].get<int>(), 32);
        QCOMPARE(d.vae_config["scaling_factor"].get<double>(), 0.13025);
        // Without metadata: widths/depths and the add-embedding split still come out right.
        const auto bare = detect_model(f.tensors(), {});
        QCOMPARE(bare.family, ModelFamily::SDXL);
        QCOMPARE(bare.unet_config["addition_time_embed_dim"].get<int>(), 8);
        QCOMPARE(ints(bare.unet_config["transformer_layers_per_block"]), (std::vector<int64_t>{1, 2, 3}));
        QCOMPARE(bare.vae_config["scaling_factor"].get<double>(), 0.13025);
    }

    void goldenDiffusersFolder() {
        LATENT_REQUIRE_GOLDEN();
        const QString dir = QDir(latent::test::goldenDir()).filePath("tiny-sd1-diffusers");
        const auto d = detect_diffusers_folder(dir.toStdString());
        QCOMPARE(d.family, ModelFamily::SD1);
        QCOMPARE(QString::fromStdString(d.layout), QStringLiteral("diffusers"));
        QVERIFY2(!hasConflictNote(d), d.notes.empty() ? "" : d.notes.front().c_str());
        QCOMPARE(ints(d.unet_config["block_out_channels"]), (std::vector<int64_t>{32, 64, 128, 128}));
        QCOMPARE(d.text_encoder_config["num_attention_heads"].get<int>(), 4);
        QCOMPARE(d.vae_config["scaling_factor"].get<double>(), 0.18215);
        QCOMPARE(d.prediction, Prediction::Epsilon);
        // The diffusers-named UNet file alone is detected as a diffusers-layout SD1 UNet.
        const auto u = SafetensorsFile::open(QDir(dir).filePath("unet/diffusion_pytorch_model.safetensors").toStdString());
        const auto du = detect_model(u.tensors(), u.metadata());
        QCOMPARE(du.family, ModelFamily::SD1);
        QCOMPARE(QString::fromStdString(du.layout), QStringLiteral("diffusers"));
        const json cfg = json::parse(QFile(QDir(dir).filePath("unet/config.json")).fileName().isEmpty() ? "{}" : [&] {
            QFile fcfg(QDir(dir).filePath("unet/config.json"));
            fcfg.open(QIODevice::ReadOnly);
            return fcfg.readAll().toStdString();
        }());
        for (const char* k : {"block_out_channels", "layers_per_block", "cross_attention_dim", "down_block_types",
                              "up_block_types", "transformer_layers_per_block", "use_linear_projection"})
            QVERIFY2(du.unet_config[k] == cfg[k], k);
        // The VAE file alone: diffusers-layout standalone VAE.
        const auto v = SafetensorsFile::open(QDir(dir).filePath("vae/diffusion_pytorch_model.safetensors").toStdString());
        const auto dv = detect_model(v.tensors(), v.metadata());
        QCOMPARE(dv.family, ModelFamily::VAE);
        QCOMPARE(QString::fromStdString(dv.layout), QStringLiteral("vae_diffusers"));
        QCOMPARE(ints(dv.vae_config["block_out_channels"]), (std::vector<int64_t>{32, 64, 128, 128}));
        // Missing folder -> clear error.
        QVERIFY_THROWS_EXCEPTION(PipelineError, detect_diffusers_folder("/nonexistent/folder"));
    }

    void sd2DiffusersFolderFromConfigsAndTokenizer() {
        // SD 2.x diffusers folders of any width: linear projections in the UNet, an OpenCLIP-style
        // text encoder (gelu) or a tokenizer that pads with "!" each say SD 2.x; the unchanged
        // (32-wide, conv projections, quick_gelu, EOS padding) folder stays SD 1.x.
        LATENT_REQUIRE_GOLDEN();
        const QDir golden(QDir(latent::test::goldenDir()).filePath("tiny-sd1-diffusers"));
        auto copyFolder = [&](const QString& to) {
            for (const QString& sub : {QStringLiteral("."), QStringLiteral("scheduler"), QStringLiteral("text_encoder"),
                                       QStringLiteral("tokenizer"), QStringLiteral("unet"), QStringLiteral("vae")}) {
                QDir().mkpath(QDir(to).filePath(sub));
                for (const QString& f : QDir(golden.filePath(sub)).entryList(QDir::Files))
                    QVERIFY(
                        QFile::copy(QDir(golden.filePath(sub)).filePath(f), QDir(QDir(to).filePath(sub)).filePath(f)));
            }
        };
        auto editJson = [](const QString& path, const std::function<void(json&)>& edit) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            json j = json::parse(f.readAll().toStdString());
            f.close();
            edit(j);
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QByteArray::fromStdString(j.dump(2)));
        };
        QTemporaryDir tmp;
        const QString plain = tmp.filePath("plain"), linear = tmp.filePath("linear"), gelu = tmp.filePath("gelu"),
                      bang = tmp.filePath("bang");
        for (const QString& d : {plain, linear, gelu, bang}) copyFolder(d);
        editJson(linear + "/unet/config.json", [](json& j) { j["use_linear_projection"] = true; });
        editJson(gelu + "/text_encoder/config.json", [](json& j) { j["hidden_act"] = "gelu"; });
        editJson(bang + "/tokenizer/special_tokens_map.json", [](json& j) { j["pad_token"] = "!"; });
        QCOMPARE(detect_diffusers_folder(plain.toStdString()).family, ModelFamily::SD1);
        QCOMPARE(detect_diffusers_folder(linear.toStdString()).family, ModelFamily::SD2);
        QCOMPARE(detect_diffusers_folder(gelu.toStdString()).family, ModelFamily::SD2);
        QCOMPARE(detect_diffusers_folder(bang.toStdString()).family, ModelFamily::SD2);
        // tokenizer_config.json's {"content": "!"} form counts too.
        editJson(plain + "/tokenizer/tokenizer_config.json", [](json& j) { j["pad_token"] = {{"content", "!"}}; });
        QFile::remove(plain + "/tokenizer/special_tokens_map.json");
        QCOMPARE(detect_diffusers_folder(plain.toStdString()).family, ModelFamily::SD2);
    }

    void inspectJson() {
        LATENT_REQUIRE_GOLDEN();
        const QDir g(latent::test::goldenDir());
        const json j = inspect_model_json(g.filePath("tiny-sd1.safetensors").toStdString());
        QCOMPARE(j["format"].get<std::string>(), std::string("safetensors"));
        QCOMPARE(j["family"].get<std::string>(), std::string("sd1"));
        QCOMPARE(j["prediction"].get<std::string>(), std::string("epsilon"));
        QCOMPARE(j["layout"].get<std::string>(), std::string("a1111"));
        QCOMPARE(j["inpainting"].get<bool>(), false);
        QCOMPARE(j["tensors"].get<int>(), 999);
        const json& c = j["components"];
        uint64_t sum = 0, count = 0;
        for (const char* k : {"unet", "vae", "text_encoder", "other"}) {
            QVERIFY2(c.contains(k), k);
            QVERIFY(c[k]["parameters"].get<uint64_t>() > 0);
            sum += c[k]["parameters"].get<uint64_t>();
            count += c[k]["tensors"].get<uint64_t>();
        }
        QCOMPARE(sum, j["parameters"].get<uint64_t>());
        QCOMPARE(count, uint64_t{999});
        QCOMPARE(c["other"]["tensors"].get<int>(), 12);  // the DDPM schedule buffers
        QCOMPARE(c["unet"]["dtypes"]["F16"].get<int>(), c["unet"]["tensors"].get<int>());
        QCOMPARE(c["text_encoder"]["config"]["hidden_size"].get<int>(), 32);
        QCOMPARE(j["metadata"]["reference.kind"].get<std::string>(), std::string("sd1"));
        const json x = inspect_model_json(g.filePath("tiny-sdxl.safetensors").toStdString());
        QCOMPARE(x["family"].get<std::string>(), std::string("sdxl"));
        QVERIFY(x["components"].contains("text_encoder_2"));
        const json dj = inspect_model_json(g.filePath("tiny-sd1-diffusers").toStdString());
        QCOMPARE(dj["format"].get<std::string>(), std::string("diffusers_folder"));
        QCOMPARE(dj["family"].get<std::string>(), std::string("sd1"));
        // Same UNet parameter count in both layouts.
        QCOMPARE(dj["components"]["unet"]["parameters"].get<uint64_t>(), c["unet"]["parameters"].get<uint64_t>());
        // Refusals with clear codes.
        QTemporaryDir tmp;
        const QString lfs = QDir(tmp.path()).filePath("m.safetensors");
        QFile f(lfs);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n");
        f.close();
        try {
            inspect_model_json(lfs.toStdString());
            QFAIL("expected wrong_format");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("wrong_format"));
        }
    }
};

QTEST_GUILESS_MAIN(TestModelFamily)
#include "tst_model_family.moc"
