// Typed settings keys over QSettings (DESIGN.md style 7). Every persisted value has one key
// object with its name and default; callers never spell key strings themselves.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace latent {

template <typename T>
struct SettingKey {
    const char* name;
    T defaultValue;
};

namespace settings {

// Window and layout.
inline const SettingKey<QByteArray> WindowGeometry{"ui/windowGeometry", {}};
inline const SettingKey<QByteArray> WindowState{"ui/windowState", {}};
// UI language: "" = system, "en", "de".
inline const SettingKey<QString> Language{"ui/language", {}};
// Generation defaults.
inline const SettingKey<int> MaxQueueSize{"queue/maxSize", 100};
inline const SettingKey<int> MaxBatchSize{"queue/maxBatchSize", 4};
inline const SettingKey<int> LoadedModelCacheSize{"engine/loadedModels", 1};
inline const SettingKey<int> Threads{"engine/threads", 0};  // 0 = automatic (thread_policy.h)
// Model roots in A1111's layout (see app/library/model_layout.h); read them through
// ModelLibrary::rootsFromSettings (it also accepts the older ';'-separated string).
inline const SettingKey<QStringList> ModelRoots{"library/roots", {}};
inline const SettingKey<QString> OutputFolder{"gallery/outputFolder", {}};
// Studio worker and prompt panel (issue 8).
inline const SettingKey<int> PreviewEverySteps{"engine/previewEvery", 2};  // 0 = no previews
inline const SettingKey<QString> RecentModels{"generation/recentModels", {}};  // '\n'-separated paths, newest first
inline const SettingKey<QString> LastModel{"generation/lastModel", {}};
inline const SettingKey<QString> LastVae{"generation/lastVae", {}};
// The studio's HTTP API (issue 15). The password is kept in the OS keychain, never here.
inline const SettingKey<bool> ApiServerEnabled{"api/enabled", false};
inline const SettingKey<int> ApiServerPort{"api/port", 7860}; // 0 = any free port
inline const SettingKey<bool> ApiServerListen{"api/listen", false}; // all interfaces (needs a user)
inline const SettingKey<QString> ApiServerUser{"api/user", {}};
inline const SettingKey<QString> ApiServerCorsOrigins{"api/corsOrigins", {}}; // comma-separated
// The settings file's own version (app/core/settings_schema.h); 0 = written before versioning.
inline const SettingKey<int> SchemaVersion{"meta/schemaVersion", 0};
// The log (app/core/app_log.h): "debug", "info", "warning" or "error"; prompts in the log.
inline const SettingKey<QString> LogLevel{"log/level", QStringLiteral("info")};
inline const SettingKey<bool> LogPrompts{"log/includePrompts", false};

} // namespace settings

// Thin typed facade; constructed over the application's default QSettings unless given one.
class Settings {
public:
    Settings();
    explicit Settings(QSettings* backend);

    template <typename T>
    T value(const SettingKey<T>& key) const {
        const QVariant v = backend()->value(QLatin1String(key.name));
        if (!v.isValid() || !v.canConvert<T>()) return key.defaultValue;
        return v.value<T>();
    }
    template <typename T>
    void setValue(const SettingKey<T>& key, const T& value) {
        if (readOnly()) return;
        backend()->setValue(QLatin1String(key.name), QVariant::fromValue(value));
    }
    template <typename T>
    void remove(const SettingKey<T>& key) {
        if (readOnly()) return;
        backend()->remove(QLatin1String(key.name));
    }
    // Process-wide: the settings file was written by a newer version (upgradeSettings), so
    // nothing is written to it in this run; values are still read.
    static void setReadOnly(bool readOnly);
    static bool readOnly();
    void sync() { backend()->sync(); }

private:
    QSettings* backend() const { return external_ ? external_ : &own_; }
    QSettings* external_ = nullptr;
    mutable QSettings own_;
};

} // namespace latent
