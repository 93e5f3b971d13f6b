// ControlNet model and loaders: a tiny ControlNet for the golden tiny SD1 model, written by the
// test in the CompVis layout (`control_model.*`), the diffusers single-file layout and a diffusers
// folder, loads back with identical residuals; fp16 storage is kept; the UNet adds residuals
// exactly where sd-webui-controlnet's hook does; families are detected from real-size tensor
// names and shapes; a ControlNet for another family, and files that are no ControlNet, are
// refused with a clear message.
#include "common/golden.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/controlnet_loader.h"
#include "pipeline/loaders/controlnet_writer.h"
#include "pipeline/loaders/key_map_controlnet.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

QString golden(const QString& name) { return QDir(test::goldenDir()).filePath(name); }

LoadedCheckpoint loadTinyUNet(const QString& name = QStringLiteral("tiny-sd1.safetensors")) {
    LoadOptions o;
    o.load_text_encoders = false;
    o.load_vae = false;
    return load_checkpoint(golden(name).toStdString(), o);
}

// The tiny ControlNet of the tests: the tiny UNet's down path (diffusers from_unet) plus random
// hint embedding and zero convolutions, every weight rounded to fp16 so files hold it exactly.
ControlNetModel tinyControlNet(UNet2DConditionModelImpl& unet, uint64_t seed = 7) {
    c10::NoGradGuard no_grad;
    ControlNetModel cn = make_random_controlnet(controlnet_config_for_unet(unet.config()), seed);
    copy_unet_into_controlnet(unet, *cn);
    for (auto& p : cn->parameters()) p.copy_(p.to(at::kHalf).to(at::kFloat));
    return cn;
}

struct Inputs {
    at::Tensor x, t, context, hint;
};

Inputs tinyInputs(int64_t batch = 2) {
    at::manual_seed(11);
    Inputs in;
    in.x = at::randn({batch, 4, 8, 8});
    in.t = at::tensor({500.5, 20.0}).narrow(0, 0, batch);
    in.context = at::randn({batch, 77, 32});
    in.hint = at::rand({1, 3, 64, 64});
    return in;
}

UNetResiduals run(ControlNetModelImpl& cn, const Inputs& in) {
    c10::InferenceMode guard;
    return cn.forward(in.x, in.t, in.context, cn.embed_hint(in.hint));
}

double maxAbsDiff(const UNetResiduals& a, const UNetResiduals& b) {
    if (a.down.size() != b.down.size()) return 1e30;
    double m = (a.mid - b.mid).abs().max().item<double>();
    for (size_t i = 0; i < a.down.size(); ++i) m = std::max(m, (a.down[i] - b.down[i]).abs().max().item<double>());
    return m;
}

std::vector<TensorInfo> infosOf(torch::nn::Module& m, const std::function<std::string(const std::string&)>& rename) {
    std::vector<TensorInfo> out;
    for (const auto& p : m.named_parameters(true)) {
        TensorInfo t;
        t.name = rename(p.key());
        t.dtype = SafeDType::F16;
        t.shape = p.value().sizes().vec();
        out.push_back(t);
    }
    return out;
}

} // namespace

class TestControlNet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bothLayoutsGiveTheSameResiduals() {
        LATENT_REQUIRE_GOLDEN();
        LoadedCheckpoint sd = loadTinyUNet();
        ControlNetModel cn = tinyControlNet(*sd.unet);
        QTemporaryDir dir;
        const std::string ldm = dir.filePath(QStringLiteral("tiny_control_ldm.safetensors")).toStdString();
        const std::string diff = dir.filePath(QStringLiteral("tiny_control_diffusers.safetensors")).toStdString();
        const std::string folder = dir.filePath(QStringLiteral("tiny_control_folder")).toStdString();
        write_controlnet_file(ldm, *cn, "ldm");
        write_controlnet_file(diff, *cn, "diffusers");
        write_controlnet_folder(folder, *cn);

