#include "app/library/upscaler_catalog.h"

#include "app/core/settings.h"
#include "app/jobs/generation_runner.h"
#include "app/library/model_layout.h"
#include "app/library/model_library.h"
#include "pipeline/pipelines/generation.h"
#include "pipeline/upscalers/upscale_request.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPair>

#include <algorithm>

namespace latent {

namespace {

// A1111 modules/realesrgan_model.py get_realesrgan_models: label <- file name of its URL.
const QList<QPair<QString, QString>>& realEsrganLabels() {
    static const QList<QPair<QString, QString>> labels = {
        {QStringLiteral("realesr-general-x4v3"), QStringLiteral("R-ESRGAN General 4xV3")},
        {QStringLiteral("realesr-general-wdn-x4v3"), QStringLiteral("R-ESRGAN General WDN 4xV3")},
        {QStringLiteral("realesr-animevideov3"), QStringLiteral("R-ESRGAN AnimeVideo")},
        {QStringLiteral("RealESRGAN_x4plus"), QStringLiteral("R-ESRGAN 4x+")},
        {QStringLiteral("RealESRGAN_x4plus_anime_6B"), QStringLiteral("R-ESRGAN 4x+ Anime6B")},
        {QStringLiteral("RealESRGAN_x2plus"), QStringLiteral("R-ESRGAN 2x+")},
    };
    return labels;
}

const QStringList& latentModes() {
    static const QStringList modes = {
        QStringLiteral("Latent"),           QStringLiteral("Latent (antialiased)"),
        QStringLiteral("Latent (bicubic)"), QStringLiteral("Latent (bicubic antialiased)"),
        QStringLiteral("Latent (nearest)"), QStringLiteral("Latent (nearest-exact)")};
    return modes;
}

bool isUpscalerFile(const QString& fileName) {
    const QString l = fileName.toLower();
    return isModelFileName(fileName) &&
           (l.endsWith(QLatin1String(".pth")) || l.endsWith(QLatin1String(".pt")) ||
            l.endsWith(QLatin1String(".safetensors")) || l.endsWith(QLatin1String(".sft")));
}

// A checkpoint by path, file name, stem or A1111 title ("name.safetensors [hash]", "name [hash]").
QString findCheckpoint(const QString& name, const QStringList& roots) {
    if (QFileInfo(name).isFile()) return QFileInfo(name).absoluteFilePath();
    QString n = name.trimmed();
    if (n.endsWith(QLatin1Char(']')) && n.contains(QLatin1String(" ["))) n = n.left(n.lastIndexOf(QLatin1String(" [")));
    for (const QString& root : roots) {
        const QString dir = modelDestinationFolder(root, ModelKind::Checkpoint);
        const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo& fi : files)
            if (isModelFileName(fi.fileName()) && (fi.fileName() == n || fi.completeBaseName() == n))
                return fi.absoluteFilePath();
    }
    return {};
}

} // namespace

QString UpscalerCatalog::nameForFile(const QString& path) {
    const QString stem = QFileInfo(path).completeBaseName();
    for (const auto& [file, label] : realEsrganLabels())
        if (stem.compare(file, Qt::CaseInsensitive) == 0) return label;
    return stem;
}

