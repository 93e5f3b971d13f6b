// The EXIF UserComment reader (app/metadata/exif_comment.h) on hand-made blocks in both byte
// orders and every character code piexif knows, in JPEG (APP1) and WebP (RIFF EXIF chunk)
// containers, and on damaged input: truncated blocks, offsets and counts past the end, entry
// counts over the cap, a pointer loop, random byte flips. It never reads outside the bytes and
// answers "none" rather than guessing.
#include "app/metadata/exif_comment.h"

#include <QRandomGenerator>
#include <QTest>

using namespace latent;

namespace {

struct Writer {
    bool little = false;
    QByteArray b;
    void u16(quint16 v) {
        if (little) b.append(char(v & 0xff)).append(char(v >> 8));
        else b.append(char(v >> 8)).append(char(v & 0xff));
    }
    void u32(quint32 v) {
        for (int i = 0; i < 4; ++i) b.append(char(little ? (v >> (8 * i)) & 0xff : (v >> (8 * (3 - i))) & 0xff));
    }
};

// A TIFF block: IFD0 with one unrelated tag and the Exif IFD pointer; the Exif IFD with one
// unrelated tag and UserComment (`code` + `text`, type 7), values after the IFDs.
QByteArray tiff(bool little, const QByteArray& code, const QByteArray& text) {
    Writer w;
    w.little = little;
    w.b.append(little ? "II" : "MM");
    w.u16(42);
    w.u32(8);
    // IFD0 at 8: 2 entries
    w.u16(2);
    w.u16(0x010F);  // Make, ASCII, 4 bytes inline
    w.u16(2);
    w.u32(4);
    w.b.append("Cam", 4);
    w.u16(0x8769);
    w.u16(4);
    w.u32(1);
    w.u32(8 + 2 + 24 + 4);
    w.u32(0);  // next IFD
    // Exif IFD at 38: 2 entries
    w.u16(2);
    w.u16(0x9000);  // ExifVersion, UNDEFINED, 4 inline
    w.u16(7);
    w.u32(4);
    w.b.append("0230", 4);
    const QByteArray comment = code + text;
    w.u16(0x9286);
    w.u16(7);
    w.u32(quint32(comment.size()));
    w.u32(38 + 2 + 24 + 4);
    w.u32(0);
    w.b.append(comment);
    return w.b;
}

QByteArray utf16be(const QString& s) {
    QByteArray out;
    for (QChar c : s) out.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    return out;
}

QByteArray jpegWith(const QByteArray& exifBlock) {
    QByteArray j("\xff\xd8", 2);
    j.append("\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    j.append("\xff\xe1", 2);
    const QByteArray payload = QByteArray("Exif\0\0", 6) + exifBlock;
    j.append(char((payload.size() + 2) >> 8)).append(char((payload.size() + 2) & 0xff));
    j.append(payload);
    j.append("\xff\xda\x00\x02", 4);  // SOS: the metadata ends here
    j.append("\xff\xe1\x00\x04xx", 6);
    j.append("\xff\xd9", 2);
    return j;
}

QByteArray webpWith(const QByteArray& exifBlock, bool prefix) {
    auto le32 = [](QByteArray& b, quint32 v) {
        for (int i = 0; i < 4; ++i) b.append(char((v >> (8 * i)) & 0xff));
    };
    QByteArray chunks("VP8X", 4);
    le32(chunks, 10);
    chunks.append(QByteArray("\x08\0\0\0\x3f\0\0\x3f\0\0", 10));
    chunks.append("VP8 ");
    le32(chunks, 3);
    chunks.append("abc\0", 4);  // odd size, padded
    const QByteArray data = prefix ? QByteArray("Exif\0\0", 6) + exifBlock : exifBlock;
    chunks.append("EXIF");
    le32(chunks, quint32(data.size()));
    chunks.append(data);
    if (data.size() & 1) chunks.append('\0');
    QByteArray out("RIFF", 4);
    le32(out, quint32(chunks.size() + 4));
    out.append("WEBP");
    out.append(chunks);
    return out;
}

const QString kText = QStringLiteral("a café by the sea, 猫, (fog:1.2)\nNegative prompt: blurry\nSteps: 20, Seed: 5");

} // namespace

class TestExifComment : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bothByteOrdersAndCodes() {
        for (bool little : {false, true}) {
            QCOMPARE(exif::userComment(tiff(little, QByteArray("UNICODE\0", 8), utf16be(kText))).value_or(QString()), kText);
            QCOMPARE(exif::userComment(tiff(little, QByteArray("ASCII\0\0\0", 8), "Steps: 20")).value_or(QString()),
                     QStringLiteral("Steps: 20"));
            // Unknown code: the whole value as UTF-8, invalid bytes dropped (A1111's fallback).
            QCOMPARE(exif::userComment(tiff(little, QByteArray("\0\0\0\0\0\0\0\0", 8), QByteArray("caf\xc3\xa9 \xff!"))).value_or(QString()).remove(QChar(0)),
                     QStringLiteral("café !"));
        }
        // With the APP1 prefix too.
        QCOMPARE(exif::userComment(QByteArray("Exif\0\0", 6) + tiff(false, QByteArray("UNICODE\0", 8), utf16be(kText))).value_or(QString()), kText);
        // No comment at all: an empty UNICODE one is "none".
        QVERIFY(!exif::userComment(tiff(false, QByteArray("UNICODE\0", 8), {})));
    }

