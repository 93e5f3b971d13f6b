#include "app/remote/remote_images.h"

#include "app/imaging/image_loader.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"

#include <OpenImageIO/filesystem.h>
#include <OpenImageIO/imageio.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryFile>

#include <vector>

namespace latent {

QByteArray decodeBase64Image(const QByteArray& textIn, QString* error) {
    QByteArray text = textIn.trimmed();
    if (text.startsWith("data:")) {
        const int comma = text.indexOf(',');
        if (comma < 0) {
            *error = QCoreApplication::translate("Backends", "The image data URL has no data.");
            return {};
        }
        text = text.mid(comma + 1);
    }
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        *error = QCoreApplication::translate("Backends", "The image data is not valid base64.");
        return {};
    }
    return decoded.decoded;
}

namespace {

ImagePixels readPixels(OIIO::ImageInput& in, QString* error) {
    const OIIO::ImageSpec spec = in.spec();
    ImagePixels out;
    if (spec.width < 1 || spec.height < 1 || spec.width > ImageLoader::kMaxSide || spec.height > ImageLoader::kMaxSide ||
        qint64(spec.width) * spec.height > ImageLoader::kMaxPixels || spec.nchannels < 1) {
        *error = QCoreApplication::translate("Backends", "The image is %1x%2 pixels; at most %3 pixels per side are accepted.")
                     .arg(spec.width)
                     .arg(spec.height)
                     .arg(ImageLoader::kMaxSide);
        return out;
    }
    const int nc = std::min(spec.nchannels, 4);
    std::vector<uint8_t> px(size_t(spec.width) * spec.height * nc);
    if (!in.read_image(0, 0, 0, nc, OIIO::TypeDesc::UINT8, px.data())) {
        *error = QCoreApplication::translate("Backends", "The image could not be decoded: %1")
                     .arg(QString::fromStdString(in.geterror()).left(200));
        return out;
    }
    out.width = spec.width;
    out.height = spec.height;
    out.channels = nc == 2 ? 4 : nc;
    if (nc == 2) { // grey + alpha → RGBA
        out.data.resize(qsizetype(spec.width) * spec.height * 4);
        for (size_t i = 0; i < size_t(spec.width) * spec.height; ++i) {
            out.data[qsizetype(i * 4)] = out.data[qsizetype(i * 4 + 1)] = out.data[qsizetype(i * 4 + 2)] = char(px[i * 2]);
            out.data[qsizetype(i * 4 + 3)] = char(px[i * 2 + 1]);
        }
    } else {
        out.data = QByteArray(reinterpret_cast<const char*>(px.data()), qsizetype(px.size()));
    }
    return out;
}

} // namespace

ImagePixels decodeImageBytes(const QByteArray& bytes, QString* error) {
    const QString ext = ImageLoader::sniffExtension(bytes.left(16));
    if (ext == QLatin1String("img")) {
        *error = QCoreApplication::translate("Backends", "The data is not an image (unknown format).");
        return {};
    }
    const std::string name = "remote." + ext.toStdString();
    {
        OIIO::Filesystem::IOMemReader mem(bytes.constData(), size_t(bytes.size()));
        auto in = OIIO::ImageInput::open(name, nullptr, &mem);
        if (in) {
            ImagePixels px = readPixels(*in, error);
            in->close();
            return px;
        }
        (void)OIIO::geterror();
    }
    // Some format plugins read only files.
    QTemporaryFile tmp(QDir::tempPath() + QStringLiteral("/latent-remote-XXXXXX.") + ext);
    if (!tmp.open() || tmp.write(bytes) != bytes.size() || !tmp.flush()) {
        *error = QCoreApplication::translate("Backends", "The image could not be checked: %1").arg(tmp.errorString());
        return {};
    }
    auto in = OIIO::ImageInput::open(QFile::encodeName(tmp.fileName()).toStdString());
    if (!in) {
        (void)OIIO::geterror();
        *error = QCoreApplication::translate("Backends", "The data is not an image this program can read.");
        return {};
    }
    ImagePixels px = readPixels(*in, error);
    in->close();
    return px;
}

