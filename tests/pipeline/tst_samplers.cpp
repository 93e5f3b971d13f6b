// Every sampler against closed-form results on analytic denoisers, noise consumption in A1111's
// order, batch == single images, determinism, cancellation and progress reporting.
#include "pipeline/core/error.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/schedulers/samplers/samplers.h"
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

using DenoiseFn = std::function<at::Tensor(const at::Tensor&, const at::Tensor&)>;

struct Run {
    at::Tensor start, out;
    int64_t steps_reported = 0, model_calls = 0, draws = 0;
    SamplingPlan plan;
};

Run run(const std::string& sampler, int steps, const DenoiseFn& denoise, std::vector<uint64_t> seeds = {11},
        std::vector<int64_t> shape = {4, 8, 8}, const std::string& schedule = "Automatic",
        std::optional<double> eta = std::nullopt) {
    SamplerSpec spec;
    spec.sampler = sampler;
    spec.schedule = schedule;
    spec.options.eta = eta;
    Run r;
    r.plan = plan_sampling(spec, sd(), steps);
    BatchNoiseOptions no;
    no.source = "nv";
    no.seeds = seeds;
    BatchNoise noise(no, shape);
    r.start = initial_latent(r.plan, noise.next(), sd());
    SamplerContext ctx;
    ctx.denoise = denoise;
    ctx.noise = &noise;
    ctx.seeds = seeds;
    ctx.on_step = [&](const StepInfo&) { ++r.steps_reported; };
    ctx.on_model_call = [&](const ModelCallInfo& m) { QCOMPARE(m.index, r.model_calls); ++r.model_calls; };
    r.out = run_sampler(r.plan, r.start, ctx, sd());
    r.draws = noise.draws() - 1;
    return r;
}

// Optimal denoiser for unit-variance Gaussian data: D(x, sigma) = x / (sigma^2 + 1).
at::Tensor gaussian_denoiser(const at::Tensor& x, const at::Tensor& sigma) {
    const at::Tensor s = sigma.view({-1, 1, 1, 1}).to(x.dtype());
    return x / (s * s + 1);
}

double rel_err(const at::Tensor& a, const at::Tensor& b) {
    return ((a - b).norm() / b.norm()).item<double>();
}

const std::vector<std::string> kSigmaSamplers = {"Euler", "Euler a", "LMS", "Heun", "DPM2", "DPM2 a", "DPM++ 2S a",
                                                 "DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun",
                                                 "DPM++ 3M SDE", "Restart", "LCM"};

} // namespace

