// `latentstudio-cli txt2img`: A1111-compatible headless text-to-image.
#pragma once

#include <QString>
#include <QStringList>

namespace latent {

struct CliGenerationOptions;
struct GenerationJobSpec;

// `args` are the options after the command name. Returns the exit status (0, 1, 2).
int runTxt2ImgCommand(const QStringList& args);

// Shared by txt2img and img2img: checks the model / output folder, runs the job with a progress
// bar on a terminal, prints warnings to stderr and the JSON summary to stdout. Exit status.
int runGenerationJob(const CliGenerationOptions& options, const GenerationJobSpec& spec);
// Prints "latentstudio-cli: <message>" as one line to stderr and returns `code`.
int cliFail(int code, const QString& message);

} // namespace latent
