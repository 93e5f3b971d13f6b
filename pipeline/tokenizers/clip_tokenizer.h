// CLIP byte-level BPE tokenizer (OpenAI CLIP `simple_tokenizer.py` / Hugging Face CLIPTokenizer /
// open_clip), from the bundled `bpe_simple_vocab_16e6.txt.gz`.
//
// Text cleaning: ftfy's character-level fixes (curly quotes, ligatures, full-width forms,
// control characters; no mojibake repair), Python html.unescape twice, whitespace collapsed to
// one space and stripped, Python str.lower(). Pre-tokenization is the CLIP regex
//   <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
// (case-insensitive) with Unicode tables generated from Python's `regex` module; each piece is
// UTF-8 encoded, mapped to the 256 byte symbols, suffixed with </w> and merged with the first
// 48,894 merges. Ids: 256 byte symbols, the same with </w>, one per merge, then
// <|startoftext|> = 49406 and <|endoftext|> = 49407 (49,408 in all).
//
// Known limits: no Unicode normalisation (NFC) and no mojibake repair (ftfy's fix_encoding), so
// decomposed accents or double-encoded UTF-8 give other ids than a Python setup with ftfy.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace latent {

class ClipTokenizer {
public:
    static constexpr int kBos = 49406;
    static constexpr int kEos = 49407;
    static constexpr int kVocabSize = 49408;
    static constexpr int kNumMerges = 48894;
    static constexpr const char* kVocabFileName = "bpe_simple_vocab_16e6.txt.gz";

    // The process-wide instance, loaded once on first use (thread-safe). Throws
    // PipelineError("tokenizer_vocab_missing") when the vocabulary cannot be found.
    static const ClipTokenizer& shared();

    // Where the vocabulary is looked for, in order: $LATENT_ASSETS_DIR/clip/, the compile-time
    // LATENT_ASSETS_DIR/clip/, <exe dir>/../share/latentstudio/assets/clip/. Empty if none exists.
    static std::string find_vocab_path();

    // Loads a gzip-compressed vocabulary file. Throws PipelineError("tokenizer_vocab_invalid").
    static ClipTokenizer from_file(const std::string& gz_path);
    // Builds from the decompressed text of the vocabulary file.
    static ClipTokenizer from_bpe_text(std::string_view text);

    ClipTokenizer(ClipTokenizer&&) noexcept;
    ClipTokenizer& operator=(ClipTokenizer&&) noexcept;
    ~ClipTokenizer();

    // Token ids of `text` (UTF-8), without BOS/EOS.
    std::vector<int> encode(std::string_view text) const;
    // Text back from ids ("</w>" becomes a space; special tokens are written as such).
    std::string decode(const std::vector<int>& ids) const;

    // The cleaned, lower-cased text that is pre-tokenized (for debugging and tests).
    static std::string clean_text(std::string_view text);
    // The regex pieces of already cleaned text (UTF-8).
    static std::vector<std::string> pre_tokenize(std::string_view cleaned);

    int vocab_size() const { return static_cast<int>(vocab_.size()); }
    // Id of a vocabulary entry in its byte-symbol spelling (e.g. ",</w>"), or -1.
    int token_to_id(std::string_view token) const;
    // Vocabulary entry of an id (byte-symbol spelling); throws std::out_of_range.
    const std::string& id_to_token(int id) const { return vocab_.at(static_cast<std::size_t>(id)); }

private:
    ClipTokenizer();
    void bpe(const std::string& piece, std::vector<int>& out) const;

    std::vector<std::string> vocab_;
    std::unordered_map<std::string, int> encoder_;
    std::unordered_map<std::string, int> merge_ranks_; // "first second" -> rank
    std::string byte_symbol_[256];                     // byte -> UTF-8 of its unicode symbol
    std::unordered_map<std::string, unsigned char> symbol_byte_;
    struct Cache;
    std::unique_ptr<Cache> cache_;
};

} // namespace latent
