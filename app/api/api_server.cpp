#include "app/api/api_server.h"

#include "app/api/api_internal.h"
#include "app/api/api_jobs.h"
#include "app/api/api_options.h"
#include "app/api/api_schema.h"
#include "app/core/app_info.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrl>

#include <cmath>

namespace latent {

namespace {


bool isLoopback(const QHostAddress& a) { return a.isLoopback(); }

// "host", "host:port", "[::1]:port" -> host (lower case, without brackets).
QString hostOnly(const QByteArray& hostHeader) {
    QString h = QString::fromLatin1(hostHeader).trimmed().toLower();
    if (h.startsWith(QLatin1Char('['))) {
        const int end = h.indexOf(QLatin1Char(']'));
        return end > 0 ? h.mid(1, end - 1) : QString();
    }
    const int colon = h.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0 && h.indexOf(QLatin1Char(':')) == colon) h = h.left(colon);
    return h;
}

// Constant-time equality of two byte strings of equal length.
bool sameBytes(const QByteArray& a, const QByteArray& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QByteArray digest(const QString& s) { return QCryptographicHash::hash(s.toUtf8(), QCryptographicHash::Sha256); }

// "/status/{id}" -> QtHttpServer's "/status/<arg>".
QString qtPattern(const QString& path) {
    QString p = path;
    static const QRegularExpression re(QStringLiteral("\\{[^}]+\\}"));
    p.replace(re, QStringLiteral("<arg>"));
    return p;
}

bool patternMatches(const QString& pattern, const QString& path) {
    const QStringList a = pattern.split(QLatin1Char('/'));
    const QStringList b = path.split(QLatin1Char('/'));
    if (a.size() != b.size()) return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].startsWith(QLatin1Char('{'))) {
            if (b[i].isEmpty()) return false;
        } else if (a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

bool isJsonContentType(const QByteArray& ct) {
    const QByteArray type = ct.split(';').first().trimmed().toLower();
    return type == "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

QString htmlEscape(const QString& s) { return s.toHtmlEscaped(); }

} // namespace

// ---------------------------------------------------------------------------------------------

ApiResponse ApiResponse::json(const QJsonValue& value, int status) {
    ApiResponse r;
    r.status = status;
    if (value.isObject()) r.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray()) r.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else if (value.isNull() || value.isUndefined()) r.body = "null";
    else r.body = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    return r;
}

ApiResponse ApiResponse::raw(const QByteArray& body, const QByteArray& contentType, int status) {
    ApiResponse r;
    r.status = status;
    r.body = body;
    r.contentType = contentType;
    return r;
}

ApiReply::ApiReply(QHttpServerResponder&& responder)
    : responder_(std::make_unique<QHttpServerResponder>(std::move(responder))) {
    socket_ = responder_->socket();
}

ApiReply::~ApiReply() = default;

bool ApiReply::alive() const { return !sent_ && socket_ && socket_->isOpen(); }

void ApiReply::send(const ApiResponse& response) {
    if (sent_) return;
    sent_ = true;
    // The router's socket is gone when the client went away: then there is nobody to answer.
    if (!socket_ || !socket_->isOpen()) return;
    // QtHttpServer 6.4 knows a fixed list of status codes (std::map::at on others): it always
    // writes 200 here and the front layer answers with X-Latent-Status.
    responder_->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder_->writeHeader("X-Latent-Status", QByteArray::number(response.status));
    if (!response.contentType.isEmpty()) responder_->writeHeader("Content-Type", response.contentType);
    for (const auto& [name, value] : response.headers) responder_->writeHeader(name, value);
    responder_->writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder_->writeBody(response.body);
    responder_.reset();
}

// ---------------------------------------------------------------------------------------------

ApiServer::ApiServer(ApiServerConfig config, JobQueue* queue, InferenceController* controller, ModelLibrary* library,
                     QObject* parent)
    : QObject(parent), config_(std::move(config)), queue_(queue), controller_(controller), library_(library) {}

ApiServer::~ApiServer() { stop(); }

QString ApiServer::insecureConfigurationError(const ApiServerConfig& c) {
    const bool loopback = isLoopback(c.address);
    if (!loopback && c.credentials.isEmpty() && c.apiKeys.isEmpty() && !c.insecureNoAuth)
        return QCoreApplication::translate("latent::ApiServer", "Refusing to serve on %1 without authentication: anyone on the network could use this computer. "
                  "Give --api-auth user:password (or --api-auth-file), or --insecure-no-auth if you really mean it.")
            .arg(c.address.toString());
    return {};
}

bool ApiServer::parseCredentials(const QString& text, QList<QPair<QString, QString>>* out, QString* error) {
    // A1111: "user:pass,user2:pass2"; an auth file has the same entries, also one per line.
    QString normalized = text;
    normalized.replace(QLatin1Char('\n'), QLatin1Char(','));
    normalized.replace(QLatin1Char('\r'), QLatin1Char(','));
    for (const QString& raw : normalized.split(QLatin1Char(','))) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty() || entry.startsWith(QLatin1Char('#'))) continue;
        const int colon = entry.indexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == entry.size() - 1) {
            // Never echo the entry: it may hold a password.
            *error = QCoreApplication::translate("latent::ApiServer", "Credentials must be given as user:password (an entry has no user or no password).");
            return false;
        }
        out->append({entry.left(colon), entry.mid(colon + 1)});
    }
    return true;
}

