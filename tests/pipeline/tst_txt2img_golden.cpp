// End-to-end txt2img against ../shared/golden: every txt2img case (SD1 Euler, Euler a,
// DPM++ 2M Karras; SDXL Euler) is reproduced within the fixtures' tolerances, compared in the
// README's order (cond → noise → x_start → steps.denoised → steps.x → samples → output.png).
#include "common/golden.h"

#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

GenerationRequest requestFor(const QJsonObject& settings) {
    const QJsonObject api = settings.value(QStringLiteral("api_request")).toObject();
    GenerationRequest r;
    r.prompt = api.value(QStringLiteral("prompt")).toString().toStdString();
    r.negative_prompt = api.value(QStringLiteral("negative_prompt")).toString().toStdString();
    r.seed = api.value(QStringLiteral("seed")).toInteger();
    r.steps = api.value(QStringLiteral("steps")).toInt();
    r.cfg_scale = api.value(QStringLiteral("cfg_scale")).toDouble();
    r.width = api.value(QStringLiteral("width")).toInt();
    r.height = api.value(QStringLiteral("height")).toInt();
    r.batch_size = api.value(QStringLiteral("batch_size")).toInt(1);
    r.sampler = api.value(QStringLiteral("sampler_name")).toString().toStdString();
    r.schedule = api.value(QStringLiteral("scheduler")).toString(QStringLiteral("Automatic")).toStdString();
    const QString rng = settings.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("randn_source")).toString();
    r.rng = rng.toLower().toStdString();
    return r;
}

// rel L2 ≤ 1e-4 and max abs ≤ 1e-3·max|ref| (latents); or max abs ≤ `absTol` when given.
void compareTensor(const char* name, const at::Tensor& got, const at::Tensor& ref, double absTol = -1) {
    QVERIFY2(got.defined(), name);
    QVERIFY2(got.sizes().equals(ref.sizes()),
             qPrintable(QStringLiteral("%1: shape mismatch").arg(QLatin1String(name))));
    const at::Tensor diff = (got.to(at::kDouble) - ref.to(at::kDouble));
    const double maxAbs = diff.abs().max().item<double>();
    if (absTol >= 0) {
        QVERIFY2(maxAbs <= absTol, qPrintable(QStringLiteral("%1: max abs %2 > %3").arg(QLatin1String(name)).arg(maxAbs).arg(absTol)));
        return;
    }
    const double refNorm = ref.to(at::kDouble).norm().item<double>();
    const double rel = diff.norm().item<double>() / std::max(refNorm, 1e-30);
    const double maxRef = ref.abs().max().item<double>();
    QVERIFY2(rel <= 1e-4, qPrintable(QStringLiteral("%1: rel L2 %2 > 1e-4").arg(QLatin1String(name)).arg(rel)));
    QVERIFY2(maxAbs <= 1e-3 * maxRef,
             qPrintable(QStringLiteral("%1: max abs %2 > 1e-3·%3").arg(QLatin1String(name)).arg(maxAbs).arg(maxRef)));
}

} // namespace

