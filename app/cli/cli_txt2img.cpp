#include "app/cli/cli_txt2img.h"

#include "app/cli/cli_remote.h"
#include "app/cli/generation_options.h"
#include "app/core/process_memory.h"
#include "app/jobs/generation_runner.h"
#include "app/library/upscaler_catalog.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace latent {

namespace {


} // namespace

int cliFail(int code, const QString& message) {
    QString line = message;  // one clear line
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QTextStream(stderr) << "latentstudio-cli: " << line << Qt::endl;
    return code;
}

namespace {
int fail(int code, const QString& message) { return cliFail(code, message); }
} // namespace

int runTxt2ImgCommand(const QStringList& args) {
    if (cliWantsRemote(args)) return runRemoteGenerationCommand(QStringLiteral("txt2img"), args);
    const CliGenerationOptions o = parseGenerationOptions(args);
    if (!o.error.isEmpty()) return fail(2, o.error);

    GenerationJobSpec spec;
    spec.request = resolveSeeds(o.request);
    spec.modelPath = o.modelPath;
    spec.vaePath = o.vaePath;
    spec.outputDir = o.outDir;
    spec.controlInputs = o.controlInputs;
    if (o.saveLatents) spec.latentsDir = o.outDir;
    // Hires fix: upscaler and hires checkpoint names resolve from --models-root and the library.
    const QString hiresError = UpscalerCatalog::resolveHires(spec.request, UpscalerCatalog::roots(o.modelRoots));
    if (!hiresError.isEmpty()) return fail(2, hiresError);
    try {
        Engine::check_request(spec.request);
    } catch (const PipelineError& e) {
        return fail(2, QString::fromStdString(e.what()));
    }
    return runGenerationJob(o, spec);
}

int runGenerationJob(const CliGenerationOptions& o, const GenerationJobSpec& spec) {
    if (!QFileInfo::exists(o.modelPath)) return fail(2, QCoreApplication::translate("Cli", "Model not found: %1").arg(o.modelPath));
    if (!o.vaePath.isEmpty() && !QFileInfo::exists(o.vaePath)) return fail(2, QCoreApplication::translate("Cli", "VAE not found: %1").arg(o.vaePath));
    if (!QDir().mkpath(o.outDir)) return fail(2, QCoreApplication::translate("Cli", "Cannot create the output folder %1.").arg(o.outDir));

    for (const QString& w : o.warnings)
        QTextStream(stderr) << QCoreApplication::translate("Cli", "latentstudio-cli: warning: %1").arg(w) << Qt::endl;
    QElapsedTimer total;
    total.start();
    GenerationOutcome outcome;
    const bool tty = isatty(fileno(stderr));
    try {
        Engine engine(o.device.toStdString());
        GenerationCallbacks callbacks;
        callbacks.on_progress = [tty](const GenerationProgress& p) {
            if (!tty) return;
            const int width = 30;
            const int filled = p.total > 0 ? int(width * p.step / p.total) : 0;
            std::fprintf(stderr, "\r[%s%s] %lld/%lld  %.2f it/s  ETA %.0f s ", std::string(filled, '#').c_str(),
                         std::string(width - filled, '.').c_str(), (long long)p.step, (long long)p.total,
                         p.iterations_per_second, p.eta_seconds);
            if (p.step == p.total) std::fprintf(stderr, "\n");
        };
        outcome = runGeneration(engine, spec, callbacks);
    } catch (const PipelineError& e) {
        return fail(2, QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        return fail(1, QCoreApplication::translate("Cli", "Out of memory."));
    } catch (const std::exception& e) {
        return fail(1, QString::fromStdString(e.what()));
    }

    for (const std::string& w : outcome.result.warnings)
        QTextStream(stderr) << QCoreApplication::translate("Cli", "latentstudio-cli: warning: %1").arg(QString::fromStdString(w)) << Qt::endl;
    QJsonArray files, seeds, infotexts;
    for (const SavedImage& img : outcome.images) {
        if (img.recovered)
            QTextStream(stderr) << QCoreApplication::translate("Cli", "latentstudio-cli: the output folder failed (%1); the image was saved to %2")
                                       .arg(img.reason, img.path)
                                << Qt::endl;
        files.append(img.path);
        seeds.append(img.seed);
        infotexts.append(img.infotext);
    }
    const GenerationTimings& t = outcome.result.timings;
    QJsonArray steps;
    for (double s : t.step_seconds) steps.append(s);
    const QJsonObject timings{{QStringLiteral("load"), outcome.model.seconds},
                              {QStringLiteral("text_encoding"), t.text_seconds},
                              {QStringLiteral("steps"), steps},
                              {QStringLiteral("vae_decode"), t.vae_seconds},
                              {QStringLiteral("generation"), t.total_seconds},
                              {QStringLiteral("total"), total.elapsed() / 1000.0}};
    QJsonObject summary{
        {QStringLiteral("files"), files},
        {QStringLiteral("seeds"), seeds},
        {QStringLiteral("infotexts"), infotexts},
        {QStringLiteral("mode"), generationMode(spec)},
        {QStringLiteral("sampler"), QString::fromStdString(outcome.result.sampler_name)},
        {QStringLiteral("schedule_type"), QString::fromStdString(outcome.result.schedule_type)},
        {QStringLiteral("model"), QJsonObject{{QStringLiteral("family"), QString::fromStdString(outcome.model.family)},
                                              {QStringLiteral("prediction"), QString::fromStdString(outcome.model.prediction)},
                                              {QStringLiteral("inpainting"), outcome.model.inpainting}}},
        {QStringLiteral("timings"), timings},
        {QStringLiteral("peak_rss_bytes"), static_cast<qint64>(ProcessMemory::current().peakBytes)}};
    auto usedList = [](const std::vector<UsedNetwork>& list) {
        QJsonArray a;
        for (const UsedNetwork& n : list) {
            QJsonObject j{{QStringLiteral("name"), QString::fromStdString(n.name)},
                          {QStringLiteral("path"), QString::fromStdString(n.path)},
                          {QStringLiteral("type"), QString::fromStdString(n.type)}};
            if (n.type != "embedding") {
                j.insert(QStringLiteral("te"), n.te_multiplier);
                j.insert(QStringLiteral("unet"), n.unet_multiplier);
            }
            a.append(j);
        }
        return a;
    };
    summary.insert(QStringLiteral("networks"), usedList(outcome.result.networks));
    summary.insert(QStringLiteral("embeddings"), usedList(outcome.result.embeddings));
    summary.insert(QStringLiteral("negative_embeddings"), usedList(outcome.result.negative_embeddings));
    QJsonArray notApplied;
    for (const std::string& n : outcome.result.networks_not_applied) notApplied.append(QString::fromStdString(n));
    summary.insert(QStringLiteral("networks_not_applied"), notApplied);
    if (!outcome.model.vae_path.empty()) summary.insert(QStringLiteral("vae"), QString::fromStdString(outcome.model.vae_path));
    if (o.saveLatents) {
        summary.insert(QStringLiteral("latents"), QDir(o.outDir).filePath(QStringLiteral("latents.safetensors")));
        summary.insert(QStringLiteral("cond"), QDir(o.outDir).filePath(QStringLiteral("cond.safetensors")));
    }
    QTextStream(stdout) << QJsonDocument(summary).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace latent
