#include "pipeline/tokenizers/clip_tokenizer.h"

#include "pipeline/core/error.h"
#include "pipeline/tokenizers/unicode_text.h"

#include <zlib.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unistd.h>

namespace latent {

struct ClipTokenizer::Cache {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<int>> pieces;
};

ClipTokenizer::ClipTokenizer() : cache_(std::make_unique<Cache>()) {}
ClipTokenizer::ClipTokenizer(ClipTokenizer&&) noexcept = default;
ClipTokenizer& ClipTokenizer::operator=(ClipTokenizer&&) noexcept = default;
ClipTokenizer::~ClipTokenizer() = default;

namespace {

constexpr std::string_view kStart = "<|startoftext|>";
constexpr std::string_view kEnd = "<|endoftext|>";
constexpr std::size_t kMaxCacheEntries = 200000;

std::string read_gzip(const std::string& path) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f)
        throw PipelineError("tokenizer_vocab_invalid",
                            "The CLIP vocabulary file " + path + " could not be opened.");
    std::string out;
    char buf[1 << 16];
    for (;;) {
        const int n = gzread(f, buf, sizeof buf);
        if (n < 0) {
            gzclose(f);
            throw PipelineError("tokenizer_vocab_invalid",
                                "The CLIP vocabulary file " + path + " is not valid gzip data.");
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    gzclose(f);
    return out;
}

std::string exe_dir() {
    char buf[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    buf[n] = 0;
    return std::filesystem::path(buf).parent_path().string();
}

} // namespace

std::string ClipTokenizer::find_vocab_path() {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("LATENT_ASSETS_DIR"); env && *env)
        candidates.emplace_back(fs::path(env) / "clip" / kVocabFileName);
#ifdef LATENT_ASSETS_DIR
    candidates.emplace_back(fs::path(LATENT_ASSETS_DIR) / "clip" / kVocabFileName);
#endif
    if (const std::string dir = exe_dir(); !dir.empty())
        candidates.emplace_back(fs::path(dir) / ".." / "share" / "latentstudio" / "assets" / "clip" /
                                kVocabFileName);
    for (const auto& p : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.lexically_normal().string();
    }
    return {};
}

const ClipTokenizer& ClipTokenizer::shared() {
    // A function-local static is initialised once and thread-safely; if loading throws, the next
    // call tries again.
    static const ClipTokenizer instance = [] {
        const std::string path = find_vocab_path();
        if (path.empty())
            throw PipelineError("tokenizer_vocab_missing",
                                std::string("The CLIP vocabulary ") + kVocabFileName +
                                    " was not found; set LATENT_ASSETS_DIR to the assets folder.");
        return from_file(path);
    }();
    return instance;
}

ClipTokenizer ClipTokenizer::from_file(const std::string& gz_path) {
    return from_bpe_text(read_gzip(gz_path));
}

ClipTokenizer ClipTokenizer::from_bpe_text(std::string_view text) {
    ClipTokenizer t;
    // bytes_to_unicode(): printable Latin-1 bytes map to themselves, the others to 256 + n.
    std::vector<int> order;
    bool printable[256] = {};
    for (int b = '!'; b <= '~'; ++b) printable[b] = true;
    for (int b = 0xA1; b <= 0xAC; ++b) printable[b] = true;
    for (int b = 0xAE; b <= 0xFF; ++b) printable[b] = true;
    for (int b = 0; b < 256; ++b)
        if (printable[b]) order.push_back(b);
    int extra = 0;
    char32_t cp_of[256];
    for (int b = 0; b < 256; ++b) cp_of[b] = printable[b] ? char32_t(b) : char32_t(256 + extra++);
    for (int b = 0; b < 256; ++b)
        if (!printable[b]) order.push_back(b);
    for (int b = 0; b < 256; ++b) {
        t.byte_symbol_[b].clear();
        text::utf8_append(t.byte_symbol_[b], cp_of[b]);
        t.symbol_byte_[t.byte_symbol_[b]] = static_cast<unsigned char>(b);
    }

    // Merges: lines 1 .. 48,894 of the file (line 0 is a version header).
    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(kNumMerges);
    std::size_t pos = 0;
    int line_no = 0;
    while (pos <= text.size() && static_cast<int>(merges.size()) < kNumMerges) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no > 0) {
            const std::size_t sp = line.find(' ');
            if (sp == std::string_view::npos || sp == 0 || sp + 1 >= line.size() ||
                line.find(' ', sp + 1) != std::string_view::npos)
                throw PipelineError("tokenizer_vocab_invalid",
                                    "The CLIP vocabulary has a malformed merge on line " +
                                        std::to_string(line_no + 1) + ".");
            merges.emplace_back(std::string(line.substr(0, sp)), std::string(line.substr(sp + 1)));
        }
        ++line_no;
        if (eol >= text.size()) break;
        pos = eol + 1;
    }
    if (static_cast<int>(merges.size()) != kNumMerges)
        throw PipelineError("tokenizer_vocab_invalid",
                            "The CLIP vocabulary has " + std::to_string(merges.size()) +
                                " merges instead of 48894.");

    t.vocab_.reserve(kVocabSize);
    for (int b : order) t.vocab_.push_back(t.byte_symbol_[b]);
    for (int b : order) t.vocab_.push_back(t.byte_symbol_[b] + "</w>");
    for (const auto& [a, b] : merges) t.vocab_.push_back(a + b);
    t.vocab_.emplace_back(kStart);
    t.vocab_.emplace_back(kEnd);
    t.encoder_.reserve(t.vocab_.size() * 2);
    for (std::size_t i = 0; i < t.vocab_.size(); ++i) t.encoder_.emplace(t.vocab_[i], int(i));
    t.merge_ranks_.reserve(merges.size() * 2);
    for (std::size_t i = 0; i < merges.size(); ++i)
        t.merge_ranks_.emplace(merges[i].first + " " + merges[i].second, int(i));
    return t;
}

