// Hires fix (pipeline/pipelines/hires_fix.cpp) against expectations derived independently from
// A1111 v1.10.1's rules and PyTorch's interpolation formulas:
//   * calculate_target_resolution: hr_scale vs hr_resize_x/y rounding, aspect and truncation,
//   * every latent upscale mode (torch interpolate, antialias included) against formula
//     re-implementations in double precision,
//   * full runs with the tiny golden SD1 model for every latent mode: the second pass starts from
//     hr.x_start = upscaled first-pass latent + noise·σ where the noise is a fresh CPU generator's
//     first draw for the image's seed and σ is the fixed-steps slice of the schedule (computed
//     here from the training betas), progress spans both passes,
//   * an image-space run with Lanczos, an hr_resize run with truncation, strength 0, SDXL size
//     conditioning, the infotext keys, and refusals before any work.
#include "common/golden.h"

#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/imaging/resample.h"
#include "pipeline/pipelines/hires_fix.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace latent;

namespace {

// ---- PyTorch interpolate, written out (double precision, NCHW, one plane at a time) ------------

using Plane = std::vector<double>;

double cubic1(double x, double a) {
    return ((a + 2) * x - (a + 3)) * x * x + 1;
}
double cubic2(double x, double a) {
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
}

// Weights and source indices along one axis for `mode`.
struct AxisTaps {
    std::vector<std::vector<std::pair<int64_t, double>>> taps; // per output index
};

AxisTaps axisTaps(int64_t in, int64_t out, const std::string& mode, bool aa) {
    AxisTaps t;
    t.taps.resize(static_cast<size_t>(out));
    const float scale_f = static_cast<float>(in) / static_cast<float>(out);
    const double scale = static_cast<double>(in) / static_cast<double>(out);
    for (int64_t i = 0; i < out; ++i) {
        auto& v = t.taps[static_cast<size_t>(i)];
        if (mode == "nearest") {
            v.push_back({std::min<int64_t>(static_cast<int64_t>(std::floor(float(i) * scale_f)), in - 1), 1.0});
        } else if (mode == "nearest-exact") {
            v.push_back(
                {std::min<int64_t>(static_cast<int64_t>(std::floor((float(i) + 0.5f) * scale_f)), in - 1), 1.0});
        } else if (aa) {
            const double interp = mode == "bilinear" ? 2.0 : 4.0;
            const double support = scale >= 1.0 ? interp * 0.5 * scale : interp * 0.5;
            const double center = scale * (i + 0.5);
            const double invscale = scale >= 1.0 ? 1.0 / scale : 1.0;
            const int64_t xmin = std::max<int64_t>(static_cast<int64_t>(center - support + 0.5), 0);
            const int64_t xmax = std::min<int64_t>(static_cast<int64_t>(center + support + 0.5), in);
            double total = 0;
            for (int64_t j = xmin; j < xmax; ++j) {
                const double x = std::fabs((j - center + 0.5) * invscale);
                double w = 0;
                if (mode == "bilinear")
                    w = x < 1 ? 1 - x : 0;
                else
                    w = x < 1 ? cubic1(x, -0.5) : x < 2 ? cubic2(x, -0.5) : 0;
                v.push_back({j, w});
                total += w;
            }
            for (auto& [j, w] : v) w /= total;
        } else if (mode == "bilinear") {
            double src = scale * (i + 0.5) - 0.5;
            if (src < 0) src = 0;
            const int64_t i0 = static_cast<int64_t>(std::floor(src));
            const int64_t i1 = i0 < in - 1 ? i0 + 1 : i0;
            const double l = src - i0;
            v.push_back({i0, 1 - l});
            v.push_back({i1, l});
        } else { // bicubic, A = -0.75, clamped taps
            const double src = scale * (i + 0.5) - 0.5;
            const int64_t i0 = static_cast<int64_t>(std::floor(src));
            const double x = src - i0;
            const double c[4] = {cubic2(x + 1, -0.75), cubic1(x, -0.75), cubic1(1 - x, -0.75), cubic2(2 - x, -0.75)};
            for (int k = 0; k < 4; ++k) v.push_back({std::clamp<int64_t>(i0 - 1 + k, 0, in - 1), c[k]});
        }
    }
    return t;
}

at::Tensor referenceInterpolate(const at::Tensor& x, int64_t oh, int64_t ow, const std::string& mode, bool aa) {
    const at::Tensor xd = x.to(at::kDouble).contiguous();
    const int64_t N = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
    const AxisTaps ty = axisTaps(H, oh, mode, aa), tx = axisTaps(W, ow, mode, aa);
    at::Tensor out = at::zeros({N, C, oh, ow}, at::kDouble);
    auto in = xd.accessor<double, 4>();
    auto o = out.accessor<double, 4>();
    for (int64_t n = 0; n < N; ++n)
        for (int64_t c = 0; c < C; ++c)
            for (int64_t y = 0; y < oh; ++y)
                for (int64_t xx = 0; xx < ow; ++xx) {
                    double acc = 0;
                    for (const auto& [sy, wy] : ty.taps[size_t(y)])
                        for (const auto& [sx, wx] : tx.taps[size_t(xx)]) acc += wy * wx * in[n][c][sy][sx];
                    o[n][c][y][xx] = acc;
                }
    return out;
}

// ---- k-diffusion's uniform schedule from the training betas (FACTS.md) ---------------------------

std::vector<double> uniformSigmas(int64_t n) {
    std::vector<float> log_sigmas(1000);
    double ac = 1.0;
    const double b0 = std::sqrt(0.00085), b1 = std::sqrt(0.012);
    for (int i = 0; i < 1000; ++i) {
        const double beta = std::pow(b0 + (b1 - b0) * i / 999.0, 2);
        ac *= 1.0 - beta;
        const float acf = static_cast<float>(ac);
        log_sigmas[size_t(i)] = std::log(std::sqrt((1.0f - acf) / acf));
    }
    std::vector<double> out;
    for (int64_t k = 0; k < n; ++k) {
        const double t = n == 1 ? 999.0 : 999.0 - 999.0 * double(k) / double(n - 1);
        const int64_t lo = static_cast<int64_t>(std::floor(t)), hi = static_cast<int64_t>(std::ceil(t));
        const double w = t - lo;
        out.push_back(std::exp((1 - w) * log_sigmas[size_t(lo)] + w * log_sigmas[size_t(hi)]));
    }
    out.push_back(0.0);
    return out;
}

at::Tensor cpuNoise(uint64_t seed, at::IntArrayRef shape) {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    return at::randn(shape, gen);
}

void compareLatent(const char* name, const at::Tensor& got, const at::Tensor& ref) {
    QVERIFY2(got.defined(), name);
    QVERIFY2(got.sizes().equals(ref.sizes()), qPrintable(QStringLiteral("%1: shape").arg(name)));
    const at::Tensor d = got.to(at::kDouble) - ref.to(at::kDouble);
    const double rel = d.norm().item<double>() / std::max(ref.to(at::kDouble).norm().item<double>(), 1e-30);
    const double maxAbs = d.abs().max().item<double>(), maxRef = ref.abs().max().item<double>();
    QVERIFY2(rel <= 1e-4, qPrintable(QStringLiteral("%1: rel L2 %2").arg(name).arg(rel)));
    QVERIFY2(maxAbs <= 1e-3 * maxRef,
             qPrintable(QStringLiteral("%1: max abs %2 (max ref %3)").arg(name).arg(maxAbs).arg(maxRef)));
}

std::map<std::string, at::Tensor> readLatents(const QString& dir) {
    std::map<std::string, at::Tensor> out;
    const SafetensorsFile f = SafetensorsFile::open((dir + "/latents.safetensors").toStdString());
    for (const auto& t : f.tensors()) out[t.name] = f.load(t, at::kFloat);
    return out;
}

GenerationRequest baseRequest() {
    GenerationRequest r;
    r.prompt = "a photo of an astronaut riding a horse on mars";
    r.negative_prompt = "blurry, low quality";
    r.seed = 42;
    r.steps = 3;
    r.cfg_scale = 7.0;
    r.width = 64;
    r.height = 64;
    r.sampler = "Euler";
    r.rng = "cpu";
    r.hires.enable = true;
    r.hires.scale = 2.0;
    r.hires.second_pass_steps = 3;
    r.denoising_strength = 0.5;
    return r;
}

QString modelPath(const char* file = "tiny-sd1.safetensors") {
    return latent::test::goldenDir() + "/" + file;
}

} // namespace

