// GalleryDock over a real GalleryStore: addImages shows thumbnails (made off the GUI thread,
// cached on disk), newest first; search, model filter, favourites; copy parameters; delete;
// rebuild in the background after the database was deleted; drag from the gallery onto the
// canvas; the image info dock shows metadata as plain text and sends it to the prompt; the main
// window wires gallery, canvas and image info; "Show in folder" selects the file through a
// FileManager1 service on a private D-Bus session bus, and opens the folder without one.
#include "app/core/settings.h"
#include "app/gallery/gallery_store.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "common/isolated_app_data.h"
#include "ui/canvas/canvas_view.h"
#include "ui/docks/gallery_dock.h"
#include "ui/docks/image_info_dock.h"
#include "ui/gallery/gallery_model.h"
#include "ui/main/main_window.h"
#include "ui/widgets/file_revealer.h"
#include "ui/widgets/thumbnail_cache.h"

#include <QApplication>
#include <QClipboard>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDesktopServices>
#include <QListView>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using latent::FileRevealer;
using latent::GalleryDock;
using latent::GalleryModel;
using latent::GalleryStore;
using latent::GenerationParams;

// Stands in for the desktop's file manager on a private bus (Nautilus, Dolphin, ... export this).
class FakeFileManager : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")
public:
    QStringList shownItems;
    QStringList startupIds;
public Q_SLOTS:
    void ShowItems(const QStringList& uris, const QString& startupId) {
        shownItems << uris;
        startupIds << startupId;
    }
    void ShowFolders(const QStringList&, const QString&) {}
};

// Catches QDesktopServices::openUrl for file: URLs (the fallback), so no real program starts.
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl& url) { urls << url; }
};

// A private session bus: dbus-daemon with its own configuration (no system service folders, so
// no real file manager can be activated) and a service folder the test controls.
class PrivateBus {
public:
    ~PrivateBus() {
        if (!name_.isEmpty()) QDBusConnection::disconnectFromBus(name_);
        if (process_.state() != QProcess::NotRunning) {
            process_.terminate();
            if (!process_.waitForFinished(5000)) process_.kill();
            process_.waitForFinished(2000);
        }
    }
    // Empty on success, else why the bus could not start.
    QString start(const QString& dir) {
        const QString exe = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        if (exe.isEmpty()) return QStringLiteral("dbus-daemon is not installed");
        serviceDir_ = QDir(dir).filePath(QStringLiteral("services"));
        QDir().mkpath(serviceDir_);
        const QString config = QDir(dir).filePath(QStringLiteral("bus.conf"));
        QFile f(config);
        if (!f.open(QIODevice::WriteOnly)) return f.errorString();
        f.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN\"\n"
                               " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                               "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
                               "<servicedir>%2</servicedir><policy context=\"default\">"
                               "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                               "<allow own=\"*\"/></policy></busconfig>\n")
                    .arg(dir, serviceDir_)
                    .toUtf8());
        f.close();
        process_.start(exe, {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                             QStringLiteral("--print-address=1")});
        if (!process_.waitForStarted(10000)) return process_.errorString();
        while (!process_.canReadLine())
            if (!process_.waitForReadyRead(10000))
                return QStringLiteral("dbus-daemon printed no address: ") +
                       QString::fromLocal8Bit(process_.readAllStandardError());
        address_ = QString::fromUtf8(process_.readLine()).trimmed();
        return {};
    }
    QString address() const { return address_; }
    QString serviceDir() const { return serviceDir_; }
    QDBusConnection connect(const QString& name) {
        name_ = name;
        return QDBusConnection::connectToBus(address_, name);
    }

private:
    QProcess process_;
    QString address_;
    QString serviceDir_;
    QString name_;
};

