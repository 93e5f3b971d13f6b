#include "app/storage/image_writer.h"

#include "app/metadata/png_text.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#include <zlib.h>

#include <cstdlib>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace latent {

namespace {

constexpr int kMaxNameBytes = 200;     // UTF-8 bytes of a sanitised name component
constexpr int kMaxAttempts = 1000;     // unique-name candidates tried per folder

void appendBe32(QByteArray& out, quint32 v) {
    out.append(char((v >> 24) & 0xff));
    out.append(char((v >> 16) & 0xff));
    out.append(char((v >> 8) & 0xff));
    out.append(char(v & 0xff));
}

// Adaptive PNG row filtering (minimum sum of absolute differences, the libpng heuristic).
// One tight loop per filter type; a candidate stops as soon as it is worse than the best so far.
QByteArray filterRows(const ImagePixels& img) {
    const qsizetype bpp = img.channels;
    const qsizetype stride = qsizetype(img.width) * bpp;
    QByteArray out;
    out.resize((stride + 1) * img.height);
    const auto* src = reinterpret_cast<const quint8*>(img.data.constData());
    auto* dst = reinterpret_cast<quint8*>(out.data());
    std::vector<quint8> zero(size_t(stride), 0);
    std::vector<quint8> cand(static_cast<size_t>(stride)), best(static_cast<size_t>(stride));
    auto cost = [](quint8 v) -> quint64 { return v < 128 ? v : 256 - v; };

    for (int y = 0; y < img.height; ++y) {
        const quint8* row = src + stride * y;
        const quint8* up = y > 0 ? src + stride * (y - 1) : zero.data();
        quint64 bestSum = ~quint64(0);
        int bestType = 0;
        for (int t = 0; t < 5; ++t) {
            quint8* c = cand.data();
            quint64 sum = 0;
            qsizetype i = 0;
            switch (t) {
            case 0:
                for (; i < stride && sum < bestSum; ++i) sum += cost(c[i] = row[i]);
                break;
            case 1:
                for (; i < bpp && i < stride; ++i) sum += cost(c[i] = row[i]);
                for (; i < stride && sum < bestSum; ++i) sum += cost(c[i] = quint8(row[i] - row[i - bpp]));
                break;
            case 2:
                for (; i < stride && sum < bestSum; ++i) sum += cost(c[i] = quint8(row[i] - up[i]));
                break;
            case 3:
                for (; i < bpp && i < stride; ++i) sum += cost(c[i] = quint8(row[i] - (up[i] >> 1)));
                for (; i < stride && sum < bestSum; ++i)
                    sum += cost(c[i] = quint8(row[i] - ((int(row[i - bpp]) + int(up[i])) >> 1)));
                break;
            case 4:
                for (; i < bpp && i < stride; ++i) sum += cost(c[i] = quint8(row[i] - up[i]));
                for (; i < stride && sum < bestSum; ++i) {
                    const int a = row[i - bpp], b = up[i], cc = up[i - bpp];
                    const int p = a + b - cc;
                    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - cc);
                    const int pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : cc);
                    sum += cost(c[i] = quint8(row[i] - pred));
                }
                break;
            }
            if (i == stride && sum < bestSum) {
                bestSum = sum;
                bestType = t;
                std::swap(cand, best);
            }
        }
        quint8* d = dst + (stride + 1) * y;
        d[0] = quint8(bestType);
        std::memcpy(d + 1, best.data(), size_t(stride));
    }
    return out;
}

bool syncFile(QFile& f) {
#ifdef Q_OS_UNIX
    return ::fsync(f.handle()) == 0;
#else
    Q_UNUSED(f);
    return true;
#endif
}

void syncDir(const QString& dir) {
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(dir);
#endif
}

enum class RenameResult { Done, Exists, Failed };

// Atomic rename that never replaces an existing target. (QFile::rename is not enough: when the
// target appears between its existence check and the rename it falls back to copy+truncate.)
RenameResult renameNoReplace(const QString& from, const QString& to) {
#if defined(Q_OS_LINUX)
    const QByteArray src = QFile::encodeName(from), dst = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, src.constData(), AT_FDCWD, dst.constData(), RENAME_NOREPLACE) == 0)
        return RenameResult::Done;
    if (errno == EEXIST) return RenameResult::Exists;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return RenameResult::Failed;
    // Filesystem without RENAME_NOREPLACE: link() fails atomically when the target exists.
    if (::link(src.constData(), dst.constData()) == 0) {
        ::unlink(src.constData());
        return RenameResult::Done;
    }
    if (errno == EEXIST) return RenameResult::Exists;
    // No hard links either (FAT, some network shares): check, then rename (small race).
    if (QFileInfo::exists(to)) return RenameResult::Exists;
    return ::rename(src.constData(), dst.constData()) == 0 ? RenameResult::Done : RenameResult::Failed;
