// Sigma schedules against the published formulas (table-driven, several step counts including
// ones where 999/(n-1) is fractional), the k-diffusion sigma table, the sampler registry
// (names, aliases, legacy names, Automatic), img2img slicing, the golden resolved sigmas, and
// every schedule per model family through the engine (SD 1.x, SD 2.x and SDXL checkpoints: SD 2.x
// samples on the SD 1.5 tables, SDXL on its own Align Your Steps table).
#include "common/diffusion_model_fixture.h"
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/tensors/safetensors.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/schedulers/sigma_schedule.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <cmath>

using namespace latent;

namespace {

// Independent reference: the SD sigma table in double from the training betas.
struct RefTable {
    std::vector<double> sigmas;
    RefTable() {
        double cum = 1.0;
        const double a = std::sqrt(0.00085), b = std::sqrt(0.012);
        for (int i = 0; i < 1000; ++i) {
            const double beta = std::pow(a + (b - a) * i / 999.0, 2);
            cum *= 1.0 - beta;
            const double acf = static_cast<float>(cum);  // stored as float32
            sigmas.push_back(std::sqrt((1 - acf) / acf));
        }
    }
    double t_to_sigma(double t) const {
        const int lo = static_cast<int>(std::floor(t)), hi = static_cast<int>(std::ceil(t));
        const double w = t - lo;
        return std::exp((1 - w) * std::log(sigmas[lo]) + w * std::log(sigmas[hi]));
    }
};

const RefTable& ref() {
    static RefTable r;
    return r;
}

void expect_close(const std::vector<double>& got, const std::vector<double>& want, double rel, const char* what) {
    QVERIFY2(got.size() == want.size(),
             qPrintable(QString("%1: %2 values, expected %3").arg(what).arg(got.size()).arg(want.size())));
    for (size_t i = 0; i < got.size(); ++i) {
        const double tol = rel * std::max(1.0, std::fabs(want[i]));
        QVERIFY2(std::fabs(got[i] - want[i]) <= tol,
                 qPrintable(QString("%1[%2]: %3 vs %4").arg(what).arg(i).arg(got[i], 0, 'g', 10).arg(want[i], 0, 'g', 10)));
    }
}

nlohmann::json settings(const QString& kase) {
    QFile f(latent::test::goldenDir() + "/cases/" + kase + "/settings.json");
    if (!f.open(QIODevice::ReadOnly)) return {};
    return nlohmann::json::parse(f.readAll().toStdString());
}

const DiscreteSchedule& sd() {
    static DiscreteSchedule s = DiscreteSchedule::stable_diffusion();
    return s;
}


std::string writeTinySd2(const QString& dir) {
    const std::string file = (dir + QStringLiteral("/tiny-sd2.safetensors")).toStdString();
    test::writeTinySd2Checkpoint(file, 77);
    return file;
}

// The sigmas the engine called the model at (Euler: one call per sigma but the last), with the
// schedule's final value appended as the plan keeps it.
std::vector<double> engineCallSigmas(Engine& engine, const std::string& schedule, int64_t steps) {
    GenerationRequest r;
    r.prompt = "a boat";
    r.seed = 3;
    r.steps = steps;
    r.width = r.height = 64;
    r.sampler = "Euler";
    r.schedule = schedule;
    r.rng = "cpu";
    QTemporaryDir dir;
    engine.txt2img(r, {}, dir.path().toStdString());
    const auto f = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
    for (const auto& info : f.tensors())
        if (info.name == "denoiser_call_sigmas") {
            const at::Tensor t = f.load(info, at::kDouble).contiguous();
            return std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
        }
    return {};
}

} // namespace

class TestSigmaSchedules : public QObject {
    Q_OBJECT
    QTemporaryDir sd2Dir_;
    std::map<QString, std::shared_ptr<Engine>> engines_;

