// The studio as an HTTP server (issue 15): AUTOMATIC1111's /sdapi/v1, OpenAI-style images
// (/v1/images/...) and RunPod-style async jobs (/run, /status/ID, ...), all over the studio's own
// persisted job queue, inference worker and model library — the same objects the studio's window
// uses, so jobs from the API show in its queue and run one at a time with everyone else's.
//
// Layers: HttpFront (app/api/http_front.h: sockets, TLS, limits, timeouts, the auth / Host /
// Origin gate, disconnect detection) -> QtHttpServer (routing; every route of routes() is
// registered with QHttpServer::route) -> the handlers in api_a1111.cpp, api_openai.cpp and
// api_runpod.cpp -> JobQueue. /openapi.json and /docs are generated from routes().
//
// Security defaults: 127.0.0.1 unless `address` says otherwise; a non-loopback address needs
// credentials (or insecureNoAuth); Basic auth (and Bearer keys) on every route including /docs,
// compared in constant time, never logged; requests naming another Host than the loopback names
// are refused on a loopback server (DNS rebinding); cross-site browser requests (foreign Origin,
// Sec-Fetch-Site: cross-site, non-JSON POST bodies) are refused unless the origin is allowed;
// names from requests are only looked up in the library (never joined to paths).
#pragma once

#include "app/api/http_front.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;
class QTimer;

namespace latent {

class ApiJobs;
class ApiOptions;
class InferenceController;
class JobQueue;
class ModelLibrary;
struct ModelSpec;

struct ApiServerConfig {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 7860; // 0 = any free port
    // Basic auth: user -> password. Empty = no Basic auth.
    QList<QPair<QString, QString>> credentials;
    // Bearer keys (OpenAI style); each also works as a Basic password for any user name.
    QStringList apiKeys;
    bool insecureNoAuth = false; // allow a non-loopback address without credentials
    QString tlsCertFile, tlsKeyFile;
    QStringList corsOrigins;     // allowed browser origins ("*" = any)
    HttpFrontOptions http;
    // Where the API keeps its options (api-options.json) and temporary results.
    QString dataDir;
    // Init images and masks of queued API jobs (the session's inputs folder, so the queue keeps
    // them while a job references them); empty = <dataDir>/inputs.
    QString inputsDir;
    // The gallery's output folder. API images go there when `imagesToGallery` (the studio) or
    // when a request asks to save them (save_images); otherwise to <dataDir>/api-results, deleted
    // after delivery (synchronous calls) or after resultRetentionHours (async jobs).
    QString outputDir;
    bool imagesToGallery = false;
    int resultRetentionHours = 24;
    int fileUrlLifetimeSeconds = 3600; // /v1/files/ID
    // Used when the library has no checkpoint (the built-in demo model), may be empty.
    QString fallbackModelPath;
    // Shown by /sdapi/v1/cmd-flags.
    QJsonObject commandLineFlags;
    // Requests per second a client address may make (token bucket with `requestBurst` tokens);
    // beyond, 429 with Retry-After. /sdapi/v1/progress and /interrupt are never throttled.
    double requestsPerSecond = 200;
    int requestBurst = 400;
};

// A request as the handlers see it (copied out of QHttpServerRequest, which dies with its socket).
struct ApiRequest {
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QStringList args;                      // path captures ("/status/<id>")
    quint64 connection = 0;                // the client connection (for cancel-on-disconnect)
    QString user;                          // the authenticated user ("" without auth)
    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
};

struct ApiResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    HttpHeaders headers;
    static ApiResponse json(const QJsonValue& value, int status = 200);
    static ApiResponse raw(const QByteArray& body, const QByteArray& contentType, int status = 200);
};

// The answer to one request, possibly later (a synchronous generation waits for its job).
// send() is safe when the client is gone (it then does nothing).
class ApiReply {
public:
    ApiReply(QHttpServerResponder&& responder);
    ~ApiReply();
    void send(const ApiResponse& response);
    bool sent() const { return sent_; }
    bool alive() const;

private:
    std::unique_ptr<QHttpServerResponder> responder_;
    QPointer<QTcpSocket> socket_;
    bool sent_ = false;
};
using ApiReplyPtr = std::shared_ptr<ApiReply>;

class ApiServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const ApiRequest&, const ApiReplyPtr&)>;
    struct Route {
        QByteArray method;      // "GET", "POST"
        QString path;           // "/sdapi/v1/txt2img", "/status/{id}"
        QString tag;            // OpenAPI tag: "AUTOMATIC1111", "OpenAI", "Jobs", "Server"
        QString summary;
        const ModelSpec* body = nullptr; // request body model (OpenAPI)
        Handler handler;
    };

    // `queue`, `controller` and `library` must outlive the server (the studio's session and
    // library, or the ones `latentstudio-cli serve` builds).
    ApiServer(ApiServerConfig config, JobQueue* queue, InferenceController* controller, ModelLibrary* library,
              QObject* parent = nullptr);
    ~ApiServer() override;

    // Binds and starts serving. False with *error (bind failure, refused configuration).
    bool start(QString* error);
    // Stops accepting requests and drops connections (jobs stay in the queue: a request in
    // flight does not cancel its job when the server, not the client, ends it).
    void stop();
    // Stops accepting new connections; requests already made are still answered.
    void stopAccepting();
    bool isRunning() const;
    quint16 port() const;
    QString url() const; // "http://127.0.0.1:7860"
    int openConnections() const; // client connections now open
    const ApiServerConfig& config() const { return config_; }

    const QList<Route>& routes() const { return routes_; }
    QJsonObject openApi() const;

    ApiJobs* jobs() const { return jobs_.get(); }
    ApiOptions* options() const { return options_.get(); }
    JobQueue* queue() const { return queue_; }
    InferenceController* controller() const { return controller_; }
    ModelLibrary* library() const { return library_; }

    // Whether the configuration is refused as insecure (non-loopback address without auth).
    static QString insecureConfigurationError(const ApiServerConfig& config);
    // Parses "user:pass,user2:pass2" / an auth file (one user:pass per line, '#' comments).
    static bool parseCredentials(const QString& text, QList<QPair<QString, QString>>* out, QString* error);

    // Error bodies in the shapes clients expect.
    static QByteArray a1111ErrorBody(const QString& detail, const QString& errorName = QStringLiteral("HTTPException"));
    static QJsonObject openAiErrorJson(const QString& message, const QString& type, const QString& code = {});

Q_SIGNALS:
    void started(const QString& url);
    void stopped();
    // A request was refused by the gate (status, path); no credentials are ever included.
    void requestRefused(int status, const QString& path);

private:
    void addRoute(const char* method, const QString& path, const QString& tag, const QString& summary, Handler handler,
                  const ModelSpec* body = nullptr);
    void registerRoutes();
    void registerA1111Routes();
    void registerExtrasRoutes(); // api_extras.cpp: /extra-single-image, /extra-batch-images, /upscalers
    void registerOpenAiRoutes();
    void registerRunPodRoutes();
    void registerServerRoutes();
    void dispatch(const Route& route, const QStringList& args, const QHttpServerRequest& request,
                  QHttpServerResponder&& responder);
    void missing(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    HttpGateResult gate(const HttpRequestHead& head, const QHostAddress& peer, quint64 connection);
    QByteArray frontErrorBody(int status, const QString& message, const QByteArray& path) const;
    // Credentials check (constant time); sets *user on success.
    bool authorized(const QByteArray& authorization, QString* user) const;
    bool authRequired() const { return !config_.credentials.isEmpty() || !config_.apiKeys.isEmpty(); }
    QString inputsDir() const;
    // "http://host:port" as the client addressed this server (for URLs in responses).
    QString publicBaseUrl(const ApiRequest& request) const;

    ApiServerConfig config_;
    JobQueue* queue_;
    InferenceController* controller_;
    ModelLibrary* library_;
    std::unique_ptr<QHttpServer> http_;
    std::unique_ptr<HttpFront> front_;
    std::unique_ptr<ApiJobs> jobs_;
    std::unique_ptr<ApiOptions> options_;
    QList<Route> routes_;
    bool running_ = false;
    // Failed-auth backoff per client address: failures in the current window.
    struct AuthFailures {
        int count = 0;
        QDateTime windowStart;
    };
    QHash<QHostAddress, AuthFailures> authFailures_;
    struct RateBucket {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    QHash<QHostAddress, RateBucket> rates_;
    QElapsedTimer clock_;
};

} // namespace latent
