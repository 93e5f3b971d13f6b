// Main window: the seven docks, View menu toggles, layout save/restore round trip, reset layout,
// German translation, screenshot rendering, the thread report in the status bar.
#include "app/core/settings.h"
#include "app/core/translations.h"
#include "pipeline/core/thread_policy.h"
#include "ui/canvas/canvas_view.h"
#include "ui/main/main_window.h"
#include "common/isolated_app_data.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using latent::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString settingsPath() const { return dir_.filePath(QStringLiteral("settings.ini")); }

    static QStringList dockNames(const MainWindow& w) {
        QStringList names;
        for (QDockWidget* d : w.docks()) names << d->objectName();
        return names;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
    }

    void cleanup() { latent::Translations::install(QStringLiteral("en")); }

    void hasSevenNamedDocksAndCanvas() {
        QSettings backend(settingsPath(), QSettings::IniFormat);
        latent::Settings settings(&backend);
        MainWindow w(settings);
        const QStringList expected = {QStringLiteral("promptDock"),  QStringLiteral("inpaintDock"),
                                      QStringLiteral("galleryDock"), QStringLiteral("queueDock"),
                                      QStringLiteral("libraryDock"), QStringLiteral("imageInfoDock"),
                                      QStringLiteral("controlNetDock")};
        QCOMPARE(dockNames(w), expected);
        // Every dock is a real child dock of the window and can be moved, floated and closed.
        QCOMPARE(w.findChildren<QDockWidget*>().size(), 7);
        for (QDockWidget* d : w.docks()) {
            QVERIFY(d->features().testFlag(QDockWidget::DockWidgetMovable));
            QVERIFY(d->features().testFlag(QDockWidget::DockWidgetFloatable));
            QVERIFY(d->features().testFlag(QDockWidget::DockWidgetClosable));
        }
        QVERIFY(w.canvas() != nullptr);
    }

    void viewMenuTogglesEveryDock() {
        QSettings backend(settingsPath(), QSettings::IniFormat);
        latent::Settings settings(&backend);
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* panels = w.findChild<QMenu*>(QStringLiteral("panelsMenu"));
        QVERIFY(panels);
        QCOMPARE(panels->actions().size(), 7);
        for (QDockWidget* d : w.docks()) {
            QVERIFY(panels->actions().contains(d->toggleViewAction()));
            QVERIFY(d->isVisible() || w.tabifiedDockWidgets(d).size() > 0);
            d->toggleViewAction()->trigger(); // close
            QVERIFY(!d->isVisible());
            d->toggleViewAction()->trigger(); // restore
            QVERIFY(!d->isHidden());
        }
    }

    void layoutSurvivesSaveAndRestore() {
        const QString path = dir_.filePath(QStringLiteral("layout.ini"));
        {
            QSettings backend(path, QSettings::IniFormat);
            latent::Settings settings(&backend);
            MainWindow w(settings);
            w.resize(1200, 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            auto docks = w.docks();
            // Move the gallery to the left, tab the queue with the prompt, close the library.
            w.addDockWidget(Qt::LeftDockWidgetArea, docks[2]);
            w.tabifyDockWidget(docks[0], docks[3]);
            docks[4]->close();
            QCOMPARE(w.dockWidgetArea(docks[2]), Qt::LeftDockWidgetArea);
            w.close(); // closeEvent saves the layout
        }
        {
            QSettings backend(path, QSettings::IniFormat);
            QVERIFY(backend.contains(QStringLiteral("ui/windowState")));
            latent::Settings settings(&backend);
            MainWindow w(settings);
            QVERIFY(w.restoreLayout());
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            auto docks = w.docks();
            QCOMPARE(w.dockWidgetArea(docks[2]), Qt::LeftDockWidgetArea);
            QVERIFY(w.tabifiedDockWidgets(docks[0]).contains(docks[3]));
            QVERIFY(docks[4]->isHidden());
            QCOMPARE(w.size(), QSize(1200, 800));

            // Reset layout brings back the defaults, every dock visible.
            w.resetLayout();
            QCOMPARE(w.dockWidgetArea(docks[2]), Qt::RightDockWidgetArea);
            QVERIFY(!w.tabifiedDockWidgets(docks[0]).contains(docks[3]));
            for (QDockWidget* d : docks) QVERIFY(!d->isHidden());
        }
    }

    void floatingDockRoundTrip() {
        const QString path = dir_.filePath(QStringLiteral("floating.ini"));
        {
            QSettings backend(path, QSettings::IniFormat);
            latent::Settings settings(&backend);
            MainWindow w(settings);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.docks()[5]->setFloating(true);
            w.saveLayout();
        }
        QSettings backend(path, QSettings::IniFormat);
        latent::Settings settings(&backend);
        MainWindow w(settings);
        QVERIFY(w.restoreLayout());
        QVERIFY(w.docks()[5]->isFloating());
        QVERIFY(!w.docks()[0]->isFloating());
    }

    void emptyStateGuidesNewUser() {
        QSettings backend(settingsPath(), QSettings::IniFormat);
        latent::Settings settings(&backend);
        MainWindow w(settings);
        for (const char* name : {"addModelAction", "downloadAction", "a1111FolderAction"}) {
            auto* a = w.findChild<QAction*>(QLatin1String(name));
            QVERIFY2(a, name);
            QVERIFY(a->isEnabled());
        }
        auto* generate = w.findChild<QWidget*>(QStringLiteral("generateButton"));
        QVERIFY(generate);
        QVERIFY(!generate->isEnabled()); // no model yet
    }

    // Issue 19: the status bar's device label says how many threads run, why, and how they wait.
    void statusBarSaysThreadsAndWhy() {
        QSettings backend(settingsPath(), QSettings::IniFormat);
        latent::Settings settings(&backend);
        MainWindow w(settings);
        auto* label = w.findChild<QLabel*>(QStringLiteral("deviceLabel"));
        QVERIFY(label);
        const QString tip = label->toolTip();
        const latent::ThreadDecision d = latent::current_thread_decision();
        QVERIFY2(tip.startsWith(QStringLiteral("%1 thread").arg(d.threads)), qPrintable(tip));
        QVERIFY2(tip.contains(d.limit == latent::ThreadLimit::Requested ? QStringLiteral(": set by you")
                                                                       : QStringLiteral(": automatic: ")),
                 qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("\nWaiting: threads ")) || tip.contains(QStringLiteral("\nWaiting: as set in")),
                 qPrintable(tip));
    }

    void germanTranslationApplies() {
        QCOMPARE(latent::Translations::install(QStringLiteral("de")), QStringLiteral("de"));
        QSettings backend(settingsPath(), QSettings::IniFormat);
        latent::Settings settings(&backend);
        MainWindow w(settings);
        QStringList menus;
        for (QAction* a : w.menuBar()->actions()) menus << a->text();
        QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(QLatin1Char(','))));
        QCOMPARE(w.docks()[0]->windowTitle(), QStringLiteral("Prompt"));
        QCOMPARE(w.docks()[2]->windowTitle(), QStringLiteral("Galerie"));
        QCOMPARE(w.docks()[3]->windowTitle(), QStringLiteral("Warteschlange"));
        QCOMPARE(w.docks()[4]->windowTitle(), QStringLiteral("Bibliothek"));
        latent::Translations::install(QStringLiteral("en"));
        MainWindow english(settings);
        QCOMPARE(english.docks()[2]->windowTitle(), QStringLiteral("Gallery"));
    }

    void screenshotWritesPng() {
        QSettings backend(settingsPath(), QSettings::IniFormat);
        latent::Settings settings(&backend);
        MainWindow w(settings);
        w.resize(1024, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString out = dir_.filePath(QStringLiteral("shot.png"));
        QVERIFY(w.saveScreenshot(out));
        QImage img(out);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), QSize(1024, 700));
    }

    void canvasZoomAroundCursor() {
        latent::CanvasView canvas;
        canvas.resize(400, 400);
        QImage img(200, 100, QImage::Format_RGB32);
        img.fill(Qt::red);
        canvas.setImage(img);
        QVERIFY(canvas.fitsToWindow());
        const double fitZoom = canvas.zoom();
        QVERIFY(fitZoom > 1.0);
        canvas.zoomToActualSize();
        QCOMPARE(canvas.zoom(), 1.0);
        canvas.zoomBy(2.0, QPointF(10, 10));
        QCOMPARE(canvas.zoom(), 2.0);
        QVERIFY(!canvas.fitsToWindow());
        canvas.zoomToFit();
        QCOMPARE(canvas.zoom(), fitZoom);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
