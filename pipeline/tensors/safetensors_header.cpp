#include "pipeline/tensors/safetensors_header.h"

#include "pipeline/core/error.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <set>

namespace latent {

// ---------------------------------------------------------------------------------------------
// dtypes

namespace {

struct DTypeRow {
    SafeDType t;
    const char* name;
    int bits;
};

constexpr DTypeRow kDTypes[] = {
    {SafeDType::BOOL, "BOOL", 8},          {SafeDType::U8, "U8", 8},
    {SafeDType::I8, "I8", 8},              {SafeDType::I16, "I16", 16},
    {SafeDType::U16, "U16", 16},           {SafeDType::I32, "I32", 32},
    {SafeDType::U32, "U32", 32},           {SafeDType::I64, "I64", 64},
    {SafeDType::U64, "U64", 64},           {SafeDType::F16, "F16", 16},
    {SafeDType::BF16, "BF16", 16},         {SafeDType::F32, "F32", 32},
    {SafeDType::F64, "F64", 64},           {SafeDType::C64, "C64", 64},
    {SafeDType::F8_E5M2, "F8_E5M2", 8},    {SafeDType::F8_E4M3, "F8_E4M3", 8},
    {SafeDType::F8_E8M0, "F8_E8M0", 8},    {SafeDType::F8_E4M3FNUZ, "F8_E4M3FNUZ", 8},
    {SafeDType::F8_E5M2FNUZ, "F8_E5M2FNUZ", 8}, {SafeDType::F4, "F4", 4},
    {SafeDType::F6_E2M3, "F6_E2M3", 6},    {SafeDType::F6_E3M2, "F6_E3M2", 6},
};

[[noreturn]] void fail(const char* code, const std::string& msg) { throw PipelineError(code, msg); }

} // namespace

std::string printable_tensor_name(std::string_view name, std::size_t max) {
    // Names are opaque bytes (R14): show them escaped and shortened in messages.
    std::string out;
    for (unsigned char c : name.substr(0, max)) {
        if (c < 0x20 || c == 0x7f) {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (name.size() > max) out += "...";
    return out;
}

std::string_view safe_dtype_name(SafeDType t) {
    for (const auto& r : kDTypes)
        if (r.t == t) return r.name;
    return "?";
}

std::optional<SafeDType> safe_dtype_from_name(std::string_view name) {
    for (const auto& r : kDTypes)
        if (name == r.name) return r.t;
    return std::nullopt;
}

int safe_dtype_bits(SafeDType t) {
    for (const auto& r : kDTypes)
        if (r.t == t) return r.bits;
    return 0;
}

// ---------------------------------------------------------------------------------------------
// UTF-8

bool is_valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* e = p + s.size();
    while (p < e) {
        // ASCII fast path, 8 bytes at a time.
        while (e - p >= 8) {
            uint64_t w;
            std::memcpy(&w, p, 8);
            if (w & 0x8080808080808080ull) break;
            p += 8;
        }
        if (p >= e) break;
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (e - p <= n) return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
        if (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) return false;
        p += n + 1;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Header parser: a strict JSON recursive-descent parser specialised to the safetensors schema.

namespace {

class HeaderParser {
public:
    HeaderParser(const char* p, std::size_t n) : b_(p), p_(p), e_(p + n) {}

    SafetensorsHeader parse() {
        SafetensorsHeader h;
        ws();
        expect('{', "the header must be one JSON object");
        ws();
        bool have_meta = false;
        if (peek() == '}') {
            ++p_;
        } else {
            for (;;) {
                ws();
                std::string key = string();
                ws();
                expect(':', "expected ':' after a key");
                ws();
                if (key == "__metadata__") {
                    if (have_meta)
                        fail("safetensors_duplicate_key", "The safetensors header lists __metadata__ twice.");
                    have_meta = true;
                    metadata(h.metadata);
                } else {
                    if (h.tensors.size() >= kSafetensorsMaxTensors)
                        fail("safetensors_too_many_tensors",
                             "The safetensors file declares more than " +
                                 std::to_string(kSafetensorsMaxTensors) +
                                 " tensors, which is more than any real model; it was not loaded.");
                    h.tensors.push_back(tensor_entry(std::move(key)));
                }
                ws();
                const char c = next("unterminated header object");
                if (c == '}') break;
                if (c != ',') invalid("expected ',' or '}' in the header object");
            }
        }
        ws();
        if (p_ != e_) invalid("unexpected bytes after the header object");
        return h;
    }

private:
    const char* b_;
    const char* p_;
    const char* e_;

    [[noreturn]] void invalid(const std::string& what) const {
        fail("safetensors_invalid_header",
             "The safetensors header is not valid (" + what + " at byte " +
                 std::to_string(p_ - b_) + "); the file is damaged or not a safetensors file.");
    }

    char peek() const { return p_ < e_ ? *p_ : '\0'; }
    char next(const char* what) {
        if (p_ >= e_) invalid(what);
        return *p_++;
    }
    void expect(char c, const char* what) {
        if (p_ >= e_ || *p_ != c) invalid(what);
        ++p_;
    }
    void ws() {
        while (p_ < e_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }

    static void put_utf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    uint32_t hex4() {
        if (e_ - p_ < 4) invalid("truncated \\u escape");
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
            else invalid("bad \\u escape");
        }
        return v;
    }

    // JSON string; the whole buffer was already checked to be UTF-8.
    std::string string() {
        expect('"', "expected a string");
        std::string out;
        for (;;) {
            const char* run = p_;
            while (p_ < e_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
            out.append(run, p_);
            if (p_ >= e_) invalid("unterminated string");
            const char c = *p_++;
            if (c == '"') return out;
            if (c != '\\') invalid("control character in a string");
            const char esc = next("truncated escape");
            switch (esc) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                uint32_t cp = hex4();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (e_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') invalid("lone surrogate escape");
                    p_ += 2;
                    const uint32_t lo = hex4();
                    if (lo < 0xDC00 || lo > 0xDFFF) invalid("bad surrogate pair");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    invalid("lone surrogate escape");
                }
                put_utf8(out, cp);
                break;
            }
            default: invalid("bad escape");
            }
        }
    }

    // R4: plain non-negative decimal integer <= 2^64-1 (no sign, fraction, exponent).
    uint64_t uint() {
        if (p_ >= e_ || *p_ < '0' || *p_ > '9') invalid("expected a non-negative integer");
        if (*p_ == '0' && p_ + 1 < e_ && p_[1] >= '0' && p_[1] <= '9') invalid("leading zero in a number");
        uint64_t v = 0;
        while (p_ < e_ && *p_ >= '0' && *p_ <= '9') {
            const uint64_t d = static_cast<uint64_t>(*p_ - '0');
            if (v > (UINT64_MAX - d) / 10) invalid("integer larger than 2^64-1");
            v = v * 10 + d;
            ++p_;
        }
        if (p_ < e_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) invalid("expected an integer, not a fraction");
        return v;
    }

    std::vector<uint64_t> uint_array(int depth, std::size_t max_len, const char* what) {
        if (depth > kSafetensorsMaxDepth) invalid("nesting deeper than 8");
        expect('[', what);
        std::vector<uint64_t> out;
        ws();
        if (peek() == ']') {
            ++p_;
            return out;
        }
        for (;;) {
            ws();
            if (out.size() >= max_len) {
                if (max_len == kSafetensorsMaxRank)
                    fail("safetensors_rank_too_large",
                         "A tensor in the safetensors file has more than " +
                             std::to_string(kSafetensorsMaxRank) + " dimensions; it was not loaded.");
                invalid(what);
            }
            out.push_back(uint());
            ws();
            const char c = next("unterminated array");
            if (c == ']') return out;
            if (c != ',') invalid("expected ',' or ']' in an array");
        }
    }

    // Generic JSON value (for ignored fields), validated and depth-capped.
    void skip_value(int depth) {
        if (depth > kSafetensorsMaxDepth) invalid("nesting deeper than 8");
        ws();
        const char c = peek();
        if (c == '"') {
            string();
        } else if (c == '{') {
            ++p_;
            ws();
            if (peek() == '}') {
                ++p_;
                return;
            }
            std::set<std::string> keys;
            for (;;) {
                ws();
                if (!keys.insert(string()).second) fail("safetensors_duplicate_key", "The safetensors header repeats a key inside an object.");
                ws();
                expect(':', "expected ':'");
                skip_value(depth + 1);
                ws();
                const char d = next("unterminated object");
                if (d == '}') return;
                if (d != ',') invalid("expected ',' or '}'");
            }
        } else if (c == '[') {
            ++p_;
            ws();
            if (peek() == ']') {
                ++p_;
                return;
            }
            for (;;) {
                skip_value(depth + 1);
                ws();
                const char d = next("unterminated array");
                if (d == ']') return;
                if (d != ',') invalid("expected ',' or ']'");
            }
        } else if (c == 't' || c == 'f' || c == 'n') {
            const std::string_view rest(p_, static_cast<std::size_t>(e_ - p_));
            for (std::string_view lit : {std::string_view("true"), std::string_view("false"), std::string_view("null")}) {
                if (rest.substr(0, lit.size()) == lit) {
                    p_ += lit.size();
                    return;
                }
            }
            invalid("bad literal");
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (peek() == '-') ++p_;
            if (p_ >= e_ || *p_ < '0' || *p_ > '9') invalid("bad number");
            if (*p_ == '0') ++p_;
            else while (p_ < e_ && *p_ >= '0' && *p_ <= '9') ++p_;
            if (peek() == '.') {
                ++p_;
                if (p_ >= e_ || *p_ < '0' || *p_ > '9') invalid("bad number");
                while (p_ < e_ && *p_ >= '0' && *p_ <= '9') ++p_;
            }
            if (peek() == 'e' || peek() == 'E') {
                ++p_;
                if (peek() == '+' || peek() == '-') ++p_;
                if (p_ >= e_ || *p_ < '0' || *p_ > '9') invalid("bad number");
                while (p_ < e_ && *p_ >= '0' && *p_ <= '9') ++p_;
            }
        } else {
            invalid("expected a JSON value");
        }
    }

    // R5: object of string -> string; duplicates rejected.
    void metadata(std::map<std::string, std::string>& out) {
        if (peek() != '{')
            fail("safetensors_invalid_metadata", "The safetensors __metadata__ is not an object of text values.");
        ++p_;
        ws();
        if (peek() == '}') {
            ++p_;
            return;
        }
        for (;;) {
            ws();
            std::string k = string();
            ws();
            expect(':', "expected ':' in __metadata__");
            ws();
            if (peek() != '"')
                fail("safetensors_invalid_metadata", "The safetensors __metadata__ value of '" + printable_tensor_name(k) +
                                                         "' is not text.");
            std::string v = string();
            if (!out.emplace(std::move(k), std::move(v)).second)
                fail("safetensors_duplicate_key", "The safetensors __metadata__ repeats a key.");
            ws();
            const char c = next("unterminated __metadata__");
            if (c == '}') return;
            if (c != ',') invalid("expected ',' or '}' in __metadata__");
        }
    }

    TensorInfo tensor_entry(std::string name) {
        TensorInfo t;
        t.name = std::move(name);
        if (peek() != '{') invalid("the entry of tensor '" + printable_tensor_name(t.name) + "' is not an object");
        ++p_;
        bool have_dtype = false, have_shape = false, have_offsets = false;
        ws();
        if (peek() == '}') {
            ++p_;
        } else {
            std::vector<std::string> seen;  // other fields (rare)
            for (;;) {
                ws();
                std::string k = string();
                const bool dup = (k == "dtype" && have_dtype) || (k == "shape" && have_shape) ||
                                 (k == "data_offsets" && have_offsets) ||
                                 std::find(seen.begin(), seen.end(), k) != seen.end();
                if (dup)
                    fail("safetensors_duplicate_key",
                         "The entry of tensor '" + printable_tensor_name(t.name) + "' repeats the field '" + printable_tensor_name(k) + "'.");
                if (k != "dtype" && k != "shape" && k != "data_offsets") {
                    if (seen.size() >= 64) invalid("too many fields in a tensor entry");
                    seen.push_back(k);
                }
                ws();
                expect(':', "expected ':'");
                ws();
                if (k == "dtype") {
                    if (peek() != '"') invalid("dtype of '" + printable_tensor_name(t.name) + "' is not a string");
                    const std::string d = string();
                    const auto dt = safe_dtype_from_name(d);
                    if (!dt)
                        fail("safetensors_unknown_dtype", "The tensor '" + printable_tensor_name(t.name) +
                                                              "' has an unknown data type '" + printable_tensor_name(d) + "'.");
                    t.dtype = *dt;
                    have_dtype = true;
                } else if (k == "shape") {
                    const auto s = uint_array(3, kSafetensorsMaxRank, "shape must be an array of integers");
                    t.shape.reserve(s.size());
                    for (uint64_t v : s) {
                        if (v > static_cast<uint64_t>(INT64_MAX))
                            fail("safetensors_size_overflow", "The tensor '" + printable_tensor_name(t.name) +
                                                                  "' has a dimension too large to represent.");
                        t.shape.push_back(static_cast<int64_t>(v));
                    }
                    have_shape = true;
                } else if (k == "data_offsets") {
                    const auto o = uint_array(3, 2, "data_offsets must be an array of exactly 2 integers");
                    if (o.size() != 2) invalid("data_offsets of '" + printable_tensor_name(t.name) + "' must have exactly 2 entries");
                    t.begin = o[0];
                    t.end = o[1];
                    have_offsets = true;
                } else {
                    skip_value(3);  // unknown fields are ignored, as in the reference reader
                }
                ws();
                const char c = next("unterminated tensor entry");
                if (c == '}') break;
                if (c != ',') invalid("expected ',' or '}' in a tensor entry");
            }
        }
        if (!have_dtype || !have_shape || !have_offsets)
            invalid("the entry of tensor '" + printable_tensor_name(t.name) + "' lacks dtype, shape or data_offsets");
        return t;
    }
};

uint64_t le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

} // namespace

SafetensorsHeader parse_safetensors_header(const uint8_t* header, std::size_t header_len, uint64_t file_size) {
    if (header_len > kSafetensorsMaxHeader)
        fail("safetensors_header_too_large", "The safetensors header is larger than 100 MB; the file was not loaded.");
    if (file_size < 8 || file_size - 8 < header_len)
        fail("safetensors_header_too_large", "The safetensors header is larger than the file; the file is truncated or damaged.");
    const std::string_view text(reinterpret_cast<const char*>(header), header_len);
    if (!is_valid_utf8(text))
        fail("safetensors_invalid_header", "The safetensors header is not valid UTF-8 text; the file is damaged.");

    HeaderParser parser(text.data(), text.size());
    SafetensorsHeader h = parser.parse();
    h.header_size = header_len;
    h.data_size = file_size - 8 - header_len;

    // R7: duplicate tensor names.
    {
        std::vector<const std::string*> names;
        names.reserve(h.tensors.size());
        for (const auto& t : h.tensors) names.push_back(&t.name);
        std::sort(names.begin(), names.end(), [](auto* a, auto* b) { return *a < *b; });
        for (std::size_t i = 1; i < names.size(); ++i)
            if (*names[i] == *names[i - 1])
                fail("safetensors_duplicate_key",
                     "The safetensors header lists the tensor '" + printable_tensor_name(*names[i]) + "' twice.");
    }

    // R8: byte size of every tensor, overflow-checked.
    std::vector<std::pair<const TensorInfo*, uint64_t>> order;
    order.reserve(h.tensors.size());
    for (const auto& t : h.tensors) {
        uint64_t n = 1;
        for (int64_t d : t.shape) {
            if (__builtin_mul_overflow(n, static_cast<uint64_t>(d), &n))
                fail("safetensors_size_overflow", "The shape of tensor '" + printable_tensor_name(t.name) +
                                                      "' overflows 64 bits; the file is damaged or malicious.");
        }
        uint64_t bits = 0;
        if (__builtin_mul_overflow(n, static_cast<uint64_t>(safe_dtype_bits(t.dtype)), &bits))
            fail("safetensors_size_overflow", "The byte size of tensor '" + printable_tensor_name(t.name) +
                                                  "' overflows 64 bits; the file is damaged or malicious.");
        if (bits % 8 != 0)
            fail("safetensors_size_mismatch", "The tensor '" + printable_tensor_name(t.name) +
                                                  "' does not fill a whole number of bytes (sub-byte dtype with an odd element count).");
        order.emplace_back(&t, bits / 8);
    }

    // R9/R10: sorted by (begin, end), contiguous from 0 to the end of the data section.
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.first->begin != b.first->begin ? a.first->begin < b.first->begin : a.first->end < b.first->end;
    });
    uint64_t expect_begin = 0;
    for (const auto& [t, bytes] : order) {
        if (t->end < t->begin)
            fail("safetensors_bad_offsets", "The tensor '" + printable_tensor_name(t->name) + "' ends before it begins.");
        if (t->begin != expect_begin)
            fail("safetensors_bad_offsets",
                 expect_begin == 0 && t->begin != 0
                     ? "The first tensor does not start at the beginning of the data section."
                     : "The tensors of the safetensors file overlap or leave a gap (at tensor '" +
                           printable_tensor_name(t->name) + "').");
        if (t->end - t->begin != bytes)
            fail("safetensors_size_mismatch", "The data size of tensor '" + printable_tensor_name(t->name) +
                                                  "' does not match its shape and data type.");
        expect_begin = t->end;
    }
    if (expect_begin != h.data_size) {
        if (expect_begin > h.data_size)
            fail("truncated", "The safetensors file is shorter than its header says: it is truncated (incomplete download?).");
        fail("safetensors_trailing_data",
             "The safetensors file has extra bytes after its last tensor (for example an appended archive); it was not loaded.");
    }
    return h;
}

SafetensorsHeader parse_safetensors_prefix(const uint8_t* data, std::size_t len, uint64_t file_size) {
    if (file_size < 8 || len < 8)
        fail("safetensors_too_short", "The file is too short to be a safetensors file (less than 8 bytes).");
    const uint64_t n = le64(data);
    if (n > kSafetensorsMaxHeader)
        fail("safetensors_header_too_large", "The safetensors header size (" + std::to_string(n) +
                                                 " bytes) is larger than 100 MB; the file is damaged or not a safetensors file.");
    if (n > file_size - 8)
        fail("safetensors_header_too_large",
             "The safetensors header size is larger than the file; the file is truncated or not a safetensors file.");
    if (len - 8 < n) fail("truncated", "The safetensors header is incomplete.");
    return parse_safetensors_header(data + 8, static_cast<std::size_t>(n), file_size);
}

} // namespace latent
