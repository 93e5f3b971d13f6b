// `latentstudio-cli convert` end to end with hand-built PyTorch zip checkpoints (SAFETY.md cases
// 12-17): a benign state dict is converted out of process and re-read; malicious or broken
// checkpoints are refused with "cannot verify" and nothing is written; a crashing or lying
// converter child is reported and the caller survives; the app never links libtorch's unpickler.
#include "common/cli_runner.h"
#include "common/torch_zip_builder.h"

#include "app/library/safe_convert.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace latent;
using namespace latent::test;

namespace {
void writeFile(const QString& path, const std::string& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
}

std::string floats(const std::vector<float>& v) {
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * 4);
}

// A benign SD-style checkpoint: {"state_dict": OrderedDict(w: f32 [2,3], b: f32 [3] view of a
// 4-element storage at offset 1, step: i64 scalar), "global_step": 1000}.
std::string benignCheckpoint() {
    Pk p;
    p.proto().op('}').put(0).mark();
    p.str("state_dict").global("collections", "OrderedDict").op(')').reduce().put(1).mark();
    p.str("model.diffusion_model.w").tensor("0", "FloatStorage", 6, 0, {2, 3}, {3, 1});
    p.str("model.diffusion_model.b").tensor("1", "FloatStorage", 4, 1, {3}, {1});
    p.op('u');
    p.str("global_step").integer(1000);
    p.op('u').stop();
    return makeZip({{"archive/data.pkl", p.b},
                    {"archive/data/0", floats({1, 2, 3, 4, 5, 6})},
                    {"archive/data/1", floats({-1, 0.5f, 0.25f, 8})},
                    {"archive/byteorder", "little"},
                    {"archive/version", "3\n"}});
}

std::string maliciousCheckpoint(const std::string& canary) {
    Pk p; // os.system("touch CANARY") hidden as a state-dict value
    p.proto()
        .op('}')
        .mark()
        .str("w")
        .global("os", "system")
        .mark()
        .str("touch " + canary)
        .tuple()
        .reduce()
        .op('u')
        .stop();
    return makeZip({{"archive/data.pkl", p.b}, {"archive/byteorder", "little"}});
}

struct SafetensorsView {
    QJsonObject header;
    QByteArray data;
    bool ok = false;
};

SafetensorsView readSafetensors(const QString& path) {
    SafetensorsView v;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return v;
    const QByteArray all = f.readAll();
    if (all.size() < 8) return v;
    quint64 n = 0;
    std::memcpy(&n, all.constData(), 8);
    if (n > quint64(all.size() - 8)) return v;
    v.header = QJsonDocument::fromJson(all.mid(8, int(n))).object();
    v.data = all.mid(8 + int(n));
    v.ok = !v.header.isEmpty();
    return v;
}

std::vector<float> tensorFloats(const SafetensorsView& v, const QString& name) {
    const QJsonObject t = v.header.value(name).toObject();
    const auto offs = t.value("data_offsets").toArray();
    const int b = offs.at(0).toInt(), e = offs.at(1).toInt();
    std::vector<float> out(size_t(e - b) / 4);
    std::memcpy(out.data(), v.data.constData() + b, size_t(e - b));
    return out;
}

} // namespace