int ClipTokenizer::token_to_id(std::string_view token) const {
    auto it = encoder_.find(std::string(token));
    return it == encoder_.end() ? -1 : it->second;
}

std::string ClipTokenizer::clean_text(std::string_view input) {
    std::u32string s = text::utf8_decode(input);
    // ftfy.fix_text (character-level part), then html.unescape twice as CLIP's basic_clean does;
    // the second ftfy pass straightens quotes that came out of entities (&rsquo;), as ftfy's own
    // entity decoding would have.
    s = text::ftfy_lite(s);
    s = text::html_unescape(text::html_unescape(s));
    s = text::ftfy_lite(s);
    // whitespace_clean: re.sub(r"\s+", " ") and strip()
    std::u32string w;
    w.reserve(s.size());
    bool pending_space = false;
    for (char32_t c : s) {
        if (text::is_regex_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space && !w.empty()) w.push_back(U' ');
        pending_space = false;
        w.push_back(c);
    }
    return text::utf8_encode(text::py_lower(w));
}

std::vector<std::string> ClipTokenizer::pre_tokenize(std::string_view cleaned) {
    const std::u32string s = text::utf8_decode(cleaned);
    std::vector<std::string> out;
    const std::size_t n = s.size();
    auto starts_with = [&](std::size_t i, std::string_view lit) {
        if (i + lit.size() > n) return false;
        for (std::size_t k = 0; k < lit.size(); ++k)
            if (s[i + k] != char32_t(static_cast<unsigned char>(lit[k]))) return false;
        return true;
    };
    // re.IGNORECASE: compare case-folded (ASCII letters; U+017F LONG S folds to 's').
    auto fold = [](char32_t c) -> char32_t {
        if (c >= 'A' && c <= 'Z') return c + 32;
        if (c == 0x17F) return U's';
        if (c == 0x212A) return U'k';
        return c;
    };
    auto starts_with_ci = [&](std::size_t i, std::string_view lit) {
        if (i + lit.size() > n) return false;
        for (std::size_t k = 0; k < lit.size(); ++k)
            if (fold(s[i + k]) != char32_t(static_cast<unsigned char>(lit[k]))) return false;
        return true;
    };
    static constexpr std::string_view kContractions[] = {"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"};
    std::size_t i = 0;
    while (i < n) {
        std::size_t len = 0;
        if (starts_with(i, kStart)) {
            len = kStart.size();
        } else if (starts_with(i, kEnd)) {
            len = kEnd.size();
        } else {
            for (auto c : kContractions)
                if (starts_with_ci(i, c)) {
                    len = c.size();
                    break;
                }
        }
        if (len == 0) {
            const char32_t c = s[i];
            if (text::is_letter(c)) {
                std::size_t j = i;
                while (j < n && text::is_letter(s[j])) ++j;
                len = j - i;
            } else if (text::is_number(c)) {
                len = 1;
            } else if (!text::is_regex_space(c)) {
                std::size_t j = i;
                while (j < n && !text::is_regex_space(s[j]) && !text::is_letter(s[j]) &&
                       !text::is_number(s[j]))
                    ++j;
                len = j - i;
            }
        }
        if (len == 0) {
            ++i; // whitespace between matches
            continue;
        }
        out.push_back(text::utf8_encode(s.substr(i, len)));
        i += len;
    }
    return out;
}

