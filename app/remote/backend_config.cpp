#include "app/remote/backend_config.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace latent {

QString backendKindName(BackendKind kind) {
    switch (kind) {
    case BackendKind::A1111: return QStringLiteral("a1111");
    case BackendKind::RunPod: return QStringLiteral("runpod");
    case BackendKind::OpenAI: return QStringLiteral("openai");
    }
    return QStringLiteral("a1111");
}

std::optional<BackendKind> backendKindFromName(const QString& nameIn) {
    const QString name = nameIn.trimmed().toLower();
    for (BackendKind k : {BackendKind::A1111, BackendKind::RunPod, BackendKind::OpenAI})
        if (backendKindName(k) == name) return k;
    // Common spellings of the same servers.
    if (name == QLatin1String("forge") || name == QLatin1String("sdnext") || name == QLatin1String("sd.next") ||
        name == QLatin1String("automatic1111"))
        return BackendKind::A1111;
    return std::nullopt;
}

QString backendKindDisplayName(BackendKind kind) {
    switch (kind) {
    case BackendKind::A1111: return QCoreApplication::translate("Backends", "A1111 / Forge / SD.Next");
    case BackendKind::RunPod: return QCoreApplication::translate("Backends", "RunPod serverless");
    case BackendKind::OpenAI: return QCoreApplication::translate("Backends", "OpenAI-style images API");
    }
    return {};
}

int defaultConcurrency(BackendKind kind) { return kind == BackendKind::A1111 ? 1 : 4; }

int BackendConfig::effectiveConcurrency() const { return concurrency > 0 ? concurrency : defaultConcurrency(kind); }

bool isReservedBackendName(const QString& name) {
    const QString n = name.trimmed().toLower();
    return n == QLatin1String(job_target::kLocal) || n == QLatin1String(job_target::kAny);
}

QJsonObject BackendConfig::toJson() const {
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("kind"), backendKindName(kind)},
                  {QStringLiteral("url"), url.toString()}};
    if (!user.isEmpty()) o.insert(QStringLiteral("user"), user);
    if (concurrency > 0) o.insert(QStringLiteral("concurrency"), concurrency);
    if (timeoutSeconds > 0) o.insert(QStringLiteral("timeout"), timeoutSeconds);
    if (!model.isEmpty()) o.insert(QStringLiteral("model"), model);
    if (!extras.isEmpty()) o.insert(QStringLiteral("extras"), extras);
    if (!secretEnv.isEmpty()) o.insert(QStringLiteral("secret_env"), secretEnv);
    if (!useForAny) o.insert(QStringLiteral("use_for_any"), false);
    return o;
}

BackendConfig BackendConfig::fromJson(const QJsonObject& o) {
    BackendConfig c;
    c.name = o.value(QStringLiteral("name")).toString().trimmed();
    c.kind = backendKindFromName(o.value(QStringLiteral("kind")).toString()).value_or(BackendKind::A1111);
    c.url = QUrl(o.value(QStringLiteral("url")).toString().trimmed());
    c.user = o.value(QStringLiteral("user")).toString();
    c.concurrency = std::max(0, o.value(QStringLiteral("concurrency")).toInt(0));
    c.timeoutSeconds = std::max(0, o.value(QStringLiteral("timeout")).toInt(0));
    c.model = o.value(QStringLiteral("model")).toString();
    c.extras = o.value(QStringLiteral("extras")).toObject();
    c.secretEnv = o.value(QStringLiteral("secret_env")).toString();
    c.useForAny = o.value(QStringLiteral("use_for_any")).toBool(true);
    return c;
}

QString BackendConfig::validate() const {
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!nameRe.match(name).hasMatch())
        return QCoreApplication::translate("Backends",
                                           "The backend name \"%1\" is not allowed: use 1–64 letters, digits, '.', "
                                           "'_' or '-', starting with a letter or digit.")
            .arg(name);
    if (isReservedBackendName(name))
        return QCoreApplication::translate("Backends", "\"%1\" is a dispatch target, not a backend name.").arg(name);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QCoreApplication::translate("Backends", "\"%1\" is not an http(s) address.").arg(url.toString());
    if (!url.userInfo().isEmpty())
        return QCoreApplication::translate("Backends",
                                           "Put credentials in the keychain (or --secret-env), not in the address.");
    if (url.hasQuery() || url.hasFragment())
        return QCoreApplication::translate("Backends", "The backend address must not have a query or fragment.");
    if (concurrency < 0 || concurrency > 64)
        return QCoreApplication::translate("Backends", "Concurrency must be between 1 and 64.");
    if (timeoutSeconds < 0 || timeoutSeconds > 7 * 24 * 3600)
        return QCoreApplication::translate("Backends", "The timeout must be between 1 second and 7 days.");
    static const QRegularExpression envRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (!secretEnv.isEmpty() && !envRe.match(secretEnv).hasMatch())
        return QCoreApplication::translate("Backends", "\"%1\" is not an environment variable name.").arg(secretEnv);
    return {};
}

namespace job_target {

QString of(const QJsonObject& params) {
    const QString t = params.value(QLatin1String(kKey)).toString().trimmed();
    if (t.isEmpty() || t.compare(QLatin1String(kLocal), Qt::CaseInsensitive) == 0) return QString::fromLatin1(kLocal);
    if (t.compare(QLatin1String(kAny), Qt::CaseInsensitive) == 0) return QString::fromLatin1(kAny);
    return t;
}

bool isLocal(const QString& target) { return target.isEmpty() || target == QLatin1String(kLocal); }
bool isAny(const QString& target) { return target == QLatin1String(kAny); }

} // namespace job_target

} // namespace latent
