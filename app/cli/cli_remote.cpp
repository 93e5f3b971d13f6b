#include "app/cli/cli_remote.h"

#include "app/cli/cli_txt2img.h"
#include "app/cli/generation_options.h"
#include "app/core/settings.h"
#include "app/downloads/download_safety.h"
#include "app/imaging/image_loader.h"
#include "app/jobs/control_units.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "app/remote/backend_registry.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/remote_inputs.h"
#include "app/remote/remote_job_runner.h"
#include "app/remote/remote_request.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace latent {

namespace {

int fail(int code, const QString& message) { return cliFail(code, redactSecrets(message)); }

QTextStream& out() {
    static QTextStream s(stdout);
    return s;
}

// Removes the remote options from `args`; returns false + *error on a malformed one.
struct RemoteOptions {
    QString backend, url, kind, user, model;
    int waitSeconds = 30;
};

bool takeRemoteOptions(QStringList& args, RemoteOptions* o, QString* error) {
    for (int i = 0; i < args.size();) {
        const QString a = args[i];
        QString* target = nullptr;
        if (a == QLatin1String("--backend")) target = &o->backend;
        else if (a == QLatin1String("--backend-url")) target = &o->url;
        else if (a == QLatin1String("--backend-kind")) target = &o->kind;
        else if (a == QLatin1String("--backend-user")) target = &o->user;
        else if (a == QLatin1String("--backend-model")) target = &o->model;
        QString waitText;
        if (a == QLatin1String("--backend-wait")) target = &waitText;
        if (!target) {
            ++i;
            continue;
        }
        if (i + 1 >= args.size()) {
            *error = QCoreApplication::translate("Cli", "%1 needs a value.").arg(a);
            return false;
        }
        *target = args[i + 1];
        args.remove(i, 2);
        if (target == &waitText) {
            bool ok = false;
            o->waitSeconds = waitText.toInt(&ok);
            if (!ok || o->waitSeconds < 0) {
                *error = QCoreApplication::translate("Cli", "--backend-wait needs a number of seconds.");
                return false;
            }
        }
    }
    return true;
}

int64_t roundTo8(int64_t v) { return std::max<int64_t>(64, (v + 4) / 8 * 8); }

// Writes base64 image data (an A1111 body's init_images / mask) to a file in `dir`.
QString materialise(const QString& base64, const QTemporaryDir& dir, const QString& stem, QString* error) {
    const QString path = dir.filePath(stem + QStringLiteral(".img"));
    *error = ImageLoader::writeBase64Image(base64, path);
    return error->isEmpty() ? path : QString();
}

} // namespace

bool cliWantsRemote(const QStringList& args) {
    return args.contains(QStringLiteral("--backend")) || args.contains(QStringLiteral("--backend-url"));
}

