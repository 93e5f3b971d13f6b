// Model hashes: SHA-256 / AutoV2 against the golden README, AutoV1 and the LoRA (addnet) hash
// against independent QCryptographicHash computations, progress, cancel, async.
#include "app/library/model_hashes.h"

#include "common/golden.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using latent::ModelHashes;
using latent::ModelHashResult;

namespace {

QByteArray randomBytes(qsizetype n, quint32 seed) {
    QRandomGenerator rng(seed);
    QByteArray out(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i) out[i] = char(rng.generate() & 0xff);
    return out;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QString sha256Hex(const QByteArray& b) {
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

// A small but valid safetensors file: 8-byte little-endian header length, JSON, data.
QByteArray makeSafetensors(const QByteArray& data, QByteArray* headerOut = nullptr) {
    QByteArray header = QByteArray(R"({"lora_unet_down.lora_down.weight":{"dtype":"F32","shape":[)") +
                        QByteArray::number(data.size() / 4) + R"(],"data_offsets":[0,)" +
                        QByteArray::number(data.size()) + R"(]},"__metadata__":{"ss_network_dim":"4"}})";
    while (header.size() % 8) header.append(' ');
    QByteArray out;
    quint64 n = quint64(header.size());
    for (int i = 0; i < 8; ++i) out.append(char((n >> (8 * i)) & 0xff));
    out += header + data;
    if (headerOut) *headerOut = header;
    return out;
}

} // namespace

class TestModelHashes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goldenFiles();
    void autoV1_data();
    void autoV1();
    void loraHash();
    void progressAndCancel();
    void asyncFuture();
    void errors();
};

void TestModelHashes::goldenFiles() {
    LATENT_REQUIRE_GOLDEN();
    struct Case {
        const char* file;
        const char* sha;
    };
    const Case cases[] = {
        {"tiny-sd1.safetensors", "f06e632b51c09b406dfdecdd00c3885bd5dd769456f8224550d8d2aa598fec0e"},
        {"tiny-sdxl.safetensors", "638105bbd59d6bed340283b6d2e2571e2d473db429ee54b221892a4e5622af26"},
    };
    bool first = true;
    for (const Case& c : cases) {
        const QString path = latent::test::goldenDir() + QLatin1Char('/') + QLatin1String(c.file);
        QElapsedTimer t;
        t.start();
        const ModelHashResult r = ModelHashes::compute(path, first);
        const qint64 ms = std::max<qint64>(1, t.elapsed());
        qInfo("%s: %lld bytes hashed in %lld ms (%.0f MB/s, %s)", c.file, r.size, ms,
              double(r.size) / 1e6 / (double(ms) / 1e3), first ? "SHA-256 + addnet" : "SHA-256");
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.sha256, QLatin1String(c.sha));
        QCOMPARE(r.autoV2(), QLatin1String(c.sha).left(10));
        QCOMPARE(r.size, QFileInfo(path).size());
        // AutoV1 and addnet computed independently here.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.seek(0x100000));
        QCOMPARE(r.autoV1, sha256Hex(f.read(0x10000)).left(8));
        QCOMPARE(ModelHashes::autoV1(path), r.autoV1);
        if (first) {
            QVERIFY(f.seek(0));
            const QByteArray all = f.readAll();
            quint64 n = 0;
            for (int i = 7; i >= 0; --i) n = (n << 8) | quint8(all[i]);
            QCOMPARE(r.addnet, sha256Hex(all.mid(qsizetype(8 + n))));
            QCOMPARE(ModelHashes::addnetHash(path), r.addnet);
            QCOMPARE(ModelHashes::sha256File(path), r.sha256);
        } else {
            QVERIFY(r.addnet.isEmpty());  // not requested
        }
        first = false;
    }
}

void TestModelHashes::autoV1_data() {
    QTest::addColumn<qint64>("size");
    QTest::newRow("empty") << qint64(0);
    QTest::newRow("shorter than 1 MiB") << qint64(1000);
    QTest::newRow("exactly 1 MiB") << qint64(0x100000);
    QTest::newRow("1 MiB + 100 bytes") << qint64(0x100000 + 100);
    QTest::newRow("1 MiB + 64 KiB") << qint64(0x110000);
    QTest::newRow("3 MiB + 5") << qint64(3 * 0x100000 + 5);
}

void TestModelHashes::autoV1() {
    QFETCH(qint64, size);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("model.ckpt"));
    const QByteArray bytes = randomBytes(size, quint32(size) + 1);
    QVERIFY(writeFile(path, bytes));
    // A1111 model_hash(): seek(0x100000), read(0x10000) (whatever is there), sha256, first 8.
    const QString expected = sha256Hex(bytes.mid(0x100000, 0x10000)).left(8);
    if (size <= 0x100000) QCOMPARE(expected, QStringLiteral("e3b0c442"));  // SHA-256 of nothing
    QCOMPARE(ModelHashes::autoV1(path), expected);
    const ModelHashResult r = ModelHashes::compute(path);
    QVERIFY(r.ok);
    QCOMPARE(r.autoV1, expected);
    QCOMPARE(r.sha256, sha256Hex(bytes));
    QVERIFY(r.addnet.isEmpty());
}

