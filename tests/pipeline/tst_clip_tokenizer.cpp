// CLIP BPE tokenizer: reference ids (OpenAI CLIP simple_tokenizer semantics), the vocabulary of
// tiny-sd1-diffusers/tokenizer, the golden cases' token ids, and cleaning rules.
#include "pipeline/tensors/safetensors.h"
#include "pipeline/tokenizers/clip_tokenizer.h"

#include <ATen/ATen.h>

#include "common/golden.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using latent::ClipTokenizer;

namespace {

std::string u8s(const char8_t* s) { return std::string(reinterpret_cast<const char*>(s)); }

QString idsToString(const std::vector<int>& ids) {
    QStringList parts;
    for (int id : ids) parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

struct Case {
    const char8_t* text;
    std::vector<int> ids;
};

// Ids produced by an independent Python implementation of CLIP's simple_tokenizer (html.unescape
// twice, regex-module \p{L}/\p{N}, str.lower(), the 48,894 merges of the bundled vocabulary).
const std::vector<Case>& referenceCases() {
    static const std::vector<Case> cases = {
        {u8"a photo of an astronaut riding a horse on mars", {320, 1125, 539, 550, 18376, 6765, 320, 4558, 525, 7496}},
        {u8"Hello, World! How's it going?", {3306, 267, 1002, 256, 829, 568, 585, 1245, 286}},
        {u8"don't stop; we'll see. I'm here, you're there, they've gone, he'd go", {847, 713, 1691, 282, 649, 1342, 862, 269, 328, 880, 763, 267, 592, 982, 997, 267, 889, 1200, 3601, 267, 797, 1896, 861}},
        {u8"caf\u00E9 cr\u00E8me br\u00FBl\u00E9e \u00FCber na\u00EFve", {15304, 1075, 12138, 614, 711, 127, 119, 75, 13489, 6522, 1516, 1097, 35689, 563}},
        {u8"\u6771\u4EAC\u30BF\u30EF\u30FC \u591C\u666F \u9AD8\u753B\u8CEA", {48338, 21078, 105, 34941, 2429, 107, 30391, 23170, 250, 48132, 363, 165, 104, 246, 20211, 119, 164, 111, 359}},
        {u8"\uD55C\uAD6D\uC5B4 \uD14D\uC2A4\uD2B8", {15197, 250, 31871, 255, 31625, 368, 169, 227, 235, 20305, 39820}},
        {u8"\u041F\u0440\u0438\u0432\u0435\u0442 \u043C\u0438\u0440", {26302, 16370, 29503, 110, 22176, 141, 480, 38018, 16701, 141, 478}},
        {u8"\U0001F431 cat \U0001F600\U0001F600 \U0001F680rocket \u2764\uFE0F", {22979, 2368, 34503, 13542, 8383, 1752}},
        {u8"1234567 3.14159 2nd 10k 1/2", {272, 273, 274, 275, 276, 277, 278, 274, 269, 272, 275, 272, 276, 280, 273, 1764, 272, 271, 330, 272, 270, 273}},
        {u8"tom &amp; jerry &lt;3 &quot;quoted&quot; &#39;x&#39; &#x263A; &amp;amp; &copy &notit; &amp", {2435, 261, 9164, 283, 274, 257, 27706, 257, 262, 343, 262, 8703, 261, 5811, 126, 361, 585, 282, 261}},
        {u8"   lots   of\t\twhitespace\n\nand\r\nnewlines   ", {2958, 539, 4699, 2138, 537, 1218, 3418}},
        {u8"masterpiece, best quality, (ultra-detailed:1.2), 8k uhd, dslr", {12066, 267, 949, 3027, 267, 263, 8118, 268, 12609, 281, 272, 269, 273, 2361, 279, 330, 84, 4414, 267, 33740}},
        {u8"UPPER lower MiXeD \u00C0\u00C9\u00CE \u03A3\u0391\u03A3", {7067, 4909, 6780, 36149, 3459, 127, 362, 139, 225, 138, 109, 139, 480}},
        {u8"x<|endoftext|>y <|startoftext|>", {343, 49407, 344, 49406}},
        {u8"a_b-c.d/e\\f|g~h`i^j", {320, 318, 321, 268, 322, 269, 323, 270, 324, 315, 325, 347, 326, 349, 327, 319, 328, 317, 329}},
        {u8"", {}},
    };
    return cases;
}

} // namespace

class TestClipTokenizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsSharedInstance() {
        const ClipTokenizer& tok = ClipTokenizer::shared();
        QCOMPARE(tok.vocab_size(), ClipTokenizer::kVocabSize);
        QCOMPARE(tok.token_to_id("<|startoftext|>"), 49406);
        QCOMPARE(tok.token_to_id("<|endoftext|>"), 49407);
        QCOMPARE(tok.token_to_id(",</w>"), 267);
        QCOMPARE(&ClipTokenizer::shared(), &tok); // one instance
    }

