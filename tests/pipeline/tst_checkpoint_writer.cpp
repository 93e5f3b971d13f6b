// Tiny seeded models written in both layouts users bring (A1111 single file, diffusers folder),
// loaded back by the real loader with identical module outputs; the inverse key maps are exact
// inverses of the load-time maps; inpainting variants; the streaming safetensors writer never
// leaves a partial file.
#include "pipeline/core/error.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/checkpoint_writer.h"
#include "pipeline/loaders/key_map_unet.h"
#include "pipeline/loaders/key_map_vae.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace latent;

namespace {

UNetConfig tinyUnet(int64_t in_channels = 4) {
    UNetConfig c = unet_config_sd1(in_channels);
    c.block_out_channels = {32, 64, 64, 64};
    c.num_attention_heads = {2, 4, 4, 4};
    c.cross_attention_dim = 32;
    return c;
}

UNetConfig tinyXlLikeUnet() {
    UNetConfig c = unet_config_sdxl();
    c.block_out_channels = {32, 64, 64};
    c.num_attention_heads = {2, 4, 4};
    c.transformer_layers = {1, 2, 3};  // the first block is plain (no attention)
    c.reverse_transformer_layers = {3, 2, 1};
    c.cross_attention_dim = 96;
    c.projection_class_embeddings_input_dim = 80;
    c.addition_time_embed_dim = 8;
    return c;
}

VaeConfig tinyVae() {
    VaeConfig v;
    v.block_out_channels = {32, 32, 64, 64};
    v.layers_per_block = 1;
    return v;
}

ClipTextConfig tinyText() {
    ClipTextConfig t;
    t.hidden_size = 32;
    t.intermediate_size = 64;
    t.num_hidden_layers = 2;
    t.num_attention_heads = 4;
    t.projection_dim = 32;
    return t;
}

struct Outputs {
    at::Tensor text, unet, image, latents;
};

Outputs run(UNet2DConditionModel unet, AutoencoderKL vae, ClipTextModel te, int64_t in_channels) {
    c10::InferenceMode guard;
    at::manual_seed(99);
    Outputs o;
    const at::Tensor ids = at::randint(0, 49408, {1, 77}, at::kLong);
    o.text = te->forward(ids).last_hidden_state;
    const at::Tensor x = at::randn({1, in_channels, 8, 8});
    o.unet = unet->forward(x, at::full({1}, 321.0f), o.text);
    const at::Tensor z = at::randn({1, 4, 4, 4});
    o.image = vae->decode(z);
    o.latents = vae->encode(at::rand({1, 3, 32, 32}) * 2 - 1).mean;
    return o;
}

double maxDiff(const Outputs& a, const Outputs& b) {
    double m = 0;
    const std::vector<std::pair<at::Tensor, at::Tensor>> pairs = {
        {a.text, b.text}, {a.unet, b.unet}, {a.image, b.image}, {a.latents, b.latents}};
    for (const auto& [x, y] : pairs) m = std::max(m, (x - y).abs().max().item<double>());
    return m;
}

} // namespace

class TestCheckpointWriter : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string path(const char* name) const { return QDir(tmp_.path()).filePath(name).toStdString(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        at::set_num_threads(2);
    }

    void unetKeyMapsAreInverses() {
        for (const UNetConfig& cfg : {tinyUnet(), tinyUnet(9), tinyXlLikeUnet()}) {
            UNet2DConditionModel unet(cfg, false);
            std::vector<std::string> ldm;
            std::map<std::string, std::string> expect;
            std::size_t n = 0;
            for (const auto& p : unet->named_parameters(true)) {
                const auto k = unet_diffusers_to_ldm(p.key(), cfg);
                QVERIFY2(k.has_value(), p.key().c_str());
                ldm.push_back(*k);
                expect[*k] = p.key();
                ++n;
            }
            QCOMPARE(expect.size(), n); // injective
            const auto back = unet_ldm_to_diffusers(ldm, cfg);
            QCOMPARE(back.size(), n);
            for (const auto& [k, d] : back) QCOMPARE(d, expect[k]);
        }
        // Unknown names have no CompVis name.
        QVERIFY(!unet_diffusers_to_ldm("down_blocks.9.resnets.0.conv1.weight", tinyUnet()).has_value());
        QVERIFY(!unet_diffusers_to_ldm("something.else", tinyUnet()).has_value());
    }

