#include "pipeline/tokenizers/unicode_text.h"

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

namespace latent::text {

namespace {

bool in_ranges(const CodeRange* r, std::size_t n, char32_t c) {
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (r[mid].last < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && r[lo].first <= c && c <= r[lo].last;
}

const CodeMap* find_map(const CodeMap* m, std::size_t n, char32_t c) {
    const CodeMap* end = m + n;
    const CodeMap* it =
        std::lower_bound(m, end, c, [](const CodeMap& a, char32_t v) { return a.from < v; });
    return (it != end && it->from == c) ? it : nullptr;
}

} // namespace

void utf8_append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string utf8_encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) utf8_append(out, c);
    return out;
}

std::u32string utf8_decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b = p[i];
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0, min = 0;
        if ((b & 0xE0) == 0xC0) {
            len = 2, cp = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3, cp = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4, cp = b & 0x07, min = 0x10000;
        }
        bool ok = len > 0 && i + len <= n;
        for (int k = 1; ok && k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

bool is_letter(char32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return in_ranges(tables::kLetter, tables::kLetter_size, c);
}
bool is_number(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return in_ranges(tables::kNumber, tables::kNumber_size, c);
}
bool is_regex_space(char32_t c) {
    return in_ranges(tables::kRegexSpace, tables::kRegexSpace_size, c);
}
bool is_py_space(char32_t c) { return in_ranges(tables::kPySpace, tables::kPySpace_size, c); }
bool is_py_word(char32_t c) { return in_ranges(tables::kPyWord, tables::kPyWord_size, c); }
bool is_cased(char32_t c) { return in_ranges(tables::kCased, tables::kCased_size, c); }
bool is_case_ignorable(char32_t c) {
    return in_ranges(tables::kCaseIgnorable, tables::kCaseIgnorable_size, c);
}

int decimal_value(char32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    const CodeRange* r = tables::kDecimalZeroRuns;
    const std::size_t n = tables::kDecimalZeroRuns_size;
    for (std::size_t i = 0; i < n; ++i)
        if (c >= r[i].first && c <= r[i].last) return static_cast<int>(c - r[i].first);
    return -1;
}

std::u32string py_lower(std::u32string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char32_t c = s[i];
        if (c < 0x80) {
            out.push_back((c >= 'A' && c <= 'Z') ? c + 32 : c);
            continue;
        }
        if (c == 0x130) { // LATIN CAPITAL LETTER I WITH DOT ABOVE -> i + COMBINING DOT ABOVE
            out.push_back(U'i');
            out.push_back(0x307);
            continue;
        }
        if (c == 0x3A3) { // Final_Sigma (CPython's handle_capital_sigma)
            std::size_t j = i;
            bool before = false;
            while (j > 0) {
                const char32_t p = s[--j];
                if (is_case_ignorable(p)) continue;
                before = is_cased(p);
                break;
            }
            bool after = false;
            for (std::size_t k = i + 1; k < s.size(); ++k) {
                if (is_case_ignorable(s[k])) continue;
                after = is_cased(s[k]);
                break;
            }
            out.push_back((before && !after) ? 0x3C2 : 0x3C3);
            continue;
        }
        const CodeMap* m = find_map(tables::kLower, tables::kLower_size, c);
        out.push_back(m ? m->to : c);
    }
    return out;
}

namespace {

const std::unordered_map<std::string, const char*>& entity_map() {
    static const auto* map = [] {
        auto* m = new std::unordered_map<std::string, const char*>();
        m->reserve(tables::kHtml5Entities_size * 2);
        for (std::size_t i = 0; i < tables::kHtml5Entities_size; ++i)
            m->emplace(tables::kHtml5Entities[i].name, tables::kHtml5Entities[i].value);
        return m;
    }();
    return *map;
}

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char32_t c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void append_numeric_ref(std::u32string& out, std::u32string_view digits, int base) {
    // Python int() of arbitrarily long digit strings: anything above 0x10FFFF is "too large".
    std::uint64_t num = 0;
    bool big = false;
    for (char32_t d : digits) {
        const int v = is_ascii_digit(d) ? int(d - '0') : int((d | 0x20) - 'a' + 10);
        num = num * base + v;
        if (num > 0x10FFFF) big = true, num = 0x110000;
    }
    if (big) {
        out.push_back(0xFFFD);
        return;
    }
    const auto cp = static_cast<char32_t>(num);
    if (const CodeMap* m = find_map(tables::kHtmlInvalidCharrefs, tables::kHtmlInvalidCharrefs_size, cp)) {
        out.push_back(m->to);
        return;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        out.push_back(0xFFFD);
        return;
    }
    if (in_ranges(tables::kHtmlInvalidCodepoints, tables::kHtmlInvalidCodepoints_size, cp)) return;
    out.push_back(cp);
}

} // namespace