    void containers() {
        const QByteArray block = tiff(false, QByteArray("UNICODE\0", 8), utf16be(kText));
        const QByteArray jpeg = jpegWith(block);
        QVERIFY(exif::isJpeg(jpeg) && !exif::isWebp(jpeg));
        QCOMPARE(exif::infotextOf(jpeg).value_or(QString()), kText);
        for (bool prefix : {false, true}) {
            const QByteArray webp = webpWith(block, prefix);
            QVERIFY(exif::isWebp(webp) && !exif::isJpeg(webp));
            QCOMPARE(exif::infotextOf(webp).value_or(QString()), kText);
        }
        // An APP1 after the first scan is not metadata; a PNG or text is neither container.
        QByteArray late("\xff\xd8\xff\xda\x00\x02", 6);
        late.append(jpegWith(block).mid(2));
        QVERIFY(!exif::infotextOf(late));
        QVERIFY(!exif::infotextOf(QByteArray("\x89PNG\r\n\x1a\n", 8)));
        QVERIFY(!exif::infotextOf("hello"));
    }

    void damagedBlocksAreNone() {
        const QByteArray good = tiff(false, QByteArray("UNICODE\0", 8), utf16be(kText));
        // Every truncation: none or the right text, never a crash or a read past the end.
        for (qsizetype n = 0; n < good.size(); ++n) {
            const auto r = exif::userComment(good.left(n));
            QVERIFY(!r || kText.startsWith(*r) || r->size() <= kText.size());
        }
        // The comment's count past the end; the Exif pointer past the end; a huge entry count.
        QByteArray bad = good;
        bad[38 + 2 + 12 + 4] = char(0x7f);  // UserComment count (big-endian, high byte)
        QVERIFY(!exif::userComment(bad));
        bad = good;
        bad[8 + 2 + 12 + 8] = char(0xff);  // Exif IFD pointer value, high byte
        QVERIFY(!exif::userComment(bad));
        bad = good;
        bad[8] = char(0xff);  // IFD0 entry count 0xff02
        QVERIFY(!exif::userComment(bad));
        // A pointer loop: the Exif IFD pointer points at IFD0 itself (no UserComment there).
        bad = good;
        bad[8 + 2 + 12 + 8] = 0;
        bad[8 + 2 + 12 + 9] = 0;
        bad[8 + 2 + 12 + 10] = 0;
        bad[8 + 2 + 12 + 11] = 8;
        QVERIFY(!exif::userComment(bad));
        // Wrong magic, wrong byte-order mark.
        bad = good;
        bad[3] = 43;
        QVERIFY(!exif::userComment(bad));
        bad = good;
        bad[0] = 'X';
        QVERIFY(!exif::userComment(bad));
        // JPEG segment lengths past the end, WebP chunk sizes past the end.
        QByteArray jpeg = jpegWith(good);
        jpeg[22] = char(0xff);
        QVERIFY(!exif::infotextOf(jpeg));
        QByteArray webp = webpWith(good, false);
        webp[12 + 18 + 12 + 4 + 3] = char(0x7f);  // the EXIF chunk's size, high byte
        QVERIFY(!exif::infotextOf(webp));
    }

    void randomDamageNeverCrashes() {
        const QByteArray jpeg = jpegWith(tiff(true, QByteArray("UNICODE\0", 8), utf16be(kText)));
        const QByteArray webp = webpWith(tiff(false, QByteArray("UNICODE\0", 8), utf16be(kText)), true);
        QRandomGenerator rng(20261207);
        int found = 0;
        for (int round = 0; round < 4000; ++round) {
            QByteArray f = (round & 1) ? jpeg : webp;
            const int flips = 1 + int(rng.bounded(8));
            for (int i = 0; i < flips; ++i) f[qsizetype(rng.bounded(quint32(f.size())))] = char(rng.bounded(256));
            if (rng.bounded(4) == 0) f.truncate(qsizetype(rng.bounded(quint32(f.size()))));
            if (exif::infotextOf(f)) ++found;
        }
        QVERIFY(found > 0);  // many flips miss the structure
    }
};

QTEST_GUILESS_MAIN(TestExifComment)
#include "tst_exif_comment.moc"
