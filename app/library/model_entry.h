// One file (or diffusers folder) of the model library, as indexed: where it is, what it is (from
// its first bytes and its header, never its name), its hashes and the highlights of its metadata.
#pragma once

#include "app/library/model_layout.h"
#include "app/library/model_sidecar.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace latent {

struct ModelEntry {
    QString path;                        // absolute, clean
    QString root;                        // the model root it was found under
    ModelKind kind = ModelKind::Unknown; // from its folder, else from the detected family
    qint64 size = 0;                     // bytes (diffusers folder: sum of its files)
    qint64 mtimeMs = 0;                  // last modification, ms since the epoch

    // What the bytes are (format_sniff names: "safetensors", "pickle", "git_lfs_pointer", "html",
    // "diffusers_folder", ...). `usable` = a safetensors file whose header passed the strict
    // reader, or a diffusers folder that could be read.
    QString format;
    bool usable = false;
    QString problem; // plain-English verdict when !usable (never empty then)

    // From the header (detect_model): "sd1", "sd2", "sdxl", "sdxl_refiner", "vae", "lora",
    // "embedding", "controlnet", "unknown".
    QString family;
    QString baseFamily; // LoRA / embedding / VAE / ControlNet: the family it is meant for
    QString prediction; // "epsilon" / "v_prediction"
    bool inpainting = false;
    QString layout; // detect_model layout string

    // Hashes (empty until computed). sha256: 64 hex; autoV1: 8 hex; addnet: 64 hex (safetensors
    // data section; its first 12 hex are the LoRA hash A1111 writes in "Lora hashes").
    QString sha256, autoV1, addnet;
    QString autoV2() const { return sha256.left(10); }
    QString loraHash() const { return addnet.isEmpty() ? QString() : addnet.left(12); }
    bool hashed() const { return !sha256.isEmpty(); }
    // Short hash to show: the LoRA hash for LoRAs, A1111's model hash otherwise.
    QString shortHash() const { return kind == ModelKind::Lora && !addnet.isEmpty() ? loraHash() : autoV2(); }

    // Highlights of safetensors __metadata__ (ss_base_model_version, ss_output_name,
    // modelspec.*, ...; values truncated) and the most frequent training tags.
    QJsonObject metadata;
    QStringList tags;

    // Sidecars (re-read on every scan; cheap).
    QString preview;    // preview image path or empty
    SidecarNotes notes; // <stem>.json
    QStringList civitaiWords;

    // File name without extension: the name A1111 uses in `<lora:NAME:1>` and for embeddings.
    QString name() const;
    QString fileName() const;
    // Trigger words to show: sidecar "activation text", else modelspec.trigger_phrase, else
    // Civitai trainedWords.
    QStringList triggerWords() const;
    // What "Insert into prompt" puts in the prompt: LoRA `<lora:NAME:W>` (W = preferred weight
    // when set, else 1) followed by the activation text when there is one; embedding: NAME;
    // other kinds: empty.
    QString promptText() const;

    // The JSON of `latentstudio-cli library scan` (stable keys).
    QJsonObject toJson() const;
};

} // namespace latent

Q_DECLARE_METATYPE(latent::ModelEntry)
