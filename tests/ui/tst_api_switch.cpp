// The studio's "Serve the API" switch (View menu) and Settings ▸ API server…: the same server as
// `latentstudio-cli serve`, inside the window, over the window's queue and worker. A job sent over
// HTTP shows in the queue dock marked "API" and its image lands in the gallery; switching off
// stops the server; the switch is remembered; the dialog starts it on a chosen port and refuses
// LAN serving without a password.
#include "app/api/api_server.h"
#include "app/api/studio_api_service.h"
#include "app/core/settings.h"
#include "app/gallery/gallery_store.h"
#include "app/jobs/job_queue.h"
#include "app/worker/studio_session.h"
#include "common/http_client.h"
#include "common/isolated_app_data.h"
#include "ui/dialogs/api_server_dialog.h"
#include "ui/docks/queue_dock.h"
#include "ui/main/main_window.h"

#include <QAction>
#include <QCheckBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;
using namespace latent::test;

class TestApiSwitch : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        QVERIFY2(!StudioSession::demoModelPath().isEmpty(), "the build generates the demo model");
    }

    void serveTheApiFromTheViewMenu() {
        QSettings backend(dir_.filePath(QStringLiteral("switch.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        settings.setValue(settings::OutputFolder, dir_.filePath(QStringLiteral("outputs")));
        settings.setValue(settings::ApiServerPort, 0);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("data")));
        w.attachSession(&session);
        session.start();
        QAction* serve = w.findChild<QAction*>(QStringLiteral("serveApiAction"));
        QVERIFY(serve);
        QVERIFY(serve->isCheckable());
        QVERIFY(!serve->isChecked());
        QVERIFY(w.findChild<QMenu*>(QStringLiteral("viewMenu"))->actions().contains(serve));
        QVERIFY(w.findChild<QMenu*>(QStringLiteral("settingsMenu")));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("apiSettingsAction")));

        serve->trigger();
        QTRY_VERIFY(w.apiService()->isRunning());
        QVERIFY(serve->isChecked());
        const quint16 port = w.apiService()->server()->port();
        QVERIFY(port > 0);
        QVERIFY(settings.value(settings::ApiServerEnabled));

        // A generation over HTTP runs in the studio's queue and reaches the gallery.
        const QJsonObject body{{QStringLiteral("prompt"), QStringLiteral("a teapot")},
                               {QStringLiteral("steps"), 2},
                               {QStringLiteral("width"), 64},
                               {QStringLiteral("height"), 64},
                               {QStringLiteral("seed"), 3}};
        const HttpResult r = postJson(port, "/sdapi/v1/txt2img", body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("images")).toArray().size(), 1);
        const Job job = session.queue()->jobs().last();
        QCOMPARE(job.state, JobState::Done);
        QVERIFY(w.queueDock()->cellText(job.id, 0).startsWith(QStringLiteral("API · ")));
        QCOMPARE(job.results.size(), 1);
        const QString png = job.results.first();
        QVERIFY(png.startsWith(dir_.filePath(QStringLiteral("outputs")))); // the gallery folder, kept
        QVERIFY(QFile::exists(png));
        QTRY_VERIFY(w.galleryStore()->entryByPath(png).has_value());

        // Off: the port closes.
        serve->trigger();
        QVERIFY(!w.apiService()->isRunning());
        QVERIFY(!settings.value(settings::ApiServerEnabled));
        QCOMPARE(getJson(port, "/sdapi/v1/progress").status, 0);

        // Remembered: a studio started with the switch on serves at once.
        serve->trigger();
        QTRY_VERIFY(w.apiService()->isRunning());
    }

    void startsAtStartupWhenItWasOn() {
        QSettings backend(dir_.filePath(QStringLiteral("remember.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        settings.setValue(settings::ApiServerPort, 0);
        settings.setValue(settings::ApiServerEnabled, true);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("data2")));
        w.attachSession(&session);
        session.start();
        QTRY_VERIFY(w.apiService()->isRunning());
        QVERIFY(w.serveApiAction()->isChecked());
        QCOMPARE(getJson(w.apiService()->server()->port(), "/sdapi/v1/sd-models").status, 200);
    }

    void settingsDialog() {
        QSettings backend(dir_.filePath(QStringLiteral("dialog.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("data3")));
        w.attachSession(&session);
        session.start();
        ApiServerDialog dialog(settings, w.apiService(), &w);
        dialog.findChild<QSpinBox*>(QStringLiteral("apiPort"))->setValue(0);
        dialog.findChild<QCheckBox*>(QStringLiteral("apiEnabled"))->setChecked(true);
        // The network without a user is refused.
        dialog.findChild<QCheckBox*>(QStringLiteral("apiListen"))->setChecked(true);
        dialog.apply();
        QTRY_VERIFY(dialog.findChild<QLabel*>(QStringLiteral("apiStatus"))->text().contains(QStringLiteral("user and a password")));
        QVERIFY(!w.apiService()->isRunning());
        // This computer only: serving, the status shows the URL.
        dialog.findChild<QCheckBox*>(QStringLiteral("apiListen"))->setChecked(false);
        dialog.findChild<QLineEdit*>(QStringLiteral("apiOrigins"))->setText(QStringLiteral("https://app.example"));
        dialog.apply();
        QTRY_VERIFY(w.apiService()->isRunning());
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("apiStatus"))->text().contains(w.apiService()->url()));
        QCOMPARE(settings.value(settings::ApiServerCorsOrigins), QStringLiteral("https://app.example"));
        const HttpResult r = getJson(w.apiService()->server()->port(), "/sdapi/v1/samplers", {{"Origin", "https://app.example"}});
        QCOMPARE(r.headers.value("access-control-allow-origin"), QByteArray("https://app.example"));
        dialog.findChild<QCheckBox*>(QStringLiteral("apiEnabled"))->setChecked(false);
        dialog.apply();
        QVERIFY(!w.apiService()->isRunning());
    }
};

QTEST_MAIN(TestApiSwitch)
#include "tst_api_switch.moc"
