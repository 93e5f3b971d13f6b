// Hugging Face and Civitai tokens: kept in the OS keychain (qtkeychain), never in a plain file.
// Without a keychain a token lives for the session only (memory), with a warning. Environment
// tokens (HF_TOKEN / CIVITAI_TOKEN) win over stored ones and are never written anywhere.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace latent {

struct SiteConfig;

class TokenStore : public QObject {
    Q_OBJECT
public:
    enum class Site { HuggingFace, Civitai };
    static QString siteKey(Site s); // "huggingface" | "civitai"

    explicit TokenStore(QObject* parent = nullptr);

    // The token known right now (environment, else this session's, else one read from the
    // keychain by load()); "" when none.
    QString token(Site site) const;
    bool sessionOnly(Site site) const { return sessionOnly_.value(siteKey(site)); }

    // Reads the keychain entry (asynchronous); `done(token)` runs on this thread.
    void load(Site site, std::function<void(QString)> done = {});
    // Stores in the keychain. When no keychain answers, keeps it for this session only and
    // reports `warning` (translated); never falls back to a plain file.
    void store(Site site, const QString& token, std::function<void(bool persisted, QString warning)> done = {});
    void forget(Site site, std::function<void()> done = {});

    // Fills `config` with the known tokens (environment first).
    void applyTo(SiteConfig& config) const;

    // The keychain service name entries are stored under.
    static QString serviceName();

Q_SIGNALS:
    void warning(const QString& message);

private:
    QHash<QString, QString> session_;
    QHash<QString, bool> sessionOnly_;
};

} // namespace latent
