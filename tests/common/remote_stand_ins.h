// Local stand-ins that speak the wire formats of the remote backends, on real sockets (see
// http_stand_in.h): an A1111 server (/sdapi/v1/txt2img|img2img with a generation that takes
// time, /progress with live previews, /interrupt, Basic auth, one job at a time), a RunPod
// serverless endpoint (/run, /status/ID with cold start, /cancel/ID, /health, Bearer auth, output
// as base64, objects or URLs) and an OpenAI-style images API (/v1/images/generations, /v1/models).
// Failures are injected per test: status codes with Retry-After, malformed bodies, restarts.
#pragma once

#include "app/metadata/generation_params.h"
#include "app/storage/image_writer.h"
#include "common/http_stand_in.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

#include <deque>

namespace latent::test {

// A real PNG of seeded noise, with an A1111 `parameters` chunk when `infotext` is not empty.
inline QByteArray testPng(int w, int h, quint32 seed, const QString& infotext = {}) {
    ImagePixels px;
    px.width = w;
    px.height = h;
    px.channels = 3;
    px.data.resize(w * h * 3);
    QRandomGenerator rng(seed);
    for (int i = 0; i < px.data.size(); ++i) px.data[i] = char(rng.bounded(256));
    return ImageWriter::encodePng(px, infotext);
}

// A status answer to inject: HTTP status, optional Retry-After, optional raw body.
struct Injected {
    int status = 500;
    QByteArray retryAfter;
    QByteArray body = "{\"error\":\"injected\"}";
};

inline StandInReply injectedReply(const Injected& i) {
    StandInReply r = StandInReply::raw(i.status, i.body);
    if (!i.retryAfter.isEmpty()) r.header("Retry-After", i.retryAfter);
    return r;
}

inline bool basicAuthOk(const StandInRequest& r, const QString& user, const QString& pass) {
    if (user.isEmpty()) return true;
    return r.header("authorization") == "Basic " + (user + QLatin1Char(':') + pass).toUtf8().toBase64();
}

// ---------------------------------------------------------------------------------------------

class A1111StandIn {
public:
    int steps = 4;           // reported sampling steps per job
    int stepMs = 250;        // time per step
    QString user, pass;      // Basic auth when user is set
    bool dropNextJob = false; // the next generation's connection is dropped and the server restarts
    int restartDownMs = 300;
    std::deque<Injected> inject; // answers for the next generation requests, in order
    QByteArray answerOverride;   // a raw body for the next generation (malformed answers)

    explicit A1111StandIn(const QHostAddress& address = QHostAddress::LocalHost) : http(address) {
        for (const char* kind : {"/sdapi/v1/txt2img", "/sdapi/v1/img2img"})
            http.route(kind, [this](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) { generate(r, ex); });
        http.route("/sdapi/v1/progress", [this](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
            if (!basicAuthOk(r, user, pass)) return ex->reply(unauthorized());
            QJsonObject o{{QStringLiteral("progress"), running ? double(step) / steps : 0.0},
                          {QStringLiteral("eta_relative"), running ? (steps - step) * stepMs / 1000.0 : 0.0},
                          {QStringLiteral("state"),
                           QJsonObject{{QStringLiteral("sampling_step"), running ? step : 0},
                                       {QStringLiteral("sampling_steps"), running ? steps : 0},
                                       {QStringLiteral("interrupted"), interrupted}}},
                          {QStringLiteral("textinfo"), QJsonValue()}};
            if (running && step > 0 && !r.target.contains("skip_current_image=true"))
                o.insert(QStringLiteral("current_image"), QString::fromLatin1(testPng(16, 16, 1000 + step).toBase64()));
            else
                o.insert(QStringLiteral("current_image"), QJsonValue());
            ex->reply(StandInReply::json(200, o));
        });
        http.route("/sdapi/v1/interrupt", [this](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
            if (!basicAuthOk(r, user, pass)) return ex->reply(unauthorized());
            if (running) interrupted = true;
            ex->reply(StandInReply::json(200, QJsonObject{}));
        });
        http.answer("/sdapi/v1/sd-models", [this](const StandInRequest& r) {
            if (!basicAuthOk(r, user, pass)) return unauthorized();
            StandInReply rep = StandInReply::raw(
                200, "[{\"title\":\"tiny.safetensors [0123456789]\",\"model_name\":\"tiny\",\"hash\":\"0123456789\"},"
                     "{\"title\":\"other.safetensors [abcdefabcd]\",\"model_name\":\"other\",\"hash\":\"abcdefabcd\"}]");
            return rep;
        });
        http.answer("/sdapi/v1/samplers", [this](const StandInRequest& r) {
            if (!basicAuthOk(r, user, pass)) return unauthorized();
            return StandInReply::raw(200, "[{\"name\":\"Euler\",\"aliases\":[\"k_euler\"]},{\"name\":\"DPM++ 2M\",\"aliases\":[]}]");
        });
        http.answer("/sdapi/v1/options", [this](const StandInRequest& r) {
            if (!basicAuthOk(r, user, pass)) return unauthorized();
            return StandInReply::json(200, QJsonObject{{QStringLiteral("sd_model_checkpoint"),
                                                        QStringLiteral("tiny.safetensors [0123456789]")}});
        });
        http.answer("/internal/sysinfo", [](const StandInRequest&) {
            return StandInReply::json(200, QJsonObject{{QStringLiteral("Version"), QStringLiteral("v1.10.1")}});
        });
    }