QByteArray ApiServer::a1111ErrorBody(const QString& detail, const QString& errorName) {
    // A1111's api_middleware handle_exception: HTTPExceptions raised with keyword arguments
    // have an empty str(e).
    const QJsonObject o{{QStringLiteral("error"), errorName},
                        {QStringLiteral("detail"), detail},
                        {QStringLiteral("body"), QString()},
                        {QStringLiteral("errors"), errorName == QLatin1String("HTTPException") ? QString() : detail}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject ApiServer::openAiErrorJson(const QString& message, const QString& type, const QString& code) {
    return QJsonObject{{QStringLiteral("error"),
                        QJsonObject{{QStringLiteral("message"), message},
                                    {QStringLiteral("type"), type},
                                    {QStringLiteral("param"), QJsonValue::Null},
                                    {QStringLiteral("code"), code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code)}}}};
}

QByteArray ApiServer::frontErrorBody(int status, const QString& message, const QByteArray& path) const {
    if (path.startsWith("/v1/")) {
        const QString type = status == 401   ? QStringLiteral("authentication_error")
                             : status >= 500 ? QStringLiteral("server_error")
                                             : QStringLiteral("invalid_request_error");
        return QJsonDocument(openAiErrorJson(message, type, QString::number(status))).toJson(QJsonDocument::Compact);
    }
    if (path == "/run" || path == "/runsync" || path.startsWith("/status/") || path.startsWith("/cancel/") ||
        path == "/health")
        return QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact);
    return a1111ErrorBody(message);
}

bool ApiServer::authorized(const QByteArray& authorization, QString* user) const {
    const QByteArray value = authorization.trimmed();
    QString givenUser, givenSecret;
    bool bearer = false;
    if (value.size() > 6 && value.first(6).toLower() == "basic ") {
        const auto decoded = QByteArray::fromBase64Encoding(value.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) return false;
        const QString pair = QString::fromUtf8(decoded.decoded);
        const int colon = pair.indexOf(QLatin1Char(':'));
        if (colon < 0) return false;
        givenUser = pair.left(colon);
        givenSecret = pair.mid(colon + 1);
    } else if (value.size() > 7 && value.first(7).toLower() == "bearer ") {
        bearer = true;
        givenSecret = QString::fromUtf8(value.mid(7).trimmed());
    } else {
        return false;
    }
    // Compare digests against every entry without stopping early (constant time in the match).
    const QByteArray u = digest(givenUser), s = digest(givenSecret);
    bool ok = false;
    QString matchedUser;
    for (const auto& [cu, cp] : config_.credentials) {
        const bool userOk = sameBytes(u, digest(cu));
        const bool passOk = sameBytes(s, digest(cp));
        if (!bearer && userOk && passOk) {
            ok = true;
            matchedUser = cu;
        }
    }
    for (const QString& key : config_.apiKeys) {
        if (sameBytes(s, digest(key))) {
            ok = true;
            if (matchedUser.isEmpty()) matchedUser = bearer ? QStringLiteral("api-key") : givenUser;
        }
    }
    if (ok && user) *user = matchedUser;
    return ok;
}

