// AUTOMATIC1111 v1.10.1's Extras routes: POST /sdapi/v1/extra-single-image and
// /extra-batch-images (modules/api/api.py -> postprocessing.run_extras -> the "Upscale"
// postprocessing script), GET /sdapi/v1/upscalers and /realesrgan-models.
//
// What A1111 does, and so this server:
//   * upscaler_1 "None": the image comes back unchanged (the Upscale script returns early, and
//     upscaler_2 is not even looked up);
//   * an upscaler name that is not listed: the script's `assert` fails, which A1111's middleware
//     answers with HTTP 500 {"error": "AssertionError", "detail": "", "body": "",
//     "errors": "could not find upscaler named X"};
//   * the image returned carries the input's text chunks, its `parameters`, and a
//     `postprocessing` chunk with the Extras infotext ("Postprocess upscale by: 2.0,
//     Postprocess upscaler: R-ESRGAN 4x+"); html_info is that infotext as plaintext_to_html;
//   * upscale_first is accepted and, as in A1111 1.10 (no face restorers run here), has no effect.
// The upscaling itself runs as an "upscale" job on the shared queue (A1111 takes its queue lock),
// so it waits behind generations, shows in /progress ("extras") and the studio's queue, and a
// client that disconnects cancels it.
#include "app/api/api_internal.h"
#include "app/api/api_jobs.h"
#include "app/api/api_options.h"
#include "app/api/api_schema.h"
#include "app/imaging/image_loader.h"
#include "app/jobs/job_queue.h"
#include "app/jobs/upscale_runner.h"
#include "app/library/model_library.h"
#include "app/library/upscaler_catalog.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <memory>

namespace latent {

using namespace api_detail;

namespace {

// A1111's answer to a failed `assert` in a script: 500 with the message in "errors" only.
ApiResponse assertionError(const QString& message) {
    return ApiResponse::json(QJsonObject{{QStringLiteral("error"), QStringLiteral("AssertionError")},
                                         {QStringLiteral("detail"), QString()},
                                         {QStringLiteral("body"), QString()},
                                         {QStringLiteral("errors"), message}},
                             500);
}

// modules/ui_common.plaintext_to_html: html.escape of each line, joined by "<br>\n", in <p>.
QString plaintextToHtml(const QString& text) {
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        QString e = line.toHtmlEscaped(); // & < > "
        e.replace(QLatin1Char('\''), QStringLiteral("&#x27;"));
        lines << e;
    }
    return QStringLiteral("<p>") + lines.join(QStringLiteral("<br>\n")) + QStringLiteral("</p>");
}

// One input image: stored as a PNG for the job, with the text chunks of the original.
struct ExtrasInput {
    QString path;                              // the stored PNG (inputs folder or scratch)
    QList<QPair<QString, QString>> items;      // the source's text chunks other than parameters
    QString parameters;                        // the source's `parameters` (null: none)
    QString error;
    int status = 500;
};

ExtrasInput prepareInput(const QString& base64In, const QString& dir) {
    ExtrasInput in;
    QString b64 = base64In.trimmed();
    if (b64.startsWith(QLatin1String("http://")) || b64.startsWith(QLatin1String("https://"))) {
        in.error = QCoreApplication::translate("latent::ApiServer", "Image URLs are not fetched; send the image as base64.");
        return in;
    }
    if (b64.startsWith(QLatin1String("data:"))) b64 = b64.mid(b64.indexOf(QLatin1Char(',')) + 1);
    const auto decoded = QByteArray::fromBase64Encoding(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        in.error = QStringLiteral("Invalid encoded image"); // A1111 decode_base64_to_image
        return in;
    }
    QString error;
    in.path = materializeImageBytes(decoded.decoded, dir, QStringLiteral("init"), false, &error);
    if (in.path.isEmpty()) {
        in.error = QStringLiteral("Invalid encoded image: ") + error;
        return in;
    }
    const PngTextReadResult text = PngText::read(decoded.decoded);
    if (text.ok) {
        // A1111 images.read_info_from_image: `parameters` is taken out and put back last.
        for (const PngTextChunk& c : text.chunks) {
            if (c.keyword == QLatin1String("parameters")) {
                if (in.parameters.isNull()) in.parameters = c.text;
                continue;
            }
            bool seen = false;
            for (const auto& item : std::as_const(in.items)) seen = seen || item.first == c.keyword;
            if (!seen) in.items.append({c.keyword, c.text});
        }
    }
    return in;
}

// The PNG A1111's encode_pil_to_base64 writes for an Extras result: every text item of the
// image's info (the source's items, its parameters, then "postprocessing").
QByteArray encodeResult(const ImageU8& image, const ExtrasInput& in, const QString& postprocessing, QString* error) {
    ImagePixels px;
    px.width = int(image.width);
    px.height = int(image.height);
    px.channels = image.channels;
    px.data = QByteArray(reinterpret_cast<const char*>(image.data.data()), qsizetype(image.data.size()));
    QByteArray png = ImageWriter::encodePng(px, {}, 6, error);
    if (png.isEmpty()) return {};
    QList<QPair<QString, QString>> chunks = in.items;
    if (!in.parameters.isEmpty()) chunks.append({QStringLiteral("parameters"), in.parameters});
    chunks.append({QStringLiteral("postprocessing"), postprocessing});
    for (const auto& [key, value] : chunks) {
        png = PngText::withTextChunk(png, key, value, error);
        if (png.isEmpty()) return {};
    }
    return png;
}

// A1111's model_name of an upscaler (the Upscaler subclass's model_name; None for built-ins).
QJsonValue upscalerModelName(const UpscalerChoice& c) {
    if (c.type != UpscalerChoice::Type::Model) return QJsonValue::Null;
    return QFileInfo(c.path).dir().dirName() == QLatin1String("RealESRGAN") ? QStringLiteral("RealESRGAN")
                                                                            : QStringLiteral("ESRGAN");
}

// A1111's UpscalerData.scale: 4 unless the Real-ESRGAN table says otherwise (x2plus).
int upscalerScale(const UpscalerChoice& c) { return c.name == QLatin1String("R-ESRGAN 2x+") ? 2 : 4; }

struct ExtrasOutcome {
    QList<QByteArray> images; // PNG bytes
    QString error;
};

} // namespace

