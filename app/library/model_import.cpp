#include "app/library/model_import.h"

#include "app/library/model_scanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace latent {

namespace {

bool copyAtomically(const QString& src, const QString& dest, QString* error) {
    const QFileInfo di(dest);
    const QString tmp = di.absoluteDir().filePath(
        QStringLiteral(".%1.import-%2").arg(di.fileName(), QUuid::createUuid().toString(QUuid::Id128).left(8)));
    QFile in(src);
    QFile out(tmp);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = in.errorString();
        return false;
    }
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        *error = out.errorString();
        return false;
    }
    QByteArray buf;
    for (;;) {
        buf = in.read(4 << 20);
        if (buf.isEmpty()) break;
        if (out.write(buf) != buf.size()) {
            *error = out.errorString();
            out.close();
            QFile::remove(tmp);
            return false;
        }
    }
    const bool readOk = in.error() == QFileDevice::NoError;
    if (!readOk || !out.flush() || out.size() != in.size()) {
        *error = readOk ? out.errorString() : in.errorString();
        out.close();
        QFile::remove(tmp);
        return false;
    }
    out.close();
    // QFile::rename never replaces an existing file: a file that appeared meanwhile is kept.
    if (!QFile::rename(tmp, dest)) {
        *error = QCoreApplication::translate("ModelImport", "the destination appeared while copying");
        QFile::remove(tmp);
        return false;
    }
    return true;
}

bool moveOrCopy(const QString& src, const QString& dest, bool move, QString* error) {
    if (move && QFile::rename(src, dest)) return true;
    if (QFileInfo::exists(dest)) {
        *error = QCoreApplication::translate("ModelImport", "the destination exists");
        return false;
    }
    if (!copyAtomically(src, dest, error)) return false;
    if (move && !QFile::remove(src)) {
        // The copy is in place; the original stays (nothing lost).
    }
    return true;
}

QString stemOf(const QString& fileName) {
    const int dot = fileName.lastIndexOf(QLatin1Char('.'));
    return dot > 0 ? fileName.left(dot) : fileName;
}

} // namespace

ModelKind ModelImport::sniffKind(const QString& path, QString* why) {
    const ModelEntry e = ModelScanner::inspect(FoundFile{QFileInfo(path).absoluteFilePath(), {}, std::nullopt, false});
    if (!e.usable || e.kind == ModelKind::Unknown) {
        if (why)
            *why = e.problem.isEmpty()
                       ? QCoreApplication::translate("ModelImport", "The file is not a model the studio recognises.")
                       : e.problem;
        return ModelKind::Unknown;
    }
    return e.kind;
}

QString ModelImport::uniqueDestination(const QString& dir, const QString& fileName) {
    const QDir d(dir);
    if (!QFileInfo::exists(d.filePath(fileName))) return d.filePath(fileName);
    const int dot = fileName.lastIndexOf(QLatin1Char('.'));
    const QString stem = dot > 0 ? fileName.left(dot) : fileName;
    const QString ext = dot > 0 ? fileName.mid(dot) : QString();
    for (int i = 1; i < 10000; ++i) {
        const QString candidate = d.filePath(QStringLiteral("%1_%2%3").arg(stem).arg(i).arg(ext));
        if (!QFileInfo::exists(candidate)) return candidate;
    }
    return {};
}

ModelImportResult ModelImport::importFile(const QString& source, const QString& root, bool move) {
    ModelImportResult r;
    const QFileInfo si(source);
    if (!si.isFile()) {
        r.error = QCoreApplication::translate("ModelImport", "%1 is not a file.").arg(source);
        return r;
    }
    QString why;
    r.kind = sniffKind(source, &why);
    if (r.kind == ModelKind::Unknown) {
        r.error = QCoreApplication::translate("ModelImport", "%1 was not added: %2").arg(si.fileName(), why);
        return r;
    }
    const QString dir = modelDestinationFolder(root, r.kind);
    if (dir.isEmpty() || !QDir().mkpath(dir)) {
        r.error = QCoreApplication::translate("ModelImport", "The folder %1 cannot be created.").arg(dir);
        return r;
    }
    if (QFileInfo(dir).canonicalFilePath() == si.absoluteDir().canonicalPath()) {
        r.ok = true; // already there
        r.destination = si.absoluteFilePath();
        return r;
    }
    r.destination = uniqueDestination(dir, si.fileName());
    if (r.destination.isEmpty()) {
        r.error = QCoreApplication::translate("ModelImport", "No free file name for %1 in %2.").arg(si.fileName(), dir);
        return r;
    }
    QString error;
    if (!moveOrCopy(source, r.destination, move, &error)) {
        r.error = QCoreApplication::translate("ModelImport", "%1 could not be %2: %3")
                      .arg(si.fileName(),
                           move ? QCoreApplication::translate("ModelImport", "moved")
                                : QCoreApplication::translate("ModelImport", "copied"),
                           error);
        return r;
    }
    // Sidecars follow under the new stem; existing ones at the destination are kept.
    const QString oldStem = si.absoluteDir().filePath(stemOf(si.fileName()));
    const QString newStem =
        QFileInfo(r.destination).absoluteDir().filePath(stemOf(QFileInfo(r.destination).fileName()));
    for (const char* suffix : {".png", ".preview.png", ".jpg", ".jpeg", ".webp", ".preview.jpg", ".preview.jpeg",
                               ".preview.webp", ".json", ".civitai.info", ".yaml"}) {
        const QString from = oldStem + QLatin1String(suffix);
        const QString to = newStem + QLatin1String(suffix);
        if (QFileInfo(from).isFile() && !QFileInfo::exists(to)) {
            QString ignored;
            moveOrCopy(from, to, move, &ignored);
        }
    }
    r.ok = true;
    return r;
}

} // namespace latent
