// The "Download from URL…" dialog: paste → look up → plan shown → Download → the list row shows
// the download until it is installed; pause/resume/cancel buttons follow the selection.
#include "app/core/settings.h"
#include "app/downloads/download_manager.h"
#include "app/downloads/token_store.h"
#include "common/fake_hub_server.h"
#include "ui/dialogs/download_dialog.h"
#include "ui/main/main_window.h"
#include "common/isolated_app_data.h"

#include <QAction>
#include <QSettings>

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace latent;
using namespace latent::test;

class TestDownloadDialog : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pasteResolveStartInstall() {
        FakeHubServer hub;
        QVERIFY(hub.isListening());
        const QByteArray data = fakeSafetensors(200 * 1024, 7);
        const QString sha = sha256Hex(data);
        hub.route("/api/models/org/vae", [](const HttpRequest&) { return jsonReply(200, R"({"id":"org/vae"})"); });
        hub.route("/org/vae/resolve/main/vae.safetensors", [data, sha](const HttpRequest& q) {
            HttpReply r = serveFile(q, data, {.etag = "\"" + sha.toLatin1() + "\""});
            r.header("X-Linked-Etag", "\"" + sha.toLatin1() + "\"");
            r.header("X-Linked-Size", QByteArray::number(data.size()));
            r.chunkDelayMs = 5;
            r.chunkSize = 16 * 1024;
            return r;
        });
        QTemporaryDir tmp;
        DownloadManager manager;
        manager.setStateFile(QString());
        SiteConfig sites;
        sites.hfEndpoint = QUrl(hub.origin());
        manager.setSiteConfig(sites);
        TokenStore tokens;
        DownloadDialog dialog(&manager, &tokens, tmp.path());
        dialog.show();
        auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("downloadUrl"));
        auto* plan = dialog.findChild<QPlainTextEdit*>(QStringLiteral("downloadPlan"));
        auto* start = dialog.findChild<QPushButton*>(QStringLiteral("downloadStart"));
        auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("downloadList"));
        QVERIFY(url && plan && start && list);
        QVERIFY(!start->isEnabled());
        url->setText(hub.origin() + QStringLiteral("/org/vae/blob/main/vae.safetensors"));
        QSignalSpy ready(&dialog, &DownloadDialog::planReady);
        dialog.resolveUrl();
        QVERIFY(ready.wait(10000));
        QVERIFY2(dialog.hasPlan(), qPrintable(plan->toPlainText()));
        QVERIFY(plan->toPlainText().contains(QLatin1String("vae.safetensors")));
        QVERIFY(plan->toPlainText().contains(QLatin1String("Kind:        vae")));
        QVERIFY(start->isEnabled());
        QSignalSpy installed(&manager, &DownloadManager::modelInstalled);
        start->click();
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY(installed.wait(20000));
        const QString path = tmp.path() + QStringLiteral("/VAE/vae.safetensors");
        QCOMPARE(installed.first().first().toString(), path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(sha256Hex(f.readAll()), sha);
        auto* bar = qobject_cast<QProgressBar*>(list->itemWidget(list->topLevelItem(0), 2));
        QVERIFY(bar);
        QCOMPARE(bar->value(), 1000);
        QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Installed"));
    }

    void mainWindowActionOpensTheDialog() {
        QTemporaryDir tmp;
        QSettings backend(tmp.path() + QStringLiteral("/s.ini"), QSettings::IniFormat);
        backend.setValue(QStringLiteral("library/roots"), tmp.path() + QStringLiteral("/models"));
        Settings settings(&backend);
        MainWindow w(settings);
        auto* action = w.findChild<QAction*>(QStringLiteral("downloadAction"));
        QVERIFY(action);
        action->trigger();
        auto* dialog = w.findChild<DownloadDialog*>(QStringLiteral("downloadDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->destRoot(), tmp.path() + QStringLiteral("/models"));
        QVERIFY(w.downloadManager());
        action->trigger(); // the same dialog again
        QCOMPARE(w.findChildren<DownloadDialog*>().size(), 1);
    }

    void badLinkShowsReason() {
        QTemporaryDir tmp;
        DownloadManager manager;
        manager.setStateFile(QString());
        DownloadDialog dialog(&manager, nullptr, tmp.path());
        dialog.setUrl(QStringLiteral("https://example.com/model.safetensors"));
        QSignalSpy ready(&dialog, &DownloadDialog::planReady);
        dialog.resolveUrl();
        QVERIFY(ready.wait(5000));
        QVERIFY(!dialog.hasPlan());
        QVERIFY(dialog.findChild<QPlainTextEdit*>(QStringLiteral("downloadPlan"))
                    ->toPlainText()
                    .contains(QLatin1String("Hugging Face and Civitai")));
    }
};

QTEST_MAIN(TestDownloadDialog)
#include "tst_download_dialog.moc"
