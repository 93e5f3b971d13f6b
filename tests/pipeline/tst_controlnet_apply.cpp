// ControlNet application with sd-webui-controlnet's semantics (scripts/hook.py), on the golden
// tiny SD1 model with a tiny ControlNet written and loaded by the test:
//   * the per-residual scales of the three control modes against the extension's constants
//     (0.825^(12−i), computed by hand), and "ControlNet is more important" on the conditional
//     half only;
//   * guidance start / end switch a unit on exactly the model calls A1111's step counter gives
//     (txt2img Euler and Heun, img2img slicing), derived by hand below;
//   * zero weight equals no unit, bit for bit; several units add their residuals;
//   * the inpaint hint protocol (masked pixels −1) and `control.hint` in the saved latents.
#include "common/golden.h"

#include "pipeline/control/control_set.h"
#include "pipeline/control/preprocessors.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/controlnet_loader.h"
#include "pipeline/loaders/controlnet_writer.h"
#include "pipeline/pipelines/img2img.h"
#include "pipeline/pipelines/txt2img.h"
#include "pipeline/schedulers/sigma_schedule.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

QString golden(const QString& name) { return QDir(test::goldenDir()).filePath(name); }

struct Tiny {
    std::unique_ptr<DiffusionModel> model;
    ControlNetModel cn{nullptr};
    ControlNetModel cn2{nullptr};
    QTemporaryDir dir;
    std::string cnPath;
};

Tiny& tiny() {
    static Tiny t;
    if (t.model) return t;
    LoadedCheckpoint ckpt = load_checkpoint(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
    auto m = std::make_unique<DiffusionModel>();
    m->family = "sd1";
    m->prediction = ckpt.prediction;
    m->text = std::make_shared<TextConditioner>(ckpt.make_conditioner(1));
    m->unet = ckpt.unet;
    m->vae = ckpt.vae;
    m->schedule = std::make_shared<DiscreteSchedule>(DiscreteSchedule::stable_diffusion());
    t.model = std::move(m);
    // Written and loaded back through the real file format, as a user's file would be.
    c10::NoGradGuard no_grad;
    for (uint64_t seed : {7, 8}) {
        ControlNetModel cn = make_random_controlnet(controlnet_config_for_unet(t.model->unet->config()), seed);
        copy_unet_into_controlnet(*t.model->unet, *cn);
        const std::string path = t.dir.filePath(QStringLiteral("tiny_cn_%1.safetensors").arg(seed)).toStdString();
        write_controlnet_file(path, *cn, "ldm");
        (seed == 7 ? t.cn : t.cn2) = load_controlnet(path).model;
        if (seed == 7) t.cnPath = path;
    }
    return t;
}

at::Tensor randomHint(uint64_t seed, int64_t size = 64) {
    at::manual_seed(seed);
    return at::rand({1, 3, size, size});
}

PreparedControlUnit unit(ControlNetModel cn, double weight, ControlMode mode = ControlMode::Balanced,
                         double start = 0.0, double end = 1.0, uint64_t hintSeed = 3) {
    PreparedControlUnit u;
    u.name = "tiny";
    u.model = cn;
    u.hint = randomHint(hintSeed);
    u.weight = weight;
    u.mode = mode;
    u.guidance_start = start;
    u.guidance_end = end;
    return u;
}

GenerationRequest request(const char* sampler = "Euler", int64_t steps = 10) {
    GenerationRequest r;
    r.prompt = "a photo of an astronaut riding a horse on mars";
    r.negative_prompt = "blurry";
    r.width = r.height = 64;
    r.steps = steps;
    r.seed = 42;
    r.sampler = sampler;
    r.rng = "cpu";
    return r;
}

std::vector<bool> activeCalls(const ControlSet& set) {
    std::vector<bool> out;
    for (const auto& c : set.calls()) out.push_back(c.active.at(0));
    return out;
}

QString describe(const std::vector<bool>& v) {
    QString s;
    for (bool b : v) s += b ? QLatin1Char('1') : QLatin1Char('0');
    return s;
}

} // namespace

