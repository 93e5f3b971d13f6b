// PNG text chunks: writing the A1111 `parameters` chunk (tEXt / iTXt before IDAT, valid CRC),
// reading tEXt/zTXt/iTXt with strict bounds (bombs, damaged chunks, chunk floods), golden PNGs.
#include "app/metadata/png_text.h"

#include "common/golden.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

using latent::PngText;

namespace {

// --- an independent, minimal PNG builder for the tests ---------------------------------------

void be32(QByteArray& out, quint32 v) {
    out.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
}

QByteArray chunk(const QByteArray& type, const QByteArray& data, bool breakCrc = false) {
    QByteArray out;
    be32(out, quint32(data.size()));
    out += type + data;
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(type.constData()), 4);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.constData()), uInt(data.size()));
    be32(out, quint32(crc) ^ (breakCrc ? 1u : 0u));
    return out;
}

QByteArray zlibCompress(const QByteArray& in) {
    uLongf n = compressBound(uLong(in.size()));
    QByteArray out(qsizetype(n), Qt::Uninitialized);
    compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(in.constData()),
              uLong(in.size()), 9);
    out.truncate(qsizetype(n));
    return out;
}

// 2x2 RGB image: IHDR + one IDAT + IEND; `extra` chunks go after IHDR.
QByteArray tinyPng(const QList<QByteArray>& extra = {}, bool withEnd = true) {
    QByteArray ihdr;
    be32(ihdr, 2);
    be32(ihdr, 2);
    ihdr.append(char(8)).append(char(2)).append(char(0)).append(char(0)).append(char(0));
    const QByteArray raw = QByteArray::fromHex("00ff000000ff00" "000000ff808080");
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png += chunk("IHDR", ihdr);
    for (const auto& e : extra) png += e;
    png += chunk("IDAT", zlibCompress(raw));
    if (withEnd) png += chunk("IEND", {});
    return png;
}

struct RawChunk {
    QByteArray type;
    QByteArray data;
    bool crcOk;
};

QList<RawChunk> listChunks(const QByteArray& png) {
    QList<RawChunk> out;
    qsizetype pos = 8;
    while (pos + 12 <= png.size()) {
        const auto* u = reinterpret_cast<const uchar*>(png.constData() + pos);
        const quint32 len = (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | u[3];
        const QByteArray type = png.mid(pos + 4, 4);
        const QByteArray data = png.mid(pos + 8, len);
        const auto* c = reinterpret_cast<const uchar*>(png.constData() + pos + 8 + len);
        const quint32 stored = (quint32(c[0]) << 24) | (quint32(c[1]) << 16) | (quint32(c[2]) << 8) | c[3];
        uLong crc = crc32(0, reinterpret_cast<const Bytef*>(type.constData()), 4);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data.constData()), uInt(data.size()));
        out.append({type, data, quint32(crc) == stored});
        pos += 12 + len;
    }
    return out;
}

QImage decode(const QByteArray& png) {
    QImage img;
    img.loadFromData(png, "PNG");
    return img.convertToFormat(QImage::Format_RGBA8888);
}

} // namespace

class TestPngMetadata : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesLatin1AsTextBeforeIdat();
    void writesUnicodeAsItxt();
    void replacesExistingParameters();
    void refusesMalformedInputWhenWriting();
    void readsZtxtAndCompressedItxt();
    void refusesZlibBombFast();
    void ignoresBadCrc();
    void survivesDamagedAndTruncatedFiles();
    void stopsAfterTenThousandChunks();
    void skipsOversizedTextChunk();
    void replacesInvalidUtf8();
    void rejectsNonPng();
    void goldenOutputs();
};

