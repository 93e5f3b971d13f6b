// libFuzzer harness: an A1111 /sdapi/v1/txt2img or img2img request body (JSON from anyone who
// can reach the API or hand the CLI a --request file) -> GenerationRequest, as the CLI, the
// queue worker and the HTTP server read it (value ranges are checked later, by the engine).
// Checked: no sanitizer report (float->int conversions, overflow), and an accepted body arrives
// exactly: every whole number the JSON holds is the request's value (seeds beyond 2^53 too),
// the img2img numbers are the JSON's clamped to the engine's sentinel ranges, and strings
// arrive unchanged.
#include "app/cli/generation_options.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

namespace {

// The JSON's whole number for `key`, if it holds one.
std::optional<int64_t> wholeNumber(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble()) return std::nullopt;
    constexpr qint64 kSentinel = std::numeric_limits<qint64>::min();
    const qint64 n = v.toInteger(kSentinel);
    if (n == kSentinel) return std::nullopt;
    return n;
}

void expectWhole(const QJsonObject& o, const char* key, int64_t got) {
    if (const auto n = wholeNumber(o, key); n && *n != got) __builtin_trap();
}

void expectClamped(const QJsonObject& o, const char* key, int got, int64_t lo, int64_t hi) {
    if (const auto n = wholeNumber(o, key); n && std::clamp<int64_t>(*n, lo, hi) != got) __builtin_trap();
}

void checkTxt2Img(const QJsonObject& body, const latent::GenerationRequest& r) {
    expectWhole(body, "seed", r.seed);
    expectWhole(body, "subseed", r.subseed);
    expectWhole(body, "steps", r.steps);
    expectWhole(body, "width", r.width);
    expectWhole(body, "height", r.height);
    expectWhole(body, "batch_size", r.batch_size);
    expectWhole(body, "n_iter", r.n_iter);
    const QJsonValue prompt = body.value(QStringLiteral("prompt"));
    if (prompt.isString() && prompt.toString().toStdString() != r.prompt) __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) return 0;
    const QJsonObject body = doc.object();
    {
        latent::GenerationRequest r;
        if (latent::applyApiRequest(body, r).isEmpty()) checkTxt2Img(body, r);
    }
    {
        latent::GenerationRequest r;
        QString init, mask;
        if (latent::applyApiRequest(body, r).isEmpty() &&
            latent::applyImg2ImgApiRequest(body, r, &init, &mask).isEmpty()) {
            checkTxt2Img(body, r);
            const latent::Img2ImgOptions& i = r.img2img;
            expectClamped(body, "resize_mode", i.resize_mode, -1, 4);
            expectClamped(body, "inpainting_fill", i.inpainting_fill, -1, 4);
            expectClamped(body, "inpaint_full_res_padding", i.inpaint_full_res_padding, -1, 100000);
            if (body.contains(QStringLiteral("mask_blur")) && wholeNumber(body, "mask_blur") &&
                *wholeNumber(body, "mask_blur") >= 0) {
                expectClamped(body, "mask_blur", i.mask_blur_x, -1, 1000);
                expectClamped(body, "mask_blur", i.mask_blur_y, -1, 1000);
            }
            const QJsonValue images = body.value(QStringLiteral("init_images"));
            if (images.isArray() && init != images.toArray().first().toString()) __builtin_trap();
        }
    }
    return 0;
}