    HttpStandIn http;
    bool running = false;
    bool interrupted = false;
    int step = 0;
    int jobsDone = 0;
    QList<QJsonObject> bodies; // generation bodies received

    static StandInReply unauthorized() {
        StandInReply r = StandInReply::json(401, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Incorrect username or password")}});
        r.header("WWW-Authenticate", "Basic");
        return r;
    }

    // The infotext this stand-in writes for image `i` of `body`.
    static QString infotextFor(const QJsonObject& body, int i) {
        GenerationParams p;
        p.prompt = body.value(QStringLiteral("prompt")).toString();
        p.negativePrompt = body.value(QStringLiteral("negative_prompt")).toString();
        p.steps = body.value(QStringLiteral("steps")).toInt(20);
        p.sampler = body.value(QStringLiteral("sampler_name")).toString(QStringLiteral("Euler"));
        p.cfgScale = body.value(QStringLiteral("cfg_scale")).toDouble(7);
        const qint64 seed = body.value(QStringLiteral("seed")).toInteger(-1);
        p.seed = (seed < 0 ? 777 : seed) + i;
        p.width = body.value(QStringLiteral("width")).toInt(512);
        p.height = body.value(QStringLiteral("height")).toInt(512);
        p.modelName = body.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_model_checkpoint")).toString();
        p.version = QStringLiteral("v1.10.1");
        return p.toInfotext();
    }

private:
    void generate(const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
        if (!basicAuthOk(r, user, pass)) return ex->reply(unauthorized());
        if (!inject.empty()) {
            const Injected i = inject.front();
            inject.pop_front();
            return ex->reply(injectedReply(i));
        }
        const QJsonObject body = r.json();
        bodies << body;
        if (dropNextJob) {
            // Mid-job restart: the connection goes, the server is down for a moment.
            dropNextJob = false;
            running = true;
            step = 1;
            QTimer::singleShot(stepMs, &http_context_, [this, ex] {
                ex->drop();
                running = false;
                http.stop();
                QTimer::singleShot(restartDownMs, &http_context_, [this] { http.listen(); });
            });
            return;
        }
        running = true;
        interrupted = false;
        step = 0;
        auto timer = new QTimer(&http_context_);
        timer->setInterval(stepMs);
        QObject::connect(timer, &QTimer::timeout, &http_context_, [this, timer, ex, body] {
            if (!interrupted) ++step;
            if (step < steps && !interrupted) return;
            timer->deleteLater();
            running = false;
            ++jobsDone;
            if (!answerOverride.isEmpty()) {
                ex->reply(StandInReply::raw(200, std::exchange(answerOverride, {})));
                return;
            }
            const int n = std::max(1, body.value(QStringLiteral("batch_size")).toInt(1)) *
                          std::max(1, body.value(QStringLiteral("n_iter")).toInt(1));
            QJsonArray images, infotexts;
            for (int i = 0; i < n; ++i) {
                const QString text = infotextFor(body, i);
                infotexts.append(text);
                images.append(QString::fromLatin1(testPng(body.value(QStringLiteral("width")).toInt(64) / 4,
                                                          body.value(QStringLiteral("height")).toInt(64) / 4,
                                                          quint32(jobsDone * 10 + i), text)
                                                      .toBase64()));
            }
            const QJsonObject info{{QStringLiteral("infotexts"), infotexts},
                                   {QStringLiteral("all_seeds"), QJsonArray{}}};
            ex->reply(StandInReply::json(
                200, QJsonObject{{QStringLiteral("images"), images},
                                 {QStringLiteral("parameters"), body},
                                 {QStringLiteral("info"), QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact))}}));
        });
        timer->start();
    }
    QObject http_context_;
};

// ---------------------------------------------------------------------------------------------

