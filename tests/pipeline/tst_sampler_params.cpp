// Every sampler parameter A1111 v1.10.1 takes, applied and written as A1111 does (item 3 of
// issue 14): A1111's rules (sd_samplers_common.Sampler.initialize, KDiffusionSampler.get_sigmas,
// processing.fill_fields_from_opts) checked on the sampler setup, and the effect of each
// parameter checked on the tiny golden SD 1.x model against k-diffusion's formulas.
#include "common/golden.h"

#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/pipelines/sampler_setup.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/schedulers/sigma_schedule.h"
#include "pipeline/tensors/rng.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace latent;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

const DiscreteSchedule& sd() {
    static const DiscreteSchedule s = DiscreteSchedule::stable_diffusion();
    return s;
}

GenerationRequest req(const std::string& sampler, const std::string& schedule = "Automatic") {
    GenerationRequest r;
    r.prompt = "a red fox in the snow";
    r.negative_prompt = "blurry";
    r.sampler = sampler;
    r.schedule = schedule;
    r.seed = 1234;
    r.steps = 4;
    r.width = r.height = 64;
    r.rng = "cpu";
    return r;
}

std::string param(const Params& p, const std::string& key) {
    for (const auto& [k, v] : p)
        if (k == key) return v;
    return "<absent>";
}

struct Run {
    GenerationResult result;
    std::map<std::string, at::Tensor> lat;
};

Engine& engine() {
    static Engine e("cpu");
    static bool loaded = false;
    if (!loaded) {
        e.load_model((latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString());
        loaded = true;
    }
    return e;
}

Run run(const GenerationRequest& r) {
    QTemporaryDir dir;
    Run out;
    out.result = engine().txt2img(r, {}, dir.path().toStdString());
    const auto f = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
    for (const auto& info : f.tensors())
        out.lat[info.name] = f.load(info, info.name == "unet_calls" ? at::kLong : at::kDouble);
    return out;
}

double maxAbs(const at::Tensor& a, const at::Tensor& b) {
    return (a - b).abs().max().item<double>();
}
double scale(const at::Tensor& a) {
    return a.abs().max().item<double>();
}

} // namespace