void TestPngMetadata::writesLatin1AsTextBeforeIdat() {
    const QString info = QString::fromUtf8("caf\xc3\xa9 au lait\nSteps: 20, Sampler: Euler, CFG scale: 7.0");
    QString err;
    const QByteArray out = PngText::withParameters(tinyPng(), info, &err);
    QVERIFY2(!out.isEmpty(), qPrintable(err));
    const auto chunks = listChunks(out);
    QCOMPARE(chunks.size(), 4);
    QCOMPARE(chunks[0].type, QByteArray("IHDR"));
    QCOMPARE(chunks[1].type, QByteArray("tEXt"));
    QCOMPARE(chunks[2].type, QByteArray("IDAT"));
    QCOMPARE(chunks[3].type, QByteArray("IEND"));
    for (const auto& c : chunks) QVERIFY(c.crcOk);
    QCOMPARE(chunks[1].data, QByteArray("parameters") + '\0' + info.toLatin1());
    const auto r = PngText::read(out);
    QVERIFY(r.ok);
    QVERIFY(r.warnings.isEmpty());
    QCOMPARE(r.value(QStringLiteral("parameters")), info);
    QCOMPARE(r.width, 2);
    QCOMPARE(r.height, 2);
    // Pixels untouched, and Qt's decoder reads the chunk too.
    QCOMPARE(decode(out), decode(tinyPng()));
    QImage qimg;
    QVERIFY(qimg.loadFromData(out, "PNG"));
    QCOMPARE(qimg.text(QStringLiteral("parameters")), info);
}

void TestPngMetadata::writesUnicodeAsItxt() {
    const QString info = QString::fromUtf8("\xe5\xaf\xbf\xe5\x8f\xb8 \xf0\x9f\x8d\xa3, sushi\nSteps: 5, Sampler: Euler, Seed: 1");
    const QByteArray out = PngText::withParameters(tinyPng(), info);
    const auto chunks = listChunks(out);
    QCOMPARE(chunks[1].type, QByteArray("iTXt"));
    QVERIFY(chunks[1].crcOk);
    // keyword \0, flag 0, method 0, empty language \0, empty translated keyword \0: 5 NULs
    QCOMPARE(chunks[1].data, QByteArray("parameters") + QByteArray(5, '\0') + info.toUtf8());
    const auto r = PngText::read(out);
    QCOMPARE(r.value(QStringLiteral("parameters")), info);
    QCOMPARE(r.chunks[0].type, QByteArray("iTXt"));
    QVERIFY(!r.chunks[0].compressed);
    QImage qimg;
    QVERIFY(qimg.loadFromData(out, "PNG"));
    QCOMPARE(qimg.text(QStringLiteral("parameters")), info);
}

void TestPngMetadata::replacesExistingParameters() {
    const QByteArray old = tinyPng({chunk("tEXt", QByteArray("parameters\0old", 14)),
                                    chunk("tEXt", QByteArray("Software\0x", 10))});
    const QByteArray out = PngText::withParameters(old, QStringLiteral("new one"));
    const auto r = PngText::read(out);
    QCOMPARE(r.chunks.size(), 2);
    QCOMPARE(r.value(QStringLiteral("parameters")), QStringLiteral("new one"));
    QCOMPARE(r.value(QStringLiteral("Software")), QStringLiteral("x"));
    int count = 0;
    for (const auto& c : r.chunks) count += c.keyword == QStringLiteral("parameters");
    QCOMPARE(count, 1);
}

void TestPngMetadata::refusesMalformedInputWhenWriting() {
    QString err;
    QVERIFY(PngText::withParameters(QByteArray("not a png"), QStringLiteral("x"), &err).isEmpty());
    QVERIFY(!err.isEmpty());
    QVERIFY(PngText::withParameters(tinyPng().left(40), QStringLiteral("x"), &err).isEmpty());
    QVERIFY(PngText::withParameters(tinyPng({}, false), QStringLiteral("x"), &err).isEmpty());
    QVERIFY(PngText::withTextChunk(tinyPng(), QString(), QStringLiteral("x"), &err).isEmpty());
    QVERIFY(PngText::withTextChunk(tinyPng(), QString(80, QLatin1Char('k')), QStringLiteral("x"), &err).isEmpty());
    // A chunk length pointing far beyond the data.
    QByteArray bad = tinyPng();
    bad[8] = char(0x7f);
    QVERIFY(PngText::withParameters(bad, QStringLiteral("x"), &err).isEmpty());
}

