#include "app/cli/cli_bench.h"
#include "app/cli/cli_bench_dispatch.h"

#include "app/cli/cli_bench_serve.h"

#include "app/cli/cli_bench_contention.h"
#include "app/cli/cli_bench_txt2img.h"

#include "pipeline/bench/bench.h"
#include "pipeline/bench/bench_controlnet.h"
#include "pipeline/bench/bench_generation.h"
#include "pipeline/bench/bench_lora.h"
#include "pipeline/bench/bench_cfg.h"
#include "pipeline/bench/bench_models.h"
#include "pipeline/bench/bench_upscale.h"
#include "pipeline/core/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>

#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>

#include <optional>

namespace latent {

namespace {


int fail(int code, const QString& message) {
    QString line = message.trimmed();
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QTextStream(stderr) << "latentstudio-cli: " << line << Qt::endl;
    return code;
}

// Minimal option reader: --name VALUE and boolean --flag.
struct Options {
    QStringList args;
    QString error;
    std::optional<QString> value(const QString& name) {
        const int i = args.indexOf(name);
        if (i < 0) return std::nullopt;
        if (i + 1 >= args.size()) {
            error = QCoreApplication::translate("Cli", "%1 needs a value").arg(name);
            return std::nullopt;
        }
        QString v = args.at(i + 1);
        args.remove(i, 2);
        return v;
    }
    int64_t integer(const QString& name, int64_t def) {
        auto v = value(name);
        if (!v) return def;
        bool ok = false;
        const qlonglong n = v->toLongLong(&ok);
        if (!ok) error = QCoreApplication::translate("Cli", "%1 needs a whole number, not \"%2\"").arg(name, *v);
        return n;
    }
    bool flag(const QString& name) { return args.removeAll(name) > 0; }
    bool leftover() {
        if (!error.isEmpty()) return true;
        if (!args.isEmpty()) error = QCoreApplication::translate("Cli", "unknown option \"%1\"").arg(args.first());
        return !error.isEmpty();
    }
};

double mib(double bytes) {
    return bytes / (1024.0 * 1024.0);
}

QString plain(const std::string& what, const nlohmann::json& j) {
    QString s;
    QTextStream o(&s);
    o.setRealNumberNotation(QTextStream::FixedNotation);
    o.setRealNumberPrecision(2);
    auto num = [&](const nlohmann::json& x, const char* k) { return x.contains(k) ? x[k].get<double>() : 0.0; };
    if (what == "gemm") {
        for (const auto& e : j["sizes"])
            o << "gemm n=" << e["n"].get<int64_t>() << "  " << num(e, "gflops") << " GFLOP/s\n";
        o << "peak " << num(j, "peak_gflops") << " GFLOP/s with " << j["threads"].get<int>() << " threads\n";
    } else if (what == "unet") {
        o << "unet " << QString::fromStdString(j["family"].get<std::string>()) << " " << j["width"].get<int64_t>()
          << "x" << j["height"].get<int64_t>() << " batch " << j["batch"].get<int64_t>() << ": "
          << num(j, "seconds_per_step") << " s/step (best " << num(j, "best_seconds") << "), "
          << num(j, "gflop_per_step") << " GFLOP/step, " << num(j, "gflops_achieved") << " GFLOP/s, peak RSS "
          << num(j, "peak_rss_mib") << " MiB\n";
        if (j.contains("bf16")) {
            const nlohmann::json& b = j["bf16"];
            o << "  bf16: " << num(b, "seconds_per_step") << " s/step (best " << num(b, "best_seconds") << "), "
              << num(b, "gflops_achieved") << " GFLOP/s, " << num(b, "speedup_vs_fp32")
              << "x the fp32 speed; output vs fp32: rel. L2 " << QString::number(num(b, "output_rel_l2_vs_fp32"), 'g', 3)
              << ", max abs " << QString::number(num(b, "output_max_abs_vs_fp32"), 'g', 3) << "\n";
        }
        if (j.contains("image")) {
            const nlohmann::json& i = j["image"];
            o << "  golden tiny txt2img " << i["width"].get<int64_t>() << "x" << i["height"].get<int64_t>() << ", "
              << i["steps"].get<int64_t>() << " steps, bf16 vs fp32: PSNR "
              << (i["psnr_db"].is_null() ? QStringLiteral("inf") : QString::number(i["psnr_db"].get<double>(), 'f', 2))
              << " dB, max abs difference " << i["max_abs_diff"].get<int>() << " levels, mean "
              << num(i, "mean_abs_diff") << "\n";
        }
    } else if (what == "unet_controlnet") {
        o << "unet " << QString::fromStdString(j["family"].get<std::string>()) << " " << j["width"].get<int64_t>() << "x"
          << j["height"].get<int64_t>() << " batch " << j["batch"].get<int64_t>() << " ("
          << QString::fromStdString(j["weights"].get<std::string>()) << " weights): " << num(j, "unet_seconds_per_step")
          << " s/step alone, " << num(j, "with_controlnet_seconds_per_step") << " s/step with one ControlNet (+"
          << num(j, "time_overhead_percent") << " %; by FLOPs +" << num(j, "flop_overhead_percent")
          << " %), ControlNet " << num(j, "controlnet_seconds_per_step") << " s, extra peak RSS "
          << num(j, "extra_peak_rss_mib") << " MiB (weights " << mib(num(j, "controlnet_weight_bytes"))
          << " MiB; with the residuals kept through the UNet call " << num(j, "extra_peak_rss_mib_residuals_kept")
          << " MiB)\n";
    } else if (what == "vae") {
        for (const char* k : {"decode", "encode"})
            o << "vae " << k << " " << j["width"].get<int64_t>() << "x" << j["height"].get<int64_t>() << ": "
              << num(j[k], "seconds_mean") << " s, " << num(j[k], "gflop") << " GFLOP, " << num(j[k], "gflops_achieved")
              << " GFLOP/s\n";
        o << "peak RSS " << num(j, "peak_rss_mib") << " MiB\n";
    } else if (what == "text") {
        for (auto it = j["encoders"].begin(); it != j["encoders"].end(); ++it)
            o << "text " << QString::fromStdString(it.key()) << ": " << num(it.value(), "seconds_mean") << " s, "
              << num(it.value(), "gflops_achieved") << " GFLOP/s\n";
        o << "total " << num(j, "seconds_per_encode") << " s per encode (batch " << j["batch"].get<int64_t>()
          << "), peak RSS " << num(j, "peak_rss_mib") << " MiB\n";
    } else if (what == "lora") {
        const auto& st = j["step_seconds"];
        const auto& ov = j["step_overhead_percent"];
        o << "lora sd1 rank " << j["rank"].get<int64_t>() << " (" << j["lora_modules"].get<int64_t>() << " modules, "
          << num(j, "lora_file_mib") << " MiB): apply " << num(j, "apply_seconds") << " s, switch "
          << num(j, "switch_seconds") << " s, UNet step " << num(st, "base") << " s -> " << num(st, "lora_auto")
          << " s (" << num(ov, "auto") << " %; merge " << num(ov, "merge") << " %, per call " << num(ov, "per_call")
          << " %), extra peak RSS " << num(j, "extra_peak_rss_mib") << " MiB\n";
    } else if (what == "cfg") {
        for (const char* k : {"equal", "default", "padded"})
            o << "cfg " << k << " (" << j[k]["unet_calls"].get<int64_t>()
              << " UNet calls): " << num(j[k], "seconds_per_evaluation") << " s per evaluation (best "
              << num(j[k], "best_seconds") << ")\n";
        o << "peak RSS " << num(j, "peak_rss_mib") << " MiB\n";
    } else if (what == "upscale") {
        o << "upscale " << j["input"][0].get<int64_t>() << "x" << j["input"][1].get<int64_t>() << " -> "
          << j["output"][0].get<int64_t>() << "x" << j["output"][1].get<int64_t>() << " ("
          << QString::fromStdString(j["model"]["arch"].get<std::string>()) << "): " << num(j, "seconds") << " s, "
          << j["tiles"].get<int64_t>() << " tiles of " << j["tile"].get<int64_t>() << " (" << num(j, "seconds_per_tile")
          << " s each, max " << num(j, "max_tile_seconds") << "), peak RSS " << num(j, "peak_rss_mib") << " MiB\n";
        if (j.contains("cancel") && j["cancel"].contains("latency_seconds"))
            o << "cancel took effect " << num(j["cancel"], "latency_seconds") << " s after the request (after "
              << j["cancel"]["tiles_done"].get<int64_t>() << " tiles)\n";
    } else if (what == "load") {
        o << "load " << QString::fromStdString(j["family"].get<std::string>()) << ": " << num(j, "load_seconds")
          << " s, peak RSS " << num(j, "peak_rss_mib") << " MiB = " << num(j, "peak_over_fp32_size")
          << " x the fp32 model size (" << mib(num(j, "fp32_model_bytes")) << " MiB; goal <= 1.2)\n";
    }
    return s;
}

int print(const std::string& what, const nlohmann::json& j, bool asPlain) {
    if (asPlain)
        QTextStream(stdout) << plain(what, j);
    else
        QTextStream(stdout) << QString::fromStdString(j.dump(2)) << Qt::endl;
    return 0;
}

// `bench load`: the checkpoint is created by a child process (so this process's peak RSS only
// measures the load), then loaded here.
int benchLoad(Options& o, int threads, bool asPlain) {
    const std::optional<QString> given = o.value(QStringLiteral("--path"));
    const bool keep = o.flag(QStringLiteral("--keep"));
    const bool recreate = o.flag(QStringLiteral("--recreate"));
    if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench load: %1").arg(o.error));
    const QString path =
        given
            ? *given
            : QDir(QDir::tempPath())
                  .filePath(
                      QStringLiteral("latentstudio-bench-sd15-%1.safetensors").arg(QCoreApplication::applicationPid()));
    nlohmann::json creation;
    bool created = false;
    if (recreate || !QFileInfo::exists(path)) {
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("bench"), QStringLiteral("create-sd15"), path});
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start();
        if (!child.waitForStarted(30000) || !child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit ||
            child.exitCode() != 0) {
            QFile::remove(path);
            return fail(1, QCoreApplication::translate("Cli", "bench load: creating the SD 1.5 checkpoint failed: %1")
                               .arg(QString::fromUtf8(child.readAllStandardError()).trimmed()));
        }
        created = true;
        creation = nlohmann::json::parse(child.readAllStandardOutput().toStdString(), nullptr, false);
    }
    nlohmann::json j;
    try {
        j = bench_load_checkpoint(QFile::encodeName(path).toStdString(), threads);
    } catch (const PipelineError& e) {
        if (created && !keep) QFile::remove(path);
        return fail(2, QCoreApplication::translate("Cli", "bench load: %1").arg(QString::fromStdString(e.what())));
    }
    if (created) j["created_by_child_process"] = creation;
    if (created && !keep) {
        QFile::remove(path);
        j["file_removed"] = true;
    }
    return print("load", j, asPlain);
}

} // namespace

