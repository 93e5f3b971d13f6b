// A1111's Extras routes with model upscalers over real HTTP (issue 15): tiny seeded ESRGAN-family
// files in the server's models folder, /sdapi/v1/upscalers listing them as A1111 does, and
// /extra-single-image and /extra-batch-images running them as "upscale" jobs on the shared queue.
// Expected pixels are worked out by hand: a Real-ESRGAN compact net whose convolutions are all
// zero returns exactly its nearest-upsampled input, so ×4 of a 32² image is each pixel repeated
// 4×4 (A1111's target int(32·4)//8·8 = 128 needs no final Lanczos); "Scale to" with crop pastes the
// upscaled image centred on a black canvas of the target size.
#include "app/api/api_jobs.h"
#include "app/jobs/job_queue.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "common/api_fixture.h"
#include "common/http_client.h"
#include "common/json_shape.h"
#include "common/upscaler_fixtures.h"
#include "pipeline/engine.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <cstring>

using namespace latent;
using namespace latent::test;

namespace {

const QString kParameters = QStringLiteral(
    "a red fox\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, Seed: 1, "
    "Size: 32x32, Model: x, Version: test");

ImagePixels pattern(int w, int h, int salt) {
    ImagePixels px;
    px.width = w;
    px.height = h;
    px.channels = 3;
    px.data.resize(qsizetype(w) * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c)
                px.data[(qsizetype(y) * w + x) * 3 + c] = char((x * 7 + y * 13 + c * 61 + salt * 29) & 255);
    return px;
}

// A PNG with A1111 parameters and one more text chunk, as base64.
QString sourcePng(const ImagePixels& px) {
    QByteArray png = ImageWriter::encodePng(px, kParameters);
    png = PngText::withTextChunk(png, QStringLiteral("Software"), QStringLiteral("latent-test"));
    return QString::fromLatin1(png.toBase64());
}

QImage decode(const QJsonValue& b64) { return QImage::fromData(QByteArray::fromBase64(b64.toString().toLatin1()), "PNG").convertToFormat(QImage::Format_RGB888); }

// Each pixel of `px` repeated f×f.
bool isNearestTimes(const QImage& img, const ImagePixels& px, int f, QString* why) {
    if (img.width() != px.width * f || img.height() != px.height * f) {
        *why = QStringLiteral("size %1x%2").arg(img.width()).arg(img.height());
        return false;
    }
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            for (int c = 0; c < 3; ++c) {
                const int got = img.constScanLine(y)[x * 3 + c];
                const int want = uchar(px.data[(qsizetype(y / f) * px.width + x / f) * 3 + c]);
                if (got != want) {
                    *why = QStringLiteral("pixel (%1,%2,%3) is %4, not %5").arg(x).arg(y).arg(c).arg(got).arg(want);
                    return false;
                }
            }
    return true;
}

// The EXIF UserComment of a JPEG, read by hand: the APP1 "Exif\0\0" segment, its TIFF IFD0's
// ExifIFDPointer (0x8769), that IFD's UserComment (0x9286), "UNICODE\0" + UTF-16 text.
QString jpegUserComment(const QByteArray& jpg) {
    auto u16 = [](const QByteArray& b, qsizetype at, bool be) {
        const quint8 x = quint8(b.at(at)), y = quint8(b.at(at + 1));
        return be ? quint16(x << 8 | y) : quint16(y << 8 | x);
    };
    auto u32 = [&](const QByteArray& b, qsizetype at, bool be) {
        return be ? quint32(u16(b, at, be)) << 16 | u16(b, at + 2, be) : quint32(u16(b, at + 2, be)) << 16 | u16(b, at, be);
    };
    qsizetype at = 2;
    while (at + 4 <= jpg.size() && quint8(jpg.at(at)) == 0xff) {
        const quint8 marker = quint8(jpg.at(at + 1));
        const int len = u16(jpg, at + 2, true);
        const QByteArray data = jpg.mid(at + 4, len - 2);
        at += 2 + len;
        if (marker != 0xe1 || !data.startsWith(QByteArray("Exif\0\0", 6))) continue;
        const QByteArray tiff = data.mid(6);
        const bool be = tiff.startsWith("MM");
        auto findTag = [&](quint32 ifd, quint16 tag, quint32* count) -> quint32 {
            const int n = u16(tiff, ifd, be);
            for (int i = 0; i < n; ++i) {
                const qsizetype e = ifd + 2 + 12 * i;
                if (u16(tiff, e, be) == tag) {
                    if (count) *count = u32(tiff, e + 4, be);
                    return u32(tiff, e + 8, be);
                }
            }
            return 0;
        };
        const quint32 exifIfd = findTag(u32(tiff, 4, be), 0x8769, nullptr);
        quint32 count = 0;
        const quint32 offset = findTag(exifIfd, 0x9286, &count);
        const QByteArray comment = tiff.mid(offset, count);
        if (!comment.startsWith(QByteArray("UNICODE\0", 8))) return QStringLiteral("<not UNICODE>");
        QString text;
        for (qsizetype i = 8; i + 1 < comment.size(); i += 2) text.append(QChar(u16(comment, i, true)));
        return text;
    }
    return QStringLiteral("<no EXIF>");
}

} // namespace

