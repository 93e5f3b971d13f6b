// A1111's settings as /sdapi/v1/options shows and changes them: a JSON file (api-options.json in
// the API's data folder, written atomically) with A1111 v1.10.1's keys and defaults. The options
// that change generations (checkpoint, VAE, clip skip, ENSD, RNG source) are applied to every API
// job unless its override_settings says otherwise. Folder options are shown but cannot be
// changed through the API (as A1111's restrict_api), so no request can point the server at a path.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace latent {

class ApiOptions {
public:
    explicit ApiOptions(QString filePath);

    QString filePath() const { return path_; }
    // Every option with its current value.
    QJsonObject all() const;
    QJsonValue value(const QString& key) const;
    // Validates and applies `values` (keys A1111 knows; read-only keys are ignored as A1111
    // ignores restricted ones). sd_model_checkpoint / sd_vae are stored as given (resolve them
    // first). Returns FastAPI error items; nothing is applied when there are any.
    QJsonArray set(const QJsonObject& values);
    bool save(QString* error) const;

    QString checkpoint() const { return value(QStringLiteral("sd_model_checkpoint")).toString(); }
    QString vae() const { return value(QStringLiteral("sd_vae")).toString(); }
    void setCheckpoint(const QString& title, const QString& sha256);

    // The generation options of override_settings for a job: the request's values win.
    QJsonObject overrideSettings(const QJsonObject& requestOverrides) const;

    // Whether `key` is an option A1111 knows (and we show).
    static bool isKnown(const QString& key);

private:
    QString path_;
    QJsonObject values_;
};

} // namespace latent
