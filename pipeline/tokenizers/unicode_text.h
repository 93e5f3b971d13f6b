// Small Unicode toolkit for the CLIP tokenizer and the A1111 prompt syntax: UTF-8 <-> code points,
// the character classes behind the reference regexes (`regex` module \p{L}, \p{N}, \s; Python re
// \w and \s), Python's str.lower(), Python's html.unescape and ftfy's character-level fixes.
// Tables are generated from Python (tools/gen_unicode_tables.py) so they agree with the reference.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace latent::text {

struct CodeRange {
    char32_t first;
    char32_t last;
};
struct CodeMap {
    char32_t from;
    char32_t to;
};
struct NamedEntity {
    const char* name;  // with or without the trailing ';', as in Python's html.entities.html5
    const char* value; // UTF-8
};

// UTF-8 decoding: invalid or truncated sequences become U+FFFD (one per bad byte), as Python's
// bytes.decode("utf-8", "replace") would roughly do. Surrogates are rejected the same way.
std::u32string utf8_decode(std::string_view s);
std::string utf8_encode(std::u32string_view s);
void utf8_append(std::string& out, char32_t cp);

bool is_letter(char32_t c);      // regex \p{L}
bool is_number(char32_t c);      // regex \p{N}
bool is_regex_space(char32_t c); // regex module \s (Unicode White_Space)
bool is_py_space(char32_t c);    // Python re \s (str.isspace)
bool is_py_word(char32_t c);     // Python re \w (str.isalnum() or '_')
bool is_cased(char32_t c);
bool is_case_ignorable(char32_t c);
// Decimal value of a Unicode decimal digit (category Nd), or -1.
int decimal_value(char32_t c);

// Python str.lower() (full mapping incl. U+0130 and the Final_Sigma rule).
std::u32string py_lower(std::u32string_view s);

// Python html.unescape (HTML5 named references incl. the legacy ones without ';', numeric
// references with the WHATWG replacements).
std::u32string html_unescape(std::u32string_view s);

// ftfy's character-level fixes that need no heuristics: uncurl quotes, Latin ligatures,
// full/half-width forms, removal of control characters. (Mojibake repair is not done.)
std::u32string ftfy_lite(std::u32string_view s);

// Python float() for strings made of [+-]?[.\d]+ with Unicode decimal digits; nullopt if Python
// would raise ValueError.
std::optional<double> py_float(std::u32string_view s);

namespace tables {
extern const CodeRange kLetter[];
extern const std::size_t kLetter_size;
extern const CodeRange kNumber[];
extern const std::size_t kNumber_size;
extern const CodeRange kRegexSpace[];
extern const std::size_t kRegexSpace_size;
extern const CodeRange kPyWord[];
extern const std::size_t kPyWord_size;
extern const CodeRange kPySpace[];
extern const std::size_t kPySpace_size;
extern const CodeRange kDecimalZeroRuns[];
extern const std::size_t kDecimalZeroRuns_size;
extern const CodeMap kLower[];
extern const std::size_t kLower_size;
extern const CodeRange kCased[];
extern const std::size_t kCased_size;
extern const CodeRange kCaseIgnorable[];
extern const std::size_t kCaseIgnorable_size;
extern const NamedEntity kHtml5Entities[];
extern const std::size_t kHtml5Entities_size;
extern const CodeMap kHtmlInvalidCharrefs[];
extern const std::size_t kHtmlInvalidCharrefs_size;
extern const CodeRange kHtmlInvalidCodepoints[];
extern const std::size_t kHtmlInvalidCodepoints_size;
extern const CodeMap kWidthFold[];
extern const std::size_t kWidthFold_size;
} // namespace tables

} // namespace latent::text