void ApiServer::registerExtrasRoutes() {
    const QString tag = QStringLiteral("AUTOMATIC1111");

    auto extras = [this](bool batch) {
        return [this, batch](const ApiRequest& req, const ApiReplyPtr& reply) {
            QJsonValue json;
            QJsonArray errors;
            if (!parseJsonBody(req.body, &json, &errors)) return reply->send(validationError(errors));
            const ValidationResult v =
                validateModel(batch ? api_models::extrasBatchImages() : api_models::extrasSingleImage(), json);
            if (!v.ok()) return reply->send(validationError(v.errors));
            const QJsonObject b = v.value;

            // The images: "image", or imageList [{data, name}] (pydantic's FileData errors).
            QStringList images;
            if (batch) {
                const QJsonArray list = b.value(QStringLiteral("imageList")).toArray();
                QJsonArray problems;
                for (qsizetype i = 0; i < list.size(); ++i) {
                    const QJsonValue item = list.at(i);
                    if (!item.isObject()) {
                        problems.append(validationItem(QJsonArray{QStringLiteral("body"), QStringLiteral("imageList"), int(i)},
                                                       QStringLiteral("value is not a valid dict"), QStringLiteral("type_error.dict")));
                        continue;
                    }
                    for (const char* key : {"data", "name"}) {
                        const QJsonValue f = item.toObject().value(QLatin1String(key));
                        if (f.isUndefined() || f.isNull())
                            problems.append(validationItem(QJsonArray{QStringLiteral("body"), QStringLiteral("imageList"), int(i), QLatin1String(key)},
                                                           QStringLiteral("field required"), QStringLiteral("value_error.missing")));
                        else if (!f.isString())
                            problems.append(validationItem(QJsonArray{QStringLiteral("body"), QStringLiteral("imageList"), int(i), QLatin1String(key)},
                                                           QStringLiteral("str type expected"), QStringLiteral("type_error.str")));
                    }
                    images << item.toObject().value(QStringLiteral("data")).toString();
                }
                if (!problems.isEmpty()) return reply->send(validationError(problems));
                if (images.size() > 100)
                    return reply->send(a1111Error(422, QCoreApplication::translate("latent::ApiServer", "At most 100 images per request (imageList has %1).").arg(images.size())));
            } else {
                images << b.value(QStringLiteral("image")).toString();
            }

            if (b.value(QStringLiteral("gfpgan_visibility")).toDouble() > 0 || b.value(QStringLiteral("codeformer_visibility")).toDouble() > 0)
                return reply->send(a1111Error(422, QCoreApplication::translate("latent::ApiServer", "Face restoration is not available on this server.")));

            // scripts/postprocessing_upscale.py: "None" -> nothing to do; otherwise the name must
            // be one of shared.sd_upscalers (exactly), and so must upscaler_2 unless "None".
            const QStringList roots = library_ ? library_->roots() : QStringList();
            const QList<UpscalerChoice> choices = UpscalerCatalog::choices(roots, /*forHires=*/false);
            auto listed = [&](const QString& name) {
                for (const UpscalerChoice& c : choices)
                    if (c.name == name) return true;
                return false;
            };
            const QString u1 = b.value(QStringLiteral("upscaler_1")).toString();
            const QString u2 = b.value(QStringLiteral("upscaler_2")).toString();
            const bool upscale = u1 != QLatin1String("None");
            if (upscale && !listed(u1)) return reply->send(assertionError(QStringLiteral("could not find upscaler named %1").arg(u1.left(200))));
            if (upscale && u2 != QLatin1String("None") && !listed(u2))
                return reply->send(assertionError(QStringLiteral("could not find upscaler named %1").arg(u2.left(200))));
            UpscaleRequest request;
            if (const QString bad = applyUpscaleApiRequest(b, request); !bad.isEmpty()) return reply->send(a1111Error(422, bad));
            const QString infotext = upscale ? postprocessInfotext(request) : QString(QLatin1String(""));
            const QString format = options_->value(QStringLiteral("samples_format")).toString();
            const int quality = options_->value(QStringLiteral("jpeg_quality")).toInt(80);

            // Decode and store the images off the GUI thread.
            auto scratch = std::make_shared<QTemporaryDir>();
            const QString dir = upscale ? inputsDir() : scratch->path();
            QDir().mkpath(dir);
            runAsync(
                this,
                [images, dir] {
                    QList<ExtrasInput> out;
                    for (const QString& image : images) {
                        out.append(prepareInput(image, dir));
                        if (!out.last().error.isEmpty()) break;
                    }
                    return out;
                },
                [this, reply, b, infotext, upscale, batch, scratch, roots, format, quality, connection = req.connection](const QList<ExtrasInput>& inputs) {
                    auto dropInputs = [inputs] {
                        for (const ExtrasInput& in : inputs)
                            if (!in.path.isEmpty()) QFile::remove(in.path);
                    };
                    for (const ExtrasInput& in : inputs)
                        if (!in.error.isEmpty()) {
                            dropInputs();
                            return reply->send(a1111Error(in.status, in.error));
                        }
                    auto answer = [reply, batch, infotext](const ExtrasOutcome& out) {
                        if (!out.error.isEmpty()) return reply->send(a1111Error(500, out.error, QStringLiteral("RuntimeError")));
                        QJsonObject o{{QStringLiteral("html_info"), plaintextToHtml(infotext)}};
                        if (batch) {
                            QJsonArray list;
                            for (const QByteArray& png : out.images) list.append(QString::fromLatin1(png.toBase64()));
                            o.insert(QStringLiteral("images"), list);
                        } else {
                            if (out.images.isEmpty())
                                return reply->send(a1111Error(500, QStringLiteral("list index out of range"), QStringLiteral("IndexError")));
                            o.insert(QStringLiteral("image"), QString::fromLatin1(out.images.first().toBase64()));
                        }
                        reply->send(ApiResponse::json(o));
                    };
                    if (!upscale) {
                        // Nothing to upscale: the images as they are, with the (empty) infotext.
                        return runAsync(
                            this,
                            [inputs, infotext, scratch, format, quality] {
                                ExtrasOutcome out;
                                for (const ExtrasInput& in : inputs) {
                                    const ImageLoadResult loaded = ImageLoader::loadFile(in.path);
                                    QString error = loaded.error;
                                    QByteArray png;
                                    if (error.isEmpty()) png = encodeResult(loaded.image, in, infotext, &error);
                                    if (!png.isEmpty()) png = encodeResponseImage(png, format, quality, &error);
                                    if (png.isEmpty()) {
                                        out.error = error;
                                        break;
                                    }
                                    out.images << png;
                                }
                                return out;
                            },
                            answer);
                    }
                    if (!reply->alive()) return dropInputs();

                    // One "upscale" job per image on the shared queue.
                    QList<qint64> ids;
                    for (const ExtrasInput& in : inputs) {
                        QJsonObject params;
                        for (const char* key : {"resize_mode", "upscaling_resize", "upscaling_resize_w", "upscaling_resize_h",
                                                "upscaling_crop", "upscaler_1", "upscaler_2", "extras_upscaler_2_visibility"})
                            params.insert(QLatin1String(key), b.value(QLatin1String(key)));
                        params.insert(QStringLiteral("image_path"), in.path);
                        params.insert(QStringLiteral("model_roots"), QJsonArray::fromStringList(roots));
                        int status = 0;
                        QString error;
                        const qint64 id = jobs_->submit(QStringLiteral("upscale"), params, false, connection, &status, &error);
                        if (!id) {
                            for (qint64 done : std::as_const(ids)) {
                                jobs_->release(done);
                                queue_->cancel(done);
                            }
                            dropInputs();
                            ApiResponse r = a1111Error(status, error);
                            if (status == 503) r.headers.emplaceBack("Retry-After", "5");
                            return reply->send(r);
                        }
                        ids << id;
                    }
                    // Collect every job's end, then read the results in order.
                    struct Pending {
                        QList<std::optional<Job>> jobs;
                        int left = 0;
                    };
                    auto pending = std::make_shared<Pending>();
                    pending->jobs.resize(ids.size());
                    pending->left = int(ids.size());
                    QPointer<ApiJobs> jobs = jobs_.get();
                    for (qsizetype i = 0; i < ids.size(); ++i) {
                        const qint64 id = ids.at(i);
                        jobs_->whenFinal(id, [this, i, id, pending, inputs, infotext, answer, jobs, format, quality](const std::optional<Job>& job) {
                            if (jobs) jobs->release(id);
                            pending->jobs[i] = job;
                            if (--pending->left > 0) return;
                            // A failed job fails the request (A1111 raises); an interrupted or
                            // cancelled one is left out, as A1111's loop stops at state.interrupted.
                            for (const auto& j : pending->jobs)
                                if (j && j->state == JobState::Failed) {
                                    ExtrasOutcome out;
                                    out.error = j->error;
                                    if (jobs)
                                        for (const auto& k : pending->jobs)
                                            if (k) jobs->discardTemporaryResults(*k);
                                    return answer(out);
                                }
                            runAsync(
                                this,
                                [pending, inputs, infotext, format, quality] {
                                    ExtrasOutcome out;
                                    for (qsizetype k = 0; k < pending->jobs.size(); ++k) {
                                        const auto& j = pending->jobs.at(k);
                                        if (!j || j->state != JobState::Done || j->results.isEmpty()) continue;
                                        const ImageLoadResult loaded = ImageLoader::loadFile(j->results.first());
                                        QString error = loaded.error;
                                        QByteArray png;
                                        if (error.isEmpty()) png = encodeResult(loaded.image, inputs.at(k), infotext, &error);
                                        if (!png.isEmpty()) png = encodeResponseImage(png, format, quality, &error);
                                        if (png.isEmpty()) {
                                            out.error = error;
                                            break;
                                        }
                                        out.images << png;
                                    }
                                    return out;
                                },
                                [answer, pending, jobs](const ExtrasOutcome& out) {
                                    answer(out);
                                    if (jobs)
                                        for (const auto& k : pending->jobs)
                                            if (k) jobs->discardTemporaryResults(*k);
                                });
                        });
                    }
                });
        };
    };
    addRoute("POST", QStringLiteral("/sdapi/v1/extra-single-image"), tag,
             QCoreApplication::translate("latent::ApiServer", "Upscale one image (Extras)"), extras(false),
             &api_models::extrasSingleImage());
    addRoute("POST", QStringLiteral("/sdapi/v1/extra-batch-images"), tag,
             QCoreApplication::translate("latent::ApiServer", "Upscale several images (Extras)"), extras(true),
             &api_models::extrasBatchImages());

    addRoute("GET", QStringLiteral("/sdapi/v1/upscalers"), tag, QCoreApplication::translate("latent::ApiServer", "Upscalers"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 QJsonArray out;
                 for (const UpscalerChoice& c : UpscalerCatalog::choices(library_ ? library_->roots() : QStringList(), false)) {
                     const bool model = c.type == UpscalerChoice::Type::Model;
                     out.append(QJsonObject{{QStringLiteral("name"), c.name},
                                            {QStringLiteral("model_name"), upscalerModelName(c)},
                                            {QStringLiteral("model_path"), model ? QJsonValue(c.path) : QJsonValue(QJsonValue::Null)},
                                            {QStringLiteral("model_url"), QJsonValue::Null},
                                            {QStringLiteral("scale"), upscalerScale(c)}});
                 }
                 reply->send(ApiResponse::json(out));
             });
    addRoute("GET", QStringLiteral("/sdapi/v1/realesrgan-models"), tag,
             QCoreApplication::translate("latent::ApiServer", "Real-ESRGAN upscalers"), [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 QJsonArray out;
                 for (const UpscalerChoice& c : UpscalerCatalog::models(library_ ? library_->roots() : QStringList()))
                     if (upscalerModelName(c) == QJsonValue(QStringLiteral("RealESRGAN")))
                         out.append(QJsonObject{{QStringLiteral("name"), c.name},
                                                {QStringLiteral("path"), c.path},
                                                {QStringLiteral("scale"), upscalerScale(c)}});
                 reply->send(ApiResponse::json(out));
             });
}

} // namespace latent
