// Remote backends in the studio: the picker next to Generate (Local / Any / backends with their
// health), the backend's models and samplers in the prompt panel, a job sent to an A1111
// stand-in with progress, preview and result on the canvas, in the queue (Backend column) and
// in the gallery like a local job, the status bar's health indicator going offline and back,
// Settings ▸ Backends (the secret never in the settings file), and closing with a remote job
// running (cancel it on the server).
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/metadata/png_text.h"
#include "app/remote/backend_registry.h"
#include "app/remote/remote_dispatcher.h"
#include "app/worker/studio_session.h"
#include "common/isolated_app_data.h"
#include "common/remote_stand_ins.h"
#include "ui/canvas/canvas_view.h"
#include "ui/dialogs/backends_dialog.h"
#include "ui/docks/gallery_dock.h"
#include "ui/docks/prompt_dock.h"
#include "ui/docks/queue_dock.h"
#include "ui/main/main_window.h"
#include "ui/widgets/backend_picker.h"
#include "ui/widgets/seed_edit.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace latent;
using namespace latent::test;

namespace {

bool fileContains(const QString& path, const QByteArray& needle) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(needle);
}

// Clicks the button named `name` of the next modal dialog (the close question).
void answerNextModal(const QString& name) {
    QTimer::singleShot(100, [name] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal) return answerNextModal(name);
        if (auto* b = modal->findChild<QPushButton*>(name)) b->click();
    });
}

} // namespace

