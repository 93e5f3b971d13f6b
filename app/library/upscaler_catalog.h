// Upscaler names as A1111 lists them (shared.sd_upscalers, plus the hires fix's latent modes)
// and the files behind them: the built-ins "None", "Lanczos", "Nearest" and every ESRGAN-family
// model in <root>/ESRGAN and <root>/RealESRGAN of the model roots. A model's name is its file
// stem, except Real-ESRGAN's own files, which A1111 lists under fixed labels
// ("RealESRGAN_x4plus.pth" = "R-ESRGAN 4x+"), so infotexts written by A1111 resolve here.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace latent {

struct GenerationRequest;
struct UpscaleRequest;

struct UpscalerChoice {
    enum class Type { Latent, Builtin, Model };
    Type type = Type::Builtin;
    QString name; // "Latent (bicubic)", "Lanczos", "R-ESRGAN 4x+", "4x-UltraSharp"
    QString path; // Model: the file
};

class UpscalerCatalog {
public:
    // The A1111 name of an upscaler file (see above).
    static QString nameForFile(const QString& path);
    // Model files in <root>/ESRGAN and <root>/RealESRGAN of every root (a models folder or an A1111
    // webui folder holding models/), by name; the first root wins when two hold the same name.
    static QList<UpscalerChoice> models(const QStringList& roots);
    // Every choice in A1111's order: latent modes (hires fix only), None, Lanczos, Nearest, models.
    static QList<UpscalerChoice> choices(const QStringList& roots, bool forHires);
    static QStringList names(const QStringList& roots, bool forHires);
    // Resolves a name (exact, then case-insensitive). On failure returns nullopt and sets *error
    // to a sentence that lists the names available.
    static std::optional<UpscalerChoice> resolve(const QString& name, const QStringList& roots, bool forHires,
                                                 QString* error);
    // Roots to look in: `explicitRoots` first, then the library roots from the settings.
    static QStringList roots(const QStringList& explicitRoots = {});

    // Fills request.hires.upscaler_path (and checks the name) for a hires request; an empty or
    // latent/built-in upscaler needs no file. Returns an error sentence or an empty string.
    static QString resolveHires(GenerationRequest& request, const QStringList& roots);
    // Fills upscaler_path / upscaler_2_path of an upscale request.
    static QString resolveUpscale(UpscaleRequest& request, const QStringList& roots);
};

} // namespace latent