    void vaeKeyMapsAreInverses() {
        AutoencoderKL vae(tinyVae());
        std::vector<std::string> ldm;
        std::map<std::string, std::string> expect;
        for (const auto& p : vae->named_parameters(true)) {
            const auto k = vae_diffusers_to_ldm(p.key(), 4);
            QVERIFY2(k.has_value(), p.key().c_str());
            ldm.push_back(*k);
            expect[*k] = p.key();
        }
        std::vector<std::string> unknown;
        const KeyMapping m = map_vae_keys(ldm, "", nullptr, &unknown);
        QVERIFY(unknown.empty());
        QCOMPARE(m.size(), expect.size());
        for (const auto& [canonical, src] : m) QCOMPARE(canonical, expect[src.key]);
    }

    void tinySeededModelBothLayoutsIdentical() {
        Sd1Modules m = make_random_sd1_modules(tinyUnet(), tinyVae(), tinyText(), 4242, /*channels_last=*/true);
        const Outputs ref = run(m.unet, m.vae, m.text_encoder, 4);
        QVERIFY(ref.unet.abs().max().item<double>() > 0);
        // float32 files: both layouts give back exactly the in-memory model.
        write_a1111_sd1_checkpoint(path("tiny32.safetensors"), m, at::kFloat);
        write_diffusers_sd1_folder(path("tiny32-diffusers"), m, at::kFloat);
        LoadedCheckpoint a = load_checkpoint(path("tiny32.safetensors"));
        LoadedCheckpoint b = load_checkpoint(path("tiny32-diffusers"));
        QCOMPARE(a.source, std::string("single_file"));
        QCOMPARE(b.source, std::string("diffusers"));
        QCOMPARE(a.detection.family, ModelFamily::SD1);
        QCOMPARE(b.detection.family, ModelFamily::SD1);
        QCOMPARE(QString::fromStdString(a.detection.layout), QStringLiteral("a1111"));
        for (const auto& w : a.warnings) qInfo("single-file warning: %s", w.c_str());
        for (const auto& w : b.warnings) qInfo("diffusers warning: %s", w.c_str());
        QVERIFY(a.warnings.empty());
        QVERIFY(b.warnings.empty());
        QCOMPARE(maxDiff(run(a.unet, a.vae, a.te1, 4), ref), 0.0);
        QCOMPARE(maxDiff(run(b.unet, b.vae, b.te1, 4), ref), 0.0);
        // float16 files (what users download): both layouts agree exactly with each other and
        // with the model rounded to float16.
        write_a1111_sd1_checkpoint(path("tiny16.safetensors"), m, at::kHalf);
        write_diffusers_sd1_folder(path("tiny16-diffusers"), m, at::kHalf);
        LoadedCheckpoint c = load_checkpoint(path("tiny16.safetensors"));
        LoadedCheckpoint d = load_checkpoint(path("tiny16-diffusers"));
        // On a CPU fp32 run the Linear/Conv2d weights stay fp16 (half the memory), channels-last
        // where the UNet wants it; norms and embeddings hold the compute dtype.
        QCOMPARE(c.unet->conv_in->weight.scalar_type(), at::kHalf);
        QVERIFY(c.unet->conv_in->weight.is_contiguous(at::MemoryFormat::ChannelsLast));
        QCOMPARE(c.unet->conv_norm_out->weight.scalar_type(), at::kFloat);
        QCOMPARE(c.vae->decoder->conv_in->weight.scalar_type(), at::kHalf);
        QCOMPARE(c.te1->text_model->encoder->layers[0]->as<ClipEncoderLayerImpl>()->mlp->fc1->weight.scalar_type(), at::kHalf);
        QCOMPARE(c.te1->text_model->final_layer_norm->weight.scalar_type(), at::kFloat);
        QCOMPARE(d.unet->conv_in->weight.scalar_type(), at::kHalf);
        QCOMPARE(SafetensorsFile::open(path("tiny16.safetensors")).find("model.diffusion_model.out.2.weight")->dtype,
                 SafeDType::F16);
        const Outputs oc = run(c.unet, c.vae, c.te1, 4), od = run(d.unet, d.vae, d.te1, 4);
        QCOMPARE(maxDiff(oc, od), 0.0);
        // Widening per call is exact: the same file loaded into fp32 weights gives the same bits.
        LoadOptions wide;
        wide.keep_half_weights = false;
        LoadedCheckpoint cw = load_checkpoint(path("tiny16.safetensors"), wide);
        QCOMPARE(cw.unet->conv_in->weight.scalar_type(), at::kFloat);
        QCOMPARE(maxDiff(run(cw.unet, cw.vae, cw.te1, 4), oc), 0.0);
        auto bytes = [](torch::nn::Module& mod) {
            int64_t n = 0;
            for (const auto& p : mod.parameters()) n += static_cast<int64_t>(p.nbytes());
            return n;
        };
        qInfo("UNet weights held: %lld bytes fp16-kept vs %lld fp32", static_cast<long long>(bytes(*c.unet)),
              static_cast<long long>(bytes(*cw.unet)));
        QVERIFY(bytes(*c.unet) * 10 < bytes(*cw.unet) * 6);
        QVERIFY(maxDiff(oc, ref) > 0.0);  // rounding to fp16 did happen
        QVERIFY(maxDiff(oc, ref) < 0.05); // ... and nothing else
        // bfloat16 files load the same way (converted to float32 tensor by tensor).
        write_a1111_sd1_checkpoint(path("tinybf16.safetensors"), m, at::kBFloat16);
        QCOMPARE(SafetensorsFile::open(path("tinybf16.safetensors")).find("model.diffusion_model.out.2.weight")->dtype,
                 SafeDType::BF16);
        LoadedCheckpoint e = load_checkpoint(path("tinybf16.safetensors"));
        QCOMPARE(e.unet->conv_in->weight.scalar_type(), at::kBFloat16);
        QCOMPARE(e.unet->conv_norm_out->weight.scalar_type(), at::kFloat);
        const Outputs oe = run(e.unet, e.vae, e.te1, 4);
        QVERIFY(maxDiff(oe, ref) > 0.0);
        QVERIFY(maxDiff(oe, ref) < 0.2);
    }

