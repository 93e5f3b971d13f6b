// api_detail helpers shared by the route files (see api_internal.h).
#include "app/api/api_internal.h"
#include "app/jobs/control_units.h"

#include "app/api/api_options.h"
#include "app/api/api_schema.h"
#include "app/cli/generation_options.h"
#include "app/imaging/image_loader.h"
#include "app/jobs/job_inputs.h"
#include "app/library/model_library.h"
#include "app/metadata/generation_params.h"
#include "app/storage/image_writer.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace latent::api_detail {

namespace {

bool isHex(const QString& s) {
    for (QChar c : s)
        if (!c.isDigit() && !(c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'))) return false;
    return !s.isEmpty();
}

Checkpoint toCheckpoint(const ModelEntry& e) {
    Checkpoint c;
    c.path = e.path;
    c.fileName = e.fileName();
    c.name = e.name();
    // A1111 names checkpoints by their path below the Stable-diffusion folder.
    QString rel = c.fileName;
    const QString sdDir = QDir(e.root).filePath(QStringLiteral("Stable-diffusion"));
    if (e.path.startsWith(sdDir + QLatin1Char('/'))) rel = e.path.mid(sdDir.size() + 1);
    c.modelName = rel;
    const int dot = rel.lastIndexOf(QLatin1Char('.'));
    if (dot > 0 && e.format != QLatin1String("diffusers_folder")) c.modelName = rel.left(dot);
    c.sha256 = e.sha256;
    c.hash = e.autoV2();
    c.title = c.hash.isEmpty() ? rel : QStringLiteral("%1 [%2]").arg(rel, c.hash);
    return c;
}

// Matches an entry by name (file name, stem, title, relative name) or hash prefix.
template <typename Entry, typename Names>
std::optional<Entry> findBy(const QList<Entry>& list, const QString& keyIn, Names names,
                            std::function<QStringList(const Entry&)> hashes) {
    const QString key = keyIn.trimmed();
    if (key.isEmpty()) return std::nullopt;
    for (const Entry& e : list)
        if (names(e).contains(key)) return e;
    for (const Entry& e : list)
        for (const QString& n : names(e))
            if (n.compare(key, Qt::CaseInsensitive) == 0) return e;
    if (isHex(key) && key.size() >= 8) {
        for (const Entry& e : list)
            for (const QString& h : hashes(e))
                if (!h.isEmpty() && h.startsWith(key, Qt::CaseInsensitive)) return e;
    }
    return std::nullopt;
}

// Converts a loaded image to 8-bit pixels for the PNG encoder.
ImagePixels toPixels(const ImageU8& img) {
    ImagePixels p;
    p.width = int(img.width);
    p.height = int(img.height);
    p.channels = img.channels;
    p.data = QByteArray(reinterpret_cast<const char*>(img.data.data()), qsizetype(img.data.size()));
    return p;
}

QString writeInput(const ImagePixels& pixels, const QString& dir, const QString& role, QString* error) {
    const QByteArray png = ImageWriter::encodePng(pixels, {}, 1, error);
    if (png.isEmpty()) return {};
    return ImageWriter::writeUnique(dir, JobInputFiles::canvasInputStem() + QLatin1Char('-') + role,
                                    QStringLiteral(".png"), false, png, error);
}
} // namespace

QList<Checkpoint> checkpoints(const ApiServer& server) {
    QList<Checkpoint> out;
    if (server.library())
        for (const ModelEntry& e : server.library()->entries(ModelKind::Checkpoint))
            if (e.usable && !e.inpainting) out << toCheckpoint(e);
    if (server.library())
        for (const ModelEntry& e : server.library()->entries(ModelKind::Checkpoint))
            if (e.usable && e.inpainting) out << toCheckpoint(e);
    if (out.isEmpty() && !server.config().fallbackModelPath.isEmpty()) {
        const QFileInfo fi(server.config().fallbackModelPath);
        if (fi.isFile()) {
            Checkpoint c;
            c.path = fi.absoluteFilePath();
            c.fileName = fi.fileName();
            c.name = fi.completeBaseName();
            c.modelName = c.name;
            c.title = c.fileName;
            out << c;
        }
    }
    return out;
}

std::optional<Checkpoint> findCheckpoint(const ApiServer& server, const QString& key) {
    // A1111's "name [hash10]" (name: file name, stem or relative name; 8 hex: AutoV1 is not ours):
    // the named checkpoint, and only if its hash is that one.
    static const QRegularExpression withHash(QStringLiteral("^(.+) \\[([0-9A-Fa-f]{10})\\]$"));
    const QRegularExpressionMatch m = withHash.match(key.trimmed());
    if (m.hasMatch()) {
        const QString name = m.captured(1).trimmed(), hash = m.captured(2);
        for (const Checkpoint& c : checkpoints(server)) {
            const bool named = QStringList{c.modelName, c.fileName, c.name}.contains(name, Qt::CaseInsensitive) ||
                               c.title.compare(name, Qt::CaseInsensitive) == 0;
            if (named && !c.hash.isEmpty() && c.hash.compare(hash, Qt::CaseInsensitive) == 0) return c;
        }
    }
    return findBy<Checkpoint>(
        checkpoints(server), key,
        [](const Checkpoint& c) { return QStringList{c.title, c.modelName, c.fileName, c.name}; },
        [](const Checkpoint& c) { return QStringList{c.sha256, c.hash}; });
}

std::optional<Checkpoint> currentCheckpoint(const ApiServer& server) {
    const QList<Checkpoint> all = checkpoints(server);
    if (all.isEmpty()) return std::nullopt;
    if (server.options()) {
        const QString chosen = server.options()->checkpoint();
        if (!chosen.isEmpty())
            if (auto c = findCheckpoint(server, chosen)) return c;
    }
    return all.first();
}

std::optional<ModelEntry> findVae(const ApiServer& server, const QString& key) {
    if (!server.library()) return std::nullopt;
    return findBy<ModelEntry>(
        server.library()->entries(ModelKind::Vae), key,
        [](const ModelEntry& e) { return QStringList{e.fileName(), e.name()}; },
        [](const ModelEntry& e) { return QStringList{e.sha256}; });
}

std::optional<ModelEntry> findLora(const ApiServer& server, const QString& key) {
    if (!server.library()) return std::nullopt;
    return findBy<ModelEntry>(
        server.library()->entries(ModelKind::Lora), key,
        [](const ModelEntry& e) { return QStringList{e.name(), e.fileName(), e.metadata.value(QStringLiteral("ss_output_name")).toString()}; },
        [](const ModelEntry& e) { return QStringList{e.sha256, e.addnet}; });
}

ApiResponse a1111Error(int status, const QString& detail, const QString& errorName) {
    ApiResponse r;
    r.status = status;
    r.body = ApiServer::a1111ErrorBody(detail, errorName);
    return r;
}

ApiResponse validationError(const QJsonArray& detail) {
    return ApiResponse::json(QJsonObject{{QStringLiteral("detail"), detail}}, 422);
}

ApiResponse openAiError(int status, const QString& message, const QString& type, const QString& code) {
    return ApiResponse::json(ApiServer::openAiErrorJson(message, type, code), status);
}

bool parseJsonBody(const QByteArray& body, QJsonValue* out, QJsonArray* errors) {
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        *out = QJsonValue::Null;
        return true;
    }
    // QJsonDocument nests arrays/objects at most 1024 deep: deeper input is a parse error, not a
    // stack overflow.
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // Line and column of the offset, as Python's json module reports them.
        int line = 1, column = 1;
        for (int i = 0; i < pe.offset && i < body.size(); ++i) {
            if (body[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        const QString msg = QStringLiteral("%1: line %2 column %3 (char %4)").arg(pe.errorString()).arg(line).arg(column).arg(pe.offset);
        errors->append(validationItem(QJsonArray{QStringLiteral("body"), pe.offset}, msg, QStringLiteral("value_error.jsondecode"),
                                      QJsonObject{{QStringLiteral("msg"), pe.errorString()},
                                                  {QStringLiteral("pos"), pe.offset},
                                                  {QStringLiteral("lineno"), line},
                                                  {QStringLiteral("colno"), column}}));
        return false;
    }
    if (doc.isObject()) *out = doc.object();
    else if (doc.isArray()) *out = doc.array();
    else *out = QJsonValue::Null;
    return true;
}

QString materializeImageBytes(const QByteArray& bytes, const QString& dir, const QString& role, bool alphaToMask,
                              QString* error) {
    if (bytes.isEmpty()) {
        *error = QCoreApplication::translate("latent::ApiServer", "The image is empty.");
        return {};
    }
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        *error = QCoreApplication::translate("latent::ApiServer", "Cannot create a temporary folder.");
        return {};
    }
    const QString raw = scratch.filePath(QStringLiteral("upload.") + ImageLoader::sniffExtension(bytes.left(16)));
    {
        QFile f(raw);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            *error = QCoreApplication::translate("latent::ApiServer", "Cannot store the uploaded image.");
            return {};
        }
    }
    const ImageLoadResult loaded = ImageLoader::loadFile(raw);
    if (!loaded.ok()) {
        // The loader names the temporary file: say it in the request's terms instead.
        *error = loaded.error;
        error->replace(raw, QCoreApplication::translate("latent::ApiServer", "the image"));
        return {};
    }
    ImagePixels pixels = toPixels(loaded.image);
    if (alphaToMask) {
        // OpenAI's convention: fully transparent pixels are the area to edit. Our masks are
        // white where the model repaints.
        ImagePixels mask;
        mask.width = pixels.width;
        mask.height = pixels.height;
        mask.channels = 1;
        mask.data = QByteArray(qsizetype(mask.width) * mask.height, char(0));
        if (pixels.channels == 4 || pixels.channels == 2) {
            const int c = pixels.channels;
            for (qsizetype i = 0; i < mask.data.size(); ++i)
                if (static_cast<unsigned char>(pixels.data[i * c + c - 1]) == 0) mask.data[i] = char(255);
        }
        pixels = mask;
    }
    return writeInput(pixels, dir, role, error);
}

QString materializeImage(const QString& base64In, const QString& dir, const QString& role, QString* error) {
    QString b64 = base64In.trimmed();
    if (b64.startsWith(QLatin1String("http://")) || b64.startsWith(QLatin1String("https://"))) {
        // A1111 can fetch URLs when api_enable_requests is on; this server never fetches anything.
        *error = QCoreApplication::translate("latent::ApiServer", "Image URLs are not fetched; send the image as base64.");
        return {};
    }
    if (b64.startsWith(QLatin1String("data:"))) {
        const int comma = b64.indexOf(QLatin1Char(','));
        if (comma < 0) {
            *error = QCoreApplication::translate("latent::ApiServer", "The image data URL has no data.");
            return {};
        }
        b64 = b64.mid(comma + 1);
    }
    const auto decoded = QByteArray::fromBase64Encoding(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        *error = QCoreApplication::translate("latent::ApiServer", "The image is not valid base64.");
        return {};
    }
    return materializeImageBytes(decoded.decoded, dir, role, false, error);
}

bool prepareGeneration(ApiServer& server, const QString& kind, QJsonObject& params, int* status, QString* error) {
    auto fail = [&](int s, const QString& e) {
        *status = s;
        *error = e;
        return false;
    };
    // Options (clip skip, ENSD, RNG source) unless the request overrides them.
    const QJsonObject requested = params.value(QStringLiteral("override_settings")).toObject();
    QJsonObject overrides = requested;
    overrides = server.options()->overrideSettings(overrides);
    params.insert(QStringLiteral("override_settings"), overrides);

    // The checkpoint: override_settings.sd_model_checkpoint, else the current option.
    std::optional<Checkpoint> checkpoint;
    const QString wanted = overrides.value(QStringLiteral("sd_model_checkpoint")).toString();
    if (!wanted.isEmpty()) {
        checkpoint = findCheckpoint(server, wanted);
        if (!checkpoint) return fail(404, QCoreApplication::translate("latent::ApiServer", "Model '%1' not found").arg(wanted.left(200)));
    } else {
        checkpoint = currentCheckpoint(server);
        if (!checkpoint) return fail(422, QCoreApplication::translate("latent::ApiServer", "No checkpoint is available: add one to the models folder."));
    }
    params.insert(QStringLiteral("model_path"), checkpoint->path);
    const QString vaeKey = overrides.contains(QStringLiteral("sd_vae")) ? overrides.value(QStringLiteral("sd_vae")).toString()
                                                                        : server.options()->vae();
    QString vaeFileName;
    if (!vaeKey.isEmpty() && vaeKey != QLatin1String("Automatic") && vaeKey != QLatin1String("None")) {
        const auto vae = findVae(server, vaeKey);
        if (!vae) return fail(404, QCoreApplication::translate("latent::ApiServer", "VAE '%1' not found").arg(vaeKey.left(200)));
        params.insert(QStringLiteral("vae_path"), vae->path);
        vaeFileName = vae->fileName();
    }

    // Sampler: sampler_name, else the legacy sampler_index; A1111 reads "DPM++ 2M Karras" as
    // sampler + scheduler.
    QString sampler = params.value(QStringLiteral("sampler_name")).toString();
    if (sampler.isEmpty()) sampler = params.value(QStringLiteral("sampler_index")).toString();
    if (sampler.isEmpty()) sampler = QStringLiteral("Euler");
    QString name, schedule;
    if (GenerationParams::splitLegacySampler(sampler, &name, &schedule)) {
        sampler = name;
        if (params.value(QStringLiteral("scheduler")).toString().isEmpty()) params.insert(QStringLiteral("scheduler"), schedule);
    }
    params.insert(QStringLiteral("sampler_name"), sampler);

    // A JSON null means "not given" (pydantic's None): drop them, so the job's parameters are
    // read exactly as the same body without them (`latentstudio-cli txt2img --request`).
    for (const QString& key : params.keys())
        if (params.value(key).isNull()) params.remove(key);

    // LoRAs, embeddings, VAEs and ControlNets are looked up in the library's model roots.
    if (server.library() && !params.contains(QStringLiteral("model_roots")))
        params.insert(QStringLiteral("model_roots"), QJsonArray::fromStringList(server.library()->roots()));

    GenerationRequest request;
    QString e = applyApiRequest(params, request);
    if (e.isEmpty() && kind == QLatin1String("img2img")) {
        QStringList moreInits;
        e = applyImg2ImgApiRequest(params, request, nullptr, nullptr, &moreInits);
        // A1111: "bad number of images passed" when there are more init images than the batch.
        if (e.isEmpty() && !moreInits.isEmpty() && 1 + moreInits.size() > request.batch_size)
            e = QCoreApplication::translate("latent::ApiServer",
                                            "bad number of images passed: %1; expecting %2 or less")
                    .arg(1 + moreInits.size())
                    .arg(request.batch_size);
    }
    // ControlNet units (alwayson_scripts.controlnet): checked now, so a bad unit is a 422 here.
    if (e.isEmpty()) {
        QList<ControlInputFiles> inputs;
        e = applyControlNetApiArgs(params, request, &inputs);
        const QJsonArray roots = params.value(QStringLiteral("model_roots")).toArray();
        for (ControlUnit& u : request.controlnet) {
            if (!e.isEmpty()) break;
            e = resolveControlNetModel(u, roots.isEmpty() ? QString() : roots.first().toString());
            for (qsizetype i = 1; i < roots.size() && !e.isEmpty(); ++i) e = resolveControlNetModel(u, roots.at(i).toString());
        }
    }
    if (!e.isEmpty()) return fail(422, e);
    try {
        Engine::check_request(request);
    } catch (const PipelineError& pe) {
        if (pe.code() == "unknown_sampler") return fail(404, QCoreApplication::translate("latent::ApiServer", "Sampler '%1' not found").arg(sampler.left(200)));
        if (pe.code() == "unknown_schedule")
            return fail(404, QCoreApplication::translate("latent::ApiServer", "Scheduler '%1' not found").arg(params.value(QStringLiteral("scheduler")).toString().left(200)));
        return fail(422, QString::fromStdString(pe.what()));
    }

    // override_settings_restore_afterwards: false keeps the request's overrides as the server's
    // options after the job (A1111 then does not restore them). Only options A1111 knows; a
    // wrong value refuses the request before anything changes.
    const QJsonValue restore = params.value(QStringLiteral("override_settings_restore_afterwards"));
    if (restore.isBool() && !restore.toBool() && !requested.isEmpty()) {
        QJsonObject keep;
        for (auto it = requested.begin(); it != requested.end(); ++it)
            if (ApiOptions::isKnown(it.key())) keep.insert(it.key(), it.value());
        if (keep.contains(QStringLiteral("sd_model_checkpoint"))) keep.insert(QStringLiteral("sd_model_checkpoint"), checkpoint->title);
        if (keep.contains(QStringLiteral("sd_vae")) && !vaeFileName.isEmpty()) keep.insert(QStringLiteral("sd_vae"), vaeFileName);
        const QJsonArray problems = server.options()->set(keep);
        if (!problems.isEmpty()) {
            const QString msg = problems.first().toObject().value(QStringLiteral("msg")).toString();
            return fail(422, QCoreApplication::translate("latent::ApiServer", "override_settings: %1").arg(msg));
        }
        if (keep.contains(QStringLiteral("sd_model_checkpoint"))) server.options()->setCheckpoint(checkpoint->title, checkpoint->sha256);
        QString saveError;
        if (!server.options()->save(&saveError)) qWarning("latent: cannot save the API options: %s", qPrintable(saveError));
    }
    return true;
}

QJsonObject processedInfo(const Job& job, const QStringList& infotexts) {
    const QJsonObject& p = job.params;
    const int batch = std::max(1, p.value(QStringLiteral("batch_size")).toInt(1));
    const int nIter = std::max(1, p.value(QStringLiteral("n_iter")).toInt(1));
    const int count = infotexts.isEmpty() ? batch * nIter : int(infotexts.size());
    QList<GenerationParams> parsed;
    for (const QString& t : infotexts) parsed << GenerationParams::fromInfotext(t);
    const GenerationParams first = parsed.isEmpty() ? GenerationParams() : parsed.first();

    QJsonArray allPrompts, allNegative, allSeeds, allSubseeds, texts;
    const QString prompt = p.value(QStringLiteral("prompt")).toString();
    const QString negative = p.value(QStringLiteral("negative_prompt")).toString();
    const qint64 seed = first.seed ? *first.seed : p.value(QStringLiteral("seed")).toInteger(-1);
    const qint64 subseed = first.subseed ? *first.subseed : p.value(QStringLiteral("subseed")).toInteger(-1);
    for (int i = 0; i < count; ++i) {
        allPrompts.append(prompt);
        allNegative.append(negative);
        const GenerationParams gp = i < parsed.size() ? parsed[i] : GenerationParams();
        allSeeds.append(gp.seed ? *gp.seed : seed + i);
        allSubseeds.append(gp.subseed ? *gp.subseed : subseed + i);
    }
    for (const QString& t : infotexts) texts.append(t);
    // extra_generation_params: what the infotext holds beyond the fixed fields.
    QJsonObject extra;
    if (!first.scheduleType.isEmpty()) extra.insert(QStringLiteral("Schedule type"), first.scheduleType);
    if (first.maskBlur) extra.insert(QStringLiteral("Mask blur"), *first.maskBlur);
    if (!first.maskMode.isEmpty()) extra.insert(QStringLiteral("Mask mode"), first.maskMode);
    if (!first.inpaintArea.isEmpty()) extra.insert(QStringLiteral("Inpaint area"), first.inpaintArea);
    if (first.maskedAreaPadding) extra.insert(QStringLiteral("Masked area padding"), *first.maskedAreaPadding);
    if (!first.maskedContent.isEmpty()) extra.insert(QStringLiteral("Masked content"), first.maskedContent);
    if (job.kind == QLatin1String("img2img") && first.denoisingStrength)
        extra.insert(QStringLiteral("Denoising strength"), *first.denoisingStrength);
    for (const auto& [k, v] : first.extras) extra.insert(k, v);
    const QJsonValue denoising = job.kind == QLatin1String("img2img")
                                     ? QJsonValue(p.value(QStringLiteral("denoising_strength")).toDouble(0.75))
                                     : (p.value(QStringLiteral("denoising_strength")).isDouble() ? p.value(QStringLiteral("denoising_strength"))
                                                                                                  : QJsonValue(QJsonValue::Null));
    const QJsonObject override = p.value(QStringLiteral("override_settings")).toObject();
    const bool inpaintingModel = first.conditionalMaskWeight.has_value();
    return QJsonObject{
        {QStringLiteral("prompt"), prompt},
        {QStringLiteral("all_prompts"), allPrompts},
        {QStringLiteral("negative_prompt"), negative},
        {QStringLiteral("all_negative_prompts"), allNegative},
        {QStringLiteral("seed"), seed},
        {QStringLiteral("all_seeds"), allSeeds},
        {QStringLiteral("subseed"), subseed},
        {QStringLiteral("all_subseeds"), allSubseeds},
        {QStringLiteral("subseed_strength"), p.value(QStringLiteral("subseed_strength")).toDouble(0)},
        {QStringLiteral("width"), p.value(QStringLiteral("width")).toInt(512)},
        {QStringLiteral("height"), p.value(QStringLiteral("height")).toInt(512)},
        {QStringLiteral("sampler_name"), first.sampler.isEmpty() ? p.value(QStringLiteral("sampler_name")) : QJsonValue(first.sampler)},
        {QStringLiteral("cfg_scale"), p.value(QStringLiteral("cfg_scale")).toDouble(7.0)},
        {QStringLiteral("steps"), p.value(QStringLiteral("steps")).toInt(50)},
        {QStringLiteral("batch_size"), batch},
        {QStringLiteral("restore_faces"), false},
        {QStringLiteral("face_restoration_model"), QJsonValue::Null},
        {QStringLiteral("sd_model_name"), first.modelName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(first.modelName)},
        {QStringLiteral("sd_model_hash"), first.modelHash.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(first.modelHash)},
        {QStringLiteral("sd_vae_name"), first.vaeName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(first.vaeName)},
        {QStringLiteral("sd_vae_hash"), first.vaeHash.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(first.vaeHash)},
        {QStringLiteral("seed_resize_from_w"), p.value(QStringLiteral("seed_resize_from_w")).toInt(-1)},
        {QStringLiteral("seed_resize_from_h"), p.value(QStringLiteral("seed_resize_from_h")).toInt(-1)},
        {QStringLiteral("denoising_strength"), denoising},
        {QStringLiteral("extra_generation_params"), extra},
        {QStringLiteral("index_of_first_image"), 0},
        {QStringLiteral("infotexts"), texts},
        {QStringLiteral("styles"), p.value(QStringLiteral("styles")).isArray() ? p.value(QStringLiteral("styles")) : QJsonValue(QJsonArray())},
        {QStringLiteral("job_timestamp"), (job.started.isValid() ? job.started : job.created).toLocalTime().toString(QStringLiteral("yyyyMMddHHmmss"))},
        {QStringLiteral("clip_skip"), override.value(QStringLiteral("CLIP_stop_at_last_layers")).toInt(1)},
        {QStringLiteral("is_using_inpainting_conditioning"), inpaintingModel},
        {QStringLiteral("version"), first.version.isEmpty() ? GenerationParams::defaultVersion() : first.version},
    };
}

} // namespace latent::api_detail
