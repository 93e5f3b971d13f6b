// Settings ▸ API server…: serve the studio's HTTP API (A1111 /sdapi/v1, OpenAI-style images,
// async jobs) on a port, for this computer only or the local network (then with a user and a
// password, kept in the keychain), with the browser origins allowed to call it.
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace latent {

class Settings;
class StudioApiService;

class ApiServerDialog : public QDialog {
    Q_OBJECT
public:
    ApiServerDialog(Settings& settings, StudioApiService* service, QWidget* parent = nullptr);

    // Saves the fields and starts / restarts / stops the server as "Serve the API" says.
    void apply();

private:
    void updateStatus();

    Settings& settings_;
    StudioApiService* service_;
    QCheckBox* enabled_ = nullptr;
    QSpinBox* port_ = nullptr;
    QCheckBox* listen_ = nullptr;
    QLineEdit* user_ = nullptr;
    QLineEdit* password_ = nullptr;
    QLineEdit* origins_ = nullptr;
    QLabel* status_ = nullptr;
};

} // namespace latent