    void referenceIds_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        int i = 0;
        for (const auto& c : referenceCases())
            QTest::newRow(qPrintable(QStringLiteral("case%1").arg(i++)))
                << QString::fromStdString(u8s(c.text)) << idsToString(c.ids);
    }
    void referenceIds() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto ids = ClipTokenizer::shared().encode(text.toStdString());
        QCOMPARE(idsToString(ids), expected);
    }

    void ftfyCharacterFixes() {
        const ClipTokenizer& tok = ClipTokenizer::shared();
        // curly quotes, ligatures and full-width forms are normalised like ftfy.fix_text does
        QCOMPARE(tok.encode(u8s(u8"don\u2019t \u201Cquoted\u201D")), tok.encode("don't \"quoted\""));
        QCOMPARE(tok.encode(u8s(u8"\uFB01ne \uFB02ower")), tok.encode("fine flower"));
        QCOMPARE(tok.encode(u8s(u8"\uFF21\uFF22\uFF23\u3000\uFF11\uFF12")), tok.encode("ABC 12"));
        QCOMPARE(tok.encode(u8s(u8"a\u0007b\uFEFF")), tok.encode("ab"));
        // entity that yields a curly quote is straightened too
        QCOMPARE(tok.encode("it&rsquo;s"), tok.encode("it's"));
    }

    void cleaning() {
        QCOMPARE(QString::fromStdString(ClipTokenizer::clean_text("  A\t\tB\n\nC  ")), QStringLiteral("a b c"));
        QCOMPARE(QString::fromStdString(ClipTokenizer::clean_text("&amp;amp;")), QStringLiteral("&"));
        QCOMPARE(QString::fromStdString(ClipTokenizer::clean_text(u8s(u8"\u0130I"))),
                 QString::fromStdString(u8s(u8"i\u0307i")));
        QCOMPARE(QString::fromStdString(ClipTokenizer::clean_text(u8s(u8"\u039F\u0394\u039F\u03A3"))),
                 QString::fromStdString(u8s(u8"\u03BF\u03B4\u03BF\u03C2"))); // final sigma
        const auto pieces = ClipTokenizer::pre_tokenize("don't x2 ...!! <|endoftext|>");
        const std::vector<std::string> expected = {"don", "'t", "x", "2", "...!!", "<|endoftext|>"};
        QCOMPARE(pieces, expected);
    }

    void invalidUtf8DoesNotThrow() {
        const std::string bad = std::string("ab\xff\xfe", 4) + "cd\xe2\x82";
        const auto ids = ClipTokenizer::shared().encode(bad);
        QVERIFY(!ids.empty());
    }

    void veryLongText() {
        const ClipTokenizer& tok = ClipTokenizer::shared();
        std::string text;
        for (int i = 0; i < 2000; ++i) text += "a red apple, ";
        const auto ids = tok.encode(text);
        QCOMPARE(ids.size(), std::size_t(2000 * 4));
        for (std::size_t i = 0; i < ids.size(); i += 4) {
            QCOMPARE(ids[i], 320);   // a
            QCOMPARE(ids[i + 3], 267); // ,
        }
        // a single 5,000-character word goes through BPE without blowing up
        const auto one = tok.encode(std::string(5000, 'z'));
        QVERIFY(!one.empty());
        QCOMPARE(QString::fromStdString(tok.decode(one)), QString(5000, QLatin1Char('z')));
    }

    void decodeRoundTrip() {
        const ClipTokenizer& tok = ClipTokenizer::shared();
        const std::string text = u8s(u8"a photo of caf\u00E9 \u6771\u4EAC \U0001F431, 42");
        QCOMPARE(QString::fromStdString(tok.decode(tok.encode(text))),
                 QString::fromStdString(u8s(u8"a photo of caf\u00E9 \u6771\u4EAC \U0001F431, 4 2")));
    }

    void vocabularyMatchesDiffusersTokenizer() {
        LATENT_REQUIRE_GOLDEN();
        const QString dir = latent::test::goldenDir() + QStringLiteral("/tiny-sd1-diffusers/tokenizer/");
        QFile vf(dir + QStringLiteral("vocab.json"));
        QVERIFY(vf.open(QIODevice::ReadOnly));
        const QJsonObject vocab = QJsonDocument::fromJson(vf.readAll()).object();
        const ClipTokenizer& tok = ClipTokenizer::shared();
        QCOMPARE(vocab.size(), ClipTokenizer::kVocabSize);
        int checked = 0;
        for (auto it = vocab.begin(); it != vocab.end(); ++it) {
            const int id = it.value().toInt(-1);
            QVERIFY(id >= 0 && id < tok.vocab_size());
            if (QString::fromStdString(tok.id_to_token(id)) != it.key())
                QFAIL(qPrintable(QStringLiteral("id %1: %2 vs %3").arg(id).arg(it.key(),
                                 QString::fromStdString(tok.id_to_token(id)))));
            QCOMPARE(tok.token_to_id(it.key().toStdString()), id);
            ++checked;
        }
        QCOMPARE(checked, 49408);

        // merges.txt: the same merges in the same order
        QFile mf(dir + QStringLiteral("merges.txt"));
        QVERIFY(mf.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(mf.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        int rank = 0;
        for (const QString& line : lines) {
            if (line.startsWith(QStringLiteral("#version"))) continue;
            const QStringList ab = line.split(QLatin1Char(' '));
            QCOMPARE(ab.size(), 2);
            QCOMPARE(tok.token_to_id((ab[0] + ab[1]).toStdString()), 512 + rank);
            ++rank;
        }
        QCOMPARE(rank, ClipTokenizer::kNumMerges);
    }

    void goldenCaseTokens_data() {
        QTest::addColumn<QString>("caseName");
        QTest::newRow("sd1-euler") << QStringLiteral("sd1-euler-10steps-cpu");
        QTest::newRow("sd1-dpmpp") << QStringLiteral("sd1-dpmpp_2m-karras-10steps-cpu");
        QTest::newRow("sdxl") << QStringLiteral("sdxl-euler-10steps-cpu");
    }
    void goldenCaseTokens() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, caseName);
        const QString dir = latent::test::goldenDir() + QStringLiteral("/cases/") + caseName;
        QFile sf(dir + QStringLiteral("/settings.json"));
        QVERIFY(sf.open(QIODevice::ReadOnly));
        const QJsonObject settings = QJsonDocument::fromJson(sf.readAll()).object();
        const QJsonObject req = settings.value(QStringLiteral("api_request")).toObject();
        const QJsonObject tokens = settings.value(QStringLiteral("resolved")).toObject().value(QStringLiteral("tokens")).toObject();
        const auto file = latent::SafetensorsFile::open((dir + QStringLiteral("/cond.safetensors")).toStdString());
        for (const char* which : {"cond", "uncond"}) {
            const QString text = tokens.value(QLatin1String(which)).toObject()
                                     .value(QStringLiteral("text_of_first_schedule_entry")).toString();
            QVERIFY(!text.isEmpty());
            QCOMPARE(text, req.value(QLatin1String(std::string(which) == "cond" ? "prompt" : "negative_prompt")).toString());
            const at::Tensor ref = file.load(std::string(which) + ".tokens", at::kLong);
            QCOMPARE(ref.numel(), int64_t(77));
            std::vector<int> expected(77, ClipTokenizer::kEos);
            const auto ids = ClipTokenizer::shared().encode(text.toStdString());
            expected[0] = ClipTokenizer::kBos;
            for (std::size_t i = 0; i < ids.size(); ++i) expected[i + 1] = ids[i];
            for (int i = 0; i < 77; ++i) QCOMPARE(int(ref[i].item<int64_t>()), expected[std::size_t(i)]);
        }
    }
};

QTEST_GUILESS_MAIN(TestClipTokenizer)
#include "tst_clip_tokenizer.moc"