HttpGateResult ApiServer::gate(const HttpRequestHead& head, const QHostAddress& peer, quint64) {
    HttpGateResult g;
    const QByteArray path = head.path;
    auto refuse = [&](int status, const QString& message, HttpHeaders headers = {}) {
        g.allow = false;
        g.status = status;
        g.body = frontErrorBody(status, message, path);
        g.headers = std::move(headers);
        Q_EMIT requestRefused(status, QString::fromUtf8(path));
        return g;
    };

    // DNS rebinding: a loopback server answers only to loopback host names.
    if (isLoopback(config_.address)) {
        const QString host = hostOnly(head.header("host"));
        if (!host.isEmpty() && host != QLatin1String("127.0.0.1") && host != QLatin1String("localhost") &&
            host != QLatin1String("::1"))
            return refuse(403, QCoreApplication::translate("latent::ApiServer", "Host \"%1\" is not allowed; this server only answers to localhost.").arg(host.left(100)));
    }

    // Browsers: foreign origins are refused unless allowed (CORS); same-origin pages (/docs) pass.
    const QByteArray origin = head.header("origin");
    bool originAllowed = false;
    bool foreign = false;
    if (!origin.isNull()) {
        const QString o = QString::fromLatin1(origin).trimmed();
        const QString self = QStringLiteral("://") + QString::fromLatin1(head.header("host")).trimmed().toLower();
        const bool sameOrigin = o.toLower().endsWith(self) &&
                                (o.startsWith(QLatin1String("http://")) || o.startsWith(QLatin1String("https://")));
        originAllowed = config_.corsOrigins.contains(QStringLiteral("*")) || config_.corsOrigins.contains(o);
        foreign = !sameOrigin && !originAllowed;
        if (originAllowed) {
            g.responseHeaders.emplaceBack("Access-Control-Allow-Origin", origin);
            g.responseHeaders.emplaceBack("Vary", "Origin");
        }
    }
    if (!foreign && head.header("sec-fetch-site").toLower() == "cross-site" && !originAllowed) foreign = true;
    if (foreign) return refuse(403, QCoreApplication::translate("latent::ApiServer", "Cross-site requests are not allowed (origin not in --cors-allow-origins)."));

    // CORS preflight.
    if (head.method == "OPTIONS") {
        if (!originAllowed) return refuse(403, QCoreApplication::translate("latent::ApiServer", "Cross-site requests are not allowed (origin not in --cors-allow-origins)."));
        g.allow = false;
        g.status = 204;
        g.body.clear();
        g.contentType.clear();
        g.headers = g.responseHeaders;
        g.headers.emplaceBack("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        g.headers.emplaceBack("Access-Control-Allow-Headers", "Authorization, Content-Type");
        g.headers.emplaceBack("Access-Control-Max-Age", "600");
        return g;
    }

    // Bodies: JSON (or none); multipart only for image uploads. A form or text/plain POST is what
    // a cross-site page can send without asking: refused.
    const bool hasBody = head.chunked || head.contentLength > 0;
    const QByteArray ct = head.header("content-type");
    if (hasBody && !ct.isNull() && !isJsonContentType(ct)) {
        const bool multipartOk = path == "/v1/images/edits" && ct.trimmed().toLower().startsWith("multipart/form-data");
        if (!multipartOk) return refuse(415, QCoreApplication::translate("latent::ApiServer", "The request body must be JSON (Content-Type: application/json)."));
    }

    // Flooding: a token bucket per client address (progress polls and interrupts always pass).
    const bool exempt = (head.method == "GET" && path == "/sdapi/v1/progress") || path == "/sdapi/v1/interrupt";
    if (!exempt && config_.requestsPerSecond > 0) {
        if (!clock_.isValid()) clock_.start();
        const qint64 now = clock_.elapsed();
        auto it = rates_.find(peer);
        if (it == rates_.end()) {
            if (rates_.size() > 10000) rates_.clear(); // bounded: forget old clients
            it = rates_.insert(peer, RateBucket{double(config_.requestBurst), now});
        }
        it->tokens = std::min<double>(config_.requestBurst, it->tokens + (now - it->lastMs) * config_.requestsPerSecond / 1000.0);
        it->lastMs = now;
        if (it->tokens < 1.0)
            return refuse(429, QCoreApplication::translate("latent::ApiServer", "Too many requests; slow down."),
                          {{"Retry-After", QByteArray::number(std::max(1, int(std::ceil(1.0 / config_.requestsPerSecond))))}});
        it->tokens -= 1.0;
    }

    // Authentication, with a backoff for clients that keep failing.
    if (authRequired()) {
        AuthFailures& f = authFailures_[peer];
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!f.windowStart.isValid() || f.windowStart.secsTo(now) >= 60) {
            f.count = 0;
            f.windowStart = now;
        }
        if (f.count >= 10)
            return refuse(429, QCoreApplication::translate("latent::ApiServer", "Too many failed sign-ins; try again in a minute."),
                          {{"Retry-After", QByteArray::number(std::max<qint64>(1, 60 - f.windowStart.secsTo(now)))}});
        QString user;
        const QByteArray authorization = head.header("authorization");
        if (!authorized(authorization, &user)) {
            ++f.count;
            const bool openAi = path.startsWith("/v1/");
            const QString message = authorization.isNull() ? QCoreApplication::translate("latent::ApiServer", "Not authenticated") : QCoreApplication::translate("latent::ApiServer", "Incorrect username or password");
            return refuse(401, message, {{"WWW-Authenticate", openAi ? "Bearer" : "Basic"}});
        }
        authFailures_.remove(peer); // a successful sign-in ends the backoff for this address
        g.forwardHeaders.emplaceBack("X-Latent-User", user.toUtf8().toPercentEncoding());
    }
    return g;
}