class TestSamplerParams : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void churnRulesAndInfotext() {
        const double inf = std::numeric_limits<double>::infinity();
        // Request field: used, not written.
        GenerationRequest r = req("Euler");
        r.s_churn = 5;
        SamplerSetup s = setup_sampler(r, false, sd());
        QCOMPARE(s.spec.options.s_churn, 5.0);
        QCOMPARE(s.spec.options.s_tmax, inf);
        QCOMPARE(param(s.infotext, "Sigma churn"), std::string("<absent>"));
        // Setting that differs from the default: wins over the request field, and is written.
        r.settings.s_churn = 2.5;
        r.settings.s_tmin = 0.5;
        r.settings.s_tmax = 10;
        r.settings.s_noise = 1.003;
        s = setup_sampler(r, false, sd());
        QCOMPARE(s.spec.options.s_churn, 2.5);
        QCOMPARE(s.spec.options.s_tmin, 0.5);
        QCOMPARE(s.spec.options.s_tmax, 10.0);
        QCOMPARE(s.spec.options.s_noise, 1.003);
        QCOMPARE(
            s.infotext,
            (Params{{"Sigma churn", "2.5"}, {"Sigma tmin", "0.5"}, {"Sigma tmax", "10.0"}, {"Sigma noise", "1.003"}}));
        // s_tmax 0 means infinity, from the request and from the setting.
        r = req("Heun");
        r.s_tmax = 0;
        QCOMPARE(setup_sampler(r, false, sd()).spec.options.s_tmax, inf);
        r.s_tmax = 3;
        QCOMPARE(setup_sampler(r, false, sd()).spec.options.s_tmax, 3.0);
        // Samplers outside A1111's sampler_extra_params ignore them: Euler a takes no s_noise,
        // DPM++ 2M takes nothing; the SDE samplers take s_noise only.
        for (const char* name : {"Euler a", "DPM++ 2M", "LMS", "DPM adaptive", "DDIM", "UniPC"}) {
            GenerationRequest q = req(name);
            q.settings.s_churn = 3;
            q.settings.s_noise = 0.5;
            q.s_noise = 0.7;
            const SamplerSetup x = setup_sampler(q, false, sd());
            QVERIFY2(x.spec.options.s_noise == 1.0 && x.spec.options.s_churn == 0.0, name);
            QVERIFY2(param(x.infotext, "Sigma noise") == "<absent>", name);
        }
        for (const char* name :
             {"DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun", "DPM++ 3M SDE", "DPM2 a", "DPM++ 2S a", "DPM fast"}) {
            GenerationRequest q = req(name);
            q.settings.s_churn = 3;
            q.s_noise = 0.7;
            SamplerSetup x = setup_sampler(q, false, sd());
            QVERIFY2(x.spec.options.s_noise == 0.7 && x.spec.options.s_churn == 0.0, name);
            q.settings.s_noise = 0.9;
            x = setup_sampler(q, false, sd());
            QVERIFY2(x.spec.options.s_noise == 0.9 && param(x.infotext, "Sigma noise") == "0.9", name);
            QVERIFY2(param(x.infotext, "Sigma churn") == "<absent>", name);
        }
    }

    void etaAndEnsd() {
        GenerationRequest r = req("Euler a");
        QVERIFY(!setup_sampler(r, false, sd()).infotext.size());
        QCOMPARE(*setup_sampler(r, false, sd()).spec.options.eta, 1.0);
        r.settings.eta_ancestral = 0.5;
        SamplerSetup s = setup_sampler(r, false, sd());
        QCOMPARE(*s.spec.options.eta, 0.5);
        QCOMPARE(s.infotext, (Params{{"Eta", "0.5"}}));
        r.eta = 0.25; // the request's eta wins
        QCOMPARE(setup_sampler(r, false, sd()).infotext, (Params{{"Eta", "0.25"}}));
        // Samplers without eta in their signature: no option, no key.
        GenerationRequest e = req("Euler");
        e.settings.eta_ancestral = 0.5;
        QVERIFY(!setup_sampler(e, false, sd()).spec.options.eta);
        QVERIFY(setup_sampler(e, false, sd()).infotext.empty());
        // DDIM: eta_ddim, "Eta DDIM" when not 0.
        GenerationRequest d = req("DDIM");
        d.settings.eta_ddim = 0.3;
        d.settings.eta_ancestral = 0.5;
        s = setup_sampler(d, false, sd());
        QCOMPARE(*s.spec.options.eta, 0.3);
        QCOMPARE(s.infotext, (Params{{"Eta DDIM", "0.3"}}));
        // ENSD only for samplers that use it, with eta != 0.
        GenerationRequest a = req("Euler a");
        a.eta_noise_seed_delta = 31337;
        QVERIFY(setup_sampler(a, false, sd()).uses_ensd);
        a.settings.eta_ancestral = 0;
        QVERIFY(!setup_sampler(a, false, sd()).uses_ensd);
        GenerationRequest b = req("Euler");
        b.eta_noise_seed_delta = 31337;
        QVERIFY(!setup_sampler(b, false, sd()).uses_ensd);
        b.sampler = "DPM fast";
        QVERIFY(setup_sampler(b, false, sd()).uses_ensd);
    }

    void scheduleOverrides() {
        GenerationRequest r = req("DPM++ 2M", "Karras");
        r.settings.sigma_min = 0.1;
        r.settings.sigma_max = 10;
        r.settings.rho = 5;
        r.settings.always_discard_next_to_last_sigma = true;
        SamplerSetup s = setup_sampler(r, false, sd());
        QCOMPARE(s.infotext, (Params{{"Discard penultimate sigma", "True"},
                                     {"Schedule min sigma", "0.1"},
                                     {"Schedule max sigma", "10.0"},
                                     {"Schedule rho", "5.0"}}));
        const SamplingPlan plan = plan_sampling(s.spec, sd(), 4);
        // Karras over [0.1, 10] with rho 5 for 5 steps, then the penultimate sigma discarded.
        std::vector<double> want;
        for (int i = 0; i < 5; ++i) {
            const double a = std::pow(10.0, 1 / 5.0), b = std::pow(0.1, 1 / 5.0);
            want.push_back(std::pow(a + i / 4.0 * (b - a), 5.0));
        }
        want.erase(want.end() - 1);
        want.push_back(0.0);
        QCOMPARE(plan.sigmas.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i)
            QVERIFY(std::fabs(plan.sigmas[i] - want[i]) <= 1e-5 * std::max(1.0, want[i]));
        // A value equal to the model's own (or the schedule's default rho) is not written.
        r.settings = {};
        r.settings.sigma_max = sd().sigma_max();
        r.settings.rho = 7;
        QVERIFY(setup_sampler(r, false, sd()).infotext.empty());
        // Automatic schedule of a sampler without one (Euler): the model's schedule, no keys.
        GenerationRequest e = req("Euler");
        e.settings.sigma_min = 0.1;
        QVERIFY(setup_sampler(e, false, sd()).infotext.empty());
        // DPM2 discards already: no key.
        GenerationRequest d = req("DPM2");
        d.settings.always_discard_next_to_last_sigma = true;
        QVERIFY(setup_sampler(d, false, sd()).infotext.empty());
        // Beta writes its alpha and beta; the SGM noise multiplier only for txt2img.
        GenerationRequest b = req("Euler", "Beta");
        b.settings.beta_dist_alpha = 0.5;
        b.settings.sgm_noise_multiplier = true;
        QCOMPARE(
            setup_sampler(b, false, sd()).infotext,
            (Params{{"Beta schedule alpha", "0.5"}, {"Beta schedule beta", "0.6"}, {"SGM noise multiplier", "True"}}));
        QVERIFY(!setup_sampler(b, false, sd(), /*img2img=*/true).sgm_noise_multiplier);
        // Old Karras sigmas: [0.1, 10].
        GenerationRequest k = req("Euler", "Karras");
        k.settings.use_old_karras_scheduler_sigmas = true;
        const SamplingPlan kp = plan_sampling(setup_sampler(k, false, sd()).spec, sd(), 4);
        QVERIFY(std::fabs(kp.sigmas.front() - 10.0) < 1e-5);
        QVERIFY(std::fabs(kp.sigmas[3] - 0.1) < 1e-6);
        // UniPC options reach the sampler.
        GenerationRequest u = req("UniPC");
        u.settings.uni_pc_variant = "bh2";
        u.settings.uni_pc_order = 2;
        u.settings.uni_pc_lower_order_final = false;
        u.settings.uni_pc_skip_type = "logSNR";
        const SamplerSetup us = setup_sampler(u, false, sd());
        QCOMPARE(us.spec.options.uni_pc_variant, std::string("bh2"));
        QCOMPARE(us.spec.options.uni_pc_order, 2);
        QCOMPARE(us.spec.options.uni_pc_lower_order_final, false);
        QCOMPARE(us.spec.options.uni_pc_skip_type, std::string("logSNR"));
    }

    void alignYourStepsPerFamily() {
        // A1111 get_align_your_steps_sigmas: the SDXL table for SDXL models, the SD 1.5 table for
        // every other model; log-linear interpolation (numpy.interp) for other step counts.
        // Expected: numpy + torch.FloatTensor, 4 steps.
        const std::vector<double> xl = {14.6149998, 1.85504568, 0.431141734, 0.0289999992, 0};
        const std::vector<double> sd15 = {14.6149998, 2.39387345, 0.742518306, 0.0289999992, 0};
        for (const bool sdxl : {true, false}) {
            const GenerationRequest r = req("Euler", "Align Your Steps");
            const SamplingPlan plan = plan_sampling(setup_sampler(r, sdxl, sd()).spec, sd(), 4);
            const auto& want = sdxl ? xl : sd15;
            QCOMPARE(plan.sigmas.size(), want.size());
            for (size_t i = 0; i < want.size(); ++i)
                QVERIFY2(std::fabs(plan.sigmas[i] - want[i]) <= 1e-6 * std::max(1.0, want[i]),
                         qPrintable(QStringLiteral("%1 %2").arg(sdxl).arg(i)));
        }
        // Through the engine on the tiny SDXL model: the model calls run at the SDXL table.
        LATENT_REQUIRE_GOLDEN();
        Engine xlEngine("cpu");
        xlEngine.load_model((latent::test::goldenDir() + QStringLiteral("/tiny-sdxl.safetensors")).toStdString());
        QTemporaryDir dir;
        xlEngine.txt2img(req("Euler", "Align Your Steps"), {}, dir.path().toStdString());
        const auto f = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
        const at::Tensor calls = f.load("denoiser_call_sigmas", at::kDouble);
        QCOMPARE(calls.size(0), int64_t(4));
        for (int i = 0; i < 4; ++i) QVERIFY(std::fabs(calls[i].item<double>() - xl[i]) <= 1e-6 * std::max(1.0, xl[i]));
        // Every other schedule is computed from the model's own sigma table, which SDXL shares
        // with SD 1.x: the same model-call sigmas on both tiny models.
        for (const char* schedule : {"Uniform", "Karras", "Exponential", "Polyexponential", "SGM Uniform", "KL Optimal",
                                     "Simple", "Normal", "DDIM", "Beta"}) {
            std::vector<at::Tensor> both;
            for (Engine* e : {&xlEngine, &engine()}) {
                QTemporaryDir d;
                GenerationRequest q = req("Euler", schedule);
                q.steps = 3;
                e->txt2img(q, {}, d.path().toStdString());
                both.push_back(SafetensorsFile::open(d.filePath(QStringLiteral("latents.safetensors")).toStdString())
                                   .load("denoiser_call_sigmas", at::kDouble));
            }
            QVERIFY2(at::allclose(both[0], both[1], 1e-7, 0), schedule);
        }
    }

    void churnFollowsKDiffusion() {
        // Euler with s_churn: gamma = min(s_churn / n, sqrt 2 − 1) where s_tmin <= sigma <= s_tmax,
        // sigma_hat = sigma (1 + gamma), x += eps · sqrt(sigma_hat² − sigma²) with eps the step's
        // draw from the image's generator; then an Euler step from sigma_hat.
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = req("Euler");
        r.settings.s_churn = 1.0; // gamma = 0.25 with 4 steps
        r.settings.s_tmax = 5.0;  // no churn above sigma 5
        const Run c = run(r);
        QCOMPARE(param(c.result.extra_params, "Sigma churn"), std::string("1.0"));
        QCOMPARE(param(c.result.extra_params, "Sigma tmax"), std::string("5.0"));
        const std::vector<double> sig = sd().get_sigmas(4);
        const at::Tensor calls = c.lat.at("denoiser_call_sigmas");
        const at::Tensor xs = c.lat.at("steps.x"), ds = c.lat.at("steps.denoised"), draws = c.lat.at("rng_draws");
        at::Tensor x = c.lat.at("x_start");
        for (int i = 0; i < 4; ++i) {
            const double gamma = sig[i] <= 5.0 ? 0.25 : 0.0;
            const double hat = static_cast<float>(sig[i]) * (1 + gamma);
            QVERIFY2(std::fabs(calls[i].item<double>() - hat) < 1e-4 * hat, qPrintable(QString::number(i)));
            if (gamma > 0) x = x + draws[i + 1] * std::sqrt(hat * hat - sig[i] * sig[i]);
            QVERIFY2(maxAbs(x, xs[i]) <= 1e-4 * scale(xs[i]), qPrintable(QStringLiteral("steps.x[%1]").arg(i)));
            x = xs[i] + (xs[i] - ds[i]) / hat * (sig[i + 1] - hat);
        }
        QVERIFY(maxAbs(x, c.lat.at("samples")) <= 1e-4 * scale(x));
        // The request field gives the same image but no infotext key.
        GenerationRequest q = req("Euler");
        q.s_churn = 1.0;
        q.s_tmax = 5.0;
        const Run d = run(q);
        QCOMPARE(param(d.result.extra_params, "Sigma churn"), std::string("<absent>"));
        QVERIFY(at::equal(d.lat.at("samples"), c.lat.at("samples")));
    }

    void etaZeroEulerAncestralIsEuler() {
        // Euler a with eta 0: sigma_up = 0, sigma_down = sigma_next: plain Euler steps.
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest a = req("Euler a");
        a.settings.eta_ancestral = 0;
        const Run ra = run(a);
        QCOMPARE(param(ra.result.extra_params, "Eta"), std::string("0.0"));
        const Run re = run(req("Euler"));
        QVERIFY(maxAbs(ra.lat.at("samples"), re.lat.at("samples")) <= 1e-4 * scale(re.lat.at("samples")));
        const Run ref = run(req("Euler a"));
        QVERIFY(maxAbs(ref.lat.at("samples"), re.lat.at("samples")) > 1e-2 * scale(re.lat.at("samples")));
    }

    void sNoiseScalesSdeNoise() {
        // DPM++ 2M SDE's first step is linear in s_noise: x1(0.5) = (x1(0) + x1(1)) / 2.
        LATENT_REQUIRE_GOLDEN();
        std::vector<at::Tensor> x1;
        for (double sn : {0.0, 1.0, 0.5}) {
            GenerationRequest r = req("DPM++ 2M SDE", "Karras");
            r.settings.s_noise = sn;
            const Run out = run(r);
            x1.push_back(out.lat.at("steps.x")[1]);
            if (sn != 1.0)
                QCOMPARE(param(out.result.extra_params, "Sigma noise"),
                         sn == 0.0 ? std::string("0.0") : std::string("0.5"));
        }
        QVERIFY(maxAbs(x1[0], x1[1]) > 1e-2);
        QVERIFY(maxAbs(x1[2], (x1[0] + x1[1]) / 2) <= 1e-5 * scale(x1[1]));
    }

    void sgmNoiseMultiplierAndDiscard() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = req("Euler");
        r.settings.sgm_noise_multiplier = true;
        r.settings.always_discard_next_to_last_sigma = true;
        const Run out = run(r);
        const float s0 = static_cast<float>(sd().sigma_max());
        QVERIFY(maxAbs(out.lat.at("x_start"), out.lat.at("noise") * std::sqrt(1.0f + s0 * s0)) < 1e-4);
        // get_sigmas(5) = [s0 .. s4, 0] without its penultimate entry (s4): model calls at s0 .. s3.
        const std::vector<double> s5 = sd().get_sigmas(5);
        const at::Tensor calls = out.lat.at("denoiser_call_sigmas");
        QCOMPARE(calls.size(0), int64_t(4));
        for (int k : {0, 1, 2, 3}) QVERIFY(std::fabs(calls[k].item<double>() - s5[k]) < 1e-5 * s5[k]);
        QCOMPARE(out.result.extra_params,
                 (Params{{"Discard penultimate sigma", "True"}, {"SGM noise multiplier", "True"}}));
    }

    void ensdWrittenOnlyWhenUsed() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = req("Euler a");
        r.eta_noise_seed_delta = 31337;
        const Run a = run(r);
        QVERIFY(a.result.uses_ensd);
        // The ancestral draws come from generators reseeded with seed + ENSD after the first draw.
        CpuNoiseGenerator g(1234 + 31337);
        QVERIFY(maxAbs(a.lat.at("rng_draws")[1][0], g.randn({4, 8, 8}).to(at::kDouble)) < 1e-6);
        r.sampler = "Euler";
        QVERIFY(!run(r).result.uses_ensd);
    }
};

QTEST_GUILESS_MAIN(TestSamplerParams)
#include "tst_sampler_params.moc"
