#include "app/imaging/image_loader.h"

#include "app/storage/atomic_file.h"

#include <OpenImageIO/imagebuf.h>
#include <OpenImageIO/imagebufalgo.h>
#include <OpenImageIO/imageio.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cmath>

namespace latent {

namespace {


uint8_t toSrgb8(float v) {
    if (!(v > 0.0f)) return 0;
    if (v >= 1.0f) return 255;
    const float s = v <= 0.0031308f ? v * 12.92f : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
    return static_cast<uint8_t>(std::lround(s * 255.0f));
}

} // namespace

QString ImageLoader::sniffExtension(const QByteArray& h) {
    if (h.startsWith("\x89PNG")) return QStringLiteral("png");
    if (h.startsWith("\xff\xd8")) return QStringLiteral("jpg");
    if (h.startsWith("RIFF") && h.mid(8, 4) == "WEBP") return QStringLiteral("webp");
    if (h.startsWith("II*") || h.startsWith("MM\0*")) return QStringLiteral("tif");
    if (h.startsWith("\x76\x2f\x31\x01")) return QStringLiteral("exr");
    if (h.startsWith("BM")) return QStringLiteral("bmp");
    return QStringLiteral("img");
}

ImageLoadResult ImageLoader::loadFile(const QString& path) {
    ImageLoadResult r;
    const QFileInfo fi(path);
    if (!fi.isFile()) {
        r.error = QCoreApplication::translate("ImageLoader", "The image %1 does not exist.").arg(path);
        return r;
    }
    const std::string name = QFile::encodeName(fi.absoluteFilePath()).toStdString();
    auto in = OIIO::ImageInput::open(name);
    if (!in) {
        (void)OIIO::geterror();
        r.error = QCoreApplication::translate("ImageLoader", "%1 is not an image this program can read.").arg(path);
        return r;
    }
    const OIIO::ImageSpec spec = in->spec();
    in->close();
    if (spec.width < 1 || spec.height < 1 || spec.width > kMaxSide || spec.height > kMaxSide ||
        qint64(spec.width) * spec.height > kMaxPixels || spec.nchannels < 1) {
        r.error = QCoreApplication::translate("ImageLoader", "The image %1 is %2x%3 pixels; at most %4 pixels per side are accepted.")
                      .arg(path)
                      .arg(spec.width)
                      .arg(spec.height)
                      .arg(kMaxSide);
        return r;
    }
    // Straight (unassociated) alpha as stored in PNG/WebP/TIFF: OIIO would premultiply otherwise.
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    OIIO::ImageBuf buf(name, 0, 0, nullptr, &config);
    if (!buf.read(0, 0, true, OIIO::TypeDesc::FLOAT)) {
        r.error = QCoreApplication::translate("ImageLoader", "The image %1 could not be decoded: %2").arg(path, QString::fromStdString(buf.geterror()));
        return r;
    }
    if (buf.orientation() != 1) buf = OIIO::ImageBufAlgo::reorient(buf);
    const OIIO::ImageSpec& s = buf.spec();
    // Float / half files (EXR, float TIFF, HDR) hold linear light; integer files are sRGB already.
    const bool linear = spec.format.basetype == OIIO::TypeDesc::FLOAT || spec.format.basetype == OIIO::TypeDesc::HALF;
    const int nc = s.nchannels;
    const int alphaIndex = s.alpha_channel >= 0 ? s.alpha_channel : (nc == 2 || nc >= 4 ? (nc == 2 ? 1 : 3) : -1);
    const int colour = nc >= 3 ? 3 : 1;
    const int outChannels = colour + (alphaIndex >= 0 ? 1 : 0);
    std::vector<float> px(size_t(s.width) * s.height * nc);
    if (!buf.get_pixels(OIIO::ROI(s.x, s.x + s.width, s.y, s.y + s.height, 0, 1, 0, nc), OIIO::TypeDesc::FLOAT,
                        px.data())) {
        r.error = QCoreApplication::translate("ImageLoader", "The image %1 could not be decoded: %2").arg(path, QString::fromStdString(buf.geterror()));
        return r;
    }
    ImageU8 out(s.width, s.height, outChannels == 2 ? 4 : outChannels);
    for (int64_t i = 0; i < int64_t(s.width) * s.height; ++i) {
        const float* p = &px[size_t(i) * nc];
        uint8_t* o = &out.data[size_t(i) * out.channels];
        auto conv = [&](float v, bool alpha) {
            if (linear && !alpha) return toSrgb8(v);
            const float c = std::min(1.0f, std::max(0.0f, v));
            return static_cast<uint8_t>(std::lround(c * 255.0f));
        };
        if (colour == 3) {
            for (int c = 0; c < 3; ++c) o[c] = conv(p[c], false);
        } else if (out.channels == 4) {
            o[0] = o[1] = o[2] = conv(p[0], false);
        } else {
            o[0] = conv(p[0], false);
        }
        if (alphaIndex >= 0) o[3] = conv(p[alphaIndex], true);
    }
    r.image = std::move(out);
    return r;
}

QString ImageLoader::writeBase64Image(const QString& base64In, const QString& path) {
    QString b64 = base64In.trimmed();
    if (b64.startsWith(QLatin1String("data:"))) {
        const int comma = b64.indexOf(QLatin1Char(','));
        if (comma < 0) return QCoreApplication::translate("ImageLoader", "The image data URL has no data.");
        b64 = b64.mid(comma + 1);
    }
    const auto decoded = QByteArray::fromBase64Encoding(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) return QCoreApplication::translate("ImageLoader", "The image data is not valid base64.");
    QString why;
    if (!writeFileAtomically(path, decoded.decoded, &why))
        return QCoreApplication::translate("ImageLoader", "Cannot write %1: %2").arg(path, why);
    return {};
}

} // namespace latent
