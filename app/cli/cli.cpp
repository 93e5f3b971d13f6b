#include "app/cli/cli.h"

#include "app/cli/cli_bench.h"
#include "app/cli/cli_model_tools.h"
#include "app/cli/cli_img2img.h"
#include "app/cli/cli_library.h"
#include "app/cli/cli_serve.h"
#include "app/cli/cli_download.h"
#include "app/cli/cli_remote.h"
#include "app/cli/cli_txt2img.h"
#include "app/cli/cli_version.h"
#include "pipeline/engine.h"
#include "app/core/app_info.h"
#include "pipeline/core/system_info.h"

#include <QCoreApplication>
#include <QTextStream>

namespace latent {

namespace {

QTextStream& out() {
    static QTextStream s(stdout);
    return s;
}
QTextStream& err() {
    static QTextStream s(stderr);
    return s;
}

// Kept apart from usage() so each feature's help is its own translation entry.
QString controlNetUsage() {
    return QCoreApplication::translate(
        "Cli",
        "\n"
        "ControlNet options (txt2img and img2img; repeat --controlnet for several units; the\n"
        "--control-* options apply to the unit the last --controlnet started):\n"
        "  --controlnet MODEL     a ControlNet file or folder, or a name looked up in\n"
        "                         ROOT/models/ControlNet with --models-root ROOT (\"name [hash8]\")\n"
        "  --control-image IMAGE [--control-mask IMAGE] [--control-module none|canny|invert|...]\n"
        "  [--control-res N] [--control-threshold-a F] [--control-threshold-b F] [--pixel-perfect]\n"
        "  [--control-weight F] [--guidance-start F] [--guidance-end F]\n"
        "  [--control-mode balanced|prompt|controlnet] [--control-resize just|crop|fill]\n"
        "  --request bodies: alwayson_scripts.controlnet.args as sd-webui-controlnet takes them;\n"
        "  --save-latents adds control.hint (control.N.hint for unit N > 0).\n"
        "  bench unet --controlnet: the cost of one unit on a UNet step (fp16 weights).\n");
}

QString usage() {
    return QCoreApplication::translate(
        "Cli",
        "Usage: latentstudio-cli [--threads N] COMMAND [options]\n"
        "\n"
        "Commands:\n"
        "  --version, version     product, library and device versions\n"
        "  txt2img                text to image (A1111 parameters; --request, --infotext)\n"
        "  img2img                image to image, inpainting, outpainting (A1111 parameters)\n"
        "  samplers               A1111 sampler names and aliases (JSON)\n"
        "  inspect PATH [--no-hash] [--no-probe] [--model CHECKPOINT]\n"
        "                         describe a model, LoRA or embedding file or diffusers folder (JSON, hashes)\n"
        "  convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]\n"
        "                         convert a pickle checkpoint safely (restricted reader, child process)\n"
        "  bench gemm|unet|vae|text|load|lora|serve|dispatch [options] [--plain]\n"
        "                         benchmark figures (JSON): unet --family sd1|sd2|sdxl --width W\n"
        "                         --height H --batch N [--steps N] [--weights fp32|fp16|bf16];\n"
        "                         vae --width W --height H [--tiled];\n"
        "                         text --family F [--batch N]; gemm [--sizes 2048,4096];\n"
        "                         load [--path FILE] [--keep] (real-size SD 1.5, fp16 file);\n"
        "                         lora --family sd1 [--rank N] (apply, switch, step overhead, memory)\n"
        "                         serve [--requests N] [--pollers N] [--poll-ms N] [--job-steps N]\n"
        "                         (HTTP API overhead, pollers, memory; demo model)\n"
        "                         dispatch --backends URL,URL | --spawn N [--images 40] [--steps N]\n"
        "                         (\"Any\" over remote backends: throughput against the ideal)\n"
        "  schedules              A1111 schedule types (JSON)\n"
        "  library scan ROOT      index a models folder, print it as JSON [--no-hash] [--db FILE]\n"
        "  download URL           fetch a model from Hugging Face or Civitai (verified)\n"
        "  serve                  the HTTP API: A1111 /sdapi/v1, OpenAI-style images, async jobs\n"
        "  backends add|list|check|remove\n"
        "                         remote backends (A1111/Forge/SD.Next, RunPod, OpenAI-style APIs)\n"
        "  help                   this text\n"
        "\n"
        "txt2img options:\n"
        "  --model PATH [--vae PATH] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]\n"
        "  [--cfg F] [--width W] [--height H] [--sampler NAME] [--schedule NAME]\n"
        "  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]\n"
        "  [--subseed N --subseed-strength F] [--device cpu|cuda] --out DIR [--save-latents]\n"
        "  [--infotext TEXT] [--request FILE]   (explicit flags win)\n"
        "  [--models-root ROOT] [--lora-dir DIR] [--embeddings-dir DIR]   (<lora:NAME:W>, embeddings)\n"
        "  (--vae also takes a VAE name, Automatic or None, looked up in ROOT/models/VAE)\n"
        "\n"
        "img2img options (plus every txt2img option; --request takes an /sdapi/v1/img2img body):\n"
        "  --init IMAGE [--mask IMAGE] [--strength F] [--resize-mode 0|1|2|3] [--mask-blur N|X,Y]\n"
        "  [--inpaint-area whole|masked] [--padding N] [--fill fill|original|latent-noise|latent-nothing]\n"
        "  [--invert-mask] [--mask-from-alpha] [--outpaint LEFT,TOP,RIGHT,BOTTOM]\n"
        "\n"
        "remote backends (txt2img and img2img run there instead of here; same options and files):\n"
        "  --backend NAME | --backend-url URL --backend-kind a1111|runpod|openai [--backend-user U]\n"
        "  [--backend-model M] [--backend-wait SECONDS]   (LATENT_BACKEND_SECRET: user:pass or the API key)\n"
        "  backends add NAME --kind KIND --url URL [--user U] [--secret-env VAR | --secret-stdin]\n"
        "  [--concurrency N] [--timeout S] [--model M] [--extras JSON] [--no-any]; backends check NAME [--json]\n"
        "\n"
        "download options:\n"
        "  URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]\n"
        "  (LATENT_HF_ENDPOINT, LATENT_CIVITAI_ENDPOINT, HF_TOKEN, CIVITAI_TOKEN)\n"
        "\n"
        "serve options:\n"
        "  [--listen] [--port 7860] [--api-auth user:pass[,user2:pass2]] [--api-auth-file FILE]\n"
        "  [--api-key KEY] [--api-keys-file FILE] [--models-root ROOT] [--data-dir DIR] [--output-dir DIR]\n"
        "  [--tls-keyfile F --tls-certfile F] [--cors-allow-origins LIST] [--queue-size N] [--max-batch N]\n"
        "  [--max-body-mb N] [--max-connections N] [--header-timeout S] [--shutdown-timeout S]\n"
        "  [--insecure-no-auth]   (a non-loopback address needs --api-auth unless this is given)\n") + controlNetUsage();
}

} // namespace

int runCli(const QStringList& argsIn) {
    QStringList args = argsIn;
    // Global option: --threads N (default: every core).
    int threads = 0;
    const int ti = args.indexOf(QStringLiteral("--threads"));
    if (ti >= 0) {
        bool ok = false;
        threads = args.value(ti + 1).toInt(&ok);
        if (!ok || threads < 0) {
            err() << QCoreApplication::translate("Cli", "latentstudio-cli: --threads needs a non-negative number") << Qt::endl;
            return 2;
        }
        args.remove(ti, 2);
    }
    configure_threads(threads);

    if (args.isEmpty() || args.first() == QLatin1String("help") || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h")) {
        out() << usage();
        out().flush();
        return args.isEmpty() ? 2 : 0;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("--version") || command == QLatin1String("version")) {
        out() << versionReport() << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("txt2img")) return runTxt2ImgCommand(args);
    // Model files (issue 3) and benchmarks (issue 4 item 9).
    if (command == QLatin1String("inspect")) return runInspectCommand(args);
    if (command == QLatin1String("convert")) return runConvertCommand(args);
    if (command == QLatin1String("convert-worker")) return runConvertWorkerCommand(args);
    if (command == QLatin1String("bench")) return runBenchCommand(args);
    if (command == QLatin1String("img2img")) return runImg2ImgCommand(args);
    if (command == QLatin1String("library")) return runLibraryCommand(args);
    if (command == QLatin1String("download")) return runDownloadCommand(args);
    if (command == QLatin1String("serve")) return runServeCommand(args);
    if (command == QLatin1String("backends")) return runBackendsCommand(args);
    if (command == QLatin1String("samplers") || command == QLatin1String("schedules")) {
        const std::string json = command == QLatin1String("samplers") ? Engine::samplers_json() : Engine::schedules_json();
        out() << QString::fromStdString(json) << Qt::endl;
        return 0;
    }
    err() << QCoreApplication::translate("Cli", "latentstudio-cli: unknown command \"%1\" (see latentstudio-cli help)")
                 .arg(command)
          << Qt::endl;
    return 2;
}

} // namespace latent
