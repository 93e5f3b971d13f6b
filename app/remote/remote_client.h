// One remote job on one backend, in that backend's wire format (A1111 / RunPod / OpenAI), and the
// backend's health check. A client is asynchronous (QtNetwork on its thread's event loop; JSON
// and images are parsed on pool threads), retries what is worth retrying (RetryPolicy: 429 with
// Retry-After, 5xx, time-outs, an unreachable server while the request was not sent yet), stops
// on what is not (401/403, a refused request, a malformed answer) and reports one of succeeded,
// failed or cancelled exactly once per start().
#pragma once

#include "app/remote/backend_config.h"
#include "app/remote/remote_http.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace latent {

// An image as the server returned it: encoded bytes (base64 text when `base64`), with the
// server's infotext when it sent one.
struct RemoteImageData {
    QByteArray data;
    bool base64 = false;
    QString infotext;
};

struct RemoteJobOutput {
    QList<RemoteImageData> images;
    // Kept with the job: "remote_id", "usage" (object), "latency_ms", "cost", "delay_ms",
    // "execution_ms", "seed", ... whatever the server reported.
    QJsonObject info;
};

struct RemoteJobInput {
    QString kind;        // "txt2img" or "img2img"
    QJsonObject params;  // the job's parameters (A1111 body + model_path, init_image_path, ...)
    QString remoteId;    // RunPod: resume polling this job instead of submitting a new one
};

// What `check` found, one line each in the CLI.
struct BackendCheck {
    bool reachable = false;
    QString reachability;     // "reachable in 12 ms" or why not
    enum class Auth { NotNeeded, Accepted, Refused, Missing };
    Auth auth = Auth::NotNeeded;
    QString version;          // server version ("" = unknown)
    QStringList models;
    QString currentModel;
    QStringList samplers;
    QString detail;           // RunPod: workers and jobs; otherwise ""
    int latencyMs = -1;

    bool healthy() const { return reachable && auth != Auth::Refused && auth != Auth::Missing; }
    QJsonObject toJson() const;
};

class RemoteClient : public QObject {
    Q_OBJECT
public:
    // `nam` must outlive the client; it runs on the client's thread.
    static std::unique_ptr<RemoteClient> create(const BackendConfig& config, const QString& secret,
                                                QNetworkAccessManager* nam, QObject* parent = nullptr);
    ~RemoteClient() override;

    const BackendConfig& config() const { return config_; }
    RetryPolicy retry;        // set before start()
    int pollIntervalMs = 1000; // A1111 progress (at most one request per second); RunPod first poll
    int maxPollIntervalMs = 5000;

    virtual void start(const RemoteJobInput& input) = 0;
    // Stops the job on the server where the API allows it, then reports cancelled().
    virtual void cancel() = 0;
    // A1111's Interrupt (skip = false) / Skip: the server stops sampling early and answers the
    // job with the images made so far, which are saved as usual. False when the API has no such
    // call (the caller then cancels).
    virtual bool stopEarly(bool skip) {
        Q_UNUSED(skip);
        return false;
    }
    // Stops watching without touching the job on the server (the studio closes; RunPod jobs are
    // resumed by id on the next start). Reports nothing.
    virtual void leave();
    // Whether a job can be picked up again by its remote id after a restart.
    virtual bool canResume() const { return false; }

    // Reachability, credentials, version, models, samplers. `done` runs once on this thread.
    virtual void check(std::function<void(const BackendCheck&)> done) = 0;
    // A cheap health check (reachable, credentials) for the periodic monitor; default: check().
    virtual void ping(std::function<void(const BackendCheck&)> done) { check(std::move(done)); }

    // backend URL + path ("/sdapi/v1/txt2img"); a base ending in "/v1" is not doubled for "/v1/...".
    QUrl endpoint(const QString& path) const;

Q_SIGNALS:
    void status(const QString& note);             // "waiting for a worker (1:05)", "retrying in 4 s", ...
    void unreachable(const QString& error);       // the backend could not be reached (the job waits)
    void remoteIdAssigned(const QString& remoteId);
    void progress(int step, int total, double etaSeconds);
    void previewData(const QByteArray& encodedImage);
    void succeeded(const latent::RemoteJobOutput& output);
    void failed(const QString& message);
    void cancelled();

protected:
    RemoteClient(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam, QObject* parent);

    // Sends `call`, retrying transient failures under `retry`. `idempotent` false (a job
    // submission): once the request went out, a dropped connection or a time-out is final (it may
    // have been accepted). `label` names the step in status notes. `done` gets the final reply.
    void send(const RemoteCall& call, bool idempotent, const QString& label,
              std::function<void(const RemoteReply&)> done);
    // A plain call without retries (polls, checks).
    void sendOnce(const RemoteCall& call, std::function<void(const RemoteReply&)> done);
    // Parses JSON on a pool thread; `done(doc, error)` on this thread unless the job ended.
    void parseJson(const QByteArray& body, std::function<void(const QJsonDocument&, const QString&)> done);
    // Runs `work` on a pool thread and `then` with its result here (unless the job ended).
    template <typename T>
    void offThread(std::function<T()> work, std::function<void(T)> then);
    // Downloads the `url` entries of `urls` (index → URL) into `output` (credentials only on the
    // backend's origin), then calls `done(error)`.
    void fetchUrls(RemoteJobOutput output, QList<QPair<int, QUrl>> urls,
                   std::function<void(RemoteJobOutput, QString)> done);
    // Single-shot timer bound to the current job (dropped by stop()).
    void after(int ms, std::function<void()> fn);

    // Ends the job: no callback of the current job runs afterwards.
    void stop();
    bool active() const { return active_; }
    void begin();              // a new job starts (active, epoch++)
    quint64 epoch() const { return epoch_; }

    void emitSucceeded(const RemoteJobOutput& output);
    void emitFailed(const QString& message);
    void emitCancelled();

    static QString elapsedText(qint64 ms); // "0:42", "12:05", "1:02:03"
    QString credentialsMessage(const RemoteReply& reply) const;

    BackendConfig config_;
    QString secret_;
    QNetworkAccessManager* nam_;
    RemoteHttp* http_;
    QElapsedTimer elapsed_; // since start()

private:
    bool active_ = false;
    quint64 epoch_ = 0;
};

template <typename T>
void RemoteClient::offThread(std::function<T()> work, std::function<void(T)> then) {
    auto* watcher = new QFutureWatcher<T>(this);
    const quint64 job = epoch_;
    connect(watcher, &QFutureWatcher<T>::finished, this, [this, watcher, job, then] {
        watcher->deleteLater();
        if (job != epoch_ || !active_) return;
        then(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace latent

Q_DECLARE_METATYPE(latent::RemoteJobOutput)