class RunPodStandIn {
public:
    QString apiKey = QStringLiteral("rp_TESTKEY_0123456789");
    int coldPolls = 0;        // status polls answered IN_QUEUE before the job starts
    int runningPolls = 1;     // then IN_PROGRESS
    std::deque<Injected> runInject;    // answers for the next /run requests
    std::deque<Injected> statusInject; // answers for the next /status requests
    // What a finished job's "output" is: "base64", "objects", "a1111", "urls", "malformed",
    // "not-image", "failed".
    QString outputMode = QStringLiteral("base64");
    QString urlHost; // for outputMode "urls": origin of the image host
    bool restartAfterFirstStatus = false; // the gateway goes down once, mid-job
    int restartDownMs = 400;

    explicit RunPodStandIn(const QHostAddress& address = QHostAddress::LocalHost) : http(address) {
        http.route("/v2/ep/run", [this](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
            if (!authOk(r)) return ex->reply(StandInReply::json(401, QJsonObject{{QStringLiteral("error"), QStringLiteral("Unauthorized")}}));
            if (!runInject.empty()) {
                const Injected i = runInject.front();
                runInject.pop_front();
                return ex->reply(injectedReply(i));
            }
            const QString id = QStringLiteral("job-%1").arg(++counter);
            Job j;
            j.input = r.json().value(QStringLiteral("input")).toObject();
            jobs.insert(id, j);
            ex->reply(StandInReply::json(200, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("status"), QStringLiteral("IN_QUEUE")}}));
        });
        http.route("/v2/ep/status/*", [this](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
            if (!authOk(r)) return ex->reply(StandInReply::json(401, QJsonObject{{QStringLiteral("error"), QStringLiteral("Unauthorized")}}));
            if (!statusInject.empty()) {
                const Injected i = statusInject.front();
                statusInject.pop_front();
                return ex->reply(injectedReply(i));
            }
            const QString id = QString::fromUtf8(r.path().mid(QByteArray("/v2/ep/status/").size()));
            if (!jobs.contains(id)) return ex->reply(StandInReply::json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("job not found")}}));
            Job& j = jobs[id];
            ++j.polls;
            if (restartAfterFirstStatus) {
                restartAfterFirstStatus = false;
                ex->drop();
                QTimer::singleShot(0, &context_, [this] {
                    http.stop();
                    QTimer::singleShot(restartDownMs, &context_, [this] { http.listen(); });
                });
                return;
            }
            QJsonObject o{{QStringLiteral("id"), id}};
            if (j.cancelled) {
                o.insert(QStringLiteral("status"), QStringLiteral("CANCELLED"));
            } else if (j.polls <= coldPolls) {
                o.insert(QStringLiteral("status"), QStringLiteral("IN_QUEUE"));
            } else if (j.polls <= coldPolls + runningPolls) {
                o.insert(QStringLiteral("status"), QStringLiteral("IN_PROGRESS"));
            } else {
                if (outputMode == QLatin1String("malformed")) return ex->reply(StandInReply::raw(200, "{\"status\": \"COMPLETED\", \"output\": [ \"abc"));
                if (outputMode == QLatin1String("failed")) {
                    o.insert(QStringLiteral("status"), QStringLiteral("FAILED"));
                    o.insert(QStringLiteral("error"), QStringLiteral("CUDA out of memory on the worker"));
                    return ex->reply(StandInReply::json(200, o));
                }
                o.insert(QStringLiteral("status"), QStringLiteral("COMPLETED"));
                o.insert(QStringLiteral("delayTime"), 1234);
                o.insert(QStringLiteral("executionTime"), 567);
                o.insert(QStringLiteral("output"), output(j.input));
            }
            ex->reply(StandInReply::json(200, o));
        });
        http.route("/v2/ep/cancel/*", [this](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
            if (!authOk(r)) return ex->reply(StandInReply::json(401, QJsonObject{}));
            const QString id = QString::fromUtf8(r.path().mid(QByteArray("/v2/ep/cancel/").size()));
            if (jobs.contains(id)) jobs[id].cancelled = true;
            ex->reply(StandInReply::json(200, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("status"), QStringLiteral("CANCELLED")}}));
        });
        http.answer("/v2/ep/health", [this](const StandInRequest& r) {
            if (!authOk(r)) return StandInReply::json(401, QJsonObject{});
            return StandInReply::json(200, QJsonObject{{QStringLiteral("jobs"), QJsonObject{{QStringLiteral("inQueue"), 2}, {QStringLiteral("inProgress"), 1}}},
                                                        {QStringLiteral("workers"), QJsonObject{{QStringLiteral("idle"), 0}, {QStringLiteral("running"), 1}}}});
        });
    }

    HttpStandIn http;
    struct Job {
        QJsonObject input;
        int polls = 0;
        bool cancelled = false;
    };
    QHash<QString, Job> jobs;
    int counter = 0;
    QUrl endpoint() const { return http.url(QStringLiteral("/v2/ep")); }

    bool authOk(const StandInRequest& r) const { return r.header("authorization") == "Bearer " + apiKey.toUtf8(); }

    QJsonValue output(const QJsonObject& input) const {
        const int n = std::max(1, input.value(QStringLiteral("num_images")).toInt(1));
        const int w = input.value(QStringLiteral("width")).toInt(64) / 4, h = input.value(QStringLiteral("height")).toInt(64) / 4;
        QJsonArray list;
        for (int i = 0; i < n; ++i) {
            const QByteArray png = outputMode == QLatin1String("not-image") ? QByteArray("this is not an image at all")
                                                                            : testPng(w, h, quint32(500 + i));
            const QString b64 = QString::fromLatin1(png.toBase64());
            if (outputMode == QLatin1String("objects"))
                list.append(QJsonObject{{QStringLiteral("image"), QStringLiteral("data:image/png;base64,") + b64}, {QStringLiteral("seed"), 42 + i}});
            else if (outputMode == QLatin1String("urls"))
                list.append(urlHost + QStringLiteral("/img/%1.png").arg(i));
            else
                list.append(b64);
        }
        if (outputMode == QLatin1String("a1111")) {
            QJsonArray infotexts;
            for (int i = 0; i < n; ++i) infotexts.append(QStringLiteral("worker prompt %1\nSteps: 5, Sampler: Euler, Seed: %2, Size: 16x16").arg(i).arg(900 + i));
            return QJsonObject{{QStringLiteral("images"), list},
                               {QStringLiteral("info"), QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("infotexts"), infotexts}}).toJson())}};
        }
        return list;
    }