class TestGalleryDock : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;
    int counter_ = 0;

    QString outDir() const { return dir_.filePath(QStringLiteral("outputs")); }
    QString dbPath() const { return dir_.filePath(QStringLiteral("gallery.sqlite")); }

    QString writeImage(const QString& prompt, const QString& model, int minutesAgo) {
        GenerationParams p;
        p.prompt = prompt;
        p.steps = 12;
        p.sampler = QStringLiteral("Euler");
        p.cfgScale = 5;
        p.seed = 1000 + counter_;
        p.width = 64;
        p.height = 48;
        p.modelName = model;
        latent::ImageSaveRequest req;
        req.image.width = 256;
        req.image.height = 192;
        req.image.channels = 3;
        req.image.data = QByteArray(256 * 192 * 3, char(30 + 40 * (counter_++ % 5)));
        req.params = p;
        req.outputDir = outDir();
        const auto r = latent::ImageWriter(dir_.filePath(QStringLiteral("recovery"))).save(req);
        QFile f(r.path);
        f.open(QIODevice::ReadWrite);
        f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo), QFileDevice::FileModificationTime);
        return r.path;
    }

    static QStringList shownPrompts(GalleryDock& dock) {
        QStringList out;
        for (const auto& e : dock.model()->entries()) out << e.prompt;
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
    }

    void init() {
        QDir(outDir()).removeRecursively();
        for (const QString& s : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(dbPath() + s);
    }

    void addedImagesAppearWithThumbnailsNewestFirst() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        dock.resize(400, 500);
        dock.show();
        QCOMPARE(dock.imageCount(), 0);

        const QStringList first = {writeImage(QStringLiteral("a cat"), QStringLiteral("modelA"), 3),
                                   writeImage(QStringLiteral("a dog"), QStringLiteral("modelB"), 2)};
        dock.addImages(first);
        QCOMPARE(dock.imageCount(), 2);
        dock.addImages({writeImage(QStringLiteral("a bird"), QStringLiteral("modelA"), 1)});
        QCOMPARE(dock.imageCount(), 3);
        // The newest batch is on top.
        QCOMPARE(shownPrompts(dock).first(), QStringLiteral("a bird"));
        QCOMPARE(store.count(), 3);

        // Thumbnails are made in the background and then shown.
        for (int row = 0; row < 3; ++row) dock.model()->index(row).data(Qt::DecorationRole);
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->index(0).data(GalleryModel::ThumbnailReadyRole).toBool() &&
                                     dock.model()->index(1).data(GalleryModel::ThumbnailReadyRole).toBool() &&
                                     dock.model()->index(2).data(GalleryModel::ThumbnailReadyRole).toBool(),
                                 20000);
        const QPixmap thumb = dock.model()->index(0).data(Qt::DecorationRole).value<QPixmap>();
        QVERIFY(thumb.width() <= 128 && thumb.height() <= 128);
        QCOMPARE(thumb.width(), 128); // 64×48 scaled to fit 128×128
        QCOMPARE(thumb.height(), 96);
        // ...and cached on disk for the next start.
        QVERIFY(QFile::exists(dock.thumbnails()->diskPath(dock.model()->entryAt(0)->path)));

        // A file that is not a PNG is reported, not shown.
        QSignalSpy status(&dock, &GalleryDock::statusMessage);
        dock.addImages({dir_.filePath(QStringLiteral("missing.png"))});
        QCOMPARE(dock.imageCount(), 3);
        QCOMPARE(status.count(), 1);

        // Tooltips carry the prompt as escaped text.
        QVERIFY(dock.model()->index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("a bird")));
    }

    // An image deleted outside the studio: its tile is not "Loading…" for ever, and it leaves the
    // index once its thumbnail finds the file gone (the files are the truth).
    void imageDeletedOutsideLeavesTheIndex() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        const QString keep = writeImage(QStringLiteral("kept"), QStringLiteral("m"), 2);
        const QString gone = writeImage(QStringLiteral("gone"), QStringLiteral("m"), 1);
        dock.addImages({keep, gone});
        QCOMPARE(dock.imageCount(), 2);
        QVERIFY(QFile::remove(gone));
        for (int row = 0; row < 2; ++row) dock.model()->index(row).data(Qt::DecorationRole);
        QTRY_COMPARE_WITH_TIMEOUT(dock.imageCount(), 1, 20000);
        QCOMPARE(store.count(), 1);
        QCOMPARE(shownPrompts(dock), QStringList{QStringLiteral("kept")});
    }

    void persistsAcrossRestart() {
        {
            GalleryStore store(dbPath());
            QVERIFY(store.open());
            GalleryDock dock;
            dock.setStore(&store);
            dock.addImages({writeImage(QStringLiteral("one"), {}, 2), writeImage(QStringLiteral("two"), {}, 1)});
        }
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        QCOMPARE(shownPrompts(dock), QStringList({QStringLiteral("two"), QStringLiteral("one")}));
    }

    void searchFilterFavouriteDelete() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        const QString cat = writeImage(QStringLiteral("a cat on a roof"), QStringLiteral("modelA"), 4);
        const QString cathedral = writeImage(QStringLiteral("gothic cathedral"), QStringLiteral("modelB"), 3);
        const QString dog = writeImage(QStringLiteral("a dog"), QStringLiteral("modelA"), 2);
        dock.addImages({cat, cathedral, dog});

        dock.setSearchText(QStringLiteral("CAT"));
        QCOMPARE(shownPrompts(dock),
                 QStringList({QStringLiteral("gothic cathedral"), QStringLiteral("a cat on a roof")}));
        dock.setModelFilter(QStringLiteral("modelA"));
        QCOMPARE(shownPrompts(dock), QStringList({QStringLiteral("a cat on a roof")}));
        dock.setSearchText(QString());
        QCOMPARE(shownPrompts(dock), QStringList({QStringLiteral("a dog"), QStringLiteral("a cat on a roof")}));
        // A new image of another model does not show under this filter, but the model is offered.
        dock.addImages({writeImage(QStringLiteral("a horse"), QStringLiteral("modelC"), 1)});
        QCOMPARE(dock.imageCount(), 2);
        dock.setModelFilter(QStringLiteral("modelC"));
        QCOMPARE(shownPrompts(dock), QStringList({QStringLiteral("a horse")}));
        dock.setModelFilter(QString());
        QCOMPARE(dock.imageCount(), 4);

        // Favourite, then favourites only.
        const qint64 dogId = store.entryByPath(dog)->id;
        QVERIFY(dock.toggleFavourite(dogId));
        QVERIFY(store.entry(dogId)->favourite);
        dock.setFavouritesOnly(true);
        QCOMPARE(shownPrompts(dock), QStringList({QStringLiteral("a dog")}));
        dock.setFavouritesOnly(false);

        // Copy parameters puts the file's own infotext on the clipboard.
        const qint64 catId = store.entryByPath(cat)->id;
        QVERIFY(dock.copyParameters(catId));
        QCOMPARE(QApplication::clipboard()->text(), latent::PngText::readFile(cat).value(QStringLiteral("parameters")));
        QVERIFY(dock.copyImage(catId));
        QCOMPARE(QApplication::clipboard()->image().size(), QSize(256, 192));

        // Selecting an image announces it (for the image info dock).
        QSignalSpy current(&dock, &GalleryDock::currentImageChanged);
        dock.selectId(catId);
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.at(0).at(0).toString(), QFileInfo(cat).absoluteFilePath());
        QCOMPARE(dock.currentId(), catId);

        // Delete (no confirmation in the test): gone from the view, the index and its folder.
        QCOMPARE(dock.deleteImages({catId}, false), 1);
        QCOMPARE(dock.imageCount(), 3);
        QVERIFY(!store.entry(catId));
        QVERIFY(!QFile::exists(cat));
    }

    void rebuildIndexInBackground() {
        QStringList paths;
        for (int i = 0; i < 5; ++i)
            paths << writeImage(QStringLiteral("image %1").arg(i), QStringLiteral("m%1").arg(i % 2), 10 - i);
        {
            GalleryStore store(dbPath());
            QVERIFY(store.open());
            for (const QString& p : paths) store.addImage(p);
        }
        for (const QString& s : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(dbPath() + s);

        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        QCOMPARE(dock.imageCount(), 0);
        dock.setScanFolders({outDir()});
        QSignalSpy done(&dock, &GalleryDock::rebuildFinished);
        dock.rebuildIndex();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
        QCOMPARE(done.at(0).at(0).toInt(), 5);
        QCOMPARE(dock.imageCount(), 5);
        QCOMPARE(shownPrompts(dock).first(), QStringLiteral("image 4"));
        dock.setModelFilter(QStringLiteral("m1"));
        QCOMPARE(dock.imageCount(), 2);
    }

    void rescanAddsOrphansAndKeepsTheIndex() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        dock.setScanFolders({outDir()});
        const QString indexed = writeImage(QStringLiteral("indexed"), QStringLiteral("m"), 5);
        dock.addImages({indexed});
        const qint64 id = store.entryByPath(indexed)->id;
        QVERIFY(dock.toggleFavourite(id));
        // Written by a worker that crashed before telling the gallery.
        const QString orphan = writeImage(QStringLiteral("orphan"), QStringLiteral("m"), 1);
        QSignalSpy done(&dock, &GalleryDock::rebuildFinished);
        dock.rescanFolders();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
        QCOMPARE(done.at(0).at(0).toInt(), 1); // only the orphan was read and added
        QCOMPARE(shownPrompts(dock), QStringList({QStringLiteral("orphan"), QStringLiteral("indexed")}));
        QVERIFY(store.entry(id)->favourite);
        QCOMPARE(store.entry(id)->id, id);
        // Nothing new: nothing changes.
        dock.rescanFolders();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 20000);
        QCOMPARE(done.at(1).at(0).toInt(), 0);
        QCOMPARE(store.count(), 2);
    }

    void dragFromGalleryOntoCanvas() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        const QString path = writeImage(QStringLiteral("drag me"), QStringLiteral("modelA"), 1);
        dock.addImages({path});
        std::unique_ptr<QMimeData> mime(dock.model()->mimeData({dock.model()->index(0)}));
        QVERIFY(mime);
        QCOMPARE(mime->urls().size(), 1);
        QCOMPARE(mime->urls().first().toLocalFile(), QFileInfo(path).absoluteFilePath());

        latent::CanvasView canvas;
        canvas.resize(300, 300);
        QDragEnterEvent enter(QPoint(150, 150), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&canvas, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(150, 150), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&canvas, &drop);
        QVERIFY(canvas.hasImage());
        QCOMPARE(canvas.currentPath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(canvas.isOfferVisible());
    }

    void imageInfoShowsPlainTextAndSendsToPrompt() {
        latent::ImageInfoDock info;
        const QString hostile =
            QStringLiteral("<b>bold</b> <img src=http://x/y.png> \u202Eevil\nSteps: 20, Sampler: Euler, "
                           "CFG scale: 7, Seed: 5, Size: 512x512");
        info.setImage(QStringLiteral("/tmp/x.png"), hostile);
        const QString shown = info.shownText();
        QVERIFY(shown.contains(QStringLiteral("<b>bold</b>"))); // literally, not rendered
        QVERIFY(!shown.contains(QChar(0x202E)));
        QVERIFY(info.findChild<QPlainTextEdit*>() != nullptr);
        QSignalSpy send(&info, &latent::ImageInfoDock::restoreParametersRequested);
        auto* button = info.findChild<QPushButton*>(QStringLiteral("sendToPromptButton"));
        QVERIFY(button->isEnabled());
        button->click();
        QCOMPARE(send.count(), 1);
        const auto p = send.at(0).at(0).value<GenerationParams>();
        QCOMPARE(*p.seed, 5);
        QCOMPARE(*p.steps, 20);
        QVERIFY(p.prompt.startsWith(QStringLiteral("<b>bold</b>")));

        // 10 MB of metadata is cut for display.
        info.setImage(QStringLiteral("/tmp/big.png"), QString(10 << 20, QLatin1Char('z')));
        QVERIFY(info.shownText().size() < latent::ImageInfoDock::kMaxShownChars + 5000); // plus parse notes
        info.setImage(QString(), QString());
        QVERIFY(!button->isEnabled());
    }

    // Without a session bus (or without FileManager1 on it) "Show in folder" opens the folder
    // with QDesktopServices; a missing file is reported instead.
    void showInFolderFallsBackToOpeningTheFolder() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        const QString png = writeImage(QStringLiteral("shown"), QStringLiteral("m"), 1);
        dock.addImages({png});
        const qint64 id = store.entryByPath(png)->id;
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
        auto cleanup = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); });

        dock.fileRevealer()->setBus(QDBusConnection(QStringLiteral("latent-no-such-bus"))); // not connected
        QCOMPARE(dock.fileRevealer()->method(), FileRevealer::Method::OpenFolder);
        QSignalSpy revealed(dock.fileRevealer(), &FileRevealer::revealed);
        QVERIFY(dock.showInFolder(id));
        QCOMPARE(catcher.urls, QList<QUrl>{QUrl::fromLocalFile(QFileInfo(png).absolutePath())});
        QCOMPARE(revealed.count(), 1);
        QCOMPARE(revealed.first().at(1).value<FileRevealer::Method>(), FileRevealer::Method::OpenFolder);

        // The file went away since it was indexed: a message, nothing opened.
        QSignalSpy status(&dock, &GalleryDock::statusMessage);
        QVERIFY(QFile::remove(png));
        QVERIFY(!dock.showInFolder(id));
        QCOMPARE(catcher.urls.size(), 1);
        QCOMPARE(status.count(), 1);
        QVERIFY2(status.first().first().toString().contains(QFileInfo(png).fileName()),
                 qPrintable(status.first().first().toString()));
    }

    // On a private session bus: no FileManager1 -> the folder; an activatable one that fails to
    // start -> the folder after the failed call; a running one -> ShowItems with the file's URL.
    void showInFolderSelectsTheFileThroughFileManager1() {
        QTemporaryDir busDir(QDir::tempPath() + QStringLiteral("/latent-bus-XXXXXX"));
        QVERIFY(busDir.isValid());
        PrivateBus bus;
        const QString error = bus.start(busDir.path());
        if (!error.isEmpty()) QSKIP(qPrintable(QStringLiteral("no private D-Bus: ") + error));
        QDBusConnection client = bus.connect(QStringLiteral("latent-test-client"));
        QVERIFY2(client.isConnected(), qPrintable(client.lastError().message()));

        GalleryStore store(dbPath());
        QVERIFY(store.open());
        GalleryDock dock;
        dock.setStore(&store);
        const QString png = writeImage(QStringLiteral("selected"), QStringLiteral("m"), 1);
        dock.addImages({png});
        const qint64 id = store.entryByPath(png)->id;
        dock.fileRevealer()->setBus(client);
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
        auto cleanup = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); });
        QSignalSpy revealed(dock.fileRevealer(), &FileRevealer::revealed);

        // 1. A bus without a file manager.
        QCOMPARE(dock.fileRevealer()->method(), FileRevealer::Method::OpenFolder);
        QVERIFY(dock.showInFolder(id));
        QCOMPARE(catcher.urls.size(), 1);

        // 2. Activatable, but its program fails: the call errors, the folder opens instead.
        QFile service(QDir(bus.serviceDir()).filePath(QStringLiteral("org.freedesktop.FileManager1.service")));
        QVERIFY(service.open(QIODevice::WriteOnly));
        service.write("[D-BUS Service]\nName=org.freedesktop.FileManager1\nExec=/bin/false\n");
        service.close();
        const QDBusMessage reload = client.call(QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("ReloadConfig")));
        QCOMPARE(reload.type(), QDBusMessage::ReplyMessage);
        QCOMPARE(dock.fileRevealer()->method(), FileRevealer::Method::ShowItems);
        revealed.clear();
        QVERIFY(dock.showInFolder(id));
        QTRY_COMPARE_WITH_TIMEOUT(catcher.urls.size(), 2, 15000);
        QCOMPARE(catcher.urls.last(), QUrl::fromLocalFile(QFileInfo(png).absolutePath()));
        QCOMPARE(revealed.count(), 1);
        QCOMPARE(revealed.first().at(1).value<FileRevealer::Method>(), FileRevealer::Method::OpenFolder);

        // 3. A running file manager gets the file's URL (percent-encoded) and selects it.
        FakeFileManager fake;
        QDBusConnection fm = QDBusConnection::connectToBus(bus.address(), QStringLiteral("latent-test-fm"));
        auto fmCleanup = qScopeGuard([] { QDBusConnection::disconnectFromBus(QStringLiteral("latent-test-fm")); });
        QVERIFY(fm.registerObject(QLatin1String(FileRevealer::kPath), &fake, QDBusConnection::ExportAllSlots));
        QVERIFY(fm.registerService(QLatin1String(FileRevealer::kService)));
        QCOMPARE(dock.fileRevealer()->method(), FileRevealer::Method::ShowItems);
        revealed.clear();
        QVERIFY(dock.showInFolder(id));
        QTRY_COMPARE_WITH_TIMEOUT(fake.shownItems.size(), 1, 10000);
        QCOMPARE(fake.shownItems.first(), QString::fromUtf8(QUrl::fromLocalFile(png).toEncoded()));
        QTRY_COMPARE(revealed.count(), 1);
        QCOMPARE(revealed.first().at(1).value<FileRevealer::Method>(), FileRevealer::Method::ShowItems);
        QCOMPARE(catcher.urls.size(), 2); // no folder opened this time

        // A name that needs encoding arrives as a proper file:// URI.
        const QString odd = dir_.filePath(QStringLiteral("with space ü#1.png"));
        QVERIFY(QFile::copy(png, odd));
        FileRevealer direct(client);
        QVERIFY(direct.reveal(odd));
        QTRY_COMPARE_WITH_TIMEOUT(fake.shownItems.size(), 2, 10000);
        QVERIFY2(fake.shownItems.last().startsWith(QStringLiteral("file:///")), qPrintable(fake.shownItems.last()));
        QVERIFY(fake.shownItems.last().contains(QStringLiteral("with%20space%20%C3%BC%231.png")));
        QCOMPARE(QUrl(fake.shownItems.last()).toLocalFile(), QFileInfo(odd).absoluteFilePath());
        QFile::remove(odd);
    }

    void mainWindowWiresGalleryCanvasAndInfo() {
        QSettings backend(dir_.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        latent::Settings settings(&backend);
        latent::MainWindow w(settings);
        QVERIFY(w.galleryStore() && w.galleryStore()->isOpen());
        const QString path = writeImage(QStringLiteral("wired up"), QStringLiteral("modelW"), 0);
        w.galleryDock()->addImages({path});
        const qint64 id = w.galleryStore()->entryByPath(path)->id;
        w.galleryDock()->selectId(id);
        QCOMPARE(w.imageInfoDock()->path(), QFileInfo(path).absoluteFilePath());
        QVERIFY(w.imageInfoDock()->shownText().startsWith(QStringLiteral("wired up")));

        QSignalSpy restore(&w, &latent::MainWindow::restoreParametersRequested);
        Q_EMIT w.galleryDock()->openInCanvasRequested(path);
        QVERIFY(w.canvas()->hasImage());
        QVERIFY(w.canvas()->isVisibleTo(&w));
        w.canvas()->restoreParameters();
        QCOMPARE(restore.count(), 1);
        w.imageInfoDock()->sendToPrompt();
        QCOMPARE(restore.count(), 2);
        QCOMPARE(restore.at(1).at(0).value<GenerationParams>().prompt, QStringLiteral("wired up"));
        w.galleryDock()->deleteImages({id}, false);
    }
};

QTEST_MAIN(TestGalleryDock)
#include "tst_gallery_dock.moc"