int runRemoteGenerationCommand(const QString& kind, const QStringList& argsIn) {
    QStringList args = argsIn;
    RemoteOptions ro;
    QString error;
    if (!takeRemoteOptions(args, &ro, &error)) return fail(2, error);
    const bool img2img = kind == QLatin1String("img2img");
    CliGenerationOptions o = parseGenerationOptions(args, img2img, /*requireModel=*/false);
    if (!o.error.isEmpty()) return fail(2, o.error);
    // The backend: a saved entry, or one given on the command line.
    Settings settings;
    BackendRegistry registry(settings);
    BackendSecrets secrets;
    BackendConfig config;
    QString secret;
    if (!ro.backend.isEmpty()) {
        if (!ro.url.isEmpty()) return fail(2, QCoreApplication::translate("Cli", "Give either --backend NAME or --backend-url, not both."));
        const std::optional<BackendConfig> found = registry.find(ro.backend);
        if (!found)
            return fail(2, QCoreApplication::translate("Cli", "No backend named \"%1\" (see latentstudio-cli backends list).").arg(ro.backend));
        config = *found;
        secret = secrets.secret(config);
        if (secret.isEmpty() && secrets.loadBlocking(config.name, 5000)) secret = secrets.secret(config);
    } else {
        const std::optional<BackendKind> k = backendKindFromName(ro.kind);
        if (!k) return fail(2, QCoreApplication::translate("Cli", "--backend-kind must be a1111, runpod or openai."));
        config.name = QStringLiteral("cli");
        config.kind = *k;
        config.url = QUrl(ro.url.trimmed());
        config.user = ro.user;
        const QString invalid = config.validate();
        if (!invalid.isEmpty()) return fail(2, invalid);
        secret = qEnvironmentVariable("LATENT_BACKEND_SECRET").trimmed();
        registerSecret(secret);
    }
    if (!ro.model.isEmpty()) config.model = ro.model;

    // Job parameters: the A1111 body of the options, plus the local files.
    QJsonObject params = toApiRequest(o.request, img2img);
    if (!o.modelPath.isEmpty()) {
        QJsonObject overrides = params.value(QStringLiteral("override_settings")).toObject();
        // A local model file means "the same checkpoint": the server knows it by name.
        const QFileInfo fi(o.modelPath);
        overrides.insert(QStringLiteral("sd_model_checkpoint"), fi.isFile() ? fi.completeBaseName() : o.modelPath);
        params.insert(QStringLiteral("override_settings"), overrides);
    }
    if (!o.vaePath.isEmpty()) {
        params.insert(QStringLiteral("vae_path"), QFileInfo(o.vaePath).absoluteFilePath());
    } else {
        // A VAE by A1111 name (--vae NAME, override_settings.sd_vae, the infotext's "VAE"): the
        // server resolves it in its own VAE folder.
        QString sdVae = o.sdVae;
        if (sdVae.isEmpty() && !o.infotext.isEmpty()) sdVae = GenerationParams::fromInfotext(o.infotext).vaeName;
        if (!sdVae.isEmpty()) {
            QJsonObject overrides = params.value(QStringLiteral("override_settings")).toObject();
            overrides.insert(QStringLiteral("sd_vae"), sdVae);
            params.insert(QStringLiteral("override_settings"), overrides);
        }
    }
    QTemporaryDir scratch;
    if (!scratch.isValid()) return fail(1, QCoreApplication::translate("Cli", "Cannot create a temporary folder."));
    // ControlNet units: the images as files (a1111Body sends them as base64), the model by name.
    if (!o.request.controlnet.empty()) {
        std::vector<ControlUnit> units = o.request.controlnet;
        QList<ControlInputFiles> files = o.controlInputs;
        while (files.size() < qsizetype(units.size())) files.append(ControlInputFiles{});
        for (size_t i = 0; i < units.size(); ++i) {
            ControlInputFiles& f = files[qsizetype(i)];
            const QString stem = QStringLiteral("control-%1").arg(i);
            if (f.imagePath.isEmpty() && !f.imageBase64.isEmpty()) {
                f.imagePath = materialise(f.imageBase64, scratch, stem, &error);
                if (!error.isEmpty()) return fail(2, QStringLiteral("alwayson_scripts.controlnet.args[%1].image: %2").arg(i).arg(error));
            }
            if (f.maskPath.isEmpty() && !f.maskBase64.isEmpty()) {
                f.maskPath = materialise(f.maskBase64, scratch, stem + QStringLiteral("-mask"), &error);
                if (!error.isEmpty()) return fail(2, QStringLiteral("alwayson_scripts.controlnet.args[%1].mask: %2").arg(i).arg(error));
            }
            if (!f.imagePath.isEmpty()) f.imagePath = QFileInfo(f.imagePath).absoluteFilePath();
            if (!f.maskPath.isEmpty()) f.maskPath = QFileInfo(f.maskPath).absoluteFilePath();
            ControlUnit& u = units[i];
            // A local file means "the same ControlNet": the server knows it by name.
            const QFileInfo model(QString::fromStdString(u.model));
            if (model.isFile()) u.model = model.completeBaseName().toStdString();
            else if (model.isDir()) u.model = model.fileName().toStdString();
            u.model_path.clear();
        }
        QJsonObject scripts = params.value(QStringLiteral("alwayson_scripts")).toObject();
        scripts.insert(QStringLiteral("controlnet"), QJsonObject{{QStringLiteral("args"), controlNetApiArgs(units, files)}});
        params.insert(QStringLiteral("alwayson_scripts"), scripts);
    }
    if (img2img) {
        if (o.initPath.isEmpty() && !o.initBase64.isEmpty()) {
            o.initPath = materialise(o.initBase64, scratch, QStringLiteral("init"), &error);
            if (!error.isEmpty()) return fail(2, QCoreApplication::translate("Cli", "init_images[0]: %1").arg(error));
        }
        if (o.maskPath.isEmpty() && !o.maskBase64.isEmpty()) {
            o.maskPath = materialise(o.maskBase64, scratch, QStringLiteral("mask"), &error);
            if (!error.isEmpty()) return fail(2, QCoreApplication::translate("Cli", "mask: %1").arg(error));
        }
        const ImageLoadResult init = ImageLoader::loadFile(o.initPath);
        if (!init.ok()) return fail(2, init.error);
        ImageLoadResult mask;
        if (!o.maskPath.isEmpty()) {
            mask = ImageLoader::loadFile(o.maskPath);
            if (!mask.ok()) return fail(2, mask.error);
        }
        // Outpainting / mask from alpha: A1111's API has no field for them; the canvas and mask
        // are made here as the local engine makes them and go as a plain inpainting job.
        if (needsRemoteCanvas(o.request.img2img, !o.maskPath.isEmpty())) {
            const RemoteCanvas canvas = makeRemoteCanvas(init.image, o.maskPath.isEmpty() ? nullptr : &mask.image,
                                                         o.request.img2img, scratch.path());
            if (!canvas.error.isEmpty()) return fail(2, canvas.error);
            params.insert(QStringLiteral("inpainting_mask_invert"), canvas.invert ? 1 : 0);
            o.initPath = canvas.initPath;
            o.maskPath = canvas.maskPath;
        }
        if (!o.sizeGiven) {
            const auto& op = o.request.img2img.outpaint;
            params.insert(QStringLiteral("width"), qint64(roundTo8(init.image.width + op[0] + op[2])));
            params.insert(QStringLiteral("height"), qint64(roundTo8(init.image.height + op[1] + op[3])));
        }
        if (!o.request.denoising_strength) params.insert(QStringLiteral("denoising_strength"), 0.75);
        params.insert(QStringLiteral("init_image_path"), QFileInfo(o.initPath).absoluteFilePath());
        // init_images[1:] (repeated --init, or the request's list).
        QJsonArray more;
        for (const QString& p : o.moreInitPaths) more.append(QFileInfo(p).absoluteFilePath());
        for (qsizetype i = 0; i < o.moreInitBase64.size(); ++i) {
            const QString p = materialise(o.moreInitBase64[i], scratch, QStringLiteral("init-%1").arg(i + 1), &error);
            if (!error.isEmpty()) return fail(2, QStringLiteral("init_images[%1]: %2").arg(i + 1).arg(error));
            more.append(p);
        }
        if (!more.isEmpty()) params.insert(QStringLiteral("more_init_image_paths"), more);
        if (!o.maskPath.isEmpty()) params.insert(QStringLiteral("mask_path"), QFileInfo(o.maskPath).absoluteFilePath());
    }
    if (!QDir().mkpath(o.outDir)) return fail(2, QCoreApplication::translate("Cli", "Cannot create the output folder %1.").arg(o.outDir));

    // Run it.
    QNetworkAccessManager nam;
    RemoteJobSpec spec;
    spec.jobId = 1;
    spec.kind = img2img ? QStringLiteral("img2img") : QStringLiteral("txt2img");
    spec.params = params;
    spec.outputDir = QDir(o.outDir).absolutePath();
    RemoteJobRunner runner(config, secret, &nam, spec);
    runner.client()->retry.offlineWaitMs = std::max(1, ro.waitSeconds) * 1000;
    QEventLoop loop;
    QElapsedTimer total;
    total.start();
    int status = 1;
    QString failure;
    QStringList files, infotexts;
    QJsonObject info;
    const bool tty = isatty(fileno(stderr));
    QString lastNote;
    QObject::connect(&runner, &RemoteJobRunner::statusChanged, &loop, [&](qint64, const QString& note) {
        if (!tty || note == lastNote) return;
        lastNote = note;
        std::fprintf(stderr, "\r%-78s", qPrintable(note.left(78)));
    });
    QObject::connect(&runner, &RemoteJobRunner::progress, &loop, [&](qint64, int step, int total, double, double eta) {
        if (!tty || total <= 0) return;
        const int width = 30;
        const int filled = int(width * step / total);
        std::fprintf(stderr, "\r[%s%s] %d/%d  ETA %.0f s   ", std::string(filled, '#').c_str(),
                     std::string(width - filled, '.').c_str(), step, total, eta);
    });
    QObject::connect(&runner, &RemoteJobRunner::finished, &loop,
                     [&](qint64, const QStringList& paths, const QStringList& recovered, const ImagePixels&,
                         const QString&, const QJsonObject& reported) {
                         files = paths;
                         info = reported;
                         for (const QString& note : recovered)
                             QTextStream(stderr) << "latentstudio-cli: " << note << Qt::endl;
                         status = 0;
                         loop.quit();
                     });
    QObject::connect(&runner, &RemoteJobRunner::failed, &loop, [&](qint64, const QString& e) {
        failure = e;
        status = 1;
        loop.quit();
    });
    QObject::connect(&runner, &RemoteJobRunner::cancelled, &loop, [&](qint64) {
        failure = QCoreApplication::translate("Cli", "The job was cancelled.");
        status = 1;
        loop.quit();
    });
    runner.start();
    loop.exec();
    if (tty) std::fprintf(stderr, "\n");
    if (status != 0) return fail(1, failure);

    QJsonArray fileList, seeds, texts;
    for (const QString& f : files) {
        fileList.append(f);
        // The infotext as written into the file (the server's, or one built from the request).
        QFile file(f);
        QString text;
        if (file.open(QIODevice::ReadOnly)) text = PngText::read(file.readAll()).value(QStringLiteral("parameters"));
        texts.append(text);
        const GenerationParams p = GenerationParams::fromInfotext(text);
        seeds.append(p.seed ? QJsonValue(*p.seed) : QJsonValue());
    }
    QJsonObject summary{{QStringLiteral("files"), fileList},
                        {QStringLiteral("seeds"), seeds},
                        {QStringLiteral("infotexts"), texts},
                        {QStringLiteral("mode"), spec.kind},
                        {QStringLiteral("backend"),
                         QJsonObject{{QStringLiteral("name"), config.name},
                                     {QStringLiteral("kind"), backendKindName(config.kind)},
                                     {QStringLiteral("url"), redactSecrets(config.url.toString())}}},
                        {QStringLiteral("remote"), info},
                        {QStringLiteral("timings"), QJsonObject{{QStringLiteral("total"), total.elapsed() / 1000.0}}}};
    out() << QJsonDocument(summary).toJson(QJsonDocument::Indented);
    out().flush();
    return 0;
}

