// ControlNet with the hires fix, as sd-webui-controlnet applies it (hook.py, controlnet.py
// get_control, enums.py HiResFixOption), on the golden tiny SD1 model with a tiny ControlNet
// written and loaded by the test:
//   * hr_option: "Both" acts in both passes, "Low res only" in the first (its first pass equals
//     "Both"'s bit for bit, its second pass differs), "High res only" in the second (its first
//     pass equals a run without ControlNet bit for bit, its second pass does not);
//   * the second pass's hint is the same detected map (pixel perfect from the first pass's size)
//     fitted to the second pass's size, saved as hr.control.hint;
//   * guidance start / end count the second pass's own steps (A1111's state.sampling_step /
//     sampling_steps restart with the hires pass: total = hires steps);
//   * canny units take the soft weights in the second pass (high_res_fix_forced_soft_injection).
#include "common/golden.h"

#include "pipeline/control/control_prepare.h"
#include "pipeline/control/control_set.h"
#include "pipeline/control/preprocessors.h"
#include "pipeline/engine.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/controlnet_loader.h"
#include "pipeline/loaders/controlnet_writer.h"
#include "pipeline/pipelines/hires_fix.h"
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
    c10::NoGradGuard no_grad;
    ControlNetModel cn = make_random_controlnet(controlnet_config_for_unet(t.model->unet->config()), 7);
    copy_unet_into_controlnet(*t.model->unet, *cn);
    t.cnPath = t.dir.filePath(QStringLiteral("tiny_cn.safetensors")).toStdString();
    write_controlnet_file(t.cnPath, *cn, "ldm");
    return t;
}

// 64x48 with a bright square: canny finds edges, and the aspect differs from the generation's.
ImageU8 controlImage() {
    ImageU8 img(64, 48, 3);
    for (int64_t y = 0; y < 48; ++y)
        for (int64_t x = 0; x < 64; ++x)
            for (int c = 0; c < 3; ++c) img.at(x, y, c) = (x >= 16 && x < 44 && y >= 10 && y < 38) ? 230 : 25;
    return img;
}

ControlUnit canny(ControlHiresOption option) {
    ControlUnit u;
    u.model_path = tiny().cnPath;
    u.module = "canny";
    u.image = controlImage();
    u.pixel_perfect = true;
    u.hr_option = option;
    return u;
}

GenerationRequest request(int64_t steps = 4, int64_t hr_steps = 3) {
    GenerationRequest r;
    r.prompt = "a photo of an astronaut riding a horse on mars";
    r.negative_prompt = "blurry";
    r.width = r.height = 64;
    r.steps = steps;
    r.seed = 42;
    r.sampler = "Euler";
    r.rng = "cpu";
    r.hires.enable = true;
    r.hires.scale = 2.0;
    r.hires.upscaler = "Latent";
    r.hires.second_pass_steps = hr_steps;
    r.denoising_strength = 0.6;
    return r;
}

struct Run {
    at::Tensor first, second;  // first pass latents, second pass latents
    std::map<std::string, at::Tensor> latents;
    std::vector<uint8_t> rgb;
};

Run runEngine(const GenerationRequest& r) {
    Engine engine;
    engine.load_model(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
    QTemporaryDir dir;
    const GenerationResult res = engine.txt2img(r, {}, dir.path().toStdString());
    Run run;
    const SafetensorsFile lat = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
    for (const auto& info : lat.tensors()) run.latents[info.name] = lat.load(info.name);
    run.first = run.latents.at("samples");
    run.second = run.latents.at("hr.samples");
    run.rgb = res.images.at(0).rgb;
    return run;
}

bool same(const at::Tensor& a, const at::Tensor& b) { return a.sizes() == b.sizes() && at::equal(a, b); }

QString pattern(const ControlSet& set) {
    QString s;
    for (const auto& c : set.calls()) s += c.active.at(0) ? QLatin1Char('1') : QLatin1Char('0');
    return s;
}

} // namespace

