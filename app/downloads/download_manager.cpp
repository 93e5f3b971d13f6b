#include "app/downloads/download_manager.h"

#include "app/core/notices.h"
#include "app/downloads/download_safety.h"
#include "app/downloads/url_resolver.h"
#include "app/storage/atomic_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace latent {

namespace {

std::optional<DownloadManager::State> stateFromName(const QString& n) {
    using S = DownloadManager::State;
    for (S s : {S::Queued, S::Running, S::Paused, S::Failed, S::Completed, S::Cancelled})
        if (DownloadManager::stateName(s) == n) return s;
    return std::nullopt;
}

bool isActive(DownloadManager::State s) {
    return s == DownloadManager::State::Queued || s == DownloadManager::State::Running ||
           s == DownloadManager::State::Paused;
}

constexpr qint64 kMaxPreviewBytes = 32 << 20;
} // namespace

QString DownloadManager::stateName(State s) {
    switch (s) {
    case State::Queued:
        return QStringLiteral("queued");
    case State::Running:
        return QStringLiteral("running");
    case State::Paused:
        return QStringLiteral("paused");
    case State::Failed:
        return QStringLiteral("failed");
    case State::Completed:
        return QStringLiteral("completed");
    case State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("queued");
}

QString DownloadManager::defaultStateFile() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/downloads.json");
}

DownloadManager::DownloadManager(QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent), nam_(nam), stateFile_(defaultStateFile()) {
    if (!nam_) {
        nam_ = new QNetworkAccessManager(this);
        ownNam_ = true;
    }
}

DownloadManager::~DownloadManager() {
    // Stop without deleting .part files: they resume next time.
    for (auto it = live_.begin(); it != live_.end(); ++it) {
        if (it->file) {
            it->file->disconnect(this);
            it->file->pause();
        }
    }
}

void DownloadManager::setMaxConcurrent(int n) {
    maxConcurrent_ = qMax(1, n);
    schedule();
}

QList<DownloadManager::Entry> DownloadManager::entries() const {
    QList<Entry> out;
    for (const QString& id : order_) out << entries_.value(id);
    return out;
}

QString DownloadManager::add(const DownloadPlan& plan) {
    for (const QString& id : order_) {
        const Entry& e = entries_[id];
        if (isActive(e.state) && e.plan.installPath() == plan.installPath()) return id;
    }
    Entry e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.plan = plan;
    e.total = plan.totalBytes();
    entries_.insert(e.id, e);
    order_ << e.id;
    save();
    Q_EMIT added(e.id);
    schedule();
    return e.id;
}

void DownloadManager::setState(const QString& id, State s) {
    if (!entries_.contains(id)) return;
    entries_[id].state = s;
    save();
    Q_EMIT changed(id);
}

void DownloadManager::pause(const QString& id) {
    if (!entries_.contains(id)) return;
    Entry& e = entries_[id];
    if (e.state == State::Running) {
        Live l = live_.take(id);
        if (l.file) {
            l.file->disconnect(this);
            l.file->pause();
            l.file->deleteLater();
        }
    }
    if (e.state == State::Running || e.state == State::Queued) {
        e.bytesPerSecond = 0;
        e.etaSeconds = -1;
        setState(id, State::Paused);
        schedule();
    }
}

void DownloadManager::resume(const QString& id) {
    if (!entries_.contains(id)) return;
    Entry& e = entries_[id];
    if (e.state != State::Paused && e.state != State::Failed) return;
    e.error = DownloadError::None;
    e.errorString.clear();
    setState(id, State::Queued);
    schedule();
}