// --- backends --------------------------------------------------------------------------------

namespace {

QString secretSource(const BackendConfig& c, BackendSecrets& secrets, bool* present) {
    if (!c.secretEnv.isEmpty() && !qEnvironmentVariable(c.secretEnv.toLocal8Bit().constData()).trimmed().isEmpty()) {
        *present = true;
        return QCoreApplication::translate("Cli", "from $%1").arg(c.secretEnv);
    }
    if (secrets.loadBlocking(c.name, 5000)) {
        *present = true;
        return QCoreApplication::translate("Cli", "in the keychain");
    }
    *present = false;
    return c.secretEnv.isEmpty() ? QCoreApplication::translate("Cli", "none") : QCoreApplication::translate("Cli", "none ($%1 is not set)").arg(c.secretEnv);
}

int backendsAdd(QStringList args) {
    if (args.isEmpty() || args.first().startsWith(QLatin1String("--")))
        return fail(2, QCoreApplication::translate("Cli", "usage: latentstudio-cli backends add NAME --kind a1111|runpod|openai --url URL [--user U] "
                          "[--secret-env VAR | --secret-stdin] [--concurrency N] [--timeout S] [--model M] [--extras "
                          "JSON] [--no-any]"));
    BackendConfig c;
    c.name = args.takeFirst();
    QString kind, secretEnv;
    bool secretStdin = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        if (a == QLatin1String("--secret-stdin")) {
            secretStdin = true;
            continue;
        }
        if (a == QLatin1String("--no-any")) {
            c.useForAny = false;
            continue;
        }
        if (i + 1 >= args.size()) return fail(2, QCoreApplication::translate("Cli", "%1 needs a value.").arg(a));
        const QString v = args[++i];
        bool ok = true;
        if (a == QLatin1String("--kind")) kind = v;
        else if (a == QLatin1String("--url")) c.url = QUrl(v.trimmed());
        else if (a == QLatin1String("--user")) c.user = v;
        else if (a == QLatin1String("--secret-env")) c.secretEnv = v;
        else if (a == QLatin1String("--concurrency")) c.concurrency = v.toInt(&ok);
        else if (a == QLatin1String("--timeout")) c.timeoutSeconds = v.toInt(&ok);
        else if (a == QLatin1String("--model")) c.model = v;
        else if (a == QLatin1String("--extras")) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(v.toUtf8(), &pe);
            if (!doc.isObject()) return fail(2, QCoreApplication::translate("Cli", "--extras must be a JSON object: %1").arg(pe.errorString()));
            c.extras = doc.object();
        } else
            return fail(2, QCoreApplication::translate("Cli", "backends add: unknown option \"%1\"").arg(a));
        if (!ok || (a == QLatin1String("--concurrency") && c.concurrency < 1) ||
            (a == QLatin1String("--timeout") && c.timeoutSeconds < 1))
            return fail(2, QCoreApplication::translate("Cli", "%1 needs a positive whole number.").arg(a));
    }
    const std::optional<BackendKind> k = backendKindFromName(kind);
    if (!k) return fail(2, QCoreApplication::translate("Cli", "--kind must be a1111, runpod or openai."));
    c.kind = *k;
    if (secretStdin && !c.secretEnv.isEmpty()) return fail(2, QCoreApplication::translate("Cli", "Give either --secret-env or --secret-stdin."));
    Settings settings;
    BackendRegistry registry(settings);
    const QString refused = registry.put(c);
    if (!refused.isEmpty()) return fail(2, refused);
    // The secret: from the named variable or stdin, into the keychain. Never from the command line.
    QString secret;
    if (secretStdin) secret = QTextStream(stdin).readLine().trimmed();
    else if (!c.secretEnv.isEmpty()) secret = qEnvironmentVariable(c.secretEnv.toLocal8Bit().constData()).trimmed();
    registerSecret(secret);
    out() << QCoreApplication::translate("Cli", "Added backend %1 (%2, %3, %n job(s) at once).", nullptr, c.effectiveConcurrency())
                 .arg(c.name, backendKindName(c.kind), redactSecrets(c.url.toString()))
          << Qt::endl;
    if (!secret.isEmpty()) {
        BackendSecrets secrets;
        QString warning;
        if (secrets.storeBlocking(c.name, secret, &warning, 10000))
            out() << QCoreApplication::translate("Cli", "The secret is stored in the system keychain.") << Qt::endl;
        else if (!c.secretEnv.isEmpty())
            QTextStream(stderr) << "latentstudio-cli: "
                                << QCoreApplication::translate("Cli", "%1 The backend reads its secret from $%2 each time it runs.")
                                       .arg(redactSecrets(warning), c.secretEnv)
                                << Qt::endl;
        else
            QTextStream(stderr) << "latentstudio-cli: "
                                << QCoreApplication::translate("Cli", "%1 Give it with --secret-env VAR instead.")
                                       .arg(redactSecrets(warning))
                                << Qt::endl;
    } else if (!c.secretEnv.isEmpty()) {
        QTextStream(stderr) << "latentstudio-cli: " << QCoreApplication::translate("Cli", "$%1 is not set now; the backend reads it each time it runs.").arg(c.secretEnv)
                            << Qt::endl;
    }
    return 0;
}