class TestControlNetHires : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { LATENT_REQUIRE_GOLDEN(); }

    // The extension's option names and enum forms.
    void optionNames() {
        QCOMPARE(control_hires_option_name(ControlHiresOption::Both), std::string("Both"));
        QCOMPARE(control_hires_option_name(ControlHiresOption::LowResOnly), std::string("Low res only"));
        QCOMPARE(control_hires_option_name(ControlHiresOption::HighResOnly), std::string("High res only"));
        QVERIFY(control_hires_option_from_name("Low res only") == ControlHiresOption::LowResOnly);
        QVERIFY(control_hires_option_from_name("HiResFixOption.HIGH_RES_ONLY") == ControlHiresOption::HighResOnly);
        QVERIFY(control_hires_option_from_name("HiResFixOption.BOTH") == ControlHiresOption::Both);
        QVERIFY(control_hires_option_from_name("1") == ControlHiresOption::LowResOnly);
        QVERIFY(control_hires_option_from_name("high") == ControlHiresOption::HighResOnly);
        QVERIFY(!control_hires_option_from_name("3"));
        QVERIFY(!control_hires_option_from_name("Low res"));
        QVERIFY(ControlUnit{}.hr_option == ControlHiresOption::Both);
    }

    // End to end through the engine: which pass each option changes, and the hints.
    void optionChoosesThePasses() {
        GenerationRequest r = request();
        const Run plain = runEngine(r);
        r.controlnet = {canny(ControlHiresOption::Both)};
        const Run both = runEngine(r);
        r.controlnet = {canny(ControlHiresOption::LowResOnly)};
        const Run low = runEngine(r);
        r.controlnet = {canny(ControlHiresOption::HighResOnly)};
        const Run high = runEngine(r);

        QVERIFY(both.first.sizes() == (at::IntArrayRef{1, 4, 8, 8}));
        QVERIFY(both.second.sizes() == (at::IntArrayRef{1, 4, 16, 16}));
        // First pass: Both = Low res only (bit for bit), and both differ from no ControlNet.
        QVERIFY(same(both.first, low.first));
        QVERIFY(!same(both.first, plain.first));
        // High res only leaves the first pass as without ControlNet, bit for bit.
        QVERIFY(same(high.first, plain.first));
        // Second pass: with the unit (Both) differs from without it (Low res only) from the same
        // upscaled latent.
        QVERIFY(same(both.latents.at("hr.init_latent"), low.latents.at("hr.init_latent")));
        QVERIFY(!same(both.second, low.second));
        QVERIFY(both.rgb != low.rgb);
        // High res only: the second pass differs from no ControlNet's from the same start.
        QVERIFY(same(high.latents.at("hr.init_latent"), plain.latents.at("hr.init_latent")));
        QVERIFY(!same(high.second, plain.second));

        // The hints: the detected map of the first pass's pixel-perfect resolution, fitted to each
        // pass's size (the module does not run again at the hires size).
        const ControlUnit u = canny(ControlHiresOption::Both);
        const int res = pixel_perfect_resolution(64, 48, 64, 64, u.resize_mode);
        const ImageU8 detected = run_preprocessor("canny", u.image, {}, res, -1, -1);
        const at::Tensor low_hint = control_hint_tensor(fit_control_map(detected, u.resize_mode, 64, 64, false));
        const at::Tensor hr_hint = control_hint_tensor(fit_control_map(detected, u.resize_mode, 128, 128, false));
        QVERIFY(same(both.latents.at("control.hint"), low_hint));
        QVERIFY(same(both.latents.at("hr.control.hint"), hr_hint));
        QVERIFY(hr_hint.sum().item<double>() > 10);
        // Preprocessing again at the hires size (pixel perfect for 128) would give another map.
        QVERIFY(!same(hr_hint, control_hint_tensor(prepare_control_map(u, 128, 128))));
        QVERIFY(same(high.latents.at("hr.control.hint"), hr_hint));
    }

    // Guidance start / end count each pass's own steps: A1111's counter (the last completed
    // step's index, 0 before the first) over the pass's total (first: steps; second: the hires
    // steps, t_enc + 1 of its fixed-steps img2img).
    void secondPassCountsItsOwnSteps() {
        Tiny& t = tiny();
        c10::InferenceMode guard;
        GenerationRequest r = request(/*steps=*/6, /*hr_steps=*/4);
        ControlUnit u = canny(ControlHiresOption::Both);
        u.guidance_start = 0.5;
        r.controlnet = {u};
        ControlNetCache cache;
        std::unique_ptr<ControlSet> hr;
        HiresControlTarget target;
        target.model = t.model.get();
        target.width = 128;
        target.height = 128;
        target.out = &hr;
        std::unique_ptr<ControlSet> first = build_control_set(r, *t.model, cache, nullptr, nullptr, &target);
        QVERIFY(hr);
        HiresModels models;
        models.control = first.get();
        models.hr_control = hr.get();
        txt2img_hires(*t.model, r, models);
        // First pass, 6 Euler steps: counters 0,0,1,2,3,4 of 6; active from 3/6.
        QCOMPARE(pattern(*first), QStringLiteral("000011"));
        for (const auto& c : first->calls()) QCOMPARE(c.total_steps, int64_t(6));
        // Second pass, 4 steps: counters 0,0,1,2 of 4; active from 2/4 only (with the first
        // pass's 6 as total it would never be).
        QCOMPARE(pattern(*hr), QStringLiteral("0001"));
        for (const auto& c : hr->calls()) QCOMPARE(c.total_steps, int64_t(4));
        QVERIFY(hr->units().at(0).hint.sizes() == (at::IntArrayRef{1, 3, 128, 128}));

        // Per option, the pass a unit sits out adds nothing on any call.
        for (ControlHiresOption option : {ControlHiresOption::LowResOnly, ControlHiresOption::HighResOnly}) {
            r.controlnet = {canny(option)};
            std::unique_ptr<ControlSet> hr2;
            target.out = &hr2;
            std::unique_ptr<ControlSet> first2 = build_control_set(r, *t.model, cache, nullptr, nullptr, &target);
            models.control = first2.get();
            models.hr_control = hr2.get();
            txt2img_hires(*t.model, r, models);
            const bool low = option == ControlHiresOption::LowResOnly;
            QCOMPARE(pattern(*first2), low ? QStringLiteral("111111") : QStringLiteral("000000"));
            QCOMPARE(pattern(*hr2), low ? QStringLiteral("0000") : QStringLiteral("1111"));
        }
    }

    // The extension forces the soft weights 0.825^(12−i) on canny (and mlsd) units in the hires
    // pass; other modules and the first pass keep their control mode.
    void cannyIsSoftInTheSecondPass() {
        Tiny& t = tiny();
        c10::InferenceMode guard;
        GenerationRequest r = request();
        ControlUnit inv = canny(ControlHiresOption::Both);
        inv.module = "invert";
        r.controlnet = {canny(ControlHiresOption::Both), inv};
        ControlNetCache cache;
        std::unique_ptr<ControlSet> hr;
        HiresControlTarget target{t.model.get(), 128, 128, &hr};
        std::unique_ptr<ControlSet> first = build_control_set(r, *t.model, cache, nullptr, nullptr, &target);
        QVERIFY(!first->units().at(0).forced_soft && !first->units().at(1).forced_soft);
        QVERIFY(hr->units().at(0).forced_soft);
        QVERIFY(!hr->units().at(1).forced_soft);

        // A forced-soft Balanced unit gives the residuals of "My prompt is more important".
        const PreparedControlUnit& base = hr->units().at(0);
        auto residualsOf = [&](ControlMode mode, bool forced) {
            PreparedControlUnit p = base;
            p.mode = mode;
            p.forced_soft = forced;
            ControlSet set;
            set.add(std::move(p));
            at::manual_seed(5);
            const at::Tensor x = at::randn({2, 4, 16, 16});
            const at::Tensor ctx = at::randn({2, 77, t.model->unet->config().cross_attention_dim});
            return set.residuals(x, at::full({2}, 500.0), ctx, {}, {}, at::ones({2}), 0, 4);
        };
        const UNetResiduals soft = residualsOf(ControlMode::Balanced, true);
        const UNetResiduals prompt = residualsOf(ControlMode::Prompt, false);
        const UNetResiduals plain = residualsOf(ControlMode::Balanced, false);
        QVERIFY(same(soft.mid, prompt.mid));
        for (size_t i = 0; i < soft.down.size(); ++i) QVERIFY(same(soft.down[i], prompt.down[i]));
        QVERIFY(same(soft.mid, plain.mid));  // the mid residual's scale is 0.825^0 = 1
        QVERIFY(!same(soft.down[0], plain.down[0]));
        const double s0 = std::pow(0.825, 12.0);
        QVERIFY((soft.down[0] - plain.down[0] * s0).abs().max().item<double>() <= 1e-6 * (1 + plain.down[0].abs().max().item<double>()));
    }
};

QTEST_GUILESS_MAIN(TestControlNetHires)
#include "tst_controlnet_hires.moc"