void TestModelHashes::loraHash() {
    QTemporaryDir dir;
    QByteArray header;
    const QByteArray data = randomBytes(4096 * 3 + 4, 7);  // crosses no block boundary
    const QByteArray file = makeSafetensors(data, &header);
    const QString path = dir.filePath(QStringLiteral("lora.safetensors"));
    QVERIFY(writeFile(path, file));
    const QString expected = sha256Hex(data);
    QCOMPARE(ModelHashes::addnetHash(path), expected);
    ModelHashResult r = ModelHashes::compute(path, true);
    QVERIFY(r.ok);
    QCOMPARE(r.addnet, expected);
    QCOMPARE(r.loraHash(), expected.left(12));
    QVERIFY(r.loraHash() != r.sha256.left(12));  // the header is excluded
    // Changing only the metadata keeps the LoRA hash and changes the file hash.
    QByteArray file2 = file;
    file2.replace("\"4\"", "\"8\"");
    const QString path2 = dir.filePath(QStringLiteral("lora2.safetensors"));
    QVERIFY(writeFile(path2, file2));
    const ModelHashResult r2 = ModelHashes::compute(path2, true);
    QCOMPARE(r2.addnet, r.addnet);
    QVERIFY(r2.sha256 != r.sha256);
    // Data larger than the 4 MiB read block: the data section spans several blocks.
    const QByteArray big = randomBytes(9 * 1024 * 1024 + 12, 11);
    const QString path3 = dir.filePath(QStringLiteral("big.safetensors"));
    QVERIFY(writeFile(path3, makeSafetensors(big)));
    QCOMPARE(ModelHashes::compute(path3, true).addnet, sha256Hex(big));
    // Not safetensors (pickle bytes): no addnet hash; the LoRA hash falls back to the file hash
    // (A1111 hashes non-safetensors LoRAs whole).
    const QString pt = dir.filePath(QStringLiteral("lora.pt"));
    QVERIFY(writeFile(pt, QByteArray("\x80\x02}q\x00.", 6) + randomBytes(100, 3)));
    const ModelHashResult rp = ModelHashes::compute(pt, true);
    QVERIFY(rp.ok);
    QVERIFY(rp.addnet.isEmpty());
    QCOMPARE(rp.loraHash(), rp.sha256.left(12));
    QString err;
    QVERIFY(ModelHashes::addnetHash(pt, &err).isEmpty());
    QVERIFY(!err.isEmpty());
    // A header length pointing past the end is not treated as safetensors.
    QByteArray lying = file;
    lying[5] = char(0x7f);
    QVERIFY(writeFile(pt, lying));
    QVERIFY(ModelHashes::compute(pt, true).addnet.isEmpty());
}

void TestModelHashes::progressAndCancel() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.safetensors"));
    const QByteArray bytes = randomBytes(10 * 1024 * 1024 + 3, 5);
    QVERIFY(writeFile(path, bytes));
    QList<qint64> seen;
    qint64 total = -1;
    const ModelHashResult r = ModelHashes::compute(path, false, [&](qint64 done, qint64 t) {
        seen << done;
        total = t;
    });
    QVERIFY(r.ok);
    QCOMPARE(total, qint64(bytes.size()));
    QVERIFY(seen.size() >= 3);
    QCOMPARE(seen.first(), qint64(0));
    QCOMPARE(seen.last(), qint64(bytes.size()));
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));

    std::atomic<bool> cancel{false};
    int calls = 0;
    const ModelHashResult c = ModelHashes::compute(path, false, [&](qint64, qint64) {
        if (++calls == 2) cancel = true;
    }, &cancel);
    QVERIFY(!c.ok);
    QVERIFY(c.cancelled);
    QVERIFY(c.sha256.isEmpty());
    QCOMPARE(calls, 2);  // stopped right after the flag was raised
}

void TestModelHashes::asyncFuture() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.bin"));
    const QByteArray bytes = randomBytes(6 * 1024 * 1024, 9);
    QVERIFY(writeFile(path, bytes));
    QFuture<ModelHashResult> f = ModelHashes::computeAsync(path);
    f.waitForFinished();
    QCOMPARE(f.resultCount(), 1);
    QCOMPARE(f.result().sha256, sha256Hex(bytes));
    QCOMPARE(f.progressMaximum(), 1000);
    QCOMPARE(f.progressValue(), 1000);
}

void TestModelHashes::errors() {
    const ModelHashResult r = ModelHashes::compute(QStringLiteral("/nonexistent/model.safetensors"));
    QVERIFY(!r.ok);
    QVERIFY(!r.cancelled);
    QVERIFY(r.error.contains(QStringLiteral("could not be opened")));
    QString err;
    QVERIFY(ModelHashes::autoV1(QStringLiteral("/nonexistent"), &err).isEmpty());
    QVERIFY(!err.isEmpty());
    QTemporaryDir dir;
    const ModelHashResult d = ModelHashes::compute(dir.path());  // a folder, not a file
    QVERIFY(!d.ok);
    QVERIFY(!d.error.isEmpty());
}

QTEST_GUILESS_MAIN(TestModelHashes)
#include "tst_model_hashes.moc"
