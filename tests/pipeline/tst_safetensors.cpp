// Strict safetensors reader/writer: round trips and SAFETY.md §2 cases 1-11.
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <sys/resource.h>

using namespace latent;

namespace {

std::string le8(uint64_t n) {
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i) s[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    return s;
}

// A file made of the 8-byte length, `header` and `data_len` bytes of data (pattern).
std::string rawFile(const std::string& header, std::size_t data_len, std::optional<uint64_t> n = std::nullopt) {
    std::string out = le8(n ? *n : header.size()) + header;
    for (std::size_t i = 0; i < data_len; ++i) out += static_cast<char>(i * 7 + 1);
    return out;
}

long maxRssKb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    std::string path(const char* name) const { return QDir(tmp_.path()).filePath(name).toStdString(); }

    std::string writeBytes(const char* name, const std::string& bytes) {
        const std::string p = path(name);
        QFile f(QString::fromStdString(p));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", p.c_str());
        f.write(bytes.data(), static_cast<qint64>(bytes.size()));
        f.close();
        return p;
    }

    // Expects SafetensorsFile::open to throw PipelineError with `code`; returns the message.
    std::string expectOpenError(const std::string& p, const std::string& code) {
        try {
            SafetensorsFile::open(p);
        } catch (const PipelineError& e) {
            if (e.code() != code) {
                const std::string m = "expected code " + code + ", got " + e.code() + ": " + e.what();
                QTest::qFail(m.c_str(), __FILE__, __LINE__);
                return "<wrong code " + e.code() + ">";
            }
            return e.what();
        } catch (const std::exception& e) {
            const std::string m = std::string("unexpected exception type: ") + e.what();
            QTest::qFail(m.c_str(), __FILE__, __LINE__);
            return "<wrong exception>";
        }
        const std::string m = "no exception (expected " + code + ") for " + p;
        QTest::qFail(m.c_str(), __FILE__, __LINE__);
        return "<no exception>";
    }

    std::string headerError(const std::string& header, std::size_t data_len, const std::string& code) {
        return expectOpenError(writeBytes("case.safetensors", rawFile(header, data_len)), code);
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void roundTripAllDtypes() {
        at::manual_seed(1);
        std::vector<std::pair<std::string, at::Tensor>> ts = {
            {"f32", at::randn({3, 4})},
            {"f16", at::randn({5}).to(at::kHalf)},
            {"bf16", at::randn({2, 3}).to(at::kBFloat16)},
            {"f64", at::randn({2, 2}, at::kDouble)},
            {"i8", at::randint(-100, 100, {7}, at::kChar)},
            {"i16", at::randint(-1000, 1000, {3}, at::kShort)},
            {"i32", at::randint(-100000, 100000, {3}, at::kInt)},
            {"i64", at::arange(0, 77, at::kLong).unsqueeze(0)},
            {"u8", at::randint(0, 255, {4}, at::kByte)},
            {"bool", at::randn({6}).gt(0)},
            {"c64", at::randn({2}, at::kComplexFloat)},
            {"scalar", at::scalar_tensor(3.5f)},
            {"empty", at::zeros({0, 3})},
            {"name with \"quotes\", \\ and \xc3\xa9", at::ones({1})},
            {"transposed", at::randn({3, 2}).t()},  // non-contiguous input
        };
        std::map<std::string, std::string> meta = {{"format", "pt"}, {"json", "{\"a\": [1,2]}"}, {"empty", ""}};
        const std::string p = path("rt.safetensors");
        write_safetensors(p, ts, meta);

        QFile raw(QString::fromStdString(p));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray bytes = raw.readAll();
        uint64_t n = 0;
        for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<uint8_t>(bytes[i]);
        QCOMPARE(n % 8, 0u);
        QCOMPARE(bytes[8], '{');
        QVERIFY(bytes.mid(8, static_cast<int>(n)).trimmed().endsWith('}'));

        auto f = SafetensorsFile::open(p);
        QCOMPARE(f.data_offset(), 8 + n);
        QCOMPARE(f.file_size(), static_cast<uint64_t>(bytes.size()));
        QCOMPARE(f.tensors().size(), ts.size());
        QVERIFY(f.metadata() == meta);
        QVERIFY(!f.contains("missing"));
        QVERIFY(f.find("missing") == nullptr);
        for (const auto& [name, t] : ts) {
            QVERIFY2(f.contains(name), name.c_str());
            const at::Tensor back = f.load(name);
            QCOMPARE(back.scalar_type(), t.scalar_type());
            QVERIFY(back.sizes().equals(t.sizes()));
            QVERIFY2(at::equal(back, t), name.c_str());
        }
        QCOMPARE(f.find("scalar")->shape.size(), 0u);
        QCOMPARE(f.load("scalar").item<float>(), 3.5f);
        // Conversion on load.
        const at::Tensor h32 = f.load("f16", at::kFloat);
        QCOMPARE(h32.scalar_type(), at::kFloat);
        QVERIFY(at::equal(h32, ts[1].second.to(at::kFloat)));
        // Tensors stored in the given order.
        uint64_t prev_end = 0;
        for (const auto& [name, t] : ts) {
            const TensorInfo* ti = f.find(name);
            QCOMPARE(ti->begin, prev_end);
            prev_end = ti->end;
        }
        // Copies share the handle.
        SafetensorsFile g = f;
        QVERIFY(at::equal(g.load("f32"), ts[0].second));
        // Load by name error.
        try {
            f.load("nope");
            QFAIL("expected not_found");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("not_found"));
        }
    }

