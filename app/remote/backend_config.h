// A remote backend: a named entry the studio and the CLI send jobs to instead of (or besides)
// the local worker. Three kinds speak three wire formats:
//   a1111   an A1111 / Forge / SD.Next server (or another Latent Studio started with `serve`):
//           /sdapi/v1/txt2img|img2img, /progress, /interrupt; HTTP Basic credentials ("user" +
//           the secret as password)
//   runpod  a RunPod serverless endpoint, url = https://api.runpod.ai/v2/ENDPOINT_ID: /run,
//           /status/ID, /cancel/ID, /health; Bearer API key
//   openai  an OpenAI-style images API (OpenAI, APIpie, Together, ...): /v1/images/generations,
//           /v1/models; Bearer API key; provider extras merged into every request body
// The entry holds no secret: credentials live in the keychain (BackendSecrets), or in the
// environment variable named by `secretEnv`.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace latent {

enum class BackendKind { A1111, RunPod, OpenAI };

// Stable persisted names: "a1111", "runpod", "openai".
QString backendKindName(BackendKind kind);
std::optional<BackendKind> backendKindFromName(const QString& name);
// Translated, for the UI ("A1111 / Forge / SD.Next", "RunPod serverless", "OpenAI-style images API").
QString backendKindDisplayName(BackendKind kind);

struct BackendConfig {
    QString name;
    BackendKind kind = BackendKind::A1111;
    QUrl url;              // base URL (no trailing slash needed)
    QString user;          // A1111 Basic auth user name ("" = no Basic auth unless the secret is "user:pass")
    int concurrency = 0;   // jobs at once; 0 = the kind's default (A1111 1, RunPod/OpenAI 4)
    int timeoutSeconds = 0; // one job's limit; 0 = the default (kDefaultTimeoutSeconds)
    QString model;         // model to ask for ("" = the server's current / the job's checkpoint)
    QJsonObject extras;    // openai: provider extras merged into the request body (e.g. APIpie "provider")
    QString secretEnv;     // environment variable holding the secret (optional; wins over the keychain)
    bool useForAny = true; // takes part in "Any" dispatch

    static constexpr int kDefaultTimeoutSeconds = 1800;

    int effectiveConcurrency() const;
    int effectiveTimeoutSeconds() const { return timeoutSeconds > 0 ? timeoutSeconds : kDefaultTimeoutSeconds; }

    QJsonObject toJson() const;
    static BackendConfig fromJson(const QJsonObject& o);

    // A sentence saying what is wrong (translated), or "" when the entry can be used.
    QString validate() const;
};

// Default jobs at once for a kind (A1111 1, RunPod 4, OpenAI 4).
int defaultConcurrency(BackendKind kind);

// Names a backend cannot have: they are dispatch targets ("local", "any"), case-insensitive.
bool isReservedBackendName(const QString& name);

// A job's target as stored in its parameters ("backend"): "" / "local" = the local worker,
// "any" = the first free of the backends that take part in Any, otherwise a backend name.
namespace job_target {
inline constexpr const char* kKey = "backend";
inline constexpr const char* kLocal = "local";
inline constexpr const char* kAny = "any";
QString of(const QJsonObject& params);   // normalised: "local", "any" or the backend name
bool isLocal(const QString& target);
bool isAny(const QString& target);
} // namespace job_target

} // namespace latent
