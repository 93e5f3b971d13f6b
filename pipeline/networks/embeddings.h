// Textual-inversion embeddings as A1111 loads and uses them (`modules/textual_inversion/
// textual_inversion.py`, `sd_hijack_clip.py`, `sd_hijack.py` EmbeddingsWithFixes):
//   * every file of the embedding folders is read (safetensors, or .pt / .bin through the
//     restricted pickle reader); the layouts are `string_to_param: {'*': [n, D]}` (A1111 / the
//     original textual inversion), a single tensor (`emb_params`, diffusers concepts `{token: [D]}`),
//     and SDXL's `clip_l` [n, 768] + `clip_g` [n, 1280];
//   * its name is the file name without extension; a prompt uses it by writing that name, matched
//     on CLIP token ids (so case does not matter);
//   * one whose width does not fit the model (D ≠ the text encoder width; SDXL: 768 + 1280) is
//     skipped, as A1111 skips it;
//   * in a prompt its n vectors take n token slots of the 75-token chunk (PromptChunker) and
//     replace the token embeddings there, before the position embeddings are added.
#pragma once

#include "pipeline/tokenizers/prompt_chunker.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <string>
#include <vector>

namespace latent {

struct TextualInversion {
    std::string name;   // file name without extension
    std::string path;
    int64_t vectors = 0;
    int64_t width = 0;  // SDXL: clip_l + clip_g widths
    at::Tensor vec;     // [n, D] float32 (SD1 / SD2 layouts)
    at::Tensor clip_l, clip_g;  // SDXL layout
    // The vectors for text encoder `encoder` (0 or 1) of a model; undefined when it has none.
    at::Tensor vectors_for(int encoder, bool sdxl) const;
};

// Reads one embedding file. Throws PipelineError("embedding_bad_file" or the readers' codes)
// with a message naming the file.
TextualInversion load_textual_inversion(const std::string& path);

class EmbeddingDatabase : public EmbeddingLookup {
public:
    // Loads every embedding under `dirs` for a model whose text width is `expected_width`
    // (SD1 768, SD2 1024, SDXL 2048); files that cannot be read land in errors(), embeddings of
    // another width in skipped().
    void load(const std::vector<std::string>& dirs, int64_t expected_width, const ClipTokenizer& tokenizer);

    std::optional<Match> find_at(const std::vector<int>& tokens, std::size_t position) const override;
    const TextualInversion* get(const std::string& name) const;

    // Names of skipped embeddings (other width) that occur in `tokens` (a prompt's token ids).
    std::vector<std::string> skipped_in(const std::vector<int>& tokens) const;

    const std::map<std::string, TextualInversion>& embeddings() const { return embeddings_; }
    const std::map<std::string, TextualInversion>& skipped() const { return skipped_; }
    const std::vector<std::string>& errors() const { return errors_; }
    int64_t expected_width() const { return expected_width_; }
    // Identifies the folder contents this database was loaded from (paths, sizes, times, width).
    const std::string& signature() const { return signature_; }
    static std::string signature_of(const std::vector<std::string>& dirs, int64_t expected_width);

private:
    struct Entry {
        std::vector<int> ids;
        std::string name;
    };
    std::map<std::string, TextualInversion> embeddings_, skipped_;
    std::map<int, std::vector<Entry>> ids_lookup_;  // first id -> candidates, longest first
    std::vector<Entry> skipped_ids_;
    std::vector<std::string> errors_;
    std::string signature_;
    int64_t expected_width_ = 0;
};

} // namespace latent