    void inpaintingVariantLoads() {
        Sd1Modules m = make_random_sd1_modules(tinyUnet(9), tinyVae(), tinyText(), 77, true);
        write_a1111_sd1_checkpoint(path("inpaint.safetensors"), m, at::kFloat);
        LoadedCheckpoint a = load_checkpoint(path("inpaint.safetensors"));
        QCOMPARE(a.detection.family, ModelFamily::SD1);
        QVERIFY(a.detection.inpainting);
        QCOMPARE(a.unet->conv_in->weight.size(1), int64_t(9));
        QCOMPARE(maxDiff(run(a.unet, a.vae, a.te1, 9), run(m.unet, m.vae, m.text_encoder, 9)), 0.0);
    }

    // SD 2.x single file (OpenCLIP text encoder): loads with identical outputs; the prediction is
    // decided by A1111's UNet probe, unless the user or a sidecar `name.yaml` decides it.
    void sd2PredictionProbeOverrideAndSidecar() {
        UNetConfig u = tinyUnet();
        u.use_linear_projection = true;
        ClipTextConfig t = tinyText();
        t.hidden_act = "gelu";
        CheckpointModules m = make_random_modules(ModelFamily::SD2, u, tinyVae(), t, {}, 2023, true);
        const std::string file = path("tiny-sd2.safetensors");
        write_a1111_checkpoint(file, m, at::kFloat);
        LoadedCheckpoint a = load_checkpoint(file);
        QCOMPARE(a.detection.family, ModelFamily::SD2);
        QCOMPARE(a.text_kind, TextConditioningKind::SD2);
        QCOMPARE(QString::fromStdString(a.detection.prediction_source), QStringLiteral("a1111_probe"));
        QCOMPARE(a.te1->config().hidden_act, std::string("gelu"));
        QVERIFY(!a.te1->config().with_projection); // SD2's OpenCLIP projection is not used
        for (const auto& w : a.warnings) qInfo("sd2 warning: %s", w.c_str());
        QVERIFY(a.warnings.empty());
        QCOMPARE(maxDiff(run(a.unet, a.vae, a.te1, 4), run(m.unet, m.vae, m.text_encoder, 4)), 0.0);
        // The probe's decision equals A1111's rule evaluated on the in-memory UNet.
        const bool v = a1111_v_prediction_probe(
            [&](const at::Tensor& x, const at::Tensor& ts, const at::Tensor& c) {
                c10::InferenceMode g;
                return m.unet->forward(x, ts.to(at::kFloat), c);
            },
            32);
        QCOMPARE(a.prediction, v ? Prediction::VPrediction : Prediction::Epsilon);
        // User override wins (no probe).
        LoadOptions o;
        o.prediction_override = Prediction::VPrediction;
        LoadedCheckpoint b = load_checkpoint(file, o);
        QCOMPARE(b.prediction, Prediction::VPrediction);
        QCOMPARE(QString::fromStdString(b.detection.prediction_source), QStringLiteral("user"));
        o.prediction_override = Prediction::Epsilon;
        QCOMPARE(load_checkpoint(file, o).prediction, Prediction::Epsilon);
        // A1111's sidecar config next to the checkpoint.
        for (const auto& [text, expect] :
             {std::pair{"model:\n  params:\n    parameterization: \"v\"\n", Prediction::VPrediction},
              std::pair{"model:\n  params:\n    parameterization: eps\n", Prediction::Epsilon}}) {
            QFile y(QDir(tmp_.path()).filePath("tiny-sd2.yaml"));
            QVERIFY(y.open(QIODevice::WriteOnly | QIODevice::Truncate));
            y.write(text);
            y.close();
            LoadedCheckpoint c = load_checkpoint(file);
            QCOMPARE(c.prediction, expect);
            QCOMPARE(QString::fromStdString(c.detection.prediction_source), QStringLiteral("sidecar"));
            // ... but the user still wins over the sidecar.
            LoadOptions u2;
            u2.prediction_override = expect == Prediction::VPrediction ? Prediction::Epsilon : Prediction::VPrediction;
            QCOMPARE(load_checkpoint(file, u2).prediction, *u2.prediction_override);
        }
    }