std::u32string html_unescape(std::u32string_view s) {
    if (s.find(U'&') == std::u32string_view::npos) return std::u32string(s);
    const auto& ents = entity_map();
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        if (s[i] != U'&' || i + 1 >= n) {
            out.push_back(s[i++]);
            continue;
        }
        const std::size_t start = i + 1;
        if (s[start] == U'#') {
            std::size_t j = start + 1;
            if (j < n && (s[j] == U'x' || s[j] == U'X')) {
                std::size_t k = j + 1;
                while (k < n && is_hex_digit(s[k])) ++k;
                if (k > j + 1) {
                    append_numeric_ref(out, s.substr(j + 1, k - j - 1), 16);
                    i = (k < n && s[k] == U';') ? k + 1 : k;
                    continue;
                }
            }
            std::size_t k = j;
            while (k < n && is_ascii_digit(s[k])) ++k;
            if (k > j) {
                append_numeric_ref(out, s.substr(j, k - j), 10);
                i = (k < n && s[k] == U';') ? k + 1 : k;
                continue;
            }
            out.push_back(s[i++]); // no match: '&' stays literal
            continue;
        }
        // named: [^\t\n\f <&#;]{1,32};?
        std::size_t k = start;
        auto allowed = [](char32_t c) {
            return c != U'\t' && c != U'\n' && c != U'\f' && c != U' ' && c != U'<' && c != U'&' &&
                   c != U'#' && c != U';';
        };
        while (k < n && k - start < 32 && allowed(s[k])) ++k;
        if (k == start) {
            out.push_back(s[i++]);
            continue;
        }
        if (k < n && s[k] == U';') ++k;
        const std::u32string_view name = s.substr(start, k - start);
        const std::string key = utf8_encode(name);
        auto it = ents.find(key);
        if (it != ents.end()) {
            const std::u32string v = utf8_decode(it->second);
            out += v;
            i = k;
            continue;
        }
        bool done = false;
        for (std::size_t x = name.size() - 1; x > 1; --x) {
            auto pit = ents.find(utf8_encode(name.substr(0, x)));
            if (pit != ents.end()) {
                out += utf8_decode(pit->second);
                out += name.substr(x);
                done = true;
                break;
            }
        }
        if (!done) {
            out.push_back(U'&');
            out += name;
        }
        i = k;
    }
    return out;
}

std::u32string ftfy_lite(std::u32string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (char32_t c : s) {
        // remove_control_chars
        if (c < 0x09 || c == 0x0B || (c >= 0x0E && c < 0x20) || c == 0x7F ||
            (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC) ||
            (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE007F))
            continue;
        // uncurl_quotes
        if (c == 0x2BC || (c >= 0x2018 && c <= 0x201B)) {
            out.push_back(U'\'');
            continue;
        }
        if (c >= 0x201C && c <= 0x201F) {
            out.push_back(U'"');
            continue;
        }
        // fix_latin_ligatures
        switch (c) {
        case 0x132: out += U"IJ"; continue;
        case 0x133: out += U"ij"; continue;
        case 0x149: out += U"\u02BCn"; continue;
        case 0x1C4: out += U"D\u017D"; continue;
        case 0x1C5: out += U"D\u017E"; continue;
        case 0x1C6: out += U"d\u017E"; continue;
        case 0x1C7: out += U"LJ"; continue;
        case 0x1C8: out += U"Lj"; continue;
        case 0x1C9: out += U"lj"; continue;
        case 0x1CA: out += U"NJ"; continue;
        case 0x1CB: out += U"Nj"; continue;
        case 0x1CC: out += U"nj"; continue;
        case 0x1F1: out += U"DZ"; continue;
        case 0x1F2: out += U"Dz"; continue;
        case 0x1F3: out += U"dz"; continue;
        case 0xFB00: out += U"ff"; continue;
        case 0xFB01: out += U"fi"; continue;
        case 0xFB02: out += U"fl"; continue;
        case 0xFB03: out += U"ffi"; continue;
        case 0xFB04: out += U"ffl"; continue;
        case 0xFB05: out += U"\u017Ft"; continue;
        case 0xFB06: out += U"st"; continue;
        default: break;
        }
        // fix_character_width
        if (c == 0x3000 || (c >= 0xFF01 && c <= 0xFFEF)) {
            if (const CodeMap* m = find_map(tables::kWidthFold, tables::kWidthFold_size, c)) {
                out.push_back(m->to);
                continue;
            }
        }
        out.push_back(c);
    }
    return out;
}

std::optional<double> py_float(std::u32string_view s) {
    // Accepts only what re_attention / re_weight can capture: [+-]?[.\d]+ ; Python float() then
    // requires digits with at most one '.', and at least one digit.
    std::string ascii;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == U'+' || s[i] == U'-')) ascii.push_back(static_cast<char>(s[i++]));
    int dots = 0, digits = 0;
    for (; i < s.size(); ++i) {
        if (s[i] == U'.') {
            ++dots;
            ascii.push_back('.');
            continue;
        }
        const int v = decimal_value(s[i]);
        if (v < 0) return std::nullopt;
        ++digits;
        ascii.push_back(static_cast<char>('0' + v));
    }
    if (dots > 1 || digits == 0) return std::nullopt;
    // std::strtod honours LC_NUMERIC: substitute the locale's decimal point if it is not '.'.
    char* end = nullptr;
    std::string c = ascii;
    const struct lconv* lc = std::localeconv();
    if (lc && lc->decimal_point && std::strcmp(lc->decimal_point, ".") != 0) {
        for (auto& ch : c)
            if (ch == '.') ch = lc->decimal_point[0];
    }
    const double v = std::strtod(c.c_str(), &end);
    return v;
}

} // namespace latent::text