class TestCliConvert : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString cwd_;

    QString path(const QString& name) const { return dir_.filePath(name); }
    // Runs convert and expects failure with `code` (exit status), a message containing
    // `expect`, and no new file in the folder.
    void expectRefused(const QString& in, const QString& out, const char* expect, int code = 2) {
        const QStringList before = listing(dir_.path());
        const CliRun r = runCli({QStringLiteral("convert"), in, QStringLiteral("--out"), out}, cwd_, 120000);
        QVERIFY2(r.exitCode == code, qPrintable(in + " -> exit " + QString::number(r.exitCode) + ": " + r.err));
        const QByteArray err = r.err.trimmed();
        QVERIFY2(!err.contains('\n') && err.startsWith("latentstudio-cli: "), err.constData());
        QVERIFY2(QString::fromUtf8(err).contains(QLatin1String(expect), Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("'") + expect + "' not in: " + err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(listing(dir_.path()), before);
        QVERIFY(listing(cwd_).isEmpty());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        cwd_ = dir_.filePath("cwd");
        QVERIFY(QDir().mkpath(cwd_));
        QVERIFY2(QFile::exists(kCli), qPrintable(kCli));
    }

    void benignCheckpointConvertsAndRereads() {
        writeFile(path("model.ckpt"), benignCheckpoint());
        const QString out = path("model.safetensors");
        const CliRun r =
            runCli({QStringLiteral("convert"), path("model.ckpt"), QStringLiteral("--out"), out}, cwd_, 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(report.value("tensors").toInt(), 2);
        QCOMPARE(report.value("out_of_process").toBool(), true);
        QCOMPARE(report.value("verified").toBool(), true);
        QCOMPARE(report.value("output").toString(), QFileInfo(out).absoluteFilePath());
        QVERIFY(report.value("skipped").toArray().contains(QStringLiteral("global_step")));
        qInfo("converter child offline (own network namespace): %s", report.value("offline").toBool() ? "yes" : "no");
        const SafetensorsView v = readSafetensors(out);
        QVERIFY(v.ok);
        QCOMPARE(v.header.value("model.diffusion_model.w").toObject().value("dtype").toString(), QStringLiteral("F32"));
        QCOMPARE(v.header.value("model.diffusion_model.w").toObject().value("shape").toArray(), (QJsonArray{2, 3}));
        QCOMPARE(tensorFloats(v, "model.diffusion_model.w"), (std::vector<float>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(tensorFloats(v, "model.diffusion_model.b"), (std::vector<float>{0.5f, 0.25f, 8}));
        QCOMPARE(v.header.value("__metadata__").toObject().value("format").toString(), QStringLiteral("pt"));
        // The result is a real model file for the other commands.
        const CliRun i = runCli({QStringLiteral("inspect"), out}, cwd_, 120000);
        QVERIFY2(i.exitCode == 0, i.err.constData());
        QCOMPARE(QJsonDocument::fromJson(i.out).object().value("tensors").toInt(), 2);
        // --fp16 stores halves; an existing output is refused without --overwrite.
        expectRefused(path("model.ckpt"), out, "already exists");
        const CliRun h = runCli({QStringLiteral("convert"), path("model.ckpt"), QStringLiteral("--out"), out,
                                 QStringLiteral("--overwrite"), QStringLiteral("--fp16")},
                                cwd_, 120000);
        QVERIFY2(h.exitCode == 0, h.err.constData());
        QCOMPARE(readSafetensors(out).header.value("model.diffusion_model.b").toObject().value("dtype").toString(),
                 QStringLiteral("F16"));
        QVERIFY(QFile::remove(out));
        QVERIFY(QFile::remove(path("model.ckpt")));
    }

    void maliciousAndBrokenAreRefused() {
        const QString canary = path("CANARY");
        writeFile(path("evil.ckpt"), maliciousCheckpoint(canary.toStdString()));
        expectRefused(path("evil.ckpt"), path("evil.safetensors"), "cannot verify this file, not loaded");
        QVERIFY2(!QFile::exists(canary), "the canary fired");
        // Truncated archive, extra member, storage size mismatch, `../` member name.
        const std::string good = benignCheckpoint();
        writeFile(path("cut.ckpt"), good.substr(0, good.size() - 40));
        expectRefused(path("cut.ckpt"), path("cut.safetensors"), "cannot verify");
        Pk p;
        p.proto().op('}').mark().str("w").tensor("0", "FloatStorage", 6, 0, {2, 3}, {3, 1}).op('u').stop();
        writeFile(path("extra.ckpt"), makeZip({{"archive/data.pkl", p.b},
                                               {"archive/data/0", floats({1, 2, 3, 4, 5, 6})},
                                               {"archive/code/__torch__.py", "import os"}}));
        expectRefused(path("extra.ckpt"), path("extra.safetensors"), "cannot verify");
        writeFile(path("short.ckpt"), makeZip({{"archive/data.pkl", p.b}, {"archive/data/0", floats({1, 2, 3})}}));
        expectRefused(path("short.ckpt"), path("short.safetensors"), "cannot verify");
        writeFile(path("dotdot.ckpt"), makeZip({{"archive/data.pkl", p.b},
                                                {"archive/data/0", floats({1, 2, 3, 4, 5, 6})},
                                                {"archive/../../x.py", "x"}}));
        expectRefused(path("dotdot.ckpt"), path("dotdot.safetensors"), "cannot verify");
        // Not a checkpoint at all: specific messages, not "corrupt".
        writeFile(path("lfs.ckpt"), "version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 12\n");
        expectRefused(path("lfs.ckpt"), path("lfs.safetensors"), "Git LFS pointer");
        writeFile(path("login.ckpt"), "<!doctype html><html><body>Sign in</body></html>");
        expectRefused(path("login.ckpt"), path("login.safetensors"), "web page");
        expectRefused(path("missing.ckpt"), path("missing.safetensors"), "does not exist");
        // Argument errors.
        expectRefused(path("evil.ckpt"), path("evil.bin"), ".safetensors");
        const CliRun r = runCli({QStringLiteral("convert"), path("evil.ckpt")}, cwd_, 120000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.trimmed().startsWith("latentstudio-cli: "));
        QVERIFY(QFile::remove(path("evil.ckpt")));
    }

    // Case 17: the converter child crashes -> reported, caller alive, nothing written.
    void crashingWorkerIsReported() {
        writeFile(path("crash.ckpt"), benignCheckpoint());
        const QStringList before = listing(dir_.path());
        SafeConvertOptions o;
        o.workerProgram = QStringLiteral("/bin/sh");
        o.workerArgumentsPrefix = {QStringLiteral("-c"), QStringLiteral("kill -SEGV $$"), QStringLiteral("sh")};
        const SafeConvertResult r = SafeCheckpointConverter::convert(path("crash.ckpt"), path("crash.safetensors"), o);
        QVERIFY(!r.ok);
        QVERIFY(r.crashed);
        QCOMPARE(r.code, QStringLiteral("worker_crashed"));
        QVERIFY2(r.error.contains(QLatin1String("crashed")), qPrintable(r.error));
        QCOMPARE(listing(dir_.path()), before);
        // A child that claims success but leaves a corrupt file: the caller's own strict check
        // refuses it.
        o.workerArgumentsPrefix = {
            QStringLiteral("-c"),
            QStringLiteral("printf 'garbage that is not safetensors' > \"$3\"; echo '{\"tensors\":2}'"),
            QStringLiteral("sh")};
        const SafeConvertResult g = SafeCheckpointConverter::convert(path("crash.ckpt"), path("crash.safetensors"), o);
        QVERIFY(!g.ok);
        QCOMPARE(g.code, QStringLiteral("verify_failed"));
        QCOMPARE(listing(dir_.path()), before);
        // A child that writes a valid file with fewer tensors than it reports: refused too.
        o.workerArgumentsPrefix = {
            QStringLiteral("-c"),
            QStringLiteral(
                "printf '\\020\\000\\000\\000\\000\\000\\000\\000{}              ' > \"$3\"; echo '{\"tensors\":2}'"),
            QStringLiteral("sh")};
        const SafeConvertResult m = SafeCheckpointConverter::convert(path("crash.ckpt"), path("crash.safetensors"), o);
        QVERIFY(!m.ok);
        QCOMPARE(m.code, QStringLiteral("verify_failed"));
        QCOMPARE(listing(dir_.path()), before);
        // The real worker through the API works (and this process is still fine).
        SafeConvertOptions real;
        real.workerProgram = kCli;
        const SafeConvertResult ok =
            SafeCheckpointConverter::convert(path("crash.ckpt"), path("crash.safetensors"), real);
        QVERIFY2(ok.ok, qPrintable(ok.error));
        QCOMPARE(ok.tensors, qint64(2));
        QVERIFY(QFile::remove(path("crash.safetensors")));
        QVERIFY(QFile::remove(path("crash.ckpt")));
    }

    // Case 17: no torch::pickle_load / torch::jit::load / torch::load on untrusted bytes in the
    // app: neither in the sources of the app and the UI nor among the symbols the executables use.
    void appNeverUsesTorchUnpickler() {
        const QStringList banned = {"pickle_load",  "jit::load",        "torch::load",       "torch::jit::",
                                    "pickle_load(", "_load_for_mobile", "torch/serialize.h", "torch/script.h"};
        int scanned = 0;
        for (const char* area : {"app", "ui", "pipeline"}) {
            QDirIterator it(QStringLiteral(LATENT_TEST_SOURCE_DIR "/") + area, {"*.cpp", "*.h"}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray text = f.readAll();
                ++scanned;
                for (const QString& b : banned) {
                    // Comments that name the forbidden calls (to forbid them) are fine.
                    int at = text.indexOf(b.toUtf8());
                    while (at >= 0) {
                        const int lineStart = text.lastIndexOf('\n', at) + 1;
                        const QByteArray line = text.mid(lineStart, at - lineStart).trimmed();
                        QVERIFY2(line.startsWith("//") || line.contains("// "),
                                 qPrintable(f.fileName() + " uses " + b));
                        at = text.indexOf(b.toUtf8(), at + 1);
                    }
                }
            }
        }
        QVERIFY(scanned > 50);
        const QString nm = QStandardPaths::findExecutable(QStringLiteral("nm"));
        if (nm.isEmpty()) QSKIP("nm not installed: source scan only");
        for (const char* exe : {"latentstudio", "latentstudio-cli"}) {
            QProcess p;
            p.start(nm, {QStringLiteral("-D"), QStringLiteral("--undefined-only"), QStringLiteral("-C"),
                         QStringLiteral(LATENT_TEST_BIN_DIR "/") + exe});
            QVERIFY(p.waitForFinished(60000));
            const QByteArray syms = p.readAllStandardOutput();
            QVERIFY2(!syms.isEmpty(), exe);
            // torch::nn::Module's vtable names Module::load(InputArchive&) in every executable that
            // has modules; an archive can only come from InputArchive's constructor / load_from,
            // which (like everything of torch::jit and the unpickler) must not be imported.
            for (const char* s : {"torch::jit::", "pickle", "Unpickler", "InputArchive::InputArchive",
                                  "InputArchive::load_from", "torch::load("})
                QVERIFY2(!syms.contains(s), qPrintable(QString::fromLatin1(exe) + " imports " + s));
            QVERIFY(syms.contains("torch::nn::Module::load(torch::serialize::InputArchive&)") ||
                    !syms.contains("InputArchive"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliConvert)
#include "tst_cli_convert.moc"
