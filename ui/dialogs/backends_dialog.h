// Settings ▸ Backends: the remote backends as named entries (kind, URL, user, concurrency,
// timeout, model, provider extras, whether it takes part in Any), their secret (written to the
// keychain, never shown again, never into the settings file), a Check button that shows
// reachability, credentials, version, models and samplers, and whether the local worker takes
// part in "Any".
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace latent {

class RemoteDispatcher;
struct BackendConfig;

class BackendsDialog : public QDialog {
    Q_OBJECT
public:
    explicit BackendsDialog(RemoteDispatcher* dispatcher, QWidget* parent = nullptr);

    // Tests and the main window drive the form through these.
    QListWidget* list() const { return list_; }
    QLineEdit* nameEdit() const { return name_; }
    QComboBox* kindCombo() const { return kind_; }
    QLineEdit* urlEdit() const { return url_; }
    QLineEdit* userEdit() const { return user_; }
    QLineEdit* secretEdit() const { return secret_; }
    QLineEdit* secretEnvEdit() const { return secretEnv_; }
    QSpinBox* concurrencySpin() const { return concurrency_; }
    QPlainTextEdit* extrasEdit() const { return extras_; }
    QLabel* resultLabel() const { return result_; }

public Q_SLOTS:
    // Saves the form as an entry (new or replacing the one with that name). False + message in
    // resultLabel() when refused.
    bool saveEntry();
    void removeSelected();
    void newEntry();
    void checkSelected();

private:
    void loadEntry(const QString& name);
    void refreshList(const QString& select = {});
    BackendConfig formConfig(QString* error) const;

    RemoteDispatcher* dispatcher_;
    QListWidget* list_;
    QLineEdit* name_;
    QComboBox* kind_;
    QLineEdit* url_;
    QLineEdit* user_;
    QLineEdit* secret_;
    QLabel* secretState_;
    QLineEdit* secretEnv_;
    QSpinBox* concurrency_;
    QSpinBox* timeout_;
    QLineEdit* model_;
    QPlainTextEdit* extras_;
    QCheckBox* useForAny_;
    QCheckBox* localInAny_;
    QPushButton* check_;
    QLabel* result_;
};

} // namespace latent