        // The CompVis file really uses lllyasviel's names.
        {
            const SafetensorsFile f = SafetensorsFile::open(ldm);
            std::set<std::string> names;
            for (const auto& t : f.tensors()) names.insert(t.name);
            for (const char* k : {"control_model.input_hint_block.0.weight", "control_model.input_hint_block.14.weight",
                                  "control_model.zero_convs.0.0.weight", "control_model.zero_convs.11.0.bias",
                                  "control_model.middle_block_out.0.weight", "control_model.input_blocks.0.0.weight",
                                  "control_model.input_blocks.1.1.proj_in.weight", "control_model.middle_block.2.out_layers.3.weight",
                                  "control_model.time_embed.0.weight"})
                QVERIFY2(names.count(k), k);
            QVERIFY(!names.count("control_model.zero_convs.12.0.weight"));
        }

        const Inputs in = tinyInputs();
        const UNetResiduals memory = run(*cn, in);
        QCOMPARE(memory.down.size(), size_t(12));  // 4 blocks x 2 layers + 3 downsamplers + conv_in
        UNetResiduals want;
        for (const auto& [path, layout] : std::vector<std::pair<std::string, std::string>>{
                 {ldm, "controlnet_ldm"}, {diff, "controlnet_diffusers"}, {folder, "controlnet_diffusers"}}) {
            LoadedControlNet loaded = load_controlnet(path);
            QCOMPARE(QString::fromStdString(loaded.layout), QString::fromStdString(layout));
            QCOMPARE(loaded.config.conditioning_embedding_out_channels, (std::vector<int64_t>{16, 32, 96, 256}));
            QCOMPARE(loaded.config.unet.num_attention_heads, sd.unet->config().num_attention_heads);
            QVERIFY2(loaded.warnings.empty(), loaded.warnings.empty() ? "" : loaded.warnings.front().c_str());
            const UNetResiduals got = run(*loaded.model, in);
            // The same fp16 values in every layout: bit-identical residuals. Against the
            // in-memory model (fp32 weights holding the same values, another memory layout)
            // only float rounding differs.
            if (!want.mid.defined()) want = got;
            QCOMPARE(maxAbsDiff(got, want), 0.0);
            QVERIFY(maxAbsDiff(got, memory) < 1e-4);
        }
    }

    void fp16FilesStayFp16OnCpu() {
        LATENT_REQUIRE_GOLDEN();
        LoadedCheckpoint sd = loadTinyUNet();
        ControlNetModel cn = tinyControlNet(*sd.unet);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("c.safetensors")).toStdString();
        write_controlnet_file(path, *cn, "ldm", at::kHalf);
        LoadedControlNet loaded = load_controlnet(path);
        QCOMPARE(loaded.model->controlnet_mid_block->weight.scalar_type(), at::kHalf);
        QCOMPARE(loaded.model->conv_in->weight.scalar_type(), at::kHalf);
        QCOMPARE(loaded.model->compute_dtype(), at::kFloat);
        // Without keeping, the same file loads as fp32 with equal results (widening is exact).
        LoadOptions wide;
        wide.keep_half_weights = false;
        LoadedControlNet loaded32 = load_controlnet(path, wide);
        QCOMPARE(loaded32.model->conv_in->weight.scalar_type(), at::kFloat);
        const Inputs in = tinyInputs();
        QCOMPARE(maxAbsDiff(run(*loaded.model, in), run(*loaded32.model, in)), 0.0);
    }

    // sd-webui-controlnet's hook: the UNet's down path runs unchanged, the mid residual is added
    // after the mid block, and each skip gets its residual when the up path pops it. Rebuilt here
    // from the UNet's public pieces and compared with forward(..., residuals).
    void unetAddsResidualsWhereTheExtensionDoes() {
        LATENT_REQUIRE_GOLDEN();
        LoadedCheckpoint sd = loadTinyUNet();
        UNet2DConditionModelImpl& unet = *sd.unet;
        ControlNetModel cn = tinyControlNet(unet);
        const Inputs in = tinyInputs();
        c10::InferenceMode guard;
        UNetResiduals r = run(*cn, in);
        for (auto& d : r.down) d = d * 3.0;  // make them matter
        r.mid = r.mid * 3.0;
        const at::Tensor got = unet.forward(in.x, in.t, in.context, std::nullopt, std::nullopt, &r);

        const UNetConfig& c = unet.config();
        const at::Tensor temb = unet.time_embedding->forward(
            timestep_embedding(in.t, c.block_out_channels[0], c.flip_sin_to_cos, c.freq_shift));
        const at::Tensor act = at::silu(temb);
        at::Tensor h = unet.conv_in->forward(in.x.contiguous(at::MemoryFormat::ChannelsLast));
        std::vector<at::Tensor> hs{h};
        for (size_t i = 0; i < unet.down_blocks->size(); ++i)
            h = unet.down_blocks[i]->as<DownBlockImpl>()->forward(h, act, in.context, hs);
        h = unet.mid_block->forward(h, act, in.context) + r.mid;
        std::vector<at::Tensor> controls = r.down;
        std::vector<at::Tensor> skips;
        for (size_t i = 0; i < hs.size(); ++i) skips.push_back(hs[i] + controls[i]);
        for (size_t i = 0; i < unet.up_blocks->size(); ++i)
            h = unet.up_blocks[i]->as<UpBlockImpl>()->forward(h, act, in.context, skips);
        const auto& o = unet.conv_norm_out->options;
        h = at::silu(at::group_norm(h, o.num_groups(), unet.conv_norm_out->weight, unet.conv_norm_out->bias, o.eps()));
        const at::Tensor want = unet.conv_out->forward(h);
        QVERIFY((got - want).abs().max().item<double>() < 1e-5);
        // And the residuals do change the output.
        const at::Tensor plain = unet.forward(in.x, in.t, in.context);
        QVERIFY((got - plain).abs().max().item<double>() > 1e-3);
        // All-zero residuals change nothing, bit for bit (added in place: same values, same layout).
        UNetResiduals zero = r;
        for (auto& d : zero.down) d = at::zeros_like(d);
        zero.mid = at::zeros_like(zero.mid);
        QCOMPARE((unet.forward(in.x, in.t, in.context, std::nullopt, std::nullopt, &zero) - plain).abs().max().item<double>(),
                 0.0);
        // A wrong residual count is refused with a message.
        UNetResiduals wrong = r;
        wrong.down.pop_back();
        QVERIFY_THROWS_EXCEPTION(PipelineError,
                                 unet.forward(in.x, in.t, in.context, std::nullopt, std::nullopt, &wrong));
    }

    void detectsFamilyFromRealSizeTensors_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("layout");
        QTest::newRow("sd15-ldm") << QStringLiteral("sd1") << QStringLiteral("ldm");
        QTest::newRow("sd15-diffusers") << QStringLiteral("sd1") << QStringLiteral("diffusers");
        QTest::newRow("sd21-ldm") << QStringLiteral("sd2") << QStringLiteral("ldm");
        QTest::newRow("sdxl-diffusers") << QStringLiteral("sdxl") << QStringLiteral("diffusers");
    }
    void detectsFamilyFromRealSizeTensors() {
        QFETCH(QString, family);
        QFETCH(QString, layout);
        const ModelFamily f = *family_from_name(family.toStdString());
        const UNetConfig u = f == ModelFamily::SD1 ? unet_config_sd1() : f == ModelFamily::SD2 ? unet_config_sd2()
                                                                                              : unet_config_sdxl();
        ControlNetConfig cfg = controlnet_config_for_unet(u);
        nn::DeferInit defer;  // names and shapes only: nothing is initialised or touched
        ControlNetModel m(cfg, false);
        const bool ldm = layout == QStringLiteral("ldm");
        const auto infos = infosOf(*m, [&](const std::string& k) {
            return ldm ? std::string(kLdmControlNetPrefix) + *controlnet_diffusers_to_ldm(k, cfg) : k;
        });
        const ModelDetection d = detect_model(infos, {});
        QCOMPARE(d.family, ModelFamily::ControlNet);
        QCOMPARE(QString::fromStdString(family_name(d.base_family)), family);
        QCOMPARE(QString::fromStdString(d.layout), ldm ? QStringLiteral("controlnet_ldm") : QStringLiteral("controlnet_diffusers"));
        // The detected config builds the same architecture (no metadata: widths, depths and
        // heads from the shapes and the family's defaults).
        const ControlNetConfig back = controlnet_config_from_json(d.unet_config);
        QCOMPARE(back.unet.block_out_channels, u.block_out_channels);
        QCOMPARE(back.unet.cross_attention_dim, u.cross_attention_dim);
        QCOMPARE(back.unet.transformer_layers, u.transformer_layers);
        QCOMPARE(back.unet.num_attention_heads, u.num_attention_heads);
        QCOMPARE(back.unet.use_linear_projection, u.use_linear_projection);
        QCOMPARE(back.unet.addition_embed_type, u.addition_embed_type);
        QCOMPARE(back.num_down_residuals(), f == ModelFamily::SDXL ? size_t(9) : size_t(12));
    }

    void refusesAControlNetOfAnotherFamily() {
        const ControlNetConfig sd15 = controlnet_config_for_unet(unet_config_sd1());
        try {
            check_controlnet_fits(sd15, ModelFamily::SD1, unet_config_sdxl(), ModelFamily::SDXL, "control_v11p_sd15_canny");
            QFAIL("no error");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("controlnet_mismatch"));
            const QString m = QString::fromUtf8(e.what());
            QVERIFY2(m.contains(QStringLiteral("SD 1.x")) && m.contains(QStringLiteral("SDXL")) &&
                         m.contains(QStringLiteral("control_v11p_sd15_canny")),
                     qPrintable(m));
        }
        QVERIFY_THROWS_EXCEPTION(PipelineError, check_controlnet_fits(sd15, ModelFamily::SD1, unet_config_sd2(),
                                                                      ModelFamily::SD2, "x"));
        check_controlnet_fits(sd15, ModelFamily::SD1, unet_config_sd1(9), ModelFamily::SD1, "inpainting UNet is fine");
        // Tiny models of unknown family: the architecture decides.
        LATENT_REQUIRE_GOLDEN();
        LoadedCheckpoint sd = loadTinyUNet();
        LoadedCheckpoint xl = loadTinyUNet(QStringLiteral("tiny-sdxl.safetensors"));
        const ControlNetConfig tinyXl = controlnet_config_for_unet(xl.unet->config());
        try {
            check_controlnet_fits(tinyXl, ModelFamily::Unknown, sd.unet->config(), ModelFamily::SD1, "tiny_xl");
            QFAIL("no error");
        } catch (const PipelineError& e) {
            const QString m = QString::fromUtf8(e.what());
            QVERIFY2(m.contains(QStringLiteral("context width 96")) && m.contains(QStringLiteral("context width 32")),
                     qPrintable(m));
        }
    }

    void refusesFilesThatAreNoControlNet() {
        LATENT_REQUIRE_GOLDEN();
        try {
            load_controlnet(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
            QFAIL("no error");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("not_a_controlnet"));
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("checkpoint, not a ControlNet")), e.what());
        }
        QTemporaryDir dir;
        const QString pickle = dir.filePath(QStringLiteral("control_v11p_sd15_canny.pth"));
        {
            QFile f(pickle);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("\x80\x02}q\x00.", 6));  // a bare pickle: never parsed here
        }
        try {
            load_controlnet(pickle.toStdString());
            QFAIL("no error");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("pickle_checkpoint"));
        }
        QVERIFY_THROWS_EXCEPTION(PipelineError, load_controlnet(dir.filePath(QStringLiteral("missing.safetensors")).toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestControlNet)
#include "tst_controlnet.moc"
