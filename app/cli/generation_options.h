// Building a GenerationRequest the way A1111 does: API defaults, then an A1111 request body
// (`--request`), then an infotext (`--infotext`), then explicit flags (explicit flags win).
#pragma once

#include "pipeline/pipelines/generation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace latent {

struct CliGenerationOptions {
    GenerationRequest request;
    QString modelPath;
    QString vaePath;
    QString outDir;
    QString device = QStringLiteral("cpu");
    bool saveLatents = false;
    QString error;  // non-empty: bad input (exit 2)
};

// Applies an A1111 /sdapi/v1/txt2img (or img2img) request body onto `request`.
// Returns an error sentence on wrong types or values, else an empty string.
QString applyApiRequest(const QJsonObject& body, GenerationRequest& request);
// Applies the parameters of an A1111 infotext onto `request`.
QString applyInfotext(const QString& infotext, GenerationRequest& request);

// Parses the txt2img options (see `latentstudio-cli help`).
CliGenerationOptions parseGenerationOptions(const QStringList& args);

} // namespace latent
