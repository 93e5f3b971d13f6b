#include "app/cli/cli_bench_txt2img.h"

#include "app/cli/cli_bench_args.h"
#include "pipeline/bench/bench.h"
#include "pipeline/bench/bench_generation.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <ATen/Context.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <new>

namespace latent {

namespace {

using bench_args::fail;

QString plainText(const nlohmann::json& j) {
    QString s;
    QTextStream o(&s);
    o.setRealNumberNotation(QTextStream::FixedNotation);
    o.setRealNumberPrecision(2);
    const nlohmann::json& run = j["runs"][0];
    o << "txt2img " << QString::fromStdString(j["family"].get<std::string>()) << " " << j["width"].get<int64_t>() << "x"
      << j["height"].get<int64_t>() << ", " << j["steps"].get<int64_t>() << " steps "
      << QString::fromStdString(j["sampler"].get<std::string>()) << ", "
      << QString::fromStdString(j["precision"].get<std::string>()) << ", " << j["threads"].get<int>() << " threads\n";
    o << "  load " << j["load_seconds"].get<double>() << " s\n";
    o << "  text " << run["text_seconds"].get<double>() << " s\n";
    int i = 0;
    for (const auto& step : run["step_seconds"]) o << "  step " << ++i << " " << step.get<double>() << " s\n";
    o << "  steps " << run["steps_seconds"].get<double>() << " s (mean " << j["seconds_per_step"].get<double>()
      << " s/step)\n";
    o << "  vae " << run["vae_seconds"].get<double>() << " s\n";
    o << "  generation " << run["total_seconds"].get<double>() << " s, total wall (load + generation) "
      << j["wall_seconds"].get<double>() << " s\n";
    o << "  peak RSS " << j["peak_rss_mib"].get<double>() << " MiB\n";
    return s;
}

} // namespace

int runBenchTxt2img(QStringList args) {
    bench_args::Args o{std::move(args), {}};
    const bool asPlain = o.flag(QStringLiteral("--plain"));
    const bool keep = o.flag(QStringLiteral("--keep"));
    const QString family = o.value(QStringLiteral("--family")).value_or(QStringLiteral("sd1"));
    const int64_t size = o.integer(QStringLiteral("--size"), 512, 64, 2048);
    const int64_t steps = o.integer(QStringLiteral("--steps"), 20, 1, 150);
    const QString sampler = o.value(QStringLiteral("--sampler")).value_or(QStringLiteral("Euler"));
    const int64_t cfg = o.integer(QStringLiteral("--cfg"), 7, 1, 30);
    const QString precision = o.value(QStringLiteral("--precision")).value_or(QStringLiteral("fp32"));
    const std::optional<QString> given = o.value(QStringLiteral("--path"));
    if (o.bad()) return fail(2, QCoreApplication::translate("Cli", "bench txt2img: %1").arg(o.error));
    if (family != QLatin1String("sd1"))
        return fail(2, QCoreApplication::translate("Cli", "bench txt2img: only --family sd1 (SD 1.5) is available."));
    if (size % 8 != 0) return fail(2, QCoreApplication::translate("Cli", "bench txt2img: --size must be a multiple of 8."));
    if (precision != QLatin1String("fp32") && precision != QLatin1String("bf16"))
        return fail(2, QCoreApplication::translate("Cli", "bench txt2img: --precision must be fp32 or bf16."));

    GenerationRequest request = golden_tiny_request();
    request.width = request.height = size;
    request.steps = steps;
    request.sampler = sampler.toStdString();
    request.cfg_scale = double(cfg);
    request.precision = precision.toStdString();
    try {
        Engine::check_request(request);  // bad sampler or precision: before minutes of writing
    } catch (const PipelineError& e) {
        return fail(2, QCoreApplication::translate("Cli", "bench txt2img: %1").arg(QString::fromStdString(e.what())));
    }

    QTemporaryDir tmp(QDir(QDir::tempPath()).filePath(QStringLiteral("latentstudio-bench-txt2img-XXXXXX")));
    if (!given && !tmp.isValid()) return fail(1, QCoreApplication::translate("Cli", "bench txt2img: cannot create a temporary folder."));
    const QString path = given ? *given : tmp.filePath(QStringLiteral("sd15-random-fp16.safetensors"));
    tmp.setAutoRemove(!keep);
    nlohmann::json creation;
    if (!QFileInfo::exists(path)) {
        // A child process writes it, so this process's peak RSS measures the generation only.
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("bench"), QStringLiteral("create-sd15"), path});
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start();
        if (!child.waitForStarted(30000) || !child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit ||
            child.exitCode() != 0) {
            QFile::remove(path);
            return fail(1, QCoreApplication::translate("Cli", "bench txt2img: creating the SD 1.5 checkpoint failed: %1")
                               .arg(QString::fromUtf8(child.readAllStandardError()).trimmed()));
        }
        creation = nlohmann::json::parse(child.readAllStandardOutput().toStdString(), nullptr, false);
    }

    // Random weights can give denormal activations, which are very slow on x86 (as bench unet).
    at::globalContext().setFlushDenormal(true);
    nlohmann::json j;
    try {
        j = bench_generate(QFile::encodeName(path).toStdString(), request, 1);
    } catch (const PipelineError& e) {
        return fail(2, QCoreApplication::translate("Cli", "bench txt2img: %1").arg(QString::fromStdString(e.what())));
    } catch (const std::bad_alloc&) {
        return fail(1, QCoreApplication::translate("Cli", "bench txt2img: out of memory"));
    }
    const nlohmann::json& run = j["runs"][0];
    j["precision"] = request.precision;
    j["cfg_scale"] = request.cfg_scale;
    j["flush_denormal"] = true;
    j["seconds_per_step"] = run["steps_seconds"].get<double>() / double(steps);
    j["wall_seconds"] = j["load_seconds"].get<double>() + run["total_seconds"].get<double>();
    j["checkpoint"] = path.toStdString();
    j["checkpoint_kept"] = keep || given.has_value();
    if (!creation.is_discarded() && !creation.is_null()) j["created"] = creation;
    if (asPlain)
        QTextStream(stdout) << plainText(j);
    else
        QTextStream(stdout) << QString::fromStdString(j.dump(2)) << Qt::endl;
    return 0;
}

} // namespace latent