int backendsList(const QStringList& args) {
    const bool json = args.contains(QStringLiteral("--json"));
    Settings settings;
    BackendRegistry registry(settings);
    BackendSecrets secrets;
    QJsonArray list;
    for (const BackendConfig& c : registry.backends()) {
        bool present = false;
        const QString source = secretSource(c, secrets, &present);
        if (json) {
            QJsonObject o = c.toJson();
            o.insert(QStringLiteral("concurrency"), c.effectiveConcurrency());
            o.insert(QStringLiteral("timeout"), c.effectiveTimeoutSeconds());
            o.insert(QStringLiteral("secret"), present);
            list.append(o);
            continue;
        }
        out() << QCoreApplication::translate("Cli", "%1  %2  %3  %n at once, timeout %4 s, model %5, secret %6%7", nullptr, c.effectiveConcurrency())
                     .arg(c.name, backendKindName(c.kind), redactSecrets(c.url.toString()))
                     .arg(c.effectiveTimeoutSeconds())
                     .arg(c.model.isEmpty() ? QCoreApplication::translate("Cli", "(server's)") : c.model, source,
                          c.useForAny ? QString() : QCoreApplication::translate("Cli", ", not in Any"))
              << Qt::endl;
    }
    if (json) out() << QJsonDocument(list).toJson(QJsonDocument::Indented);
    else if (registry.backends().isEmpty()) out() << QCoreApplication::translate("Cli", "No backends. Add one with: latentstudio-cli backends add NAME --kind KIND --url URL") << Qt::endl;
    return 0;
}