// ---------------------------------------------------------------------------------------------

bool ApiServer::start(QString* error) {
    if (running_) return true;
    if (const QString refusal = insecureConfigurationError(config_); !refusal.isEmpty()) {
        *error = refusal;
        return false;
    }
    if (!queue_) {
        *error = QCoreApplication::translate("latent::ApiServer", "The server has no job queue.");
        return false;
    }
    api_models::setMaxBatchSize(queue_->limits().maxBatchSize);
    if (!config_.dataDir.isEmpty()) QDir().mkpath(config_.dataDir);
    ApiJobs::Options jo;
    jo.dataDir = config_.dataDir;
    jo.outputDir = config_.outputDir;
    jo.imagesToGallery = config_.imagesToGallery;
    jo.retentionHours = config_.resultRetentionHours;
    jobs_ = std::make_unique<ApiJobs>(jo, queue_, controller_);
    options_ = std::make_unique<ApiOptions>(
        config_.dataDir.isEmpty() ? QString() : QDir(config_.dataDir).filePath(QStringLiteral("api-options.json")));

    http_ = std::make_unique<QHttpServer>();
    routes_.clear();
    registerRoutes();
    http_->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        missing(request, std::move(responder));
    });

    front_ = std::make_unique<HttpFront>(config_.http);
    front_->setGate([this](const HttpRequestHead& head, const QHostAddress& peer, quint64 id) { return gate(head, peer, id); });
    front_->setErrorBody([this](int status, const QString& message, const QByteArray& path) {
        return frontErrorBody(status, message, path);
    });
    if (!config_.tlsCertFile.isEmpty() || !config_.tlsKeyFile.isEmpty()) {
        if (config_.tlsCertFile.isEmpty() || config_.tlsKeyFile.isEmpty()) {
            *error = QCoreApplication::translate("latent::ApiServer", "TLS needs both --tls-certfile and --tls-keyfile.");
            return false;
        }
        if (!front_->setTls(config_.tlsCertFile, config_.tlsKeyFile, error)) return false;
    }
    if (!front_->setInner(http_.get(), error)) return false;
    connect(front_.get(), &HttpFront::clientGone, jobs_.get(), &ApiJobs::clientGone);
    if (!front_->listen(config_.address, config_.port, error)) {
        front_.reset();
        http_.reset();
        return false;
    }
    jobs_->purge();
    running_ = true;
    qInfo("latent: API server listening on %s (auth %s)", qPrintable(url()), authRequired() ? "on" : "off");
    Q_EMIT started(url());
    return true;
}

