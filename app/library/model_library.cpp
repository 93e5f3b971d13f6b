#include "app/library/model_library.h"

#include "app/core/settings.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace latent {

ModelLibrary::ModelLibrary(const QString& databasePath, QObject* parent)
    : QObject(parent), dbPath_(databasePath.isEmpty() ? defaultDatabasePath() : databasePath) {
    qRegisterMetaType<latent::ScanStats>();
    qRegisterMetaType<latent::ModelEntry>();
}

ModelLibrary::~ModelLibrary() {
    cancel_ = true;
    if (job_.isValid()) job_.waitForFinished();
}

QString ModelLibrary::defaultDatabasePath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("library.sqlite"));
}

QString ModelLibrary::defaultModelRoot() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("models"));
}

void ModelLibrary::setRoots(const QStringList& roots) {
    QStringList clean;
    for (const QString& r : roots) {
        const QString n = normalizeModelRoot(r);
        if (!n.isEmpty() && !clean.contains(n)) clean << n;
    }
    roots_ = clean;
}

QString ModelLibrary::primaryRoot() const {
    return roots_.isEmpty() ? defaultModelRoot() : roots_.first();
}

QString ModelLibrary::destinationFolder(ModelKind kind) const {
    const QString dir = modelDestinationFolder(primaryRoot(), kind);
    if (dir.isEmpty() || !QDir().mkpath(dir)) return {};
    return dir;
}

QStringList ModelLibrary::rootsFromSettings(const Settings& settings) {
    QStringList out;
    for (const QString& item : settings.value(settings::ModelRoots)) {
        // Older builds stored one ';'-separated string.
        const QStringList parts = item.contains(QLatin1Char(';')) && !QFileInfo::exists(item)
                                      ? item.split(QLatin1Char(';'), Qt::SkipEmptyParts)
                                      : QStringList{item};
        for (const QString& p : parts)
            if (!p.trimmed().isEmpty() && !out.contains(p.trimmed())) out << p.trimmed();
    }
    return out;
}

void ModelLibrary::saveRootsToSettings(Settings& settings, const QStringList& roots) {
    settings.setValue(settings::ModelRoots, roots);
}

QList<ModelEntry> ModelLibrary::entries(ModelKind kind) const {
    QList<ModelEntry> out;
    for (const ModelEntry& e : entries_)
        if (e.kind == kind) out << e;
    return out;
}

