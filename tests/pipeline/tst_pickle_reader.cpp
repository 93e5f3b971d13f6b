// Restricted pickle reader and safe .ckpt converter: SAFETY.md §2 cases 14-16 (and 12/13 via the
// converter's format checks). Test checkpoints are written byte by byte (zip + pickle opcodes):
// no Python or torch.save needed.
#include "pipeline/core/error.h"
#include "pipeline/loaders/ckpt_converter.h"
#include "pipeline/loaders/pickle_reader.h"
#include "pipeline/loaders/zip_reader.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <zlib.h>

#include "common/torch_zip_builder.h"

using namespace latent;
using namespace latent::test;

#define S(lit) std::string(lit, sizeof(lit) - 1)

namespace {

std::string bytesOf(const at::Tensor& t) {
    const at::Tensor c = t.contiguous();
    return std::string(static_cast<const char*>(c.data_ptr()), c.nbytes());
}

// A legit SD-style checkpoint: {"state_dict": OrderedDict(...) + _metadata, "global_step": 470000}.
struct Legit {
    at::Tensor w, h, i64, flat;
    std::string pickle;
    std::vector<ZipMember> members;
};

Legit legit() {
    Legit L;
    at::manual_seed(7);
    L.w = at::randn({2, 3});
    L.h = at::randn({3}).to(at::kHalf);
    L.i64 = at::arange(0, 5, at::kLong);
    L.flat = at::randn({12});  // storage "3": views below
    Pk p;
    p.proto().op('}').put(0).mark();
    p.str("state_dict");
    p.global("collections", "OrderedDict").op(')').reduce().put(1).mark();
    p.str("model.w").tensor("0", "FloatStorage", 6, 0, {2, 3}, {3, 1});
    p.str("model.h").tensor("1", "HalfStorage", 3, 0, {3}, {1});
    p.str("model.ids").tensor("2", "LongStorage", 5, 0, {1, 5}, {5, 1});
    p.str("model.scalar").tensor("2", "LongStorage", 5, 4, {}, {});
    p.str("model.view_t").tensor("3", "FloatStorage", 12, 2, {3, 2}, {1, 3});  // non-contiguous view
    p.op('u');  // SETITEMS (state_dict)
    // BUILD with the `_metadata` instance state of model.state_dict().
    p.op('}').mark().str("_metadata").global("collections", "OrderedDict").op(')').reduce().mark();
    p.str("").op('}').str("version").integer(1).op('s');
    p.op('u').op('u').op('b');
    p.str("global_step").integer(470000);
    p.str("nested").op('}').mark().str("emb").tensor("4", "FloatStorage", 2, 0, {2}, {1}).op('u');
    p.op('u').stop();
    L.pickle = p.b;
    L.members = {{"archive/data.pkl", L.pickle},
                 {"archive/data/0", bytesOf(L.w)},
                 {"archive/data/1", bytesOf(L.h)},
                 {"archive/data/2", bytesOf(L.i64)},
                 {"archive/data/3", bytesOf(L.flat)},
                 {"archive/data/4", bytesOf(at::tensor({1.5f, -2.f}))},
                 {"archive/byteorder", "little"},
                 {"archive/version", "3\n"}};
    return L;
}

} // namespace

