// libFuzzer harness (fuzz_http_request): everything the HTTP API parses from a client before a job exists — the
// request head (request line, header fields, framing), chunked bodies, multipart forms, URL paths,
// JSON bodies validated against A1111's txt2img / img2img / extras models, and /options values.
// The first input byte picks the parser, so one corpus covers them all. Invariants are checked
// (a parsed head has a path starting with '/', a finished chunked body stays within its limit, a
// valid model keeps every field) and __builtin_trap() marks a violation.
#include "app/api/api_options.h"
#include "app/api/api_schema.h"
#include "app/api/http_parsing.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace latent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const int which = data[0] % 6;
    const QByteArray in(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    switch (which) {
    case 0: { // request head
        HttpHeadLimits limits;
        bool tooLong = false;
        const qsizetype end = findHeadEnd(in, limits, &tooLong);
        HttpRequestHead head;
        const HttpParseError e = parseRequestHead(end > 0 ? QByteArrayView(in).first(end) : QByteArrayView(in), limits, &head);
        if (e.ok() && (!head.path.startsWith('/') || head.contentLength < 0)) __builtin_trap();
        if (!e.ok() && (e.status < 400 || e.status > 599)) __builtin_trap();
        break;
    }
    case 1: { // chunked body, fed in two pieces
        ChunkedDecoder d(4096);
        const qsizetype half = in.size() / 2;
        const qsizetype used = d.feed(QByteArrayView(in).first(half));
        if (used == half) d.feed(QByteArrayView(in).sliced(half));
        if (d.body().size() > 4096) __builtin_trap();
        break;
    }
    case 2: { // multipart: "boundary\n" + body
        const qsizetype nl = in.indexOf('\n');
        const QByteArray ct = "multipart/form-data; boundary=" + in.left(nl < 0 ? 0 : nl);
        QList<MultipartPart> parts;
        const HttpParseError e = parseMultipart(nl < 0 ? in : in.mid(nl + 1), multipartBoundary(ct), &parts);
        if (parts.size() > 64 || (!e.ok() && e.message.isEmpty())) __builtin_trap();
        break;
    }
    case 3: { // URL path
        QByteArray out;
        if (percentDecodePath(in, &out) && out.contains('\0')) __builtin_trap();
        break;
    }
    case 4: { // JSON body against the A1111 models
        const QJsonDocument doc = QJsonDocument::fromJson(in);
        const QJsonValue body = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        for (const ModelSpec* m : {&api_models::txt2img(), &api_models::img2img(), &api_models::extrasSingleImage()}) {
            const ValidationResult r = validateModel(*m, body);
            if (r.ok())
                for (const FieldSpec& f : m->fields)
                    if (!r.value.contains(f.name)) __builtin_trap();
        }
        break;
    }
    case 5: { // /options values
        const QJsonDocument doc = QJsonDocument::fromJson(in);
        ApiOptions options{QString()};
        const QJsonArray errors = options.set(doc.object());
        if (errors.isEmpty() && options.all().isEmpty()) __builtin_trap();
        break;
    }
    }
    return 0;
}