int runBenchCommand(const QStringList& argsIn) {
    Options o{argsIn, {}};
    if (o.args.isEmpty()) return fail(2, QCoreApplication::translate("Cli", "bench needs one of: gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention, txt2img"));
    const QString what = o.args.takeFirst();
    if (what == QLatin1String("dispatch")) return runBenchDispatchCommand(o.args);
    // Threading under load (cli_bench_contention.h).
    if (what == QLatin1String("contention")) return runBenchContention(o.args);
    if (what == QLatin1String("contention-task")) return runBenchContentionTask(o.args);
    if (what == QLatin1String("spin")) return runBenchSpin(o.args);
    // One whole real-size generation (cli_bench_txt2img.h).
    if (what == QLatin1String("txt2img")) return runBenchTxt2img(o.args);
    const bool asPlain = o.flag(QStringLiteral("--plain"));
    if (what == QLatin1String("serve")) return runBenchServeCommand(o.args, asPlain);
    // The global --threads option (cli.cpp) has already configured libtorch; keep its count.
    const int threads = at::get_num_threads();
    try {
        if (what == QLatin1String("gemm")) {
            std::vector<int64_t> sizes;
            if (auto s = o.value(QStringLiteral("--sizes"))) {
                for (const QString& p : s->split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    bool ok = false;
                    const qlonglong n = p.toLongLong(&ok);
                    if (!ok || n <= 0 || n > 16384)
                        return fail(2, QCoreApplication::translate("Cli", "bench gemm: --sizes takes sizes like 2048,4096"));
                    sizes.push_back(n);
                }
            }
            const int repeats = static_cast<int>(o.integer(QStringLiteral("--repeats"), 4));
            if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench gemm: %1").arg(o.error));
            if (repeats < 1 || repeats > 1000) return fail(2, QCoreApplication::translate("Cli", "bench gemm: --repeats must be 1-1000"));
            if (sizes.empty()) sizes = {2048, 3072, 4096};
            return print("gemm", bench_gemm(sizes, repeats).to_json(), asPlain);
        }
        if (what == QLatin1String("unet")) {
            const QString family = o.value(QStringLiteral("--family")).value_or(QStringLiteral("sd1"));
            const int64_t def = family == QLatin1String("sdxl") ? 1024 : 512;
            const int64_t width = o.integer(QStringLiteral("--width"), def);
            const int64_t height = o.integer(QStringLiteral("--height"), def);
            const int64_t batch = o.integer(QStringLiteral("--batch"), 2);
            const int steps = static_cast<int>(o.integer(QStringLiteral("--steps"), 2));
            const int warmup = static_cast<int>(o.integer(QStringLiteral("--warmup"), 1));
            const bool contiguous = o.flag(QStringLiteral("--no-channels-last"));
            const bool controlnet = o.flag(QStringLiteral("--controlnet"));
            // With --controlnet the weights default to fp16, as a CPU run of fp16 files holds them.
            const QString weights =
                o.value(QStringLiteral("--weights")).value_or(controlnet ? QStringLiteral("fp16") : QStringLiteral("fp32"));
            const QString precision = o.value(QStringLiteral("--precision")).value_or(QStringLiteral("fp32"));
            const std::optional<QString> tinyModel = o.value(QStringLiteral("--model"));
            if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench unet: %1").arg(o.error));
            if (precision != QLatin1String("fp32") && precision != QLatin1String("bf16"))
                return fail(2, QCoreApplication::translate("Cli", "bench unet: --precision must be fp32 or bf16."));
            if (controlnet && precision != QLatin1String("fp32"))
                return fail(2, QCoreApplication::translate("Cli", "bench unet: --controlnet is measured in fp32 only."));
            if (controlnet)
                return print("unet_controlnet",
                             bench_unet_controlnet(family.toStdString(), width, height, batch, steps, warmup, threads,
                                                   weights.toStdString()),
                             asPlain);
            nlohmann::json j = bench_unet(family.toStdString(), width, height, batch, steps, warmup, threads,
                                          !contiguous, weights.toStdString(), precision.toStdString())
                                   .to_json();
            // bf16: the image difference on the golden case (tiny SD1: --model, else
            // $LATENT_GOLDEN_DIR/tiny-sd1.safetensors, else the demo model of the same shape).
            if (precision == QLatin1String("bf16"))
                j["image"] = bench_precision_images(QFile::encodeName(benchTinyModelPath(tinyModel)).toStdString(),
                                                    golden_tiny_request());
            return print("unet", j, asPlain);
        }
        if (what == QLatin1String("cfg")) {
            // One CFG denoiser evaluation with equal / A1111-default / padded prompt lengths.
            const QString family = o.value(QStringLiteral("--family")).value_or(QStringLiteral("sd1"));
            const int64_t def = family == QLatin1String("sdxl") ? 1024 : 512;
            const int64_t width = o.integer(QStringLiteral("--width"), def);
            const int64_t height = o.integer(QStringLiteral("--height"), def);
            const int64_t batch = o.integer(QStringLiteral("--batch"), 1);
            const int steps = static_cast<int>(o.integer(QStringLiteral("--steps"), 2));
            const int warmup = static_cast<int>(o.integer(QStringLiteral("--warmup"), 1));
            if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench cfg: %1").arg(o.error));
            return print("cfg", bench_cfg(family.toStdString(), width, height, batch, steps, warmup, threads), asPlain);
        }
        if (what == QLatin1String("vae")) {
            const int64_t width = o.integer(QStringLiteral("--width"), 512);
            const int64_t height = o.integer(QStringLiteral("--height"), 512);
            const int steps = static_cast<int>(o.integer(QStringLiteral("--steps"), 1));
            const int warmup = static_cast<int>(o.integer(QStringLiteral("--warmup"), 0));
            const bool tiled = o.flag(QStringLiteral("--tiled"));
            if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench vae: %1").arg(o.error));
            return print("vae", bench_vae(width, height, steps, warmup, threads, tiled), asPlain);
        }
        if (what == QLatin1String("text")) {
            const QString family = o.value(QStringLiteral("--family")).value_or(QStringLiteral("sd1"));
            const int64_t batch = o.integer(QStringLiteral("--batch"), 2);
            const int steps = static_cast<int>(o.integer(QStringLiteral("--steps"), 3));
            const int warmup = static_cast<int>(o.integer(QStringLiteral("--warmup"), 1));
            if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench text: %1").arg(o.error));
            return print("text", bench_text(family.toStdString(), batch, steps, warmup, threads), asPlain);
        }
        if (what == QLatin1String("load")) return benchLoad(o, threads, asPlain);
        if (what == QLatin1String("lora")) {
            const QString family = o.value(QStringLiteral("--family")).value_or(QStringLiteral("sd1"));
            const int64_t rank = o.integer(QStringLiteral("--rank"), 32);
            const int64_t width = o.integer(QStringLiteral("--width"), 512);
            const int64_t height = o.integer(QStringLiteral("--height"), 512);
            const int steps = static_cast<int>(o.integer(QStringLiteral("--steps"), 1));
            const QString dir = o.value(QStringLiteral("--dir")).value_or(QString());
            if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench lora: %1").arg(o.error));
            return print("lora",
                         bench_lora(family.toStdString(), rank, width, height, steps, threads,
                                    QFile::encodeName(dir).toStdString()),
                         asPlain);
        }
        if (what == QLatin1String("upscale")) {
            const QString model = o.value(QStringLiteral("--model")).value_or(QString());
            const int64_t width = o.integer(QStringLiteral("--width"), 512);
            const int64_t height = o.integer(QStringLiteral("--height"), 512);
            const int64_t tile = o.integer(QStringLiteral("--tile"), 192);
            const int64_t overlap = o.integer(QStringLiteral("--tile-overlap"), 8);
            const bool noCancel = o.flag(QStringLiteral("--no-cancel"));
            if (o.leftover()) return fail(2, QCoreApplication::translate("Cli", "bench upscale: %1").arg(o.error));
            return print("upscale",
                         bench_upscale(QFile::encodeName(model).toStdString(), width, height, tile, overlap, !noCancel,
                                       threads),
                         asPlain);
        }
        if (what == QLatin1String("create-sd15")) { // child of `bench load`
            if (o.args.size() != 1) return fail(2, QCoreApplication::translate("Cli", "bench create-sd15 needs a PATH"));
            const nlohmann::json j = bench_create_sd15_checkpoint(QFile::encodeName(o.args.first()).toStdString());
            QTextStream(stdout) << QString::fromStdString(j.dump()) << Qt::endl;
            return 0;
        }
    } catch (const PipelineError& e) {
        return fail(2, QCoreApplication::translate("Cli", "bench %1: %2").arg(what, QString::fromStdString(e.what())));
    } catch (const std::bad_alloc&) {
        return fail(1, QCoreApplication::translate("Cli", "bench %1: out of memory").arg(what));
    } catch (const std::exception& e) {
        return fail(1, QCoreApplication::translate("Cli", "bench %1: %2").arg(what, QString::fromLocal8Bit(e.what())));
    }
    return fail(2, QCoreApplication::translate("Cli", "unknown benchmark \"%1\" (use gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention or txt2img)").arg(what));
}

} // namespace latent
