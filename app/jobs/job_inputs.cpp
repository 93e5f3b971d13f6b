#include "app/jobs/job_inputs.h"

#include "app/jobs/job_queue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace latent {

namespace {
// A path in one spelling: symlinks and ".." resolved when the file exists.
QString normalPath(const QString& path) {
    if (path.isEmpty()) return {};
    const QFileInfo fi(path);
    const QString canonical = fi.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(fi.absoluteFilePath()) : canonical;
}

bool isStudioInputName(const QString& name) {
    static const QRegularExpression canvas(QStringLiteral("^canvas-\\d{8}-\\d{6}-\\d{3}-(init|mask|control-\\d+)(-\\d+)?\\.png$"));
    static const QRegularExpression part(QStringLiteral("^\\.latent-[0-9a-f]{16}\\.part$"));
    return canvas.match(name).hasMatch() || part.match(name).hasMatch();
}
} // namespace

JobInputFiles::JobInputFiles(JobQueue* queue, const QString& folder, QObject* parent)
    : QObject(parent), queue_(queue), folder_(QDir::cleanPath(QFileInfo(folder).absoluteFilePath())) {
    for (const Job& j : queue_->jobs()) byJob_.insert(j.id, referencedFiles(j));
    connect(queue_, &JobQueue::jobAdded, this, [this](qint64 id) {
        if (const auto j = queue_->job(id)) byJob_.insert(id, referencedFiles(*j));
    });
    connect(queue_, &JobQueue::jobRemoved, this, [this](qint64 id) { releaseIfUnreferenced(byJob_.take(id)); });
}

QString JobInputFiles::canvasInputStem() {
    return QStringLiteral("canvas-%1")
        .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
}

QStringList JobInputFiles::referencedFiles(const Job& job) {
    QStringList out;
    for (const char* key : {"init_image_path", "mask_path", "image_path"}) {
        const QString path = job.params.value(QLatin1String(key)).toString();
        if (!path.isEmpty()) out << path;
    }
    for (const QJsonValue& v : job.params.value(QStringLiteral("more_init_image_paths")).toArray())
        if (!v.toString().isEmpty()) out << v.toString();
    // ControlNet units' images (alwayson_scripts.controlnet.args[i].image_path / mask_path).
    const QJsonArray units = job.params.value(QStringLiteral("alwayson_scripts"))
                                 .toObject()
                                 .value(QStringLiteral("controlnet"))
                                 .toObject()
                                 .value(QStringLiteral("args"))
                                 .toArray();
    for (const QJsonValue& u : units)
        for (const char* key : {"image_path", "mask_path"}) {
            const QString path = u.toObject().value(QLatin1String(key)).toString();
            if (!path.isEmpty()) out << path;
        }
    return out;
}

bool JobInputFiles::isStudioInput(const QString& path) const {
    if (path.isEmpty()) return false;
    const QFileInfo fi(path);
    if (fi.isSymLink() || !fi.isFile() || !isStudioInputName(fi.fileName())) return false;
    const QString dir = QFileInfo(fi.absolutePath()).canonicalFilePath();
    return !dir.isEmpty() && dir == QFileInfo(folder_).canonicalFilePath();
}

QSet<QString> JobInputFiles::referencedNow() const {
    QSet<QString> refs;
    for (const Job& j : queue_->jobs())
        for (const QString& p : referencedFiles(j)) refs.insert(normalPath(p));
    return refs;
}

bool JobInputFiles::isReferenced(const QString& path) const {
    return referencedNow().contains(normalPath(path));
}

int JobInputFiles::removeFiles(const QStringList& candidates, const QSet<QString>& referenced) {
    QStringList deleted;
    for (const QString& path : candidates) {
        if (!isStudioInput(path) || referenced.contains(normalPath(path))) continue;
        if (QFile::remove(path))
            deleted << path;
        else
            qWarning("latent: could not delete the unused job input %s", qPrintable(path));
    }
    if (!deleted.isEmpty()) Q_EMIT filesDeleted(deleted);
    return int(deleted.size());
}

int JobInputFiles::releaseIfUnreferenced(const QStringList& paths) {
    if (paths.isEmpty()) return 0;
    return removeFiles(paths, referencedNow());
}

int JobInputFiles::sweep(const QDateTime& modifiedBefore) {
    const QDir dir(folder_);
    if (!dir.exists()) return 0;
    QStringList candidates;
    const QFileInfoList entries =
        dir.entryInfoList(QDir::Files | QDir::Hidden | QDir::NoSymLinks | QDir::NoDotAndDotDot);
    for (const QFileInfo& fi : entries)
        if (isStudioInputName(fi.fileName()) && fi.lastModified() < modifiedBefore) candidates << fi.absoluteFilePath();
    return removeFiles(candidates, referencedNow());
}

} // namespace latent