void DownloadManager::cancel(const QString& id) {
    if (!entries_.contains(id)) return;
    Entry& e = entries_[id];
    if (!isActive(e.state) && e.state != State::Failed) return; // cancel after finish: no-op
    Live l = live_.take(id);
    if (l.file) {
        l.file->disconnect(this);
        l.file->cancel();
        l.file->deleteLater();
    }
    // Delete every partial file of this plan (not installed ones).
    for (int i = 0; i < e.plan.files.size(); ++i) {
        const FileTask t = taskFor(e, i);
        FileDownload probe(nam_, sites_, t);
        probe.cancel();
    }
    if (e.plan.isFolder) QDir(stagingDir(e)).removeRecursively();
    e.bytesPerSecond = 0;
    e.etaSeconds = -1;
    e.error = DownloadError::Cancelled;
    e.errorString = QCoreApplication::translate("Downloads", "Cancelled.");
    setState(id, State::Cancelled);
    Q_EMIT downloadFinished(id);
    schedule();
}

void DownloadManager::remove(const QString& id) {
    if (!entries_.contains(id)) return;
    if (isActive(entries_[id].state)) cancel(id);
    entries_.remove(id);
    order_.removeAll(id);
    save();
    Q_EMIT removed(id);
}

QString DownloadManager::stagingDir(const Entry& e) const {
    return e.plan.destinationDir + QStringLiteral("/.") + e.plan.installName + QStringLiteral(".partdir");
}

FileTask DownloadManager::taskFor(const Entry& e, int index) const {
    FileTask t;
    t.spec = e.plan.files.value(index);
    if (e.plan.isFolder) {
        const QString rel = QDir::cleanPath(t.spec.relativePath);
        t.finalPath = stagingDir(e) + QLatin1Char('/') + rel;
        t.partPath = t.finalPath + QStringLiteral(".part");
    } else {
        t.finalPath = e.plan.destinationDir + QLatin1Char('/') + e.plan.installName;
        t.partPath = t.finalPath + QStringLiteral(".part");
    }
    return t;
}

void DownloadManager::schedule() {
    int running = 0;
    for (const QString& id : order_)
        if (entries_[id].state == State::Running) ++running;
    for (const QString& id : order_) {
        if (running >= maxConcurrent_) break;
        if (entries_[id].state != State::Queued) continue;
        ++running;
        entries_[id].state = State::Running;
        save();
        Q_EMIT changed(id);
        startNextFile(id);
    }
}

void DownloadManager::startNextFile(const QString& id) {
    Entry& e = entries_[id];
    // Folder plans: files already complete in the staging folder (earlier session) count as done.
    while (e.fileIndex < e.plan.files.size()) {
        const FileTask t = taskFor(e, e.fileIndex);
        const QFileInfo fi(t.finalPath);
        if (!e.plan.isFolder || !fi.exists() || QFileInfo::exists(t.partPath) ||
            (t.spec.size >= 0 && fi.size() != t.spec.size))
            break;
        e.doneBytes += fi.size();
        ++e.fileIndex;
    }
    if (e.fileIndex >= e.plan.files.size()) {
        install(id);
        return;
    }
    const FileTask task = taskFor(e, e.fileIndex);
    auto* fd = new FileDownload(nam_, sites_, task, this);
    fd->setHooks(hooks_);
    fd->setMaxRetries(maxRetries_);
    Live l;
    l.file = fd;
    l.clock.start();
    l.lastBytes = 0;
    live_.insert(id, l);
    connect(fd, &FileDownload::progress, this, [this, id](qint64 received, qint64) { onFileProgress(id, received); });
    connect(fd, &FileDownload::finished, this, [this, id] { onFileFinished(id); });
    fd->start();
}

void DownloadManager::onFileProgress(const QString& id, qint64 received) {
    if (!entries_.contains(id) || !live_.contains(id)) return;
    Entry& e = entries_[id];
    Live& l = live_[id];
    e.received = e.doneBytes + received;
    const qint64 now = l.clock.elapsed();
    if (now - l.lastMs >= 250) {
        const double inst = double(received - l.lastBytes) * 1000.0 / double(qMax<qint64>(1, now - l.lastMs));
        e.bytesPerSecond = e.bytesPerSecond <= 0 ? inst : 0.7 * e.bytesPerSecond + 0.3 * inst;
        l.lastMs = now;
        l.lastBytes = received;
        if (e.bytesPerSecond > 1 && e.total > e.received)
            e.etaSeconds = qint64(double(e.total - e.received) / e.bytesPerSecond);
    }
    if (e.received > e.total) e.total = e.received;
    Q_EMIT changed(id);
}

