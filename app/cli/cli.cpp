#include "app/cli/cli.h"

#include "app/cli/cli_bench.h"
#include "app/cli/cli_model_tools.h"
#include "app/cli/cli_img2img.h"
#include "app/cli/cli_library.h"
#include "app/cli/cli_download.h"
#include "app/cli/cli_txt2img.h"
#include "app/cli/cli_upscale.h"
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
        "  inspect PATH [--no-hash] [--no-probe]\n"
        "                         describe a model file or diffusers folder (JSON, hashes)\n"
        "  convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]\n"
        "                         convert a pickle checkpoint safely (restricted reader, child process)\n"
        "  bench gemm|unet|vae|text|load [options] [--plain]\n"
        "                         benchmark figures (JSON): unet --family sd1|sd2|sdxl --width W\n"
        "                         --height H --batch N [--steps N] [--weights fp32|fp16|bf16];\n"
        "                         vae --width W --height H [--tiled];\n"
        "                         text --family F [--batch N]; gemm [--sizes 2048,4096];\n"
        "                         load [--path FILE] [--keep] (real-size SD 1.5, fp16 file)\n"
        "  schedules              A1111 schedule types (JSON)\n"
        "  library scan ROOT      index a models folder, print it as JSON [--no-hash] [--db FILE]\n"
        "  download URL           fetch a model from Hugging Face or Civitai (verified)\n"
        "  help                   this text\n"
        "\n"
        "txt2img options:\n"
        "  --model PATH [--vae PATH] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]\n"
        "  [--cfg F] [--width W] [--height H] [--sampler NAME] [--schedule NAME]\n"
        "  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]\n"
        "  [--subseed N --subseed-strength F] [--device cpu|cuda] --out DIR [--save-latents]\n"
        "  [--infotext TEXT] [--request FILE]   (explicit flags win)\n"
        "\n"
        "img2img options (plus every txt2img option; --request takes an /sdapi/v1/img2img body):\n"
        "  --init IMAGE [--mask IMAGE] [--strength F] [--resize-mode 0|1|2|3] [--mask-blur N|X,Y]\n"
        "  [--inpaint-area whole|masked] [--padding N] [--fill fill|original|latent-noise|latent-nothing]\n"
        "  [--invert-mask] [--mask-from-alpha] [--outpaint LEFT,TOP,RIGHT,BOTTOM]\n"
        "\n"
        "download options:\n"
        "  URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]\n"
        "  (LATENT_HF_ENDPOINT, LATENT_CIVITAI_ENDPOINT, HF_TOKEN, CIVITAI_TOKEN)\n") +
           QCoreApplication::translate(
               "Cli",
               "\n"
               "Hires fix (txt2img; also every hr_* field and enable_hr of a --request body):\n"
               "  --hires | --hr-scale F | --hr-resize WxH   [--hr-upscaler NAME] [--hr-steps N]\n"
               "  [--denoising-strength F] [--hr-sampler NAME] [--hr-schedule NAME] [--hr-prompt TEXT]\n"
               "  [--hr-negative TEXT] [--hr-cfg F] [--hr-checkpoint NAME] [--models-root ROOT]\n"
               "\n"
               "upscale (A1111 Extras, one image):\n"
               "  --input IMAGE --upscaler NAME [--scale F | --width W --height H [--no-crop]]\n"
               "  [--upscaler-2 NAME --visibility F] [--tile N] [--tile-overlap N] [--models-root ROOT]\n"
               "  [--request FILE] [--device cpu|cuda] --out DIR;  upscale --list [--models-root ROOT]\n"
               "  bench upscale [--width W --height H] [--tile N] [--model FILE] [--no-cancel]\n");
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
    if (command == QLatin1String("upscale")) return runUpscaleCommand(args);
    if (command == QLatin1String("library")) return runLibraryCommand(args);
    if (command == QLatin1String("download")) return runDownloadCommand(args);
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
