// Library dock on a real scanned tree (offscreen): entries per kind tab, search filters,
// "Insert into prompt" gives A1111's <lora:NAME:W> text, "Use as model" names the checkpoint,
// notes edited in the dock are saved to the A1111 sidecar, file strings stay plain text.
#include "common/model_fixtures.h"

#include "app/core/settings.h"
#include "app/library/model_library.h"
#include "ui/docks/library_dock.h"
#include "ui/docks/prompt_dock.h"
#include "ui/library/model_details_panel.h"
#include "ui/widgets/thumbnail_cache.h"
#include "ui/main/main_window.h"
#include "common/isolated_app_data.h"

#include <QApplication>

#include <algorithm>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

class TestLibraryDock : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString root_;

    QString path(const QString& rel) const { return QDir(root_).filePath(rel); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        root_ = dir_.filePath(QStringLiteral("models"));
        test::writeA1111Tree(root_);
        // A LoRA whose sidecar carries markup and bidi controls: it must stay plain text.
        test::writeModel(path(QStringLiteral("Lora/evil.safetensors")), test::loraTensors(700));
        QJsonObject evil;
        evil.insert(QStringLiteral("notes"), QStringLiteral("<img src=http://example.invalid/x.png><b>bold</b>") +
                                                 QChar(0x202E) + QStringLiteral("gnp.exe"));
        evil.insert(QStringLiteral("activation text"), QStringLiteral("<a href=file:///etc/passwd>x</a>"));
        test::writeBytes(path(QStringLiteral("Lora/evil.json")), QJsonDocument(evil).toJson());
    }

    void showsEntriesSearchesAndInserts() {
        ModelLibrary lib(dir_.filePath(QStringLiteral("ui.sqlite")));
        lib.setRoots({root_});
        LibraryDock dock(nullptr, nullptr, nullptr);
        dock.setLibrary(&lib);
        dock.resize(420, 800);
        dock.show();
        lib.reload();
        QVERIFY(lib.waitForIdle());

        // Checkpoints tab: sd1, sdxl, inpaint and the three junk files (listed, marked).
        dock.showKind(ModelKind::Checkpoint);
        QCOMPARE(dock.visibleCount(), 6);
        QVERIFY(dock.kindTabs()->tabText(0).contains(QStringLiteral("(6)")));
        dock.searchField()->setText(QStringLiteral("sdxl"));
        QCOMPARE(dock.visiblePaths(), QStringList{path(QStringLiteral("Stable-diffusion/sdxl.safetensors"))});
        dock.searchField()->setText(QStringLiteral("SD 1.x")); // the family badge is searchable
        QCOMPARE(dock.visibleCount(), 2);
        dock.searchField()->clear();

        // Use as model.
        QSignalSpy active(&dock, &LibraryDock::activeModelChanged);
        QVERIFY(dock.selectPath(path(QStringLiteral("Stable-diffusion/sd1.safetensors"))));
        QVERIFY(dock.details()->useButton()->isVisible());
        QTest::mouseClick(dock.details()->useButton(), Qt::LeftButton);
        QCOMPARE(active.size(), 1);
        QCOMPARE(active.at(0).at(0).toString(), path(QStringLiteral("Stable-diffusion/sd1.safetensors")));
        // An HTML page named .safetensors cannot be used.
        QVERIFY(dock.selectPath(path(QStringLiteral("Stable-diffusion/login.safetensors"))));
        QVERIFY(!dock.details()->useButton()->isEnabled());

        // LoRA tab, search by trigger word, insert into prompt.
        dock.showKind(ModelKind::Lora);
        QCOMPARE(dock.visibleCount(), 3); // mylora, evil, the LFS pointer
        dock.searchField()->setText(QStringLiteral("red hair"));
        QCOMPARE(dock.visiblePaths(), QStringList{path(QStringLiteral("Lora/mylora.safetensors"))});
        QSignalSpy insert(&dock, &LibraryDock::insertPromptText);
        QVERIFY(dock.selectPath(path(QStringLiteral("Lora/mylora.safetensors"))));
        QVERIFY(dock.details()->insertButton()->isVisible());
        QTest::mouseClick(dock.details()->insertButton(), Qt::LeftButton);
        QCOMPARE(insert.size(), 1);
        QCOMPARE(insert.at(0).at(0).toString(), QStringLiteral("<lora:mylora:0.8> red hair"));
        // Optional picture of the dock for a human check (LATENT_LIBRARY_DOCK_SHOT=file.png).
        if (const QString shot = qEnvironmentVariable("LATENT_LIBRARY_DOCK_SHOT"); !shot.isEmpty()) {
            dock.searchField()->clear();
            QVERIFY(dock.selectPath(path(QStringLiteral("Lora/mylora.safetensors"))));
            QTest::qWait(300); // thumbnails arrive from the pool
            QVERIFY(dock.grab().save(shot));
            dock.searchField()->setText(QStringLiteral("red hair"));
        }
        // Activating the card (Enter / double-click) inserts too.
        Q_EMIT dock.listView()->activated(dock.listView()->currentIndex());
        QCOMPARE(insert.size(), 2);

        // Embeddings insert their name.
        dock.searchField()->clear();
        dock.showKind(ModelKind::Embedding);
        QCOMPARE(dock.visibleCount(), 1);
        QVERIFY(dock.selectPath(path(QStringLiteral("embeddings/myemb.safetensors"))));
        QTest::mouseClick(dock.details()->insertButton(), Qt::LeftButton);
        QCOMPARE(insert.last().at(0).toString(), QStringLiteral("myemb"));
    }

    void notesEditSavedToSidecar() {
        ModelLibrary lib(dir_.filePath(QStringLiteral("ui2.sqlite")));
        lib.setRoots({root_});
        LibraryDock dock(nullptr, nullptr, nullptr);
        dock.setLibrary(&lib);
        dock.show();
        lib.reload();
        QVERIFY(lib.waitForIdle());
        QVERIFY(dock.selectPath(path(QStringLiteral("Lora/mylora.safetensors"))));
        ModelDetailsPanel* d = dock.details();
        QCOMPARE(d->activationEdit()->text(), QStringLiteral("red hair"));
        QCOMPARE(d->weightEdit()->value(), 0.8);
        QVERIFY(!d->saveButton()->isEnabled());
        d->notesEdit()->setPlainText(QStringLiteral("works best at 0.6"));
        d->weightEdit()->setValue(0.6);
        QTest::keyClicks(d->activationEdit(), QStringLiteral(", freckles"));
        QVERIFY(d->saveButton()->isEnabled());
        QTest::mouseClick(d->saveButton(), Qt::LeftButton);
        QFile f(path(QStringLiteral("Lora/mylora.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o.value(QStringLiteral("notes")).toString(), QStringLiteral("works best at 0.6"));
        QCOMPARE(o.value(QStringLiteral("preferred weight")).toDouble(), 0.6);
        QCOMPARE(o.value(QStringLiteral("activation text")).toString(), QStringLiteral("red hair, freckles"));
        QCOMPARE(o.value(QStringLiteral("custom key")).toInt(), 42); // unknown keys survive
        QCOMPARE(lib.entry(path(QStringLiteral("Lora/mylora.safetensors")))->promptText(),
                 QStringLiteral("<lora:mylora:0.6> red hair, freckles"));
        QVERIFY(!d->saveButton()->isEnabled());
    }

    void fileStringsArePlainText() {
        ModelLibrary lib(dir_.filePath(QStringLiteral("ui3.sqlite")));
        lib.setRoots({root_});
        LibraryDock dock(nullptr, nullptr, nullptr);
        dock.setLibrary(&lib);
        dock.show();
        lib.reload();
        QVERIFY(lib.waitForIdle());
        QVERIFY(dock.selectPath(path(QStringLiteral("Lora/evil.safetensors"))));
        bool sawTrigger = false;
        for (QLabel* l : dock.findChildren<QLabel*>()) {
            if (l->text().contains(QStringLiteral("<a href"))) {
                sawTrigger = true;
                QCOMPARE(l->textFormat(), Qt::PlainText);
            }
            QVERIFY(!l->text().contains(QChar(0x202E))); // bidi override removed from labels
        }
        QVERIFY(sawTrigger);
        QVERIFY(dock.details()->notesEdit()->toPlainText().contains(QStringLiteral("<img src=")));
    }

    void mainWindowUsesA1111WebuiFolder() {
        QTemporaryDir dir;
        const QString webui = dir.filePath(QStringLiteral("stable-diffusion-webui"));
        test::writeA1111Tree(QDir(webui).filePath(QStringLiteral("models")));
        QSettings backend(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        MainWindow w(settings);
        w.addModelRoot(webui); // what "Use an existing A1111 folder…" does after the folder dialog
        QCOMPARE(settings.value(settings::ModelRoots), QStringList{QDir(webui).filePath(QStringLiteral("models"))});
        QCOMPARE(ModelLibrary::rootsFromSettings(settings),
                 QStringList{QDir(webui).filePath(QStringLiteral("models"))});
        QVERIFY(w.library()->waitForIdle());
        QCOMPARE(w.library()->entries().size(), 10);
        w.libraryDock()->showKind(ModelKind::Lora);
        QVERIFY(w.libraryDock()->selectPath(QDir(webui).filePath(QStringLiteral("models/Lora/mylora.safetensors"))));
        QTest::mouseClick(w.libraryDock()->details()->insertButton(), Qt::LeftButton);
        QCOMPARE(w.promptDock()->prompt(), QStringLiteral("<lora:mylora:0.8> red hair"));
        // The older ';'-separated value is still understood.
        settings.setValue(settings::ModelRoots, QStringList{QStringLiteral("/a/models;/b/models")});
        QCOMPARE(ModelLibrary::rootsFromSettings(settings),
                 (QStringList{QStringLiteral("/a/models"), QStringLiteral("/b/models")}));
    }

    void thumbnailsLoadOffTheGuiThread() {
        QTemporaryDir cacheDir;
        ThumbnailCache cache(QSize(32, 32), cacheDir.path());
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        const QString preview = path(QStringLiteral("Stable-diffusion/sd1.preview.png"));
        QVERIFY(cache.thumbnail(preview).isNull()); // not decoded on this call
        QVERIFY(cache.isPending(preview));
        QVERIFY(ready.wait(10000));
        const QImage pix = cache.thumbnail(preview);
        QCOMPARE(std::max(pix.width(), pix.height()), 32);  // fits the box, keeps its aspect
        QCOMPARE(pix.pixelColor(pix.width() / 2, pix.height() / 2), QColor(Qt::red));
        // Not an image: no thumbnail, no crash.
        QVERIFY(cache.thumbnail(path(QStringLiteral("Lora/mylora.json"))).isNull());
    }
};

QTEST_MAIN(TestLibraryDock)
#include "tst_library_dock.moc"