QList<UpscalerChoice> UpscalerCatalog::models(const QStringList& roots) {
    QList<UpscalerChoice> out;
    QStringList seen;
    QStringList dirs;
    for (const QString& r : roots) {
        // A models folder, or an A1111 webui folder holding models/.
        for (const QString& root :
             {normalizeModelRoot(r), QDir(QFileInfo(r).absoluteFilePath()).filePath(QStringLiteral("models"))})
            for (const char* folder : {"ESRGAN", "RealESRGAN"}) {
                const QString d = QDir::cleanPath(QDir(root).filePath(QLatin1String(folder)));
                if (!dirs.contains(d)) dirs.append(d);
            }
    }
    for (const QString& dir : dirs) {
        {
            const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files, QDir::Name);
            for (const QFileInfo& fi : files) {
                if (!isUpscalerFile(fi.fileName())) continue;
                const QString name = nameForFile(fi.filePath());
                if (seen.contains(name)) continue;
                seen.append(name);
                out.append({UpscalerChoice::Type::Model, name, QDir::cleanPath(fi.absoluteFilePath())});
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const UpscalerChoice& a, const UpscalerChoice& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

QList<UpscalerChoice> UpscalerCatalog::choices(const QStringList& roots, bool forHires) {
    QList<UpscalerChoice> out;
    if (forHires)
        for (const QString& m : latentModes()) out.append({UpscalerChoice::Type::Latent, m, {}});
    for (const char* b : {"None", "Lanczos", "Nearest"})
        out.append({UpscalerChoice::Type::Builtin, QString::fromLatin1(b), {}});
    out.append(models(roots));
    return out;
}

QStringList UpscalerCatalog::names(const QStringList& roots, bool forHires) {
    QStringList out;
    for (const auto& c : choices(roots, forHires)) out.append(c.name);
    return out;
}

std::optional<UpscalerChoice> UpscalerCatalog::resolve(const QString& name, const QStringList& roots, bool forHires,
                                                       QString* error) {
    const QList<UpscalerChoice> all = choices(roots, forHires);
    for (const auto& c : all)
        if (c.name == name) return c;
    for (const auto& c : all)
        if (c.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0) return c;
    if (error) {
        QStringList names;
        for (const auto& c : all) names.append(c.name);
        *error = QCoreApplication::translate("Upscalers", "There is no upscaler named \"%1\". Available: %2.")
                     .arg(name, names.join(QStringLiteral(", ")));
    }
    return std::nullopt;
}

QStringList UpscalerCatalog::roots(const QStringList& explicitRoots) {
    const Settings settings;
    QStringList out = explicitRoots;
    QStringList library = ModelLibrary::rootsFromSettings(settings);
    if (library.isEmpty()) library.append(ModelLibrary::defaultModelRoot());
    for (const QString& r : library)
        if (!out.contains(r)) out.append(r);
    return out;
}

QString UpscalerCatalog::resolveHires(GenerationRequest& r, const QStringList& roots) {
    HiresOptions& h = r.hires;
    if (!h.enable) return {};
    if (!h.upscaler.empty()) {
        QString error;
        const auto c = resolve(QString::fromStdString(h.upscaler), roots, true, &error);
        if (!c) return error;
        h.upscaler = c->name.toStdString();
        h.upscaler_path = c->path.toStdString();
    }
    const QString ckpt = QString::fromStdString(h.checkpoint);
    if (!ckpt.isEmpty() && ckpt != QLatin1String("Use same checkpoint")) {
        const QString path = findCheckpoint(ckpt, roots);
        if (path.isEmpty())
            return QCoreApplication::translate("Upscalers", "There is no checkpoint named \"%1\" for the hires pass.")
                .arg(ckpt);
        h.checkpoint_path = path.toStdString();
        const QString sha = cachedSha256(path);
        h.checkpoint = (QFileInfo(path).completeBaseName() +
                        (sha.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(sha.left(10))))
                           .toStdString();
    } else {
        h.checkpoint.clear();
        h.checkpoint_path.clear();
    }
    return {};
}

QString UpscalerCatalog::resolveUpscale(UpscaleRequest& r, const QStringList& roots) {
    QString error;
    const auto a = resolve(QString::fromStdString(r.upscaler), roots, false, &error);
    if (!a) return error;
    r.upscaler = a->name.toStdString();
    r.upscaler_path = a->path.toStdString();
    if (!r.upscaler_2.empty() && r.upscaler_2 != "None") {
        const auto b = resolve(QString::fromStdString(r.upscaler_2), roots, false, &error);
        if (!b) return error;
        r.upscaler_2 = b->name.toStdString();
        r.upscaler_2_path = b->path.toStdString();
    }
    return {};
}

} // namespace latent
