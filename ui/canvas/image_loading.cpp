#include "ui/canvas/image_loading.h"

#include "app/metadata/exif_comment.h"
#include "app/metadata/png_text.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <algorithm>

namespace latent {

namespace {

bool isPngFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(8) == PngText::signature();
}
} // namespace

bool isSupportedImageFile(const QString& path) {
    static const QStringList exts = {QStringLiteral("png"),  QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                     QStringLiteral("webp"), QStringLiteral("bmp"), QStringLiteral("tif"),
                                     QStringLiteral("tiff")};
    return exts.contains(QFileInfo(path).suffix().toLower());
}

LoadedImage loadImageFile(const QString& path, int maxSide, qint64 maxPixels) {
    LoadedImage r;
    const QString name = QFileInfo(path).fileName();
    if (!QFileInfo(path).isFile()) {
        r.error = QCoreApplication::translate("latent::ImageLoading", "%1 does not exist or is not a file.").arg(name);
        return r;
    }
    const bool png = isPngFile(path);
    QSize declared;
    if (png) {
        // Our own bounded reader: text chunks (capped, CRC-checked) and the IHDR size.
        const PngTextReadResult text = PngText::readFile(path);
        if (!text.ok) {
            r.error = QCoreApplication::translate("latent::ImageLoading", "%1 could not be read: %2").arg(name, text.error);
            return r;
        }
        r.infotext = text.value(QStringLiteral("parameters"));
        r.warnings = text.warnings;
        declared = QSize(text.width, text.height);
    }
    QImageReader reader(path);
    reader.setAutoTransform(true);
    // Room for the largest accepted image in 32-bit pixels (Qt's default limit is 256 MB).
    reader.setAllocationLimit(int(std::min<qint64>(maxPixels * 4 / (1024 * 1024) + 64, 4096)));
    if (!declared.isValid()) declared = reader.size();
    if (declared.isValid() && (declared.width() > maxSide || declared.height() > maxSide ||
                               qint64(declared.width()) * declared.height() > maxPixels)) {
        r.error = QCoreApplication::translate("latent::ImageLoading", "%1 is %2×%3 pixels, more than the studio opens (%4 pixels a side, %5 megapixels).")
                      .arg(name)
                      .arg(declared.width())
                      .arg(declared.height())
                      .arg(maxSide)
                      .arg(maxPixels / 1000000);
        return r;
    }
    if (!png) {
        // JPEG / WebP (Civitai, A1111 with samples_format jpg/webp): the infotext in EXIF UserComment.
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.size() <= (qint64(256) << 20)) {
            const QByteArray bytes = f.readAll();
            if (const auto text = exif::infotextOf(bytes)) r.infotext = *text;
        }
    }
    r.image = reader.read();
    if (r.image.isNull()) {
        r.error = QCoreApplication::translate("latent::ImageLoading", "%1 could not be read: %2").arg(name, reader.errorString());
        return r;
    }
    r.ok = true;
    return r;
}

QImage loadThumbnail(const QString& path, const QSize& box, QString* error) {
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (!size.isValid()) {
        if (error) *error = reader.errorString();
        return {};
    }
    if (size.width() > 16384 || size.height() > 16384 || qint64(size.width()) * size.height() > qint64(8192) * 8192) {
        if (error) *error = QCoreApplication::translate("latent::ImageLoading", "The image is too large.");
        return {};
    }
    const QSize scaled = size.scaled(box, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
    if (scaled.width() < size.width()) reader.setScaledSize(scaled);
    QImage image = reader.read();
    if (image.isNull()) {
        if (error) *error = reader.errorString();
        return {};
    }
    if (image.width() > box.width() || image.height() > box.height())
        image = image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

} // namespace latent