    void emptyFileOfTensors() {
        const std::string p = path("none.safetensors");
        write_safetensors(p, {});
        auto f = SafetensorsFile::open(p);
        QCOMPARE(f.tensors().size(), 0u);
        QCOMPARE(f.file_size(), f.data_offset());
        // "{}" padded to 8.
        QCOMPARE(f.data_offset(), 16u);
    }

    void writerIsAtomic() {
        QTemporaryDir d;
        const std::string p = QDir(d.path()).filePath("m.safetensors").toStdString();
        write_safetensors(p, {{"a", at::ones({2})}});
        write_safetensors(p, {{"b", at::zeros({3})}});  // overwrite
        auto f = SafetensorsFile::open(p);
        QVERIFY(f.contains("b") && !f.contains("a"));
        QCOMPARE(QDir(d.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        // A failing write (undefined tensor) leaves the old file and no temp file behind.
        try {
            write_safetensors(p, {{"x", at::ones({2})}, {"x", at::ones({2})}});
            QFAIL("duplicate names must be refused");
        } catch (const PipelineError&) {
        }
        QVERIFY(SafetensorsFile::open(p).contains("b"));
        QCOMPARE(QDir(d.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        // Unwritable destination.
        try {
            write_safetensors(QDir(d.path()).filePath("no/such/dir/x.safetensors").toStdString(), {{"a", at::ones({1})}});
            QFAIL("expected write_failed");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("write_failed"));
        }
    }

    void case01_tooShort() {
        QVERIFY(expectOpenError(writeBytes("0.safetensors", ""), "safetensors_too_short").find("too short") != std::string::npos);
        QVERIFY(expectOpenError(writeBytes("7.safetensors", std::string("\x01\x02\x03\x04\x05\x06\x07", 7)),
                                "safetensors_too_short").find("too short") != std::string::npos);
        // Exactly 8 bytes with N = 0: "" is not a JSON object.
        expectOpenError(writeBytes("8.safetensors", le8(0)), "safetensors_invalid_header");
        QVERIFY_THROWS_EXCEPTION(PipelineError, parse_safetensors_prefix(nullptr, 0, 0));
    }

    void case02_headerLength() {
        const long before = maxRssKb();
        const std::string body = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}    ";
        QCOMPARE(expectOpenError(writeBytes("n1.safetensors", le8(UINT64_MAX) + body), "safetensors_header_too_large").rfind("<", 0),
                 std::string::npos);
        QCOMPARE(expectOpenError(writeBytes("n2.safetensors", le8(100'000'001) + body), "safetensors_header_too_large").rfind("<", 0),
                 std::string::npos);
        QCOMPARE(expectOpenError(writeBytes("n3.safetensors", le8(body.size() + 5) + body), "safetensors_header_too_large").rfind("<", 0),
                 std::string::npos);
        // N = file size - 8 exactly, no data: accepted only when the header describes no data.
        QCOMPARE(expectOpenError(writeBytes("n4.safetensors", le8(body.size()) + body), "truncated").rfind("<", 0),
                 std::string::npos);
        // No allocation sized by the bogus N (allow a little slack for the test itself).
        QVERIFY2(maxRssKb() - before < 8 * 1024, "reader allocated memory sized by a bogus header length");
    }

    void case03_lfsPointerAndHtml() {
        const std::string lfs = "version https://git-lfs.github.com/spec/v1\n"
                                "oid sha256:4c8c4a3b7fe0c6f0dbb8b4a8dc2f38e6b1b2e8d4f77b2a4d0e5c1a9f8b7c6d5e\n"
                                "size 4265380512\n";
        std::string msg = expectOpenError(writeBytes("lfs.safetensors", lfs), "wrong_format");
        QVERIFY2(msg.find("Git LFS pointer") != std::string::npos, msg.c_str());
        const std::string html = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>login</body></html>";
        msg = expectOpenError(writeBytes("html.safetensors", html), "wrong_format");
        QVERIFY2(msg.find("web page") != std::string::npos, msg.c_str());
        msg = expectOpenError(writeBytes("json.safetensors", "{\"error\":\"Unauthorized\"}"), "wrong_format");
        QVERIFY2(msg.find("JSON") != std::string::npos, msg.c_str());
        msg = expectOpenError(writeBytes("pkl.safetensors", std::string("\x80\x02}q\x00.", 6)), "wrong_format");
        QVERIFY2(msg.find("pickle") != std::string::npos, msg.c_str());
        msg = expectOpenError(writeBytes("zip.safetensors", std::string("PK\x03\x04", 4) + "archive/data.pkl" + std::string(40, 'x')),
                              "wrong_format");
        QVERIFY2(msg.find("pickle") != std::string::npos, msg.c_str());
    }

    void case04_badHeaderText() {
        const std::string ok = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        QVERIFY(SafetensorsFile::open(writeBytes("ok.safetensors", rawFile(ok, 4))).contains("a"));  // baseline
        // Non-UTF-8 in a name.
        headerError("{\"a\xff\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        // Overlong encoding and an encoded surrogate.
        headerError("{\"a\xc0\xaf\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\xed\xa0\x80\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        // Invalid JSON.
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", 4, "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],}}", 4, "safetensors_invalid_header");
        headerError("{'a':{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        // Top-level array.
        headerError("[{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}]", 4, "safetensors_invalid_header");
        // NUL padding (spaces are fine).
        headerError(ok + std::string(6, '\0'), 4, "safetensors_invalid_header");
        QVERIFY(SafetensorsFile::open(writeBytes("sp.safetensors", rawFile(" \t\r\n" + ok + "      ", 4))).contains("a"));
        // Two objects, garbage after the object.
        headerError(ok + ok, 4, "safetensors_invalid_header");
        // R4 numbers: sign, fraction, exponent, leading zero, > 2^64-1.
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1e0],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[01],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,18446744073709551616]}}", 4,
                    "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        headerError("{\"a\":[1]}", 4, "safetensors_invalid_header");
        // Unknown dtype string (not "corrupt" — its own code).
        headerError("{\"a\":{\"dtype\":\"F17\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors_unknown_dtype");
        // Unknown fields are ignored (as the reference reader), but must be valid and shallow.
        QVERIFY(SafetensorsFile::open(writeBytes("x.safetensors",
                                                 rawFile("{\"a\":{\"dtype\":\"F32\",\"x\":{\"y\":[1,-2.5e3,true,null]},"
                                                         "\"shape\":[1],\"data_offsets\":[0,4]}}",
                                                         4)))
                    .contains("a"));
        headerError("{\"a\":{\"dtype\":\"F32\",\"x\":[[[[[[[[[1]]]]]]]]],\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                    "safetensors_invalid_header");
        // Escapes decode; lone surrogates are refused.
        QVERIFY(SafetensorsFile::open(writeBytes("e.safetensors",
                                                 rawFile("{\"\\u00e9\\ud83d\\ude00\\n\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4)))
                    .contains("\xc3\xa9\xf0\x9f\x98\x80\n"));
        headerError("{\"\\ud83d\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
        // Raw control characters in strings.
        headerError("{\"a\nb\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors_invalid_header");
    }

    void case05_offsets() {
        auto e = [](const char* name, const char* dt, const char* shape, uint64_t b, uint64_t en) {
            return "\"" + std::string(name) + "\":{\"dtype\":\"" + dt + "\",\"shape\":" + shape +
                   ",\"data_offsets\":[" + std::to_string(b) + "," + std::to_string(en) + "]}";
        };
        // overlap
        headerError("{" + e("a", "F32", "[2]", 0, 8) + "," + e("b", "F32", "[2]", 4, 12) + "}", 12, "safetensors_bad_offsets");
        // gap
        headerError("{" + e("a", "F32", "[2]", 0, 8) + "," + e("b", "F32", "[2]", 12, 20) + "}", 20, "safetensors_bad_offsets");
        // end < begin
        headerError("{" + e("a", "F32", "[0]", 8, 0) + "," + e("b", "F32", "[2]", 0, 8) + "}", 8, "safetensors_bad_offsets");
        // first begin != 0
        headerError("{" + e("a", "F32", "[2]", 4, 12) + "}", 12, "safetensors_bad_offsets");
        // shuffled but contiguous: accepted, data correct.
        std::string data;
        const float fa[2] = {1.f, 2.f}, fb[1] = {3.f}, fc[3] = {4.f, 5.f, 6.f};
        data.append(reinterpret_cast<const char*>(fa), 8);
        data.append(reinterpret_cast<const char*>(fb), 4);
        data.append(reinterpret_cast<const char*>(fc), 12);
        const std::string h = "{" + e("c", "F32", "[3]", 12, 24) + "," + e("a", "F32", "[2]", 0, 8) + "," +
                              e("z", "F32", "[0]", 12, 12) + "," + e("b", "F32", "[1]", 8, 12) + "}";
        auto f = SafetensorsFile::open(writeBytes("shuffled.safetensors", le8(h.size()) + h + data));
        QCOMPARE(f.tensors().size(), 4u);
        QCOMPARE(f.tensors()[0].name, std::string("c"));  // header order kept
        QVERIFY(at::equal(f.load("a"), at::tensor({1.f, 2.f})));
        QVERIFY(at::equal(f.load("b"), at::tensor({3.f})));
        QVERIFY(at::equal(f.load("c"), at::tensor({4.f, 5.f, 6.f})));
        QCOMPARE(f.load("z").numel(), 0);
    }

    void case06_trailingBytes() {
        const std::string h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        std::string bytes = rawFile(h, 4) + std::string("PK\x05\x06", 4) + std::string(18, '\0');  // appended zip
        const std::string msg = expectOpenError(writeBytes("poly.safetensors", bytes), "safetensors_trailing_data");
        QVERIFY(msg.find("extra bytes") != std::string::npos);
        // Empty header + one trailing byte.
        headerError("{}", 1, "safetensors_trailing_data");
    }

    void case07_overflow() {
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[8589934592,8589934592],\"data_offsets\":[0,16]}}", 16,
                    "safetensors_size_overflow");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,9223372036854775808],\"data_offsets\":[0,16]}}", 16,
                    "safetensors_size_overflow");
        headerError("{\"a\":{\"dtype\":\"U8\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,16]}}", 16,
                    "safetensors_size_overflow");
        // elements fit but bits overflow
        headerError("{\"a\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904],\"data_offsets\":[0,16]}}", 16,
                    "safetensors_size_overflow");
    }

    void case08_sizeMismatch() {
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "safetensors_size_mismatch");
        headerError("{\"a\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", 16, "safetensors_size_mismatch");
        headerError("{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2, "safetensors_size_mismatch");
        headerError("{\"a\":{\"dtype\":\"F6_E2M3\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2, "safetensors_size_mismatch");
        // Even F4 count: header accepted, but the dtype cannot be turned into a tensor.
        auto f = SafetensorsFile::open(writeBytes("f4.safetensors", rawFile("{\"a\":{\"dtype\":\"F4\",\"shape\":[4],\"data_offsets\":[0,2]}}", 2)));
        try {
            f.load("a");
            QFAIL("F4 must be unsupported");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("unsupported_dtype"));
            QVERIFY(std::string(e.what()).find("F4") != std::string::npos);
        }
        auto g = SafetensorsFile::open(writeBytes("f8.safetensors", rawFile("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2)));
        QVERIFY_THROWS_EXCEPTION(PipelineError, g.load("a"));
    }

    void case09_duplicatesAndMetadata() {
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                    "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                    4, "safetensors_duplicate_key");
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                    "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                    8, "safetensors_duplicate_key");
        headerError("{\"__metadata__\":{},\"__metadata__\":{},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                    "safetensors_duplicate_key");
        headerError("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0, "safetensors_duplicate_key");
        headerError("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                    "safetensors_duplicate_key");
        headerError("{\"__metadata__\":{\"k\":1}}", 0, "safetensors_invalid_metadata");
        headerError("{\"__metadata__\":{\"k\":{\"x\":\"y\"}}}", 0, "safetensors_invalid_metadata");
        headerError("{\"__metadata__\":[\"k\"]}", 0, "safetensors_invalid_metadata");
        headerError("{\"__metadata__\":\"k\"}", 0, "safetensors_invalid_metadata");
        // Metadata-only file is fine.
        auto f = SafetensorsFile::open(writeBytes("m.safetensors", rawFile("{\"__metadata__\":{\"k\":\"v\"}}", 0)));
        QCOMPARE(f.metadata().at("k"), std::string("v"));
    }

    void case10_hugeHeaderCap() {
        // ~100 MB header declaring 1M tensors.
        std::string h;
        h.reserve(100'000'000);
        h += '{';
        const std::size_t count = 1'000'000;
        for (std::size_t i = 0; i < count; ++i) {
            if (i) h += ',';
            h += "\"input_blocks.";
            h += std::to_string(i);
            h += ".w\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}";
        }
        h += '}';
        while (h.size() < 99'999'000) h += ' ';
        const std::string p = path("huge.safetensors");
        {
            QFile f(QString::fromStdString(p));
            QVERIFY(f.open(QIODevice::WriteOnly));
            const std::string n = le8(h.size());
            f.write(n.data(), 8);
            f.write(h.data(), static_cast<qint64>(h.size()));
        }
        std::string().swap(h);
        const long before = maxRssKb();
        QElapsedTimer timer;
        timer.start();
        const std::string msg = expectOpenError(p, "safetensors_too_many_tensors");
        const qint64 ms = timer.elapsed();
        qInfo("1M-tensor header rejected in %lld ms, max RSS grew by %ld MB", static_cast<long long>(ms),
              (maxRssKb() - before) / 1024);
        QVERIFY2(msg.find("200000") != std::string::npos, msg.c_str());
        // SAFETY.md asks for < 2 s: reported above as a figure (no timed assertions on a shared machine).
        QVERIFY(maxRssKb() < 1024 * 1024);
        // Rank cap.
        std::string shape = "[";
        for (int i = 0; i < 17; ++i) shape += (i ? ",1" : "1");
        shape += "]";
        headerError("{\"a\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,4]}}", 4, "safetensors_rank_too_large");
    }

    void case11_truncation() {
        const std::string p = path("trunc.safetensors");
        write_safetensors(p, {{"a", at::randn({1000})}, {"b", at::randn({1000})}});
        // Truncated on disk before opening.
        {
            QFile f(QString::fromStdString(p));
            QVERIFY(f.resize(f.size() - 100));
        }
        expectOpenError(p, "truncated");
        // Truncated after opening (drive removed / file replaced mid-load).
        write_safetensors(p, {{"a", at::randn({1000})}, {"b", at::randn({1000})}});
        auto f = SafetensorsFile::open(p);
        QCOMPARE(f.load("a").numel(), 1000);
        {
            QFile q(QString::fromStdString(p));
            QVERIFY(q.resize(static_cast<qint64>(f.data_offset()) + 4000 + 100));
        }
        try {
            f.load("b");
            QFAIL("expected truncated");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("truncated"));
        }
        QCOMPARE(f.load("a").numel(), 1000);  // still usable
        // Missing file.
        expectOpenError(path("does-not-exist.safetensors"), "not_found");
    }

    void propertyRandomRoundTrips() {
        std::mt19937_64 rng(12345);
        const at::ScalarType types[] = {at::kFloat, at::kHalf, at::kBFloat16, at::kDouble, at::kChar, at::kShort,
                                        at::kInt,   at::kLong, at::kByte,     at::kBool};
        int in_memory = 0, on_disk = 0;
        for (int iter = 0; iter < 3000; ++iter) {
            const int count = static_cast<int>(rng() % 6);
            std::vector<std::pair<std::string, at::Tensor>> ts;
            for (int k = 0; k < count; ++k) {
                const int rank = static_cast<int>(rng() % 4);
                std::vector<int64_t> shape;
                for (int r = 0; r < rank; ++r) shape.push_back(static_cast<int64_t>(rng() % 5));
                const at::ScalarType st = types[rng() % std::size(types)];
                at::Tensor t = at::randint(-50, 50, shape, at::kLong).to(st);
                std::string name = "t" + std::to_string(k);
                for (int c = static_cast<int>(rng() % 4); c > 0; --c) name += static_cast<char>(" .\"\\/_\x01\x7f"[rng() % 8]);
                ts.emplace_back(std::move(name), t);
            }
            std::map<std::string, std::string> meta;
            if (rng() % 2) meta["k" + std::to_string(rng() % 100)] = "v\"\n" + std::to_string(rng());

            // In memory: header + data -> parse.
            const std::string h = build_safetensors_header(ts, meta);
            QCOMPARE(h.size() % 8, 0u);
            std::string file = le8(h.size()) + h;
            for (auto& [n, t] : ts) {
                at::Tensor c = t.contiguous();
                file.append(static_cast<const char*>(c.data_ptr()), c.nbytes());
            }
            const auto parsed = parse_safetensors_prefix(reinterpret_cast<const uint8_t*>(file.data()), file.size(), file.size());
            QCOMPARE(parsed.tensors.size(), ts.size());
            QVERIFY(parsed.metadata == meta);
            for (std::size_t k = 0; k < ts.size(); ++k) {
                QCOMPARE(parsed.tensors[k].name, ts[k].first);
                QVERIFY(at::IntArrayRef(parsed.tensors[k].shape).equals(ts[k].second.sizes()));
                QCOMPARE(safe_dtype_to_scalar(parsed.tensors[k].dtype).value(), ts[k].second.scalar_type());
            }
            ++in_memory;
            // Every 10th through the real file writer/reader.
            if (iter % 10 == 0) {
                const std::string p = path("prop.safetensors");
                write_safetensors(p, ts, meta);
                auto f = SafetensorsFile::open(p);
                QVERIFY(f.metadata() == meta);
                for (auto& [n, t] : ts) QVERIFY(at::equal(f.load(n), t));
                ++on_disk;
            }
            // One random byte mutation of the header: must be a clean PipelineError or a parse.
            if (h.size() > 2) {
                std::string m = file;
                m[8 + rng() % h.size()] = static_cast<char>(rng() & 0xff);
                try {
                    parse_safetensors_prefix(reinterpret_cast<const uint8_t*>(m.data()), m.size(), m.size());
                } catch (const PipelineError&) {
                }
            }
        }
        qInfo("%d in-memory and %d on-disk random round trips", in_memory, on_disk);
    }

    void goldenFilesParse() {
        // The real fixtures must pass the strict reader (written by the Python reference).
        LATENT_REQUIRE_GOLDEN();
        const QString p = QDir(latent::test::goldenDir()).filePath("tiny-sd1.safetensors");
        auto f = SafetensorsFile::open(p.toStdString());
        QVERIFY(f.tensors().size() > 100);
        QVERIFY(f.metadata().count("reference.unet_config"));
        const TensorInfo* ti = f.find("model.diffusion_model.input_blocks.0.0.weight");
        QVERIFY(ti);
        QCOMPARE(ti->dtype, SafeDType::F16);
        QCOMPARE(f.load(*ti, at::kFloat).size(0), 32);
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