class TestHiresFix : public QObject {
    Q_OBJECT

private slots:
    void targetResolution_data() {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::addColumn<double>("scale");
        QTest::addColumn<int>("rx");
        QTest::addColumn<int>("ry");
        QTest::addColumn<int>("toX");
        QTest::addColumn<int>("toY");
        QTest::addColumn<int>("truncX");
        QTest::addColumn<int>("truncY");
        QTest::addColumn<int>("finalW");
        QTest::addColumn<int>("finalH");
        // hr_scale: int(size·scale); the latent is size // 8.
        QTest::newRow("scale 2") << 512 << 512 << 2.0 << 0 << 0 << 1024 << 1024 << 0 << 0 << 1024 << 1024;
        QTest::newRow("scale 1.3") << 512 << 768 << 1.3 << 0 << 0 << 665 << 998 << 0 << 0 << 664 << 992;
        // One side given: the other keeps the aspect (integer division).
        QTest::newRow("width only") << 512 << 768 << 2.0 << 1000 << 0 << 1000 << 1500 << 0 << 0 << 1000 << 1496;
        QTest::newRow("height only") << 768 << 512 << 2.0 << 0 << 1000 << 1500 << 1000 << 0 << 0 << 1496 << 1000;
        // Both: cover the box, then truncate the overhang (in latent pixels).
        QTest::newRow("wider box") << 512 << 512 << 2.0 << 1024 << 768 << 1024 << 1024 << 0 << 32 << 1024 << 768;
        QTest::newRow("taller box") << 512 << 768 << 2.0 << 1000 << 1000 << 1000 << 1500 << 0 << 62 << 1000 << 1000;
        QTest::newRow("same aspect") << 512 << 768 << 2.0 << 1024 << 1536 << 1024 << 1536 << 0 << 0 << 1024 << 1536;
    }
    void targetResolution() {
        QFETCH(int, w);
        QFETCH(int, h);
        QFETCH(double, scale);
        QFETCH(int, rx);
        QFETCH(int, ry);
        GenerationRequest r;
        r.width = w;
        r.height = h;
        r.hires.enable = true;
        r.hires.scale = scale;
        r.hires.resize_x = rx;
        r.hires.resize_y = ry;
        const HiresTarget t = hires_target(r);
        QTEST(int(t.upscale_to_x), "toX");
        QTEST(int(t.upscale_to_y), "toY");
        QTEST(int(t.truncate_x), "truncX");
        QTEST(int(t.truncate_y), "truncY");
        QTEST(int(t.width), "finalW");
        QTEST(int(t.height), "finalH");
    }

