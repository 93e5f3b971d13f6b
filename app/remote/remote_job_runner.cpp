#include "app/remote/remote_job_runner.h"

#include "app/remote/remote_request.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace latent {

RemoteJobRunner::RemoteJobRunner(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam,
                                 RemoteJobSpec spec, QObject* parent)
    : QObject(parent), config_(config), spec_(std::move(spec)) {
    qRegisterMetaType<ImagePixels>("latent::ImagePixels");
    client_ = RemoteClient::create(config, secret, nam, nullptr);
    remoteId_ = spec_.remoteId;
    connect(client_.get(), &RemoteClient::status, this, [this](const QString& note) {
        note_ = note;
        Q_EMIT statusChanged(spec_.jobId, note);
    });
    connect(client_.get(), &RemoteClient::unreachable, this,
            [this](const QString& error) { Q_EMIT backendUnreachable(spec_.jobId, error); });
    connect(client_.get(), &RemoteClient::remoteIdAssigned, this, [this](const QString& id) {
        remoteId_ = id;
        Q_EMIT remoteIdAssigned(spec_.jobId, id);
    });
    connect(client_.get(), &RemoteClient::progress, this, [this](int step, int total, double eta) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (step > lastStep_ && lastStepMs_ > 0 && now > lastStepMs_)
            itPerSecond_ = double(step - lastStep_) * 1000.0 / double(now - lastStepMs_);
        if (step != lastStep_) {
            lastStep_ = step;
            lastStepMs_ = now;
        }
        Q_EMIT progress(spec_.jobId, step, total, itPerSecond_, eta);
    });
    connect(client_.get(), &RemoteClient::previewData, this, [this](const QByteArray& encoded) {
        if (previewBusy_) return; // one preview decode at a time; the next poll brings a newer one
        previewBusy_ = true;
        auto* watcher = new QFutureWatcher<ImagePixels>(this);
        connect(watcher, &QFutureWatcher<ImagePixels>::finished, this, [this, watcher] {
            watcher->deleteLater();
            previewBusy_ = false;
            const ImagePixels px = watcher->result();
            if (!done_ && px.isValid()) Q_EMIT preview(spec_.jobId, px);
        });
        watcher->setFuture(QtConcurrent::run([encoded] {
            QString error;
            const QByteArray bytes = decodeBase64Image(encoded, &error);
            if (!error.isEmpty()) return ImagePixels{};
            return decodeImageBytes(bytes, &error);
        }));
    });
    connect(client_.get(), &RemoteClient::succeeded, this, &RemoteJobRunner::onSucceeded);
    connect(client_.get(), &RemoteClient::failed, this, [this](const QString& error) {
        if (done_) return;
        done_ = true;
        Q_EMIT failed(spec_.jobId, error);
    });
    connect(client_.get(), &RemoteClient::cancelled, this, [this] {
        if (done_) return;
        done_ = true;
        Q_EMIT cancelled(spec_.jobId);
    });
}

RemoteJobRunner::~RemoteJobRunner() {
    if (client_) client_->disconnect(this);
}

void RemoteJobRunner::start() {
    RemoteJobInput input;
    input.kind = spec_.kind;
    input.params = spec_.params;
    input.remoteId = spec_.remoteId;
    client_->start(input);
}

void RemoteJobRunner::cancel() {
    if (done_) return;
    client_->cancel();
}

void RemoteJobRunner::stopEarly(bool skip) {
    if (done_) return;
    if (!client_->stopEarly(skip)) client_->cancel();
}

void RemoteJobRunner::leave() {
    done_ = true;
    client_->leave();
}

void RemoteJobRunner::onSucceeded(const RemoteJobOutput& output) {
    if (done_) return;
    Q_EMIT statusChanged(spec_.jobId, QCoreApplication::translate("Backends", "saving the images"));
    RemoteSaveOptions options;
    options.outputDir = spec_.outputDir;
    options.recoveryDir = spec_.recoveryDir;
    const QString kind = spec_.kind;
    const QJsonObject params = spec_.params;
    const BackendConfig config = config_;
    const QJsonArray seeds = output.info.value(QStringLiteral("seeds")).toArray();
    const QJsonValue seed = output.info.value(QStringLiteral("seed"));
    options.infotextFor = [kind, params, config, seeds, seed](int index, int width, int height) {
        std::optional<qint64> s;
        if (index < seeds.size() && seeds[index].isDouble()) s = seeds[index].toInteger();
        else if (index == 0 && seed.isDouble()) s = seed.toInteger();
        return remoteInfotext(kind, params, config, index, width, height, s).toInfotext();
    };
    auto* watcher = new QFutureWatcher<RemoteSaveResult>(this);
    const QJsonObject info = output.info;
    connect(watcher, &QFutureWatcher<RemoteSaveResult>::finished, this, [this, watcher, info] {
        watcher->deleteLater();
        if (done_) return;
        done_ = true;
        const RemoteSaveResult r = watcher->result();
        if (!r.ok()) {
            Q_EMIT failed(spec_.jobId, r.error);
            return;
        }
        QStringList paths, recovered;
        for (const RemoteSavedImage& img : r.images) {
            paths << img.path;
            if (img.recovered)
                recovered << QCoreApplication::translate("Backends", "%1 was saved to the recovery folder: %2")
                                 .arg(img.path, img.reason);
        }
        QJsonObject all = info;
        if (!remoteId_.isEmpty()) all.insert(QStringLiteral("remote_id"), remoteId_);
        Q_EMIT finished(spec_.jobId, paths, recovered, r.first, r.images.isEmpty() ? QString() : r.images.first().infotext,
                        all);
    });
    const QList<RemoteImageData> images = output.images;
    watcher->setFuture(QtConcurrent::run([images, options] { return saveRemoteImages(images, options); }));
}

} // namespace latent
