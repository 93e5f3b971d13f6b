// Every AUTOMATIC1111 generation parameter as a plain value type, with the exact A1111 infotext
// format (the PNG `parameters` chunk and the API's `info.infotexts`) in both directions.
//
// Format (A1111 modules/processing.py create_infotext, modules/infotext_utils.py):
//   <prompt, one or more lines>
//   Negative prompt: <negative, one or more lines>        (omitted when the negative is empty)
//   Steps: 20, Sampler: Euler a, Schedule type: Automatic, CFG scale: 7, Seed: 1, Size: 512x512, ...
// Entries are joined by ", "; a value containing ',', ':' or a newline is JSON-quoted. When
// parsing, the last line is the parameter line only if it holds at least 3 `key: value` matches.
//
// Absent fields (std::nullopt / empty string) are not written, exactly as A1111 omits None values.
// Parsing keeps unknown keys (in order) and the original key order and spelling of values, so an
// unchanged parse re-serialises byte for byte.
#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace latent {

class GenerationParams {
public:
    // --- the prompt lines ----------------------------------------------------------------------
    QString prompt;
    QString negativePrompt;

    // --- A1111 create_infotext, in its order ---------------------------------------------------
    std::optional<int> steps;                    // "Steps"
    QString sampler;                             // "Sampler" (e.g. "DPM++ 2M")
    QString scheduleType;                        // "Schedule type"; empty = absent ("Automatic")
    std::optional<double> cfgScale;              // "CFG scale"
    std::optional<double> imageCfgScale;         // "Image CFG scale" (instruct-pix2pix)
    std::optional<qint64> seed;                  // "Seed"
    QString faceRestoration;                     // "Face restoration"
    std::optional<int> width;                    // "Size: WxH" (both or neither)
    std::optional<int> height;
    QString modelHash;                           // "Model hash" (10 hex, AutoV2)
    QString modelName;                           // "Model" (file name without extension)
    QString vaeHash;                             // "VAE hash"
    QString vaeName;                             // "VAE"
    std::optional<int> batchSize;                // "Batch size" (A1111 < 1.6)
    std::optional<int> batchPos;                 // "Batch pos" (A1111 < 1.6)
    std::optional<qint64> subseed;               // "Variation seed"
    std::optional<double> subseedStrength;       // "Variation seed strength"
    std::optional<int> seedResizeFromW;          // "Seed resize from: WxH"
    std::optional<int> seedResizeFromH;
    std::optional<double> denoisingStrength;     // "Denoising strength"
    std::optional<double> conditionalMaskWeight; // "Conditional mask weight"
    std::optional<int> clipSkip;                 // "Clip skip" (A1111 writes it only when > 1)
    std::optional<qint64> ensd;                  // "ENSD" (eta noise seed delta)
    std::optional<double> tokenMergingRatio;     // "Token merging ratio"
    std::optional<double> tokenMergingRatioHr;   // "Token merging ratio hr"
    QString initImageHash;                       // "Init image hash"
    QString rng;                                 // "RNG": "CPU" or "NV"; empty = absent ("GPU")
    std::optional<bool> tiling;                  // "Tiling: True"

    // --- A1111 extra_generation_params (img2img / inpaint / networks) ----------------------------
    QString maskMode;                            // "Mask mode: Inpaint not masked"
    std::optional<int> maskBlur;                 // "Mask blur"
    QString inpaintArea;                         // "Inpaint area: Only masked"; empty = Whole picture
    std::optional<int> maskedAreaPadding;        // "Masked area padding"
    QString maskedContent;                       // "Masked content" (A1111 writes only "fill")
    QList<QPair<QString, QString>> extras;       // unknown keys, verbatim (unquoted), in order
    QString loraHashes;                          // "Lora hashes": "name: 1a2b3c4d5e6f, other: ..."
    QString tiHashes;                            // "TI hashes": "name: 1a2b3c4d5e6f, ..."

    // --- the tail ------------------------------------------------------------------------------
    QString version;                             // "Version" (write defaultVersion() for our images)
    QString user;                                // "User"

    // Problems found while parsing (clamped values, dropped text, ...): plain-English sentences.
    QStringList warnings;

    // Serialise to A1111's infotext.
    QString toInfotext() const;
    // Parse an A1111 infotext. Never throws; hostile input is capped and clamped (see the .cpp:
    // kMaxInfotextChars and the ranges below) and reported in `warnings`.
    static GenerationParams fromInfotext(const QString& text);

    // Accessors with A1111's defaults for absent fields.
    QString effectiveScheduleType() const;     // "Automatic" when absent
    QString effectiveRng() const;              // "GPU" when absent
    int effectiveClipSkip() const;             // 1 when absent
    bool inpaintOnlyMasked() const { return inpaintArea == QStringLiteral("Only masked"); }

    // Value of an unknown (extra) key, or a null QString.
    QString extra(const QString& key) const;
    void setExtra(const QString& key, const QString& value);  // replaces or appends

    // "Version" value for images this program writes. Deliberately not "vX.Y.Z": A1111 would
    // treat such a version as an old A1111 and apply its backward-compatibility rules.
    static QString defaultVersion();

    // "name: hash, name2: hash2" <-> pairs (the format of "Lora hashes" and "TI hashes").
    static QList<QPair<QString, QString>> parseHashList(const QString& value);
    static QString formatHashList(const QList<QPair<QString, QString>>& pairs);

    // A1111's quote() / unquote() for one value.
    static QString quote(const QString& value);
    static QString unquote(const QString& value);

    // Python repr() of a float as A1111 prints it ("7.0", "0.75", "1e-05").
    static QString formatFloat(double value);

    // Legacy "DPM++ 2M Karras" -> ("DPM++ 2M", "Karras"); returns false when no schedule suffix.
    static bool splitLegacySampler(const QString& sampler, QString* name, QString* schedule);

    // Limits applied by fromInfotext.
    static constexpr int kMaxInfotextChars = 64 * 1024;
    static constexpr int kMinSteps = 1, kMaxSteps = 1000;
    static constexpr int kMinSize = 64, kMaxSize = 8192;  // and multiples of 8
    static constexpr double kMaxCfgScale = 100.0;
    static constexpr int kMaxClipSkip = 12;
    static constexpr int kMaxMaskBlur = 256;
    static constexpr int kMaxMaskPadding = 1024;
    static constexpr int kMaxBatchSize = 128;

    // Round-trip bookkeeping filled by fromInfotext: the key order of the parsed parameter line
    // and each key's value text as written. toInfotext() keeps that order, and reuses the written
    // text of a value while the field still holds the value parsed from it.
    struct WrittenValue {
        QString written;   // the value exactly as it appeared after "key: " (quoted or not)
        QString parsedAs;  // the canonical text of the field value parsed from it
    };
    QStringList parsedKeyOrder;
    QHash<QString, WrittenValue> parsedValues;
};

} // namespace latent
