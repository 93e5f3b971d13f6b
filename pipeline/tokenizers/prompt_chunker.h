// A1111's long-prompt handling (`sd_hijack_clip.py`, FrozenCLIPEmbedderWithCustomWordsBase):
// a prompt line is split by parse_prompt_attention, each run tokenized, and the tokens packed into
// 75-token chunks wrapped as BOS + 75 + EOS (77), padded with EOS, one multiplier per token.
// BREAK starts a new chunk; when a chunk fills up, the text after the last comma (if that comma is
// within `comma_padding_backtrack` tokens of the end) moves to the next chunk. Textual-inversion
// embeddings hook in through EmbeddingLookup: their tokens become zero placeholders recorded in
// PromptChunk::fixes, to be replaced by the embedding vectors at encode time.
#pragma once

#include "pipeline/tokenizers/clip_tokenizer.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace at {
class Tensor;
}

namespace latent {

inline constexpr int kChunkLength = 75;      // prompt tokens per chunk
inline constexpr int kChunkTokens = 77;      // with BOS and EOS

// Maps token ids of a prompt to a textual-inversion embedding (implemented by the embeddings
// library later).
class EmbeddingLookup {
public:
    struct Match {
        std::string name;          // embedding name (as written in the prompt)
        int num_vectors = 1;       // how many token slots it occupies in a chunk
        int length_in_tokens = 1;  // how many prompt tokens its trigger word spans
    };
    virtual ~EmbeddingLookup() = default;
    // The embedding whose trigger starts at tokens[position], if any.
    virtual std::optional<Match> find_at(const std::vector<int>& tokens, std::size_t position) const = 0;
};

struct PromptChunkFix {
    int offset = 0;     // index in the 77-token chunk where the vectors go
    std::string name;   // embedding name
    int num_vectors = 0;
};

struct PromptChunk {
    std::array<int, kChunkTokens> tokens{};
    std::array<float, kChunkTokens> multipliers{};
    std::vector<PromptChunkFix> fixes;
};

struct ChunkedPrompt {
    std::vector<PromptChunk> chunks;
    int token_count = 0; // A1111's token count (for the "75/150" display)
};

class PromptChunker {
public:
    struct Options {
        int comma_padding_backtrack = 20; // A1111 setting; 0 disables
        bool emphasis = true;             // false = A1111 emphasis "None": no attention parsing
        int id_start = ClipTokenizer::kBos;
        int id_end = ClipTokenizer::kEos;
    };

    explicit PromptChunker(const ClipTokenizer& tokenizer);
    PromptChunker(const ClipTokenizer& tokenizer, Options options,
                  const EmbeddingLookup* embeddings = nullptr);

    // One prompt line (already stripped of comments, extra networks, AND and schedules).
    ChunkedPrompt tokenize_line(std::string_view line) const;

    // BOS, 76 x EOS, multipliers 1 (what an empty prompt encodes to).
    PromptChunk empty_chunk() const;
    // Appends empty chunks until `chunks` has `count` chunks (A1111 pads the shorter of prompt and
    // negative prompt this way when they are encoded as one batch).
    void pad_to(std::vector<PromptChunk>& chunks, std::size_t count) const;

    // The token ids an OpenCLIP-style encoder sees (SD2, SDXL's second encoder): everything after
    // the first EOS replaced by 0.
    static std::array<int, kChunkTokens> openclip_tokens(const PromptChunk& chunk,
                                                         int id_end = ClipTokenizer::kEos,
                                                         int id_pad = 0);

    // [77 * chunks] int64 token ids / float32 multipliers, chunks concatenated.
    static at::Tensor tokens_tensor(const std::vector<PromptChunk>& chunks);
    static at::Tensor multipliers_tensor(const std::vector<PromptChunk>& chunks);

private:
    const ClipTokenizer& tokenizer_;
    Options options_;
    const EmbeddingLookup* embeddings_;
    int comma_token_;
};

// A1111 emphasis "Original": z * multipliers (per token), then rescaled so that z.mean() over the
// whole tensor equals the mean before weighting. z is [77, C] or [B, 77, C], multipliers [77] or
// [B, 77]. Note that A1111 takes the mean over the whole batch it encodes at once (all schedule
// texts of a prompt); pass the same batch to get the same numbers.
at::Tensor apply_emphasis(const at::Tensor& z, const at::Tensor& multipliers);

} // namespace latent