int backendsCheck(const QStringList& args) {
    QString name;
    bool json = false;
    for (const QString& a : args) {
        if (a == QLatin1String("--json")) json = true;
        else if (name.isEmpty()) name = a;
        else return fail(2, QCoreApplication::translate("Cli", "backends check takes one NAME."));
    }
    if (name.isEmpty()) return fail(2, QCoreApplication::translate("Cli", "usage: latentstudio-cli backends check NAME [--json]"));
    Settings settings;
    BackendRegistry registry(settings);
    const std::optional<BackendConfig> c = registry.find(name);
    if (!c) return fail(2, QCoreApplication::translate("Cli", "No backend named \"%1\".").arg(name));
    BackendSecrets secrets;
    QString secret = secrets.secret(*c);
    if (secret.isEmpty() && secrets.loadBlocking(c->name, 5000)) secret = secrets.secret(*c);
    QNetworkAccessManager nam;
    std::unique_ptr<RemoteClient> client = RemoteClient::create(*c, secret, &nam);
    BackendCheck result;
    QEventLoop loop;
    client->check([&](const BackendCheck& r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    if (json) {
        QJsonObject o = result.toJson();
        o.insert(QStringLiteral("name"), c->name);
        out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return result.healthy() ? 0 : 1;
    }
    auto listText = [](const QStringList& items) {
        if (items.isEmpty()) return QCoreApplication::translate("Cli", "(none reported)");
        QStringList shown = items.mid(0, 20);
        QString text = shown.join(QStringLiteral(", "));
        const int more = int(items.size()) - 20;
        if (more > 0) text += QLatin1Char(' ') + QCoreApplication::translate("Cli", "and %n more", nullptr, more);
        return text;
    };
    QString auth;
    switch (result.auth) {
    case BackendCheck::Auth::NotNeeded: auth = secret.isEmpty() ? QCoreApplication::translate("Cli", "not needed") : QCoreApplication::translate("Cli", "accepted"); break;
    case BackendCheck::Auth::Accepted: auth = QCoreApplication::translate("Cli", "accepted"); break;
    case BackendCheck::Auth::Refused: auth = QCoreApplication::translate("Cli", "REFUSED: check the credentials"); break;
    case BackendCheck::Auth::Missing: auth = QCoreApplication::translate("Cli", "MISSING: the server asks for credentials"); break;
    }
    out() << QCoreApplication::translate("Cli", "reachable: %1").arg(result.reachable ? QCoreApplication::translate("Cli", "yes, %1").arg(result.reachability) : QCoreApplication::translate("Cli", "NO: %1").arg(result.reachability)) << Qt::endl;
    if (result.reachable) {
        out() << QCoreApplication::translate("Cli", "auth: %1").arg(auth) << Qt::endl;
        out() << QCoreApplication::translate("Cli", "version: %1").arg(result.version.isEmpty() ? QCoreApplication::translate("Cli", "unknown") : result.version) << Qt::endl;
        out() << QCoreApplication::translate("Cli", "models: %1").arg(listText(result.models))
              << (result.currentModel.isEmpty() ? QString() : QCoreApplication::translate("Cli", " (current: %1)").arg(result.currentModel)) << Qt::endl;
        out() << QCoreApplication::translate("Cli", "samplers: %1").arg(listText(result.samplers)) << Qt::endl;
        if (!result.detail.isEmpty()) out() << result.detail << Qt::endl;
    }
    return result.healthy() ? 0 : 1;
}

int backendsRemove(const QStringList& args) {
    if (args.size() != 1) return fail(2, QCoreApplication::translate("Cli", "usage: latentstudio-cli backends remove NAME"));
    Settings settings;
    BackendRegistry registry(settings);
    const std::optional<BackendConfig> c = registry.find(args.first());
    if (!c || !registry.remove(c->name)) return fail(2, QCoreApplication::translate("Cli", "No backend named \"%1\".").arg(args.first()));
    BackendSecrets secrets;
    secrets.forgetBlocking(c->name, 5000);
    out() << QCoreApplication::translate("Cli", "Removed backend %1.").arg(c->name) << Qt::endl;
    return 0;
}

} // namespace

int runBackendsCommand(const QStringList& argsIn) {
    QStringList args = argsIn;
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    if (sub == QLatin1String("add")) return backendsAdd(args);
    if (sub == QLatin1String("list")) return backendsList(args);
    if (sub == QLatin1String("check")) return backendsCheck(args);
    if (sub == QLatin1String("remove")) return backendsRemove(args);
    return fail(2, QCoreApplication::translate("Cli", "usage: latentstudio-cli backends add|list|check|remove ..."));
}

} // namespace latent