void TestPngMetadata::readsZtxtAndCompressedItxt() {
    const QByteArray latin = QByteArray("Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512");
    const QString uni = QString::fromUtf8("\xe7\x8c\xab, cat\nSteps: 1, Sampler: Euler, Seed: 2");
    const QByteArray z = chunk("zTXt", QByteArray("parameters") + '\0' + '\0' + zlibCompress(latin));
    const QByteArray it = chunk("iTXt", QByteArray("Comment") + '\0' + char(1) + '\0' + "en" + '\0' +
                                           QByteArray("Kommentar") + '\0' + zlibCompress(uni.toUtf8()));
    const auto r = PngText::read(tinyPng({z, it}));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'|')));
    QCOMPARE(r.chunks.size(), 2);
    QCOMPARE(r.chunks[0].type, QByteArray("zTXt"));
    QVERIFY(r.chunks[0].compressed);
    QCOMPARE(r.chunks[0].text, QString::fromLatin1(latin));
    QCOMPARE(r.chunks[1].keyword, QStringLiteral("Comment"));
    QCOMPARE(r.chunks[1].text, uni);
    QCOMPARE(r.chunks[1].languageTag, QStringLiteral("en"));
    QCOMPARE(r.chunks[1].translatedKeyword, QStringLiteral("Kommentar"));
    // Corrupt stream and unknown method are reported, not fatal.
    const QByteArray broken = chunk("zTXt", QByteArray("a") + '\0' + '\0' + QByteArray("\x78\x9c garbage"));
    const QByteArray method = chunk("zTXt", QByteArray("b") + '\0' + char(7) + zlibCompress("x"));
    const auto r2 = PngText::read(tinyPng({broken, method, z}));
    QCOMPARE(r2.chunks.size(), 1);
    QCOMPARE(r2.warnings.size(), 2);
}

void TestPngMetadata::refusesZlibBombFast() {
    // 1 GiB of zeros as a valid zlib stream of about 1 MB inside a zTXt, and 16 MiB inside a
    // compressed iTXt. The stream repeats one self-contained deflate block (1 MiB of zeros,
    // ended by a full flush), then an empty final block and the Adler-32 of the whole output.
    auto zerosStream = [](int mebibytes) {
        z_stream zs{};
        deflateInit(&zs, 9);
        const QByteArray zeros(1 << 20, '\0');
        QByteArray block(1 << 16, Qt::Uninitialized);
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.constData()));
        zs.avail_in = uInt(zeros.size());
        zs.next_out = reinterpret_cast<Bytef*>(block.data());
        zs.avail_out = uInt(block.size());
        deflate(&zs, Z_FULL_FLUSH);
        block.truncate(block.size() - zs.avail_out);
        deflateEnd(&zs);
        block.remove(0, 2);  // the zlib header, written once below
        QByteArray out("\x78\xda", 2);
        uLong adler = adler32(0, nullptr, 0);
        for (int i = 0; i < mebibytes; ++i) {
            out += block;
            adler = adler32(adler, reinterpret_cast<const Bytef*>(zeros.constData()), uInt(zeros.size()));
        }
        out += QByteArray("\x03\x00", 2);  // final, fixed-Huffman, empty block
        be32(out, quint32(adler));
        return out;
    };
    {
        // The construction is a valid stream: 4 MiB of zeros.
        const QByteArray small = zerosStream(4);
        QByteArray plain(5 << 20, 'x');
        uLongf n = uLongf(plain.size());
        QCOMPARE(uncompress(reinterpret_cast<Bytef*>(plain.data()), &n,
                            reinterpret_cast<const Bytef*>(small.constData()), uLong(small.size())), Z_OK);
        QCOMPARE(qint64(n), qint64(4 << 20));
        QVERIFY(plain.left(4 << 20) == QByteArray(4 << 20, '\0'));
    }
    const QByteArray bomb = zerosStream(1024);
    QVERIFY(bomb.size() < 2 * 1024 * 1024);
    const QByteArray z = chunk("zTXt", QByteArray("parameters") + '\0' + '\0' + bomb);
    const QByteArray it = chunk("iTXt", QByteArray("x") + '\0' + char(1) + '\0' + '\0' + '\0' +
                                           zlibCompress(QByteArray(16 << 20, 'a')));
    const QByteArray ok = chunk("tEXt", QByteArray("Software") + '\0' + "fine");
    QElapsedTimer t;
    t.start();
    const auto r = PngText::read(tinyPng({z, it, ok}));
    const qint64 ms = t.elapsed();
    qInfo("bomb refused in %lld ms (stream %lld bytes)", ms, qint64(bomb.size()));
    QVERIFY(r.ok);
    QCOMPARE(r.chunks.size(), 1);
    QCOMPARE(r.value(QStringLiteral("Software")), QStringLiteral("fine"));
    QVERIFY(r.value(QStringLiteral("parameters")).isNull());
    QCOMPARE(r.warnings.size(), 2);
    QVERIFY(r.warnings[0].contains(QStringLiteral("refused")));
    QVERIFY2(ms < 2000, "a zlib bomb must be refused after ~1 MiB of output");
    // Exactly at the limit is fine; one byte more is refused.
    QByteArray out;
    bool exceeded = false;
    QVERIFY(PngText::inflateCapped(zlibCompress(QByteArray(PngText::kMaxInflatedBytes, 'q')),
                                   PngText::kMaxInflatedBytes, &out, &exceeded));
    QCOMPARE(out.size(), PngText::kMaxInflatedBytes);
    QVERIFY(!PngText::inflateCapped(zlibCompress(QByteArray(PngText::kMaxInflatedBytes + 1, 'q')),
                                    PngText::kMaxInflatedBytes, &out, &exceeded));
    QVERIFY(exceeded);
}