void DownloadManager::onFileFinished(const QString& id) {
    if (!entries_.contains(id) || !live_.contains(id)) return;
    Live l = live_.take(id);
    FileDownload* fd = l.file;
    if (!fd) return;
    fd->deleteLater();
    Entry& e = entries_[id];
    if (fd->error() != DownloadError::None) {
        e.error = fd->error();
        e.errorString = fd->errorString();
        e.bytesPerSecond = 0;
        e.etaSeconds = -1;
        if (fd->error() == DownloadError::Paused) {
            setState(id, State::Paused);
        } else {
            setState(id, State::Failed);
            Q_EMIT downloadFinished(id);
        }
        schedule();
        return;
    }
    e.doneBytes += fd->received();
    e.received = e.doneBytes;
    if (!e.plan.isFolder) e.installedPath = fd->installedPath();
    ++e.fileIndex;
    save();
    startNextFile(id);
}

void DownloadManager::install(const QString& id) {
    Entry& e = entries_[id];
    QString installed = e.installedPath;
    if (e.plan.isFolder) {
        const QString staging = stagingDir(e);
        QString target;
        bool ok = false;
        for (int attempt = 0; attempt < 100 && !ok; ++attempt) {
            target = uniquePath(e.plan.installPath());
            // rename(2) of a directory onto a non-existing name: atomic on one volume.
            ok = QDir().rename(staging, target);
            if (!ok && !QFileInfo::exists(target)) break;
        }
        if (!ok) {
            e.error = DownloadError::Io;
            e.errorString = QCoreApplication::translate("Downloads", "The downloaded folder could not be moved to \"%1\".").arg(e.plan.installPath());
            setState(id, State::Failed);
            Q_EMIT downloadFinished(id);
            schedule();
            return;
        }
        installed = target;
    }
    e.installedPath = installed;
    writeSidecars(id, installed, [this, id] {
        if (!entries_.contains(id)) return;
        Entry& en = entries_[id];
        en.bytesPerSecond = 0;
        en.etaSeconds = 0;
        en.received = en.total = qMax(en.total, en.doneBytes);
        setState(id, State::Completed);
        Q_EMIT modelInstalled(en.installedPath);
        Q_EMIT downloadFinished(id);
        schedule();
    });
}

void DownloadManager::writeSidecars(const QString& id, const QString& installed, std::function<void()> then) {
    const Entry& e = entries_[id];
    if (e.plan.site != QLatin1String("civitai") || e.plan.isFolder) {
        then();
        return;
    }
    const QFileInfo fi(installed);
    const QString stem = fi.absolutePath() + QLatin1Char('/') + fi.completeBaseName();
    const auto writeFile = [](const QString& path, const QByteArray& bytes) {
        if (QFileInfo::exists(path)) return; // never overwrite the user's notes
        QString why;
        if (!writeFileAtomically(path, bytes, &why)) qWarning("latent: %s not written: %s", qPrintable(path), qPrintable(why));
    };
    writeFile(stem + QStringLiteral(".civitai.info"),
              QJsonDocument(e.plan.civitaiVersion).toJson(QJsonDocument::Indented));
    // A1111's user metadata (extra networks "Edit metadata").
    const QJsonObject a1111{{QStringLiteral("description"), e.plan.description},
                            {QStringLiteral("sd version"), a1111SdVersion(e.plan.baseModel)},
                            {QStringLiteral("activation text"), e.plan.trainedWords.join(QStringLiteral(", "))},
                            {QStringLiteral("preferred weight"), 0},
                            {QStringLiteral("notes"), redactSecrets(e.plan.source.toString())}};
    writeFile(stem + QStringLiteral(".json"), QJsonDocument(a1111).toJson(QJsonDocument::Indented));
    if (!e.plan.previewUrl.isValid() || e.plan.previewUrl.isEmpty()) {
        then();
        return;
    }
    auto* ex = new HttpExchange(nam_, sites_, this);
    ex->setBuffering(true);
    connect(ex, &HttpExchange::dataAvailable, ex, [] {});
    connect(ex, &HttpExchange::finished, this, [ex, stem, writeFile, then] {
        ex->deleteLater();
        const QByteArray b = ex->body();
        const bool image = b.startsWith("\x89PNG\r\n\x1a\n") || b.startsWith("\xff\xd8\xff") ||
                           (b.startsWith("RIFF") && b.mid(8, 4) == "WEBP");
        if (!ex->failed() && ex->status() == 200 && image && b.size() <= kMaxPreviewBytes)
            writeFile(stem + QStringLiteral(".preview.png"), b);
        then();
    });
    ex->start("GET", e.plan.previewUrl);
}

