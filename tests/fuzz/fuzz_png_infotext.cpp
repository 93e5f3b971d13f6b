// libFuzzer harness: the capped PNG text-chunk reader (tEXt, zTXt, iTXt: lengths, CRCs, zlib
// bombs, chunk counts), the JPEG / WebP EXIF UserComment reader (segments, RIFF chunks, TIFF
// IFDs), and A1111's infotext parser on what they find, plus the input itself as an infotext. Checked: no sanitizer report, every accepted value within the documented limits,
// and the values of what was read survive writing and reading again (LATENT_FUZZ_VERBOSE=1
// prints the written text when they do not).
#include "app/metadata/exif_comment.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"

#include <QByteArray>
#include <QString>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using latent::GenerationParams;

void checkLimits(const GenerationParams& p) {
    if (p.steps && (*p.steps < GenerationParams::kMinSteps || *p.steps > GenerationParams::kMaxSteps)) __builtin_trap();
    if (p.width && (*p.width < GenerationParams::kMinSize || *p.width > GenerationParams::kMaxSize)) __builtin_trap();
    if (p.height && (*p.height < GenerationParams::kMinSize || *p.height > GenerationParams::kMaxSize))
        __builtin_trap();
    if (p.cfgScale && (!std::isfinite(*p.cfgScale) || std::fabs(*p.cfgScale) > GenerationParams::kMaxCfgScale))
        __builtin_trap();
}

void parseInfotext(const QString& text) {
    const GenerationParams p = GenerationParams::fromInfotext(text);
    checkLimits(p);
    const QString written = p.toInfotext();
    const GenerationParams again = GenerationParams::fromInfotext(written);
    checkLimits(again);
    // With at least three fields the written parameter line is recognised again (A1111's rule),
    // and the values survive the trip exactly. (The prompt text need not: A1111's format strips
    // lines and the "Negative prompt:" prefix of every line after the first, so a prompt that
    // contains such lines is not a fixed point; neither is ours.)
    if (p.steps && p.width && p.cfgScale &&
        (again.steps != p.steps || again.width != p.width || again.height != p.height || again.cfgScale != p.cfgScale ||
         again.seed != p.seed)) {
        if (std::getenv("LATENT_FUZZ_VERBOSE")) {
            const auto show = [](const GenerationParams& g) {
                return QStringLiteral("steps %1 size %2x%3 cfg %4 seed %5")
                    .arg(g.steps.value_or(-1))
                    .arg(g.width.value_or(-1))
                    .arg(g.height.value_or(-1))
                    .arg(g.cfgScale.value_or(-1), 0, 'g', 17)
                    .arg(g.seed.value_or(-1));
            };
            std::fprintf(stderr, "read:      %s\nread back: %s\nwritten:\n%s\n", qPrintable(show(p)), qPrintable(show(again)),
                         QString::fromLatin1(written.toUtf8().toPercentEncoding(" \n:,")).toLocal8Bit().constData());
        }
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const latent::PngTextReadResult r = latent::PngText::read(bytes);
    if (r.ok) {
        if (r.chunks.size() > latent::PngText::kMaxChunks) __builtin_trap();
        for (const latent::PngTextChunk& c : r.chunks)
            if (c.text.size() > latent::PngText::kMaxTextChunkBytes) __builtin_trap();
        const QString params = r.value(QStringLiteral("parameters"));
        if (!params.isNull()) parseInfotext(params);
    }
    if (const auto comment = latent::exif::infotextOf(bytes)) {
        if (comment->size() > qsizetype(size)) __builtin_trap();  // never more text than bytes
        parseInfotext(*comment);
    }
    if (size <= 1 << 16) parseInfotext(QString::fromUtf8(bytes));
    return 0;
}
