#include "app/remote/a1111_client.h"

#include "app/remote/remote_request.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>

#include <memory>

namespace latent {

A1111Client::A1111Client(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam,
                         QObject* parent)
    : RemoteClient(config, secret, nam, parent) {
    pollTimer_ = new QTimer(this);
    pollTimer_->setSingleShot(false);
    connect(pollTimer_, &QTimer::timeout, this, &A1111Client::poll);
}

void A1111Client::start(const RemoteJobInput& input) {
    begin();
    kind_ = input.kind == QLatin1String("img2img") ? input.kind : QStringLiteral("txt2img");
    cancelling_ = false;
    lastPreview_.clear();
    pollInFlight_ = false;
    struct Built {
        QJsonObject body;
        QString error;
    };
    const QJsonObject params = input.params;
    const BackendConfig config = config_;
    const QString kind = kind_;
    // Reading and encoding the init image and mask happens on a pool thread.
    offThread<Built>(
        [kind, params, config] {
            Built b;
            b.body = a1111Body(kind, params, config, &b.error);
            return b;
        },
        [this](Built b) {
            if (!b.error.isEmpty()) {
                emitFailed(b.error);
                return;
            }
            submit(b.body);
        });
}

void A1111Client::submit(const QJsonObject& body) {
    RemoteCall call;
    call.method = "POST";
    call.url = endpoint(QStringLiteral("/sdapi/v1/") + kind_);
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    call.timeoutMs = config_.effectiveTimeoutSeconds() * 1000;
    call.maxResponseBytes = 512LL << 20;
    Q_EMIT status(QCoreApplication::translate("Backends", "sent to %1").arg(config_.name));
    pollTimer_->start(std::max(1000, pollIntervalMs)); // at most one progress request per second
    send(call, false, QCoreApplication::translate("Backends", "Sending the job"), [this](const RemoteReply& reply) {
        pollTimer_->stop();
        if (cancelling_) return; // cancel() reports
        if (!reply.ok()) {
            if (reply.failure == RemoteFailure::Auth) {
                emitFailed(credentialsMessage(reply));
            } else if (reply.failure == RemoteFailure::Dropped) {
                emitFailed(QCoreApplication::translate("Backends",
                                                       "The server restarted (or dropped the connection) while it "
                                                       "ran the job; the job did not finish and was not sent again. "
                                                       "(%1)")
                               .arg(reply.error));
            } else {
                emitFailed(reply.error);
            }
            return;
        }
        parseJson(reply.body, [this](const QJsonDocument& doc, const QString& error) {
            if (!error.isEmpty()) {
                emitFailed(error);
                return;
            }
            struct Parsed {
                RemoteJobOutput output;
                QString error;
            };
            offThread<Parsed>(
                [doc] {
                    Parsed p;
                    p.output = parseResult(doc, &p.error);
                    return p;
                },
                [this](Parsed p) {
                    if (!p.error.isEmpty()) emitFailed(p.error);
                    else emitSucceeded(p.output);
                });
        });
    });
}

RemoteJobOutput A1111Client::parseResult(const QJsonDocument& doc, QString* error) {
    RemoteJobOutput out;
    if (!doc.isObject()) {
        *error = QCoreApplication::translate("Backends", "The server's answer has no images (not a JSON object).");
        return out;
    }
    const QJsonObject o = doc.object();
    const QJsonValue images = o.value(QStringLiteral("images"));
    if (!images.isArray() || images.toArray().isEmpty()) {
        *error = QCoreApplication::translate("Backends", "The server's answer has no images.");
        return out;
    }
    // "info" is a JSON text (A1111) or an object; its "infotexts" match the images in order.
    QJsonObject info;
    const QJsonValue infoValue = o.value(QStringLiteral("info"));
    if (infoValue.isString()) info = QJsonDocument::fromJson(infoValue.toString().toUtf8()).object();
    else if (infoValue.isObject()) info = infoValue.toObject();
    const QJsonArray infotexts = info.value(QStringLiteral("infotexts")).toArray();
    const QJsonArray list = images.toArray();
    for (int i = 0; i < list.size(); ++i) {
        if (!list[i].isString()) {
            *error = QCoreApplication::translate("Backends", "Image %1 of the server's answer is not base64 text.").arg(i + 1);
            return {};
        }
        RemoteImageData img;
        img.data = list[i].toString().toLatin1();
        img.base64 = true;
        img.infotext = infotexts.at(i).toString();
        out.images << img;
    }
    if (info.contains(QStringLiteral("all_seeds"))) out.info.insert(QStringLiteral("seeds"), info.value(QStringLiteral("all_seeds")));
    return out;
}

void A1111Client::poll() {
    if (!active() || pollInFlight_) return;
    pollInFlight_ = true;
    RemoteCall call;
    call.url = endpoint(QStringLiteral("/sdapi/v1/progress?skip_current_image=false"));
    call.timeoutMs = 10000;
    call.maxResponseBytes = 32LL << 20;
    const quint64 job = epoch();
    sendOnce(call, [this, job](const RemoteReply& reply) {
        if (job != epoch()) return;
        pollInFlight_ = false;
        if (!reply.ok() || !active()) return; // polls are best effort; the job's own request decides
        parseJson(reply.body, [this](const QJsonDocument& doc, const QString& error) {
            if (error.isEmpty()) onProgress(doc);
        });
    });
}

void A1111Client::onProgress(const QJsonDocument& doc) {
    const QJsonObject o = doc.object();
    const QJsonObject state = o.value(QStringLiteral("state")).toObject();
    const int step = state.value(QStringLiteral("sampling_step")).toInt();
    const int total = state.value(QStringLiteral("sampling_steps")).toInt();
    const double eta = o.value(QStringLiteral("eta_relative")).toDouble();
    if (total > 0) Q_EMIT progress(std::clamp(step, 0, total), total, eta);
    const QJsonValue image = o.value(QStringLiteral("current_image"));
    if (image.isString() && !image.toString().isEmpty()) {
        const QByteArray b64 = image.toString().toLatin1();
        if (b64 != lastPreview_) {
            lastPreview_ = b64;
            Q_EMIT previewData(b64);
        }
    }
}

void A1111Client::cancel() {
    if (!active()) {
        Q_EMIT cancelled();
        return;
    }
    cancelling_ = true;
    pollTimer_->stop();
    // Interrupt the server's current job, then report; the job's own request is dropped.
    const quint64 job = epoch();
    stop();
    RemoteCall call;
    call.method = "POST";
    call.url = endpoint(QStringLiteral("/sdapi/v1/interrupt"));
    call.timeoutMs = 10000;
    Q_UNUSED(job);
    QPointer<A1111Client> self(this);
    sendOnce(call, [self](const RemoteReply&) {
        if (self) Q_EMIT self->cancelled();
    });
}

bool A1111Client::stopEarly(bool skip) {
    if (!active() || cancelling_) return true;
    // The job's own request stays open: the server answers it with the images so far.
    RemoteCall call;
    call.method = "POST";
    call.url = endpoint(skip ? QStringLiteral("/sdapi/v1/skip") : QStringLiteral("/sdapi/v1/interrupt"));
    call.timeoutMs = 10000;
    sendOnce(call, [](const RemoteReply&) {});
    return true;
}

void A1111Client::check(std::function<void(const BackendCheck&)> done) {
    auto result = std::make_shared<BackendCheck>();
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    RemoteCall models;
    models.url = endpoint(QStringLiteral("/sdapi/v1/sd-models"));
    models.timeoutMs = 15000;
    QPointer<A1111Client> self(this);
    sendOnce(models, [self, result, timer, done](const RemoteReply& reply) {
        if (!self) return;
        result->latencyMs = int(timer->elapsed());
        if (reply.failure == RemoteFailure::Unreachable || reply.failure == RemoteFailure::Tls ||
            reply.failure == RemoteFailure::Timeout || reply.failure == RemoteFailure::Dropped) {
            result->reachability = reply.error;
            done(*result);
            return;
        }
        result->reachable = true;
        result->reachability = QCoreApplication::translate("Backends", "reachable (%1 ms)").arg(result->latencyMs);
        if (reply.failure == RemoteFailure::Auth) {
            result->auth = self->secret_.isEmpty() ? BackendCheck::Auth::Missing : BackendCheck::Auth::Refused;
            done(*result);
            return;
        }
        result->auth = self->secret_.isEmpty() ? BackendCheck::Auth::NotNeeded : BackendCheck::Auth::Accepted;
        if (!reply.ok()) {
            result->reachability = reply.error;
            result->reachable = reply.failure != RemoteFailure::ClientError || reply.status != 404;
            if (reply.status == 404)
                result->reachability = QCoreApplication::translate(
                    "Backends", "The server answers but has no /sdapi/v1 API (start A1111 with --api).");
            done(*result);
            return;
        }
        for (const QJsonValue& m : QJsonDocument::fromJson(reply.body).array()) {
            const QJsonObject mo = m.toObject();
            const QString title = mo.value(QStringLiteral("title")).toString();
            result->models << (title.isEmpty() ? mo.value(QStringLiteral("model_name")).toString() : title);
        }
        RemoteCall samplers;
        samplers.url = self->endpoint(QStringLiteral("/sdapi/v1/samplers"));
        samplers.timeoutMs = 15000;
        self->sendOnce(samplers, [self, result, done](const RemoteReply& reply) {
            if (!self) return;
            for (const QJsonValue& s : QJsonDocument::fromJson(reply.body).array())
                result->samplers << s.toObject().value(QStringLiteral("name")).toString();
            RemoteCall options;
            options.url = self->endpoint(QStringLiteral("/sdapi/v1/options"));
            options.timeoutMs = 15000;
            self->sendOnce(options, [self, result, done](const RemoteReply& reply) {
                if (!self) return;
                result->currentModel =
                    QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("sd_model_checkpoint")).toString();
                RemoteCall sysinfo;
                sysinfo.url = self->endpoint(QStringLiteral("/internal/sysinfo"));
                sysinfo.timeoutMs = 15000;
                self->sendOnce(sysinfo, [self, result, done](const RemoteReply& reply) {
                    if (!self) return;
                    const QJsonObject info = QJsonDocument::fromJson(reply.body).object();
                    QString version = info.value(QStringLiteral("Version")).toString();
                    if (version.isEmpty()) version = info.value(QStringLiteral("version")).toString();
                    if (version.isEmpty()) version = QString::fromUtf8(reply.header("server"));
                    result->version = version;
                    done(*result);
                });
            });
        });
    });
}

void A1111Client::ping(std::function<void(const BackendCheck&)> done) {
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    RemoteCall call;
    call.url = endpoint(QStringLiteral("/sdapi/v1/progress?skip_current_image=true"));
    call.timeoutMs = 10000;
    QPointer<A1111Client> self(this);
    sendOnce(call, [self, timer, done](const RemoteReply& reply) {
        if (!self) return;
        BackendCheck r;
        r.latencyMs = int(timer->elapsed());
        r.reachable = reply.ok() || reply.failure == RemoteFailure::Auth || reply.failure == RemoteFailure::ClientError ||
                      reply.failure == RemoteFailure::ServerError || reply.failure == RemoteFailure::RateLimited;
        r.reachability = reply.ok() ? QCoreApplication::translate("Backends", "reachable (%1 ms)").arg(r.latencyMs)
                                    : reply.error;
        if (reply.failure == RemoteFailure::Auth)
            r.auth = self->secret_.isEmpty() ? BackendCheck::Auth::Missing : BackendCheck::Auth::Refused;
        else
            r.auth = self->secret_.isEmpty() ? BackendCheck::Auth::NotNeeded : BackendCheck::Auth::Accepted;
        done(r);
    });
}

} // namespace latent