#elif defined(Q_OS_UNIX)
    const QByteArray src = QFile::encodeName(from), dst = QFile::encodeName(to);
    if (::link(src.constData(), dst.constData()) == 0) {
        ::unlink(src.constData());
        return RenameResult::Done;
    }
    if (errno == EEXIST) return RenameResult::Exists;
    if (QFileInfo::exists(to)) return RenameResult::Exists;
    return ::rename(src.constData(), dst.constData()) == 0 ? RenameResult::Done : RenameResult::Failed;
#elif defined(Q_OS_WIN)
    // Without MOVEFILE_REPLACE_EXISTING, MoveFileEx fails when the target exists.
    if (::MoveFileExW(reinterpret_cast<const wchar_t*>(QDir::toNativeSeparators(from).utf16()),
                      reinterpret_cast<const wchar_t*>(QDir::toNativeSeparators(to).utf16()),
                      MOVEFILE_WRITE_THROUGH))
        return RenameResult::Done;
    const DWORD e = ::GetLastError();
    return (e == ERROR_ALREADY_EXISTS || e == ERROR_FILE_EXISTS) ? RenameResult::Exists : RenameResult::Failed;
#else
    if (QFileInfo::exists(to)) return RenameResult::Exists;
    return QFile::rename(from, to) ? RenameResult::Done : RenameResult::Failed;
#endif
}

bool isBidiControl(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
}

QString trimSpacesAndDots(QString s) {
    qsizetype b = 0, e = s.size();
    while (b < e && (s[b] == QLatin1Char(' ') || s[b] == QLatin1Char('.'))) ++b;
    while (e > b && (s[e - 1] == QLatin1Char(' ') || s[e - 1] == QLatin1Char('.'))) --e;
    return s.mid(b, e - b);
}

bool isReservedWindowsName(const QString& name) {
    const QString stem = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    static const QStringList fixed = {QStringLiteral("CON"), QStringLiteral("PRN"),
                                      QStringLiteral("AUX"), QStringLiteral("NUL"),
                                      QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
    if (fixed.contains(stem)) return true;
    if (stem.size() == 4 && (stem.startsWith(QStringLiteral("COM")) || stem.startsWith(QStringLiteral("LPT")))) {
        const QChar d = stem[3];
        return (d >= QLatin1Char('0') && d <= QLatin1Char('9')) || d == QChar(0xB9) ||
               d == QChar(0xB2) || d == QChar(0xB3);
    }
    return false;
}

} // namespace

bool ImagePixels::isValid() const {
    if (width <= 0 || height <= 0 || width > 65535 || height > 65535) return false;
    if (channels != 1 && channels != 3 && channels != 4) return false;
    return qint64(data.size()) == qint64(width) * height * channels;
}

ImageWriter::ImageWriter(QString recoveryDir)
    : recoveryDir_(recoveryDir.isEmpty() ? recoveryDirectory() : std::move(recoveryDir)) {}

QString ImageWriter::recoveryDirectory() {
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (base.isEmpty()) base = QDir::tempPath() + QStringLiteral("/latentstudio");
    return base + QStringLiteral("/recovery");
}

QByteArray ImageWriter::encodePng(const ImagePixels& image, const QString& infotext, int level,
                                  QString* error) {
    if (!image.isValid()) {
        if (error)
            *error = QStringLiteral("The image to save is not valid (%1x%2, %3 channels, %4 bytes).")
                         .arg(image.width)
                         .arg(image.height)
                         .arg(image.channels)
                         .arg(image.data.size());
        return {};
    }
    const QByteArray filtered = filterRows(image);
    uLongf bound = compressBound(uLong(filtered.size()));
    QByteArray z;
    z.resize(qsizetype(bound));
    if (compress2(reinterpret_cast<Bytef*>(z.data()), &bound,
                  reinterpret_cast<const Bytef*>(filtered.constData()), uLong(filtered.size()),
                  std::clamp(level, 0, 9)) != Z_OK) {
        if (error) *error = QStringLiteral("The image could not be compressed.");
        return {};
    }
    z.truncate(qsizetype(bound));

    QByteArray ihdr;
    appendBe32(ihdr, quint32(image.width));
    appendBe32(ihdr, quint32(image.height));
    ihdr.append(char(8));  // bit depth
    ihdr.append(char(image.channels == 1 ? 0 : image.channels == 3 ? 2 : 6));
    ihdr.append(char(0));  // deflate
    ihdr.append(char(0));  // adaptive filtering
    ihdr.append(char(0));  // no interlace

    QByteArray png = PngText::signature();
    png.reserve(z.size() + infotext.size() * 3 + 1024);
    png.append(PngText::makeChunk("IHDR", ihdr));
    if (!infotext.isEmpty()) {
        QByteArray type;
        const QByteArray data = PngText::makeTextChunkData(QStringLiteral("parameters"), infotext, &type);
        png.append(PngText::makeChunk(type, data));
    }
    constexpr qsizetype kIdat = 1 << 20;
    for (qsizetype pos = 0; pos < z.size(); pos += kIdat)
        png.append(PngText::makeChunk("IDAT", z.mid(pos, kIdat)));
    png.append(PngText::makeChunk("IEND", QByteArray()));
    if (error) error->clear();
    return png;
}

