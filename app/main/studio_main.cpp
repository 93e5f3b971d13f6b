// latentstudio: the desktop studio.
//   latentstudio [--lang CODE] [--screenshot FILE [--size WxH]] [IMAGE]
#include "app/core/app_info.h"
#include "app/core/app_startup.h"
#include "app/core/settings.h"
#include "app/core/studio_options.h"
#include "app/core/translations.h"
#include "ui/canvas/canvas_view.h"
#include "ui/docks/prompt_dock.h"
#include "ui/main/main_window.h"
#include "ui/main/notice_presenter.h"
#include "ui/main/theme.h"
#include "app/worker/studio_session.h"
#include "pipeline/core/system_info.h"
#include "pipeline/core/thread_policy.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    // Before anything else: OpenBLAS may pick slow kernels, libgomp spins (thread_policy.h).
    latent::reexec_with_runtime_settings(argv);
    // A screenshot needs no display: render offscreen unless a platform was chosen explicitly.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }
    QApplication app(argc, argv);
    latent::AppInfo::applyToApplication();
    // Settings upgrade, the log, the crash guard (and the notes of earlier unexpected ends).
    const latent::AppStartup startup({QStringLiteral("latentstudio")});
    QApplication::setApplicationDisplayName(latent::AppInfo::productName());
    // The installed hicolor icons (PNG, no SVG plugin needed), else the built-in SVG.
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("latentstudio"), QIcon(QStringLiteral(":/icons/latentstudio.svg"))));

    latent::Settings settings;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Latent Studio — a native desktop studio for Stable Diffusion"));
    parser.addHelpOption();
    parser.addVersionOption();
    // The options and their help come from one table, which also makes latentstudio(1).
    parser.addOptions(latent::studioCommandLineOptions());
    const QString langOption = QStringLiteral("lang"), screenshotOption = QStringLiteral("screenshot"),
                  sizeOption = QStringLiteral("size"), freshOption = QStringLiteral("default-layout"),
                  demoOption = QStringLiteral("try-demo");
    parser.addPositionalArgument(QStringLiteral("image"), QStringLiteral("An image to open on the canvas."));
    parser.process(app);

    const QString lang = parser.isSet(langOption) ? parser.value(langOption) : settings.value(latent::settings::Language);
    latent::Translations::install(lang);

    latent::applyStudioTheme(app);
    latent::configure_threads(settings.value(latent::settings::Threads));

    latent::MainWindow window(settings);
    latent::StudioSession session(settings);
    window.attachSession(&session);
    session.start();
    const bool tryDemo = parser.isSet(demoOption);
    if (tryDemo) {
        // After the first frames are drawn, as a user would press Generate.
        QTimer::singleShot(500, &window, [&window] {
            if (!window.useDemoModel()) {
                std::fprintf(stderr, "latentstudio: the demo model is not installed\n");
                return;
            }
            window.promptDock()->generate();
        });
    }
    const bool screenshot = parser.isSet(screenshotOption);
    if (!screenshot && !parser.isSet(freshOption)) window.restoreLayout();

    if (screenshot) {
        const auto m = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(parser.value(sizeOption));
        if (!m.hasMatch()) {
            std::fprintf(stderr, "latentstudio: --size must look like 1440x900\n");
            return 2;
        }
        window.resize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    window.show();
    // Notices from the start (newer-version data opened read-only, the last run did not quit
    // normally) and later ones; not while rendering a screenshot.
    latent::NoticePresenter notices(&window);
    if (!screenshot) notices.showPending();
    if (!parser.positionalArguments().isEmpty()) {
        QMetaObject::invokeMethod(&window, [&window, &parser] {
            window.canvas()->loadImageFile(parser.positionalArguments().constFirst());
        }, Qt::QueuedConnection);
    }

    if (screenshot) {
        const QString out = parser.value(screenshotOption);
        // Let layouts settle (two event-loop turns), then render and quit.
        auto shoot = [&window, &session, out] {
            const bool ok = window.saveScreenshot(out);
            if (!ok) std::fprintf(stderr, "latentstudio: cannot write %s\n", qPrintable(out));
            if (session.lastGenerationStallMs() > 0)
                std::fprintf(stderr, "latentstudio: longest GUI stall during the generation: %.1f ms\n",
                             session.lastGenerationStallMs());
            QCoreApplication::exit(ok ? 0 : 1);
        };
        if (tryDemo) // after the job and the GUI's work on its result (the stall figure comes last)
            QObject::connect(&session, &latent::StudioSession::stallMeasured, &window,
                             [shoot](double) { QTimer::singleShot(0, shoot); });
        else
            QTimer::singleShot(200, &window, shoot);
        return app.exec();
    }
    return app.exec();
}
