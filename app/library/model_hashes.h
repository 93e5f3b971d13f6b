// Model file hashes as AUTOMATIC1111 and Civitai use them, computed in one streamed pass:
//   sha256     SHA-256 of the whole file (64 hex)                     Civitai "SHA256"
//   autoV2     first 10 hex of sha256: A1111 "Model hash"             Civitai "AutoV2"
//   autoV1     legacy A1111 model_hash(): SHA-256 of the 0x10000 bytes at offset 0x100000,
//              first 8 hex (shorter files hash what is there; < 1 MiB hashes nothing:
//              "e3b0c442")                                            Civitai "AutoV1"
//   addnet     kohya/A1111 addnet_hash_safetensors(): SHA-256 of the bytes after the 8 + N
//              header of a .safetensors file (64 hex); first 12 hex = the LoRA hash written
//              in "Lora hashes"                                      Civitai "AutoV3"
#pragma once

#include <QFuture>
#include <QString>

#include <atomic>
#include <functional>

namespace latent {

struct ModelHashResult {
    bool ok = false;
    bool cancelled = false;
    QString error;         // plain-English sentence when !ok
    qint64 size = 0;
    QString sha256;        // lower-case hex
    QString autoV1;        // 8 hex
    QString addnet;        // 64 hex; empty when not requested or the file is not safetensors

    QString autoV2() const { return sha256.left(10); }
    QString loraHash() const { return addnet.isEmpty() ? sha256.left(12) : addnet.left(12); }
};

class ModelHashes {
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    // Streams the file once. `wantAddnet`: also hash the safetensors data section (LoRA hash);
    // ignored (left empty) for files that are not safetensors. `cancel` is polled per block.
    static ModelHashResult compute(const QString& path, bool wantAddnet = false,
                                   const Progress& progress = {},
                                   const std::atomic<bool>* cancel = nullptr);

    // The same on QtConcurrent's pool; progress in per-mille (0..1000) through the QFuture;
    // QFuture::cancel() stops it.
    static QFuture<ModelHashResult> computeAsync(const QString& path, bool wantAddnet = false);

    // Single-purpose helpers (each reads what it needs; empty string + *error on failure).
    static QString sha256File(const QString& path, QString* error = nullptr,
                              const Progress& progress = {},
                              const std::atomic<bool>* cancel = nullptr);
    static QString autoV1(const QString& path, QString* error = nullptr);
    static QString addnetHash(const QString& path, QString* error = nullptr);

    static constexpr qint64 kAutoV1Offset = 0x100000;
    static constexpr qint64 kAutoV1Length = 0x10000;
};

} // namespace latent
