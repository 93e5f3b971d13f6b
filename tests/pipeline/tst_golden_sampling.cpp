// Replays the golden sampling trajectories without a UNet: the denoiser returns the golden
// steps.denoised[i] for model call i, starting from the golden noise / x_start. Validates the
// schedule, the sampler math, the noise order (rng_draws) and img2img slicing end to end.
#include "common/golden.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/tensors/rng.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QFile>
#include <QTest>

using namespace latent;

namespace {

// Golden README tolerance for latents: rel L2 <= 1e-4 and max abs <= 1e-3 * max|ref|.
bool latents_close(const at::Tensor& got, const at::Tensor& ref, QString* why) {
    const at::Tensor g = got.to(at::kDouble), r = ref.to(at::kDouble);
    if (g.sizes() != r.sizes()) {
        *why = "shape mismatch";
        return false;
    }
    const double rel = ((g - r).norm() / r.norm().clamp_min(1e-30)).item<double>();
    const double mx = (g - r).abs().max().item<double>();
    const double lim = 1e-3 * r.abs().max().item<double>();
    *why = QString("rel L2 %1, max abs %2 (limit %3)").arg(rel).arg(mx).arg(lim);
    return rel <= 1e-4 && mx <= lim;
}

// Hands out the batch's draws and checks each against the golden rng_draws.
class CheckedNoise : public NoiseSource {
public:
    CheckedNoise(BatchNoise& inner, at::Tensor ref) : inner_(inner), ref_(std::move(ref)) {}
    at::Tensor randn_like(const at::Tensor& x) override {
        at::Tensor d = inner_.next();
        const int64_t k = inner_.draws() - 1;
        if (k < ref_.size(0)) max_err = std::max(max_err, (d - ref_[k]).abs().max().item<double>());
        else extra = true;
        return d.to(x.options());
    }
    double max_err = 0;
    bool extra = false;

private:
    BatchNoise& inner_;
    at::Tensor ref_;
};

} // namespace

class TestGoldenSampling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replay_data() {
        QTest::addColumn<QString>("kase");
        QTest::newRow("euler") << "sd1-euler-10steps-cpu";
        QTest::newRow("euler_a") << "sd1-euler_a-10steps-cpu";
        QTest::newRow("dpmpp_2m karras") << "sd1-dpmpp_2m-karras-10steps-cpu";
        QTest::newRow("img2img") << "sd1-img2img-euler-s0.75";
        QTest::newRow("inpaint") << "sd1-inpaint-euler-original-onlymasked-pad32";
        QTest::newRow("sdxl euler") << "sdxl-euler-10steps-cpu";
    }
    void replay() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, kase);
        const QString dir = latent::test::goldenDir() + "/cases/" + kase;
        QFile sf(dir + "/settings.json");
        QVERIFY(sf.open(QIODevice::ReadOnly));
        const auto s = nlohmann::json::parse(sf.readAll().toStdString());
        const auto& req = s["api_request"];
        const auto& resolved = s["resolved"];
        const auto lat = SafetensorsFile::open((dir + "/latents.safetensors").toStdString());
        const at::Tensor noise_ref = lat.load("noise", at::kFloat);
        const at::Tensor draws_ref = lat.load("rng_draws", at::kFloat);
        const at::Tensor x_start_ref = lat.load("x_start", at::kFloat);
        const at::Tensor steps_x = lat.load("steps.x", at::kFloat);
        const at::Tensor steps_d = lat.load("steps.denoised", at::kFloat);
        const at::Tensor samples_ref = lat.load("samples", at::kFloat);

        // 1. plan (sampler, schedule, img2img slicing)
        const DiscreteSchedule model = DiscreteSchedule::stable_diffusion();
        SamplerSpec spec;
        spec.sampler = req.value("sampler_name", "Euler");
        spec.schedule = req.value("scheduler", "Automatic");
        std::optional<double> strength;
        if (s["mode"] != "txt2img") strength = req.value("denoising_strength", 0.75);
        const SamplingPlan plan = plan_sampling(spec, model, req["steps"].get<int>(), strength);

        // 2. noise from the per-image CPU generators
        BatchNoiseOptions no;
        no.source = "cpu";
        no.seeds = resolved["seeds"].get<std::vector<uint64_t>>();
        BatchNoise batch(no, {noise_ref.size(1), noise_ref.size(2), noise_ref.size(3)});
        const at::Tensor noise = batch.next();
        QVERIFY((noise - noise_ref).abs().max().item<double>() <= 1e-5);

        // 3. the latent handed to the sampler
        std::optional<at::Tensor> init;
        if (lat.contains("init_latent")) init = lat.load("init_latent", at::kFloat);
        const at::Tensor x_start = initial_latent(plan, noise, model, init);
        QString why;
        QVERIFY2(latents_close(x_start, x_start_ref, &why), qPrintable("x_start: " + why));

        // 4. replay: the denoiser returns the golden denoised of each call
        const auto call_sigmas = resolved["denoiser_call_sigmas"].get<std::vector<double>>();
        CheckedNoise checked(batch, draws_ref);
        SamplerContext ctx;
        ctx.noise = &checked;
        ctx.seeds = no.seeds;
        int64_t call = 0;
        QString failure;
        ctx.denoise = [&](const at::Tensor& x, const at::Tensor& sigma) {
            if (call >= steps_d.size(0)) {
                failure = "more model calls than the reference";
                return x;
            }
            const double sg = sigma[0].item<double>();
            if (std::fabs(sg - call_sigmas[call]) > 1e-6 * std::max(1.0, call_sigmas[call]))
                failure = QString("call %1 at sigma %2, reference %3").arg(call).arg(sg).arg(call_sigmas[call]);
            QString w;
            if (failure.isEmpty() && !latents_close(x, steps_x[call], &w))
                failure = QString("x at call %1: %2").arg(call).arg(w);
            return steps_d[call++].clone();
        };
        int64_t step = 0;
        ctx.on_step = [&](const StepInfo& info) {
            QString w;
            if (failure.isEmpty() && info.i != step) failure = "step index out of order";
            if (failure.isEmpty() && !latents_close(info.x, steps_x[step], &w))
                failure = QString("steps.x[%1]: %2").arg(step).arg(w);
            ++step;
        };
        at::Tensor out = run_sampler(plan, x_start, ctx, model);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(call, resolved["denoiser_calls"].get<int64_t>());
        QCOMPARE(step, steps_x.size(0));

        // 5. noise order: every draw equals the reference, and the count matches A1111
        QVERIFY(!checked.extra);
        QVERIFY2(checked.max_err <= 1e-5, qPrintable(QString::number(checked.max_err)));
        QCOMPARE(batch.draws(), resolved["rng_draws"].get<int64_t>());

        // 6. final latents (inpainting: the final latent-mask blend)
        if (lat.contains("mask")) {
            const at::Tensor mask = lat.load("mask", at::kFloat), nmask = lat.load("nmask", at::kFloat);
            out = *init * mask + nmask * out;
        }
        QVERIFY2(latents_close(out, samples_ref, &why), qPrintable("samples: " + why));
    }
};

QTEST_GUILESS_MAIN(TestGoldenSampling)
#include "tst_golden_sampling.moc"
