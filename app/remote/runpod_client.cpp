#include "app/remote/runpod_client.h"

#include "app/remote/remote_request.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

#include <memory>

namespace latent {

RunPodClient::RunPodClient(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam,
                           QObject* parent)
    : RemoteClient(config, secret, nam, parent) {}

void RunPodClient::start(const RemoteJobInput& input) {
    begin();
    kind_ = input.kind == QLatin1String("img2img") ? input.kind : QStringLiteral("txt2img");
    params_ = input.params;
    id_ = input.remoteId;
    interval_ = std::max(100, pollIntervalMs);
    pollFailures_ = 0;
    cancelling_ = false;
    if (!id_.isEmpty()) {
        Q_EMIT status(QCoreApplication::translate("Backends", "checking job %1 again").arg(id_));
        poll();
        return;
    }
    struct Built {
        QJsonObject input;
        QString error;
    };
    const QJsonObject params = params_;
    const BackendConfig config = config_;
    const QString kind = kind_;
    offThread<Built>(
        [kind, params, config] {
            Built b;
            b.input = runPodInput(kind, params, config, &b.error);
            return b;
        },
        [this](Built b) {
            if (!b.error.isEmpty()) {
                emitFailed(b.error);
                return;
            }
            RemoteCall call;
            call.method = "POST";
            call.url = endpoint(QStringLiteral("/run"));
            call.body = QJsonDocument(QJsonObject{{QStringLiteral("input"), b.input}}).toJson(QJsonDocument::Compact);
            call.timeoutMs = 60000;
            send(call, false, QCoreApplication::translate("Backends", "Sending the job"), [this](const RemoteReply& reply) {
                if (!reply.ok()) {
                    emitFailed(reply.failure == RemoteFailure::Auth ? credentialsMessage(reply) : reply.error);
                    return;
                }
                parseJson(reply.body, [this](const QJsonDocument& doc, const QString& error) {
                    const QString id = doc.object().value(QStringLiteral("id")).toString();
                    if (!error.isEmpty() || id.isEmpty()) {
                        emitFailed(error.isEmpty()
                                       ? QCoreApplication::translate("Backends", "RunPod accepted the job but sent no job id.")
                                       : error);
                        return;
                    }
                    id_ = id;
                    Q_EMIT remoteIdAssigned(id_);
                    onStatus(doc.object());
                });
            });
        });
}

void RunPodClient::schedulePoll() {
    after(interval_, [this] { poll(); });
    // Back-off: 1 s, 1.5 s, 2.25 s, ... up to 5 s.
    interval_ = std::min(std::max(100, maxPollIntervalMs), int(interval_ * 1.5));
}

void RunPodClient::poll() {
    if (!active()) return;
    if (elapsed_.elapsed() > qint64(config_.effectiveTimeoutSeconds()) * 1000) {
        // Over the job's time limit: stop it on the server too.
        RemoteCall call;
        call.method = "POST";
        call.url = endpoint(QStringLiteral("/cancel/") + id_);
        call.timeoutMs = 10000;
        const QString message = QCoreApplication::translate("Backends", "The job took longer than %1 s; it was cancelled.")
                                    .arg(config_.effectiveTimeoutSeconds());
        emitFailed(message);
        sendOnce(call, [](const RemoteReply&) {});
        return;
    }
    RemoteCall call;
    call.url = endpoint(QStringLiteral("/status/") + id_);
    call.timeoutMs = 30000;
    call.maxResponseBytes = 512LL << 20;
    const quint64 job = epoch();
    sendOnce(call, [this, job](const RemoteReply& reply) {
        if (job != epoch() || !active()) return;
        if (reply.failure == RemoteFailure::Auth) {
            emitFailed(credentialsMessage(reply));
            return;
        }
        if (reply.status == 404) {
            emitFailed(QCoreApplication::translate("Backends",
                                                   "RunPod no longer knows job %1 (results are kept for a limited "
                                                   "time).")
                           .arg(id_));
            return;
        }
        if (!reply.ok()) {
            // The gateway or the network is away: keep polling by id, with a note.
            ++pollFailures_;
            if (!isTransient(reply.failure) && reply.failure != RemoteFailure::Dropped && pollFailures_ > retry.maxRetries) {
                emitFailed(reply.error);
                return;
            }
            Q_EMIT status(QCoreApplication::translate("Backends", "cannot reach RunPod (%1); still polling job %2")
                              .arg(reply.error, id_));
            int delay = reply.retryAfterMs();
            if (delay < 0) delay = interval_;
            after(delay, [this] { poll(); });
            interval_ = std::min(std::max(100, maxPollIntervalMs), int(interval_ * 1.5));
            return;
        }
        pollFailures_ = 0;
        parseJson(reply.body, [this](const QJsonDocument& doc, const QString& error) {
            if (!error.isEmpty() || !doc.isObject()) {
                emitFailed(error.isEmpty() ? QCoreApplication::translate("Backends", "RunPod sent a status that is not "
                                                                                     "a JSON object.")
                                           : error);
                return;
            }
            onStatus(doc.object());
        });
    });
}

void RunPodClient::onStatus(const QJsonObject& s) {
    const QString state = s.value(QStringLiteral("status")).toString().toUpper();
    const QString elapsed = elapsedText(elapsed_.elapsed());
    if (state == QLatin1String("COMPLETED")) {
        QList<QPair<int, QUrl>> urls;
        QString error;
        RemoteJobOutput out = parseOutput(s.value(QStringLiteral("output")), &urls, &error);
        if (!error.isEmpty()) {
            emitFailed(error);
            return;
        }
        out.info.insert(QStringLiteral("remote_id"), id_);
        if (s.contains(QStringLiteral("delayTime"))) out.info.insert(QStringLiteral("delay_ms"), s.value(QStringLiteral("delayTime")));
        if (s.contains(QStringLiteral("executionTime")))
            out.info.insert(QStringLiteral("execution_ms"), s.value(QStringLiteral("executionTime")));
        fetchUrls(out, urls, [this](RemoteJobOutput o, const QString& e) {
            if (!e.isEmpty()) emitFailed(e);
            else emitSucceeded(o);
        });
        return;
    }
    if (state == QLatin1String("FAILED")) {
        QString why = s.value(QStringLiteral("error")).toString();
        if (why.isEmpty() && s.value(QStringLiteral("output")).isObject())
            why = s.value(QStringLiteral("output")).toObject().value(QStringLiteral("error")).toString();
        emitFailed(QCoreApplication::translate("Backends", "The RunPod job %1 failed: %2")
                       .arg(id_, why.isEmpty() ? QCoreApplication::translate("Backends", "no reason given") : why.left(300)));
        return;
    }
    if (state == QLatin1String("CANCELLED")) {
        if (cancelling_) emitCancelled();
        else emitFailed(QCoreApplication::translate("Backends", "The RunPod job %1 was cancelled on the server.").arg(id_));
        return;
    }
    if (state == QLatin1String("TIMED_OUT")) {
        emitFailed(QCoreApplication::translate("Backends", "The RunPod job %1 timed out on the server.").arg(id_));
        return;
    }
    if (state == QLatin1String("IN_QUEUE"))
        Q_EMIT status(QCoreApplication::translate("Backends", "waiting for a worker (%1)").arg(elapsed));
    else if (state == QLatin1String("IN_PROGRESS"))
        Q_EMIT status(QCoreApplication::translate("Backends", "running on a worker (%1)").arg(elapsed));
    else
        Q_EMIT status(QCoreApplication::translate("Backends", "%1 (%2)").arg(state.toLower(), elapsed));
    schedulePoll();
}

RemoteJobOutput RunPodClient::parseOutput(const QJsonValue& output, QList<QPair<int, QUrl>>* urls, QString* error) {
    RemoteJobOutput out;
    QJsonArray items;
    QJsonValue seedValue;
    if (output.isArray()) {
        items = output.toArray();
    } else if (output.isObject()) {
        const QJsonObject o = output.toObject();
        if (o.value(QStringLiteral("images")).isArray()) items = o.value(QStringLiteral("images")).toArray();
        else if (o.value(QStringLiteral("images_url")).isArray()) items = o.value(QStringLiteral("images_url")).toArray();
        else
            for (const char* k : {"image", "image_url", "url", "base64"})
                if (o.value(QLatin1String(k)).isString()) {
                    items.append(o.value(QLatin1String(k)));
                    break;
                }
        seedValue = o.value(QStringLiteral("seed"));
        // A1111 workers return A1111's answer: its infotexts belong to the images.
        QJsonObject info;
        const QJsonValue iv = o.value(QStringLiteral("info"));
        if (iv.isString()) info = QJsonDocument::fromJson(iv.toString().toUtf8()).object();
        else if (iv.isObject()) info = iv.toObject();
        const QJsonArray infotexts = info.value(QStringLiteral("infotexts")).toArray();
        out.info.insert(QStringLiteral("infotexts"), infotexts);
        if (o.contains(QStringLiteral("error")) && items.isEmpty()) {
            *error = QCoreApplication::translate("Backends", "The RunPod worker reported an error: %1")
                         .arg(o.value(QStringLiteral("error")).toVariant().toString().left(300));
            return {};
        }
    } else if (output.isString()) {
        items.append(output);
    }
    const QJsonArray infotexts = out.info.take(QStringLiteral("infotexts")).toArray();
    for (int i = 0; i < items.size(); ++i) {
        QString text;
        const QJsonValue item = items[i];
        if (item.isString()) {
            text = item.toString();
        } else if (item.isObject()) {
            const QJsonObject o = item.toObject();
            for (const char* k : {"image", "base64", "b64_json", "url", "image_url"})
                if (o.value(QLatin1String(k)).isString()) {
                    text = o.value(QLatin1String(k)).toString();
                    break;
                }
        }
        if (text.isEmpty()) {
            *error = QCoreApplication::translate("Backends", "Output %1 of the RunPod job is not an image.").arg(i + 1);
            return {};
        }
        RemoteImageData img;
        img.infotext = infotexts.at(i).toString();
        if (text.startsWith(QLatin1String("http://")) || text.startsWith(QLatin1String("https://"))) {
            urls->append({int(out.images.size()), QUrl(text)});
        } else {
            img.data = text.toLatin1();
            img.base64 = true;
        }
        out.images << img;
    }
    if (out.images.isEmpty()) {
        *error = QCoreApplication::translate("Backends", "The RunPod job finished without an image in its output.");
        return {};
    }
    if (seedValue.isDouble()) out.info.insert(QStringLiteral("seed"), QJsonValue(seedValue.toInteger()));
    return out;
}

void RunPodClient::cancel() {
    if (!active()) {
        Q_EMIT cancelled();
        return;
    }
    const QString id = id_;
    stop();
    if (id.isEmpty()) {
        Q_EMIT cancelled();
        return;
    }
    RemoteCall call;
    call.method = "POST";
    call.url = endpoint(QStringLiteral("/cancel/") + id);
    call.timeoutMs = 10000;
    QPointer<RunPodClient> self(this);
    sendOnce(call, [self](const RemoteReply&) {
        if (self) Q_EMIT self->cancelled();
    });
}

void RunPodClient::check(std::function<void(const BackendCheck&)> done) {
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    RemoteCall call;
    call.url = endpoint(QStringLiteral("/health"));
    call.timeoutMs = 15000;
    QPointer<RunPodClient> self(this);
    sendOnce(call, [self, timer, done](const RemoteReply& reply) {
        if (!self) return;
        BackendCheck r;
        r.latencyMs = int(timer->elapsed());
        if (reply.failure == RemoteFailure::Unreachable || reply.failure == RemoteFailure::Tls ||
            reply.failure == RemoteFailure::Timeout || reply.failure == RemoteFailure::Dropped) {
            r.reachability = reply.error;
            done(r);
            return;
        }
        r.reachable = true;
        r.reachability = QCoreApplication::translate("Backends", "reachable (%1 ms)").arg(r.latencyMs);
        if (reply.failure == RemoteFailure::Auth) {
            r.auth = self->secret_.isEmpty() ? BackendCheck::Auth::Missing : BackendCheck::Auth::Refused;
            done(r);
            return;
        }
        r.auth = self->secret_.isEmpty() ? BackendCheck::Auth::NotNeeded : BackendCheck::Auth::Accepted;
        if (!reply.ok()) {
            r.reachability = reply.error;
            done(r);
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(reply.body).object();
        const QJsonObject workers = o.value(QStringLiteral("workers")).toObject();
        const QJsonObject jobs = o.value(QStringLiteral("jobs")).toObject();
        r.version = QStringLiteral("RunPod serverless");
        r.detail = QCoreApplication::translate("Backends", "workers: %1 idle, %2 running; jobs: %3 in queue, %4 in progress")
                       .arg(workers.value(QStringLiteral("idle")).toInt())
                       .arg(workers.value(QStringLiteral("running")).toInt())
                       .arg(jobs.value(QStringLiteral("inQueue")).toInt())
                       .arg(jobs.value(QStringLiteral("inProgress")).toInt());
        if (!self->config_.model.isEmpty()) r.models << self->config_.model;
        r.samplers = QStringList{QStringLiteral("Euler"), QStringLiteral("Euler a"), QStringLiteral("LMS"),
                                 QStringLiteral("DDIM"), QStringLiteral("PLMS"), QStringLiteral("DPM++ 2M")};
        done(r);
    });
}

} // namespace latent