void DownloadManager::save() const {
    if (stateFile_.isEmpty() || stateReadOnly_) return;
    QJsonArray list;
    for (const QString& id : order_) {
        const Entry& e = entries_[id];
        list.append(QJsonObject{{QStringLiteral("id"), e.id},
                                {QStringLiteral("state"), stateName(e.state)},
                                {QStringLiteral("fileIndex"), e.fileIndex},
                                {QStringLiteral("doneBytes"), double(e.doneBytes)},
                                {QStringLiteral("error"), downloadErrorName(e.error)},
                                {QStringLiteral("errorString"), redactSecrets(e.errorString)},
                                {QStringLiteral("installedPath"), e.installedPath},
                                {QStringLiteral("plan"), e.plan.toJson()}});
    }
    QDir().mkpath(QFileInfo(stateFile_).absolutePath());
    QString why;
    if (!writeFileAtomically(stateFile_, QJsonDocument(QJsonObject{{QStringLiteral("version"), kStateVersion},
                                                                   {QStringLiteral("downloads"), list}})
                                             .toJson(),
                             &why))
        qWarning("latent: the download list %s was not saved (the previous one is kept): %s", qPrintable(stateFile_),
                 qPrintable(why));
}

bool DownloadManager::loadState(bool autoResume) {
    if (stateFile_.isEmpty() || !QFileInfo::exists(stateFile_)) return true;
    QFile f(stateFile_);
    if (!f.open(QIODevice::ReadOnly)) return false;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) return false;
    const int version = doc.object().value(QStringLiteral("version")).toInt(1);
    if (version > kStateVersion) {
        stateReadOnly_ = true;
        Notices::instance()->post(
            QCoreApplication::translate("Downloads",
                                        "The download list %1 was written by a newer version of Latent Studio "
                                        "(version %2; this version knows up to %3). It is left unchanged: its "
                                        "downloads are not shown, and downloads started now are not remembered.")
                .arg(stateFile_)
                .arg(version)
                .arg(kStateVersion));
        return true;
    }
    for (const auto& v : doc.object().value(QStringLiteral("downloads")).toArray()) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.id = o.value(QStringLiteral("id")).toString();
        if (e.id.isEmpty() || entries_.contains(e.id)) continue;
        e.plan = DownloadPlan::fromJson(o.value(QStringLiteral("plan")).toObject());
        e.state = stateFromName(o.value(QStringLiteral("state")).toString()).value_or(State::Paused);
        e.fileIndex = o.value(QStringLiteral("fileIndex")).toInt();
        e.doneBytes = qint64(o.value(QStringLiteral("doneBytes")).toDouble());
        e.installedPath = o.value(QStringLiteral("installedPath")).toString();
        e.errorString = o.value(QStringLiteral("errorString")).toString();
        e.total = qMax(e.plan.totalBytes(), e.doneBytes);
        e.received = e.doneBytes;
        if (e.state == State::Running || e.state == State::Queued) e.state = autoResume ? State::Queued : State::Paused;
        entries_.insert(e.id, e);
        order_ << e.id;
        Q_EMIT added(e.id);
    }
    schedule();
    return true;
}

} // namespace latent