class TestApiExtras : public QObject {
    Q_OBJECT
    ApiFixture f_;
    quint16 port_ = 0;
    QString tinyPath_, compactPath_;
    const QString compact_ = QStringLiteral("R-ESRGAN General 4xV3");

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(f_.prepare(), "the demo model was not generated by the build (tools/)");
        QVERIFY(QDir().mkpath(f_.models + QStringLiteral("/ESRGAN")));
        QVERIFY(QDir().mkpath(f_.models + QStringLiteral("/RealESRGAN")));
        tinyPath_ = f_.models + QStringLiteral("/ESRGAN/4x-Tiny.safetensors");
        compactPath_ = f_.models + QStringLiteral("/RealESRGAN/realesr-general-x4v3.pth");
        writeUpscalerSafetensors(tinyPath_.toStdString(), toRrdbLayout(rrdbWeights(8, 4, 1, 2, 3, 31), "esrgan-old", 1, 2));
        writeBytes(compactPath_.toStdString(), upscalerPthBytes(srvggWeights(8, 2, 4, 33, /*zeroBody=*/true), "params"));
        QVERIFY(f_.start());
        port_ = f_.port();
    }
    void cleanupTestCase() { f_.stop(); }

    void upscalersAreListedAsA1111Does() {
        const HttpResult r = getJson(port_, "/sdapi/v1/upscalers");
        QCOMPARE(r.status, 200);
        const QJsonArray list = r.json().toArray();
        QVERIFY(shapeMismatch(list, QJsonArray{readFixture(QStringLiteral("upscaler_item.shape.json"))}).isEmpty());
        QStringList names;
        for (const QJsonValue& v : list) names << v.toObject().value(QStringLiteral("name")).toString();
        // Built-ins first, then the models sorted by lower-case name (modelloader.load_upscalers).
        QCOMPARE(names, (QStringList{QStringLiteral("None"), QStringLiteral("Lanczos"), QStringLiteral("Nearest"),
                                     QStringLiteral("4x-Tiny"), compact_}));
        const QJsonObject none = list.at(0).toObject();
        QVERIFY(none.value(QStringLiteral("model_name")).isNull());
        QVERIFY(none.value(QStringLiteral("model_path")).isNull());
        QCOMPARE(none.value(QStringLiteral("scale")).toDouble(), 4.0);
        const QJsonObject tiny = list.at(3).toObject();
        QCOMPARE(tiny.value(QStringLiteral("model_name")).toString(), QStringLiteral("ESRGAN"));
        QCOMPARE(QFileInfo(tiny.value(QStringLiteral("model_path")).toString()).canonicalFilePath(), QFileInfo(tinyPath_).canonicalFilePath());
        QVERIFY(tiny.value(QStringLiteral("model_url")).isNull());
        QCOMPARE(tiny.value(QStringLiteral("scale")).toDouble(), 4.0);
        QCOMPARE(list.at(4).toObject().value(QStringLiteral("model_name")).toString(), QStringLiteral("RealESRGAN"));

        const HttpResult real = getJson(port_, "/sdapi/v1/realesrgan-models");
        QCOMPARE(real.status, 200);
        QCOMPARE(real.json().toArray().size(), 1);
        QCOMPARE(real.json().toArray().at(0).toObject().value(QStringLiteral("name")).toString(), compact_);
    }

    void modelUpscalerRunsOnTheQueue() {
        const ImagePixels px = pattern(32, 32, 1);
        const int jobsBefore = int(f_.queue()->jobs().size());
        const HttpResult r = postJson(port_, "/sdapi/v1/extra-single-image",
                                      QJsonObject{{QStringLiteral("image"), sourcePng(px)},
                                                  {QStringLiteral("upscaler_1"), compact_},
                                                  {QStringLiteral("upscaling_resize"), 4}});
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object();
        QVERIFY2(shapeMismatch(o, QStringLiteral("extras_single_image.shape.json")).isEmpty(), r.body.constData());
        QString why;
        QVERIFY2(isNearestTimes(decode(o.value(QStringLiteral("image"))), px, 4, &why), qPrintable(why));
        const QString info = QStringLiteral("Postprocess upscale by: 4.0, Postprocess upscaler: ") + compact_;
        QCOMPARE(o.value(QStringLiteral("html_info")).toString(), QStringLiteral("<p>") + info + QStringLiteral("</p>"));
        // The image keeps the source's text chunks and gets A1111's "postprocessing" chunk.
        const PngTextReadResult png = PngText::read(QByteArray::fromBase64(o.value(QStringLiteral("image")).toString().toLatin1()));
        QVERIFY(png.ok);
        QCOMPARE(png.value(QStringLiteral("Software")), QStringLiteral("latent-test"));
        QCOMPARE(png.value(QStringLiteral("parameters")), kParameters);
        QCOMPARE(png.value(QStringLiteral("postprocessing")), info);
        // It ran as an "upscale" job of the API on the shared queue, and its temporary file is gone.
        const QList<Job> jobs = f_.queue()->jobs();
        QCOMPARE(int(jobs.size()), jobsBefore + 1);
        const Job& job = jobs.last();
        QCOMPARE(job.kind, QStringLiteral("upscale"));
        QVERIFY(ApiJobs::isApiJob(job));
        QCOMPARE(job.state, JobState::Done);
        QVERIFY(!job.results.isEmpty());
        QVERIFY(!QFile::exists(job.results.first()));
    }

    void randomModelMatchesTheEngine() {
        // An RRDBNet with random weights: the HTTP answer has the engine's own pixels (the engine's
        // upscaling is checked against A1111's formulas in tst_upscalers).
        const ImagePixels px = pattern(24, 16, 2);
        const HttpResult r = postJson(port_, "/sdapi/v1/extra-single-image",
                                      QJsonObject{{QStringLiteral("image"), sourcePng(px)},
                                                  {QStringLiteral("upscaler_1"), QStringLiteral("4x-Tiny")},
                                                  {QStringLiteral("upscaling_resize"), 2}});
        QCOMPARE(r.status, 200);
        const QImage got = decode(r.object().value(QStringLiteral("image")));
        QCOMPARE(got.size(), QSize(48, 32));
        ImageU8 in(px.width, px.height, 3);
        std::memcpy(in.data.data(), px.data.constData(), size_t(px.data.size()));
        UpscaleRequest req;
        req.upscaler = "4x-Tiny";
        req.upscaler_path = tinyPath_.toStdString();
        req.scale = 2.0;
        Engine engine("cpu");
        const ImageU8 want = engine.upscale(in, req);
        QCOMPARE(int(want.width), 48);
        for (int y = 0; y < 32; ++y)
            QVERIFY2(std::memcmp(got.constScanLine(y), want.row(y), 48 * 3) == 0, qPrintable(QStringLiteral("row %1").arg(y)));
    }

    void scaleToCropsOnABlackCanvas() {
        // resize_mode 1, 100x60 from 32²: scale by max(100/32, 60/32) = 3.125 -> int(100)//8*8 = 96²,
        // pasted at (100/2 - 96/2, 60/2 - 96/2) = (2, -18): columns 0-1 and 98-99 stay black.
        const ImagePixels px = pattern(32, 32, 3);
        const HttpResult r = postJson(port_, "/sdapi/v1/extra-single-image",
                                      QJsonObject{{QStringLiteral("image"), sourcePng(px)},
                                                  {QStringLiteral("upscaler_1"), QStringLiteral("Lanczos")},
                                                  {QStringLiteral("resize_mode"), 1},
                                                  {QStringLiteral("upscaling_resize_w"), 100},
                                                  {QStringLiteral("upscaling_resize_h"), 60}});
        QCOMPARE(r.status, 200);
        const QImage img = decode(r.object().value(QStringLiteral("image")));
        QCOMPARE(img.size(), QSize(100, 60));
        int inside = 0;
        for (int y = 0; y < 60; ++y) {
            for (int x : {0, 1, 98, 99}) QCOMPARE(img.pixel(x, y) & 0xffffff, 0u);
            inside += (img.pixel(2, y) & 0xffffff) != 0 ? 1 : 0;
        }
        QVERIFY(inside > 50);
        QCOMPARE(r.object().value(QStringLiteral("html_info")).toString(),
                 QStringLiteral("<p>Postprocess upscale to: 100x60, Postprocess crop to: 100x60, Postprocess upscaler: Lanczos</p>"));
    }

    void secondUpscalerIsBlendedAndNamed() {
        // Both upscalers give the nearest ×4 image, so any blend of them is that image too.
        const ImagePixels px = pattern(32, 32, 4);
        const HttpResult r = postJson(port_, "/sdapi/v1/extra-single-image",
                                      QJsonObject{{QStringLiteral("image"), sourcePng(px)},
                                                  {QStringLiteral("upscaler_1"), compact_},
                                                  {QStringLiteral("upscaler_2"), QStringLiteral("Nearest")},
                                                  {QStringLiteral("extras_upscaler_2_visibility"), 0.5},
                                                  {QStringLiteral("upscaling_resize"), 4}});
        QCOMPARE(r.status, 200);
        QString why;
        QVERIFY2(isNearestTimes(decode(r.object().value(QStringLiteral("image"))), px, 4, &why), qPrintable(why));
        QCOMPARE(r.object().value(QStringLiteral("html_info")).toString(),
                 QStringLiteral("<p>Postprocess upscale by: 4.0, Postprocess upscaler: %1, Postprocess upscaler 2: Nearest</p>").arg(compact_));
    }

    void batchKeepsTheOrder() {
        const ImagePixels a = pattern(32, 32, 5), b = pattern(32, 32, 6);
        const HttpResult r = postJson(port_, "/sdapi/v1/extra-batch-images",
                                      QJsonObject{{QStringLiteral("imageList"),
                                                   QJsonArray{QJsonObject{{QStringLiteral("data"), sourcePng(a)}, {QStringLiteral("name"), QStringLiteral("a.png")}},
                                                              QJsonObject{{QStringLiteral("data"), sourcePng(b)}, {QStringLiteral("name"), QStringLiteral("b.png")}}}},
                                                  {QStringLiteral("upscaler_1"), compact_},
                                                  {QStringLiteral("upscaling_resize"), 4}});
        QCOMPARE(r.status, 200);
        QVERIFY2(shapeMismatch(r.object(), QStringLiteral("extras_batch_images.shape.json")).isEmpty(), r.body.left(300).constData());
        const QJsonArray images = r.object().value(QStringLiteral("images")).toArray();
        QCOMPARE(images.size(), 2);
        QString why;
        QVERIFY2(isNearestTimes(decode(images.at(0)), a, 4, &why), qPrintable(why));
        QVERIFY2(isNearestTimes(decode(images.at(1)), b, 4, &why), qPrintable(why));

        // pydantic's errors for a FileData without data, and for a missing imageList.
        HttpResult bad = postJson(port_, "/sdapi/v1/extra-batch-images",
                                  QJsonObject{{QStringLiteral("imageList"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("a.png")}}}}});
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.object().value(QStringLiteral("detail")).toArray().at(0).toObject().value(QStringLiteral("loc")).toArray(),
                 (QJsonArray{QStringLiteral("body"), QStringLiteral("imageList"), 0, QStringLiteral("data")}));
        QCOMPARE(postJson(port_, "/sdapi/v1/extra-batch-images", QJsonObject()).status, 422);
    }

    void samplesFormatJpgAndWebpAnswersCarryExif() {
        // A1111 encode_pil_to_base64: with samples_format "jpg" the answers are JPEGs carrying the
        // parameters text in EXIF UserComment (the Extras image: its source's parameters).
        QCOMPARE(postJson(port_, "/sdapi/v1/options", QJsonObject{{QStringLiteral("samples_format"), QStringLiteral("jpg")}}).status, 200);
        const ImagePixels px = pattern(32, 32, 9);
        HttpResult r = postJson(port_, "/sdapi/v1/extra-single-image",
                                QJsonObject{{QStringLiteral("image"), sourcePng(px)},
                                            {QStringLiteral("upscaler_1"), QStringLiteral("Nearest")},
                                            {QStringLiteral("upscaling_resize"), 2}});
        QCOMPARE(r.status, 200);
        const QByteArray jpg = QByteArray::fromBase64(r.object().value(QStringLiteral("image")).toString().toLatin1());
        QVERIFY(jpg.startsWith("\xff\xd8"));
        QCOMPARE(jpegUserComment(jpg), kParameters);
        const QImage img = QImage::fromData(jpg, "JPEG").convertToFormat(QImage::Format_RGB888);
        QCOMPARE(img.size(), QSize(64, 64));
        double error = 0;
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64 * 3; ++x)
                error += std::abs(int(img.constScanLine(y)[x]) - int(uchar(px.data[(qsizetype(y / 2) * 32 + x / 6) * 3 + x % 3])));
        QVERIFY2(error / (64 * 64 * 3) < 12, qPrintable(QString::number(error / (64 * 64 * 3))));

        // A generation: its infotext in UserComment.
        r = postJson(port_, "/sdapi/v1/txt2img",
                     QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lighthouse")}, {QStringLiteral("steps"), 2},
                                 {QStringLiteral("width"), 64}, {QStringLiteral("height"), 64}, {QStringLiteral("seed"), 5}});
        QCOMPARE(r.status, 200);
        const QByteArray gen = QByteArray::fromBase64(r.object().value(QStringLiteral("images")).toArray().at(0).toString().toLatin1());
        QVERIFY(gen.startsWith("\xff\xd8"));
        const QJsonObject info = QJsonDocument::fromJson(r.object().value(QStringLiteral("info")).toString().toUtf8()).object();
        const QString infotext = info.value(QStringLiteral("infotexts")).toArray().at(0).toString();
        QVERIFY(infotext.contains(QStringLiteral("Seed: 5")));
        QCOMPARE(jpegUserComment(gen), infotext);
        // /png-info reads it back from the JPEG, as A1111 does.
        HttpResult info2 = postJson(port_, "/sdapi/v1/png-info", QJsonObject{{QStringLiteral("image"), QString::fromLatin1(gen.toBase64())}});
        QCOMPARE(info2.status, 200);
        QCOMPARE(info2.object().value(QStringLiteral("info")).toString(), infotext);
        QCOMPARE(info2.object().value(QStringLiteral("parameters")).toObject().value(QStringLiteral("Seed")).toString(), QStringLiteral("5"));

        // WebP (A1111: image.save(format="WEBP", exif=...)): a RIFF WebP in the extended format with
        // the same UserComment in its EXIF chunk, which /png-info reads back.
        QCOMPARE(postJson(port_, "/sdapi/v1/options", QJsonObject{{QStringLiteral("samples_format"), QStringLiteral("webp")}}).status, 200);
        r = postJson(port_, "/sdapi/v1/txt2img",
                     QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lighthouse")}, {QStringLiteral("steps"), 2},
                                 {QStringLiteral("width"), 64}, {QStringLiteral("height"), 64}, {QStringLiteral("seed"), 6}});
        QCOMPARE(r.status, 200);
        const QByteArray webp = QByteArray::fromBase64(r.object().value(QStringLiteral("images")).toArray().at(0).toString().toLatin1());
        QVERIFY(webp.startsWith("RIFF") && webp.mid(8, 8) == "WEBPVP8X");
        QCOMPARE(qsizetype(quint8(webp[4]) | (quint8(webp[5]) << 8) | (quint8(webp[6]) << 16)) + 8, webp.size());
        QVERIFY(quint8(webp[20]) & 0x08);  // the EXIF flag
        QCOMPARE(quint8(webp[24]) | (quint8(webp[25]) << 8), 63);  // canvas width - 1
        const QString webpText = QJsonDocument::fromJson(r.object().value(QStringLiteral("info")).toString().toUtf8())
                                     .object().value(QStringLiteral("infotexts")).toArray().at(0).toString();
        QVERIFY(webpText.contains(QStringLiteral("Seed: 6")));
        info2 = postJson(port_, "/sdapi/v1/png-info", QJsonObject{{QStringLiteral("image"), QString::fromLatin1(webp.toBase64())}});
        QCOMPARE(info2.status, 200);
        QCOMPARE(info2.object().value(QStringLiteral("info")).toString(), webpText);
        // Other formats are refused; PNG again.
        QCOMPARE(postJson(port_, "/sdapi/v1/options", QJsonObject{{QStringLiteral("samples_format"), QStringLiteral("gif")}}).status, 422);
        QCOMPARE(postJson(port_, "/sdapi/v1/options", QJsonObject{{QStringLiteral("samples_format"), QStringLiteral("png")}}).status, 200);
    }

    void unknownUpscalerIsA1111sAssertion() {
        const QString image = sourcePng(pattern(32, 32, 7));
        HttpResult r = postJson(port_, "/sdapi/v1/extra-single-image",
                                QJsonObject{{QStringLiteral("image"), image}, {QStringLiteral("upscaler_1"), QStringLiteral("R-ESRGAN 4x+")}});
        QCOMPARE(r.status, 500);
        QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("error"), QStringLiteral("AssertionError")},
                                          {QStringLiteral("detail"), QString()},
                                          {QStringLiteral("body"), QString()},
                                          {QStringLiteral("errors"), QStringLiteral("could not find upscaler named R-ESRGAN 4x+")}}));
        // A1111 matches names exactly.
        r = postJson(port_, "/sdapi/v1/extra-single-image",
                     QJsonObject{{QStringLiteral("image"), image}, {QStringLiteral("upscaler_1"), QStringLiteral("lanczos")}});
        QCOMPARE(r.status, 500);
        r = postJson(port_, "/sdapi/v1/extra-single-image",
                     QJsonObject{{QStringLiteral("image"), image}, {QStringLiteral("upscaler_1"), QStringLiteral("Lanczos")},
                                 {QStringLiteral("upscaler_2"), QStringLiteral("SwinIR 4x")}});
        QCOMPARE(r.status, 500);
        QCOMPARE(r.object().value(QStringLiteral("errors")).toString(), QStringLiteral("could not find upscaler named SwinIR 4x"));
        // upscaler_1 "None": the script returns before looking at upscaler_2; the image is unchanged.
        const ImagePixels px = pattern(32, 32, 8);
        r = postJson(port_, "/sdapi/v1/extra-single-image",
                     QJsonObject{{QStringLiteral("image"), sourcePng(px)}, {QStringLiteral("upscaler_2"), QStringLiteral("SwinIR 4x")}});
        QCOMPARE(r.status, 200);
        QString why;
        QVERIFY2(isNearestTimes(decode(r.object().value(QStringLiteral("image"))), px, 1, &why), qPrintable(why));
        QCOMPARE(r.object().value(QStringLiteral("html_info")).toString(), QStringLiteral("<p></p>"));
        // Not an image, and a factor below A1111's ge=1.
        r = postJson(port_, "/sdapi/v1/extra-single-image",
                     QJsonObject{{QStringLiteral("image"), QStringLiteral("%%%")}, {QStringLiteral("upscaler_1"), QStringLiteral("Lanczos")}});
        QCOMPARE(r.status, 500);
        QCOMPARE(r.object().value(QStringLiteral("detail")).toString(), QStringLiteral("Invalid encoded image"));
        QCOMPARE(postJson(port_, "/sdapi/v1/extra-single-image",
                          QJsonObject{{QStringLiteral("image"), image}, {QStringLiteral("upscaling_resize"), 0.5}}).status,
                 422);
    }
};

QTEST_MAIN(TestApiExtras)
#include "tst_api_extras.moc"
