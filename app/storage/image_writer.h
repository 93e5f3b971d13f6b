// Saves generated images without ever losing one: 8-bit pixels -> PNG (own zlib encoder, with
// A1111's `parameters` text chunk) -> temporary file in the target folder -> fsync -> rename to a
// unique name that never replaces an existing file. If the output folder is missing, read-only or
// full, the image goes to the recovery folder instead and the result says so.
//
// File names follow A1111: "<5-digit sequence>-<pattern>.png", the sequence being one more than
// the highest number already in the folder (A1111 get_next_sequence_number, starting at 00000);
// the default pattern is "[seed]" ("00000-42.png"). Pattern tokens: [seed] [prompt] (spaces ->
// '_') [prompt_spaces] [prompt_words] (first 8 words) [model_name] [model_hash] [sampler]
// [scheduler] [steps] [cfg] [width] [height] [denoising] [date] [datetime]. The expanded text is
// sanitised by sanitizeFileName().
#pragma once

#include "app/metadata/generation_params.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace latent {

// Tightly packed 8-bit pixels, rows top to bottom; channels 1 (grey), 3 (RGB) or 4 (RGBA).
struct ImagePixels {
    int width = 0;
    int height = 0;
    int channels = 3;
    QByteArray data;  // width * height * channels bytes

    bool isValid() const;
};

struct ImageSaveRequest {
    ImagePixels image;
    GenerationParams params;   // name tokens; also the infotext when `infotext` is null
    QString infotext;          // `parameters` chunk; null = params.toInfotext(), "" = no chunk
    QString outputDir;
    QString namePattern = QStringLiteral("[seed]");
    bool numbered = true;      // A1111 "00042-" sequence prefix
    QList<QPair<QString, QString>> extraText;  // more text chunks (keyword, text), e.g. A1111's "extras"
};

struct ImageSaveResult {
    bool ok = false;
    QString path;              // absolute path of the written file
    bool recovered = false;    // written to the recovery folder instead of outputDir
    QString reason;            // why outputDir was not used (when recovered or !ok)
    QString error;             // why nothing was written (when !ok)
};

class ImageWriter {
public:
    // `recoveryDir` empty = recoveryDirectory().
    explicit ImageWriter(QString recoveryDir = {});

    ImageSaveResult save(const ImageSaveRequest& request) const;

    // Writes `bytes` atomically under a new unique name in `dir` (created if needed). `stem`
    // is used as is (sanitise it first); with `numbered`, a sequence prefix is added. Returns
    // the path, or an empty string and *error.
    static QString writeUnique(const QString& dir, const QString& stem, const QString& suffix,
                               bool numbered, const QByteArray& bytes, QString* error);

    // PNG bytes (IHDR, optional `parameters` chunk, IDAT, IEND). Empty + *error when the
    // image is invalid.
    static QByteArray encodePng(const ImagePixels& image, const QString& infotext = {},
                                int compressionLevel = 6, QString* error = nullptr);

    // A safe file-name component: `/\:*?"<>|` -> '_', control and bidi characters removed,
    // leading/trailing spaces and dots trimmed, Windows reserved names (CON, NUL, COM1, ...)
    // prefixed with '_', at most maxChars characters and 200 UTF-8 bytes, "image" when empty.
    static QString sanitizeFileName(const QString& name, int maxChars = 120);

    // Expands the pattern tokens described above.
    static QString expandPattern(const QString& pattern, const GenerationParams& params);

    // A1111 get_next_sequence_number: 1 + the largest leading number of a file name in dir.
    static int nextSequenceNumber(const QString& dir);

    // QStandardPaths::AppDataLocation + "/recovery".
    static QString recoveryDirectory();

    // Deletes the writer's own temporaries (".latent-<16 hex>.part", regular files directly in
    // `dir`) last modified before `olderThan`: what a write cut by a crash or kill -9 left
    // behind. Younger ones may belong to a save in progress. Returns how many were deleted.
    static int sweepStaleTemporaries(const QString& dir, const QDateTime& olderThan);

    QString recoveryDir() const { return recoveryDir_; }

private:
    QString recoveryDir_;
};

} // namespace latent
