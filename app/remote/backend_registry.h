// The saved remote backends (Settings ▸ Backends, `latentstudio-cli backends`): named entries in
// the settings file as one JSON array, without secrets. Whether the local worker takes part in
// "Any" dispatch is a setting too.
#pragma once

#include "app/core/settings.h"
#include "app/remote/backend_config.h"

#include <QList>
#include <QObject>

#include <optional>

namespace latent {

namespace settings {
// JSON array of BackendConfig::toJson() objects (never a secret).
inline const SettingKey<QString> RemoteBackends{"remote/backends", {}};
// The local worker takes part in "Any".
inline const SettingKey<bool> LocalInAny{"remote/localInAny", true};
// The target the prompt panel used last: "local", "any" or a backend name.
inline const SettingKey<QString> LastBackendTarget{"remote/lastTarget", {}};
} // namespace settings

class BackendRegistry : public QObject {
    Q_OBJECT
public:
    // Reads the entries from `settings` (must outlive the registry).
    explicit BackendRegistry(Settings& settings, QObject* parent = nullptr);

    QList<BackendConfig> backends() const { return backends_; }
    std::optional<BackendConfig> find(const QString& name) const; // case-insensitive
    QStringList names() const;

    // Adds a new entry or replaces the one with the same name. Returns "" or why it was refused
    // (translated).
    QString put(const BackendConfig& config);
    bool remove(const QString& name);

    bool localInAny() const;
    void setLocalInAny(bool on);

    // Re-reads the settings (another process may have changed them).
    void reload();

Q_SIGNALS:
    void changed();

private:
    void save();

    Settings& settings_;
    QList<BackendConfig> backends_;
};

} // namespace latent
