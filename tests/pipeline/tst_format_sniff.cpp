// Format sniffing from the first bytes, never the extension (SAFETY.md §2 cases 3, 12, 13).
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace latent;

#define S(lit) std::string(lit, sizeof(lit) - 1)

class TestFormatSniff : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    std::string write(const char* name, const std::string& bytes) {
        const std::string p = QDir(tmp_.path()).filePath(name).toStdString();
        QFile f(QString::fromStdString(p));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write");
        f.write(bytes.data(), static_cast<qint64>(bytes.size()));
        return p;
    }

    static std::string torchZip() {
        // Just the start of a torch.save zip: local header of "archive/data.pkl".
        std::string z = S("PK\x03\x04\x14\x00\x00\x00\x00\x00");
        z += std::string(16, '\0');
        z += S("\x10\x00\x00\x00") + "archive/data.pkl" + S("\x80\x02}q\x00.");
        return z;
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void case03_lfsAndHtmlNamedSafetensors() {
        const auto lfs = write("model.safetensors", "version https://git-lfs.github.com/spec/v1\n"
                                                    "oid sha256:6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa\n"
                                                    "size 4265146304\n");
        QCOMPARE(sniff_format(lfs), FileFormat::GitLfsPointer);
        QVERIFY(format_explanation(FileFormat::GitLfsPointer).find("Git LFS pointer, not the model") != std::string::npos);
        const auto html = write("login.safetensors", "\n  <!DOCTYPE html>\n<html lang=\"en\"><head><title>Sign in</title>");
        QCOMPARE(sniff_format(html), FileFormat::Html);
        QVERIFY(format_explanation(FileFormat::Html).find("web page") != std::string::npos);
        QCOMPARE(sniff_format(write("bare.safetensors", "<head><meta charset=utf-8>")), FileFormat::Html);
        QCOMPARE(sniff_format(write("err.safetensors", "{\"error\":\"Repository not found\"}")), FileFormat::Json);
        QCOMPARE(sniff_format(write("bom.safetensors", "\xEF\xBB\xBF[1,2]")), FileFormat::Json);
        // The strict reader says the same thing instead of "corrupt".
        try {
            SafetensorsFile::open(lfs);
            QFAIL("an LFS pointer must not open");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("wrong_format"));
            QVERIFY(std::string(e.what()).find("Git LFS pointer") != std::string::npos);
        }
    }

    void case12_pickleCheckpointsExplained() {
        const auto ckpt = write("v1-5.ckpt", torchZip());
        const FileFormat f = sniff_format(ckpt);
        QCOMPARE(f, FileFormat::PyTorchZip);
        QVERIFY(format_is_pickle(f));
        const std::string why = format_explanation(f);
        QVERIFY(why.find("can run code") != std::string::npos);
        QVERIFY(why.find("latentstudio-cli convert") != std::string::npos);
        QVERIFY(format_explanation(FileFormat::Pickle).find("can run code") != std::string::npos);
        QVERIFY(!format_is_pickle(FileFormat::Safetensors));
    }

    void case13_magicBytesNotExtension() {
        // pickle named .SAFETENSORS
        QCOMPARE(sniff_format(write("x.SAFETENSORS", S("\x80\x02}q\x00(X\x01\x00\x00\x00" "a."))), FileFormat::Pickle);
        // safetensors named .ckpt
        const std::string st = QDir(tmp_.path()).filePath("real.ckpt").toStdString();
        write_safetensors(st, {{"w", at::ones({2, 2})}});
        QCOMPARE(sniff_format(st), FileFormat::Safetensors);
        // PyTorch zip named .safetensors
        QCOMPARE(sniff_format(write("zip.safetensors", torchZip())), FileFormat::PyTorchZip);
        // Other containers.
        QCOMPARE(sniff_format(write("a.zip", S("PK\x03\x04") + std::string(26, '\0') + "readme.txt")), FileFormat::Zip);
        QCOMPARE(sniff_format(write("a.7z", S("7z\xBC\xAF\x27\x1C\x00\x04"))), FileFormat::SevenZip);
        QCOMPARE(sniff_format(write("q.gguf", S("GGUF\x03\x00\x00\x00"))), FileFormat::Gguf);
        QCOMPARE(sniff_format(write("e.safetensors", "")), FileFormat::Empty);
        QCOMPARE(sniff_format(write("r.bin", S("\x01\x02\x03 random bytes"))), FileFormat::Unknown);
        // A safetensors-looking length with a header that does not start with '{' is not safetensors.
        QCOMPARE(sniff_format(write("fake.safetensors", S("\x04\x00\x00\x00\x00\x00\x00\x00xxxx"))), FileFormat::Unknown);
        // Names are stable.
        QCOMPARE(QString::fromStdString(format_name(FileFormat::GitLfsPointer)), QStringLiteral("git_lfs_pointer"));
        QCOMPARE(QString::fromStdString(format_name(FileFormat::PyTorchZip)), QStringLiteral("pytorch_zip"));
        QCOMPARE(QString::fromStdString(format_name(FileFormat::DiffusersFolder)), QStringLiteral("diffusers_folder"));
    }

    void foldersAndErrors() {
        QCOMPARE(sniff_format(tmp_.path().toStdString()), FileFormat::Directory);
        QDir(tmp_.path()).mkdir("pipe");
        write("pipe/model_index.json", "{}");
        QCOMPARE(sniff_format(QDir(tmp_.path()).filePath("pipe").toStdString()), FileFormat::DiffusersFolder);
        QVERIFY_THROWS_EXCEPTION(PipelineError, sniff_format(QDir(tmp_.path()).filePath("missing.bin").toStdString()));
        // Pure byte sniffing never reads past `len`.
        const uint8_t one[1] = {0x80};
        QCOMPARE(sniff_format_bytes(one, 1, 1), FileFormat::Unknown);
        QCOMPARE(sniff_format_bytes(one, 0, 0), FileFormat::Empty);
    }

    void goldenFiles() {
        LATENT_REQUIRE_GOLDEN();
        const QDir g(latent::test::goldenDir());
        QCOMPARE(sniff_format(g.filePath("tiny-sd1.safetensors").toStdString()), FileFormat::Safetensors);
        QCOMPARE(sniff_format(g.filePath("tiny-sd1-diffusers").toStdString()), FileFormat::DiffusersFolder);
        QCOMPARE(sniff_format(g.filePath("prompts.json").toStdString()), FileFormat::Json);
    }
};

QTEST_GUILESS_MAIN(TestFormatSniff)
#include "tst_format_sniff.moc"
