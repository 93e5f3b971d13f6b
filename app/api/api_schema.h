// Request models of the HTTP API as tables (name, type, default, bounds), and a validator that
// behaves like the pydantic v1 models FastAPI uses in AUTOMATIC1111 v1.10.1: every field is
// optional with A1111's default, values are coerced the way pydantic v1 coerces them (numbers from
// numeric strings, integers from floats, booleans from 0/1/"true"/...), and every problem becomes
// one FastAPI error item {loc: ["body", field, ...], msg, type[, ctx]} (HTTP 422). The validated
// body has every field, defaults filled in — what A1111 echoes back as "parameters".
// The same tables describe the request bodies in /openapi.json.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace latent {

enum class FieldType { Int, Float, Str, Bool, List, StrList, Dict, Any };

struct FieldSpec {
    QString name;
    FieldType type = FieldType::Any;
    QJsonValue defaultValue; // Null = None
    bool required = false;
    std::optional<double> ge, le; // inclusive bounds (numbers)
    QJsonArray choices;           // Literal[...] when not empty
    QString description;
};

struct ModelSpec {
    QString name;
    QList<FieldSpec> fields;
    const FieldSpec* field(const QString& name) const;
};

struct ValidationResult {
    QJsonObject value;  // every field of the model (defaults filled), plus unknown keys as sent
    QJsonArray errors;  // FastAPI detail items
    QJsonObject given;  // only the fields the request set (after coercion)
    bool ok() const { return errors.isEmpty(); }
};

namespace api_models {
// /sdapi/v1/txt2img and /img2img bodies (StableDiffusionTxt2ImgProcessingAPI, ...Img2Img...).
const ModelSpec& txt2img();
const ModelSpec& img2img();
const ModelSpec& extrasSingleImage();
const ModelSpec& extrasBatchImages();
const ModelSpec& pngInfo();
// Our bounds depend on the queue's batch limit: set it once at server start.
void setMaxBatchSize(int maxBatch);
} // namespace api_models

// Validates `body` against `model`. A body that is not a JSON object gives one error at ["body"].
ValidationResult validateModel(const ModelSpec& model, const QJsonValue& body);

// One FastAPI error item.
QJsonObject validationItem(const QJsonArray& loc, const QString& msg, const QString& type,
                           const QJsonObject& ctx = {});

// JSON Schema (OpenAPI 3) of a model.
QJsonObject openApiSchema(const ModelSpec& model);

} // namespace latent