std::optional<ModelEntry> ModelLibrary::entry(const QString& path) const {
    const auto it = byPath_.constFind(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    if (it == byPath_.constEnd()) return std::nullopt;
    return entries_.at(*it);
}

std::optional<ModelEntry> ModelLibrary::findByHash(const QString& hashIn) const {
    const QString hash = hashIn.trimmed().toLower();
    if (hash.size() < 8) return std::nullopt;
    for (const ModelEntry& e : entries_)
        if ((!e.sha256.isEmpty() && e.sha256.startsWith(hash)) || (!e.addnet.isEmpty() && e.addnet.startsWith(hash)))
            return e;
    return std::nullopt;
}

bool ModelLibrary::saveNotes(const QString& path, const SidecarNotes& notes, QString* error) {
    if (!ModelSidecar::writeNotes(path, notes, error)) return false;
    const auto it = byPath_.constFind(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    if (it != byPath_.constEnd()) {
        ModelEntry& e = entries_[*it];
        e.notes = ModelSidecar::readNotes(e.path);
        Q_EMIT entryChanged(e.path);
    }
    return true;
}

void ModelLibrary::reload() {
    reloadPending_ = true;
    if (busy_) {
        cancel_ = true;  // stop the running scan or hash pass; the full rescan starts right after
        return;
    }
    startJob();
}

void ModelLibrary::fileArrived(const QString& path) {
    if (roots_.isEmpty()) {
        const QString root = defaultModelRoot();
        if (QDir::cleanPath(QFileInfo(path).absoluteFilePath()).startsWith(root + QLatin1Char('/'))) {
            roots_ << root;
            Q_EMIT rootsChanged(roots_);
        }
    }
    {
        QMutexLocker lock(&pendingMutex_);
        pendingFiles_ << QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    }
    if (!busy_) startJob();
}

bool ModelLibrary::waitForIdle(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (busy_ && !deadline.hasExpired()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::processEvents();
    return !busy_;
}

void ModelLibrary::startJob() {
    busy_ = true;
    cancel_ = false;
    const bool full = reloadPending_;
    reloadPending_ = false;
    const QString db = dbPath_;
    const QStringList roots = roots_;
    const bool hashing = hashing_;
    Q_EMIT scanStarted();

    auto post = [this](auto fn) { QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection); };
    job_ = QtConcurrent::run([this, post, db, roots, full, hashing](QPromise<ScanStats>& promise) {
        ScanStats stats;
        ModelIndex index;
        if (!index.open(db)) {
            stats.error = tr("The library index %1 cannot be opened: %2").arg(db, index.errorString());
            promise.addResult(stats);
            return;
        }
        ModelScanner scanner(index);
        auto progressFor = [&](const char* phase) {
            return [&promise, post, this, phase](int done, int total, const QString& path) {
                promise.setProgressRange(0, total);
                promise.setProgressValueAndText(done, path);
                post(
                    [this, phase, done, total, path] { Q_EMIT scanProgress(QLatin1String(phase), done, total, path); });
            };
        };
        auto drainPending = [&] {
            for (;;) {
                QStringList files;
                {
                    QMutexLocker lock(&pendingMutex_);
                    files.swap(pendingFiles_);
                }
                if (files.isEmpty()) return;
                for (const QString& path : files) {
                    const std::optional<ModelEntry> e = scanner.scanOne(path, roots, &stats);
                    if (e)
                        post([this, e = *e] { applyEntry(e); });
                    else
                        post([this, path] { removeEntry(path); });
                }
            }
        };
        if (full) {
            stats = scanner.scan(roots, progressFor("scan"), &cancel_);
            const QList<ModelEntry> list = scanner.entries(roots);
            post([this, list] { applySnapshot(list); });
        }
        drainPending();
        if (hashing && !cancel_) {
            const ScanStats h = scanner.hashPending(roots, progressFor("hash"), &cancel_,
                                                    [&](const ModelEntry& e) { post([this, e] { applyEntry(e); }); });
            stats.hashed += h.hashed;
            stats.hashReused += h.hashReused;
            stats.hashFailed += h.hashFailed;
            stats.hashMs += h.hashMs;
            stats.cancelled = stats.cancelled || h.cancelled;
            if (stats.error.isEmpty()) stats.error = h.error;
        }
        drainPending();
        promise.addResult(stats);
    });
    auto* watcher = new QFutureWatcher<ScanStats>(this);
    connect(watcher, &QFutureWatcher<ScanStats>::finished, this, [this, watcher] {
        watcher->deleteLater();
        onJobFinished();
    });
    watcher->setFuture(job_);
}

void ModelLibrary::onJobFinished() {
    if (job_.resultCount() > 0) lastStats_ = job_.result();
    lastStats_.files = int(entries_.size());
    busy_ = false;
    Q_EMIT scanFinished(lastStats_);
    bool pending = false;
    {
        QMutexLocker lock(&pendingMutex_);
        pending = !pendingFiles_.isEmpty();
    }
    if (reloadPending_ || pending) startJob();
}

void ModelLibrary::applySnapshot(const QList<ModelEntry>& list) {
    entries_ = list;
    byPath_.clear();
    for (qsizetype i = 0; i < entries_.size(); ++i) byPath_.insert(entries_[i].path, i);
    Q_EMIT entriesChanged();
}

void ModelLibrary::applyEntry(const ModelEntry& e) {
    const auto it = byPath_.constFind(e.path);
    if (it != byPath_.constEnd()) {
        entries_[*it] = e;
    } else {
        byPath_.insert(e.path, entries_.size());
        entries_ << e;
    }
    Q_EMIT entryChanged(e.path);
}

void ModelLibrary::removeEntry(const QString& path) {
    const auto it = byPath_.constFind(path);
    if (it == byPath_.constEnd()) return;
    entries_.removeAt(*it);
    byPath_.clear();
    for (qsizetype i = 0; i < entries_.size(); ++i) byPath_.insert(entries_[i].path, i);
    Q_EMIT entryRemoved(path);
}

} // namespace latent
