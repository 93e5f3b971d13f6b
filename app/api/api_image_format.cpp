// A1111 v1.10.1 encode_pil_to_base64 (modules/api/api.py): the images of /sdapi/v1 answers in
// the `samples_format` option's format. PNG keeps every text chunk; JPEG and WebP drop alpha and carry
// the `parameters` text as EXIF UserComment, written as piexif.dump({"Exif": {UserComment:
// piexif.helper.UserComment.dump(text, encoding="unicode")}}) writes it: a big-endian TIFF whose
// IFD0 holds only the Exif IFD pointer, whose Exif IFD holds only UserComment (type UNDEFINED,
// "UNICODE\0" + UTF-16BE text), in an APP1 "Exif\0\0" segment after the JFIF header.
#include "app/api/api_internal.h"
#include "app/metadata/png_text.h"

#include "app/imaging/image_loader.h"

#include <OpenImageIO/imageio.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

namespace latent::api_detail {

namespace {

void put16(QByteArray& b, quint16 v) {
    b.append(char(v >> 8));
    b.append(char(v & 0xff));
}
void put32(QByteArray& b, quint32 v) {
    put16(b, quint16(v >> 16));
    put16(b, quint16(v & 0xffff));
}

} // namespace

QByteArray exifUserComment(const QString& text) {
    QByteArray comment("UNICODE\0", 8);
    for (const QChar c : text) put16(comment, c.unicode()); // UTF-16BE (surrogates as they are)
    QByteArray tiff("MM\0\x2a", 4);
    put32(tiff, 8);                      // IFD0 right after the header
    put16(tiff, 1);                      // IFD0: one entry
    put16(tiff, 0x8769);                 // ExifIFDPointer
    put16(tiff, 4);                      // LONG
    put32(tiff, 1);
    put32(tiff, 8 + 2 + 12 + 4);         // the Exif IFD follows IFD0
    put32(tiff, 0);                      // no next IFD
    put16(tiff, 1);                      // Exif IFD: one entry
    put16(tiff, 0x9286);                 // UserComment
    put16(tiff, 7);                      // UNDEFINED
    put32(tiff, quint32(comment.size()));
    put32(tiff, 26 + 2 + 12 + 4);        // its data follows the Exif IFD
    put32(tiff, 0);
    tiff.append(comment);
    return QByteArray("Exif\0\0", 6) + tiff;
}

// Adds an "EXIF" chunk to a WebP file, turning a simple one (VP8 / VP8L) into the extended
// format (a VP8X header with the EXIF flag) as the WebP container spec requires.
static QByteArray webpWithExif(const QByteArray& webp, const QByteArray& exifTiff, int width, int height, QString* error) {
    auto le32 = [](const QByteArray& b, qsizetype at) {
        return quint32(quint8(b[at])) | (quint32(quint8(b[at + 1])) << 8) | (quint32(quint8(b[at + 2])) << 16) |
               (quint32(quint8(b[at + 3])) << 24);
    };
    auto put32le = [](QByteArray& b, quint32 v) {
        for (int i = 0; i < 4; ++i) b.append(char((v >> (8 * i)) & 0xff));
    };
    if (webp.size() < 20 || !webp.startsWith("RIFF") || webp.mid(8, 4) != "WEBP" || le32(webp, 4) + 8 != quint32(webp.size())) {
        if (error) *error = QCoreApplication::translate("latent::ApiServer", "The WebP encoder gave no image.");
        return {};
    }
    QByteArray body = webp.mid(12);  // the chunks
    const QByteArray first = body.left(4);
    if (first == "VP8X") {
        body[8] = char(quint8(body[8]) | 0x08);  // EXIF flag
    } else {
        QByteArray vp8x("VP8X", 4);
        put32le(vp8x, 10);
        vp8x.append(char(0x08));
        vp8x.append(QByteArray(3, '\0'));
        for (int v : {width - 1, height - 1})
            for (int i = 0; i < 3; ++i) vp8x.append(char((v >> (8 * i)) & 0xff));
        body.prepend(vp8x);
    }
    QByteArray chunk("EXIF", 4);
    put32le(chunk, quint32(exifTiff.size()));
    chunk.append(exifTiff);
    if (exifTiff.size() & 1) chunk.append('\0');
    body.append(chunk);
    QByteArray out("RIFF", 4);
    put32le(out, quint32(body.size() + 4));
    out.append("WEBP");
    out.append(body);
    return out;
}

QByteArray encodeResponseImage(const QByteArray& png, const QString& samplesFormat, int jpegQuality, QString* error) {
    const QString format = samplesFormat.toLower();
    if (format == QLatin1String("png") || format.isEmpty()) return png;
    const bool webp = format == QLatin1String("webp");
    if (format != QLatin1String("jpg") && format != QLatin1String("jpeg") && !webp) {
        if (error) *error = QStringLiteral("Invalid image format"); // A1111's HTTPException(500)
        return {};
    }
    // Decode (the image loader), drop alpha as Pillow's convert("RGB") does (no compositing),
    // encode with OpenImageIO's JPEG writer (libjpeg, 4:2:0 as Pillow's default).
    QTemporaryDir scratch;
    const QString in = scratch.filePath(QStringLiteral("in.png")),
                  out = scratch.filePath(webp ? QStringLiteral("out.webp") : QStringLiteral("out.jpg"));
    {
        QFile f(in);
        if (!scratch.isValid() || !f.open(QIODevice::WriteOnly) || f.write(png) != png.size()) {
            if (error) *error = QCoreApplication::translate("latent::ApiServer", "A result image could not be read back.");
            return {};
        }
    }
    const ImageLoadResult loaded = ImageLoader::loadFile(in);
    if (!loaded.ok()) {
        if (error) *error = loaded.error;
        return {};
    }
    const ImageU8& img = loaded.image;
    std::vector<uint8_t> rgb(size_t(img.width * img.height * 3));
    for (int64_t i = 0; i < img.width * img.height; ++i)
        for (int c = 0; c < 3; ++c)
            rgb[size_t(i * 3 + c)] = img.data[size_t(i * img.channels + (img.channels >= 3 ? c : 0))];
    {
        auto writer = OIIO::ImageOutput::create(out.toStdString());
        OIIO::ImageSpec spec(int(img.width), int(img.height), 3, OIIO::TypeDesc::UINT8);
        spec.attribute("Compression", (webp ? "webp:" : "jpeg:") + std::to_string(std::clamp(jpegQuality, 1, 100)));
        if (!writer || !writer->open(out.toStdString(), spec) || !writer->write_image(OIIO::TypeDesc::UINT8, rgb.data()) ||
            !writer->close()) {
            if (error) *error = QString::fromStdString(writer ? writer->geterror() : OIIO::geterror());
            return {};
        }
    }
    QByteArray jpeg;
    {
        QFile f(out);
        if (f.open(QIODevice::ReadOnly)) jpeg = f.readAll();
    }
    if (webp) {
        // A1111: image.save(format="WEBP", exif=...) with the same UserComment block.
        const PngTextReadResult text = PngText::read(png);
        const QByteArray exif = exifUserComment(text.ok ? text.value(QStringLiteral("parameters")) : QString());
        return webpWithExif(jpeg, exif.mid(6), int(img.width), int(img.height), error);
    }
    if (jpeg.size() < 4 || quint8(jpeg[0]) != 0xff || quint8(jpeg[1]) != 0xd8) {
        if (error) *error = QCoreApplication::translate("latent::ApiServer", "The JPEG encoder gave no image.");
        return {};
    }
    const PngTextReadResult text = PngText::read(png);
    const QByteArray exif = exifUserComment(text.ok ? text.value(QStringLiteral("parameters")) : QString());
    if (exif.size() + 2 > 0xffff) {
        if (error) *error = QCoreApplication::translate("latent::ApiServer", "The infotext is too long for a JPEG's EXIF block.");
        return {};
    }
    // After SOI and, when there is one, the JFIF APP0 segment (as Pillow writes them).
    qsizetype at = 2;
    if (quint8(jpeg[2]) == 0xff && quint8(jpeg[3]) == 0xe0 && jpeg.size() > 6)
        at = 4 + ((quint8(jpeg[4]) << 8) | quint8(jpeg[5]));
    QByteArray segment("\xff\xe1", 2);
    put16(segment, quint16(exif.size() + 2));
    segment.append(exif);
    jpeg.insert(at, segment);
    return jpeg;
}

} // namespace latent::api_detail