void TestPngMetadata::ignoresBadCrc() {
    const QByteArray good = chunk("tEXt", QByteArray("Software") + '\0' + "ok");
    const QByteArray bad = chunk("tEXt", QByteArray("parameters") + '\0' + "tampered", true);
    const auto r = PngText::read(tinyPng({bad, good}));
    QCOMPARE(r.chunks.size(), 1);
    QCOMPARE(r.chunks[0].keyword, QStringLiteral("Software"));
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings[0].contains(QStringLiteral("checksum")));
}

void TestPngMetadata::survivesDamagedAndTruncatedFiles() {
    const QByteArray text = chunk("tEXt", QByteArray("parameters") + '\0' + "hello");
    const QByteArray png = tinyPng({text});
    // Every truncation point: never crashes; the chunk is found once the file reaches past it.
    for (qsizetype n = 0; n <= png.size(); ++n) {
        const auto r = PngText::read(png.left(n));
        if (n < 8) QVERIFY(!r.ok);
        if (n >= 8 + 25 + text.size()) QCOMPARE(r.value(QStringLiteral("parameters")), QStringLiteral("hello"));
        if (n < png.size() && n >= 8) QVERIFY(!r.warnings.isEmpty());
    }
    // Length 0xFFFFFFFF and a non-letter chunk type.
    QByteArray huge = tinyPng();
    huge.insert(33, QByteArray("\xff\xff\xff\xfftEXt", 8));
    auto r = PngText::read(huge);
    QVERIFY(r.ok);
    QVERIFY(!r.warnings.isEmpty());
    QByteArray junk = tinyPng();
    junk.insert(33, QByteArray("\x00\x00\x00\x01\x01\x02\x03\x04xABCD", 13));
    r = PngText::read(junk);
    QVERIFY(!r.warnings.isEmpty());
    // A text chunk whose keyword is missing or too long.
    r = PngText::read(tinyPng({chunk("tEXt", "no keyword terminator"), chunk("tEXt", QByteArray(90, 'k') + '\0' + "v")}));
    QCOMPARE(r.chunks.size(), 0);
    QCOMPARE(r.warnings.size(), 2);
}