RemoteSaveResult saveRemoteImages(const QList<RemoteImageData>& images, const RemoteSaveOptions& options) {
    RemoteSaveResult r;
    if (images.isEmpty()) {
        r.error = QCoreApplication::translate("Backends", "The backend returned no image.");
        return r;
    }
    // 1. Decode and check every image before anything is written.
    struct Prepared {
        QByteArray png;
        QString infotext;
        QString stem;
    };
    QList<Prepared> prepared;
    for (int i = 0; i < images.size(); ++i) {
        const RemoteImageData& img = images[i];
        QString error;
        const QByteArray bytes = img.base64 ? decodeBase64Image(img.data, &error) : img.data;
        ImagePixels pixels;
        if (error.isEmpty()) pixels = decodeImageBytes(bytes, &error);
        if (!error.isEmpty() || !pixels.isValid()) {
            r.error = QCoreApplication::translate("Backends", "Image %1 of %2 from the backend is unusable: %3 Nothing was saved.")
                          .arg(i + 1)
                          .arg(images.size())
                          .arg(error.isEmpty() ? QCoreApplication::translate("Backends", "no pixels.") : error);
            return r;
        }
        Prepared p;
        const bool png = bytes.startsWith(PngText::signature());
        QString infotext = img.infotext;
        if (png) {
            const PngTextReadResult text = PngText::read(bytes);
            const QString embedded = text.value(QStringLiteral("parameters"));
            if (!embedded.isEmpty()) infotext = embedded; // the server's own record wins
        }
        if (infotext.isEmpty() && options.infotextFor) infotext = options.infotextFor(i, pixels.width, pixels.height);
        if (png) {
            const PngTextReadResult text = PngText::read(bytes);
            if (text.value(QStringLiteral("parameters")) == infotext || infotext.isEmpty()) {
                p.png = bytes; // the server's bytes, untouched
            } else {
                p.png = PngText::withParameters(bytes, infotext, &error);
                if (p.png.isEmpty()) {
                    r.error = QCoreApplication::translate("Backends", "Image %1 from the backend is a damaged PNG: %2 "
                                                                      "Nothing was saved.")
                                  .arg(i + 1)
                                  .arg(error);
                    return r;
                }
            }
        } else {
            p.png = ImageWriter::encodePng(pixels, infotext, 6, &error);
            if (p.png.isEmpty()) {
                r.error = error;
                return r;
            }
        }
        p.infotext = infotext;
        const QString expanded = ImageWriter::expandPattern(options.namePattern, GenerationParams::fromInfotext(infotext)).trimmed();
        p.stem = expanded.isEmpty() ? QString() : ImageWriter::sanitizeFileName(expanded);
        if (i == 0) r.first = pixels;
        prepared << p;
    }
    // 2. Write them atomically (output folder, else the recovery folder).
    const QString recovery = options.recoveryDir.isEmpty() ? ImageWriter::recoveryDirectory() : options.recoveryDir;
    for (const Prepared& p : prepared) {
        RemoteSavedImage saved;
        saved.infotext = p.infotext;
        QString err;
        saved.path = ImageWriter::writeUnique(options.outputDir, p.stem, QStringLiteral(".png"), true, p.png, &err);
        if (saved.path.isEmpty()) {
            saved.reason = err;
            QString recErr;
            saved.path = ImageWriter::writeUnique(recovery, p.stem, QStringLiteral(".png"), true, p.png, &recErr);
            if (saved.path.isEmpty()) {
                r.error = QCoreApplication::translate("Backends", "The image could not be saved. %1 The recovery folder "
                                                                  "failed too: %2")
                              .arg(err, recErr);
                return r;
            }
            saved.recovered = true;
        }
        r.images << saved;
    }
    return r;
}

} // namespace latent