QString ImageWriter::sanitizeFileName(const QString& name, int maxChars) {
    QString out;
    out.reserve(name.size());
    const QList<uint> cps = name.toUcs4();
    for (uint cp : cps) {
        const char32_t c = cp;
        if (c == '\n' || c == '\r' || c == '\t') {
            out += QLatin1Char(' ');
        } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c) || c == 0xFEFF ||
                   (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFD) {
            continue;  // control, bidi, BOM, lone surrogates, replacement char
        } else if (QStringView(u"/\\:*?\"<>|").contains(QChar(char16_t(c < 0x10000 ? c : 0)))) {
            out += QLatin1Char('_');
        } else {
            out += QString::fromUcs4(&c, 1);
        }
    }
    out = trimSpacesAndDots(out);

    // At most maxChars code points and kMaxNameBytes UTF-8 bytes, cut on a code point.
    {
        QString cut;
        int chars = 0, bytes = 0;
        for (uint cp : out.toUcs4()) {
            const int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (chars + 1 > maxChars || bytes + len > kMaxNameBytes) break;
            const char32_t c = cp;
            cut += QString::fromUcs4(&c, 1);
            ++chars;
            bytes += len;
        }
        out = trimSpacesAndDots(cut);
    }
    if (out.isEmpty()) return QStringLiteral("image");
    if (isReservedWindowsName(out)) out.prepend(QLatin1Char('_'));
    return out;
}

QString ImageWriter::expandPattern(const QString& pattern, const GenerationParams& p) {
    const QDateTime now = QDateTime::currentDateTime();
    QString promptText = p.prompt;
    promptText.replace(QLatin1Char('\n'), QLatin1Char(' '));
    promptText = promptText.left(128).trimmed();
    QString words;
    {
        const QStringList all = promptText.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        words = all.mid(0, 8).join(QLatin1Char(' '));
    }
    auto num = [](const auto& v) { return v ? QString::number(*v) : QString(); };
    const QList<QPair<QString, QString>> tokens = {
        {QStringLiteral("[seed]"), p.seed ? QString::number(*p.seed) : QString()},
        {QStringLiteral("[prompt]"), QString(promptText).replace(QLatin1Char(' '), QLatin1Char('_'))},
        {QStringLiteral("[prompt_spaces]"), promptText},
        {QStringLiteral("[prompt_words]"), words},
        {QStringLiteral("[model_name]"), p.modelName},
        {QStringLiteral("[model_hash]"), p.modelHash},
        {QStringLiteral("[sampler]"), p.sampler},
        {QStringLiteral("[scheduler]"), p.effectiveScheduleType()},
        {QStringLiteral("[steps]"), num(p.steps)},
        {QStringLiteral("[cfg]"), p.cfgScale ? GenerationParams::formatFloat(*p.cfgScale) : QString()},
        {QStringLiteral("[width]"), num(p.width)},
        {QStringLiteral("[height]"), num(p.height)},
        {QStringLiteral("[denoising]"),
         p.denoisingStrength ? GenerationParams::formatFloat(*p.denoisingStrength) : QString()},
        {QStringLiteral("[date]"), now.toString(QStringLiteral("yyyy-MM-dd"))},
        {QStringLiteral("[datetime]"), now.toString(QStringLiteral("yyyyMMddHHmmss"))},
    };
    QString out;
    for (qsizetype i = 0; i < pattern.size();) {
        bool matched = false;
        if (pattern[i] == QLatin1Char('[')) {
            for (const auto& t : tokens) {
                if (QStringView(pattern).mid(i).startsWith(t.first)) {
                    out += t.second;
                    i += t.first.size();
                    matched = true;
                    break;
                }
            }
        }
        if (!matched) out += pattern[i++];
    }
    return out;
}

int ImageWriter::nextSequenceNumber(const QString& dir) {
    int result = -1;
    const QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& n : names) {
        qsizetype i = 0;
        while (i < n.size() && i < 9 && n[i].isDigit() && n[i].unicode() < 128) ++i;
        if (i == 0) continue;
        if (i < n.size() && n[i] != QLatin1Char('-') && n[i] != QLatin1Char('.')) continue;
        result = std::max(result, n.left(i).toInt());
    }
    return result + 1;
}

