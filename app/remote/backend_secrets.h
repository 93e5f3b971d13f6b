// Credentials of remote backends: in the OS keychain (qtkeychain, entry "backend-<name>"), never
// in the settings file, never in a log (every secret is registered for redaction). Lookup order:
// the environment variable the entry names (BackendConfig::secretEnv; what tests, CI and
// headless servers without a keychain daemon use), then the keychain (read by load()), then what
// this session was given. Without a keychain a stored secret lives for the session only, with a
// warning; it never falls back to a plain file.
//
// What the secret is: A1111 — the password (with BackendConfig::user) or "user:pass";
// RunPod / OpenAI — the API key.
#pragma once

#include "app/remote/backend_config.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace latent {

class BackendSecrets : public QObject {
    Q_OBJECT
public:
    explicit BackendSecrets(QObject* parent = nullptr);

    // The secret known right now for `config` (environment, else keychain value read by load(),
    // else this session's); "" when none.
    QString secret(const BackendConfig& config) const;
    // Sets the secret for this session only (e.g. the CLI's LATENT_BACKEND_SECRET).
    void setSessionSecret(const QString& name, const QString& secret);
    bool sessionOnly(const QString& name) const { return sessionOnly_.value(key(name)); }

    // Reads the keychain entry (asynchronous); `done(found)` runs on this thread.
    void load(const QString& name, std::function<void(bool found)> done = {});
    // Stores in the keychain; when none answers, keeps it for this session and reports a warning.
    void store(const QString& name, const QString& secret, std::function<void(bool persisted, QString warning)> done = {});
    void forget(const QString& name, std::function<void()> done = {});

    // Blocking helpers for the CLI (run a local event loop until the keychain answers, at most
    // `timeoutMs`).
    bool loadBlocking(const QString& name, int timeoutMs = 10000);
    bool storeBlocking(const QString& name, const QString& secret, QString* warning, int timeoutMs = 10000);
    void forgetBlocking(const QString& name, int timeoutMs = 10000);

    // The keychain key of a backend's secret.
    static QString keychainKey(const QString& name);

Q_SIGNALS:
    void warning(const QString& message);

private:
    static QString key(const QString& name) { return name.trimmed().toLower(); }
    QHash<QString, QString> known_;
    QHash<QString, bool> sessionOnly_;
};

// The Authorization header value for a backend ("" = none): A1111 "Basic base64(user:secret)"
// (or of the secret itself when it is "user:pass" and no user is set), RunPod/OpenAI
// "Bearer <secret>". The value is registered for redaction.
QByteArray authorizationFor(const BackendConfig& config, const QString& secret);

} // namespace latent