class TestControlNetApply : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void controlScalesAreTheExtensions() {
        // Balanced: the weight on all 13 residuals.
        const auto balanced = ControlSet::control_scales(0.7, ControlMode::Balanced, 13);
        QCOMPARE(balanced.size(), size_t(13));
        for (double s : balanced) QCOMPARE(s, 0.7);
        // Soft injection: weight · 0.825^(12 − i) (values of 0.825**float(12 - i) in Python).
        const double soft[13] = {0.09941396206337118, 0.12050177219802567, 0.14606275417942507, 0.17704576264172736,
                                 0.214600924414215,   0.26012233262329093, 0.3152997971191405,  0.3821815722656249,
                                 0.4632503906249999,  0.561515625,         0.6806249999999999,  0.825,
                                 1.0};
        for (ControlMode mode : {ControlMode::Prompt, ControlMode::Control}) {
            const auto s = ControlSet::control_scales(2.0, mode, 13);
            for (int i = 0; i < 13; ++i) QVERIFY(std::abs(s[i] - 2.0 * soft[i]) < 1e-15);
        }
        // SDXL: 10 residuals take the first 10 scales (the mid one 0.825^3).
        const auto xl = ControlSet::control_scales(1.0, ControlMode::Prompt, 10);
        QCOMPARE(xl.size(), size_t(10));
        QVERIFY(std::abs(xl.back() - soft[9]) < 1e-15);
    }

    void guidanceWindow() {
        // step / total compared with [start, end], both ends inclusive.
        QVERIFY(ControlSet::guidance_active(0.3, 0.6, 3, 10));
        QVERIFY(ControlSet::guidance_active(0.3, 0.6, 6, 10));
        QVERIFY(!ControlSet::guidance_active(0.3, 0.6, 2, 10));
        QVERIFY(!ControlSet::guidance_active(0.3, 0.6, 7, 10));
        QVERIFY(ControlSet::guidance_active(0.0, 0.0, 0, 10));
        QVERIFY(!ControlSet::guidance_active(0.0, 0.0, 1, 10));
    }

    // The three control modes on one model call, by hand from the ControlNet's raw residuals:
    // Balanced w·r_i; "My prompt is more important" w·0.825^(12−i)·r_i; "ControlNet is more
    // important" the same on the conditional row and 0 on the unconditional row.
    void controlModesByHand() {
        LATENT_REQUIRE_GOLDEN();
        Tiny& t = tiny();
        c10::InferenceMode guard;
        at::manual_seed(5);
        const at::Tensor x = at::randn({2, 4, 8, 8}), ts = at::tensor({700.0, 700.0}), ctx = at::randn({2, 77, 32});
        const at::Tensor mark = at::tensor({1.0f, 0.0f});
        const UNetResiduals raw = t.cn->forward(x, ts, ctx, t.cn->embed_hint(randomHint(3)));
        const double soft[13] = {0.09941396206337118, 0.12050177219802567, 0.14606275417942507, 0.17704576264172736,
                                 0.214600924414215,   0.26012233262329093, 0.3152997971191405,  0.3821815722656249,
                                 0.4632503906249999,  0.561515625,         0.6806249999999999,  0.825,
                                 1.0};
        for (ControlMode mode : {ControlMode::Balanced, ControlMode::Prompt, ControlMode::Control}) {
            ControlSet set;
            set.add(unit(t.cn, 0.7, mode));
            const UNetResiduals got = set.residuals(x, ts, ctx, {}, {}, mark, 0, 10);
            QCOMPARE(got.down.size(), size_t(12));
            for (size_t i = 0; i <= got.down.size(); ++i) {
                const at::Tensor& g = i < got.down.size() ? got.down[i] : got.mid;
                const at::Tensor& r = i < raw.down.size() ? raw.down[i] : raw.mid;
                const double scale = mode == ControlMode::Balanced ? 0.7 : 0.7 * soft[i];
                at::Tensor want = r * scale;
                if (mode == ControlMode::Control) want[1].zero_();
                QVERIFY2((g - want).abs().max().item<double>() <= 1e-6 * (1 + r.abs().max().item<double>()),
                         qPrintable(QStringLiteral("mode %1 residual %2").arg(int(mode)).arg(i)));
            }
            if (mode == ControlMode::Control) QCOMPARE(got.mid[1].abs().max().item<double>(), 0.0);
            else QVERIFY(got.mid[1].abs().max().item<double>() > 0.0);
        }
    }

    void severalUnitsAddTheirResiduals() {
        LATENT_REQUIRE_GOLDEN();
        Tiny& t = tiny();
        c10::InferenceMode guard;
        at::manual_seed(6);
        const at::Tensor x = at::randn({2, 4, 8, 8}), ts = at::tensor({300.0, 300.0}), ctx = at::randn({2, 77, 32});
        const at::Tensor mark = at::tensor({1.0f, 0.0f});
        ControlSet a, b, both;
        a.add(unit(t.cn, 0.5));
        b.add(unit(t.cn2, 1.2, ControlMode::Prompt, 0, 1, 4));
        both.add(unit(t.cn, 0.5));
        both.add(unit(t.cn2, 1.2, ControlMode::Prompt, 0, 1, 4));
        const UNetResiduals ra = a.residuals(x, ts, ctx, {}, {}, mark, 0, 10);
        const UNetResiduals rb = b.residuals(x, ts, ctx, {}, {}, mark, 0, 10);
        const UNetResiduals rs = both.residuals(x, ts, ctx, {}, {}, mark, 0, 10);
        for (size_t i = 0; i < rs.down.size(); ++i)
            QVERIFY((rs.down[i] - (ra.down[i] + rb.down[i])).abs().max().item<double>() < 1e-6);
        QVERIFY((rs.mid - (ra.mid + rb.mid)).abs().max().item<double>() < 1e-6);
        // Outside its window a unit adds nothing; with no active unit the set gives nothing.
        ControlSet late;
        late.add(unit(t.cn, 1.0, ControlMode::Balanced, 0.5, 1.0));
        QVERIFY(late.residuals(x, ts, ctx, {}, {}, mark, 4, 10).empty());
        QVERIFY(!late.residuals(x, ts, ctx, {}, {}, mark, 5, 10).empty());
    }

    // Model calls with A1111's counter (state.sampling_step = index of the last completed step's
    // callback, 0 before the first; total = steps, img2img t_enc + 1).
    void guidanceSwitchesOnExactSteps_data() {
        QTest::addColumn<QString>("sampler");
        QTest::addColumn<int>("steps");
        QTest::addColumn<double>("strength");  // 0 = txt2img
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<QString>("active");
        // Euler, 10 calls: steps seen 0,0,1,..,8 of 10 -> 0 .. 0.8; [0.3, 0.6] -> calls 4..7.
        QTest::newRow("euler") << QStringLiteral("Euler") << 10 << 0.0 << 0.3 << 0.6 << QStringLiteral("0000111100");
        // Heun, 4 steps, 7 calls (the last step has one): steps seen 0,0 | 0,1 | 1,2 | 2 of 4.
        QTest::newRow("heun") << QStringLiteral("Heun") << 4 << 0.0 << 0.25 << 0.4 << QStringLiteral("0001100");
        // img2img, strength 0.5 of 10 steps: t_enc 5, 6 calls, steps seen 0,0,1,2,3,4 of 6.
        QTest::newRow("img2img") << QStringLiteral("Euler") << 10 << 0.5 << 0.3 << 0.6 << QStringLiteral("000110");
        // DPM++ 2M from the start only: [0, 0.1] of 10 -> calls 0, 1, 2.
        QTest::newRow("dpmpp2m") << QStringLiteral("DPM++ 2M") << 10 << 0.0 << 0.0 << 0.1
                                 << QStringLiteral("1110000000");
    }
    void guidanceSwitchesOnExactSteps() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, sampler);
        QFETCH(int, steps);
        QFETCH(double, strength);
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(QString, active);
        Tiny& t = tiny();
        ControlSet set;
        set.add(unit(t.cn, 1.0, ControlMode::Balanced, start, end));
        GenerationRequest r = request(sampler.toUtf8().constData(), steps);
        if (strength > 0) {
            r.denoising_strength = strength;
            InitImages init;
            init.init = ImageU8(64, 64, 3, 128);
            img2img(*t.model, r, init, {}, nullptr, &set);
        } else {
            txt2img(*t.model, r, {}, nullptr, &set);
        }
        QCOMPARE(describe(activeCalls(set)), active);
        for (const auto& c : set.calls()) QCOMPARE(c.total_steps, strength > 0 ? int64_t(6) : int64_t(steps));
    }

    void zeroWeightEqualsNoUnit() {
        LATENT_REQUIRE_GOLDEN();
        Tiny& t = tiny();
        auto samples = [&](ControlSet* set) {
            LatentRecorder rec;
            txt2img(*t.model, request(), {}, &rec, set);
            return rec.latents.at("samples");
        };
        const at::Tensor plain = samples(nullptr);
        ControlSet zero;
        zero.add(unit(t.cn, 0.0));
        QCOMPARE((samples(&zero) - plain).abs().max().item<double>(), 0.0);
        QCOMPARE(zero.calls().size(), size_t(10));  // consulted on every call, adding nothing
        ControlSet one;
        one.add(unit(t.cn, 1.0));
        QVERIFY((samples(&one) - plain).abs().max().item<double>() > 1e-4);
        // A unit that never becomes active equals no unit too.
        ControlSet never;
        never.add(unit(t.cn, 1.0, ControlMode::Balanced, 1.0, 1.0));
        QCOMPARE((samples(&never) - plain).abs().max().item<double>(), 0.0);
    }

    // inpaint_only's restore after each UNet call, by hand in double precision:
    // x0 = (x/√ā − √(1/ā − 1)·ε)·m + R·(1 − m), ε' = (x/√ā − x0)/√(1/ā − 1), out = w·ε' + (1 − w)·ε,
    // ā = alphas_cumprod[round(t)].
    void inpaintOnlyRestoreByHand() {
        ControlSet set;
        const DiscreteSchedule schedule = DiscreteSchedule::stable_diffusion();
        set.set_alphas_cumprod(schedule.alphas_cumprod());
        PreparedControlUnit u = unit(ControlNetModel(nullptr), 0.6);
        at::manual_seed(12);
        u.restore_latent = at::randn({1, 4, 8, 8});
        u.restore_mask = (at::rand({1, 1, 8, 8}) > 0.5).to(at::kFloat);
        const at::Tensor x = at::randn({2, 4, 8, 8}), eps = at::randn({2, 4, 8, 8});
        const at::Tensor t = at::tensor({500.4f, 10.6f});
        // add() refuses a unit without a model: build the set's unit list through a real one.
        u.model = tiny().cn;
        set.add(u);
        QVERIFY(set.has_restore());
        const at::Tensor got = set.after_unet(x, t, eps).to(at::kDouble);
        const at::Tensor ac = schedule.alphas_cumprod().to(at::kDouble);
        for (int b = 0; b < 2; ++b) {
            const double a = ac[b == 0 ? 500 : 11].item<double>();
            const at::Tensor xb = x[b].to(at::kDouble), eb = eps[b].to(at::kDouble);
            const at::Tensor m = u.restore_mask[0].to(at::kDouble), r = u.restore_latent[0].to(at::kDouble);
            const at::Tensor x0 = (xb / std::sqrt(a) - std::sqrt(1 / a - 1) * eb) * m + r * (1 - m);
            const at::Tensor e2 = (xb / std::sqrt(a) - x0) / std::sqrt(1 / a - 1);
            const at::Tensor want = e2 * 0.6 + eb * 0.4;
            QVERIFY2((got[b] - want).abs().max().item<double>() < 1e-4, qPrintable(QString::number(b)));
        }
        // Where the mask is 1 nothing changes (ε' = ε).
        const at::Tensor keep = u.restore_mask.expand({2, 4, 8, 8}) > 0.5;
        QVERIFY((got - eps.to(at::kDouble)).masked_select(keep).abs().max().item<double>() < 1e-4);
    }

    // txt2img with an inpaint_only unit: outside the (dilated, blurred) mask the control image
    // comes back pixel for pixel (the extension's paste-back), inside it is generated.
    void inpaintOnlyPastesTheImageBack() {
        LATENT_REQUIRE_GOLDEN();
        Tiny& t = tiny();
        Engine engine;
        engine.load_model(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
        GenerationRequest r = request("Euler", 3);
        ControlUnit u;
        u.model_path = t.cnPath;
        u.module = "inpaint_only";
        u.image = ImageU8(64, 64, 3);
        u.mask = ImageU8(64, 64, 1, 0);
        for (int64_t y = 0; y < 64; ++y)
            for (int64_t x = 0; x < 64; ++x) {
                u.image.at(x, y, 0) = static_cast<uint8_t>(4 * x);
                u.image.at(x, y, 1) = static_cast<uint8_t>(200 - 2 * y);
                u.image.at(x, y, 2) = 77;
                if (x < 32) u.mask.at(x, y) = 255;  // generate the left half
            }
        r.controlnet = {u};
        const GenerationResult res = engine.txt2img(r);
        const GeneratedImage& img = res.images.at(0);
        int far = 0, inside = 0;
        for (int64_t y = 0; y < 64; ++y)
            for (int64_t x = 0; x < 64; ++x)
                for (int c = 0; c < 3; ++c) {
                    const int got = img.rgb[size_t((y * 64 + x) * 3 + c)], want = u.image.at(x, y, c);
                    if (x >= 38) far = std::max(far, std::abs(got - want));  // m = 0 beyond 32 + 3 + 3
                    if (x < 26) inside += got != want;
                }
        QVERIFY2(far <= 1, qPrintable(QString::number(far)));
        QVERIFY(inside > 1000);
    }

    // SDXL: a ControlNet with the added text/time embedding (diffusers layout) on the golden
    // tiny SDXL: 9 + 1 residuals, soft weights cut to the first 10, and an effect on the image.
    void sdxlControlNet() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("tiny_xl_cn.safetensors")).toStdString();
        {
            LoadOptions o;
            o.load_text_encoders = false;
            o.load_vae = false;
            LoadedCheckpoint xl = load_checkpoint(golden(QStringLiteral("tiny-sdxl.safetensors")).toStdString(), o);
            c10::NoGradGuard no_grad;
            ControlNetModel cn = make_random_controlnet(controlnet_config_for_unet(xl.unet->config()), 21);
            copy_unet_into_controlnet(*xl.unet, *cn);
            write_controlnet_file(path, *cn, "diffusers");
        }
        LoadedControlNet loaded = load_controlnet(path);
        QCOMPARE(loaded.base_family, ModelFamily::SDXL);
        QCOMPARE(loaded.config.num_down_residuals(), size_t(9));
        Engine engine;
        engine.load_model(golden(QStringLiteral("tiny-sdxl.safetensors")).toStdString());
        GenerationRequest r = request("Euler", 2);
        const GenerationResult plain = engine.txt2img(r);
        ControlUnit u;
        u.model_path = path;
        u.module = "none";
        u.image = ImageU8(64, 64, 3, 200);
        u.control_mode = ControlMode::Prompt;
        r.controlnet = {u};
        const GenerationResult with = engine.txt2img(r);
        QVERIFY(with.images.at(0).rgb != plain.images.at(0).rgb);
    }

    void inpaintHintProtocol() {
        ImageU8 map(2, 1, 4);
        map.data = {255, 0, 51, 0, 10, 20, 30, 255};  // pixel 0 unmasked, pixel 1 masked
        const at::Tensor h = control_hint_tensor(map);
        QCOMPARE(h.sizes().vec(), (std::vector<int64_t>{1, 3, 1, 2}));
        QVERIFY(std::abs(h[0][0][0][0].item<double>() - 1.0) < 1e-7);
        QVERIFY(std::abs(h[0][2][0][0].item<double>() - 0.2) < 1e-7);
        for (int c = 0; c < 3; ++c) QCOMPARE(h[0][c][0][1].item<double>(), -1.0);
        ImageU8 rgb(1, 1, 3);
        rgb.data = {0, 128, 255};
        const at::Tensor g = control_hint_tensor(rgb);
        QVERIFY(std::abs(g[0][1][0][0].item<double>() - 128.0 / 255.0) < 1e-7);
    }

    // "Only masked" inpainting crops the control image like the init image (sd-webui-controlnet's
    // try_crop_image_with_a1111_mask). Canvas 128x128, mask = the bottom-right quadrant, no blur,
    // no padding: the crop region is exactly that quadrant (already square, as the 64x64
    // processing size), where the control image is 230; elsewhere it is 20. Uncropped, a 64x64
    // hint of the whole image would hold the 20s too.
    void onlyMaskedInpaintCropsTheControlImage() {
        LATENT_REQUIRE_GOLDEN();
        Tiny& t = tiny();
        Engine engine;
        engine.load_model(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
        GenerationRequest r = request("Euler", 2);
        r.denoising_strength = 0.5;
        r.img2img.mask_blur_x = r.img2img.mask_blur_y = 0;
        r.img2img.inpaint_full_res = true;
        r.img2img.inpaint_full_res_padding = 0;
        InitImages init;
        init.init = ImageU8(128, 128, 3, 100);
        init.mask = ImageU8(128, 128, 1, 0);
        ImageU8 control(128, 128, 3, 20);
        for (int64_t y = 64; y < 128; ++y)
            for (int64_t x = 64; x < 128; ++x) {
                init.mask.at(x, y) = 255;
                for (int c = 0; c < 3; ++c) control.at(x, y, c) = 230;
            }
        ControlUnit u;
        u.model_path = t.cnPath;
        u.module = "none";
        u.image = control;
        r.controlnet = {u};
        QTemporaryDir dir;
        engine.img2img(r, init, {}, dir.path().toStdString());
        const SafetensorsFile lat = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
        const at::Tensor h = lat.load("control.hint");
        QCOMPARE(h.sizes().vec(), (std::vector<int64_t>{1, 3, 64, 64}));
        QVERIFY((h - 230.0 / 255.0).abs().max().item<double>() < 1e-6);
        // Whole picture: no crop, the dark part shows.
        r.img2img.inpaint_full_res = false;
        QTemporaryDir dir2;
        engine.img2img(r, init, {}, dir2.path().toStdString());
        const at::Tensor whole =
            SafetensorsFile::open(dir2.filePath(QStringLiteral("latents.safetensors")).toStdString()).load("control.hint");
        QVERIFY(std::abs(whole[0][0][0][0].item<double>() - 20.0 / 255.0) < 1e-6);
    }

    // The engine path: units with a model file and an image; the hint is the preprocessed map
    // /255 and is saved as control.hint (control.1.hint for the second unit).
    void engineSavesTheHints() {
        LATENT_REQUIRE_GOLDEN();
        Tiny& t = tiny();
        Engine engine;
        engine.load_model(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
        GenerationRequest r = request("Euler", 3);
        ImageU8 img(64, 64, 3);
        for (int64_t y = 0; y < 64; ++y)
            for (int64_t x = 0; x < 64; ++x)
                for (int c = 0; c < 3; ++c) img.at(x, y, c) = (x / 16 + y / 16) % 2 ? 230 : 20;
        ControlUnit u;
        u.model_path = t.cnPath;
        u.module = "canny";
        u.image = img;
        r.controlnet = {u, u};
        r.controlnet[1].module = "invert";
        QTemporaryDir dir;
        const GenerationResult res = engine.txt2img(r, {}, dir.path().toStdString());
        QCOMPARE(res.images.size(), size_t(1));
        const SafetensorsFile lat = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
        const at::Tensor h0 = lat.load("control.hint"), h1 = lat.load("control.1.hint");
        const ImageU8 canny = prepare_control_map(r.controlnet[0], 64, 64);
        QCOMPARE((h0 - control_hint_tensor(canny)).abs().max().item<double>(), 0.0);
        // Inverted: 255 − 230 = 25 and 255 − 20 = 235.
        QVERIFY(std::abs(h1[0][0][0][0].item<double>() - 235.0 / 255.0) < 1e-6);
        QVERIFY(std::abs(h1[0][0][0][16].item<double>() - 25.0 / 255.0) < 1e-6);
        // Bad units are refused before anything runs.
        r.controlnet[1].weight = 2.5;
        QVERIFY_THROWS_EXCEPTION(PipelineError, engine.txt2img(r));
        r.controlnet[1].weight = 1;
        r.controlnet[1].module = "depth_midas";
        QVERIFY_THROWS_EXCEPTION(PipelineError, engine.txt2img(r));
        r.controlnet[1].module = "invert";
        r.controlnet[1].guidance_start = 0.8;
        r.controlnet[1].guidance_end = 0.2;
        QVERIFY_THROWS_EXCEPTION(PipelineError, engine.txt2img(r));
    }
};

QTEST_GUILESS_MAIN(TestControlNetApply)
#include "tst_controlnet_apply.moc"