void ApiServer::stopAccepting() {
    if (front_) front_->stopListening();
}

void ApiServer::stop() {
    if (!running_) return;
    running_ = false;
    front_.reset();   // connections first: pending replies then find their sockets closed
    http_.reset();
    Q_EMIT stopped();
}

bool ApiServer::isRunning() const { return running_; }

QString ApiServer::inputsDir() const {
    return config_.inputsDir.isEmpty() ? QDir(config_.dataDir).filePath(QStringLiteral("inputs")) : config_.inputsDir;
}

QString ApiServer::publicBaseUrl(const ApiRequest& request) const {
    const bool tls = front_ && front_->tlsEnabled();
    QString host = QString::fromLatin1(request.header("host")).trimmed();
    static const QRegularExpression safeHost(QStringLiteral("^[A-Za-z0-9.\\-\\[\\]:]{1,255}$"));
    if (host.isEmpty() || !safeHost.match(host).hasMatch()) host = QUrl(url()).authority();
    return QStringLiteral("%1://%2").arg(tls ? QStringLiteral("https") : QStringLiteral("http"), host);
}
quint16 ApiServer::port() const { return front_ ? front_->port() : 0; }
int ApiServer::openConnections() const { return front_ ? front_->connectionCount() : 0; }

QString ApiServer::url() const {
    QString host = config_.address.toString();
    if (config_.address == QHostAddress::Any || config_.address == QHostAddress::AnyIPv4) host = QStringLiteral("0.0.0.0");
    if (config_.address.protocol() == QAbstractSocket::IPv6Protocol) host = QLatin1Char('[') + host + QLatin1Char(']');
    const bool tls = front_ && front_->tlsEnabled();
    return QStringLiteral("%1://%2:%3").arg(tls ? QStringLiteral("https") : QStringLiteral("http"), host).arg(port());
}

void ApiServer::addRoute(const char* method, const QString& path, const QString& tag, const QString& summary,
                         Handler handler, const ModelSpec* body) {
    Route r;
    r.method = method;
    r.path = path;
    r.tag = tag;
    r.summary = summary;
    r.body = body;
    r.handler = std::move(handler);
    routes_.append(r);
    const qsizetype index = routes_.size() - 1;
    const auto qtMethod = r.method == "POST" ? QHttpServerRequest::Method::Post : QHttpServerRequest::Method::Get;
    const QString pattern = qtPattern(path);
    if (pattern.contains(QLatin1String("<arg>"))) {
        http_->route(pattern, qtMethod,
                     [this, index](const QString& arg, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                         dispatch(routes_.at(index), {arg}, request, std::move(responder));
                     });
    } else {
        http_->route(pattern, qtMethod, [this, index](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            dispatch(routes_.at(index), {}, request, std::move(responder));
        });
    }
}