    Engine* engineFor(const QString& family) {
        auto& e = engines_[family];
        if (!e) {
            std::string path;
            if (family == QLatin1String("sd1")) path = (test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString();
            else if (family == QLatin1String("sdxl")) path = (test::goldenDir() + QStringLiteral("/tiny-sdxl.safetensors")).toStdString();
            else path = writeTinySd2(sd2Dir_.path());
            e = std::make_shared<Engine>("cpu");
            if (QString::fromStdString(e->load_model(path).family) != family) return nullptr;
        }
        return e.get();
    }

private Q_SLOTS:
    void sigmaTable() {
        QVERIFY(std::fabs(sd().sigma_min() - 0.0291675) < 1e-6);
        QVERIFY(std::fabs(sd().sigma_max() - 14.614643) < 1e-5);
        for (int t : {0, 1, 250, 500, 998, 999}) {
            QVERIFY(std::fabs(sd().t_to_sigma(t) - ref().sigmas[t]) < 1e-5 * ref().sigmas[t]);
            QVERIFY(std::fabs(sd().sigma_to_t(sd().t_to_sigma(t)) - t) < 1e-3);
        }
        // Fractional t interpolates log sigma linearly; sigma_to_t inverts it.
        const double s = sd().t_to_sigma(123.25);
        QVERIFY(std::fabs(s - ref().t_to_sigma(123.25)) < 1e-5 * s);
        QVERIFY(std::fabs(sd().sigma_to_t(s) - 123.25) < 2e-3);
        // A checkpoint's own alphas_cumprod buffer gives the same table.
        DiscreteSchedule own(sd().alphas_cumprod().clone());
        QVERIFY(at::equal(own.sigmas(), sd().sigmas()));
    }

    void formulas_data() {
        QTest::addColumn<int>("n");
        for (int n : {1, 2, 3, 7, 10, 13, 20, 25, 34, 50}) QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void formulas() {
        QFETCH(int, n);
        const double smin = sd().sigma_min(), smax = sd().sigma_max();
        const double rel = 2e-5;
        // Uniform: t = linspace(999, 0, n)
        {
            std::vector<double> want;
            for (int k = 0; k < n; ++k) want.push_back(ref().t_to_sigma(n == 1 ? 999.0 : 999.0 * (1.0 - double(k) / (n - 1))));
            want.push_back(0);
            expect_close(schedules::uniform(n, sd()), want, rel, "uniform");
            expect_close(compute_schedule("Normal", n, sd()), want, rel, "normal");
        }
        // Karras rho 7 (and another rho)
        for (double rho : {7.0, 3.0}) {
            std::vector<double> want;
            for (int k = 0; k < n; ++k) {
                const double r = n == 1 ? 0.0 : double(k) / (n - 1);
                want.push_back(std::pow(std::pow(smax, 1 / rho) + r * (std::pow(smin, 1 / rho) - std::pow(smax, 1 / rho)), rho));
            }
            want.push_back(0);
            expect_close(schedules::karras(n, smin, smax, rho), want, rel, "karras");
        }
        // Exponential and Polyexponential
        {
            std::vector<double> ex, poly;
            for (int k = 0; k < n; ++k) {
                const double r = n == 1 ? 0.0 : double(k) / (n - 1);
                ex.push_back(std::exp(std::log(smax) + r * (std::log(smin) - std::log(smax))));
                poly.push_back(std::exp(std::pow(1 - r, 2.0) * (std::log(smax) - std::log(smin)) + std::log(smin)));
            }
            ex.push_back(0);
            poly.push_back(0);
            expect_close(schedules::exponential(n, smin, smax), ex, rel, "exponential");
            expect_close(schedules::polyexponential(n, smin, smax, 1.0), ex, rel, "polyexponential rho 1");
            expect_close(schedules::polyexponential(n, smin, smax, 2.0), poly, rel, "polyexponential rho 2");
        }
        // SGM Uniform: t = linspace(999, 0, n + 1)[:-1]
        {
            std::vector<double> want;
            for (int k = 0; k < n; ++k) want.push_back(ref().t_to_sigma(999.0 * (1.0 - double(k) / n)));
            want.push_back(0);
            expect_close(schedules::sgm_uniform(n, smin, smax, sd()), want, rel, "sgm_uniform");
        }
        // KL Optimal: n + 1 values ending at sigma_min (no 0)
        {
            std::vector<double> want;
            for (int k = 0; k <= n; ++k) {
                const double f = double(k) / n;
                want.push_back(std::tan(f * std::atan(smin) + (1 - f) * std::atan(smax)));
            }
            expect_close(schedules::kl_optimal(n, smin, smax), want, rel, "kl_optimal");
        }
        // Simple: sigmas[-(1 + int(x * 1000 / n))]
        {
            std::vector<double> want;
            for (int x = 0; x < n; ++x) want.push_back(ref().sigmas[999 - int(x * (1000.0 / n))]);
            want.push_back(0);
            expect_close(schedules::simple(n, sd()), want, rel, "simple");
        }
        // DDIM: sigmas[1], sigmas[1 + ss], ... reversed, ss = 1000 // n
        {
            std::vector<double> want;
            const int ss = std::max(1000 / n, 1);
            for (int x = 1; x < 1000; x += ss) want.insert(want.begin(), ref().sigmas[x]);
            want.push_back(0);
            expect_close(schedules::ddim(n, sd()), want, rel, "ddim");
        }
        // Beta(0.6, 0.6)
        {
            const auto b = schedules::beta(n, smin, smax);
            QCOMPARE(int(b.size()), n + 1);
            QVERIFY(std::fabs(b[0] - smax) < 1e-5 * smax);
            if (n > 1) QVERIFY(std::fabs(b[n - 1] - smin) < 1e-6);
            for (int k = 0; k + 1 < n; ++k) QVERIFY(b[k] > b[k + 1]);
        }
        // Align Your Steps: endpoints of the table, log-linear in between
        {
            const auto a = schedules::align_your_steps(n, false);
            QCOMPARE(int(a.size()), n + 1);
            // numpy.linspace(0, 1, 1) == [0]: a 1-step AYS schedule is the table's last value.
            QVERIFY(std::fabs(a[0] - (n == 1 ? 0.029 : 14.615)) < 1e-4);
            if (n > 1) QVERIFY(std::fabs(a[n - 1] - 0.029) < 1e-6);
            QCOMPARE(a[n], 0.0);
        }
    }

    void alignYourSteps() {
        const std::vector<double> sd15 = {14.615, 6.475, 3.861, 2.697, 1.886, 1.396, 0.963, 0.652, 0.399, 0.152, 0.029};
        const std::vector<double> xl = {14.615, 6.315, 3.771, 2.181, 1.342, 0.862, 0.555, 0.380, 0.234, 0.113, 0.029};
        auto with0 = [](std::vector<double> v) { v.push_back(0); return v; };
        expect_close(schedules::align_your_steps(11, false), with0(sd15), 1e-6, "ays sd15");
        expect_close(schedules::align_your_steps(11, true), with0(xl), 1e-6, "ays sdxl");
        // 21 steps: every second value is an original table entry, the others geometric means.
        const auto a21 = schedules::align_your_steps(21, false);
        for (int k = 0; k < 11; ++k) QVERIFY(std::fabs(a21[2 * k] - sd15[k]) < 1e-5 * sd15[k]);
        for (int k = 0; k < 10; ++k) {
            const double g = std::sqrt(sd15[k] * sd15[k + 1]);
            QVERIFY(std::fabs(a21[2 * k + 1] - g) < 1e-5 * g);
        }
    }

    void betaPpf() {
        for (double q : {0.0, 0.1, 0.25, 0.5, 0.9, 1.0}) {
            QVERIFY(std::fabs(schedules::beta_ppf(q, 1, 1) - q) < 1e-12);
            QVERIFY(std::fabs(schedules::beta_ppf(q, 2, 1) - std::sqrt(q)) < 1e-12);
            QVERIFY(std::fabs(schedules::beta_ppf(q, 1, 2) - (1 - std::sqrt(1 - q))) < 1e-12);
        }
        QVERIFY(std::fabs(schedules::beta_ppf(0.5, 0.6, 0.6) - 0.5) < 1e-12);
        // symmetry of Beta(a, a)
        QVERIFY(std::fabs(schedules::beta_ppf(0.2, 0.6, 0.6) + schedules::beta_ppf(0.8, 0.6, 0.6) - 1) < 1e-12);
        QVERIFY(std::fabs(schedules::beta_cdf(schedules::beta_ppf(0.3, 0.6, 0.6), 0.6, 0.6) - 0.3) < 1e-12);
    }

    void catalog() {
        const auto names = schedule_names();
        const std::vector<std::string> want = {"Automatic", "Uniform", "Karras", "Exponential", "Polyexponential",
                                               "SGM Uniform", "KL Optimal", "Align Your Steps", "Simple", "Normal",
                                               "DDIM", "Beta"};
        QCOMPARE(names, want);
        const auto j = schedule_catalog_json();
        QCOMPARE(int(j.size()), 12);
        QCOMPARE(QString::fromStdString(j[2]["name"].get<std::string>()), QStringLiteral("karras"));
        QCOMPARE(j[2]["default_rho"].get<double>(), 7.0);
        QCOMPARE(QString::fromStdString(j[5]["aliases"][0].get<std::string>()), QStringLiteral("SGMUniform"));
        QVERIFY(j[1]["need_inner_model"].get<bool>());
        QVERIFY(find_schedule("sgmuniform") != nullptr);
        QVERIFY(find_schedule("nope") == nullptr);
    }

    void samplerRegistry() {
        const std::vector<std::string> want = {"DPM++ 2M",   "DPM++ SDE",    "DPM++ 2M SDE", "DPM++ 2M SDE Heun",
                                               "DPM++ 2S a", "DPM++ 3M SDE", "Euler a",      "Euler",
                                               "LMS",        "Heun",         "DPM2",         "DPM2 a",
                                               "DPM fast",   "DPM adaptive", "Restart",      "DDIM",
                                               "DDIM CFG++", "PLMS",         "UniPC",        "LCM"};
        QCOMPARE(sampler_names(), want);
        QCOMPARE(QString::fromStdString(find_sampler("k_euler_a")->name), QStringLiteral("Euler a"));
        QCOMPARE(QString::fromStdString(find_sampler("k_dpmpp_2m")->name), QStringLiteral("DPM++ 2M"));
        QCOMPARE(QString::fromStdString(find_sampler("euler A")->name), QStringLiteral("Euler a"));

        auto r = resolve_sampler("DPM++ 2M Karras");
        QCOMPARE(QString::fromStdString(r.sampler->name), QStringLiteral("DPM++ 2M"));
        QCOMPARE(QString::fromStdString(r.schedule), QStringLiteral("Automatic"));  // convert_automatic
        QCOMPARE(QString::fromStdString(effective_schedule(*r.sampler, r.schedule)), QStringLiteral("karras"));
        r = resolve_sampler("DPM++ 2M Karras", {}, false);
        QCOMPARE(QString::fromStdString(r.schedule), QStringLiteral("Karras"));
        r = resolve_sampler("Euler a Karras");
        QCOMPARE(QString::fromStdString(r.sampler->name), QStringLiteral("Euler a"));
        QCOMPARE(QString::fromStdString(r.schedule), QStringLiteral("Karras"));
        r = resolve_sampler("DPM++ 2M SDE Heun Karras");
        QCOMPARE(QString::fromStdString(r.sampler->name), QStringLiteral("DPM++ 2M SDE Heun"));
        QCOMPARE(QString::fromStdString(r.schedule), QStringLiteral("Karras"));
        r = resolve_sampler("k_dpmpp_sde_ka");
        QCOMPARE(QString::fromStdString(r.sampler->name), QStringLiteral("DPM++ SDE"));
        QCOMPARE(QString::fromStdString(effective_schedule(*r.sampler, r.schedule)), QStringLiteral("karras"));
        r = resolve_sampler("Euler", "SGMUniform");
        QCOMPARE(QString::fromStdString(r.schedule), QStringLiteral("SGM Uniform"));
        r = resolve_sampler("LMS Karras");
        QCOMPARE(QString::fromStdString(r.schedule), QStringLiteral("Karras"));

        // What "Automatic" means per sampler.
        QCOMPARE(QString::fromStdString(effective_schedule(*find_sampler("Euler"), "Automatic")), QStringLiteral("uniform"));
        QCOMPARE(QString::fromStdString(effective_schedule(*find_sampler("DPM2 a"), "Automatic")), QStringLiteral("karras"));
        QCOMPARE(QString::fromStdString(effective_schedule(*find_sampler("Restart"), "Automatic")), QStringLiteral("karras"));
        QCOMPARE(QString::fromStdString(effective_schedule(*find_sampler("DPM++ 3M SDE"), "Automatic")), QStringLiteral("exponential"));
        QCOMPARE(QString::fromStdString(effective_schedule(*find_sampler("DPM++ 2M SDE"), "")), QStringLiteral("exponential"));
        QCOMPARE(QString::fromStdString(effective_schedule(*find_sampler("DPM++ 2M"), "Exponential")), QStringLiteral("exponential"));

        for (const char* bad : {"Euler b", "DPM++ 9M", ""}) {
            if (std::string(bad).empty()) continue;
            bool threw = false;
            try {
                resolve_sampler(bad);
            } catch (const PipelineError& e) {
                threw = e.code() == "unknown_sampler";
            }
            QVERIFY2(threw, bad);
        }
        bool threw = false;
        try {
            resolve_sampler("Euler", "Karras Plus");
        } catch (const PipelineError& e) {
            threw = e.code() == "unknown_schedule";
        }
        QVERIFY(threw);

        const auto j = sampler_catalog_json();
        QCOMPARE(int(j.size()), 20);
        QCOMPARE(QString::fromStdString(j[0]["name"].get<std::string>()), QStringLiteral("DPM++ 2M"));
        QCOMPARE(QString::fromStdString(j[0]["options"]["scheduler"].get<std::string>()), QStringLiteral("karras"));
        QCOMPARE(QString::fromStdString(j[6]["aliases"][1].get<std::string>()), QStringLiteral("k_euler_ancestral"));
        QVERIFY(j[5]["options"]["discard_next_to_last_sigma"].get<bool>());
        QCOMPARE(QString::fromStdString(j[3]["options"]["solver_type"].get<std::string>()), QStringLiteral("heun"));
    }

    void discardPenultimateSigma() {
        SamplerSpec spec;
        spec.sampler = "DPM2";
        const auto plan = plan_sampling(spec, sd(), 10);
        auto full = schedules::karras(11, sd().sigma_min(), sd().sigma_max());
        full.erase(full.end() - 2);
        expect_close(plan.sigmas, full, 1e-7, "dpm2 sigmas");
        QCOMPARE(QString::fromStdString(plan.infotext_schedule), QStringLiteral("Karras"));
        spec.sampler = "Euler";
        spec.always_discard_next_to_last_sigma = true;
        QCOMPARE(plan_sampling(spec, sd(), 10).sigmas.size(), size_t(11));
        spec.always_discard_next_to_last_sigma = false;
        QCOMPARE(QString::fromStdString(plan_sampling(spec, sd(), 10).infotext_schedule), QStringLiteral("Automatic"));
        spec.schedule = "Uniform";
        QCOMPARE(QString::fromStdString(plan_sampling(spec, sd(), 10).infotext_schedule), QStringLiteral("Uniform"));
    }

    void img2imgSlicing_data() {
        QTest::addColumn<int>("steps");
        QTest::addColumn<double>("strength");
        QTest::newRow("10 x 0.75") << 10 << 0.75;
        QTest::newRow("20 x 0.3") << 20 << 0.3;
        QTest::newRow("7 x 1.0") << 7 << 1.0;
        QTest::newRow("25 x 0.55") << 25 << 0.55;
        QTest::newRow("10 x 0.05") << 10 << 0.05;
    }
    void img2imgSlicing() {
        QFETCH(int, steps);
        QFETCH(double, strength);
        const int t_enc = int(std::floor(std::min(strength, 0.999) * steps));
        for (const auto& name : sampler_names()) {
            SamplerSpec spec;
            spec.sampler = name;
            const auto full = plan_sampling(spec, sd(), steps);
            const auto plan = plan_sampling(spec, sd(), steps, strength);
            QCOMPARE(plan.t_enc.value(), int64_t(t_enc));
            if (plan.sampler->kind == SamplerKind::Timesteps) {
                QCOMPARE(plan.run_timesteps,
                         std::vector<int64_t>(full.timesteps.begin(), full.timesteps.begin() + t_enc));
            } else {
                QCOMPARE(plan.sigmas, full.sigmas);
                QCOMPARE(plan.run_sigmas, std::vector<double>(full.sigmas.begin() + (steps - t_enc - 1), full.sigmas.end()));
                QCOMPARE(int(plan.run_sigmas.size()), t_enc + 2);
            }
        }
        // DDIM/PLMS/UniPC timesteps: range(0, 1000, 1000 // steps) + 1
        SamplerSpec ddim;
        ddim.sampler = "DDIM";
        const auto p = plan_sampling(ddim, sd(), 7);
        QCOMPARE(p.timesteps.size(), size_t(8));
        QCOMPARE(p.timesteps[0], int64_t(1));
        QCOMPARE(p.timesteps[1], int64_t(143));
        QCOMPARE(p.timesteps.back(), int64_t(995));
    }

    // Every schedule type through the engine, per family: SD 2.x checkpoints get SD 1.x's
    // lists (same training betas; A1111 picks the SD 1.5 Align Your Steps table for every
    // non-SDXL model), SDXL its own AYS table and otherwise the same lists. 11 steps are the AYS
    // tables themselves; 6 steps interpolate them.
    void schedulesPerFamily_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<int>("steps");
        for (const char* family : {"sd1", "sd2", "sdxl"})
            for (const std::string& label : schedule_names()) {
                if (label == "Automatic") continue;
                for (int steps : {6, 11})
                    QTest::newRow(qPrintable(QStringLiteral("%1 %2 %3").arg(QLatin1String(family), QString::fromStdString(label)).arg(steps)))
                        << QString::fromLatin1(family) << QString::fromStdString(label) << steps;
            }
    }
    void schedulesPerFamily() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, family);
        QFETCH(QString, schedule);
        QFETCH(int, steps);
        Engine* engine = engineFor(family);
        QVERIFY2(engine, "the checkpoint was not detected as its family");
        std::vector<double> got = engineCallSigmas(*engine, schedule.toStdString(), steps);
        ScheduleOptions o;
        o.sdxl = family == QLatin1String("sdxl");
        std::vector<double> want = compute_schedule(schedule.toStdString(), steps, sd(), o);
        want.pop_back(); // Euler calls the model at every sigma but the last
        expect_close(got, want, 1e-6, qPrintable(schedule));
        if (schedule == QLatin1String("Align Your Steps") && steps == 11) {
            // The published tables themselves (first values differ between SD 1.5 and SDXL).
            const double second = o.sdxl ? 6.315 : 6.475, fifth = o.sdxl ? 1.342 : 1.886;
            QVERIFY(std::fabs(got[1] - second) < 1e-5 && std::fabs(got[4] - fifth) < 1e-5);
        }
    }

    void golden_data() {
        QTest::addColumn<QString>("kase");
        QTest::newRow("euler") << "sd1-euler-10steps-cpu";
        QTest::newRow("euler_a") << "sd1-euler_a-10steps-cpu";
        QTest::newRow("dpmpp_2m") << "sd1-dpmpp_2m-karras-10steps-cpu";
        QTest::newRow("img2img") << "sd1-img2img-euler-s0.75";
        QTest::newRow("inpaint") << "sd1-inpaint-euler-original-onlymasked-pad32";
        QTest::newRow("sdxl") << "sdxl-euler-10steps-cpu";
    }
    void golden() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, kase);
        const auto s = settings(kase);
        QVERIFY(!s.is_null());
        const auto& req = s["api_request"];
        SamplerSpec spec;
        spec.sampler = req.value("sampler_name", "Euler");
        spec.schedule = req.value("scheduler", "Automatic");
        std::optional<double> strength;
        if (s["mode"] != "txt2img") strength = req.value("denoising_strength", 0.75);
        const auto plan = plan_sampling(spec, sd(), req["steps"].get<int>(), strength);
        const auto& r = s["resolved"];
        expect_close(plan.sigmas, r["sigmas"].get<std::vector<double>>(), 1e-6, "sigmas");
        auto calls = r["denoiser_call_sigmas"].get<std::vector<double>>();
        calls.push_back(0.0);
        expect_close(plan.run_sigmas, calls, 1e-6, "run sigmas");
        QCOMPARE(expected_model_calls(plan), r["denoiser_calls"].get<int64_t>());
        if (r.contains("t_enc")) QCOMPARE(plan.t_enc.value(), r["t_enc"].get<int64_t>());
        QCOMPARE(QString::fromStdString(plan.sampler->name), QString::fromStdString(r["sampler_name"].get<std::string>()));
        // The infotext's "Schedule type" (A1111 writes the resolved schedule function's label).
        const std::string info = s["infotexts"][0];
        QVERIFY2(info.find("Schedule type: " + plan.infotext_schedule) != std::string::npos, info.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSigmaSchedules)
#include "tst_sigma_schedules.moc"
