#include "app/downloads/file_download.h"

#include "app/storage/atomic_file.h"

#include "app/downloads/download_safety.h"
#include "pipeline/loaders/format_sniff.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStorageInfo>
#include <QTimer>

#include <cerrno>

namespace latent {

namespace {
constexpr qint64 kSpaceCheckEvery = 16 << 20; // re-check free space every 16 MiB written
constexpr int kSniffBytes = 64;
constexpr int kMaxRestarts = 3;


// "bytes 100-999/1000" → 100 (or -1).
qint64 contentRangeStart(const QByteArray& v) {
    static const QRegularExpression re(QStringLiteral(R"(^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$)"));
    const auto m = re.match(QString::fromLatin1(v));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}
qint64 contentRangeTotal(const QByteArray& v) {
    static const QRegularExpression re(QStringLiteral(R"(/(\d+)\s*$)"));
    const auto m = re.match(QString::fromLatin1(v));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

bool isModelExtension(const QString& name) {
    static const QStringList exts{QStringLiteral(".safetensors"), QStringLiteral(".ckpt"), QStringLiteral(".pt"),
                                  QStringLiteral(".pth"),         QStringLiteral(".bin"),  QStringLiteral(".gguf")};
    for (const QString& e : exts)
        if (name.endsWith(e, Qt::CaseInsensitive)) return true;
    return false;
}

QString gitBlobSha1(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData(QByteArray("blob ") + QByteArray::number(f.size()) + '\0');
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}
} // namespace

QString downloadErrorName(DownloadError e) {
    switch (e) {
    case DownloadError::None:
        return QStringLiteral("none");
    case DownloadError::Cancelled:
        return QStringLiteral("cancelled");
    case DownloadError::Paused:
        return QStringLiteral("paused");
    case DownloadError::Network:
        return QStringLiteral("network");
    case DownloadError::NeedsToken:
        return QStringLiteral("needs_token");
    case DownloadError::NotAModel:
        return QStringLiteral("not_a_model");
    case DownloadError::HashMismatch:
        return QStringLiteral("hash_mismatch");
    case DownloadError::SizeMismatch:
        return QStringLiteral("size_mismatch");
    case DownloadError::DiskFull:
        return QStringLiteral("disk_full");
    case DownloadError::Busy:
        return QStringLiteral("busy");
    case DownloadError::Redirect:
        return QStringLiteral("redirect");
    case DownloadError::Http:
        return QStringLiteral("http");
    case DownloadError::Io:
        return QStringLiteral("io");
    }
    return QStringLiteral("none");
}

FileDownload::FileDownload(QNetworkAccessManager* nam, const SiteConfig& sites, const FileTask& task, QObject* parent)
    : QObject(parent), nam_(nam), sites_(sites), task_(task) {
    task_.spec.sha256 = task_.spec.sha256.trimmed().toLower();
}

FileDownload::~FileDownload() {
    dropExchange();
    if (part_.isOpen()) part_.close();
}

qint64 FileDownload::freeBytes() const {
    const QString dir = QFileInfo(task_.partPath).absolutePath();
    if (hooks_.bytesAvailable) return hooks_.bytesAvailable(dir);
    QStorageInfo si(dir);
    return si.isValid() ? si.bytesAvailable() : -1;
}

void FileDownload::start() {
    if (running_) return;
    error_ = DownloadError::None;
    errorString_.clear();
    retries_ = 0;
    running_ = true;
    const QString dir = QFileInfo(task_.partPath).absolutePath();
    if (!QDir().mkpath(dir)) {
        fail(DownloadError::Io, QCoreApplication::translate("Downloads", "The folder \"%1\" could not be created.").arg(dir), false);
        return;
    }
    if (!lock_) {
        lock_ = std::make_unique<QLockFile>(task_.partPath + QStringLiteral(".lock"));
        lock_->setStaleLockTime(0);
        if (!lock_->tryLock(0)) {
            lock_.reset();
            fail(DownloadError::Busy,
                 QCoreApplication::translate("Downloads", "\"%1\" is already being downloaded (one writer per file).")
                     .arg(QFileInfo(task_.finalPath).fileName()),
                 false);
            return;
        }
    }
    part_.setFileName(task_.partPath);
    // Unbuffered: every write reaches the kernel at once, so a full disk is seen by the write
    // that hit it (a buffered tail could fail later, unnoticed, after it was hashed).
    if (!part_.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        fail(DownloadError::Io, QCoreApplication::translate("Downloads", "\"%1\" could not be opened: %2").arg(task_.partPath, part_.errorString()), false);
        return;
    }
    offset_ = part_.size();
    hash_.reset();
    validator_.clear();
    // Resume only a .part that belongs to this exact file (same URL and hash) and has a validator.
    if (offset_ > 0) {
        QFile meta(metaPathFor(task_.partPath));
        QJsonObject m;
        if (meta.open(QIODevice::ReadOnly)) m = QJsonDocument::fromJson(meta.readAll()).object();
        validator_ = m.value(QStringLiteral("validator")).toString();
        const bool same = m.value(QStringLiteral("url")).toString() == task_.spec.url.toString() &&
                          m.value(QStringLiteral("sha256")).toString() == task_.spec.sha256;
        if (!same || validator_.isEmpty() || (task_.spec.size >= 0 && offset_ > task_.spec.size)) {
            part_.resize(0);
            offset_ = 0;
            validator_.clear();
        } else {
            // Continue the hash over the bytes already there.
            part_.seek(0);
            QByteArray buf;
            qint64 left = offset_;
            while (left > 0) {
                buf = part_.read(qMin<qint64>(left, 4 << 20));
                if (buf.isEmpty()) break;
                hash_.addData(buf);
                left -= buf.size();
            }
            if (left != 0) {
                part_.resize(0);
                offset_ = 0;
                hash_.reset();
            } else {
                head_ = buf.left(kSniffBytes);
                if (offset_ > kSniffBytes) {
                    part_.seek(0);
                    head_ = part_.read(kSniffBytes);
                }
            }
        }
    }
    if (offset_ == 0) head_.clear();
    part_.seek(offset_);
    total_ = task_.spec.size;
    if (task_.spec.size >= 0 && offset_ == task_.spec.size && offset_ > 0) {
        complete(); // everything is already here: verify and install
        return;
    }
    // Preflight: is there room for what is left?
    const qint64 need = task_.spec.expectedBytes() - offset_;
    const qint64 avail = freeBytes();
    if (need > 0 && avail >= 0 && avail < need) {
        fail(DownloadError::DiskFull,
             QCoreApplication::translate("Downloads", "Not enough free space in \"%1\": %2 needed, %3 free. Free some space and resume.")
                 .arg(QFileInfo(task_.partPath).absolutePath(), formatBytes(need), formatBytes(avail)),
             false);
        return;
    }
    sendRequest();
}

void FileDownload::sendRequest() {
    dropExchange();
    responseOk_ = false;
    sinceSpaceCheck_ = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    if (offset_ > 0 && !validator_.isEmpty()) {
        headers << qMakePair(QByteArray("Range"), "bytes=" + QByteArray::number(offset_) + "-");
        headers << qMakePair(QByteArray("If-Range"), validator_.toUtf8());
        ++resumes_;
    } else if (offset_ > 0) {
        restartFromZero();
    }
    exchange_ = new HttpExchange(nam_, sites_, this);
    connect(exchange_, &HttpExchange::responseStarted, this, &FileDownload::onResponse);
    connect(exchange_, &HttpExchange::dataAvailable, this, &FileDownload::onData);
    connect(exchange_, &HttpExchange::finished, this, &FileDownload::onExchangeFinished);
    exchange_->start("GET", task_.spec.url, headers);
}

void FileDownload::restartFromZero() {
    part_.resize(0);
    part_.seek(0);
    offset_ = 0;
    hash_.reset();
    head_.clear();
    ++restarts_;
}

void FileDownload::dropExchange() {
    if (!exchange_) return;
    HttpExchange* e = exchange_;
    exchange_ = nullptr;
    e->disconnect(this);
    e->abort();
    e->deleteLater();
}

void FileDownload::saveMeta() {
    const QJsonObject m{{QStringLiteral("url"), task_.spec.url.toString()},
                        {QStringLiteral("validator"), validator_},
                        {QStringLiteral("sha256"), task_.spec.sha256},
                        {QStringLiteral("size"), double(task_.spec.size)}};
    writeFileAtomically(metaPathFor(task_.partPath), QJsonDocument(m).toJson(QJsonDocument::Compact));
}

void FileDownload::onResponse() {
    QNetworkReply* r = exchange_ ? exchange_->reply() : nullptr;
    if (!r) return;
    const int code = exchange_->status();
    if (code == 401 || code == 403) {
        fail(DownloadError::NeedsToken,
             QCoreApplication::translate("Downloads", "%1 answered %2: this file needs a token (log in / accept the licence on the site and add your "
                 "token), it is not a model download.")
                 .arg(exchange_->finalUrl().host())
                 .arg(code),
             offset_ == 0);
        return;
    }
    if (code == 416 && offset_ > 0) {
        dropExchange();
        restartFromZero();
        sendRequest();
        return;
    }
    if (code >= 300) {
        fail(code == 404 ? DownloadError::Http : DownloadError::Http,
             QCoreApplication::translate("Downloads", "%1 answered HTTP %2 for %3.")
                 .arg(exchange_->finalUrl().host())
                 .arg(code)
                 .arg(redactSecrets(task_.spec.url.toString(QUrl::RemoveUserInfo))),
             offset_ == 0);
        return;
    }
    const QByteArray encoding = r->rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity") {
        fail(DownloadError::NotAModel,
             QCoreApplication::translate("Downloads", "The server sent the file compressed (%1) although identity was asked for; it was not saved.")
                 .arg(QString::fromLatin1(encoding)),
             true);
        return;
    }
    if (task_.spec.isWeights) {
        const QString type = r->header(QNetworkRequest::ContentTypeHeader).toString().toLower();
        if (type.startsWith(QLatin1String("text/html"))) {
            fail(DownloadError::NeedsToken,
                 QCoreApplication::translate("Downloads", "%1 sent a web page (probably a login page) instead of the model: it needs a token; nothing "
                     "was saved as a model.")
                     .arg(exchange_->finalUrl().host()),
                 true);
            return;
        }
    }
    const qint64 length = r->header(QNetworkRequest::ContentLengthHeader).isValid()
                              ? r->header(QNetworkRequest::ContentLengthHeader).toLongLong()
                              : -1;
    if (code == 206) {
        const QByteArray cr = r->rawHeader("Content-Range");
        const qint64 startAt = contentRangeStart(cr);
        if (startAt != offset_) {
            // Wrong piece: start over without Range.
            if (restarts_ >= kMaxRestarts) {
                fail(DownloadError::Http, QCoreApplication::translate("Downloads", "The server keeps answering with the wrong byte range."), true);
                return;
            }
            dropExchange();
            restartFromZero();
            validator_.clear();
            sendRequest();
            return;
        }
        const qint64 t = contentRangeTotal(cr);
        total_ = t >= 0 ? t : (length >= 0 ? offset_ + length : task_.spec.size);
    } else {
        if (offset_ > 0) restartFromZero(); // 200: the server sends the whole file again
        total_ = length >= 0 ? length : task_.spec.size;
    }
    if (task_.spec.size >= 0 && total_ >= 0 && total_ != task_.spec.size) {
        fail(DownloadError::SizeMismatch,
             QCoreApplication::translate("Downloads", "The server sends %1 bytes but the site publishes %2 bytes for \"%3\"; nothing was installed.")
                 .arg(total_)
                 .arg(task_.spec.size)
                 .arg(QFileInfo(task_.finalPath).fileName()),
             true);
        return;
    }
    // Validator for a later If-Range: a strong ETag, else Last-Modified.
    const QByteArray etag = r->rawHeader("ETag").trimmed();
    validator_ = (!etag.isEmpty() && !etag.startsWith("W/")) ? QString::fromLatin1(etag)
                                                             : QString::fromLatin1(r->rawHeader("Last-Modified"));
    if (task_.spec.nameFromServer) {
        const QString cd = contentDispositionFileName(r->rawHeader("Content-Disposition"));
        if (!cd.isEmpty()) serverName_ = cd;
    }
    saveMeta();
    if (total_ >= 0) {
        const qint64 need = total_ - offset_;
        const qint64 avail = freeBytes();
        if (avail >= 0 && avail < need) {
            fail(DownloadError::DiskFull,
                 QCoreApplication::translate("Downloads", "Not enough free space in \"%1\": %2 needed, %3 free. Free some space and resume.")
                     .arg(QFileInfo(task_.partPath).absolutePath(), formatBytes(need), formatBytes(avail)),
                 false);
            return;
        }
    }
    responseOk_ = true;
    Q_EMIT progress(offset_, total_);
}

bool FileDownload::writeChunk(const QByteArray& bytes) {
    errno = 0;
    const qint64 n = hooks_.write ? hooks_.write(part_, bytes.constData(), bytes.size())
                                  : part_.write(bytes.constData(), bytes.size());
    if (n == bytes.size()) return true;
    const bool full = errno == ENOSPC || errno == EDQUOT || part_.error() == QFileDevice::ResourceError;
    part_.flush();
    // Keep exactly the bytes that were hashed so the .part stays a correct prefix.
    part_.resize(offset_);
    fail(full ? DownloadError::DiskFull : DownloadError::Io,
         full ? QCoreApplication::translate("Downloads", "The disk is full while writing \"%1\": free some space and resume (the partial file is kept).")
                    .arg(QFileInfo(task_.partPath).absolutePath())
              : QCoreApplication::translate("Downloads", "Writing \"%1\" failed: %2").arg(task_.partPath, part_.errorString()),
         false);
    return false;
}

void FileDownload::onData() {
    if (!exchange_ || !responseOk_) return;
    QNetworkReply* r = exchange_->reply();
    if (!r) return;
    const QByteArray bytes = r->readAll();
    if (bytes.isEmpty()) return;
    if (task_.spec.isWeights && head_.size() < kSniffBytes) {
        head_ += bytes.left(kSniffBytes - head_.size());
        if (head_.size() >= 16) {
            const FileFormat f = sniff_format_bytes(reinterpret_cast<const uint8_t*>(head_.constData()),
                                                    size_t(head_.size()), uint64_t(qMax<qint64>(total_, head_.size())));
            if (f == FileFormat::Html || f == FileFormat::Json) {
                fail(DownloadError::NotAModel,
                     QCoreApplication::translate("Downloads", "%1 sent a %2 document instead of model bytes (needs a token / not a model); nothing was "
                         "saved as a model.")
                         .arg(exchange_->finalUrl().host(),
                              f == FileFormat::Html ? QStringLiteral("HTML") : QStringLiteral("JSON")),
                     true);
                return;
            }
        }
    }
    // Write and hash in bounded pieces so a failing write loses at most one piece.
    constexpr qsizetype kPiece = 64 * 1024;
    for (qsizetype at = 0; at < bytes.size(); at += kPiece) {
        const QByteArray piece = bytes.mid(at, kPiece);
        if (!writeChunk(piece)) return;
        hash_.addData(piece);
        offset_ += piece.size();
    }
    retries_ = 0; // progress: a later cut gets the full number of retries again
    sinceSpaceCheck_ += bytes.size();
    if (sinceSpaceCheck_ >= kSpaceCheckEvery && total_ > 0) {
        sinceSpaceCheck_ = 0;
        const qint64 avail = freeBytes();
        if (avail >= 0 && avail < total_ - offset_) {
            part_.flush();
            fail(DownloadError::DiskFull,
                 QCoreApplication::translate("Downloads", "The disk is filling up: %1 still needed, %2 free in \"%3\". Free some space and resume.")
                     .arg(formatBytes(total_ - offset_), formatBytes(avail), QFileInfo(task_.partPath).absolutePath()),
                 false);
            return;
        }
    }
    if (total_ >= 0 && offset_ > total_) {
        fail(DownloadError::SizeMismatch, QCoreApplication::translate("Downloads", "The server sent more bytes than announced; nothing was installed."),
             true);
        return;
    }
    Q_EMIT progress(offset_, total_);
}

void FileDownload::onExchangeFinished() {
    if (!running_ || !exchange_) return;
    HttpExchange* e = exchange_;
    if (e->redirectRefused()) {
        fail(DownloadError::Redirect, QCoreApplication::translate("Downloads", "Download refused: %1.").arg(e->errorString()), offset_ == 0);
        return;
    }
    if (!responseOk_ && !e->failed()) return; // handled in onResponse
    if (responseOk_) onData();                // the last bytes
    if (!running_) return;
    const bool cut = e->failed() || (total_ >= 0 && offset_ < total_);
    if (!cut) {
        dropExchange();
        complete();
        return;
    }
    const QString why = e->failed() ? e->errorString() : QCoreApplication::translate("Downloads", "the connection closed early");
    dropExchange();
    part_.flush();
    if (retries_ < maxRetries_) {
        ++retries_;
        QTimer::singleShot(100 * retries_, this, [this] {
            if (running_) sendRequest();
        });
        return;
    }
    fail(DownloadError::Network,
         QCoreApplication::translate("Downloads", "The connection was lost (%1) after %2 retries; %3 of %4 are kept and the download can be resumed.")
             .arg(why)
             .arg(retries_)
             .arg(formatBytes(offset_), formatBytes(total_)),
         false);
}

void FileDownload::complete() {
    part_.flush();
    const QString name = QFileInfo(task_.finalPath).fileName();
    // What is on disk must be every byte that was hashed, or a short file could be installed.
    if (part_.size() != offset_) {
        part_.resize(qMin(part_.size(), offset_));
        fail(DownloadError::DiskFull,
             QCoreApplication::translate("Downloads", "Only %1 of %2 received bytes of \"%3\" reached the disk (is it full?); "
                                                      "nothing was installed. Free some space and resume.")
                 .arg(formatBytes(part_.size()), formatBytes(offset_), name),
             false);
        return;
    }
    if (task_.spec.size >= 0 && offset_ != task_.spec.size) {
        fail(DownloadError::SizeMismatch,
             QCoreApplication::translate("Downloads", "\"%1\" has %2 bytes, the site publishes %3; nothing was installed.")
                 .arg(name)
                 .arg(offset_)
                 .arg(task_.spec.size),
             true);
        return;
    }
    if (task_.spec.isWeights) {
        part_.seek(0);
        const QByteArray head = part_.read(4096);
        const FileFormat f = sniff_format_bytes(reinterpret_cast<const uint8_t*>(head.constData()), size_t(head.size()),
                                                uint64_t(offset_));
        if (f == FileFormat::Html || f == FileFormat::Json || f == FileFormat::Empty ||
            f == FileFormat::GitLfsPointer) {
            fail(DownloadError::NotAModel,
                 QCoreApplication::translate("Downloads", "The server sent %1 instead of model bytes for \"%2\" (needs a token / not a model); nothing was "
                     "saved as a model.")
                     .arg(QString::fromStdString(format_name(f)), name),
                 true);
            return;
        }
    }
    const QString sha = QString::fromLatin1(hash_.result().toHex());
    if (!task_.spec.sha256.isEmpty() && sha != task_.spec.sha256) {
        fail(DownloadError::HashMismatch,
             QCoreApplication::translate("Downloads", "SHA-256 of \"%1\" is %2 but the site publishes %3: the file was deleted and nothing was installed.")
                 .arg(name, sha, task_.spec.sha256),
             true);
        return;
    }
    part_.close();
    if (task_.spec.sha256.isEmpty() && !task_.spec.gitSha1.isEmpty()) {
        const QString g = gitBlobSha1(task_.partPath);
        if (g != task_.spec.gitSha1.toLower()) {
            fail(DownloadError::HashMismatch,
                 QCoreApplication::translate("Downloads", "\"%1\" does not match the repository's git id; it was deleted and nothing was installed.")
                     .arg(name),
                 true);
            return;
        }
    }
    QString target = task_.finalPath;
    if (!serverName_.isEmpty()) {
        const QString ownExt = QFileInfo(task_.finalPath).suffix();
        QString clean = sanitizeFileName(serverName_, QFileInfo(task_.finalPath).fileName());
        if (!isModelExtension(clean) && task_.spec.isWeights)
            clean = QFileInfo(clean).completeBaseName() + QLatin1Char('.') + ownExt;
        target = QFileInfo(task_.finalPath).absolutePath() + QLatin1Char('/') + clean;
    }
    // Atomic rename on the same volume; QFile::rename never replaces an existing file.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const QString candidate = uniquePath(target);
        if (QFile::rename(task_.partPath, candidate)) {
            QFile::remove(metaPathFor(task_.partPath));
            finishOk(candidate);
            return;
        }
        if (!QFileInfo::exists(candidate)) break; // failed for another reason
    }
    fail(DownloadError::Io, QCoreApplication::translate("Downloads", "\"%1\" could not be moved into place.").arg(target), false);
}