    void fixedStepsSlicing() {
        // setup_img2img_steps with steps given: int(steps / min(strength, .999)), t_enc = steps - 1.
        QCOMPARE(img2img_fixed_steps(10, 0.7), std::make_pair(int64_t(14), int64_t(9)));
        QCOMPARE(img2img_fixed_steps(10, 0.5), std::make_pair(int64_t(20), int64_t(9)));
        QCOMPARE(img2img_fixed_steps(20, 1.0), std::make_pair(int64_t(20), int64_t(19)));
        QCOMPARE(img2img_fixed_steps(3, 0.3), std::make_pair(int64_t(10), int64_t(2)));
        const DiscreteSchedule sched = DiscreteSchedule::stable_diffusion();
        for (const char* sampler : {"Euler", "DPM++ 2M", "DPM2", "Heun", "DPM++ 3M SDE"}) {
            SamplerSpec spec;
            spec.sampler = sampler;
            const SamplingPlan p = plan_img2img_fixed_steps(spec, sched, 7, 0.45);
            QCOMPARE(int64_t(p.run_sigmas.size()), int64_t(8)); // exactly the requested steps run
            QCOMPARE(p.steps, int64_t(15));
        }
        // Euler: σ_start = sigmas(6)[6 - 2 - 1] = uniform t = 999·(1 − 3/5).
        SamplerSpec euler;
        const SamplingPlan p = plan_img2img_fixed_steps(euler, sched, 3, 0.5);
        QVERIFY(std::fabs(p.run_sigmas.front() - uniformSigmas(6)[3]) < 1e-5 * uniformSigmas(6)[3]);
    }