class TestRemoteStudio : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;

    struct Studio {
        QSettings backend;
        Settings settings;
        std::unique_ptr<MainWindow> window;
        std::unique_ptr<StudioSession> session;
        Studio(const QString& dir, const QList<BackendConfig>& backends)
            : backend(QDir(dir).filePath(QStringLiteral("studio.ini")), QSettings::IniFormat), settings(&backend) {
            settings.setValue(settings::OutputFolder, QDir(dir).filePath(QStringLiteral("outputs")));
            BackendRegistry registry(settings);
            for (const BackendConfig& c : backends) registry.put(c);
            window = std::make_unique<MainWindow>(settings);
            session = std::make_unique<StudioSession>(settings, QDir(dir).filePath(QStringLiteral("data")));
            session->dispatcher()->setHealthIntervals(60000, 200);
            RetryPolicy p;
            p.baseDelayMs = 50;
            p.maxDelayMs = 200;
            session->dispatcher()->setRetryPolicy(p);
            window->attachSession(session.get());
            session->start();
            window->resize(1280, 800);
            window->show();
        }
        ~Studio() {
            window.reset();
            session.reset();
        }
    };

    static BackendConfig gpu(const A1111StandIn& server) {
        BackendConfig c;
        c.name = QStringLiteral("gpu");
        c.kind = BackendKind::A1111;
        c.url = server.http.url();
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void aRemoteJobLooksLikeALocalOne() {
        A1111StandIn server;
        server.steps = 3;
        server.stepMs = 700;
        const QString dir = dir_.filePath(QStringLiteral("one"));
        Studio s(dir, {gpu(server)});
        QVERIFY(QTest::qWaitForWindowExposed(s.window.get()));
        QVERIFY(QTest::qWaitFor([&] { return s.session->dispatcher()->isStarted(); }, 10000));

        // The picker: Local, Any, gpu — and the health indicator.
        BackendPicker* picker = s.window->backendPicker();
        QVERIFY(picker);
        QComboBox* target = picker->targetCombo();
        QCOMPARE(target->count(), 3);
        QCOMPARE(target->itemText(0), QStringLiteral("Local"));
        QCOMPARE(target->itemText(1), QStringLiteral("Any"));
        QCOMPARE(target->itemText(2), QStringLiteral("gpu"));
        QLabel* health = s.window->backendHealthLabel();
        QTRY_COMPARE_WITH_TIMEOUT(health->text(), QStringLiteral("Backends: 1 of 1 online"), 10000);
        QVERIFY(health->toolTip().contains(QLatin1String("gpu (A1111 / Forge / SD.Next): online")));

        // No local model: Generate waits for one while "Local" is picked, not for gpu.
        auto* generate = s.window->findChild<QPushButton*>(QStringLiteral("generateButton"));
        QVERIFY(!generate->isEnabled());
        QVERIFY(picker->setTarget(QStringLiteral("gpu")));
        QVERIFY(generate->isEnabled());
        // The backend's models and samplers.
        QTRY_COMPARE_WITH_TIMEOUT(picker->modelCombo()->count(), 3, 10000);
        QVERIFY(picker->modelCombo()->isVisibleTo(s.window.get()));
        QCOMPARE(picker->modelCombo()->itemText(0), QStringLiteral("Server's model (tiny.safetensors [0123456789])"));
        auto* sampler = s.window->findChild<QComboBox*>(QStringLiteral("samplerCombo"));
        QTRY_COMPARE(sampler->count(), 2);
        QCOMPARE(sampler->itemText(1), QStringLiteral("DPM++ 2M"));
        picker->modelCombo()->setCurrentIndex(2);
        sampler->setCurrentIndex(1);
        s.window->findChild<QPlainTextEdit*>(QStringLiteral("promptEdit"))->setPlainText(QStringLiteral("a remote fox"));
        s.window->findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(64);
        s.window->findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(64);
        s.window->findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(3);
        s.window->findChild<SeedEdit*>(QStringLiteral("seedSpin"))->setValue(4242);

        QSignalSpy previews(s.session->controller(), &InferenceController::previewReady);
        QSignalSpy saved(s.session->controller(), &InferenceController::imagesSaved);
        QTest::mouseClick(generate, Qt::LeftButton);
        JobQueue* q = s.session->queue();
        QCOMPARE(q->jobs().size(), 1);
        const qint64 id = q->jobs().first().id;
        QCOMPARE(q->job(id)->params.value(QStringLiteral("backend")).toString(), QStringLiteral("gpu"));
        QTRY_VERIFY_WITH_TIMEOUT(q->job(id)->state == JobState::Running, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(s.window->queueDock()->cellText(id, QueueDock::kBackendColumn), QStringLiteral("gpu"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(q->job(id)->step >= 1, 10000); // remote progress in the queue
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(id)->state), 20000);
        QVERIFY2(q->job(id)->state == JobState::Done, qPrintable(q->job(id)->error));

        // What the server got: the remote model and sampler picked in the panel.
        const QJsonObject body = server.bodies.first();
        QCOMPARE(body.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_model_checkpoint")).toString(),
                 QStringLiteral("other.safetensors [abcdefabcd]"));
        QCOMPARE(body.value(QStringLiteral("sampler_name")).toString(), QStringLiteral("DPM++ 2M"));
        QVERIFY(!body.contains(QStringLiteral("remote_model")));

        // Result: a PNG with the server's infotext, on the canvas and in the gallery.
        QCOMPARE(saved.size(), 1);
        QVERIFY(previews.size() >= 1);
        const QString png = q->job(id)->results.value(0);
        QVERIFY(png.startsWith(QDir(dir).filePath(QStringLiteral("outputs"))));
        QCOMPARE(PngText::readFile(png).value(QStringLiteral("parameters")), A1111StandIn::infotextFor(body, 0));
        QTRY_VERIFY(s.window->canvas()->hasImage());
        QCOMPARE(s.window->canvas()->image().size(), QSize(16, 16));
        QTRY_COMPARE_WITH_TIMEOUT(s.window->galleryStore()->count(), 1, 10000);
        QCOMPARE(s.window->queueDock()->cellText(id, 1), jobStateDisplayName(JobState::Done));
        QCOMPARE(s.window->queueDock()->cellText(id, QueueDock::kBackendColumn), QStringLiteral("gpu"));

        // The backend goes away: the indicator says so; it comes back.
        server.http.stop();
        s.session->dispatcher()->checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(health->text(), QStringLiteral("Backends: 0 of 1 online"), 10000);
        QVERIFY(health->toolTip().contains(QLatin1String("offline")));
        QVERIFY(server.http.listen());
        QTRY_COMPARE_WITH_TIMEOUT(health->text(), QStringLiteral("Backends: 1 of 1 online"), 10000);
    }

    // With a local checkpoint chosen and the backend's list left at its first entry, the job asks
    // the backend for that checkpoint by name; a backend entry that names its own model wins.
    void theLocalCheckpointGoesToTheBackendByName() {
        A1111StandIn server;
        server.steps = 2;
        server.stepMs = 50;
        BackendConfig own = gpu(server);
        own.name = QStringLiteral("pinned");
        own.model = QStringLiteral("other.safetensors [abcdefabcd]");
        const QString dir = dir_.filePath(QStringLiteral("checkpoint"));
        Studio s(dir, {gpu(server), own});
        QVERIFY(QTest::qWaitForWindowExposed(s.window.get()));
        QVERIFY(QTest::qWaitFor([&] { return s.session->dispatcher()->isStarted(); }, 10000));
        QVERIFY(s.window->useDemoModel());
        const QString local = QFileInfo(StudioSession::demoModelPath()).completeBaseName();
        QVERIFY(!local.isEmpty());
        s.window->findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(64);
        s.window->findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(64);
        s.window->findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(2);
        auto* picker = s.window->findChild<BackendPicker*>();
        QVERIFY(picker);
        auto* generate = s.window->findChild<QPushButton*>(QStringLiteral("generateButton"));
        JobQueue* q = s.session->queue();

        const QStringList targets{QStringLiteral("gpu"), QStringLiteral("pinned")};
        const QStringList expected{local, own.model};
        for (int i = 0; i < targets.size(); ++i) {
            QVERIFY(picker->setTarget(targets[i]));
            QTRY_VERIFY_WITH_TIMEOUT(picker->modelCombo()->count() >= 1, 10000);
            picker->modelCombo()->setCurrentIndex(0);
            QVERIFY(generate->isEnabled());
            QTest::mouseClick(generate, Qt::LeftButton);
            const qint64 id = q->jobs().last().id;
            QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(id)->state), 20000);
            QVERIFY2(q->job(id)->state == JobState::Done, qPrintable(q->job(id)->error));
            QCOMPARE(server.bodies.size(), i + 1);
            const QJsonObject body = server.bodies.last();
            QCOMPARE(body.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_model_checkpoint")).toString(),
                     expected[i]);
            // Local paths stay on this machine.
            QVERIFY(!body.contains(QStringLiteral("model_path")));
            QVERIFY(!QJsonDocument(body).toJson().contains(QFile::encodeName(StudioSession::demoModelPath())));
        }
    }

    void backendsDialogKeepsTheSecretOutOfTheSettings() {
        A1111StandIn server;
        server.user = QStringLiteral("bob");
        server.pass = QStringLiteral("Dialog-Secret-31337");
        const QString dir = dir_.filePath(QStringLiteral("two"));
        Studio s(dir, {});
        QVERIFY(QTest::qWaitForWindowExposed(s.window.get()));
        QVERIFY(!s.window->backendHealthLabel()->isVisibleTo(s.window.get())); // no backends, no indicator
        QVERIFY(s.window->backendsAction());
        s.window->backendsAction()->trigger();
        auto* dialog = s.window->findChild<BackendsDialog*>();
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("box"));
        dialog->urlEdit()->setText(server.http.origin());
        dialog->userEdit()->setText(QStringLiteral("bob"));
        dialog->secretEdit()->setText(server.pass);
        dialog->concurrencySpin()->setValue(2);
        QVERIFY(dialog->saveEntry());
        QVERIFY(dialog->secretEdit()->text().isEmpty());
        const std::optional<BackendConfig> saved = s.session->backends()->find(QStringLiteral("box"));
        QVERIFY(saved);
        QCOMPARE(saved->concurrency, 2);
        QCOMPARE(saved->user, QStringLiteral("bob"));
        s.settings.sync();
        QVERIFY(fileContains(QDir(dir).filePath(QStringLiteral("studio.ini")), "box"));
        QVERIFY(!fileContains(QDir(dir).filePath(QStringLiteral("studio.ini")), server.pass.toUtf8()));
        // The secret works for this session (keychain or, without one, memory): check passes.
        dialog->checkSelected();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->resultLabel()->text().contains(QLatin1String("Credentials: accepted")), 10000);
        QVERIFY(dialog->resultLabel()->text().contains(QLatin1String("Version: v1.10.1")));
        // The picker lists it; removing it takes it away.
        QTRY_COMPARE(s.window->backendPicker()->targetCombo()->count(), 3);
        dialog->removeSelected();
        QVERIFY(!s.session->backends()->find(QStringLiteral("box")));
        QCOMPARE(s.window->backendPicker()->targetCombo()->count(), 1);
        // Bad input is refused with a reason.
        dialog->newEntry();
        dialog->nameEdit()->setText(QStringLiteral("any"));
        dialog->urlEdit()->setText(server.http.origin());
        QVERIFY(!dialog->saveEntry());
        QVERIFY(dialog->resultLabel()->text().contains(QLatin1String("dispatch target")));
    }

    void closingWithARemoteJobRunningCancelsItOnTheServer() {
        A1111StandIn server;
        server.steps = 200;
        server.stepMs = 100;
        const QString dir = dir_.filePath(QStringLiteral("three"));
        Studio s(dir, {gpu(server)});
        QVERIFY(QTest::qWaitForWindowExposed(s.window.get()));
        QVERIFY(QTest::qWaitFor([&] { return s.session->dispatcher()->isStarted(); }, 10000));
        QVERIFY(s.window->backendPicker()->setTarget(QStringLiteral("gpu")));
        QVERIFY(s.window->promptDock()->generate() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(server.running, 10000);
        // "Don't close" keeps the window open and the job running.
        answerNextModal(QStringLiteral("keepStudioOpen"));
        QVERIFY(!s.window->close());
        QVERIFY(server.running);
        answerNextModal(QStringLiteral("cancelRemoteJobs"));
        QVERIFY(s.window->close());
        QCOMPARE(server.http.hits("/sdapi/v1/interrupt"), 1);
        QCOMPARE(s.session->queue()->jobs().first().state, JobState::Cancelled);
    }
};

QTEST_MAIN(TestRemoteStudio)
#include "tst_remote_studio.moc"