class TestSamplers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixedX0IsReachedExactly() {
        // A denoiser that always returns the same x0: every sampler that ends at sigma 0 must
        // return x0, whatever noise it adds on the way.
        const at::Tensor x0 = at::linspace(-2, 3, 4 * 8 * 8).view({1, 4, 8, 8});
        const DenoiseFn fixed = [&](const at::Tensor& x, const at::Tensor&) { return x0.expand_as(x).clone(); };
        for (const auto& name : kSigmaSamplers) {
            for (int steps : {7, 10, 25}) {
                const Run r = run(name, steps, fixed);
                QVERIFY2((r.out - x0).abs().max().item<double>() < 1e-4,
                         qPrintable(QString::fromStdString(name) + " " + QString::number(steps)));
            }
        }
        // DPM fast / adaptive stop at sigma_min (A1111 hands them the model's sigma range).
        for (const char* name : {"DPM fast", "DPM adaptive"}) {
            const Run r = run(name, 10, fixed, {11}, {4, 8, 8}, "Automatic", 0.0);
            // (x - x0) shrinks in proportion to sigma, exactly for DPM-Solver with a constant x0.
            const double ratio = sd().sigma_min() / sd().sigma_max();
            QVERIFY2(rel_err(r.out - x0, (r.start - x0) * ratio) < 1e-3, name);
        }
    }

    void ddimFixedX0() {
        // DDIM with eta 0 is exact when eps is constant: x_t = sqrt(a) x0 + sqrt(1-a) eps0.
        const at::Tensor x0 = at::linspace(-1, 1, 4 * 8 * 8).view({1, 4, 8, 8});
        const DenoiseFn fixed = [&](const at::Tensor& x, const at::Tensor&) { return x0.expand_as(x).clone(); };
        for (const char* name : {"DDIM", "PLMS"}) {
            const Run r = run(name, 10, fixed);
            const auto& ts = r.plan.timesteps;
            const double aT = sd().alphas_cumprod()[ts.back()].item<double>();
            const at::Tensor eps0 = (r.start - std::sqrt(aT) * x0) / std::sqrt(1 - aT);
            const double aF = sd().alphas_cumprod()[ts.front()].item<double>();  // a_prev of the last step
            const at::Tensor want = std::sqrt(aF) * x0 + std::sqrt(1 - aF) * eps0;
            QVERIFY2(rel_err(r.out, want) < 1e-4, name);
            QCOMPARE(r.steps_reported, int64_t(ts.size() - 1));
        }
    }

    void ddimCfgPlusPlusUsesTheUncondDirection() {
        // A1111 ddim_cfgpp: pred_x0 from the guided eps, the direction to x_t from the uncond eps.
        // With a guided x0 and an uncond x0u that are constant, every step is, by hand:
        //   e_t = (x - sqrt(a) x0) / sqrt(1-a),  e_u = (x - sqrt(a) x0u) / sqrt(1-a),
        //   x <- sqrt(a_prev) (x - sqrt(1-a) e_t) / sqrt(a) + sqrt(1 - a_prev) e_u.
        const at::Tensor x0 = at::linspace(-1, 1, 4 * 8 * 8).view({1, 4, 8, 8});
        const at::Tensor x0u = at::linspace(1, -0.5, 4 * 8 * 8).view({1, 4, 8, 8});
        SamplerSpec spec;
        spec.sampler = "DDIM CFG++";
        const SamplingPlan plan = plan_sampling(spec, sd(), 8);
        QCOMPARE(plan.sampler->name, std::string("DDIM CFG++"));
        QCOMPARE(*plan.options.eta, 0.0);
        BatchNoiseOptions no;
        no.source = "cpu";
        no.seeds = {5};
        BatchNoise noise(no, {4, 8, 8});
        const at::Tensor start = initial_latent(plan, noise.next(), sd());
        SamplerContext ctx;
        ctx.denoise = [&](const at::Tensor& x, const at::Tensor&) { return x0.expand_as(x).clone(); };
        ctx.last_uncond_denoised = [&] { return x0u; };
        ctx.noise = &noise;
        const at::Tensor out = run_sampler(plan, start, ctx, sd());
        at::Tensor x = start.to(at::kDouble);
        const auto& ts = plan.timesteps;
        for (int64_t i = static_cast<int64_t>(ts.size()) - 1; i >= 1; --i) {
            const double a = sd().alphas_cumprod()[ts[i]].item<float>();
            const double ap = sd().alphas_cumprod()[ts[i - 1]].item<float>();
            const at::Tensor e_t = (x - std::sqrt(a) * x0) / std::sqrt(1 - a);
            const at::Tensor e_u = (x - std::sqrt(a) * x0u) / std::sqrt(1 - a);
            x = std::sqrt(ap) * (x - std::sqrt(1 - a) * e_t) / std::sqrt(a) + std::sqrt(1 - ap) * e_u;
        }
        QVERIFY2(rel_err(out.to(at::kDouble), x) < 1e-4, qPrintable(QString::number(rel_err(out.to(at::kDouble), x))));
        // Without a separate uncond prediction (no CFG) it is plain DDIM.
        SamplerContext bare;
        bare.denoise = ctx.denoise;
        SamplerSpec ddim;
        ddim.sampler = "DDIM";
        QVERIFY(at::allclose(run_sampler(plan, start, bare, sd()),
                             run_sampler(plan_sampling(ddim, sd(), 8), start, bare, sd())));
    }

    void gaussianOdeConvergence() {
        // dx/dsigma = (x - D)/sigma with D = x/(sigma^2+1) has the solution x ~ sqrt(sigma^2+1):
        // x(0) = x(sigma0)/sqrt(sigma0^2+1). Deterministic samplers converge to it.
        struct Case { const char* name; double tol50; };
        const std::vector<Case> cases = {{"Euler", 4e-2}, {"Heun", 2e-3}, {"LMS", 5e-3}, {"DPM2", 5e-3},
                                         {"DPM++ 2M", 5e-3}};  // Restart adds noise from 20 steps on
        for (const auto& c : cases) {
            double prev = 1e9;
            for (int steps : {10, 50}) {
                const Run r = run(c.name, steps, gaussian_denoiser);
                const double s0 = r.plan.run_sigmas.front();
                const at::Tensor exact = r.start / std::sqrt(s0 * s0 + 1);
                const double err = rel_err(r.out, exact);
                QVERIFY2(err < prev, c.name);
                prev = err;
            }
            QVERIFY2(prev < c.tol50, qPrintable(QString("%1: %2").arg(c.name).arg(prev)));
        }
        // Timestep samplers: x_t stays constant along the exact ODE for unit-variance data.
        // DDIM is first order (like Euler), PLMS and UniPC higher order.
        for (const auto& [name, tol] : {std::pair<const char*, double>{"DDIM", 4e-2}, {"PLMS", 5e-3}, {"UniPC", 5e-3}}) {
            const Run r10 = run(name, 10, gaussian_denoiser);
            const Run r = run(name, 50, gaussian_denoiser);
            const double err = rel_err(r.out, r.start);
            qInfo("%s: rel err %g (10 steps: %g)", name, err, rel_err(r10.out, r10.start));
            QVERIFY2(err < rel_err(r10.out, r10.start), name);
            QVERIFY2(err < tol, qPrintable(QString("%1: %2").arg(name).arg(err)));
        }
        // DPM fast / adaptive (eta 0) stop at sigma_min.
        // (DPM adaptive runs with k-diffusion's loose default tolerances rtol 0.05, atol 0.0078.)
        for (const auto& [name, tol] : {std::pair<const char*, double>{"DPM fast", 1e-3}, {"DPM adaptive", 5e-2}}) {
            const Run r = run(name, 30, gaussian_denoiser, {11}, {4, 8, 8}, "Automatic", 0.0);
            const double s0 = sd().sigma_max(), s1 = sd().sigma_min();
            const at::Tensor exact = r.start * std::sqrt(s1 * s1 + 1) / std::sqrt(s0 * s0 + 1);
            QVERIFY2(rel_err(r.out, exact) < tol, qPrintable(QString("%1: %2").arg(name).arg(rel_err(r.out, exact))));
        }
    }

    void linearDenoiserClosedForm() {
        // D = c x: Euler multiplies x by (1 + (1 - c)(s_{i+1} - s_i)/s_i) per step; DPM++ 2M's
        // first-order update gives s_{i+1}/s_i + (1 - s_{i+1}/s_i) c for the first step.
        const double c = 0.3;
        const DenoiseFn lin = [&](const at::Tensor& x, const at::Tensor&) { return x * c; };
        {
            const Run r = run("Euler", 9, lin);
            double f = 1;
            const auto& s = r.plan.run_sigmas;
            for (size_t i = 0; i + 1 < s.size(); ++i) f *= 1 + (1 - c) * (s[i + 1] - s[i]) / s[i];
            QVERIFY(rel_err(r.out, r.start * f) < 1e-5);
        }
        {
            const Run r = run("DPM++ 2M", 9, lin);
            const auto& s = r.plan.run_sigmas;
            double f = 1, prev_d = 0;  // x = f * start, denoised = c * x
            for (size_t i = 0; i + 1 < s.size(); ++i) {
                const double d = c * f;
                const double ratio = s[i + 1] / s[i];
                if (i == 0 || s[i + 1] == 0) {
                    f = ratio * f + (1 - ratio) * d;
                } else {
                    const double h = std::log(s[i]) - std::log(s[i + 1]);
                    const double h_last = std::log(s[i - 1]) - std::log(s[i]);
                    const double rr = h_last / h;
                    const double dd = (1 + 1 / (2 * rr)) * d - (1 / (2 * rr)) * prev_d;
                    f = ratio * f + (1 - ratio) * dd;
                }
                prev_d = d;
            }
            QVERIFY(rel_err(r.out, r.start * f) < 1e-5);
        }
    }

    void ancestralSamplersKeepTheDataDistribution() {
        // With the exact denoiser of N(0,1) data, ancestral / SDE sampling ends with samples of
        // unit variance, decorrelated from the start (noise really is injected).
        const std::vector<std::string> noisy = {"DPM2 a", "DPM++ 2S a", "DPM++ SDE", "DPM++ 2M SDE",
                                                "DPM++ 2M SDE Heun", "DPM++ 3M SDE"};
        for (const auto& name : noisy) {
            const Run r = run(name, 30, gaussian_denoiser, {5}, {4, 64, 64});
            const double sd_out = r.out.std().item<double>();
            QVERIFY2(std::fabs(sd_out - 1.0) < 0.05, qPrintable(QString::fromStdString(name) + ": " + QString::number(sd_out)));
            const double corr = ((r.out * r.start).mean() / (r.out.std() * r.start.std())).item<double>();
            QVERIFY2(corr < 0.95, qPrintable(QString::fromStdString(name) + " corr " + QString::number(corr)));
        }
        {
            // Euler a is first order: its variance follows
            // v' = v (1 + (s_down - s) s/(s^2+1))^2 + s_up^2 from v0 = s0^2.
            const Run r = run("Euler a", 30, gaussian_denoiser, {5}, {4, 64, 64});
            const auto& sg = r.plan.run_sigmas;
            double v = sg[0] * sg[0];
            for (size_t i = 0; i + 1 < sg.size(); ++i) {
                const auto [down, up] = samplers::ancestral_step(sg[i], sg[i + 1], 1.0);
                const double f = 1 + (down - sg[i]) * sg[i] / (sg[i] * sg[i] + 1);
                v = v * f * f + (sg[i + 1] > 0 ? up * up : 0.0);
            }
            const double got = r.out.std().item<double>();
            QVERIFY2(std::fabs(got - std::sqrt(v)) < 0.03, qPrintable(QString("Euler a %1 vs %2").arg(got).arg(std::sqrt(v))));
        }
        for (const char* name : {"DPM fast", "DPM adaptive"}) {
            const Run r = run(name, 30, gaussian_denoiser, {5}, {4, 64, 64});
            QVERIFY2(std::fabs(r.out.std().item<double>() - 1.0) < 0.06, name);
        }
        const Run restart = run("Restart", 30, gaussian_denoiser, {5}, {4, 64, 64});
        QVERIFY(std::fabs(restart.out.std().item<double>() - 1.0) < 0.06);
        QVERIFY(restart.draws > 0);
    }

    void noiseDrawsFollowA1111() {
        // Draws taken from the per-image generator after the initial noise, as in A1111
        // (k-diffusion's Euler/Heun/DPM2 draw one unused tensor per step).
        const DenoiseFn lin = [](const at::Tensor& x, const at::Tensor&) { return x * 0.5; };
        struct Case { const char* name; int64_t draws; };
        for (const Case& c : {Case{"Euler", 10}, Case{"Euler a", 9}, Case{"DPM++ 2M", 0}, Case{"Heun", 10},
                              Case{"DPM2", 10}, Case{"DPM2 a", 9}, Case{"DPM++ 2S a", 9}, Case{"LMS", 0},
                              Case{"DPM++ SDE", 0}, Case{"DPM++ 2M SDE", 0}, Case{"DPM++ 3M SDE", 0}, Case{"LCM", 9},
                              Case{"DDIM", 9}, Case{"PLMS", 0}, Case{"UniPC", 0}, Case{"Restart", 0}, Case{"DPM fast", 4}}) {
            const Run r = run(c.name, 10, lin);
            QVERIFY2(r.draws == c.draws, qPrintable(QString("%1: %2").arg(c.name).arg(r.draws)));
        }
    }

    void progressAndModelCalls() {
        const DenoiseFn lin = [](const at::Tensor& x, const at::Tensor&) { return x * 0.5; };
        for (const auto& name : sampler_names()) {
            const Run r = run(name, 10, lin);
            const int64_t expected = expected_model_calls(r.plan);
            if (expected >= 0) QVERIFY2(r.model_calls == expected, qPrintable(QString::fromStdString(name)));
            QVERIFY2(r.model_calls > 0 && r.steps_reported > 0, qPrintable(QString::fromStdString(name)));
            if (name == "Euler" || name == "DPM++ 2M" || name == "Heun" || name == "UniPC")
                QCOMPARE(r.steps_reported, int64_t(10));
            if (name == "Heun") QCOMPARE(r.model_calls, int64_t(19));
        }
    }

    void batchEqualsSingleImages() {
        for (const auto& name : sampler_names()) {
            // DPM adaptive's step-size control measures the error over the whole batch (as in
            // k-diffusion / A1111), so its steps depend on the other images.
            if (name == "DPM adaptive") continue;
            const Run batch = run(name, 8, gaussian_denoiser, {3, 4});
            const Run single = run(name, 8, gaussian_denoiser, {4});
            QVERIFY2((batch.out[1] - single.out[0]).abs().max().item<double>() < 1e-5,
                     qPrintable(QString::fromStdString(name)));
        }
    }

    void deterministic() {
        for (const auto& name : sampler_names()) {
            const Run a = run(name, 8, gaussian_denoiser, {99});
            const Run b = run(name, 8, gaussian_denoiser, {99});
            QVERIFY2(at::equal(a.out, b.out), qPrintable(QString::fromStdString(name)));
            const Run c = run(name, 8, gaussian_denoiser, {100});
            QVERIFY(!at::equal(a.out, c.out));
        }
    }

    void cancellationBeforeModelCall() {
        for (const auto& name : sampler_names()) {
            SamplerSpec spec;
            spec.sampler = name;
            const auto plan = plan_sampling(spec, sd(), 10);
            BatchNoiseOptions no;
            no.source = "cpu";
            no.seeds = {1};
            BatchNoise noise(no, {4, 8, 8});
            int calls = 0;
            SamplerContext ctx;
            ctx.denoise = [&](const at::Tensor& x, const at::Tensor& s) {
                ++calls;
                return gaussian_denoiser(x, s);
            };
            ctx.noise = &noise;
            ctx.seeds = {1};
            ctx.cancelled = [&] { return calls >= 3; };
            bool cancelled = false;
            try {
                run_sampler(plan, initial_latent(plan, noise.next(), sd()), ctx, sd());
            } catch (const CancelledError& e) {
                cancelled = e.code() == "cancelled";
            }
            QVERIFY2(cancelled, qPrintable(QString::fromStdString(name)));
            QCOMPARE(calls, 3);
        }
    }

    void denoiserWrapper() {
        // CompVisDenoiser: eps model -> denoised = x - sigma * eps(x * c_in, t(sigma)).
        const CompVisDenoiser eps(sd(), Prediction::Epsilon);
        const at::Tensor x = at::randn({2, 4, 3, 3});
        const at::Tensor sigma = at::tensor({14.614643f, 1.0f});
        at::Tensor seen_t, seen_in;
        const ModelFn model = [&](const at::Tensor& xin, const at::Tensor& t) {
            seen_in = xin;
            seen_t = t;
            return xin * 2;
        };
        const at::Tensor d = eps(x, sigma, model);
        QVERIFY(std::fabs(seen_t[0].item<double>() - 999) < 1e-3);
        QVERIFY(std::fabs(seen_t[1].item<double>() - sd().sigma_to_t(1.0)) < 1e-4);
        for (int b = 0; b < 2; ++b) {
            const double s = sigma[b].item<double>(), cin = 1 / std::sqrt(s * s + 1);
            QVERIFY((seen_in[b] - x[b] * cin).abs().max().item<double>() < 1e-5);
            QVERIFY((d[b] - (x[b] - s * (x[b] * cin * 2))).abs().max().item<double>() < 1e-4);
        }
        // v-prediction: denoised = x/(s^2+1) - v * s/sqrt(s^2+1)
        const CompVisDenoiser v(sd(), Prediction::V);
        const at::Tensor dv = v(x, sigma, model);
        for (int b = 0; b < 2; ++b) {
            const double s = sigma[b].item<double>(), cin = 1 / std::sqrt(s * s + 1);
            const at::Tensor want = x[b] / (s * s + 1) - (x[b] * cin * 2) * (s / std::sqrt(s * s + 1));
            QVERIFY((dv[b] - want).abs().max().item<double>() < 1e-4);
        }
        // LCM wrapper: quantised timesteps t = 20 k + 19, 50-entry table.
        const LcmDenoiser lcm(sd());
        QCOMPARE(lcm.sigmas().size(0), int64_t(50));
        QVERIFY(std::fabs(lcm.sigma_max() - sd().sigma_max()) < 1e-6);
        QCOMPARE(lcm.sigma_to_t(at::tensor({float(lcm.sigma_max())})).item<float>(), 999.0f);
        const auto ls = lcm.get_sigmas(4);
        QCOMPARE(ls.size(), size_t(5));
        QVERIFY(std::fabs(ls[0] - lcm.sigma_max()) < 1e-5);
        QCOMPARE(ls.back(), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSamplers)
#include "tst_samplers.moc"