    // SDXL base in both layouts and an SDXL refiner single file.
    void sdxlBothLayoutsAndRefiner() {
        ClipTextConfig big = tinyText();
        big.hidden_size = 64, big.intermediate_size = 128, big.hidden_act = "gelu";
        big.with_projection = true, big.projection_dim = 32;
        VaeConfig xlVae = tinyVae();
        xlVae.scaling_factor = 0.13025;  // as SDXL's VAE config says
        CheckpointModules m =
            make_random_modules(ModelFamily::SDXL, tinyXlLikeUnet(), xlVae, tinyText(), big, 5, true);
        write_a1111_checkpoint(path("tiny-xl.safetensors"), m, at::kFloat);
        write_diffusers_folder(path("tiny-xl-diffusers"), m, at::kFloat);
        c10::InferenceMode guard;
        at::manual_seed(3);
        const at::Tensor ids = at::randint(0, 49408, {1, 77}, at::kLong);
        const at::Tensor x = at::randn({1, 4, 8, 8}), ctx = at::randn({1, 77, 96}), pooled = at::randn({1, 32});
        const at::Tensor time_ids = at::tensor({64.f, 64.f, 0.f, 0.f, 64.f, 64.f}).view({1, 6});
        const at::Tensor ref_unet = m.unet->forward(x, at::full({1}, 500.f), ctx, pooled, time_ids);
        const at::Tensor ref_pool = m.text_encoder_2->forward(ids).text_embeds;
        for (const char* p : {"tiny-xl.safetensors", "tiny-xl-diffusers"}) {
            LoadedCheckpoint a = load_checkpoint(path(p));
            QCOMPARE(a.detection.family, ModelFamily::SDXL);
            QCOMPARE(a.text_kind, TextConditioningKind::SDXL);
            QVERIFY(a.te2.has_value());
            QCOMPARE(a.vae_scale, 0.13025);
            for (const auto& w : a.warnings) qInfo("%s warning: %s", p, w.c_str());
            QCOMPARE(
                (a.unet->forward(x, at::full({1}, 500.f), ctx, pooled, time_ids) - ref_unet).abs().max().item<double>(),
                0.0);
            QCOMPARE(((*a.te2)->forward(ids).text_embeds - ref_pool).abs().max().item<double>(), 0.0);
            QCOMPARE((a.te1->forward(ids).last_hidden_state - m.text_encoder->forward(ids).last_hidden_state)
                         .abs()
                         .max()
                         .item<double>(),
                     0.0);
        }
        // Refiner: bigG only (conditioner.embedders.0.model.*), 5 time ids.
        UNetConfig r = unet_config_sdxl();
        r.block_out_channels = {32, 64, 64, 64};
        r.down_block_attention = {false, true, true, false};
        r.up_block_attention = {false, true, true, false};
        r.num_attention_heads = {2, 4, 4, 4};
        r.transformer_layers = {1, 2, 2, 1};
        r.reverse_transformer_layers = {1, 2, 2, 1};
        r.cross_attention_dim = 64;
        r.addition_time_embed_dim = 8;
        r.projection_class_embeddings_input_dim = 32 + 5 * 8;
        CheckpointModules rm = make_random_modules(ModelFamily::SDXLRefiner, r, xlVae, {}, big, 6, true);
        write_a1111_checkpoint(path("tiny-refiner.safetensors"), rm, at::kHalf);
        LoadedCheckpoint a = load_checkpoint(path("tiny-refiner.safetensors"));
        QCOMPARE(a.detection.family, ModelFamily::SDXLRefiner);
        QCOMPARE(a.text_kind, TextConditioningKind::SDXLRefiner);
        QCOMPARE(a.te1->config().hidden_size, int64_t(64));
        QVERIFY(a.te1->config().with_projection);
        const at::Tensor ctx2 = at::randn({1, 77, 64}), ids5 = at::tensor({64.f, 64.f, 0.f, 0.f, 6.f}).view({1, 5});
        const at::Tensor out = a.unet->forward(x, at::full({1}, 500.f), ctx2, pooled, ids5);
        QCOMPARE(out.sizes().vec(), x.sizes().vec());
        QVERIFY(out.isfinite().all().item<bool>());
    }