void ApiServer::dispatch(const Route& route, const QStringList& args, const QHttpServerRequest& request,
                         QHttpServerResponder&& responder) {
    ApiRequest r;
    r.method = route.method;
    r.path = request.url().path();
    r.query = request.query();
    r.body = request.body();
    for (const auto& [name, value] : request.headers()) r.headers.insert(name.toLower(), value);
    r.args = args;
    r.connection = r.header("x-latent-connection").toULongLong();
    r.user = QString::fromUtf8(QByteArray::fromPercentEncoding(r.header("x-latent-user")));
    auto reply = std::make_shared<ApiReply>(std::move(responder));
    try {
        route.handler(r, reply);
    } catch (const std::exception& e) {
        qWarning("latent: API %s %s failed: %s", route.method.constData(), qPrintable(route.path), e.what());
        reply->send(api_detail::a1111Error(500, QString::fromUtf8(e.what()), QStringLiteral("RuntimeError")));
    } catch (...) {
        reply->send(api_detail::a1111Error(500, QCoreApplication::translate("latent::ApiServer", "Internal error."), QStringLiteral("RuntimeError")));
    }
}

void ApiServer::missing(const QHttpServerRequest& request, QHttpServerResponder&& responder) {
    ApiReply reply(std::move(responder));
    const QString path = request.url().path();
    bool otherMethod = false;
    for (const Route& r : routes_) otherMethod = otherMethod || patternMatches(r.path, path);
    const int status = otherMethod ? 405 : 404;
    const QString message = otherMethod ? QStringLiteral("Method Not Allowed") : QStringLiteral("Not Found");
    ApiResponse resp;
    resp.status = status;
    resp.body = frontErrorBody(status, message, path.toUtf8());
    if (otherMethod) {
        QStringList allowed;
        for (const Route& r : routes_)
            if (patternMatches(r.path, path)) allowed << QString::fromLatin1(r.method);
        resp.headers.emplaceBack("Allow", allowed.join(QStringLiteral(", ")).toLatin1());
    }
    reply.send(resp);
}

void ApiServer::registerRoutes() {
    registerA1111Routes();
    registerOpenAiRoutes();
    registerRunPodRoutes();
    registerServerRoutes();
}

