// One job on one remote backend from start to saved files: the kind's RemoteClient on the wire,
// the answer checked and written like local results (saveRemoteImages on a pool thread), live
// previews decoded off the GUI thread. Used by the studio's RemoteDispatcher and by the CLI.
#pragma once

#include "app/remote/remote_client.h"
#include "app/remote/remote_images.h"
#include "app/worker/inference_worker.h" // Q_DECLARE_METATYPE(latent::ImagePixels)

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <memory>

class QNetworkAccessManager;

namespace latent {

struct RemoteJobSpec {
    qint64 jobId = 0;
    QString kind;           // "txt2img" / "img2img"
    QJsonObject params;     // the job's parameters
    QString outputDir;
    QString recoveryDir;    // "" = the default recovery folder
    QString remoteId;       // resume (RunPod)
};

class RemoteJobRunner : public QObject {
    Q_OBJECT
public:
    RemoteJobRunner(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam,
                    RemoteJobSpec spec, QObject* parent = nullptr);
    ~RemoteJobRunner() override;

    RemoteClient* client() const { return client_.get(); }
    const BackendConfig& config() const { return config_; }
    const RemoteJobSpec& spec() const { return spec_; }
    qint64 jobId() const { return spec_.jobId; }
    QString remoteId() const { return remoteId_; }
    QString statusNote() const { return note_; }

    void start();
    void cancel();   // remote cancel where possible, then cancelled()
    // A1111's Interrupt / Skip where the backend has them (the images so far are saved as the
    // job's result); a cancel where it has not.
    void stopEarly(bool skip);
    void leave();    // stop watching, the job stays on the server (no signal)

Q_SIGNALS:
    void statusChanged(qint64 jobId, const QString& note);
    void backendUnreachable(qint64 jobId, const QString& error);
    void remoteIdAssigned(qint64 jobId, const QString& remoteId);
    void progress(qint64 jobId, int step, int total, double itPerSecond, double etaSeconds);
    void preview(qint64 jobId, const latent::ImagePixels& image);
    // Saved files; `first`: the first image's pixels; `info`: what the backend reported
    // (usage, cost, latency, remote id, ...).
    void finished(qint64 jobId, const QStringList& paths, const QStringList& recovered, const latent::ImagePixels& first,
                  const QString& firstInfotext, const QJsonObject& info);
    void failed(qint64 jobId, const QString& error);
    void cancelled(qint64 jobId);

private:
    void onSucceeded(const RemoteJobOutput& output);

    BackendConfig config_;
    RemoteJobSpec spec_;
    std::unique_ptr<RemoteClient> client_;
    QString remoteId_;
    QString note_;
    bool done_ = false;
    bool previewBusy_ = false;
    int lastStep_ = 0;
    qint64 lastStepMs_ = 0;
    double itPerSecond_ = 0;
};

} // namespace latent