    void streamedWriterLeavesNothingOnError() {
        const std::string out = path("stream.safetensors");
        const std::vector<SafetensorsTensorSpec> specs = {{"a", at::kFloat, {2, 2}}, {"b", at::kHalf, {3}}};
        // A producer returning the wrong shape, or throwing, leaves no file and no temp file.
        QVERIFY_THROWS_EXCEPTION(PipelineError,
                                 write_safetensors_streamed(out, specs, [](std::size_t) { return at::zeros({5}); }));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 write_safetensors_streamed(out, specs, [](std::size_t i) -> at::Tensor {
                                     if (i == 1) throw std::runtime_error("disk gone");
                                     return at::ones({2, 2});
                                 }));
        QCOMPARE(QDir(tmp_.path()).entryList({"stream*"}, QDir::Files | QDir::Hidden).size(), 0);
        // A good producer is asked once per tensor, in order, and the file reads back.
        std::vector<std::size_t> asked;
        write_safetensors_streamed(
            out, specs,
            [&](std::size_t i) {
                asked.push_back(i);
                return i == 0 ? at::arange(4, at::kFloat).view({2, 2}) : at::full({3}, 0.5, at::kHalf);
            },
            {{"k", "v"}});
        QCOMPARE(asked, (std::vector<std::size_t>{0, 1}));
        const SafetensorsFile f = SafetensorsFile::open(out);
        QVERIFY(at::equal(f.load("a"), at::arange(4, at::kFloat).view({2, 2})));
        QVERIFY(at::equal(f.load("b"), at::full({3}, 0.5, at::kHalf)));
        QCOMPARE(f.metadata().at("k"), std::string("v"));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointWriter)
#include "tst_checkpoint_writer.moc"
