#include "app/remote/backend_registry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace latent {

BackendRegistry::BackendRegistry(Settings& settings, QObject* parent) : QObject(parent), settings_(settings) {
    reload();
}

void BackendRegistry::reload() {
    backends_.clear();
    const QByteArray json = settings_.value(settings::RemoteBackends).toUtf8();
    const QJsonArray list = QJsonDocument::fromJson(json).array();
    for (const QJsonValue& v : list) {
        BackendConfig c = BackendConfig::fromJson(v.toObject());
        if (c.name.isEmpty() || find(c.name)) continue;
        backends_ << c;
    }
}

std::optional<BackendConfig> BackendRegistry::find(const QString& name) const {
    for (const BackendConfig& c : backends_)
        if (c.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0) return c;
    return std::nullopt;
}

QStringList BackendRegistry::names() const {
    QStringList out;
    for (const BackendConfig& c : backends_) out << c.name;
    return out;
}

QString BackendRegistry::put(const BackendConfig& config) {
    const QString error = config.validate();
    if (!error.isEmpty()) return error;
    bool replaced = false;
    for (BackendConfig& c : backends_)
        if (c.name.compare(config.name, Qt::CaseInsensitive) == 0) {
            c = config;
            replaced = true;
        }
    if (!replaced) backends_ << config;
    save();
    Q_EMIT changed();
    return {};
}

bool BackendRegistry::remove(const QString& name) {
    const qsizetype before = backends_.size();
    backends_.removeIf([&](const BackendConfig& c) { return c.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0; });
    if (backends_.size() == before) return false;
    save();
    Q_EMIT changed();
    return true;
}

bool BackendRegistry::localInAny() const { return settings_.value(settings::LocalInAny); }

void BackendRegistry::setLocalInAny(bool on) {
    settings_.setValue(settings::LocalInAny, on);
    Q_EMIT changed();
}

void BackendRegistry::save() {
    QJsonArray list;
    for (const BackendConfig& c : backends_) list.append(c.toJson());
    settings_.setValue(settings::RemoteBackends, QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
    settings_.sync();
}

} // namespace latent
