// Downloads as values (DESIGN.md style 9): what the user asked for (DownloadRequest), what the
// sites' APIs say will be fetched (DownloadPlan of PlannedFiles), plus the model kinds and the
// A1111 folder each kind lives in.
#pragma once

#include "app/library/model_layout.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace latent {

// ModelKind and its stable names come from the library's layout (app/library/model_layout.h).
// Civitai's model "type" (Checkpoint, LORA, LoCon, DoRA, TextualInversion, VAE, Controlnet).
std::optional<ModelKind> modelKindFromCivitaiType(const QString& type);

// The folder under a models root where a kind is installed (A1111 layout:
// ROOT/Stable-diffusion, Lora, VAE, embeddings, ControlNet) — the library's
// modelDestinationFolder(), so downloads, imports and scans agree.
QString modelFolderFor(const QString& root, ModelKind kind);

struct DownloadRequest {
    QString url;                   // as pasted: HF/Civitai URL or bare "org/repo"
    QString destRoot;              // models root (A1111 layout)
    std::optional<ModelKind> kind; // overrides what the site says
};

struct PlannedFile {
    QUrl url;                    // where to GET it
    QString relativePath;        // inside the installed folder (folder plans) or the file name
    qint64 size = -1;            // exact size in bytes when the site publishes it, else -1
    qint64 approxSize = -1;      // Civitai's sizeKB * 1024 (for free-space checks only)
    QString sha256;              // lower-case hex published by the site ("" = none)
    QString gitSha1;             // git blob id of a small non-LFS file (HF tree "oid")
    bool isWeights = false;      // model bytes: sniffed, refused when HTML/JSON
    bool nameFromServer = false; // Content-Disposition may choose the name (sanitised)

    qint64 expectedBytes() const { return size >= 0 ? size : approxSize; }
    QJsonObject toJson() const;
    static PlannedFile fromJson(const QJsonObject& o);
};

struct DownloadPlan {
    QString site;  // "huggingface" | "civitai"
    QUrl source;   // the page the user pasted (normalised)
    QString title; // repo id or Civitai "model name – version name"
    ModelKind kind = ModelKind::Checkpoint;
    QString baseModel;      // "SD 1.5", "SDXL 1.0", ... ("" unknown)
    QString destinationDir; // modelFolderFor(root, kind)
    QString installName;    // file name, or folder name when isFolder
    bool isFolder = false;  // diffusers repo: a folder of files
    QList<PlannedFile> files;
    // Civitai sidecars (empty for HF).
    QJsonObject civitaiVersion; // the model-version JSON, written as name.civitai.info
    QString description;
    QStringList trainedWords;
    QUrl previewUrl;

    qint64 totalBytes() const; // sum of expectedBytes() (unknown sizes count 0)
    QString installPath() const { return destinationDir + QLatin1Char('/') + installName; }
    // Multi-line human summary: files, sizes, kind, base model, destination.
    QString describe() const;
    QJsonObject toJson() const;
    static DownloadPlan fromJson(const QJsonObject& o);
};

// "1.2 GB", "340 KB".
QString formatBytes(qint64 bytes);

} // namespace latent
