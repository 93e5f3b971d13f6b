#include "app/library/model_sidecar.h"

#include "app/storage/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace latent {

namespace {

QString stemPath(const QString& modelPath) {
    const QFileInfo fi(modelPath);
    if (fi.isDir()) return QFileInfo(fi.absoluteFilePath()).absoluteFilePath();
    const QString name = fi.fileName();
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    return fi.absoluteDir().filePath(dot > 0 ? name.left(dot) : name);
}

bool readSmall(const QString& path, QByteArray* out, QString* error) {
    QFile f(path);
    if (!f.exists()) return false;
    if (f.size() > ModelSidecar::kMaxSidecarBytes) {
        if (error) *error = QStringLiteral("%1 is larger than 1 MiB; ignored.").arg(QFileInfo(path).fileName());
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("%1 cannot be read: %2").arg(QFileInfo(path).fileName(), f.errorString());
        return false;
    }
    *out = f.read(ModelSidecar::kMaxSidecarBytes);
    return true;
}

QString stringValue(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString()) return v.toString();
    if (v.isDouble()) return QString::number(v.toDouble());
    return {};
}

} // namespace

QString ModelSidecar::notesPath(const QString& modelPath) {
    return stemPath(modelPath) + QStringLiteral(".json");
}

QString ModelSidecar::findPreview(const QString& modelPath) {
    const QString stem = stemPath(modelPath);
    for (const char* ext : {"png", "jpg", "jpeg", "webp", "gif"}) {
        for (const QString& candidate :
             {stem + QLatin1Char('.') + QLatin1String(ext), stem + QStringLiteral(".preview.") + QLatin1String(ext)}) {
            const QFileInfo fi(candidate);
            if (fi.isFile() && fi.size() > 0) return fi.absoluteFilePath();
        }
    }
    return {};
}

SidecarNotes ModelSidecar::readNotes(const QString& modelPath) {
    SidecarNotes n;
    QByteArray bytes;
    const QString path = notesPath(modelPath);
    if (!readSmall(path, &bytes, &n.error)) {
        n.exists = QFileInfo::exists(path);
        return n;
    }
    n.exists = true;
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        n.error = QStringLiteral("%1 is not a JSON object; it is left as is.").arg(QFileInfo(path).fileName());
        return n;
    }
    n.raw = doc.object();
    n.description = stringValue(n.raw, "description");
    n.sdVersion = stringValue(n.raw, "sd version");
    n.activationText = stringValue(n.raw, "activation text");
    n.negativeText = stringValue(n.raw, "negative text");
    n.notes = stringValue(n.raw, "notes");
    const QJsonValue w = n.raw.value(QLatin1String("preferred weight"));
    n.preferredWeight = w.isDouble() ? w.toDouble() : w.toString().toDouble();
    if (!(n.preferredWeight >= -100.0 && n.preferredWeight <= 100.0)) n.preferredWeight = 0.0; // NaN too
    return n;
}

bool ModelSidecar::writeNotes(const QString& modelPath, const SidecarNotes& notes, QString* error) {
    const QString path = notesPath(modelPath);
    // Never clobber a sidecar we could not parse: the user may have written something else there.
    const SidecarNotes current = readNotes(modelPath);
    if (current.exists && !current.error.isEmpty()) {
        if (error) *error = current.error;
        return false;
    }
    QJsonObject o = current.raw;
    for (auto it = notes.raw.begin(); it != notes.raw.end(); ++it)
        if (!o.contains(it.key())) o.insert(it.key(), it.value());
    o.insert(QStringLiteral("description"), notes.description);
    o.insert(QStringLiteral("sd version"), notes.sdVersion.isEmpty() ? QStringLiteral("Unknown") : notes.sdVersion);
    o.insert(QStringLiteral("activation text"), notes.activationText);
    o.insert(QStringLiteral("preferred weight"), notes.preferredWeight);
    o.insert(QStringLiteral("negative text"), notes.negativeText);
    o.insert(QStringLiteral("notes"), notes.notes);
    if (!writeFileAtomically(path, QJsonDocument(o).toJson(QJsonDocument::Indented), error)) {
        return false;
    }
    return true;
}

QStringList ModelSidecar::civitaiTrainedWords(const QString& modelPath) {
    QByteArray bytes;
    QString err;
    if (!readSmall(stemPath(modelPath) + QStringLiteral(".civitai.info"), &bytes, &err)) return {};
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    QStringList words;
    for (const QJsonValue& v : o.value(QLatin1String("trainedWords")).toArray())
        if (v.isString() && !v.toString().trimmed().isEmpty()) words << v.toString().trimmed().left(500);
    return words.mid(0, 50);
}

QString displayText(const QString& text, int max) {
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), max + 1));
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool bidi =
            (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0x200E || u == 0x200F || u == 0x061C;
        if (bidi) continue;
        if (u == '\n' || u == '\t') {
            out += c;
        } else if (u < 0x20 || u == 0x7F || (u >= 0x80 && u < 0xA0)) {
            continue;
        } else {
            out += c;
        }
        if (out.size() >= max) {
            if (out.back().isHighSurrogate()) out.chop(1);
            out += QChar(0x2026);
            break;
        }
    }
    return out;
}

} // namespace latent