void TestPngMetadata::stopsAfterTenThousandChunks() {
    QList<QByteArray> many;
    const QByteArray filler = chunk("teSt", "x");
    for (int i = 0; i < 12000; ++i) many.append(filler);
    many.append(chunk("tEXt", QByteArray("late") + '\0' + "never read"));
    QElapsedTimer t;
    t.start();
    const auto r = PngText::read(tinyPng(many));
    QVERIFY(r.ok);
    QVERIFY(r.value(QStringLiteral("late")).isNull());
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings[0].contains(QString::number(PngText::kMaxChunks)));
    QVERIFY(t.elapsed() < 5000);
    QVERIFY(PngText::withParameters(tinyPng(many), QStringLiteral("x")).isEmpty());
}

void TestPngMetadata::skipsOversizedTextChunk() {
    const QByteArray big = chunk("tEXt", QByteArray("parameters") + '\0' + QByteArray(PngText::kMaxTextChunkBytes + 10, 'a'));
    const QByteArray after = chunk("tEXt", QByteArray("Software") + '\0' + "after");
    const auto r = PngText::read(tinyPng({big, after}));
    QVERIFY(r.value(QStringLiteral("parameters")).isNull());
    QCOMPARE(r.value(QStringLiteral("Software")), QStringLiteral("after"));
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings[0].contains(QStringLiteral("too large")));
}

void TestPngMetadata::replacesInvalidUtf8() {
    const QByteArray bad = QByteArray("ok \xff\xfe end \xe2\x82", 12);
    const auto r = PngText::read(tinyPng({chunk("iTXt", QByteArray("parameters") + QByteArray(5, '\0') + bad)}));
    QCOMPARE(r.chunks.size(), 1);
    const QString t = r.chunks[0].text;
    QVERIFY(t.startsWith(QStringLiteral("ok ")));
    QVERIFY(t.contains(QChar(0xFFFD)));
    QVERIFY(t.contains(QStringLiteral(" end ")));
}

void TestPngMetadata::rejectsNonPng() {
    auto r = PngText::read(QByteArray());
    QVERIFY(!r.ok);
    QVERIFY(!r.error.isEmpty());
    r = PngText::read(QByteArray("GIF89a........"));
    QVERIFY(!r.ok);
    r = PngText::readFile(QStringLiteral("/nonexistent/file.png"));
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(QStringLiteral("could not be opened")));
}

void TestPngMetadata::goldenOutputs() {
    LATENT_REQUIRE_GOLDEN();
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString casesDir = latent::test::goldenDir() + QStringLiteral("/cases");
    const QStringList cases = QDir(casesDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(cases.size() >= 6);
    for (const QString& c : cases) {
        const QString dir = casesDir + QLatin1Char('/') + c;
        QFile sf(dir + QStringLiteral("/settings.json"));
        QVERIFY(sf.open(QIODevice::ReadOnly));
        const QString info = QJsonDocument::fromJson(sf.readAll())
                                 .object()
                                 .value(QStringLiteral("infotexts"))
                                 .toArray()
                                 .at(0)
                                 .toString();
        QVERIFY(!info.isEmpty());

        const auto before = PngText::readFile(dir + QStringLiteral("/output.png"));
        QVERIFY2(before.ok, qPrintable(before.error));
        QVERIFY(before.warnings.isEmpty());
        QCOMPARE(before.width, 128);
        QCOMPARE(before.height, 128);
        // The fixtures were saved without metadata; if one has it, it must be the infotext.
        const QString existing = before.value(QStringLiteral("parameters"));
        if (!existing.isNull()) QCOMPARE(existing, info);

        QFile pf(dir + QStringLiteral("/output.png"));
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const QByteArray png = pf.readAll();
        QString err;
        const QByteArray tagged = PngText::withParameters(png, info, &err);
        QVERIFY2(!tagged.isEmpty(), qPrintable(err));
        const QString path = tmp.filePath(c + QStringLiteral(".png"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(tagged);
        out.close();
        const auto after = PngText::readFile(path);
        QVERIFY(after.ok);
        QVERIFY(after.warnings.isEmpty());
        QCOMPARE(after.value(QStringLiteral("parameters")), info);
        QCOMPARE(decode(tagged), decode(png));  // pixels unchanged
        QCOMPARE(tagged.size(), png.size() + 12 + 11 + info.toLatin1().size());
    }
}

QTEST_GUILESS_MAIN(TestPngMetadata)
#include "tst_png_metadata.moc"
