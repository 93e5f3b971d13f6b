#include "app/core/studio_options.h"

#include "app/cli/cli_options.h"

#include <QCoreApplication>
#include <QStringList>

namespace latent {

const std::vector<StudioOption>& studioOptions() {
    static const std::vector<StudioOption> options = {
        {"lang", "code", QT_TRANSLATE_NOOP("Studio", "User interface language (en, de)."), nullptr},
        {"screenshot", "file", QT_TRANSLATE_NOOP("Studio", "Render the main window to a PNG file and exit."), nullptr},
        {"size", "WxH", QT_TRANSLATE_NOOP("Studio", "Window size for --screenshot, e.g. 1440x900."), "1440x900"},
        {"default-layout", nullptr, QT_TRANSLATE_NOOP("Studio", "Ignore the saved window layout for this run."),
         nullptr},
        {"try-demo", nullptr,
         QT_TRANSLATE_NOOP("Studio", "Select the built-in demo model and generate one image (with --screenshot: render "
                                     "the window when it is done)."),
         nullptr},
    };
    return options;
}

QList<QCommandLineOption> studioCommandLineOptions() {
    QList<QCommandLineOption> out;
    for (const StudioOption& o : studioOptions()) {
        const QString help = QCoreApplication::translate("Studio", o.help);
        if (o.valueName)
            out << QCommandLineOption(QString::fromLatin1(o.name), help, QString::fromLatin1(o.valueName),
                                      o.defaultValue ? QString::fromLatin1(o.defaultValue) : QString());
        else
            out << QCommandLineOption(QString::fromLatin1(o.name), help);
    }
    return out;
}

QString studioManPage(const QString& version, const QString& date) {
    QStringList m;
    m << QStringLiteral(".TH LATENTSTUDIO 1 \"%1\" \"Latent Studio %2\" \"User Commands\"").arg(date, version);
    m << QStringLiteral(".SH NAME") << QStringLiteral("latentstudio \\- a native desktop studio for Stable Diffusion");
    m << QStringLiteral(".SH SYNOPSIS") << QStringLiteral(".B latentstudio")
      << QStringLiteral("[\\fIOPTIONS\\fR] [\\fIIMAGE\\fR]");
    m << QStringLiteral(".SH DESCRIPTION")
      << QStringLiteral("Text to image, image to image, inpainting and outpainting with Stable Diffusion 1.x, 2.x and "
                        "SDXL, with AUTOMATIC1111's prompts, samplers, seeds and parameters; an offline model library "
                        "with verified downloads from Hugging Face and Civitai; a gallery that remembers every "
                        "generation; a queue that survives restarts. \\fIIMAGE\\fR opens on the canvas.")
      << QStringLiteral(".PP")
      << QStringLiteral("Without a model, \\fB\\-\\-try\\-demo\\fR (or \"Try the demo model\" on the welcome panel) "
                        "uses the built\\-in demo model, whose random weights make noise.");
    m << QStringLiteral(".SH OPTIONS");
    for (const StudioOption& o : studioOptions()) {
        QString flags = QStringLiteral("\\-\\-") + roffEscape(QString::fromLatin1(o.name));
        if (o.valueName) flags += QStringLiteral(" \\fI%1\\fR").arg(roffEscape(QString::fromLatin1(o.valueName)));
        m << QStringLiteral(".TP") << QStringLiteral("\\fB%1").arg(flags) << roffEscape(QString::fromLatin1(o.help));
        if (o.defaultValue) m << QStringLiteral("Default: %1.").arg(roffEscape(QString::fromLatin1(o.defaultValue)));
    }
    m << QStringLiteral(".TP") << QStringLiteral("\\fB\\-h\\fR, \\fB\\-\\-help\\fR")
      << QStringLiteral("Show the options.");
    m << QStringLiteral(".TP") << QStringLiteral("\\fB\\-v\\fR, \\fB\\-\\-version\\fR")
      << QStringLiteral("Show the version.");
    m << QStringLiteral(".SH FILES");
    const QList<QPair<const char*, const char*>> files = {
        {"~/.config/LatentStudio/latentstudio.conf",
         "Settings (with their own version; a newer version's file is only read)."},
        {"~/.local/share/LatentStudio/latentstudio/",
         "The job queue (jobs.sqlite), the gallery index (gallery.sqlite), the "
         "model library index, the download list and the recovery folder for "
         "images that could not be saved in the output folder."},
        {"~/.local/share/LatentStudio/latentstudio/logs/",
         "The rotating log (no tokens; prompts only when allowed in the "
         "settings) and notes of runs that ended unexpectedly."},
        {"~/Pictures/Latent Studio/", "The default output folder."},
        {"/usr/share/latentstudio/demo/", "The built\\-in demo model."},
    };
    for (const auto& [path, what] : files)
        m << QStringLiteral(".TP") << QStringLiteral(".I %1").arg(QString::fromLatin1(path)) << QString::fromUtf8(what);
    m << QStringLiteral(".SH ENVIRONMENT") << QStringLiteral(".TP") << QStringLiteral(".B LATENT_LOG_LEVEL")
      << QStringLiteral("debug, info, warning or error for this run's log.") << QStringLiteral(".TP")
      << QStringLiteral(".B LATENT_DEMO_MODEL") << QStringLiteral("Another file for the built\\-in demo model.");
    m << QStringLiteral(".SH SEE ALSO") << QStringLiteral("\\fBlatentstudio\\-cli\\fR(1)");
    return m.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace latent
