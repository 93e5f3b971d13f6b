// The backend picker next to Generate: where the next job runs — "Local", "Any" (the first free
// of the backends that take part in Any) or a named remote backend, each with its health as icon
// and tooltip — and, for a remote backend, the model to ask it for (its own list, fetched with a
// full check when it is picked). The choice is remembered in the settings.
#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QComboBox;

namespace latent {

class RemoteDispatcher;
class Settings;

class BackendPicker : public QWidget {
    Q_OBJECT
public:
    explicit BackendPicker(QWidget* parent = nullptr);

    // `settings` may be null (nothing remembered).
    void attach(RemoteDispatcher* dispatcher, Settings* settings);

    // "local", "any" or a backend name.
    QString target() const;
    bool setTarget(const QString& target);
    // The chosen remote model ("" = the server's current / the backend's configured one).
    QString remoteModel() const;
    // The job parameters this choice adds: "backend" and, when chosen, "remote_model".
    QJsonObject jobParameters() const;
    // The local worker may run the job ("local", or "any" with the local worker taking part).
    bool mayRunLocally() const;
    // The remote backend's samplers (empty for Local / Any, or when it did not say).
    QStringList remoteSamplers() const { return samplers_; }

    QComboBox* targetCombo() const { return target_; }
    QComboBox* modelCombo() const { return model_; }

Q_SIGNALS:
    void targetChanged(const QString& target);

private:
    void rebuild();
    void updateHealth();
    void onTargetChosen();
    void fillCatalogue(const QString& backend);

    RemoteDispatcher* dispatcher_ = nullptr;
    Settings* settings_ = nullptr;
    QComboBox* target_;
    QComboBox* model_;
    QStringList samplers_;
    bool rebuilding_ = false;
};

} // namespace latent
