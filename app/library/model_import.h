// Adding a model file to the library by copying or moving it into a root's kind folder. The
// kind comes from the file's header (never its name); an existing file is never overwritten
// (a free "name_1.ext" is chosen); a copy goes through a hidden temporary file in the
// destination folder and an atomic rename, so a half-copied model is never listed. Sidecars
// (<stem>.png, .preview.png, .json, .civitai.info) travel with the model.
#pragma once

#include "app/library/model_layout.h"

#include <QString>

namespace latent {

struct ModelImportResult {
    bool ok = false;
    QString destination; // final path of the model
    ModelKind kind = ModelKind::Unknown;
    QString error; // plain-English sentence when !ok
};

class ModelImport {
public:
    // The kind a file would be filed under (Unknown = not a usable model; `why` says why).
    static ModelKind sniffKind(const QString& path, QString* why = nullptr);
    // "dir/name.ext" if free, else "dir/name_1.ext", "dir/name_2.ext", ...
    static QString uniqueDestination(const QString& dir, const QString& fileName);
    // Blocking; run it off the GUI thread for big files.
    static ModelImportResult importFile(const QString& source, const QString& root, bool move);
};

} // namespace latent