QJsonObject ApiServer::openApi() const {
    QJsonObject paths;
    QJsonObject schemas;
    for (const Route& r : routes_) {
        QJsonObject op{{QStringLiteral("summary"), r.summary},
                       {QStringLiteral("tags"), QJsonArray{r.tag}},
                       {QStringLiteral("operationId"),
                        QString::fromLatin1(r.method).toLower() + QString(r.path).replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), QStringLiteral("_"))}};
        QJsonArray params;
        static const QRegularExpression arg(QStringLiteral("\\{([^}]+)\\}"));
        for (auto it = arg.globalMatch(r.path); it.hasNext();) {
            const auto m = it.next();
            params.append(QJsonObject{{QStringLiteral("name"), m.captured(1)},
                                      {QStringLiteral("in"), QStringLiteral("path")},
                                      {QStringLiteral("required"), true},
                                      {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
        }
        if (!params.isEmpty()) op.insert(QStringLiteral("parameters"), params);
        if (r.body) {
            schemas.insert(r.body->name, openApiSchema(*r.body));
            op.insert(QStringLiteral("requestBody"),
                      QJsonObject{{QStringLiteral("required"), true},
                                  {QStringLiteral("content"),
                                   QJsonObject{{QStringLiteral("application/json"),
                                                QJsonObject{{QStringLiteral("schema"),
                                                             QJsonObject{{QStringLiteral("$ref"),
                                                                          QStringLiteral("#/components/schemas/") + r.body->name}}}}}}}});
        }
        QJsonObject responses{{QStringLiteral("200"), QJsonObject{{QStringLiteral("description"), QStringLiteral("Successful Response")}}}};
        if (r.method == "POST")
            responses.insert(QStringLiteral("422"), QJsonObject{{QStringLiteral("description"), QStringLiteral("Validation Error")}});
        op.insert(QStringLiteral("responses"), responses);
        if (authRequired())
            op.insert(QStringLiteral("security"), QJsonArray{QJsonObject{{QStringLiteral("HTTPBasic"), QJsonArray()}},
                                                             QJsonObject{{QStringLiteral("HTTPBearer"), QJsonArray()}}});
        QJsonObject item = paths.value(r.path).toObject();
        item.insert(QString::fromLatin1(r.method).toLower(), op);
        paths.insert(r.path, item);
    }
    QJsonObject components{{QStringLiteral("schemas"), schemas}};
    components.insert(QStringLiteral("securitySchemes"),
                      QJsonObject{{QStringLiteral("HTTPBasic"), QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                                                            {QStringLiteral("scheme"), QStringLiteral("basic")}}},
                                  {QStringLiteral("HTTPBearer"), QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                                                             {QStringLiteral("scheme"), QStringLiteral("bearer")}}}});
    return QJsonObject{{QStringLiteral("openapi"), QStringLiteral("3.0.2")},
                       {QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), AppInfo::productName() + QStringLiteral(" API")},
                                                            {QStringLiteral("version"), AppInfo::version()}}},
                       {QStringLiteral("paths"), paths},
                       {QStringLiteral("components"), components}};
}

void ApiServer::registerServerRoutes() {
    addRoute("GET", QStringLiteral("/openapi.json"), QStringLiteral("Server"), QCoreApplication::translate("latent::ApiServer", "This API as an OpenAPI 3 document"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) { reply->send(ApiResponse::json(openApi())); });
    addRoute("GET", QStringLiteral("/docs"), QStringLiteral("Server"), QCoreApplication::translate("latent::ApiServer", "This API's documentation (HTML)"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 // Rendered here from the same route table as /openapi.json: no scripts, no CDN.
                 QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                                               "<style>body{font-family:sans-serif;margin:2em;max-width:70em}"
                                               "td,th{padding:.3em .8em;text-align:left;border-bottom:1px solid #ddd}"
                                               "code{font-size:1.05em}</style></head><body><h1>%1</h1>"
                                               "<p>OpenAPI 3 description: <a href=\"/openapi.json\">/openapi.json</a></p>")
                                    .arg(htmlEscape(AppInfo::productName() + QStringLiteral(" API ") + AppInfo::version()));
                 QString currentTag;
                 for (const Route& r : routes_) {
                     if (r.tag != currentTag) {
                         if (!currentTag.isEmpty()) html += QStringLiteral("</table>");
                         currentTag = r.tag;
                         html += QStringLiteral("<h2>%1</h2><table>").arg(htmlEscape(r.tag));
                     }
                     QString fields;
                     if (r.body) {
                         QStringList names;
                         for (const FieldSpec& f : r.body->fields) names << f.name;
                         fields = QStringLiteral("<br><small>") + htmlEscape(names.join(QStringLiteral(", "))) +
                                  QStringLiteral("</small>");
                     }
                     html += QStringLiteral("<tr><td><code>%1</code></td><td><code>%2</code></td><td>%3%4</td></tr>")
                                 .arg(QString::fromLatin1(r.method), htmlEscape(r.path), htmlEscape(r.summary), fields);
                 }
                 html += QStringLiteral("</table></body></html>");
                 reply->send(ApiResponse::raw(html.toUtf8(), "text/html; charset=utf-8"));
             });
}

} // namespace latent