QString ImageWriter::writeUnique(const QString& dirPath, const QString& stem, const QString& suffix,
                                 bool numbered, const QByteArray& bytes, QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return QString();
    };
    QDir dir(dirPath);
    if (dirPath.isEmpty()) return fail(QStringLiteral("No output folder is set."));
    if (!numbered && stem.isEmpty()) return fail(QStringLiteral("No file name was given."));
    if (!dir.exists() && !QDir().mkpath(dir.absolutePath()))
        return fail(QStringLiteral("The folder \"%1\" does not exist and could not be created.")
                        .arg(dir.absolutePath()));

    // 1. Write everything to a hidden temporary file in the same folder and flush it to disk.
    const QString tmpPath = dir.absoluteFilePath(
        QStringLiteral(".latent-%1.part").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0')));
    QFile tmp(tmpPath);
    if (!tmp.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return fail(QStringLiteral("The folder \"%1\" is not writable: %2.")
                        .arg(dir.absolutePath(), tmp.errorString()));
    const qint64 written = tmp.write(bytes);
    const bool flushed = written == bytes.size() && tmp.flush() && syncFile(tmp);
    const QString writeError = tmp.errorString();
    tmp.close();
    if (!flushed || tmp.error() != QFileDevice::NoError) {
        QFile::remove(tmpPath);
        return fail(QStringLiteral("The image could not be written to \"%1\" (is the disk full?): %2.")
                        .arg(dir.absolutePath(), writeError));
    }

    // 2. Rename it to the first free name without ever replacing a file (renameNoReplace), so a
    //    name taken meanwhile by another writer is skipped.
    const int first = numbered ? nextSequenceNumber(dir.absolutePath()) : 0;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        QString name;
        if (numbered) {
            name = QStringLiteral("%1").arg(first + attempt, 5, 10, QLatin1Char('0'));
            if (!stem.isEmpty()) name += QLatin1Char('-') + stem;
        } else
            name = attempt == 0 ? stem : QStringLiteral("%1-%2").arg(stem).arg(attempt);
        const QString target = dir.absoluteFilePath(name + suffix);
        if (QFileInfo::exists(target)) continue;
        const RenameResult rr = renameNoReplace(tmpPath, target);
        if (rr == RenameResult::Done) {
            syncDir(dir.absolutePath());
            if (error) error->clear();
            return target;
        }
        if (rr == RenameResult::Exists) continue;  // lost a race for this name
        const QString why = QStringLiteral("The image could not be moved into place in \"%1\".").arg(dir.absolutePath());
        QFile::remove(tmpPath);
        return fail(why);
    }
    QFile::remove(tmpPath);
    return fail(QStringLiteral("No free file name was found in \"%1\".").arg(dir.absolutePath()));
}

int ImageWriter::sweepStaleTemporaries(const QString& dirPath, const QDateTime& olderThan) {
    static const QRegularExpression name(QStringLiteral("^\\.latent-[0-9a-f]{16}\\.part$"));
    int removed = 0;
    const QFileInfoList files =
        QDir(dirPath).entryInfoList({QStringLiteral(".latent-*.part")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo& fi : files) {
        if (fi.isSymLink() || !name.match(fi.fileName()).hasMatch() || fi.lastModified() >= olderThan) continue;
        if (QFile::remove(fi.absoluteFilePath())) ++removed;
    }
    return removed;
}

ImageSaveResult ImageWriter::save(const ImageSaveRequest& req) const {
    ImageSaveResult r;
    QString encodeError;
    const QString infotext = req.infotext.isNull() ? req.params.toInfotext() : req.infotext;
    QByteArray png = encodePng(req.image, infotext, 6, &encodeError);
    if (png.isEmpty()) {
        r.error = encodeError;
        return r;
    }
    for (const auto& [keyword, text] : req.extraText) {
        png = PngText::withTextChunk(png, keyword, text, &encodeError);
        if (png.isEmpty()) {
            r.error = encodeError;
            return r;
        }
    }
    // An empty pattern gives bare numbers ("00042.png"), as in A1111.
    const QString expanded = expandPattern(req.namePattern, req.params).trimmed();
    const QString stem = expanded.isEmpty() && req.numbered ? QString() : sanitizeFileName(expanded);
    const QString suffix = QStringLiteral(".png");
    auto writeTo = [&](const QString& dir, QString* err) {
        return writeUnique(dir, stem, suffix, req.numbered, png, err);
    };

    QString err;
    r.path = writeTo(req.outputDir, &err);
    if (!r.path.isEmpty()) {
        r.ok = true;
        return r;
    }
    r.reason = err;
    QString recErr;
    r.path = writeTo(recoveryDir_, &recErr);
    if (!r.path.isEmpty()) {
        r.ok = true;
        r.recovered = true;
        return r;
    }
    r.error = QStringLiteral("The image could not be saved. %1 The recovery folder failed too: %2")
                  .arg(err, recErr);
    return r;
}

} // namespace latent
