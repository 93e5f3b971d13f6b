// A1111 infotext: golden strings round-trip byte for byte, fields parse to the request's values,
// quoting, multi-line prompts, legacy sampler names, unknown keys, hostile input.
#include "app/metadata/generation_params.h"

#include "common/golden.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using latent::GenerationParams;

namespace {

QJsonObject loadSettings(const QString& caseDir) {
    QFile f(caseDir + QStringLiteral("/settings.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QStringList goldenCases() {
    return QDir(latent::test::goldenDir() + QStringLiteral("/cases"))
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestInfotext : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goldenRoundTrip();
    void goldenFieldsMatchRequest();
    void goldenBuiltFromFields();
    void formatFloatLikePython();
    void quoting_data();
    void quoting();
    void quotedValuesParse();
    void multiLinePrompts();
    void missingNegativePrompt();
    void lastLineNeedsThreeParams();
    void legacySamplerName();
    void unknownKeysKeepOrder();
    void newFieldsGoToCanonicalPlace();
    void hashLists();
    void hostileInput();
    void hugeInputIsCappedAndFast();
};

void TestInfotext::goldenRoundTrip() {
    LATENT_REQUIRE_GOLDEN();
    const QStringList cases = goldenCases();
    QVERIFY2(cases.size() >= 6, "expected the six golden cases");
    int checked = 0;
    for (const QString& c : cases) {
        const QJsonObject s = loadSettings(latent::test::goldenDir() + QStringLiteral("/cases/") + c);
        const QJsonArray infotexts = s.value(QStringLiteral("infotexts")).toArray();
        QVERIFY2(!infotexts.isEmpty(), qPrintable(c));
        for (const auto& v : infotexts) {
            const QString text = v.toString();
            const GenerationParams p = GenerationParams::fromInfotext(text);
            QVERIFY2(p.warnings.isEmpty(), qPrintable(c + QStringLiteral(": ") + p.warnings.join(u'|')));
            QCOMPARE(p.toInfotext(), text);
            // Same text when the bookkeeping of the parse is dropped (pure canonical order).
            GenerationParams fresh = p;
            fresh.parsedKeyOrder.clear();
            fresh.parsedValues.clear();
            QCOMPARE(fresh.toInfotext(), text);
            ++checked;
        }
    }
    QVERIFY(checked >= 6);
}

void TestInfotext::goldenFieldsMatchRequest() {
    LATENT_REQUIRE_GOLDEN();
    for (const QString& c : goldenCases()) {
        const QJsonObject s = loadSettings(latent::test::goldenDir() + QStringLiteral("/cases/") + c);
        const QJsonObject req = s.value(QStringLiteral("api_request")).toObject();
        const QJsonObject res = s.value(QStringLiteral("resolved")).toObject();
        const QJsonObject model = s.value(QStringLiteral("model")).toObject();
        const GenerationParams p =
            GenerationParams::fromInfotext(s.value(QStringLiteral("infotexts")).toArray().at(0).toString());
        QCOMPARE(p.prompt, req.value(QStringLiteral("prompt")).toString());
        QCOMPARE(p.negativePrompt, req.value(QStringLiteral("negative_prompt")).toString());
        QCOMPARE(p.steps.value_or(-1), req.value(QStringLiteral("steps")).toInt());
        QCOMPARE(p.sampler, res.value(QStringLiteral("sampler_name")).toString());
        // A1111 writes the schedule it used: with "Automatic" the sampler's default (DPM++ SDE:
        // Karras), which its extra_generation_params record.
        const QJsonObject extra = res.value(QStringLiteral("extra_generation_params")).toObject();
        QCOMPARE(p.scheduleType, extra.value(QStringLiteral("Schedule type"))
                                     .toString(res.value(QStringLiteral("scheduler")).toString()));
        QCOMPARE(p.cfgScale.value_or(-1), req.value(QStringLiteral("cfg_scale")).toDouble());
        QCOMPARE(p.seed.value_or(-7), qint64(req.value(QStringLiteral("seed")).toInteger()));
        QCOMPARE(p.width.value_or(-1), req.value(QStringLiteral("width")).toInt());
        QCOMPARE(p.height.value_or(-1), req.value(QStringLiteral("height")).toInt());
        QCOMPARE(p.modelHash, model.value(QStringLiteral("model_hash")).toString());
        QCOMPARE(p.modelName, model.value(QStringLiteral("name")).toString());
        QCOMPARE(p.rng, QStringLiteral("CPU"));
        QCOMPARE(p.effectiveRng(), QStringLiteral("CPU"));
        QCOMPARE(p.version, QStringLiteral("v1.10.1"));
        QCOMPARE(p.effectiveClipSkip(), 1);
        if (req.contains(QStringLiteral("denoising_strength")))
            QCOMPARE(p.denoisingStrength.value_or(-1), req.value(QStringLiteral("denoising_strength")).toDouble());
        else
            QVERIFY(!p.denoisingStrength);
        if (req.value(QStringLiteral("inpaint_full_res")).toBool()) {
            QCOMPARE(p.maskBlur.value_or(-1), req.value(QStringLiteral("mask_blur")).toInt());
            QVERIFY(p.inpaintOnlyMasked());
            QCOMPARE(p.inpaintArea, QStringLiteral("Only masked"));
            QCOMPARE(p.maskedAreaPadding.value_or(-1), req.value(QStringLiteral("inpaint_full_res_padding")).toInt());
        } else {
            QVERIFY(!p.maskBlur);
            QVERIFY(!p.inpaintOnlyMasked());
        }
        QVERIFY(p.extras.isEmpty());
    }
}

void TestInfotext::goldenBuiltFromFields() {
    LATENT_REQUIRE_GOLDEN();
    const QJsonObject s = loadSettings(latent::test::goldenDir() +
                                       QStringLiteral("/cases/sd1-inpaint-euler-original-onlymasked-pad32"));
    GenerationParams p;
    p.prompt = QStringLiteral("a photo of an astronaut riding a horse on mars");
    p.negativePrompt = QStringLiteral("blurry, low quality");
    p.version = QStringLiteral("v1.10.1");
    p.steps = 10;
    p.sampler = QStringLiteral("Euler");
    p.scheduleType = QStringLiteral("Automatic");
    p.cfgScale = 7.0;
    p.seed = 42;
    p.width = 128;
    p.height = 128;
    p.modelHash = QStringLiteral("f06e632b51");
    p.modelName = QStringLiteral("tiny-sd1");
    p.denoisingStrength = 0.75;
    p.rng = QStringLiteral("CPU");
    // Fields set in a different order than they are written.
    p.maskedAreaPadding = 32;
    p.inpaintArea = QStringLiteral("Only masked");
    p.maskBlur = 4;
    QCOMPARE(p.toInfotext(), s.value(QStringLiteral("infotexts")).toArray().at(0).toString());
}

void TestInfotext::formatFloatLikePython() {
    QCOMPARE(GenerationParams::formatFloat(7.0), QStringLiteral("7.0"));
    QCOMPARE(GenerationParams::formatFloat(0.75), QStringLiteral("0.75"));
    QCOMPARE(GenerationParams::formatFloat(0.1), QStringLiteral("0.1"));
    QCOMPARE(GenerationParams::formatFloat(-2.5), QStringLiteral("-2.5"));
    QCOMPARE(GenerationParams::formatFloat(1e-5), QStringLiteral("1e-05"));
    QCOMPARE(GenerationParams::formatFloat(0.0001), QStringLiteral("0.0001"));
    QCOMPARE(GenerationParams::formatFloat(1.5e-7), QStringLiteral("1.5e-07"));
    QCOMPARE(GenerationParams::formatFloat(1e16), QStringLiteral("1e+16"));
    QCOMPARE(GenerationParams::formatFloat(1e15), QStringLiteral("1000000000000000.0"));
    QCOMPARE(GenerationParams::formatFloat(123456789.0), QStringLiteral("123456789.0"));
    QCOMPARE(GenerationParams::formatFloat(0.0), QStringLiteral("0.0"));
    QCOMPARE(GenerationParams::formatFloat(1.0 / 3.0), QStringLiteral("0.3333333333333333"));
}

void TestInfotext::quoting_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "Euler a" << "Euler a";
    QTest::newRow("comma") << "a, b" << "\"a, b\"";
    QTest::newRow("colon") << "name: 1a2b" << "\"name: 1a2b\"";
    QTest::newRow("newline") << "x\ny" << "\"x\\ny\"";
    QTest::newRow("quote+comma") << "say \"hi\", ok" << "\"say \\\"hi\\\", ok\"";
    QTest::newRow("backslash+colon") << "C:\\x" << "\"C:\\\\x\"";
    QTest::newRow("control") << QString::fromUtf8("a,\x01") << "\"a,\\u0001\"";
    QTest::newRow("tab") << "a:\tb" << "\"a:\\tb\"";
    QTest::newRow("unicode kept") << QString::fromUtf8("caf\xc3\xa9, \xf0\x9f\x90\xb1") << QString::fromUtf8("\"caf\xc3\xa9, \xf0\x9f\x90\xb1\"");
    QTest::newRow("quote only") << "a\"b" << "a\"b";
    // A leading quote is quoted, or the value would read as the start of a quoted value.
    QTest::newRow("leading quote") << "\"" << "\"\\\"\"";
    QTest::newRow("leading quote+text") << "\"x" << "\"\\\"x\"";
}

void TestInfotext::quoting() {
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(GenerationParams::quote(value), quoted);
    QCOMPARE(GenerationParams::unquote(GenerationParams::quote(value)), value);
}

void TestInfotext::quotedValuesParse() {
    GenerationParams p;
    p.prompt = QStringLiteral("cat");
    p.steps = 20;
    p.sampler = QStringLiteral("Euler a");
    p.cfgScale = 7;
    p.seed = 1;
    p.modelName = QStringLiteral("my, model: v2");
    p.setExtra(QStringLiteral("Hires upscaler"), QStringLiteral("R-ESRGAN 4x+"));
    p.setExtra(QStringLiteral("Note"), QStringLiteral("line1\nline2, \"quoted\" \\ end"));
    p.loraHashes = QStringLiteral("add_detail: 7c6bad76eb54, film: 0123456789ab");
    const QString text = p.toInfotext();
    QVERIFY(text.contains(QStringLiteral("Model: \"my, model: v2\"")));
    QVERIFY(text.contains(QStringLiteral("Lora hashes: \"add_detail: 7c6bad76eb54, film: 0123456789ab\"")));
    QVERIFY(text.contains(QStringLiteral("Note: \"line1\\nline2, \\\"quoted\\\" \\\\ end\"")));
    QCOMPARE(text.count(QLatin1Char('\n')), 1);  // the newline of the value is escaped
    const GenerationParams q = GenerationParams::fromInfotext(text);
    QCOMPARE(q.modelName, p.modelName);
    QCOMPARE(q.loraHashes, p.loraHashes);
    QCOMPARE(q.extra(QStringLiteral("Note")), p.extra(QStringLiteral("Note")));
    QCOMPARE(q.extra(QStringLiteral("Hires upscaler")), QStringLiteral("R-ESRGAN 4x+"));
    QCOMPARE(q.cfgScale.value_or(0), 7.0);
    QCOMPARE(q.toInfotext(), text);
    // A quoted value that is not valid JSON stays as written (A1111 unquote()).
    const GenerationParams r = GenerationParams::fromInfotext(
        QStringLiteral("x\nSteps: 3, Sampler: Euler, CFG scale: 5, Odd: \"a\\qb\""));
    QCOMPARE(r.extra(QStringLiteral("Odd")), QStringLiteral("\"a\\qb\""));
    // A bare value '"' written back bare paired with a later quote and swallowed "Size"
    // (tests/fuzz/fuzz_png_infotext, seed regression-quote-swallows-size).
    const GenerationParams s1 = GenerationParams::fromInfotext(
        QStringLiteral("x\nSteps: 1, CFG scale: 7, Ex: \",Size: 64x64,\"UU: \""));
    QCOMPARE(s1.width.value_or(-1), 64);
    const GenerationParams s2 = GenerationParams::fromInfotext(s1.toInfotext());
    QCOMPARE(s2.width.value_or(-1), 64);
    QCOMPARE(s2.height.value_or(-1), 64);
    QCOMPARE(s2.extra(QStringLiteral("Ex")), QStringLiteral("\""));
    QCOMPARE(s2.toInfotext(), s1.toInfotext());
}

void TestInfotext::multiLinePrompts() {
    const QString text = QStringLiteral(
        "masterpiece, a castle\non a hill,\n  (sunset:1.2)  \nNegative prompt: blurry\nlowres, ugly\n"
        "Steps: 20, Sampler: Euler a, Schedule type: Automatic, CFG scale: 7, Seed: 965400086, "
        "Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Clip skip: 2, Version: v1.10.1");
    const GenerationParams p = GenerationParams::fromInfotext(text);
    QCOMPARE(p.prompt, QStringLiteral("masterpiece, a castle\non a hill,\n(sunset:1.2)"));
    QCOMPARE(p.negativePrompt, QStringLiteral("blurry\nlowres, ugly"));
    QCOMPARE(p.width.value_or(0), 512);
    QCOMPARE(p.height.value_or(0), 768);
    QCOMPARE(p.seed.value_or(0), 965400086);
    QCOMPARE(p.clipSkip.value_or(0), 2);
    QCOMPARE(p.cfgScale.value_or(0), 7.0);
    QCOMPARE(p.modelHash, QStringLiteral("6ce0161689"));
    // Integers stay integers ("CFG scale: 7", not "7.0") while unchanged.
    const QString expected = QString(text).replace(QStringLiteral("\n  (sunset:1.2)  \n"),
                                                    QStringLiteral("\n(sunset:1.2)\n"));
    QCOMPARE(p.toInfotext(), expected);
    // Windows line ends parse the same.
    const GenerationParams crlf = GenerationParams::fromInfotext(QString(text).replace(u'\n', QStringLiteral("\r\n")));
    QCOMPARE(crlf.prompt, p.prompt);
    QCOMPARE(crlf.negativePrompt, p.negativePrompt);
    QCOMPARE(crlf.version, QStringLiteral("v1.10.1"));
    QCOMPARE(crlf.toInfotext(), expected);
    GenerationParams changed = p;
    changed.cfgScale = 7.5;
    QVERIFY(changed.toInfotext().contains(QStringLiteral(", CFG scale: 7.5, Seed: 965400086,")));
}

void TestInfotext::missingNegativePrompt() {
    GenerationParams p;
    p.prompt = QStringLiteral("a dog");
    p.steps = 25;
    p.sampler = QStringLiteral("DPM++ 2M");
    p.scheduleType = QStringLiteral("Karras");
    p.cfgScale = 4.5;
    p.seed = 7;
    p.width = 1024;
    p.height = 1024;
    const QString text = p.toInfotext();
    QCOMPARE(text, QStringLiteral("a dog\nSteps: 25, Sampler: DPM++ 2M, Schedule type: Karras, "
                                  "CFG scale: 4.5, Seed: 7, Size: 1024x1024"));
    QVERIFY(!text.contains(QStringLiteral("Negative prompt")));
    const GenerationParams q = GenerationParams::fromInfotext(text);
    QVERIFY(q.negativePrompt.isEmpty());
    QCOMPARE(q.prompt, QStringLiteral("a dog"));
    QCOMPARE(q.toInfotext(), text);
    // Empty prompt: the text starts with the parameter line (A1111 strips the leading newline).
    GenerationParams e = q;
    e.prompt.clear();
    QVERIFY(e.toInfotext().startsWith(QStringLiteral("Steps: 25,")));
    QCOMPARE(GenerationParams::fromInfotext(e.toInfotext()).steps.value_or(0), 25);
}

void TestInfotext::lastLineNeedsThreeParams() {
    // Two matches only: the last line is part of the prompt, A1111 re_param rule.
    const GenerationParams p = GenerationParams::fromInfotext(QStringLiteral("a cat\nStyle: one, Mood: calm"));
    QCOMPARE(p.prompt, QStringLiteral("a cat\nStyle: one, Mood: calm"));
    QVERIFY(!p.steps);
    QVERIFY(p.extras.isEmpty());
    const GenerationParams q = GenerationParams::fromInfotext(QStringLiteral("a cat\nStyle: one, Mood: calm, Steps: 4"));
    QCOMPARE(q.prompt, QStringLiteral("a cat"));
    QCOMPARE(q.steps.value_or(0), 4);
    QCOMPARE(q.extras.size(), 2);
    QCOMPARE(q.extras[0].first, QStringLiteral("Style"));
}

void TestInfotext::legacySamplerName() {
    const QString text = QStringLiteral("girl\nNegative prompt: ugly\nSteps: 20, Sampler: DPM++ 2M Karras, "
                                        "CFG scale: 7, Seed: 1, Size: 512x512, Model hash: 45dee52b");
    GenerationParams p = GenerationParams::fromInfotext(text);
    QCOMPARE(p.sampler, QStringLiteral("DPM++ 2M"));
    QCOMPARE(p.scheduleType, QStringLiteral("Karras"));
    QCOMPARE(p.modelHash, QStringLiteral("45dee52b"));
    QCOMPARE(p.toInfotext(), text);  // unchanged legacy text stays legacy
    p.steps = 30;
    QVERIFY(p.toInfotext().contains(QStringLiteral("Steps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7")));
    p.scheduleType = QStringLiteral("Exponential");
    QVERIFY(p.toInfotext().contains(QStringLiteral("Sampler: DPM++ 2M, Schedule type: Exponential, CFG scale: 7")));

    QString name, sched;
    QVERIFY(GenerationParams::splitLegacySampler(QStringLiteral("DPM++ SDE sgm_uniform"), &name, &sched));
    QCOMPARE(name, QStringLiteral("DPM++ SDE"));
    QCOMPARE(sched, QStringLiteral("SGM Uniform"));
    QVERIFY(GenerationParams::splitLegacySampler(QStringLiteral("Euler SGMUniform"), &name, &sched));
    QCOMPARE(sched, QStringLiteral("SGM Uniform"));
    QVERIFY(!GenerationParams::splitLegacySampler(QStringLiteral("Euler a"), &name, &sched));
    QVERIFY(!GenerationParams::splitLegacySampler(QStringLiteral("DDIM"), &name, &sched));
    QVERIFY(!GenerationParams::splitLegacySampler(QStringLiteral("DPM++ 2M SDE"), &name, &sched));

    // An explicit schedule type wins over the suffix.
    const GenerationParams q = GenerationParams::fromInfotext(
        QStringLiteral("x\nSteps: 5, Sampler: Euler Karras, Schedule type: Uniform, CFG scale: 3"));
    QCOMPARE(q.sampler, QStringLiteral("Euler"));
    QCOMPARE(q.scheduleType, QStringLiteral("Uniform"));
}

void TestInfotext::unknownKeysKeepOrder() {
    const QString text = QStringLiteral(
        "p\nSteps: 30, Sampler: Euler, Schedule type: Automatic, CFG scale: 6.5, Seed: 3, Size: 832x1216, "
        "Model hash: aaaaaaaaaa, Model: sdxl, Denoising strength: 0.4, ADetailer model: face_yolov8n.pt, "
        "Hires upscale: 1.5, Hires upscaler: \"4x-UltraSharp, v2\", Lora hashes: \"a: 111111111111\", "
        "Zeta: 1, Emphasis: No norm, Version: v1.9.4");
    GenerationParams p = GenerationParams::fromInfotext(text);
    QVERIFY2(p.warnings.isEmpty(), qPrintable(p.warnings.join(u'|')));
    QCOMPARE(p.extras.size(), 5);
    QCOMPARE(p.extras[0], qMakePair(QStringLiteral("ADetailer model"), QStringLiteral("face_yolov8n.pt")));
    QCOMPARE(p.extras[2], qMakePair(QStringLiteral("Hires upscaler"), QStringLiteral("4x-UltraSharp, v2")));
    QCOMPARE(p.extras[4], qMakePair(QStringLiteral("Emphasis"), QStringLiteral("No norm")));
    QCOMPARE(p.loraHashes, QStringLiteral("a: 111111111111"));
    QCOMPARE(p.toInfotext(), text);
    p.setExtra(QStringLiteral("Zeta"), QStringLiteral("2"));
    QVERIFY(p.toInfotext().contains(QStringLiteral("\"a: 111111111111\", Zeta: 2, Emphasis: No norm")));
}

void TestInfotext::newFieldsGoToCanonicalPlace() {
    GenerationParams p = GenerationParams::fromInfotext(
        QStringLiteral("p\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 5, Size: 512x512, Model: m, Version: v1.10.1"));
    p.modelHash = QStringLiteral("0123456789");  // belongs between Size and Model
    p.clipSkip = 2;                              // after Model (Denoising etc. absent)
    p.subseed = 99;
    p.subseedStrength = 0.3;
    QCOMPARE(p.toInfotext(),
             QStringLiteral("p\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 5, Size: 512x512, "
                            "Model hash: 0123456789, Model: m, Variation seed: 99, "
                            "Variation seed strength: 0.3, Clip skip: 2, Version: v1.10.1"));
}

void TestInfotext::hashLists() {
    const auto pairs = GenerationParams::parseHashList(QStringLiteral("add_detail: 7c6bad76eb54, my:lora: abcdefabcdef"));
    QCOMPARE(pairs.size(), 2);
    QCOMPARE(pairs[0].first, QStringLiteral("add_detail"));
    QCOMPARE(pairs[0].second, QStringLiteral("7c6bad76eb54"));
    QCOMPARE(pairs[1].first, QStringLiteral("my:lora"));
    QCOMPARE(GenerationParams::formatHashList(pairs), QStringLiteral("add_detail: 7c6bad76eb54, my:lora: abcdefabcdef"));
}

void TestInfotext::hostileInput() {
    const GenerationParams p = GenerationParams::fromInfotext(QStringLiteral(
        "x\nSteps: 1000000000, Sampler: Euler, CFG scale: nan, Seed: 99999999999999999999999, "
        "Size: 100000x100000, Model: ../../model, VAE: C:\\vae\\evil.pt, Denoising strength: 7, "
        "Clip skip: -3, Mask blur: 99999, Seed resize from: 513x77, Tiling: maybe, Empty: ,"
        "Batch size: 0"));
    QCOMPARE(p.steps.value_or(0), 1000);
    QVERIFY(!p.cfgScale);
    QVERIFY(!p.seed);
    QCOMPARE(p.width.value_or(0), 8192);
    QCOMPARE(p.height.value_or(0), 8192);
    QCOMPARE(p.modelName, QStringLiteral("model"));
    QCOMPARE(p.vaeName, QStringLiteral("evil.pt"));
    QCOMPARE(p.denoisingStrength.value_or(-1), 1.0);
    QCOMPARE(p.clipSkip.value_or(0), 1);
    QCOMPARE(p.maskBlur.value_or(0), GenerationParams::kMaxMaskBlur);
    QCOMPARE(p.seedResizeFromW.value_or(0), 512);
    QCOMPARE(p.seedResizeFromH.value_or(0), 72);
    QVERIFY(!p.tiling);
    QCOMPARE(p.batchSize.value_or(0), 1);
    QVERIFY2(p.warnings.size() >= 12, qPrintable(p.warnings.join(u'|')));
    // Clamped values are written as clamped, not as the original text.
    const QString out = p.toInfotext();
    QVERIFY(out.contains(QStringLiteral("Steps: 1000,")));
    QVERIFY(out.contains(QStringLiteral("Size: 8192x8192")));
    QVERIFY(out.contains(QStringLiteral("Model: model")));
    QVERIFY(!out.contains(QStringLiteral("..")));
    QVERIFY(!out.contains(QStringLiteral("Empty")));

    // Unterminated quote, stray quotes, NUL, bidi controls: no crash, something sensible.
    const GenerationParams q = GenerationParams::fromInfotext(
        QStringLiteral("a\u202Eb\nSteps: 2, Sampler: \"Euler, CFG scale: 3, Seed: \"\", X: \"\\u12\""));
    QCOMPARE(q.prompt, QStringLiteral("a\u202Eb"));
    QCOMPARE(q.steps.value_or(0), 2);
    QVERIFY(!GenerationParams::fromInfotext(QString()).steps);
    QVERIFY(GenerationParams::fromInfotext(QStringLiteral("\n\n\n")).prompt.isEmpty());
    const GenerationParams n = GenerationParams::fromInfotext(
        QStringLiteral("a") + QChar(0) + QStringLiteral("b\nSteps: 1, Seed: 2, Sampler: Euler"));
    QCOMPARE(n.seed.value_or(0), 2);
}

void TestInfotext::hugeInputIsCappedAndFast() {
    QElapsedTimer t;
    t.start();
    // 10 MB prompt: only 64 KiB is read.
    const QString big = QString(10 * 1024 * 1024, QLatin1Char('a')) +
                        QStringLiteral("\nSteps: 20, Sampler: Euler, CFG scale: 7");
    const GenerationParams p = GenerationParams::fromInfotext(big);
    QCOMPARE(p.prompt.size(), GenerationParams::kMaxInfotextChars);
    QVERIFY(!p.warnings.isEmpty());
    // A 64 KiB last line that looks like a key but never has a colon (regex worst case).
    QString line;
    for (int i = 0; i < 6000; ++i) line += QStringLiteral("word word ");
    const GenerationParams q = GenerationParams::fromInfotext(QStringLiteral("p\n") + line.left(60000));
    QVERIFY(!q.steps);
    // Many keys.
    QString many = QStringLiteral("p\n");
    for (int i = 0; i < 5000; ++i) many += QStringLiteral("K%1: %1, ").arg(i);
    const GenerationParams r = GenerationParams::fromInfotext(many);
    QVERIFY(r.extras.size() > 1000);
    const qint64 ms = t.elapsed();
    qInfo("hostile parses took %lld ms", ms);
    QVERIFY2(ms < 20000, "parsing hostile input must stay fast");
}

QTEST_GUILESS_MAIN(TestInfotext)
#include "tst_infotext.moc"