void FileDownload::finishOk(const QString& path) {
    installed_ = path;
    running_ = false;
    if (lock_) {
        lock_->unlock();
        lock_.reset();
    }
    Q_EMIT progress(offset_, offset_);
    Q_EMIT finished();
}

void FileDownload::fail(DownloadError e, const QString& message, bool deletePart) {
    if (!running_) return;
    running_ = false;
    dropExchange();
    error_ = e;
    errorString_ = redactSecrets(message);
    if (part_.isOpen()) {
        part_.flush();
        part_.close();
    }
    if (deletePart) {
        QFile::remove(task_.partPath);
        QFile::remove(metaPathFor(task_.partPath));
        offset_ = 0;
    }
    if (lock_) {
        lock_->unlock();
        lock_.reset();
    }
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(); }, Qt::QueuedConnection);
}

void FileDownload::pause() {
    if (!running_) return;
    fail(DownloadError::Paused, QCoreApplication::translate("Downloads", "Paused."), false);
}

void FileDownload::cancel() {
    if (!running_) {
        // Cancel after a pause or failure: discard the .part too (unless another writer has it).
        QLockFile probe(task_.partPath + QStringLiteral(".lock"));
        if (probe.tryLock(0)) {
            QFile::remove(task_.partPath);
            QFile::remove(metaPathFor(task_.partPath));
        }
        return;
    }
    fail(DownloadError::Cancelled, QCoreApplication::translate("Downloads", "Cancelled."), true);
}

} // namespace latent
