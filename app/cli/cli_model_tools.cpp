#include "app/cli/cli_model_tools.h"

#include "app/library/model_hashes.h"
#include "app/library/safe_convert.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/loaders/model_inspect.h"
#include "pipeline/networks/network_inspect.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <nlohmann/json.hpp>

namespace latent {

namespace {


int fail(int code, const QString& message) {
    QString line = message.trimmed(); // one clear line
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QTextStream(stderr) << "latentstudio-cli: " << line << Qt::endl;
    return code;
}

} // namespace

int runInspectCommand(const QStringList& argsIn) {
    QStringList args = argsIn;
    const bool noHash = args.removeAll(QStringLiteral("--no-hash")) > 0;
    const bool noProbe = args.removeAll(QStringLiteral("--no-probe")) > 0;
    QString matchModel;  // networks: match against this checkpoint instead of the family's layers
    const int mi = args.indexOf(QStringLiteral("--model"));
    if (mi >= 0) {
        if (mi + 1 >= args.size()) return fail(2, QCoreApplication::translate("Cli", "inspect: --model needs a checkpoint"));
        matchModel = args.at(mi + 1);
        args.remove(mi, 2);
    }
    if (args.size() != 1 || args.first().startsWith(QLatin1String("--")))
        return fail(2, QCoreApplication::translate("Cli", "inspect needs exactly one PATH (a model file or a diffusers folder)"));
    const QString path = args.first();
    if (!QFileInfo::exists(path)) return fail(2, QCoreApplication::translate("Cli", "inspect: %1 does not exist").arg(path));
    nlohmann::json j;
    std::optional<nlohmann::json> network;
    const std::string file = QFile::encodeName(path).toStdString();
    try {
        try {
            j = inspect_model_json(file);
        } catch (const PipelineError& e) {
            // A PyTorch file may be a LoRA or an embedding: those are read by the restricted reader.
            if (e.code() != "pickle_checkpoint" || !QFileInfo(path).isFile()) throw;
            // Not readable as a network either (a damaged or foreign archive): the checkpoint
            // message stands, with its advice to convert the file.
            try {
                network = inspect_network_json(file, QFile::encodeName(matchModel).toStdString());
            } catch (const PipelineError&) {
                throw e;
            }
            if (!network) throw;
            j = nlohmann::json{{"format", "pytorch_zip"},
                               {"family", (*network)["kind"] == "embedding" ? "embedding" : "lora"}};
        }
        const std::string family = j.value("family", std::string());
        if (!network && (family == "lora" || family == "embedding"))
            network = inspect_network_json(file, QFile::encodeName(matchModel).toStdString());
    } catch (const PipelineError& e) {
        return fail(2, QCoreApplication::translate("Cli", "inspect: %1: %2").arg(QFileInfo(path).fileName(), QString::fromStdString(e.what())));
    } catch (const std::bad_alloc&) {
        return fail(1, QCoreApplication::translate("Cli", "inspect: out of memory"));
    } catch (const std::exception& e) {
        return fail(2, QCoreApplication::translate("Cli", "inspect: %1: %2").arg(QFileInfo(path).fileName(), QString::fromLocal8Bit(e.what())));
    }
    if (j.value("prediction_needs_probe", false) && !noProbe) {
        // SD 2.x single file without a sidecar: A1111 decides epsilon vs v-prediction by running
        // the UNet once. Load only the UNet and run that test (--no-probe skips it).
        try {
            LoadOptions o;
            o.load_text_encoders = false;
            o.load_vae = false;
            o.unet_channels_last = false;
            const LoadedCheckpoint ck = load_checkpoint(QFile::encodeName(path).toStdString(), o);
            j["prediction"] = prediction_name(ck.prediction);
            j["prediction_source"] = ck.detection.prediction_source;
            j.erase("prediction_needs_probe");
        } catch (const PipelineError& e) {
            return fail(2, QCoreApplication::translate("Cli", "inspect: %1: %2").arg(QFileInfo(path).fileName(), QString::fromStdString(e.what())));
        } catch (const std::bad_alloc&) {
            return fail(1, QCoreApplication::translate("Cli", "inspect: out of memory while testing the UNet (use --no-probe)"));
        }
    }
    j["path"] = QFile::encodeName(QFileInfo(path).absoluteFilePath()).toStdString();
    const bool isFile = QFileInfo(path).isFile();
    j["size"] = isFile ? QFileInfo(path).size() : 0;
    // Hashes of the whole file (A1111 / Civitai). A diffusers folder has no single-file hash.
    j["sha256"] = nullptr;
    j["hash10"] = nullptr;
    j["autov1"] = nullptr;
    if (network)
        for (const auto& [k, v] : network->items())
            if (k != "format") j[k] = v;
    const bool lora = j.value("family", std::string()) == "lora";
    if (isFile && !noHash) {
        const ModelHashResult h = ModelHashes::compute(path, /*wantAddnet=*/lora);
        if (!h.ok) return fail(1, QCoreApplication::translate("Cli", "inspect: %1").arg(h.error));
        j["sha256"] = h.sha256.toStdString();
        j["hash10"] = h.autoV2().toStdString();
        j["autov1"] = h.autoV1.toStdString();
        if (lora) {
            j["lora_hash"] = h.loraHash().toStdString(); // A1111 "Lora hashes" (addnet, 12 hex)
            j["addnet_hash"] = h.addnet.toStdString();   // Civitai AutoV3 (64 hex)
        }
        if (j.value("family", std::string()) == "embedding") j["ti_hash"] = h.sha256.left(12).toStdString();  // "TI hashes"
    }
    QTextStream(stdout) << QString::fromStdString(j.dump(2)) << Qt::endl;
    return 0;
}

int runConvertCommand(const QStringList& argsIn) {
    QStringList args = argsIn;
    SafeConvertOptions o;
    o.overwrite = args.removeAll(QStringLiteral("--overwrite")) > 0;
    o.halfPrecision = args.removeAll(QStringLiteral("--fp16")) > 0;
    QString out;
    const int oi = args.indexOf(QStringLiteral("--out"));
    if (oi >= 0) {
        if (oi + 1 >= args.size()) return fail(2, QCoreApplication::translate("Cli", "convert: --out needs a file name"));
        out = args.at(oi + 1);
        args.remove(oi, 2);
    }
    if (args.size() != 1 || args.first().startsWith(QLatin1String("--")) || out.isEmpty())
        return fail(2, QCoreApplication::translate("Cli", "usage: latentstudio-cli convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]"));
    if (!out.endsWith(QLatin1String(".safetensors"), Qt::CaseInsensitive))
        return fail(2, QCoreApplication::translate("Cli", "convert: the output name must end in .safetensors"));
    const SafeConvertResult r = SafeCheckpointConverter::convert(args.first(), out, o);
    if (!r.ok) {
        const bool io = r.code == QLatin1String("io_error") || r.code == QLatin1String("worker_failed");
        return fail(io ? 1 : 2, QCoreApplication::translate("Cli", "convert: %1").arg(r.error));
    }
    const QJsonObject report{{QStringLiteral("input"), QFileInfo(args.first()).absoluteFilePath()},
                             {QStringLiteral("output"), r.output},
                             {QStringLiteral("tensors"), r.tensors},
                             {QStringLiteral("bytes"), r.outputBytes},
                             {QStringLiteral("skipped"), QJsonArray::fromStringList(r.skipped)},
                             {QStringLiteral("out_of_process"), true},
                             {QStringLiteral("offline"), r.offline},
                             {QStringLiteral("verified"), true}};
    QTextStream(stdout) << QJsonDocument(report).toJson(QJsonDocument::Indented);
    return 0;
}

int runConvertWorkerCommand(const QStringList& args) {
    return SafeCheckpointConverter::runWorker(args);
}

} // namespace latent