class TestTxt2ImgGolden : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cases_data() {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("model");
        QTest::newRow("sd1-euler") << QStringLiteral("sd1-euler-10steps-cpu") << QStringLiteral("tiny-sd1.safetensors");
        QTest::newRow("sd1-euler_a") << QStringLiteral("sd1-euler_a-10steps-cpu") << QStringLiteral("tiny-sd1.safetensors");
        QTest::newRow("sd1-dpmpp_2m-karras") << QStringLiteral("sd1-dpmpp_2m-karras-10steps-cpu")
                                             << QStringLiteral("tiny-sd1.safetensors");
        QTest::newRow("sdxl-euler") << QStringLiteral("sdxl-euler-10steps-cpu") << QStringLiteral("tiny-sdxl.safetensors");
        QTest::newRow("sd1-euler-diffusers-folder") << QStringLiteral("sd1-euler-10steps-cpu")
                                                    << QStringLiteral("tiny-sd1-diffusers");
        QTest::newRow("sd1-dpmpp_2m_sde-karras")
            << QStringLiteral("sd1-dpmpp_2m_sde-karras-10steps-cpu") << QStringLiteral("tiny-sd1.safetensors");
        QTest::newRow("sd1-dpmpp_sde-batch2")
            << QStringLiteral("sd1-dpmpp_sde-10steps-batch2-cpu") << QStringLiteral("tiny-sd1.safetensors");
        QTest::newRow("sd1-euler-long-prompt")
            << QStringLiteral("sd1-euler-long-prompt-10steps-cpu") << QStringLiteral("tiny-sd1.safetensors");
    }

    void cases() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, caseName);
        QFETCH(QString, model);
        const QString caseDir = latent::test::goldenDir() + QStringLiteral("/cases/") + caseName;
        const QJsonObject settings = readJson(caseDir + QStringLiteral("/settings.json"));
        QVERIFY(!settings.isEmpty());

        Engine engine("cpu");
        engine.load_model((latent::test::goldenDir() + QLatin1Char('/') + model).toStdString());
        QTemporaryDir out;
        const GenerationRequest request = requestFor(settings);
        const GenerationResult result = engine.txt2img(request, {}, out.path().toStdString());
        const QJsonObject resolved = settings.value(QStringLiteral("resolved")).toObject();
        const QJsonArray images = settings.value(QStringLiteral("images")).toArray();
        QCOMPARE(result.images.size(), size_t(images.size()));
        const QJsonArray seeds = resolved.value(QStringLiteral("seeds")).toArray();
        for (qsizetype i = 0; i < seeds.size(); ++i) QCOMPARE(result.images[i].seed, seeds[i].toInteger());

        const auto refCond = SafetensorsFile::open((caseDir + QStringLiteral("/cond.safetensors")).toStdString());
        const auto refLat = SafetensorsFile::open((caseDir + QStringLiteral("/latents.safetensors")).toStdString());
        const auto gotCond = SafetensorsFile::open(out.filePath(QStringLiteral("cond.safetensors")).toStdString());
        const auto gotLat = SafetensorsFile::open(out.filePath(QStringLiteral("latents.safetensors")).toStdString());

        for (const char* name : {"cond.crossattn", "uncond.crossattn", "cond.vector", "uncond.vector"}) {
            if (!refCond.contains(name)) continue;
            compareTensor(name, gotCond.load(name, at::kFloat), refCond.load(name, at::kFloat), 1e-4);
        }
        QVERIFY(at::equal(gotCond.load("cond.tokens", at::kLong), refCond.load("cond.tokens", at::kLong)));
        QVERIFY(at::equal(gotCond.load("uncond.tokens", at::kLong), refCond.load("uncond.tokens", at::kLong)));
        compareTensor("noise", gotLat.load("noise", at::kFloat), refLat.load("noise", at::kFloat), 1e-5);
        compareTensor("rng_draws", gotLat.load("rng_draws", at::kFloat), refLat.load("rng_draws", at::kFloat), 1e-5);
        for (const char* name : {"x_start", "steps.denoised", "steps.x", "samples"})
            compareTensor(name, gotLat.load(name, at::kFloat), refLat.load(name, at::kFloat));
        // settings.json: how many draws the generators gave, and every model evaluation's sigma.
        QCOMPARE(gotLat.load("rng_draws", at::kFloat).size(0), resolved.value(QStringLiteral("rng_draws")).toInteger());
        const at::Tensor callSigmas = gotLat.load("denoiser_call_sigmas", at::kDouble);
        const QJsonArray refSigmas = resolved.value(QStringLiteral("denoiser_call_sigmas")).toArray();
        QCOMPARE(callSigmas.size(0), resolved.value(QStringLiteral("denoiser_calls")).toInteger());
        QCOMPARE(callSigmas.size(0), refSigmas.size());
        for (qsizetype i = 0; i < refSigmas.size(); ++i) {
            const double want = refSigmas[i].toDouble(), got = callSigmas[i].item<double>();
            QVERIFY2(std::fabs(got - want) <= 1e-6 * std::max(1.0, want),
                     qPrintable(
                         QStringLiteral("call %1: sigma %2 vs %3").arg(i).arg(got, 0, 'g', 10).arg(want, 0, 'g', 10)));
        }
        // A1111's UNet calls: cond and uncond in one batch when their lengths agree, else one
        // call for the cond rows and one for the uncond rows (tokens = the context length).
        const at::Tensor unetCalls = gotLat.load("unet_calls", at::kLong);
        const int64_t condTokens = refCond.load("cond.crossattn", at::kFloat).size(1);
        const int64_t uncondTokens = refCond.load("uncond.crossattn", at::kFloat).size(1);
        const int64_t B = request.batch_size;
        const int64_t perCall = condTokens == uncondTokens ? 1 : 2;
        QCOMPARE(unetCalls.size(0), callSigmas.size(0) * perCall);
        for (int64_t k = 0; k < unetCalls.size(0); ++k) {
            const auto row = unetCalls[k];
            QCOMPARE(row[0].item<int64_t>(), k / perCall);
            if (perCall == 1) {
                QCOMPARE(row[2].item<int64_t>(), 2 * B);
                QCOMPARE(row[3].item<int64_t>(), condTokens);
            } else {
                QCOMPARE(row[1].item<int64_t>(), k % 2 == 0 ? 0 : B);
                QCOMPARE(row[2].item<int64_t>(), B);
                QCOMPARE(row[3].item<int64_t>(), k % 2 == 0 ? condTokens : uncondTokens);
            }
        }

        // output.png (output_1.png, ...): ≤ 2 levels everywhere and ≤ 1 % of the values differ at all.
        for (qsizetype k = 0; k < images.size(); ++k) {
            QImage ref(caseDir + QLatin1Char('/') + images[k].toString());
            QVERIFY(!ref.isNull());
            ref = ref.convertToFormat(QImage::Format_RGB888);
            const GeneratedImage& img = result.images[size_t(k)];
            QCOMPARE(int(img.width), ref.width());
            QCOMPARE(int(img.height), ref.height());
            int maxDiff = 0;
            qint64 differing = 0;
            for (int y = 0; y < ref.height(); ++y) {
                const uchar* row = ref.constScanLine(y);
                for (int x = 0; x < ref.width() * 3; ++x) {
                    const int d = std::abs(int(row[x]) - int(img.rgb[size_t(y) * ref.width() * 3 + x]));
                    maxDiff = std::max(maxDiff, d);
                    differing += d != 0;
                }
            }
            const double fraction = double(differing) / (ref.width() * ref.height() * 3);
            QVERIFY2(maxDiff <= 2, qPrintable(QStringLiteral("max pixel diff %1").arg(maxDiff)));
            QVERIFY2(fraction <= 0.01, qPrintable(QStringLiteral("%1 % of values differ").arg(fraction * 100)));
        }
    }

    void batchAgreesWithSingleImages() {
        LATENT_REQUIRE_GOLDEN();
        Engine engine("cpu");
        engine.load_model((latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString());
        GenerationRequest r;
        r.prompt = "a cat";
        r.seed = 7;
        r.steps = 4;
        r.width = r.height = 64;
        r.sampler = "Euler a";
        r.rng = "cpu";
        r.batch_size = 2;
        const auto batch = engine.txt2img(r);
        QCOMPARE(batch.images.size(), size_t(2));
        QCOMPARE(batch.images[1].seed, int64_t(8));
        r.batch_size = 1;
        r.seed = 8;
        const auto single = engine.txt2img(r);
        int maxDiff = 0;
        for (size_t i = 0; i < single.images[0].rgb.size(); ++i)
            maxDiff = std::max(maxDiff, std::abs(int(single.images[0].rgb[i]) - int(batch.images[1].rgb[i])));
        QVERIFY2(maxDiff <= 1, qPrintable(QString::number(maxDiff)));
        // Same seed twice: identical bytes.
        const auto again = engine.txt2img(r);
        QVERIFY(again.images[0].rgb == single.images[0].rgb);
    }

    void cancelStopsWithinOneStep() {
        LATENT_REQUIRE_GOLDEN();
        Engine engine("cpu");
        engine.load_model((latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString());
        GenerationRequest r;
        r.prompt = "a cat";
        r.seed = 1;
        r.steps = 20;
        r.width = r.height = 64;
        int steps = 0;
        GenerationCallbacks cb;
        cb.on_progress = [&](const GenerationProgress& p) { steps = int(p.step); };
        cb.cancelled = [&] { return steps >= 3; };
        bool cancelled = false;
        try {
            engine.txt2img(r, cb);
        } catch (const PipelineError& e) {
            cancelled = e.code() == "cancelled";
        }
        QVERIFY(cancelled);
        QCOMPARE(steps, 3);
    }
};

QTEST_GUILESS_MAIN(TestTxt2ImgGolden)
#include "tst_txt2img_golden.moc"
