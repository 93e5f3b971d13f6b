// Checkpoint loading: single file vs diffusers folder, VAE override, shards, variants,
// refusals (missing weights, bad shard indexes, pickle-only folders, wrong formats).
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/diffusers_folder.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

std::string golden(const std::string& rel) { return (test::goldenDir() + "/").toStdString() + rel; }

double max_abs(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

std::vector<std::pair<std::string, at::Tensor>> read_all(const std::string& path, const std::string& strip = {},
                                                         const std::string& only_prefix = {}) {
    auto f = SafetensorsFile::open(path);
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto& t : f.tensors()) {
        if (!only_prefix.empty() && t.name.rfind(only_prefix, 0) != 0) continue;
        std::string name = t.name;
        if (!strip.empty() && name.rfind(strip, 0) == 0) name = name.substr(strip.size());
        out.push_back({name, f.load(t)});
    }
    return out;
}

bool copy_tree(const QString& from, const QString& to) {
    QDir src(from);
    if (!QDir().mkpath(to)) return false;
    for (const auto& e : src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString dst = to + "/" + e.fileName();
        if (e.isDir()) {
            if (!copy_tree(e.filePath(), dst)) return false;
        } else if (!QFile::copy(e.filePath(), dst)) {
            return false;
        }
    }
    return true;
}

void write_text(const QString& path, const std::string& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.data(), qint64(text.size()));
}

// Outputs of every component on fixed inputs, for comparisons between loads.
struct Probe {
    at::Tensor cond, unet, image;
};

Probe probe(const LoadedCheckpoint& ck) {
    c10::InferenceMode guard;
    Probe p;
    auto ref = SafetensorsFile::open(golden("cases/sd1-euler-10steps-cpu/cond.safetensors"));
    at::Tensor tokens = ref.load("cond.tokens").view({-1, 77});
    p.cond = ck.make_conditioner().encode(tokens, at::ones({1, 77})).crossattn;
    at::manual_seed(1234);
    at::Tensor x = at::randn({1, 4, 16, 16});
    UNet2DConditionModel unet = ck.unet;
    AutoencoderKL vae = ck.vae;
    p.unet = unet->forward(x, at::full({1}, 500.0f), p.cond);
    p.image = vae->decode_latents(x);
    return p;
}

} // namespace

class TestCheckpointLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    void singleFileMatchesDiffusersFolder() {
        LATENT_REQUIRE_GOLDEN();
        LoadedCheckpoint a = load_checkpoint(golden("tiny-sd1.safetensors"));
        LoadedCheckpoint b = load_checkpoint(golden("tiny-sd1-diffusers"));
        QCOMPARE(a.source, std::string("single_file"));
        QCOMPARE(b.source, std::string("diffusers"));
        QCOMPARE(a.detection.family, ModelFamily::SD1);
        QCOMPARE(b.detection.family, ModelFamily::SD1);
        QCOMPARE(a.prediction, Prediction::Epsilon);
        QCOMPARE(a.vae_scale, 0.18215);
        QCOMPARE(b.vae_scale, 0.18215);
        QVERIFY(!a.te2 && !b.te2);
        for (const auto& w : a.warnings) qInfo("single-file warning: %s", w.c_str());
        for (const auto& w : b.warnings) qInfo("diffusers warning: %s", w.c_str());
        QVERIFY(a.warnings.empty());
        // Weights are fp16 in the files. The models compute in fp32 (norms hold fp32) while the
        // Linear/Conv2d weights stay fp16 and are widened per call, in both layouts.
        QCOMPARE(a.unet->conv_in->weight.scalar_type(), at::kHalf);
        QCOMPARE(b.unet->conv_in->weight.scalar_type(), at::kHalf);
        QCOMPARE(a.unet->conv_norm_out->weight.scalar_type(), at::kFloat);
        QCOMPARE(b.te1->text_model->final_layer_norm->weight.scalar_type(), at::kFloat);
        Probe pa = probe(a), pb = probe(b);
        QCOMPARE(max_abs(pa.cond, pb.cond), 0.0);
        QCOMPARE(max_abs(pa.unet, pb.unet), 0.0);
        QCOMPARE(max_abs(pa.image, pb.image), 0.0);
        QVERIFY(pa.unet.abs().max().item<double>() > 0.0);
        // The loaded SD1 conditioning reproduces the golden crossattn.
        auto ref = SafetensorsFile::open(golden("cases/sd1-euler-10steps-cpu/cond.safetensors"));
        c10::InferenceMode guard;
        at::Tensor c = a.make_conditioner().encode(ref.load("cond.tokens").view({-1, 77}),
                                                   ref.load("cond.multipliers", at::kFloat).view({-1, 77})).crossattn;
        QVERIFY(max_abs(c, ref.load("cond.crossattn", at::kFloat)) <= 1e-4);
    }

    void sdxlSingleFile() {
        LATENT_REQUIRE_GOLDEN();
        LoadedCheckpoint ck = load_checkpoint(golden("tiny-sdxl.safetensors"));
        QCOMPARE(ck.detection.family, ModelFamily::SDXL);
        QCOMPARE(ck.text_kind, TextConditioningKind::SDXL);
        QVERIFY(ck.te2.has_value());
        QCOMPARE(ck.vae_scale, 0.13025);
        for (const auto& w : ck.warnings) qInfo("sdxl warning: %s", w.c_str());
        QVERIFY(ck.warnings.empty());
        auto ref = SafetensorsFile::open(golden("cases/sdxl-euler-10steps-cpu/cond.safetensors"));
        c10::InferenceMode guard;
        TextConditioning tc = ck.make_conditioner().encode(ref.load("cond.tokens").view({-1, 77}),
                                                           ref.load("cond.multipliers", at::kFloat).view({-1, 77}));
        QVERIFY(max_abs(tc.crossattn, ref.load("cond.crossattn", at::kFloat)) <= 1e-4);
        QVERIFY(max_abs(tc.pooled, ref.load("cond.vector", at::kFloat).narrow(1, 0, 32)) <= 1e-4);
        at::Tensor x = at::randn({1, 4, 8, 8});
        UNet2DConditionModel unet = ck.unet;
        at::Tensor out = unet->forward(x, at::full({1}, 999.0f), tc.crossattn, tc.pooled,
                                          ref.load("cond.time_ids", at::kFloat));
        QCOMPARE(out.sizes().vec(), x.sizes().vec());
    }

    void vaeOverride() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        // A standalone LDM-layout VAE file (as sd-vae-ft-mse.safetensors) from the checkpoint's VAE.
        const std::string vae_file = (tmp.path() + "/tiny.vae.safetensors").toStdString();
        write_safetensors(vae_file, read_all(golden("tiny-sd1.safetensors"), "first_stage_model.", "first_stage_model."));
        LoadOptions opt;
        opt.vae_override_path = vae_file;
        LoadedCheckpoint a = load_checkpoint(golden("tiny-sd1.safetensors"), opt);
        QCOMPARE(a.vae_path, vae_file);
        opt.vae_override_path = golden("tiny-sd1-diffusers/vae");
        LoadedCheckpoint b = load_checkpoint(golden("tiny-sd1.safetensors"), opt);
        QCOMPARE(b.vae_scale, 0.18215);
        // A standalone VAE file in the diffusers layout (as sdxl_vae.safetensors / vae/ alone).
        opt.vae_override_path = golden("tiny-sd1-diffusers/vae/diffusion_pytorch_model.safetensors");
        LoadedCheckpoint c = load_checkpoint(golden("tiny-sd1.safetensors"), opt);
        QCOMPARE(c.vae_path, opt.vae_override_path);
        at::manual_seed(3);
        at::Tensor z = at::randn({1, 4, 8, 8});
        c10::InferenceMode guard;
        QCOMPARE(max_abs(a.vae->decode(z), b.vae->decode(z)), 0.0);
        QCOMPARE(max_abs(a.vae->decode(z), c.vae->decode(z)), 0.0);
        // The override keeps the checkpoint family's scale even when the VAE file says otherwise.
        AutoencoderKL v = load_vae_file(golden("tiny-sdxl.safetensors"), LoadOptions{}, 0.18215);
        QCOMPARE(v->scaling_factor(), 0.18215);
        // A file that is not a VAE is refused.
        const std::string te_only = (tmp.path() + "/te.safetensors").toStdString();
        write_safetensors(te_only, read_all(golden("tiny-sd1.safetensors"), {}, "cond_stage_model."));
        QVERIFY_THROWS_EXCEPTION(PipelineError, load_vae_file(te_only, LoadOptions{}, std::nullopt));
    }

    void shardedAndVariantFolders() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.path() + "/sharded";
        QVERIFY(copy_tree(test::goldenDir() + "/tiny-sd1-diffusers", root));
        // UNet -> two shards + index.
        auto unet = read_all(golden("tiny-sd1-diffusers/unet/diffusion_pytorch_model.safetensors"));
        QVERIFY(QFile::remove(root + "/unet/diffusion_pytorch_model.safetensors"));
        const size_t half = unet.size() / 2;
        std::vector<std::pair<std::string, at::Tensor>> s1(unet.begin(), unet.begin() + half), s2(unet.begin() + half, unet.end());
        write_safetensors((root + "/unet/diffusion_pytorch_model-00001-of-00002.safetensors").toStdString(), s1);
        write_safetensors((root + "/unet/diffusion_pytorch_model-00002-of-00002.safetensors").toStdString(), s2);
        nlohmann::json index = {{"metadata", {{"total_size", 0}}}, {"weight_map", nlohmann::json::object()}};
        for (const auto& [k, t] : s1) index["weight_map"][k] = "diffusion_pytorch_model-00001-of-00002.safetensors";
        for (const auto& [k, t] : s2) index["weight_map"][k] = "diffusion_pytorch_model-00002-of-00002.safetensors";
        write_text(root + "/unet/diffusion_pytorch_model.safetensors.index.json", index.dump());
        // Text encoder only as an fp16 variant.
        QVERIFY(QFile::rename(root + "/text_encoder/model.safetensors", root + "/text_encoder/model.fp16.safetensors"));

        LoadedCheckpoint a = load_checkpoint(golden("tiny-sd1-diffusers"));
        LoadedCheckpoint b = load_checkpoint(root.toStdString());
        Probe pa = probe(a), pb = probe(b);
        QCOMPARE(max_abs(pa.unet, pb.unet), 0.0);
        QCOMPARE(max_abs(pa.cond, pb.cond), 0.0);

        // A shard path escaping the folder is refused.
        const QString idx = root + "/unet/diffusion_pytorch_model.safetensors.index.json";
        nlohmann::json bad = index;
        bad["weight_map"][s1.front().first] = "../vae/diffusion_pytorch_model.safetensors";
        write_text(idx, bad.dump());
        try {
            load_checkpoint(root.toStdString());
            QFAIL("escaping shard path accepted");
        } catch (const PipelineError& e) {
            QCOMPARE(e.code(), std::string("bad_shard_index"));
        }
        // A missing shard is refused.
        bad = index;
        bad["weight_map"][s1.front().first] = "diffusion_pytorch_model-00003-of-00002.safetensors";
        write_text(idx, bad.dump());
        try {
            load_checkpoint(root.toStdString());
            QFAIL("missing shard accepted");
        } catch (const PipelineError& e) {
            QCOMPARE(e.code(), std::string("missing_shard"));
        }
        // A tensor listed in the wrong shard is refused.
        bad = index;
        bad["weight_map"][s1.front().first] = "diffusion_pytorch_model-00002-of-00002.safetensors";
        write_text(idx, bad.dump());
        QVERIFY_THROWS_EXCEPTION(PipelineError, load_checkpoint(root.toStdString()));
        // A weight missing from the index -> the UNet is incomplete -> refused with its name.
        bad = index;
        bad["weight_map"].erase(s1.front().first);
        write_text(idx, bad.dump());
        try {
            load_checkpoint(root.toStdString());
            QFAIL("incomplete UNet accepted");
        } catch (const PipelineError& e) {
            QCOMPARE(e.code(), std::string("missing_weights"));
            QVERIFY2(std::string(e.what()).find(s1.front().first) != std::string::npos, e.what());
        }
    }

    void shardIndexRules() {
        auto code_of = [](const std::string& text) -> std::string {
            try {
                parse_shard_index(text);
            } catch (const PipelineError& e) {
                return e.code();
            }
            return "ok";
        };
        QCOMPARE(code_of(R"({"weight_map": {"a": "m-1.safetensors", "b": "m-2.safetensors"}})"), std::string("ok"));
        QCOMPARE(code_of(R"({"weight_map": {"a": "m-1.safetensors", "a": "m-2.safetensors"}})"), std::string("bad_shard_index"));
        QCOMPARE(code_of(R"({"weight_map": {"a": "/etc/m.safetensors"}})"), std::string("bad_shard_index"));
        QCOMPARE(code_of(R"({"weight_map": {"a": "..\\m.safetensors"}})"), std::string("bad_shard_index"));
        QCOMPARE(code_of(R"({"weight_map": {"a": "sub/m.safetensors"}})"), std::string("bad_shard_index"));
        QCOMPARE(code_of(R"({"weight_map": {"a": "pytorch_model-1.bin"}})"), std::string("bad_shard_index"));
        QCOMPARE(code_of(R"({"weight_map": {"a": 3}})"), std::string("bad_shard_index"));
        QCOMPARE(code_of(R"({"metadata": {}})"), std::string("bad_shard_index"));
        QCOMPARE(code_of("not json"), std::string("bad_shard_index"));
        // Duplicate keys elsewhere (metadata) are not tensor duplicates.
        QCOMPARE(code_of(R"({"metadata": {"x": 1}, "weight_map": {"x": "m.safetensors"}})"), std::string("ok"));
    }

    void missingWeightRefused() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir tmp;
        auto all = read_all(golden("tiny-sd1.safetensors"));
        auto meta = SafetensorsFile::open(golden("tiny-sd1.safetensors")).metadata();
        const std::string victim = "first_stage_model.decoder.conv_out.weight";
        std::vector<std::pair<std::string, at::Tensor>> kept;
        for (auto& kv : all)
            if (kv.first != victim) kept.push_back(kv);
        QCOMPARE(kept.size() + 1, all.size());
        const std::string path = (tmp.path() + "/broken.safetensors").toStdString();
        write_safetensors(path, kept, meta);
        try {
            load_checkpoint(path);
            QFAIL("checkpoint without a VAE weight accepted");
        } catch (const PipelineError& e) {
            QCOMPARE(e.code(), std::string("missing_weights"));
            QVERIFY2(std::string(e.what()).find("decoder.conv_out.weight") != std::string::npos, e.what());
        }
        // Extra tensors are reported, not fatal.
        auto extra = all;
        extra.push_back({"model.diffusion_model.some_new_layer.weight", at::ones({2})});
        const std::string path2 = (tmp.path() + "/extra.safetensors").toStdString();
        write_safetensors(path2, extra, meta);
        LoadedCheckpoint ck = load_checkpoint(path2);
        bool reported = false;
        for (const auto& w : ck.warnings) reported |= w.find("some_new_layer") != std::string::npos;
        QVERIFY(reported);
    }

    void refusesOtherFormats() {
        QTemporaryDir tmp;
        const QString html = tmp.path() + "/model.safetensors";
        write_text(html, "<!DOCTYPE html><html><body>Sign in</body></html>");
        try {
            load_checkpoint(html.toStdString());
            QFAIL("html accepted");
        } catch (const PipelineError& e) {
            QVERIFY(std::string(e.what()).size() > 10);
        }
        // A diffusers folder with pickle-only weights.
        const QString root = tmp.path() + "/pickled";
        QVERIFY(QDir().mkpath(root + "/unet"));
        write_text(root + "/model_index.json",
                   R"({"_class_name": "StableDiffusionPipeline", "unet": ["diffusers", "UNet2DConditionModel"]})");
        write_text(root + "/unet/config.json", R"({"cross_attention_dim": 768, "in_channels": 4})");
        write_text(root + "/unet/diffusion_pytorch_model.bin", "PK\x03\x04");
        try {
            open_diffusers_folder(root.toStdString()).open_weights("unet");
            QFAIL("pickle weights accepted");
        } catch (const PipelineError& e) {
            QCOMPARE(e.code(), std::string("pickle_weights"));
        }
        QVERIFY_THROWS_EXCEPTION(PipelineError, load_checkpoint((tmp.path() + "/does-not-exist").toStdString()));
    }

    void inferConfigsFromShapes() {
        std::map<std::string, std::vector<int64_t>> s = {
            {"text_model.embeddings.token_embedding.weight", {49408, 1280}},
            {"text_model.embeddings.position_embedding.weight", {77, 1280}},
            {"text_model.encoder.layers.0.layer_norm1.weight", {1280}},
            {"text_model.encoder.layers.1.layer_norm1.weight", {1280}},
            {"text_model.encoder.layers.0.mlp.fc1.weight", {5120, 1280}},
            {"text_projection.weight", {1280, 1280}}};
        ClipTextConfig c = infer_clip_text_config(s, true);
        QCOMPARE(c.hidden_size, int64_t(1280));
        QCOMPARE(c.num_hidden_layers, int64_t(2));
        QCOMPARE(c.num_attention_heads, int64_t(20));
        QCOMPARE(c.intermediate_size, int64_t(5120));
        QVERIFY(c.with_projection);
        QCOMPARE(c.hidden_act, std::string("gelu"));
        std::map<std::string, std::vector<int64_t>> v = {
            {"encoder.down_blocks.0.resnets.0.conv1.weight", {128, 128, 3, 3}},
            {"encoder.down_blocks.0.resnets.1.conv1.weight", {128, 128, 3, 3}},
            {"encoder.down_blocks.1.resnets.0.conv1.weight", {256, 128, 3, 3}},
            {"encoder.conv_in.weight", {128, 3, 3, 3}},
            {"decoder.conv_in.weight", {512, 16, 3, 3}},
            {"decoder.conv_out.weight", {3, 128, 3, 3}},
            {"quant_conv.weight", {32, 32, 1, 1}}};
        VaeConfig vc = infer_vae_config(v);
        QCOMPARE(vc.block_out_channels, (std::vector<int64_t>{128, 256}));
        QCOMPARE(vc.layers_per_block, int64_t(2));
        QCOMPARE(vc.latent_channels, int64_t(16));
        QVERIFY(vc.use_quant_conv);
        QVERIFY(!vc.use_post_quant_conv);
    }
};

QTEST_GUILESS_MAIN(TestCheckpointLoader)
#include "tst_checkpoint_loader.moc"
