#include "app/cli/cli_upscale.h"

#include "app/cli/cli_txt2img.h"
#include "app/core/process_memory.h"
#include "app/jobs/upscale_runner.h"
#include "app/library/upscaler_catalog.h"
#include "pipeline/core/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace latent {

int runUpscaleCommand(const QStringList& args) {
    UpscaleJobSpec spec;
    UpscaleRequest& r = spec.request;
    QStringList roots;
    QString device = QStringLiteral("cpu");
    bool listOnly = false;
    auto fail = [](const QString& m) { return cliFail(2, m); };
    // --request FILE (an /sdapi/v1/extra-single-image body) first; explicit flags win.
    for (int i = 0; i + 1 < args.size(); ++i) {
        if (args[i] != QLatin1String("--request")) continue;
        QFile f(args[i + 1]);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QCoreApplication::translate("Cli", "Cannot read the request file %1: %2")
                            .arg(args[i + 1], f.errorString()));
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(f.read(1024 * 1024), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return fail(QCoreApplication::translate("Cli", "The request file %1 is not a JSON object: %2")
                            .arg(args[i + 1], pe.errorString()));
        const QString e = applyUpscaleApiRequest(doc.object(), r);
        if (!e.isEmpty()) return fail(e);
    }
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        if (a == QLatin1String("--list")) {
            listOnly = true;
            continue;
        }
        if (a == QLatin1String("--no-crop")) {
            r.crop = false;
            continue;
        }
        if (!a.startsWith(QLatin1String("--")))
            return fail(QCoreApplication::translate("Cli", "Unexpected argument \"%1\".").arg(a));
        if (i + 1 >= args.size()) return fail(QCoreApplication::translate("Cli", "%1 needs a value.").arg(a));
        const QString v = args[++i];
        bool ok = true;
        if (a == QLatin1String("--request")) {
        } else if (a == QLatin1String("--input")) {
            spec.inputPath = v;
        } else if (a == QLatin1String("--out")) {
            spec.outputDir = v;
        } else if (a == QLatin1String("--upscaler")) {
            r.upscaler = v.toStdString();
        } else if (a == QLatin1String("--upscaler-2")) {
            r.upscaler_2 = v.toStdString();
        } else if (a == QLatin1String("--visibility")) {
            r.visibility = v.toDouble(&ok);
        } else if (a == QLatin1String("--scale")) {
            r.scale = v.toDouble(&ok);
            r.width = r.height = 0;
        } else if (a == QLatin1String("--width")) {
            r.width = v.toLongLong(&ok);
        } else if (a == QLatin1String("--height")) {
            r.height = v.toLongLong(&ok);
        } else if (a == QLatin1String("--tile")) {
            r.tile = v.toLongLong(&ok);
        } else if (a == QLatin1String("--tile-overlap")) {
            r.tile_overlap = v.toLongLong(&ok);
        } else if (a == QLatin1String("--models-root")) {
            roots.append(v);
        } else if (a == QLatin1String("--device")) {
            device = v;
        } else {
            return fail(QCoreApplication::translate("Cli", "Unknown option %1.").arg(a));
        }
        if (!ok || (a == QLatin1String("--scale") && !std::isfinite(r.scale)))
            return fail(QCoreApplication::translate("Cli", "%1 needs a number, got \"%2\".").arg(a, v));
    }
    const QStringList allRoots = UpscalerCatalog::roots(roots);
    if (listOnly) {
        QJsonArray list;
        for (const UpscalerChoice& c : UpscalerCatalog::choices(allRoots, false))
            list.append(QJsonObject{{QStringLiteral("name"), c.name},
                                    {QStringLiteral("path"), c.path},
                                    {QStringLiteral("type"), c.type == UpscalerChoice::Type::Model
                                                                 ? QStringLiteral("model")
                                                                 : QStringLiteral("builtin")}});
        QTextStream(stdout) << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (spec.inputPath.isEmpty()) return fail(QCoreApplication::translate("Cli", "--input is required."));
    if (spec.outputDir.isEmpty()) return fail(QCoreApplication::translate("Cli", "--out is required."));
    if (r.upscaler.empty())
        return fail(QCoreApplication::translate("Cli", "--upscaler is required (see upscale --list)."));
    if ((r.width > 0) != (r.height > 0))
        return fail(QCoreApplication::translate("Cli", "--width and --height go together (\"Scale to\")."));
    if (!QFileInfo(spec.inputPath).isFile())
        return fail(QCoreApplication::translate("Cli", "Image not found: %1").arg(spec.inputPath));
    const QString resolveError = UpscalerCatalog::resolveUpscale(r, allRoots);
    if (!resolveError.isEmpty()) return fail(resolveError);
    if (!QDir().mkpath(spec.outputDir))
        return fail(QCoreApplication::translate("Cli", "Cannot create the output folder %1.").arg(spec.outputDir));

    UpscaleOutcome outcome;
    const bool tty = isatty(fileno(stderr));
    try {
        Engine engine(device.toStdString());
        GenerationCallbacks callbacks;
        callbacks.on_progress = [tty](const GenerationProgress& p) {
            if (tty)
                std::fprintf(stderr, "\rtile %lld/%lld  ETA %.0f s ", (long long)p.step, (long long)p.total,
                             p.eta_seconds);
            if (tty && p.step == p.total) std::fprintf(stderr, "\n");
        };
        outcome = runUpscale(engine, spec, callbacks);
    } catch (const PipelineError& e) {
        return fail(QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        return cliFail(1, QCoreApplication::translate("Cli", "Out of memory."));
    } catch (const std::exception& e) {
        return cliFail(1, QString::fromStdString(e.what()));
    }
    if (outcome.image.recovered)
        QTextStream(stderr) << QCoreApplication::translate(
                                   "Cli", "latentstudio-cli: the output folder failed (%1); the image was saved to %2")
                                   .arg(outcome.image.reason, outcome.image.path)
                            << Qt::endl;
    const QJsonObject summary{
        {QStringLiteral("file"), outcome.image.path},
        {QStringLiteral("width"), outcome.width},
        {QStringLiteral("height"), outcome.height},
        {QStringLiteral("upscaler"), QString::fromStdString(r.upscaler)},
        {QStringLiteral("upscaler_path"), QString::fromStdString(r.upscaler_path)},
        {QStringLiteral("extras"), outcome.postprocess},
        {QStringLiteral("parameters"),
         outcome.sourceParameters.isNull() ? QJsonValue() : QJsonValue(outcome.sourceParameters)},
        {QStringLiteral("seconds"), outcome.seconds},
        {QStringLiteral("peak_rss_bytes"), static_cast<qint64>(ProcessMemory::current().peakBytes)}};
    QTextStream(stdout) << QJsonDocument(summary).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace latent
