#include "app/cli/cli_options.h"

#include <QCoreApplication>
#include <QStringList>

namespace latent {

namespace {

// A text of the table (marked with QT_TRANSLATE_NOOP), translated.
QString translated(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

const std::vector<CliOption>& generationOptions() {
    static const std::vector<CliOption> options = {
        {"--model PATH", QT_TRANSLATE_NOOP("Cli", "the checkpoint: a .safetensors file or a diffusers folder")},
        {"--vae PATH", QT_TRANSLATE_NOOP("Cli", "a VAE to use instead of the checkpoint's")},
        {"--prompt TEXT", QT_TRANSLATE_NOOP("Cli", "the prompt, in A1111 syntax")},
        {"--negative TEXT", QT_TRANSLATE_NOOP("Cli", "the negative prompt")},
        {"--seed N", QT_TRANSLATE_NOOP("Cli", "the seed (-1: random)")},
        {"--steps N", QT_TRANSLATE_NOOP("Cli", "sampling steps")},
        {"--cfg F", QT_TRANSLATE_NOOP("Cli", "CFG scale")},
        {"--width W", QT_TRANSLATE_NOOP("Cli", "image width in pixels (a multiple of 8)")},
        {"--height H", QT_TRANSLATE_NOOP("Cli", "image height in pixels (a multiple of 8)")},
        {"--sampler NAME", QT_TRANSLATE_NOOP("Cli", "A1111 sampler name (see the samplers command)")},
        {"--schedule NAME", QT_TRANSLATE_NOOP("Cli", "A1111 schedule type (see the schedules command)")},
        {"--batch-size N", QT_TRANSLATE_NOOP("Cli", "images per batch")},
        {"--n-iter N", QT_TRANSLATE_NOOP("Cli", "batches")},
        {"--clip-skip N", QT_TRANSLATE_NOOP("Cli", "stop the text encoder N layers early (A1111 Clip skip)")},
        {"--rng cpu|gpu|nv",
         QT_TRANSLATE_NOOP("Cli", "noise source; gpu (A1111's default) is reproduced on any device")},
        {"--subseed N", QT_TRANSLATE_NOOP("Cli", "variation seed")},
        {"--subseed-strength F", QT_TRANSLATE_NOOP("Cli", "variation strength (0-1)")},
        {"--device cpu|cuda", QT_TRANSLATE_NOOP("Cli", "where to run")},
        {"--precision fp32|bf16", QT_TRANSLATE_NOOP("Cli", "what the UNet computes in: fp32 (default) or bf16 on CPUs with native bf16 (AVX512_BF16 or AMX)")},
        {"--out DIR", QT_TRANSLATE_NOOP("Cli", "folder for the PNG files (with their A1111 parameters)")},
        {"--save-latents", QT_TRANSLATE_NOOP("Cli", "also write the intermediate tensors next to the images")},
        {"--infotext TEXT",
         QT_TRANSLATE_NOOP("Cli", "take the parameters of an A1111 infotext (a PNG's parameters text)")},
        {"--request FILE",
         QT_TRANSLATE_NOOP("Cli", "take the parameters of an A1111 /sdapi/v1/txt2img request body (JSON)")},
        {"--models-root ROOT", QT_TRANSLATE_NOOP("Cli", "an A1111 folder: LoRAs, embeddings, VAEs and ControlNets are looked up in its models")},
        {"--lora-dir DIR", QT_TRANSLATE_NOOP("Cli", "a folder of LoRA / LyCORIS files (instead of the root's; repeatable)")},
        {"--embeddings-dir DIR", QT_TRANSLATE_NOOP("Cli", "a folder of textual-inversion embeddings (instead of the root's; repeatable)")},
        {"--controlnet MODEL", QT_TRANSLATE_NOOP("Cli", "a ControlNet unit: a file or folder, or a name in ROOT/models/ControlNet (repeatable)")},
        {"--control-image IMAGE, --control-mask IMAGE", QT_TRANSLATE_NOOP("Cli", "the unit's control image (and mask)")},
        {"--control-module NAME", QT_TRANSLATE_NOOP("Cli", "the unit's preprocessor: none, canny, invert, tile_resample, inpaint_only, ...")},
        {"--control-res N, --control-threshold-a F, --control-threshold-b F", QT_TRANSLATE_NOOP("Cli", "the preprocessor's resolution and parameters")},
        {"--pixel-perfect", QT_TRANSLATE_NOOP("Cli", "choose the preprocessor resolution from the image size")},
        {"--control-weight F", QT_TRANSLATE_NOOP("Cli", "the unit's weight")},
        {"--guidance-start F, --guidance-end F", QT_TRANSLATE_NOOP("Cli", "when the unit acts, as fractions of the sampling steps")},
        {"--control-mode balanced|prompt|controlnet", QT_TRANSLATE_NOOP("Cli", "the unit's control mode")},
        {"--control-resize just|crop|fill", QT_TRANSLATE_NOOP("Cli", "how the control image is fitted to the image size")},
        {"--control-hr-option both|low|high", QT_TRANSLATE_NOOP("Cli", "with --hires: the unit acts in both passes, the first only or the second only")},
        {"--backend NAME", QT_TRANSLATE_NOOP("Cli", "run the job on a saved remote backend (see backends)")},
        {"--backend-url URL, --backend-kind a1111|runpod|openai", QT_TRANSLATE_NOOP("Cli", "run the job on an unsaved remote backend (secret from LATENT_BACKEND_SECRET)")},
        {"--backend-user U, --backend-model M", QT_TRANSLATE_NOOP("Cli", "the remote backend's user and model")},
        {"--backend-wait SECONDS", QT_TRANSLATE_NOOP("Cli", "how long to wait for a remote backend that is offline")},
        {"--hires", QT_TRANSLATE_NOOP("Cli", "txt2img: run A1111's hires fix (second pass) with its defaults")},
        {"--hr-scale F, --hr-resize WxH", QT_TRANSLATE_NOOP("Cli", "hires fix: upscale by a factor, or to a size (A1111's rounding and aspect rules)")},
        {"--hr-upscaler NAME", QT_TRANSLATE_NOOP("Cli", "hires fix: Latent (...), None, Lanczos, Nearest or an ESRGAN-family model by name")},
        {"--hr-steps N, --denoising-strength F", QT_TRANSLATE_NOOP("Cli", "hires fix: second-pass steps (0 = as the first pass) and denoising strength")},
        {"--hr-sampler NAME, --hr-schedule NAME, --hr-cfg F", QT_TRANSLATE_NOOP("Cli", "hires fix: the second pass's sampler, schedule type and CFG scale")},
        {"--hr-prompt TEXT, --hr-negative TEXT", QT_TRANSLATE_NOOP("Cli", "hires fix: the second pass's prompt and negative prompt")},
        {"--hr-checkpoint NAME", QT_TRANSLATE_NOOP("Cli", "hires fix: another checkpoint for the second pass (looked up in --models-root)")},
    };
    return options;
}

std::vector<CliOption> img2imgOptions() {
    return {
        {"--init IMAGE", QT_TRANSLATE_NOOP("Cli", "the image to start from (PNG, JPEG, WebP, TIFF, EXR)")},
        {"--mask IMAGE", QT_TRANSLATE_NOOP("Cli", "inpainting mask: white is repainted")},
        {"--strength F", QT_TRANSLATE_NOOP("Cli", "denoising strength (0-1)")},
        {"--resize-mode 0|1|2|3",
         QT_TRANSLATE_NOOP("Cli", "just resize, crop and resize, resize and fill, latent upscale")},
        {"--mask-blur N|X,Y", QT_TRANSLATE_NOOP("Cli", "blur of the mask edge in pixels")},
        {"--inpaint-area whole|masked",
         QT_TRANSLATE_NOOP("Cli", "repaint at the whole picture's size or only the masked area's")},
        {"--padding N", QT_TRANSLATE_NOOP("Cli", "pixels around the masked area (inpaint area masked)")},
        {"--fill fill|original|latent-noise|latent-nothing",
         QT_TRANSLATE_NOOP("Cli", "what the masked area starts from")},
        {"--invert-mask", QT_TRANSLATE_NOOP("Cli", "repaint the black part of the mask instead")},
        {"--mask-from-alpha", QT_TRANSLATE_NOOP("Cli", "without --mask: repaint where the init image is transparent")},
        {"--outpaint LEFT,TOP,RIGHT,BOTTOM",
         QT_TRANSLATE_NOOP("Cli", "grow the canvas by these pixels and paint the new border")},
    };
}

} // namespace

const std::vector<CliCommand>& cliCommands() {
    static const std::vector<CliCommand> commands = {
        {"--version, version", "", QT_TRANSLATE_NOOP("Cli", "product, library and device versions"), {}, nullptr},
        {"txt2img", "[options]", QT_TRANSLATE_NOOP("Cli", "text to image with A1111 parameters"), generationOptions(),
         QT_TRANSLATE_NOOP("Cli", "Explicit flags win over --infotext, which wins over --request.")},
        {"img2img", "[options]",
         QT_TRANSLATE_NOOP("Cli", "image to image, inpainting and outpainting with A1111 parameters"), img2imgOptions(),
         QT_TRANSLATE_NOOP("Cli", "Every txt2img option applies too; --request takes an /sdapi/v1/img2img body with "
                                  "base64 images.")},
        {"samplers", "", QT_TRANSLATE_NOOP("Cli", "A1111 sampler names and aliases (JSON)"), {}, nullptr},
        {"schedules", "", QT_TRANSLATE_NOOP("Cli", "A1111 schedule types (JSON)"), {}, nullptr},
        {"inspect",
         "PATH",
         QT_TRANSLATE_NOOP("Cli", "describe a model file or diffusers folder (JSON, hashes)"),
         {{"--no-hash", QT_TRANSLATE_NOOP("Cli", "skip the hashes (fast)")},
          {"--no-probe", QT_TRANSLATE_NOOP("Cli", "skip the SD 2 prediction probe")}},
         nullptr},
        {"convert",
         "FILE.ckpt --out FILE.safetensors",
         QT_TRANSLATE_NOOP("Cli", "convert a pickle checkpoint safely (restricted reader in a child process)"),
         {{"--out FILE", QT_TRANSLATE_NOOP("Cli", "the .safetensors file to write")},
          {"--fp16", QT_TRANSLATE_NOOP("Cli", "store the weights as float16")},
          {"--overwrite", QT_TRANSLATE_NOOP("Cli", "replace an existing output file")}},
         nullptr},
        {"bench",
         "gemm | unet | cfg | vae | text | load | lora | upscale | serve | dispatch | contention | txt2img [options]",
         QT_TRANSLATE_NOOP("Cli", "benchmark figures (JSON)"),
         {{"--plain", QT_TRANSLATE_NOOP("Cli", "print a table instead of JSON")},
          {"--family sd1|sd2|sdxl", QT_TRANSLATE_NOOP("Cli", "unet, text: the model family")},
          {"--width W, --height H", QT_TRANSLATE_NOOP("Cli", "unet, vae: the image size")},
          {"--batch N", QT_TRANSLATE_NOOP("Cli", "unet, text: the batch size")},
          {"--steps N, --warmup N", QT_TRANSLATE_NOOP("Cli", "unet, vae, text: measured and warm-up runs")},
          {"--weights fp32|fp16|bf16", QT_TRANSLATE_NOOP("Cli", "unet: how the weights are stored")},
          {"--precision fp32|bf16", QT_TRANSLATE_NOOP("Cli", "unet: bf16 also times the fp32 steps and compares the golden tiny txt2img (PSNR, max difference)")},
          {"--no-channels-last", QT_TRANSLATE_NOOP("Cli", "unet: keep the contiguous memory layout")},
          {"--model FILE", QT_TRANSLATE_NOOP("Cli", "unet --precision bf16, contention: the tiny SD1 model to generate with")},
          {"--size N, --steps N, --sampler NAME, --cfg N", QT_TRANSLATE_NOOP("Cli", "txt2img: one real-size SD 1.5 generation (default 512, 20 steps, Euler, 7)")},
          {"--path FILE, --keep", QT_TRANSLATE_NOOP("Cli", "txt2img: the random fp16 checkpoint to use or write, and keep it")},
          {"--tiled", QT_TRANSLATE_NOOP("Cli", "vae: decode in tiles")},
          {"--sizes 2048,4096", QT_TRANSLATE_NOOP("Cli", "gemm: matrix sizes")},
          {"--repeats N", QT_TRANSLATE_NOOP("Cli", "gemm: runs per size")},
          {"--path FILE", QT_TRANSLATE_NOOP("Cli", "load: the real-size SD 1.5 fp16 file (made when missing)")},
          {"--keep, --recreate", QT_TRANSLATE_NOOP("Cli", "load: keep the file made for the run, or make it again")},
          {"--controlnet", QT_TRANSLATE_NOOP("Cli", "unet: add one ControlNet unit (fp16 weights) and report its cost")},
          {"--competitors 0,1,2, --no-unet, --with-spin", QT_TRANSLATE_NOOP("Cli", "contention: competitor counts, skip the real-size UNet step, compare with spinning waits")},
          {"--unet-size N, --unet-batch N, --seconds N", QT_TRANSLATE_NOOP("Cli", "contention: the UNet step's size and batch, and a time limit")},
          {"--task tiny|unet", QT_TRANSLATE_NOOP("Cli", "contention-task (internal): the measured task of one run")},
          {"--tile N, --tile-overlap N, --no-cancel", QT_TRANSLATE_NOOP("Cli", "upscale: tile size, overlap, and skip the cancel-latency measurement")},
          {"--rank N, --dir DIR", QT_TRANSLATE_NOOP("Cli", "lora: the LoRA rank, and a folder for its files")},
          {"--requests N, --pollers N, --poll-ms N, --job-steps N, --size N", QT_TRANSLATE_NOOP("Cli", "serve: requests, polling clients, poll interval, steps and image size")},
          {"--backends URL,URL, --spawn N", QT_TRANSLATE_NOOP("Cli", "dispatch: A1111-compatible servers to spread over, or N serve processes started for the run")},
          {"--images N, --solo N, --concurrency N, --timeout S", QT_TRANSLATE_NOOP("Cli", "dispatch: images, images per backend alone, jobs per backend, time limit")},
          {"--model-path FILE, --models-root ROOT, --data-dir DIR, --output-dir DIR, --port N", QT_TRANSLATE_NOOP("Cli", "dispatch --spawn: the model and folders of the serve processes")}},
         nullptr},
        {"library scan",
         "ROOT",
         QT_TRANSLATE_NOOP("Cli", "index a models folder and print the index as JSON"),
         {{"--no-hash", QT_TRANSLATE_NOOP("Cli", "do not hash the files")},
          {"--db FILE", QT_TRANSLATE_NOOP("Cli", "the index database (default: a temporary one)")}},
         nullptr},
        {"download",
         "URL",
         QT_TRANSLATE_NOOP("Cli", "fetch a model from Hugging Face or Civitai, verified by its SHA-256"),
         {{"--dest ROOT",
           QT_TRANSLATE_NOOP("Cli", "the A1111-style models folder (default: the first library folder)")},
          {"--kind checkpoint|lora|vae|embedding|controlnet",
           QT_TRANSLATE_NOOP("Cli", "the kind of model, when the site does not say")},
          {"--yes", QT_TRANSLATE_NOOP("Cli", "do not ask before downloading")}},
         nullptr},
        {"upscale",
         "--input IMAGE --upscaler NAME --out DIR",
         QT_TRANSLATE_NOOP("Cli", "upscale one image as A1111's Extras tab does"),
         {
          {"--input IMAGE", QT_TRANSLATE_NOOP("Cli", "the image to upscale")},
          {"--upscaler NAME", QT_TRANSLATE_NOOP("Cli", "Lanczos, Nearest, or an ESRGAN-family model by name (see --list)")},
          {"--scale F, --width W, --height H, --no-crop", QT_TRANSLATE_NOOP("Cli", "the result's size: a factor, or a size (cropped to fit unless --no-crop)")},
          {"--upscaler-2 NAME, --visibility F", QT_TRANSLATE_NOOP("Cli", "a second upscaler blended in with this visibility")},
          {"--tile N, --tile-overlap N", QT_TRANSLATE_NOOP("Cli", "tiled inference (A1111's ESRGAN_tile 192 and ESRGAN_tile_overlap 8)")},
          {"--models-root ROOT", QT_TRANSLATE_NOOP("Cli", "where upscaler models are found (models/ESRGAN, models/RealESRGAN)")},
          {"--request FILE", QT_TRANSLATE_NOOP("Cli", "take the parameters of an A1111 /sdapi/v1/extra-single-image body (JSON)")},
          {"--device cpu|cuda, --out DIR", QT_TRANSLATE_NOOP("Cli", "where to run, and the folder for the result")},
          {"--list", QT_TRANSLATE_NOOP("Cli", "list the upscalers and exit")},
         },
         nullptr},
        {"serve",
         "[options]",
         QT_TRANSLATE_NOOP("Cli", "the HTTP API: A1111 /sdapi/v1, OpenAI-style images, async jobs"),
         {
          {"--listen", QT_TRANSLATE_NOOP("Cli", "bind every interface instead of 127.0.0.1 (needs --api-auth)")},
          {"--port N", QT_TRANSLATE_NOOP("Cli", "the port (default 7860)")},
          {"--api-auth user:pass[,user2:pass2], --api-auth-file FILE", QT_TRANSLATE_NOOP("Cli", "HTTP Basic users, as A1111's --api-auth")},
          {"--api-key KEY, --api-keys-file FILE", QT_TRANSLATE_NOOP("Cli", "Bearer keys for the OpenAI-style and job routes")},
          {"--models-root ROOT", QT_TRANSLATE_NOOP("Cli", "the A1111 models folder to serve")},
          {"--data-dir DIR, --output-dir DIR", QT_TRANSLATE_NOOP("Cli", "the queue's data and where saved images go")},
          {"--tls-keyfile F, --tls-certfile F", QT_TRANSLATE_NOOP("Cli", "serve HTTPS with this key and certificate")},
          {"--cors-allow-origins LIST", QT_TRANSLATE_NOOP("Cli", "browser origins allowed to call the API")},
          {"--queue-size N, --max-batch N", QT_TRANSLATE_NOOP("Cli", "how many jobs may wait, and the largest batch")},
          {"--max-body-mb N, --max-connections N, --header-timeout S", QT_TRANSLATE_NOOP("Cli", "limits for request bodies, connections and slow clients")},
          {"--shutdown-timeout S", QT_TRANSLATE_NOOP("Cli", "how long a running job may finish after SIGINT/SIGTERM")},
          {"--insecure-no-auth", QT_TRANSLATE_NOOP("Cli", "allow --listen without users (not recommended)")},
         },
         QT_TRANSLATE_NOOP("Cli", "Serves until SIGINT or SIGTERM, then lets the running job finish.")},
        {"backends",
         "add|list|check|remove [NAME]",
         QT_TRANSLATE_NOOP("Cli", "remote backends: A1111/Forge/SD.Next servers, RunPod endpoints, OpenAI-style APIs"),
         {
          {"--kind a1111|runpod|openai, --url URL", QT_TRANSLATE_NOOP("Cli", "the backend's kind and base address")},
          {"--user U, --secret-env VAR, --secret-stdin", QT_TRANSLATE_NOOP("Cli", "the user, and where the secret comes from (kept in the keychain)")},
          {"--concurrency N, --timeout S, --model M", QT_TRANSLATE_NOOP("Cli", "jobs at once, time limit per job, the model to ask for")},
          {"--extras JSON, --no-any", QT_TRANSLATE_NOOP("Cli", "provider-specific request fields; keep the backend out of \"Any\"")},
          {"--json", QT_TRANSLATE_NOOP("Cli", "check: print the result as JSON")},
         },
         nullptr},
        {"help, --help", "", QT_TRANSLATE_NOOP("Cli", "this text"), {}, nullptr},
    };
    return commands;
}

const std::vector<CliOption>& cliGlobalOptions() {
    static const std::vector<CliOption> options = {
        {"--threads N", QT_TRANSLATE_NOOP("Cli", "threads for the engine (default or 0: automatic, every CPU this process may use, fewer while other programs keep CPUs busy; OMP_NUM_THREADS also sets it)")},
    };
    return options;
}

const std::vector<CliEnvironment>& cliEnvironment() {
    static const std::vector<CliEnvironment> env = {
        {"HF_TOKEN, CIVITAI_TOKEN",
         QT_TRANSLATE_NOOP("Cli", "tokens for gated downloads (sent only to their own site)")},
        {"LATENT_HF_ENDPOINT, LATENT_CIVITAI_ENDPOINT",
         QT_TRANSLATE_NOOP("Cli", "other addresses for the two sites (mirrors, tests)")},
        {"LATENT_BACKEND_SECRET",
         QT_TRANSLATE_NOOP("Cli", "the secret for --backend-url: user:pass for A1111, the key for RunPod and OpenAI-style APIs")},
        {"LATENT_LOG_LEVEL", QT_TRANSLATE_NOOP("Cli", "debug, info, warning or error for this run's log")},
        {"LATENT_DEMO_MODEL", QT_TRANSLATE_NOOP("Cli", "another file for the built-in demo model")},
        {"LATENT_ASSETS_DIR", QT_TRANSLATE_NOOP("Cli", "another folder for the CLIP vocabulary (clip/)")},
    };
    return env;
}

QString cliUsageText() {
    constexpr int kColumn = 25;
    QStringList out;
    auto item = [&](const QString& left, const QString& help) {
        if (left.size() + 2 < kColumn)
            out << QStringLiteral("  %1%2").arg(left.leftJustified(kColumn - 2), help);
        else
            out << QStringLiteral("  ") + left << QString(kColumn, QLatin1Char(' ')) + help;
    };
    out << QCoreApplication::translate("Cli", "Usage: latentstudio-cli [--threads N] COMMAND [options]") << QString();
    out << QCoreApplication::translate("Cli", "Commands:");
    for (const CliCommand& c : cliCommands())
        item(QString::fromLatin1(c.name) +
                 (*c.arguments ? QLatin1Char(' ') + QString::fromLatin1(c.arguments) : QString()),
             translated(c.summary));
    out << QString() << QCoreApplication::translate("Cli", "Global options:");
    for (const CliOption& o : cliGlobalOptions()) item(QString::fromLatin1(o.flags), translated(o.help));
    for (const CliCommand& c : cliCommands()) {
        if (c.options.empty()) continue;
        out << QString() << QCoreApplication::translate("Cli", "%1 options:").arg(QString::fromLatin1(c.name));
        for (const CliOption& o : c.options) item(QString::fromLatin1(o.flags), translated(o.help));
        if (c.notes) out << QStringLiteral("  ") + translated(c.notes);
    }
    out << QString() << QCoreApplication::translate("Cli", "Environment:");
    for (const CliEnvironment& e : cliEnvironment()) item(QString::fromLatin1(e.name), translated(e.help));
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

namespace {
// A table text as a man-page sentence: capital first letter, final period.
QString sentence(const char* text) {
    QString s = QString::fromLatin1(text);
    if (!s.isEmpty()) s[0] = s[0].toUpper();
    if (!s.endsWith(QLatin1Char('.'))) s += QLatin1Char('.');
    return roffEscape(s);
}
} // namespace

QString roffEscape(const QString& text) {
    QString s = text;
    s.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    s.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    if (s.startsWith(QLatin1Char('.')) || s.startsWith(QLatin1Char('\''))) s.prepend(QStringLiteral("\\&"));
    return s;
}

QString cliManPage(const QString& version, const QString& date) {
    QStringList m;
    auto option = [&](const char* flags, const char* help) {
        m << QStringLiteral(".TP") << QStringLiteral(".B %1").arg(roffEscape(QString::fromLatin1(flags)))
          << sentence(help);
    };
    m << QStringLiteral(".TH LATENTSTUDIO\\-CLI 1 \"%1\" \"Latent Studio %2\" \"User Commands\"").arg(date, version);
    m << QStringLiteral(".SH NAME") << QStringLiteral("latentstudio\\-cli \\- Stable Diffusion from the command line");
    m << QStringLiteral(".SH SYNOPSIS");
    for (const CliCommand& c : cliCommands()) {
        const QString name = QString::fromLatin1(c.name).section(QStringLiteral(", "), -1);
        m << QStringLiteral(".B latentstudio\\-cli") << QStringLiteral("[\\fB\\-\\-threads\\fR \\fIN\\fR]")
          << QStringLiteral("\\fB%1\\fR %2").arg(roffEscape(name), roffEscape(QString::fromLatin1(c.arguments)))
          << QStringLiteral(".br");
    }
    m << QStringLiteral(".SH DESCRIPTION")
      << QStringLiteral("The command\\-line side of Latent Studio, over the same engine as the studio "
                        "(\\fBlatentstudio\\fR(1)): generations with AUTOMATIC1111's parameters, safe model "
                        "inspection and conversion, verified downloads and benchmarks. Bad input ends with exit "
                        "status 2 and one line on standard error.");
    m << QStringLiteral(".SH COMMANDS");
    for (const CliCommand& c : cliCommands()) {
        m << QStringLiteral(".TP")
          << QStringLiteral(".B %1").arg(
                 roffEscape(QString::fromLatin1(c.name) +
                            (*c.arguments ? QLatin1Char(' ') + QString::fromLatin1(c.arguments) : QString())))
          << sentence(c.summary);
    }
    m << QStringLiteral(".SH OPTIONS") << QStringLiteral(".SS Global");
    for (const CliOption& o : cliGlobalOptions()) option(o.flags, o.help);
    for (const CliCommand& c : cliCommands()) {
        if (c.options.empty()) continue;
        m << QStringLiteral(".SS %1").arg(roffEscape(QString::fromLatin1(c.name)));
        for (const CliOption& o : c.options) option(o.flags, o.help);
        if (c.notes) m << QStringLiteral(".PP") << roffEscape(QString::fromLatin1(c.notes));
    }
    m << QStringLiteral(".SH ENVIRONMENT");
    for (const CliEnvironment& e : cliEnvironment()) option(e.name, e.help);
    m << QStringLiteral(".SH FILES") << QStringLiteral(".TP")
      << QStringLiteral(".I ~/.local/share/LatentStudio/latentstudio/logs/latentstudio\\-cli.log")
      << QStringLiteral("The log of the commands that do work (rotated; no tokens, no prompts).");
    m << QStringLiteral(".TP") << QStringLiteral(".I /usr/share/latentstudio/demo/")
      << QStringLiteral("The built\\-in demo model (random weights).");
    m << QStringLiteral(".SH EXIT STATUS") << QStringLiteral("0 on success, 1 when the work failed, 2 on bad input.");
    m << QStringLiteral(".SH SEE ALSO") << QStringLiteral("\\fBlatentstudio\\fR(1)");
    return m.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace latent