private:
    QObject context_;
};

// ---------------------------------------------------------------------------------------------

class OpenAiStandIn {
public:
    QString apiKey = QStringLiteral("sk-TESTKEY-abcdefghijklmnop");
    QString resultMode = QStringLiteral("b64"); // "b64", "url", "malformed", "empty"
    QString urlHost;
    std::deque<Injected> inject;

    explicit OpenAiStandIn(const QHostAddress& address = QHostAddress::LocalHost) : http(address) {
        http.route("/v1/images/generations", [this](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
            if (r.header("authorization") != "Bearer " + apiKey.toUtf8())
                return ex->reply(StandInReply::json(401, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), QStringLiteral("Incorrect API key provided")}}}}));
            if (!inject.empty()) {
                const Injected i = inject.front();
                inject.pop_front();
                return ex->reply(injectedReply(i));
            }
            bodies << r.json();
            if (resultMode == QLatin1String("malformed")) return ex->reply(StandInReply::raw(200, "<html>502 Bad Gateway</html>", "text/html"));
            if (resultMode == QLatin1String("empty")) return ex->reply(StandInReply::json(200, QJsonObject{{QStringLiteral("data"), QJsonArray{}}}));
            const int n = r.json().value(QStringLiteral("n")).toInt(1);
            QJsonArray data;
            for (int i = 0; i < n; ++i) {
                if (resultMode == QLatin1String("url"))
                    data.append(QJsonObject{{QStringLiteral("url"), urlHost + QStringLiteral("/img/%1.png?sig=abc").arg(i)}});
                else
                    data.append(QJsonObject{{QStringLiteral("b64_json"), QString::fromLatin1(testPng(24, 16, quint32(300 + i)).toBase64())},
                                            {QStringLiteral("revised_prompt"), QStringLiteral("a revised prompt")}});
            }
            ex->reply(StandInReply::json(200, QJsonObject{{QStringLiteral("created"), 1700000000},
                                                          {QStringLiteral("data"), data},
                                                          {QStringLiteral("usage"), QJsonObject{{QStringLiteral("latency_ms"), 4321}, {QStringLiteral("total_tokens"), 10}}},
                                                          {QStringLiteral("cost"), 0.04}}));
        });
        http.answer("/v1/models", [this](const StandInRequest& r) {
            if (r.header("authorization") != "Bearer " + apiKey.toUtf8()) return StandInReply::json(401, QJsonObject{});
            StandInReply rep = StandInReply::json(200, QJsonObject{{QStringLiteral("data"), QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("dall-e-3")}},
                                                                                                QJsonObject{{QStringLiteral("id"), QStringLiteral("flux-schnell")}}}}});
            rep.header("openai-version", "2020-10-01");
            return rep;
        });
    }
    HttpStandIn http;
    QList<QJsonObject> bodies;
};

// An image host on another address (127.0.0.2): serves PNGs at /img/N.png, records headers.
class ImageHost {
public:
    ImageHost() : http(QHostAddress(QStringLiteral("127.0.0.2"))) {
        http.route("/img/*", [](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) {
            const int n = QString::fromUtf8(r.path().mid(5)).section(QLatin1Char('.'), 0, 0).toInt();
            ex->reply(StandInReply::raw(200, testPng(20, 12, quint32(700 + n)), "image/png"));
        });
    }
    HttpStandIn http;
};

} // namespace latent::test
