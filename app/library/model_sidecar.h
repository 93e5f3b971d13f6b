// Files next to a model, as A1111 and the Civitai helpers write them:
//   <stem>.png / <stem>.preview.png (also .jpg/.jpeg/.webp/.gif)  preview image (A1111's order)
//   <stem>.json   A1111 user metadata: "description", "sd version", "activation text",
//                 "preferred weight", "negative text", "notes" (other keys are kept on save)
//   <stem>.civitai.info   Civitai model-version JSON (Civitai Helper); "trainedWords" are read
// Every string read here is untrusted text: callers show it as plain text only.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace latent {

struct SidecarNotes {
    QString description;
    QString sdVersion;            // "sd version": A1111 writes "SD1", "SD2", "SDXL", "Unknown"
    QString activationText;       // trigger words the user wants inserted with the LoRA
    double preferredWeight = 0.0; // 0 = not set (A1111: use the default multiplier)
    QString negativeText;
    QString notes;
    QJsonObject raw; // the whole file as read (unknown keys survive a save)
    bool exists = false;
    QString error; // set when the file exists but is not a JSON object / too large

    bool operator==(const SidecarNotes& o) const {
        return description == o.description && sdVersion == o.sdVersion && activationText == o.activationText &&
               preferredWeight == o.preferredWeight && negativeText == o.negativeText && notes == o.notes;
    }
};

class ModelSidecar {
public:
    // "<dir>/<stem>.json" for "<dir>/<stem>.<ext>" (a diffusers folder: "<folder>.json").
    static QString notesPath(const QString& modelPath);
    // The first preview image that exists (A1111's order: <stem>.png, <stem>.preview.png, then
    // .jpg, .jpeg, .webp, .gif the same way), or an empty string.
    static QString findPreview(const QString& modelPath);
    // Reads <stem>.json (at most 1 MiB). A missing file gives exists == false and no error.
    static SidecarNotes readNotes(const QString& modelPath);
    // Writes <stem>.json atomically (QSaveFile), keeping keys of `notes.raw` it does not own.
    static bool writeNotes(const QString& modelPath, const SidecarNotes& notes, QString* error = nullptr);
    // "trainedWords" of <stem>.civitai.info, if present.
    static QStringList civitaiTrainedWords(const QString& modelPath);

    static constexpr qint64 kMaxSidecarBytes = 1 << 20;
};

// Untrusted text for display: control characters and bidi overrides removed, at most `max`
// characters (an ellipsis marks the cut). The result is still shown with Qt::PlainText.
QString displayText(const QString& text, int max = 2000);

} // namespace latent