void ClipTokenizer::bpe(const std::string& piece, std::vector<int>& out) const {
    {
        std::lock_guard lock(cache_->mutex);
        auto it = cache_->pieces.find(piece);
        if (it != cache_->pieces.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    std::vector<std::string> word;
    word.reserve(piece.size());
    for (unsigned char b : piece) word.push_back(byte_symbol_[b]);
    if (word.empty()) return;
    word.back() += "</w>";
    std::string key;
    while (word.size() > 1) {
        int best = INT_MAX;
        std::size_t best_i = 0;
        for (std::size_t i = 0; i + 1 < word.size(); ++i) {
            key.assign(word[i]).append(" ").append(word[i + 1]);
            auto it = merge_ranks_.find(key);
            if (it != merge_ranks_.end() && it->second < best) best = it->second, best_i = i;
        }
        if (best == INT_MAX) break;
        const std::string first = word[best_i], second = word[best_i + 1];
        std::vector<std::string> merged;
        merged.reserve(word.size());
        for (std::size_t i = 0; i < word.size();) {
            if (i + 1 < word.size() && word[i] == first && word[i + 1] == second) {
                merged.push_back(first + second);
                i += 2;
            } else {
                merged.push_back(std::move(word[i]));
                ++i;
            }
        }
        word = std::move(merged);
    }
    std::vector<int> ids;
    ids.reserve(word.size());
    for (const auto& w : word) {
        auto it = encoder_.find(w);
        ids.push_back(it == encoder_.end() ? kEos : it->second); // unk = <|endoftext|> as in HF
    }
    out.insert(out.end(), ids.begin(), ids.end());
    std::lock_guard lock(cache_->mutex);
    if (cache_->pieces.size() >= kMaxCacheEntries) cache_->pieces.clear();
    cache_->pieces.emplace(piece, std::move(ids));
}

std::vector<int> ClipTokenizer::encode(std::string_view input) const {
    std::vector<int> ids;
    for (const std::string& piece : pre_tokenize(clean_text(input))) {
        if (piece == kStart) {
            ids.push_back(kBos);
        } else if (piece == kEnd) {
            ids.push_back(kEos);
        } else {
            bpe(piece, ids);
        }
    }
    return ids;
}

std::string ClipTokenizer::decode(const std::vector<int>& ids) const {
    std::string bytes;
    for (int id : ids) {
        if (id < 0 || id >= vocab_size()) continue;
        const std::string& tok = vocab_[static_cast<std::size_t>(id)];
        if (id == kBos || id == kEos) {
            bytes += tok;
            continue;
        }
        // Walk the UTF-8 symbols of the token; each maps back to one byte. "</w>" ends a word.
        std::string_view v = tok;
        const bool word_end = v.size() >= 4 && v.substr(v.size() - 4) == "</w>";
        if (word_end) v.remove_suffix(4);
        std::size_t i = 0;
        while (i < v.size()) {
            const unsigned char c = static_cast<unsigned char>(v[i]);
            const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
            auto it = symbol_byte_.find(std::string(v.substr(i, len)));
            if (it != symbol_byte_.end()) bytes.push_back(static_cast<char>(it->second));
            i += len;
        }
        if (word_end) bytes.push_back(' ');
    }
    // bytes.decode("utf-8", errors="replace"), then strip()
    std::string out = text::utf8_encode(text::utf8_decode(bytes));
    const auto b = out.find_first_not_of(' ');
    if (b == std::string::npos) return {};
    const auto e = out.find_last_not_of(' ');
    return out.substr(b, e - b + 1);
}

} // namespace latent
