// A1111's img2img step slicing for every sampler (issue 5 item 4): t_enc =
// int(min(strength, 0.999)·steps); k-diffusion samplers (and LCM) walk sigmas[steps − t_enc − 1:]
// of the full schedule (after DPM2's discarded penultimate sigma) starting from
// init + noise·σ_start; DDIM / PLMS / UniPC walk timesteps[:t_enc] starting from
// init·√ᾱ + noise·√(1−ᾱ) at timesteps[t_enc]; DPM fast / adaptive get n = len − 1 and the
// sliced σ range. Each sampler is then run and its first model call must be at σ_start.
#include "pipeline/core/error.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/tensors/rng.h"

#include <ATen/ATen.h>

#include <QTest>

#include <cmath>

using namespace latent;

namespace {
const DiscreteSchedule& sd() {
    static DiscreteSchedule s = DiscreteSchedule::stable_diffusion();
    return s;
}
} // namespace

class TestImg2ImgSlicing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everySampler_data() {
        QTest::addColumn<QString>("sampler");
        QTest::addColumn<int>("steps");
        QTest::addColumn<double>("strength");
        const std::vector<std::pair<int, double>> cases = {{10, 0.75}, {20, 0.3}, {7, 1.0}, {15, 0.55}, {10, 0.0}};
        for (const std::string& name : sampler_names())
            for (const auto& [steps, strength] : cases)
                QTest::newRow(qPrintable(
                    QStringLiteral("%1 %2 steps s=%3").arg(QString::fromStdString(name)).arg(steps).arg(strength)))
                    << QString::fromStdString(name) << steps << strength;
    }

    void everySampler() {
        QFETCH(QString, sampler);
        QFETCH(int, steps);
        QFETCH(double, strength);
        SamplerSpec spec;
        spec.sampler = sampler.toStdString();
        const SamplingPlan full = plan_sampling(spec, sd(), steps);
        const SamplingPlan plan = plan_sampling(spec, sd(), steps, strength);
        const int64_t t_enc = static_cast<int64_t>(std::min(strength, 0.999) * steps);
        QVERIFY(plan.t_enc.has_value());
        QCOMPARE(*plan.t_enc, t_enc);

        at::manual_seed(5);
        const at::Tensor init = at::randn({1, 4, 8, 8});
        BatchNoiseOptions no;
        no.source = "cpu";
        no.seeds = {42};
        BatchNoise noise(no, {4, 8, 8});
        const at::Tensor n0 = noise.next();
        const at::Tensor x = initial_latent(plan, n0, sd(), init);

        double start_sigma = 0;
        if (plan.sampler->kind == SamplerKind::Timesteps) {
            const std::vector<int64_t> expected(full.timesteps.begin(), full.timesteps.begin() + t_enc);
            QCOMPARE(plan.timesteps, full.timesteps);
            QCOMPARE(plan.run_timesteps, expected);
            const double a = sd().alphas_cumprod()[full.timesteps[std::min<int64_t>(t_enc, full.timesteps.size() - 1)]]
                                 .item<double>();
            const at::Tensor ref = init * std::sqrt(a) + n0 * std::sqrt(1.0 - a);
            QVERIFY((x - ref).abs().max().item<double>() < 1e-5);
            if (plan.run_timesteps.empty()) return; // strength 0: nothing to sample
        } else {
            QCOMPARE(plan.sigmas, full.sigmas);
            const int64_t start = steps - t_enc - 1;
            const std::vector<double> expected(full.sigmas.begin() + start, full.sigmas.end());
            QCOMPARE(plan.run_sigmas, expected);
            QVERIFY((x - (init + n0 * expected.front())).abs().max().item<double>() < 1e-5);
            if (plan.sampler->name == "DPM fast" || plan.sampler->name == "DPM adaptive") {
                QCOMPARE(*plan.options.dpm_n, int64_t(expected.size()) - 1);
                QCOMPARE(*plan.options.dpm_sigma_max, expected.front());
                QCOMPARE(*plan.options.dpm_sigma_min, expected[expected.size() - 2]);
            }
            start_sigma = expected.front();
        }

        // Run it on an analytic denoiser (x0 = 0.9·x/(σ²+1)) and check where it starts.
        SamplerContext ctx;
        std::vector<double> call_sigmas;
        ctx.denoise = [&](const at::Tensor& xi, const at::Tensor& sigma) {
            const double s = sigma.reshape({-1})[0].item<double>();
            call_sigmas.push_back(s);
            return xi * (0.9 / (s * s + 1.0));
        };
        ctx.noise = &noise;
        ctx.seeds = no.seeds;
        int64_t reported = 0;
        ctx.on_step = [&](const StepInfo&) { ++reported; };
        if (plan.sampler->name == "DPM adaptive" && t_enc == 0) {
            // σ range of zero length: k-diffusion raises "eta must be 0 for reverse sampling"
            // (so does A1111); we raise a PipelineError instead of running.
            QVERIFY_THROWS_EXCEPTION(PipelineError, run_sampler(plan, x, ctx, sd()));
            return;
        }
        const at::Tensor out = run_sampler(plan, x, ctx, sd());
        QVERIFY(out.defined() && at::isfinite(out).all().item<bool>());
        QVERIFY(!call_sigmas.empty());
        if (plan.sampler->kind != SamplerKind::Timesteps) {
            QVERIFY2(
                std::fabs(call_sigmas.front() - start_sigma) <= 1e-4 * start_sigma,
                qPrintable(QStringLiteral("first call at %1, expected %2").arg(call_sigmas.front()).arg(start_sigma)));
            for (double s : call_sigmas) QVERIFY(s <= start_sigma * (1 + 1e-4) || plan.sampler->name == "Restart");
        }
        const int64_t expected_calls = expected_model_calls(plan);
        if (expected_calls >= 0) QCOMPARE(int64_t(call_sigmas.size()), expected_calls);
        if (plan.sampler->kind == SamplerKind::KDiffusion && plan.sampler->name != "DPM fast" &&
            plan.sampler->name != "DPM adaptive" && plan.sampler->name != "Restart")
            QCOMPARE(reported, int64_t(plan.run_sigmas.size()) - 1);
    }
};

QTEST_GUILESS_MAIN(TestImg2ImgSlicing)
#include "tst_img2img_slicing.moc"