class TestPickleReader : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    std::string path(const std::string& name) const { return QDir(tmp_.path()).filePath(QString::fromStdString(name)).toStdString(); }
    std::string write(const std::string& name, const std::string& bytes) {
        const std::string p = path(name);
        QFile f(QString::fromStdString(p));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write");
        f.write(bytes.data(), static_cast<qint64>(bytes.size()));
        return p;
    }
    // Converts and expects `code`; checks that no output was written.
    std::string expectConvertError(const std::string& in, const std::string& code) {
        const std::string out = in + ".out.safetensors";
        std::string msg = "<no exception>";
        try {
            convert_checkpoint(in, out);
        } catch (const PipelineError& e) {
            msg = e.code() == code ? std::string(e.what()) : "<code " + e.code() + ": " + e.what() + ">";
        }
        if (QFile::exists(QString::fromStdString(out))) msg = "<output written>";
        const QStringList left = QDir(tmp_.path()).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden);
        if (!left.isEmpty()) msg = "<temp file left>";
        if (msg.rfind('<', 0) == 0) {
            const std::string m = in + ": " + msg;
            QTest::qFail(m.c_str(), __FILE__, __LINE__);
        }
        return msg;
    }
    std::string zipWithPickle(const std::string& name, const std::string& pickle) {
        return write(name, makeZip({{"archive/data.pkl", pickle}}));
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void legitCheckpointConverts() {
        const Legit L = legit();
        const std::string in = write("model.ckpt", makeZip(L.members));
        const std::string out = path("model.safetensors");
        const ConvertReport r = convert_checkpoint(in, out);
        QCOMPARE(r.tensors, 5u);  // only "state_dict" (root keys beside it are skipped)
        QVERIFY(std::find(r.skipped.begin(), r.skipped.end(), "global_step") != r.skipped.end());
        QVERIFY(std::find(r.skipped.begin(), r.skipped.end(), "nested") != r.skipped.end());
        const auto f = SafetensorsFile::open(out);
        QCOMPARE(f.metadata().at("format"), std::string("pt"));
        QVERIFY(at::equal(f.load("model.w"), L.w));
        QVERIFY(at::equal(f.load("model.h"), L.h));
        QCOMPARE(f.load("model.h").scalar_type(), at::kHalf);
        QVERIFY(at::equal(f.load("model.ids"), L.i64.reshape({1, 5})));
        QCOMPARE(f.load("model.scalar").dim(), 0);
        QCOMPARE(f.load("model.scalar").item<int64_t>(), int64_t{4});
        QVERIFY(at::equal(f.load("model.view_t"), L.flat.as_strided({3, 2}, {1, 3}, 2)));
        QVERIFY(!f.contains("nested.emb"));
        // Existing output is not overwritten without the option; with it, dtype conversion works.
        QVERIFY_THROWS_EXCEPTION(PipelineError, convert_checkpoint(in, out));
        ConvertOptions o;
        o.overwrite = true;
        o.dtype = at::kHalf;
        convert_checkpoint(in, out, o);
        const auto g = SafetensorsFile::open(out);
        QCOMPARE(g.load("model.w").scalar_type(), at::kHalf);
        QCOMPARE(g.load("model.ids").scalar_type(), at::kLong);
        // The pure parser sees the same structure.
        const auto sd = parse_state_dict_pickle(reinterpret_cast<const uint8_t*>(L.pickle.data()), L.pickle.size());
        QCOMPARE(sd.root_key, std::string("state_dict"));
        QCOMPARE(sd.storages.size(), 5u);
        // A plain dict of tensors at the root (no "state_dict") with a custom root folder name.
        Pk p;
        p.proto().op('}').put(0).mark().str("a").tensor("0", "BFloat16Storage", 2, 0, {2}, {1});
        p.str("string_to_param").op('}').mark().str("*").tensor("1", "FloatStorage", 2, 0, {2}, {1}).op('u');
        p.str("name").str("my-embedding").op('u').stop();
        const at::Tensor bf = at::tensor({1.f, 2.f}).to(at::kBFloat16);
        const std::string in2 = write("plain.pt", makeZip({{"plain/data.pkl", p.b},
                                                           {"plain/data/0", bytesOf(bf)},
                                                           {"plain/data/1", bytesOf(at::tensor({1.5f, -2.f}))}}));
        const ConvertReport r2 = convert_checkpoint(in2, path("plain.safetensors"));
        QCOMPARE(r2.tensors, 2u);
        QCOMPARE(r2.skipped, std::vector<std::string>{"name"});
        const auto pf = SafetensorsFile::open(path("plain.safetensors"));
        QVERIFY(at::equal(pf.load("a"), bf));
        QVERIFY(at::equal(pf.load("string_to_param.*"), at::tensor({1.5f, -2.f})));
    }

    void case14_maliciousGlobals() {
        const std::string canary = path("CANARY");
        const std::string cmd = "touch " + canary;
        std::vector<std::pair<std::string, std::string>> cases;
        {
            Pk p;  // os.system("touch CANARY")
            p.proto().global("os", "system").mark().str(cmd).tuple().reduce().stop();
            cases.emplace_back("os_system.ckpt", p.b);
        }
        {
            Pk p;  // posix.system, as pickled on Linux
            p.proto().global("posix", "system").mark().str(cmd).tuple().reduce().stop();
            cases.emplace_back("posix_system.ckpt", p.b);
        }
        {
            Pk p;  // builtins.eval
            p.proto().global("builtins", "eval").mark().str("__import__('os').system('" + cmd + "')").tuple().reduce().stop();
            cases.emplace_back("eval.ckpt", p.b);
        }
        {
            Pk p;  // __builtin__.exec (py2 name)
            p.proto().global("__builtin__", "exec").mark().str("x").tuple().reduce().stop();
            cases.emplace_back("exec.ckpt", p.b);
        }
        {
            Pk p;  // STACK_GLOBAL with module/name taken from the memo
            p.b = S("\x80\x04");
            p.op(']').str("os").put(0).op('a').str("system").put(1).op('a');  // names only in the memo
            p.get(0).get(1).op('\x93').mark().str(cmd).tuple().reduce().stop();
            cases.emplace_back("stack_global_memo.ckpt", p.b);
        }
        {
            Pk inner;
            inner.proto().global("os", "system").mark().str(cmd).tuple().reduce().stop();
            Pk p;  // nested pickle.loads(b"...")
            p.proto().global("pickle", "loads").mark().op('B').u32(static_cast<uint32_t>(inner.b.size())).raw(inner.b).tuple().reduce().stop();
            cases.emplace_back("nested_loads.ckpt", p.b);
        }
        {
            Pk p;  // subprocess.Popen inside an otherwise legit state dict value
            p.proto().op('}').mark().str("w").global("subprocess", "Popen").mark().str(cmd).tuple().reduce().op('u').stop();
            cases.emplace_back("popen_value.ckpt", p.b);
        }
        {
            Pk p;  // runpy._run_code, webbrowser.open, torch.load: all outside the allow-list
            p.proto().global("runpy", "_run_code").stop();
            cases.emplace_back("runpy.ckpt", p.b);
        }
        {
            Pk p;
            p.proto().global("torch", "load").stop();
            cases.emplace_back("torch_load.ckpt", p.b);
        }
        {
            Pk p;  // calling a storage type
            p.proto().global("torch", "FloatStorage").op(')').reduce().stop();
            cases.emplace_back("call_storage.ckpt", p.b);
        }
        {
            Pk p;  // OrderedDict called with arguments
            p.proto().global("collections", "OrderedDict").mark().str("x").tuple().reduce().stop();
            cases.emplace_back("odict_args.ckpt", p.b);
        }
        for (const auto& [name, pk] : cases) {
            const std::string msg = expectConvertError(zipWithPickle(name, pk), "cannot_verify");
            QVERIFY2(msg.find("cannot verify this file, not loaded") != std::string::npos, msg.c_str());
            QVERIFY_THROWS_EXCEPTION(PipelineError,
                                     parse_state_dict_pickle(reinterpret_cast<const uint8_t*>(pk.data()), pk.size()));
        }
        QVERIFY2(!QFile::exists(QString::fromStdString(canary)), "the canary fired");
        const std::string m = expectConvertError(zipWithPickle("os2.ckpt", cases[0].second), "cannot_verify");
        QVERIFY2(m.find("os.system") != std::string::npos, m.c_str());
    }

    void case15_unknownOpcodes() {
        // INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1, PERSID (text), LONG4, BUILD with object state, 0xff.
        const std::vector<std::string> bodies = {
            S("(i os\nsystem\nX\x01\x00\x00\x00x."), S("(cos\nsystem\nX\x01\x00\x00\x00xo."),
            S("cos\nsystem\n)\x81."), S("cos\nsystem\n))}\x92."), S("\x82\x01."),
            S("P1\n."), S("\x8b\x01\x00\x00\x00\x01."), S("}}X\x01\x00\x00\x00xK\x01sb."),
            S("\xff."), S("I1\n."), S("S'x'\n.")};
        int i = 0;
        for (const auto& b : bodies) {
            const std::string pk = S("\x80\x02") + b;
            expectConvertError(zipWithPickle("op" + std::to_string(i++) + ".ckpt", pk), "cannot_verify");
        }
        // A legit checkpoint whose pickle is truncated anywhere: always a clean refusal.
        const Legit L = legit();
        for (std::size_t n = 0; n < L.pickle.size(); ++n) {
            try {
                parse_state_dict_pickle(reinterpret_cast<const uint8_t*>(L.pickle.data()), n);
                QFAIL("a truncated pickle was accepted");
            } catch (const PipelineError& e) {
                QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("cannot_verify"));
            }
        }
        auto ms = L.members;
        ms[0].data = L.pickle.substr(0, L.pickle.size() / 2);
        expectConvertError(write("trunc_pickle.ckpt", makeZip(ms)), "cannot_verify");
        // Trailing bytes after STOP, and random mutations: clean refusal or a parse, never a crash.
        const std::string extra = L.pickle + "cos\nsystem\n";
        QVERIFY_THROWS_EXCEPTION(PipelineError, parse_state_dict_pickle(reinterpret_cast<const uint8_t*>(extra.data()), extra.size()));
        std::mt19937 rng(3);
        int accepted = 0;
        for (int it = 0; it < 3000; ++it) {
            std::string m = L.pickle;
            for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) m[rng() % m.size()] = static_cast<char>(rng() & 0xff);
            try {
                parse_state_dict_pickle(reinterpret_cast<const uint8_t*>(m.data()), m.size());
                ++accepted;
            } catch (const PipelineError& e) {
                QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("cannot_verify"));
            }
        }
        qInfo("3000 mutated pickles: %d still parsed, the rest refused cleanly", accepted);
        // Deep nesting is refused (no recursion blow-up).
        std::string deep = S("\x80\x02");
        for (int k = 0; k < 100000; ++k) deep += ']';
        for (int k = 0; k < 99999; ++k) deep += 'a';
        deep += '.';
        QVERIFY_THROWS_EXCEPTION(PipelineError, parse_state_dict_pickle(reinterpret_cast<const uint8_t*>(deep.data()), deep.size()));
        // A list appended to itself (cycle) is refused.
        const std::string cyc = S("\x80\x02]q\x00h\x00h\x00" "a.");
        QVERIFY_THROWS_EXCEPTION(PipelineError, parse_state_dict_pickle(reinterpret_cast<const uint8_t*>(cyc.data()), cyc.size()));
    }

    void case15_zipContainer() {
        const Legit L = legit();
        // `../` and absolute names.
        auto ms = L.members;
        ms.push_back({"archive/../evil.py", "x"});
        std::string m = expectConvertError(write("dotdot.ckpt", makeZip(ms)), "cannot_verify");
        QVERIFY2(m.find("..") != std::string::npos, m.c_str());
        ms = L.members;
        ms.push_back({"/etc/passwd", "x"});
        expectConvertError(write("abs.ckpt", makeZip(ms)), "cannot_verify");
        // Two data.pkl.
        ms = L.members;
        ms.push_back({"archive/data.pkl", L.pickle});
        m = expectConvertError(write("twopkl.ckpt", makeZip(ms)), "cannot_verify");
        QVERIFY2(m.find("twice") != std::string::npos, m.c_str());
        // Extra unknown member (e.g. TorchScript code) and unreferenced storage.
        ms = L.members;
        ms.push_back({"archive/code/__torch__.py", "import os"});
        expectConvertError(write("extra.ckpt", makeZip(ms)), "cannot_verify");
        ms = L.members;
        ms.push_back({"archive/data/99", "1234"});
        expectConvertError(write("unref.ckpt", makeZip(ms)), "cannot_verify");
        // Compressed member.
        ms = L.members;
        ms[1].method = 8;
        m = expectConvertError(write("deflate.ckpt", makeZip(ms)), "cannot_verify");
        QVERIFY2(m.find("compressed") != std::string::npos, m.c_str());
        // zip64 bomb: a member declares 1 TiB.
        ms = L.members;
        ms[1].zip64_size = 1ull << 40;
        expectConvertError(write("bomb.ckpt", makeZip(ms)), "cannot_verify");
        // Local/central name mismatch.
        ms = L.members;
        ms[2].central_name = "archive/data/7";
        expectConvertError(write("names.ckpt", makeZip(ms)), "cannot_verify");
        // Bytes appended after the end record; a truncated archive; a 7z wrapper; big-endian.
        expectConvertError(write("trailing.ckpt", makeZip(L.members, "JUNKJUNK")), "cannot_verify");
        const std::string full = makeZip(L.members);
        expectConvertError(write("cut.ckpt", full.substr(0, full.size() - 30)), "cannot_verify");
        expectConvertError(write("wrapped.ckpt", S("7z\xBC\xAF\x27\x1C\x00\x04") + full), "cannot_verify");
        ms = L.members;
        ms[6].data = "big";
        expectConvertError(write("bigendian.ckpt", makeZip(ms)), "cannot_verify");
        // CRC mismatch in a storage (damaged download).
        std::string bad = full;
        const auto pos = bad.find("archive/data/0") + 14;
        bad[pos] = static_cast<char>(bad[pos] ^ 0x55);
        expectConvertError(write("crc.ckpt", bad), "cannot_verify");
        // Directory parser alone on random bytes: clean refusals only.
        std::mt19937 rng(5);
        for (int it = 0; it < 2000; ++it) {
            std::string z = full;
            for (int k = 0; k < 3; ++k) z[rng() % z.size()] = static_cast<char>(rng() & 0xff);
            try {
                parse_zip_directory(
                    [&](uint64_t off, void* dst, std::size_t len) {
                        if (off > z.size() || len > z.size() - off) throw PipelineError("cannot_verify", "oob");
                        std::memcpy(dst, z.data() + off, len);
                    },
                    z.size());
            } catch (const PipelineError&) {
            }
        }
    }

    void case16_storageExtents() {
        const Legit L = legit();
        // Tensor extent beyond its storage: [2,3] view at offset 1 of a 6-element storage.
        {
            Pk p;
            p.proto().op('}').mark().str("w").tensor("0", "FloatStorage", 6, 1, {2, 3}, {3, 1}).op('u').stop();
            const std::string m = expectConvertError(
                write("extent.ckpt", makeZip({{"archive/data.pkl", p.b}, {"archive/data/0", bytesOf(L.w)}})), "cannot_verify");
            QVERIFY2(m.find("beyond") != std::string::npos, m.c_str());
        }
        // Overflowing strides.
        {
            Pk p;
            p.proto().op('}').mark().str("w").tensor("0", "FloatStorage", 6, 0, {2, 3}, {INT64_MAX, 1}).op('u').stop();
            expectConvertError(write("stride.ckpt", makeZip({{"archive/data.pkl", p.b}, {"archive/data/0", bytesOf(L.w)}})),
                               "cannot_verify");
        }
        // Missing storage member.
        {
            auto ms = L.members;
            ms.erase(ms.begin() + 2);
            const std::string m = expectConvertError(write("missing.ckpt", makeZip(ms)), "cannot_verify");
            QVERIFY2(m.find("missing") != std::string::npos, m.c_str());
        }
        // Storage size != declared numel x element size.
        {
            auto ms = L.members;
            ms[1].data += std::string(4, '\0');
            const std::string m = expectConvertError(write("size.ckpt", makeZip(ms)), "cannot_verify");
            QVERIFY2(m.find("declares") != std::string::npos, m.c_str());
        }
        // The same storage key declared with two types.
        {
            Pk p;
            p.proto().op('}').mark();
            p.str("a").tensor("0", "FloatStorage", 6, 0, {6}, {1});
            p.str("b").tensor("0", "HalfStorage", 12, 0, {12}, {1});
            p.op('u').stop();
            expectConvertError(write("twotypes.ckpt", makeZip({{"archive/data.pkl", p.b}, {"archive/data/0", bytesOf(L.w)}})),
                               "cannot_verify");
        }
        // Unsupported storage type.
        {
            Pk p;
            p.proto().op('}').mark().str("a").tensor("0", "QInt8Storage", 6, 0, {6}, {1}).op('u').stop();
            expectConvertError(write("qint.ckpt", makeZip({{"archive/data.pkl", p.b}, {"archive/data/0", "123456"}})),
                               "cannot_verify");
        }
    }

    void formatsRefusedWithExplanations() {
        // Case 12/13: format from bytes, not extension.
        QCOMPARE(expectConvertError(write("lfs.ckpt", "version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 12\n"),
                                    "wrong_format")
                         .find("Git LFS pointer") != std::string::npos,
                 true);
        QCOMPARE(expectConvertError(write("page.ckpt", "<!doctype html><html><body>Sign in</body></html>"), "wrong_format")
                         .find("web page") != std::string::npos,
                 true);
        write_safetensors(path("real.safetensors"), {{"a", at::ones({1})}});
        QFile::copy(QString::fromStdString(path("real.safetensors")), QString::fromStdString(path("named.ckpt")));
        expectConvertError(path("named.ckpt"), "already_safetensors");
        Pk p;
        p.proto().op('}').stop();
        expectConvertError(write("legacy.pt", p.b), "cannot_verify");  // bare pickle: not read
        expectConvertError(write("empty.ckpt", ""), "wrong_format");
        expectConvertError(write("other.zip.ckpt", makeZip({{"readme.txt", "hello"}})), "cannot_verify");
    }
};

QTEST_GUILESS_MAIN(TestPickleReader)
#include "tst_pickle_reader.moc"
