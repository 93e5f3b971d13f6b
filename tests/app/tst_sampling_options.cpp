// A1111's sampler parameters on the way in and out: API request fields, override_settings and
// infotext keys (read as A1111's infotext_to_setting_name_mapping reads them), clear errors for
// wrong types, and infotextFor writing ENSD / "Seed resize from" / sampler keys as A1111 does.
#include "app/cli/generation_options.h"
#include "app/cli/sampling_options.h"
#include "app/jobs/generation_runner.h"
#include "app/metadata/generation_params.h"
#include "app/remote/remote_request.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace latent;

namespace {

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestSamplingOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void apiRequestFieldsAndOverrides() {
        GenerationRequest r;
        const QString e = applyApiRequest(json(R"({
            "prompt": "x", "sampler_name": "Euler", "s_churn": 2, "s_tmin": 0.5, "s_tmax": 0, "s_noise": 0.9,
            "s_min_uncond": 1.5, "seed_resize_from_w": 512, "seed_resize_from_h": 768, "eta": 0.3,
            "override_settings": {
                "eta_ancestral": 0.7, "eta_ddim": 0.2, "s_churn": 1, "s_tmin": 0.1, "s_tmax": 9, "s_noise": 1.01,
                "sigma_min": 0.05, "sigma_max": 12, "rho": 5, "always_discard_next_to_last_sigma": true,
                "sgm_noise_multiplier": 1, "uni_pc_variant": "bh2", "uni_pc_skip_type": "logSNR", "uni_pc_order": 2,
                "uni_pc_lower_order_final": false, "pad_cond_uncond": true, "pad_cond_uncond_v0": false,
                "batch_cond_uncond": false, "s_min_uncond": 3, "s_min_uncond_all": true, "skip_early_cond": 0.2,
                "beta_dist_alpha": 0.5, "beta_dist_beta": 0.7, "initial_noise_multiplier": 0.9,
                "img2img_color_correction": true, "eta_noise_seed_delta": 31337, "use_old_karras_scheduler_sigmas": true
            }})"),
                                          r);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(*r.s_churn, 2.0);
        QCOMPARE(*r.s_tmin, 0.5);
        QCOMPARE(*r.s_tmax, 0.0);
        QCOMPARE(*r.s_noise, 0.9);
        QCOMPARE(*r.s_min_uncond, 1.5);
        QCOMPARE(r.seed_resize_from_w, int64_t(512));
        QCOMPARE(r.seed_resize_from_h, int64_t(768));
        QCOMPARE(*r.eta, 0.3);
        const SamplingSettings& s = r.settings;
        QCOMPARE(s.eta_ancestral, 0.7);
        QCOMPARE(s.eta_ddim, 0.2);
        QCOMPARE(s.s_churn, 1.0);
        QCOMPARE(s.s_tmin, 0.1);
        QCOMPARE(s.s_tmax, 9.0);
        QCOMPARE(s.s_noise, 1.01);
        QCOMPARE(s.sigma_min, 0.05);
        QCOMPARE(s.sigma_max, 12.0);
        QCOMPARE(s.rho, 5.0);
        QVERIFY(s.always_discard_next_to_last_sigma);
        QVERIFY(s.sgm_noise_multiplier);
        QCOMPARE(s.uni_pc_variant, std::string("bh2"));
        QCOMPARE(s.uni_pc_skip_type, std::string("logSNR"));
        QCOMPARE(s.uni_pc_order, 2);
        QVERIFY(!s.uni_pc_lower_order_final);
        QVERIFY(s.pad_cond_uncond);
        QVERIFY(!s.pad_cond_uncond_v0);
        QVERIFY(!s.batch_cond_uncond);
        QCOMPARE(s.s_min_uncond, 3.0);
        QVERIFY(s.s_min_uncond_all);
        QCOMPARE(s.skip_early_cond, 0.2);
        QCOMPARE(s.beta_dist_alpha, 0.5);
        QCOMPARE(s.beta_dist_beta, 0.7);
        QCOMPARE(s.initial_noise_multiplier, 0.9);
        QVERIFY(s.img2img_color_correction);
        QVERIFY(s.use_old_karras_scheduler_sigmas);
        QCOMPARE(r.eta_noise_seed_delta, int64_t(31337));
    }

    // A remote job's body (toApiRequest) carries every sampling setting that differs from
    // A1111's defaults, so the server reads back the same settings; defaults add nothing.
    void remoteBodyCarriesTheSettings() {
        GenerationRequest r;
        QString e = applyApiRequest(json(R"({
            "prompt": "x", "sampler_name": "UniPC", "s_churn": 2, "s_noise": 0.9, "eta": 0.3,
            "override_settings": {
                "eta_ancestral": 0.7, "eta_ddim": 0.2, "s_churn": 1, "s_tmin": 0.1, "s_tmax": 9, "s_noise": 1.01,
                "sigma_min": 0.05, "sigma_max": 12, "rho": 5, "always_discard_next_to_last_sigma": true,
                "sgm_noise_multiplier": 1, "uni_pc_variant": "bh2", "uni_pc_skip_type": "logSNR", "uni_pc_order": 2,
                "uni_pc_lower_order_final": false, "pad_cond_uncond": true, "pad_cond_uncond_v0": true,
                "batch_cond_uncond": false, "s_min_uncond": 3, "s_min_uncond_all": true, "skip_early_cond": 0.2,
                "beta_dist_alpha": 0.5, "beta_dist_beta": 0.7, "initial_noise_multiplier": 0.9,
                "img2img_color_correction": true, "eta_noise_seed_delta": 31337, "use_old_karras_scheduler_sigmas": true,
                "precision": "bf16", "CLIP_stop_at_last_layers": 2, "randn_source": "CPU"
            }})"),
                                    r);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const QJsonObject body = toApiRequest(r, false);
        GenerationRequest back;
        e = applyApiRequest(body, back);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const SamplingSettings &a = r.settings, &b = back.settings;
        QCOMPARE(b.eta_ancestral, a.eta_ancestral);
        QCOMPARE(b.eta_ddim, a.eta_ddim);
        QCOMPARE(b.s_churn, a.s_churn);
        QCOMPARE(b.s_tmin, a.s_tmin);
        QCOMPARE(b.s_tmax, a.s_tmax);
        QCOMPARE(b.s_noise, a.s_noise);
        QCOMPARE(b.sigma_min, a.sigma_min);
        QCOMPARE(b.sigma_max, a.sigma_max);
        QCOMPARE(b.rho, a.rho);
        QCOMPARE(b.beta_dist_alpha, a.beta_dist_alpha);
        QCOMPARE(b.beta_dist_beta, a.beta_dist_beta);
        QCOMPARE(b.always_discard_next_to_last_sigma, a.always_discard_next_to_last_sigma);
        QCOMPARE(b.sgm_noise_multiplier, a.sgm_noise_multiplier);
        QCOMPARE(b.uni_pc_variant, a.uni_pc_variant);
        QCOMPARE(b.uni_pc_skip_type, a.uni_pc_skip_type);
        QCOMPARE(b.uni_pc_order, a.uni_pc_order);
        QCOMPARE(b.uni_pc_lower_order_final, a.uni_pc_lower_order_final);
        QCOMPARE(b.pad_cond_uncond, a.pad_cond_uncond);
        QCOMPARE(b.pad_cond_uncond_v0, a.pad_cond_uncond_v0);
        QCOMPARE(b.batch_cond_uncond, a.batch_cond_uncond);
        QCOMPARE(b.s_min_uncond, a.s_min_uncond);
        QCOMPARE(b.s_min_uncond_all, a.s_min_uncond_all);
        QCOMPARE(b.skip_early_cond, a.skip_early_cond);
        QCOMPARE(b.initial_noise_multiplier, a.initial_noise_multiplier);
        QCOMPARE(b.img2img_color_correction, a.img2img_color_correction);
        QCOMPARE(b.use_old_karras_scheduler_sigmas, a.use_old_karras_scheduler_sigmas);
        QCOMPARE(back.precision, std::string("bf16"));
        QCOMPARE(back.clip_skip, 2);
        QCOMPARE(back.rng, std::string("cpu"));
        QCOMPARE(back.eta_noise_seed_delta, int64_t(31337));
        QCOMPARE(*back.eta, 0.3);
        QCOMPARE(*back.s_churn, 2.0);
        QCOMPARE(*back.s_noise, 0.9);
        // A request with A1111's defaults sends no settings at all.
        GenerationRequest plain;
        plain.rng = "gpu";
        QVERIFY(!toApiRequest(plain, false).contains(QStringLiteral("override_settings")));
    }

    void legacyScheduleSetting() {
        // A1111 1.6-1.8's k_sched_type (lower-case schedule names) when the request names none.
        GenerationRequest r;
        QVERIFY(applyApiRequest(
                    json(R"({"sampler_name": "DPM++ 2M", "override_settings": {"k_sched_type": "exponential"}})"), r)
                    .isEmpty());
        QCOMPARE(r.schedule, std::string("exponential"));
        GenerationRequest q;
        QVERIFY(
            applyApiRequest(json(R"({"scheduler": "Karras", "override_settings": {"k_sched_type": "exponential"}})"), q)
                .isEmpty());
        QCOMPARE(q.schedule, std::string("Karras"));
        // An old infotext's "Schedule type: karras" is read as that schedule.
        GenerationRequest t;
        QVERIFY(applyInfotext(
                    QStringLiteral(
                        "x\nSteps: 4, Sampler: DPM++ 2M, Schedule type: karras, CFG scale: 7, Seed: 1, Size: 64x64"),
                    t)
                    .isEmpty());
        QCOMPARE(QString::fromStdString(t.schedule).toLower(), QStringLiteral("karras"));
    }

    void wrongTypesAreClearErrors_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("needle");
        QTest::newRow("s_churn text") << R"({"s_churn": "lots"})"
                                      << "s_churn";
        QTest::newRow("setting text") << R"({"override_settings": {"eta_ancestral": "x"}})"
                                      << "eta_ancestral";
        QTest::newRow("bool as text") << R"({"override_settings": {"pad_cond_uncond": "yes"}})"
                                      << "pad_cond_uncond";
        QTest::newRow("unipc variant") << R"({"override_settings": {"uni_pc_variant": "bh9"}})"
                                       << "uni_pc_variant";
        QTest::newRow("unipc order") << R"({"override_settings": {"uni_pc_order": 0}})"
                                     << "uni_pc_order";
        QTest::newRow("negative eta") << R"({"override_settings": {"eta_ddim": -1}})"
                                      << "negative";
        QTest::newRow("seed resize") << R"({"seed_resize_from_w": 1.5})"
                                     << "seed_resize_from_w";
        QTest::newRow("precision") << R"({"override_settings": {"precision": "fp16"}})"
                                   << "precision";
    }

    // Not an A1111 setting: override_settings "precision" (fp32 | bf16) chooses what the UNet
    // computes in; the default stays fp32, and the infotext records the engine's "Precision".
    void precisionOverride() {
        GenerationRequest plain;
        QVERIFY(applyApiRequest(json(R"({"prompt": "x"})"), plain).isEmpty());
        QCOMPARE(QString::fromStdString(plain.precision), QStringLiteral("fp32"));
        GenerationRequest bf16;
        QVERIFY(applyApiRequest(json(R"({"override_settings": {"precision": "bf16"}})"), bf16).isEmpty());
        QCOMPARE(QString::fromStdString(bf16.precision), QStringLiteral("bf16"));

        GenerationJobSpec spec;
        spec.request = bf16;
        spec.modelPath = QStringLiteral("tiny.safetensors");
        GenerationResult result;
        result.sampler_name = "Euler";
        result.schedule_type = "Automatic";
        result.images.push_back(GeneratedImage{64, 64, {}, 5, 0, 0});
        result.extra_params = {{"Precision", "bf16"}};
        const QString text = infotextFor(spec, result, 0).toInfotext();
        QVERIFY2(text.contains(QStringLiteral("Precision: bf16, Version: ")), qPrintable(text));
    }
    void wrongTypesAreClearErrors() {
        QFETCH(QString, body);
        QFETCH(QString, needle);
        GenerationRequest r;
        const QString e = applyApiRequest(QJsonDocument::fromJson(body.toUtf8()).object(), r);
        QVERIFY2(e.contains(needle), qPrintable(e));
        // Unknown settings are ignored, as A1111 ignores settings it does not know.
        GenerationRequest ok;
        QVERIFY(applyApiRequest(json(R"({"override_settings": {"not_a_setting": "x"}})"), ok).isEmpty());
    }

    void severalInitImages() {
        // A1111's init_images list: the first image is the init, the rest go to init_images[1:].
        QString init, mask;
        QStringList more;
        GenerationRequest r;
        QVERIFY(applyImg2ImgApiRequest(json(R"({"init_images": ["AAA", "BBB", "CCC"]})"), r, &init, &mask, &more)
                    .isEmpty());
        QCOMPARE(init, QStringLiteral("AAA"));
        QCOMPARE(more, (QStringList{QStringLiteral("BBB"), QStringLiteral("CCC")}));
        // Without a place for more images, a list of several is refused; non-strings always are.
        QVERIFY(!applyImg2ImgApiRequest(json(R"({"init_images": ["AAA", "BBB"]})"), r, &init, &mask).isEmpty());
        more.clear();
        QVERIFY(!applyImg2ImgApiRequest(json(R"({"init_images": ["AAA", 5]})"), r, &init, &mask, &more).isEmpty());
        QVERIFY(!applyImg2ImgApiRequest(json(R"({"init_images": []})"), r, &init, &mask, &more).isEmpty());
        // Repeated --init flags.
        const CliGenerationOptions o = parseGenerationOptions(
            {QStringLiteral("--init"), QStringLiteral("a.png"), QStringLiteral("--init"), QStringLiteral("b.png"),
             QStringLiteral("--init"), QStringLiteral("c.png"), QStringLiteral("--model"), QStringLiteral("m.safetensors"),
             QStringLiteral("--out"), QStringLiteral("out")},
            true);
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(o.initPath, QStringLiteral("a.png"));
        QCOMPARE(o.moreInitPaths, (QStringList{QStringLiteral("b.png"), QStringLiteral("c.png")}));
    }

    void infotextKeys() {
        const QString text = QStringLiteral(
            "a cat\nSteps: 20, Sampler: UniPC, Schedule type: Automatic, CFG scale: 7.0, Seed: 5, Size: 512x768, "
            "Seed resize from: 640x448, ENSD: 31337, Eta: 0.67, Eta DDIM: 0.1, Sigma churn: 1.5, Sigma tmin: 0.2, "
            "Sigma tmax: 8.0, Sigma noise: 1.002, Schedule min sigma: 0.05, Schedule max sigma: 10.0, Schedule rho: "
            "5.0, "
            "Discard penultimate sigma: True, SGM noise multiplier: True, UniPC variant: vary_coeff, "
            "UniPC skip type: time_quadratic, UniPC order: 2, UniPC lower order final: False, NGMS: 2.5, "
            "NGMS all steps: True, Skip Early CFG: 0.1, Pad conds: True, Pad conds v0: True, Noise multiplier: 0.95, "
            "Beta schedule alpha: 0.4, Beta schedule beta: 0.8");
        GenerationRequest r;
        QVERIFY(applyInfotext(text, r).isEmpty());
        const SamplingSettings& s = r.settings;
        QCOMPARE(r.eta_noise_seed_delta, int64_t(31337));
        QCOMPARE(r.seed_resize_from_w, int64_t(640));
        QCOMPARE(r.seed_resize_from_h, int64_t(448));
        QCOMPARE(s.eta_ancestral, 0.67);
        QCOMPARE(s.eta_ddim, 0.1);
        QCOMPARE(s.s_churn, 1.5);
        QCOMPARE(s.s_tmin, 0.2);
        QCOMPARE(s.s_tmax, 8.0);
        QCOMPARE(s.s_noise, 1.002);
        QCOMPARE(s.sigma_min, 0.05);
        QCOMPARE(s.sigma_max, 10.0);
        QCOMPARE(s.rho, 5.0);
        QVERIFY(s.always_discard_next_to_last_sigma);
        QVERIFY(s.sgm_noise_multiplier);
        QCOMPARE(s.uni_pc_variant, std::string("vary_coeff"));
        QCOMPARE(s.uni_pc_skip_type, std::string("time_quadratic"));
        QCOMPARE(s.uni_pc_order, 2);
        QVERIFY(!s.uni_pc_lower_order_final);
        QCOMPARE(s.s_min_uncond, 2.5);
        QVERIFY(s.s_min_uncond_all);
        QCOMPARE(s.skip_early_cond, 0.1);
        QVERIFY(s.pad_cond_uncond);
        QVERIFY(s.pad_cond_uncond_v0);
        QCOMPARE(s.initial_noise_multiplier, 0.95);
        QCOMPARE(s.beta_dist_alpha, 0.4);
        QCOMPARE(s.beta_dist_beta, 0.8);
        // Absent keys keep A1111's defaults.
        GenerationRequest d;
        QVERIFY(applyInfotext(QStringLiteral("x\nSteps: 4, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 64x64"), d)
                    .isEmpty());
        QCOMPARE(d.settings.eta_ancestral, 1.0);
        QCOMPARE(d.settings.uni_pc_variant, std::string("bh1"));
        QVERIFY(!d.settings.pad_cond_uncond);
        QCOMPARE(d.seed_resize_from_w, int64_t(-1));
    }

    void infotextWritesWhatA1111Writes() {
        GenerationJobSpec spec;
        spec.request.prompt = "a cat";
        spec.request.steps = 4;
        spec.request.cfg_scale = 7;
        spec.request.width = spec.request.height = 64;
        spec.request.eta_noise_seed_delta = 31337;
        spec.request.seed_resize_from_w = 640;
        spec.request.seed_resize_from_h = 448;
        spec.request.rng = "cpu";
        spec.modelPath = QStringLiteral("tiny.safetensors");
        GenerationResult result;
        result.sampler_name = "Euler";
        result.schedule_type = "Automatic";
        result.images.push_back(GeneratedImage{64, 64, {}, 5, 0, 0});
        result.extra_params = {{"Sigma churn", "1.5"}, {"Pad conds", "True"}};
        // ENSD only when the sampler used it.
        QString text = infotextFor(spec, result, 0).toInfotext();
        QVERIFY2(!text.contains(QStringLiteral("ENSD")), qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("Size: 64x64, Model: tiny.safetensors, Seed resize from: 640x448, RNG: CPU, "
                                         "Sigma churn: 1.5, Pad conds: True, Version: ")),
            qPrintable(text));
        result.uses_ensd = true;
        text = infotextFor(spec, result, 0).toInfotext();
        QVERIFY2(text.contains(QStringLiteral("Seed resize from: 640x448, ENSD: 31337, RNG: CPU")), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestSamplingOptions)
#include "tst_sampling_options.moc"
