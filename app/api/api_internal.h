// Helpers shared by the API's route files (api_server.cpp, api_a1111.cpp, api_openai.cpp,
// api_runpod.cpp). Not for use outside app/api.
#pragma once

#include "app/api/api_server.h"
#include "app/jobs/job.h"
#include "app/library/model_entry.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <type_traits>
#include <utility>

namespace latent::api_detail {

// Runs `work` on the thread pool and `then` on `context`'s thread with its result.
template <typename Work, typename Then>
void runAsync(QObject* context, Work work, Then then) {
    using R = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<R>(context);
    QObject::connect(watcher, &QFutureWatcher<R>::finished, context, [watcher, then]() mutable {
        then(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

// A checkpoint as A1111's /sd-models lists it.
struct Checkpoint {
    QString title;     // "sub/name.safetensors [hash10]" (without " [..]" until hashed)
    QString modelName; // "sub/name" (A1111 model_name: relative path without extension)
    QString hash;      // 10 hex (AutoV2), empty until hashed
    QString sha256;
    QString path;      // absolute file
    QString fileName;  // "name.safetensors"
    QString name;      // "name"
};

QList<Checkpoint> checkpoints(const ApiServer& server);
// By title, model name, file name, name, or hash (10 or 64 hex; 8 hex AutoV1). Never a path.
std::optional<Checkpoint> findCheckpoint(const ApiServer& server, const QString& key);
// The checkpoint API jobs use now (options' sd_model_checkpoint, else the first one).
std::optional<Checkpoint> currentCheckpoint(const ApiServer& server);
// VAE by name / file name / hash. "Automatic" and "None" mean no override (empty path).
std::optional<ModelEntry> findVae(const ApiServer& server, const QString& key);
std::optional<ModelEntry> findLora(const ApiServer& server, const QString& key);

// A1111 error body {"error", "detail", "body", "errors"} as a response.
ApiResponse a1111Error(int status, const QString& detail, const QString& errorName = QStringLiteral("HTTPException"));
// FastAPI validation error {"detail": [...]} (422).
ApiResponse validationError(const QJsonArray& detail);
ApiResponse openAiError(int status, const QString& message, const QString& type = QStringLiteral("invalid_request_error"),
                        const QString& code = {});

// Parses a JSON body like FastAPI: an empty body is `null`; malformed JSON gives the items of a
// 422 ("value_error.jsondecode").
bool parseJsonBody(const QByteArray& body, QJsonValue* out, QJsonArray* errors);

// A base64 image (optionally a data: URL) decoded, checked with the real image loader (size caps
// before any pixel is read), and written as a PNG into `dir` under a canvas-input name
// ("canvas-...-<role>.png": the queue keeps it while a job references it). Runs on a worker
// thread. Returns the path or sets *error.
QString materializeImage(const QString& base64, const QString& dir, const QString& role, QString* error);
// The same for raw image bytes (multipart uploads). `alphaToMask`: write the OpenAI-style mask
// (transparent pixels = edit = white) instead of the image.
QString materializeImageBytes(const QByteArray& bytes, const QString& dir, const QString& role, bool alphaToMask,
                              QString* error);

// Builds the worker parameters of an /sdapi/v1 body (validated). Checks what can be checked
// before the job runs (sampler, scheduler, sizes, ...): on failure *status / *error (404 for
// unknown names, 422 otherwise). `kind`: "txt2img" or "img2img".
bool prepareGeneration(ApiServer& server, const QString& kind, QJsonObject& params, int* status, QString* error);

// A1111 encode_pil_to_base64: `png` (a result as written) in the samples_format option's format:
// "png" as is; "jpg"/"jpeg" as JPEG at `jpegQuality` with the parameters text in EXIF
// UserComment. Other formats: empty + *error ("Invalid image format"). Any thread.
QByteArray encodeResponseImage(const QByteArray& png, const QString& samplesFormat, int jpegQuality, QString* error);
// The APP1 payload ("Exif\0\0" + big-endian TIFF) piexif writes for a UserComment.
QByteArray exifUserComment(const QString& text);

// A1111's Processed.js() for a finished job (info JSON string).
QJsonObject processedInfo(const Job& job, const QStringList& infotexts);

} // namespace latent::api_detail
