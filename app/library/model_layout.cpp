#include "app/library/model_layout.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace latent {

QString modelKindName(ModelKind kind) {
    switch (kind) {
    case ModelKind::Checkpoint:
        return QStringLiteral("checkpoint");
    case ModelKind::Lora:
        return QStringLiteral("lora");
    case ModelKind::Vae:
        return QStringLiteral("vae");
    case ModelKind::Embedding:
        return QStringLiteral("embedding");
    case ModelKind::ControlNet:
        return QStringLiteral("controlnet");
    case ModelKind::Upscaler:
        return QStringLiteral("upscaler");
    case ModelKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

std::optional<ModelKind> modelKindFromName(const QString& name) {
    for (ModelKind k : {ModelKind::Checkpoint, ModelKind::Lora, ModelKind::Vae, ModelKind::Embedding,
                        ModelKind::ControlNet, ModelKind::Upscaler, ModelKind::Unknown})
        if (modelKindName(k) == name.trimmed().toLower()) return k;
    return std::nullopt;
}

QString modelKindDisplayName(ModelKind kind) {
    switch (kind) {
    case ModelKind::Checkpoint:
        return QCoreApplication::translate("ModelLibrary", "Checkpoints");
    case ModelKind::Lora:
        return QCoreApplication::translate("ModelLibrary", "LoRA");
    case ModelKind::Vae:
        return QCoreApplication::translate("ModelLibrary", "VAE");
    case ModelKind::Embedding:
        return QCoreApplication::translate("ModelLibrary", "Embeddings");
    case ModelKind::ControlNet:
        return QCoreApplication::translate("ModelLibrary", "ControlNet");
    case ModelKind::Upscaler:
        return QCoreApplication::translate("ModelLibrary", "Upscalers");
    case ModelKind::Unknown:
        break;
    }
    return QCoreApplication::translate("ModelLibrary", "Other files");
}

QString modelKindFolder(ModelKind kind) {
    switch (kind) {
    case ModelKind::Checkpoint:
        return QStringLiteral("Stable-diffusion");
    case ModelKind::Lora:
        return QStringLiteral("Lora");
    case ModelKind::Vae:
        return QStringLiteral("VAE");
    case ModelKind::Embedding:
        return QStringLiteral("embeddings");
    case ModelKind::ControlNet:
        return QStringLiteral("ControlNet");
    case ModelKind::Upscaler:
        return QStringLiteral("ESRGAN");
    case ModelKind::Unknown:
        break;
    }
    return {};
}

QString modelDestinationFolder(const QString& root, ModelKind kind) {
    const QString folder = modelKindFolder(kind);
    if (folder.isEmpty() || root.isEmpty()) return {};
    return QDir(normalizeModelRoot(root)).filePath(folder);
}

std::optional<ModelKind> modelKindForFolder(const QString& folderName) {
    const QString f = folderName.toLower();
    if (f == QLatin1String("stable-diffusion")) return ModelKind::Checkpoint;
    if (f == QLatin1String("lora") || f == QLatin1String("lycoris")) return ModelKind::Lora;
    if (f == QLatin1String("vae")) return ModelKind::Vae;
    if (f == QLatin1String("embeddings")) return ModelKind::Embedding;
    if (f == QLatin1String("controlnet")) return ModelKind::ControlNet;
    if (f == QLatin1String("esrgan") || f == QLatin1String("realesrgan")) return ModelKind::Upscaler;
    return std::nullopt;
}

QStringList modelKindFolders() {
    return {QStringLiteral("Stable-diffusion"), QStringLiteral("Lora"),
            QStringLiteral("LyCORIS"),          QStringLiteral("VAE"),
            QStringLiteral("embeddings"),       QStringLiteral("ControlNet"),
            QStringLiteral("ESRGAN"),           QStringLiteral("RealESRGAN")};
}

QString normalizeModelRoot(const QString& path) {
    if (path.isEmpty()) return {};
    QDir d(QFileInfo(path).absoluteFilePath());
    if (d.exists(QStringLiteral("models/Stable-diffusion")) || d.exists(QStringLiteral("models/Lora")))
        return QDir::cleanPath(d.filePath(QStringLiteral("models")));
    return QDir::cleanPath(d.absolutePath());
}

bool isModelFileName(const QString& fileName) {
    if (fileName.isEmpty() || fileName.startsWith(QLatin1Char('.'))) return false;
    const QString lower = fileName.toLower();
    if (lower.endsWith(QLatin1String(".part")) || lower.contains(QLatin1String(".tmp-"))) return false;
    for (const char* ext : {".safetensors", ".sft", ".ckpt", ".pt", ".pth", ".bin", ".gguf"})
        if (lower.endsWith(QLatin1String(ext))) return true;
    return false;
}

ModelKind modelKindForFamily(const QString& family) {
    if (family == QLatin1String("sd1") || family == QLatin1String("sd2") || family == QLatin1String("sdxl") ||
        family == QLatin1String("sdxl_refiner"))
        return ModelKind::Checkpoint;
    if (family == QLatin1String("lora")) return ModelKind::Lora;
    if (family == QLatin1String("vae")) return ModelKind::Vae;
    if (family == QLatin1String("embedding")) return ModelKind::Embedding;
    if (family == QLatin1String("controlnet")) return ModelKind::ControlNet;
    if (family == QLatin1String("upscaler")) return ModelKind::Upscaler;
    return ModelKind::Unknown;
}

} // namespace latent