    void latentModesMatchTorchFormulas_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("oh");
        QTest::addColumn<int>("ow");
        for (const auto& m : latent_upscale_modes()) {
            QTest::addRow("%s x2", m.name.c_str()) << QString::fromStdString(m.name) << 16 << 22;
            QTest::addRow("%s x1.5", m.name.c_str()) << QString::fromStdString(m.name) << 12 << 17;
        }
    }
    void latentModesMatchTorchFormulas() {
        QFETCH(QString, name);
        QFETCH(int, oh);
        QFETCH(int, ow);
        const LatentUpscaleMode* m = find_latent_upscale_mode(name.toStdString());
        QVERIFY(m);
        at::manual_seed(3);
        const at::Tensor x = at::randn({2, 4, 8, 11});
        const at::Tensor got = latent_upscale(x, oh, ow, *m);
        const at::Tensor ref = referenceInterpolate(x, oh, ow, m->mode, m->antialias);
        const double err = (got.to(at::kDouble) - ref).abs().max().item<double>();
        QVERIFY2(err < 1e-5, qPrintable(QString("%1: max error %2").arg(name).arg(err)));
    }

    // A hires txt2img with the tiny golden model for every latent mode: the upscaled latent, the
    // second pass's start and its noise, against expectations built here.
    void everyLatentModeEndToEnd_data() {
        QTest::addColumn<QString>("mode");
        for (const auto& m : latent_upscale_modes()) QTest::newRow(m.name.c_str()) << QString::fromStdString(m.name);
        QTest::newRow("not given (A1111: Latent)") << QString();
    }
    void everyLatentModeEndToEnd() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, mode);
        Engine engine;
        engine.load_model(modelPath().toStdString());
        GenerationRequest r = baseRequest();
        r.batch_size = 2;
        r.hires.upscaler = mode.toStdString();
        QTemporaryDir dir;
        std::vector<GenerationProgress> progress;
        GenerationCallbacks cb;
        cb.preview_every = 1;
        cb.on_progress = [&](const GenerationProgress& p) { progress.push_back(p); };
        const GenerationResult res = engine.txt2img(r, cb, dir.path().toStdString());
        QCOMPARE(int(res.images.size()), 2);
        QCOMPARE(res.images[0].width, int64_t(128));
        QCOMPARE(res.images[1].seed, int64_t(43));
        const auto L = readLatents(dir.path());

        // Upscaled latent = interpolate(first-pass samples) with the mode's filter.
        const LatentUpscaleMode& m =
            mode.isEmpty() ? latent_upscale_modes().front() : *find_latent_upscale_mode(mode.toStdString());
        const at::Tensor expectedInit = referenceInterpolate(L.at("samples"), 16, 16, m.mode, m.antialias);
        compareLatent("hr.init_latent", L.at("hr.init_latent"), expectedInit);
        // x_start = init + noise·σ_start, noise = a fresh generator per image (seeds 42, 43).
        const double sigma = uniformSigmas(6)[3]; // 3 steps at strength 0.5: schedule of 6, from index 3
        const at::Tensor noise = at::stack({cpuNoise(42, {4, 16, 16}), cpuNoise(43, {4, 16, 16})});
        compareLatent("hr.noise", L.at("hr.noise"), noise);
        compareLatent("hr.x_start", L.at("hr.x_start"), expectedInit + noise * sigma);
        QCOMPARE(L.at("hr.samples").size(2), int64_t(16));
        QCOMPARE(L.at("hr.steps.x").size(0), int64_t(3));
        // The first pass is the plain 64² txt2img.
        QCOMPARE(L.at("samples").size(2), int64_t(8));
        compareLatent("noise", L.at("noise"), at::stack({cpuNoise(42, {4, 8, 8}), cpuNoise(43, {4, 8, 8})}));

        // Progress: both passes in one run, with previews in the second.
        QCOMPARE(int(progress.size()), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(progress[size_t(i)].step, int64_t(i + 1));
            QCOMPARE(progress[size_t(i)].total, int64_t(6));
        }
        QVERIFY(progress.back().preview.has_value());
        QCOMPARE(progress.back().preview->width, int64_t(16));
    }

    // Image-space path: decode → 8-bit → Lanczos → encode (posterior mean).
    void imageSpaceLanczos() {
        LATENT_REQUIRE_GOLDEN();
        Engine engine;
        engine.load_model(modelPath().toStdString());
        GenerationRequest r = baseRequest();
        r.hires.upscaler = "Lanczos";
        QTemporaryDir dir;
        const GenerationResult res = engine.txt2img(r, {}, dir.path().toStdString());
        QCOMPARE(res.images[0].width, int64_t(128));
        const auto L = readLatents(dir.path());

        // The same with the pieces by hand: a strength-0 run decodes the upscaled latent as it is,
        // so a plain txt2img + Lanczos + encode must give the recorded hr.init_latent.
        GenerationRequest plain = r;
        plain.hires = HiresOptions{};
        QTemporaryDir pdir;
        const GenerationResult low = engine.txt2img(plain, {}, pdir.path().toStdString());
        ImageU8 img(64, 64, 3);
        img.data = low.images[0].rgb;
        const ImageU8 big = pillow_resize(img, 128, 128, ResampleFilter::Lanczos);
        GenerationRequest enc;
        enc.width = 128;
        enc.height = 128;
        enc.steps = 1;
        enc.seed = 1;
        enc.denoising_strength = 0.0;
        enc.sampler = "Euler";
        enc.rng = "cpu";
        InitImages init;
        init.init = big;
        QTemporaryDir edir;
        engine.img2img(enc, init, {}, edir.path().toStdString());
        const auto E = readLatents(edir.path());
        compareLatent("hr.init_latent (image space)", L.at("hr.init_latent"), E.at("init_latent"));
        compareLatent("hr.x_start (image space)", L.at("hr.x_start"),
                      E.at("init_latent") + cpuNoise(42, {4, 16, 16}).unsqueeze(0) * uniformSigmas(6)[3]);
    }

    void resizeWithTruncation() {
        LATENT_REQUIRE_GOLDEN();
        Engine engine;
        engine.load_model(modelPath().toStdString());
        GenerationRequest r = baseRequest();
        r.width = 64;
        r.height = 96;
        r.hires.resize_x = 128;
        r.hires.resize_y = 128; // cover: 128x192, truncate 8 latent rows (4 top, 4 bottom)
        r.hires.upscaler = "Latent (nearest)";
        QTemporaryDir dir;
        const GenerationResult res = engine.txt2img(r, {}, dir.path().toStdString());
        QCOMPARE(res.images[0].width, int64_t(128));
        QCOMPARE(res.images[0].height, int64_t(128));
        const auto L = readLatents(dir.path());
        const at::Tensor up = referenceInterpolate(L.at("samples"), 24, 16, "nearest", false);
        compareLatent("hr.init_latent (truncated)", L.at("hr.init_latent"), up.slice(2, 4, 20));
        const auto params = res.extra_params;
        QVERIFY(std::find(params.begin(), params.end(),
                          std::make_pair(std::string("Hires resize"), std::string("128x128"))) != params.end());
    }

    void strengthZeroDecodesTheUpscaledLatent() {
        LATENT_REQUIRE_GOLDEN();
        Engine engine;
        engine.load_model(modelPath().toStdString());
        GenerationRequest r = baseRequest();
        r.denoising_strength = 0.0;
        QTemporaryDir dir;
        const GenerationResult res = engine.txt2img(r, {}, dir.path().toStdString());
        QCOMPARE(res.images[0].width, int64_t(128));
        const auto L = readLatents(dir.path());
        QVERIFY(!L.count("hr.x_start"));
        QVERIFY(L.count("hr.init_latent"));
    }

    void sdxlSizeConditioningUsesTheHiresSize() {
        LATENT_REQUIRE_GOLDEN();
        Engine engine;
        engine.load_model(modelPath("tiny-sdxl.safetensors").toStdString());
        GenerationRequest r = baseRequest();
        r.hires.scale = 1.5; // 96x96
        r.hires.second_pass_steps = 1;
        QTemporaryDir dir;
        const GenerationResult res = engine.txt2img(r, {}, dir.path().toStdString());
        QCOMPARE(res.images[0].width, int64_t(96));
        const SafetensorsFile c = SafetensorsFile::open((dir.path() + "/cond.safetensors").toStdString());
        const at::Tensor ids = c.load("hr.cond.time_ids", at::kFloat);
        QVERIFY(at::equal(ids[0], at::tensor({96.f, 96.f, 0.f, 0.f, 96.f, 96.f})));
        QVERIFY(at::equal(c.load("cond.time_ids", at::kFloat)[0], at::tensor({64.f, 64.f, 0.f, 0.f, 64.f, 64.f})));
    }

    // A1111's extra_generation_params for the hires pass, in A1111's order.
    void infotextParams() {
        const DiscreteSchedule sched = DiscreteSchedule::stable_diffusion();
        GenerationRequest r = baseRequest();
        r.hires.upscaler = "Latent (bicubic)";
        r.hires.sampler = "DPM++ 2M"; // its automatic schedule is Karras; Euler's first pass has none
        r.hires.prompt = "a horse";
        r.hires.cfg_scale = 5.0;
        using P = std::vector<std::pair<std::string, std::string>>;
        QCOMPARE(hires_infotext_params(r, sched), (P{{"Hires sampler", "DPM++ 2M"},
                                                     {"Hires prompt", "a horse"},
                                                     {"Hires CFG Scale", "5.0"},
                                                     {"Hires schedule type", "Karras"},
                                                     {"Hires upscale", "2.0"},
                                                     {"Hires steps", "3"},
                                                     {"Hires upscaler", "Latent (bicubic)"}}));
        // Same sampler, same schedule, steps 0 (= first pass), no upscaler given, resize.
        GenerationRequest s = baseRequest();
        s.sampler = "DPM++ 2M";
        s.schedule = "Karras";
        s.hires.second_pass_steps = 0;
        s.hires.resize_x = 1024;
        s.hires.sampler = "DPM++ 2M";
        s.hires.prompt = s.prompt;
        QCOMPARE(hires_infotext_params(s, sched), (P{{"Hires resize", "1024x0"}}));
        s.hires.schedule = "Exponential";
        QCOMPARE(hires_infotext_params(s, sched),
                 (P{{"Hires schedule type", "Exponential"}, {"Hires resize", "1024x0"}}));
        s.hires.scale = 1.25;
        s.hires.resize_x = 0;
        s.hires.schedule = "Use same scheduler";
        s.hires.sampler = "Use same sampler";
        QCOMPARE(hires_infotext_params(s, sched), (P{{"Hires upscale", "1.25"}}));
    }

    void refusedBeforeAnyWork() {
        auto expect = [](GenerationRequest r, const char* code) {
            try {
                Engine::check_request(r);
            } catch (const PipelineError& e) {
                QCOMPARE(QString::fromStdString(e.code()), QString(code));
                return;
            }
            QFAIL("accepted");
        };
        GenerationRequest r = baseRequest();
        r.width = 1024;
        r.height = 1024;
        r.hires.scale = 9.0; // 9216 > 8192
        expect(r, "bad_request");
        r = baseRequest();
        r.hires.resize_x = 9000;
        expect(r, "bad_request");
        r = baseRequest();
        r.hires.second_pass_steps = 1001;
        expect(r, "bad_request");
        r = baseRequest();
        r.hires.upscaler = "4x-NotInstalled";
        expect(r, "unknown_upscaler");
        r = baseRequest();
        r.hires.sampler = "No Such Sampler";
        expect(r, "unknown_sampler");
        r = baseRequest();
        r.denoising_strength = 1.5;
        expect(r, "bad_request");
        // Without hires the same fields are ignored.
        r = baseRequest();
        r.hires.enable = false;
        r.hires.scale = 100;
        Engine::check_request(r);
    }
};

QTEST_GUILESS_MAIN(TestHiresFix)
#include "tst_hires_fix.moc"
