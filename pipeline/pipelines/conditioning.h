// Prompt → per-step conditioning, as A1111 does it (`processing.py`, `prompt_parser.py`):
// comments stripped, extra-network tags removed (kept for the network loader), `AND` split into
// weighted sub-prompts, `[from:to:when]` / `[a|b]` schedules resolved per step, each distinct text
// encoded once, all texts padded to a common chunk count so cond and uncond batch together.
#pragma once

#include "pipeline/models/text_conditioner.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace latent {

class PromptChunker;
class EmbeddingDatabase;

struct ScheduledConditioning {
    int end_at_step = 0;            // applies while step <= end_at_step
    TextConditioning cond;          // crossattn [1, 77·chunks, C] (+ pooled)
    at::Tensor tokens;              // [77·chunks] int64 ids fed to the first encoder
    at::Tensor multipliers;         // [77·chunks] float
};

struct WeightedConditioning {
    std::vector<ScheduledConditioning> schedule;
    double weight = 1.0;
    // The entry for a (0-based) sampling step.
    const ScheduledConditioning& at_step(int step) const;
};

struct PromptConditioning {
    std::vector<WeightedConditioning> parts;  // AND sub-prompts (a negative prompt has one part)
    ExtraNetworks networks;                   // <lora:...> etc. found in the prompt
    std::vector<std::string> used_embeddings;     // textual inversions used, in order of appearance
    std::vector<std::string> skipped_embeddings;  // named in the prompt but of another model family
};

struct ConditioningOptions {
    int steps = 20;                  // schedule resolution (A1111: steps × step multiplier)
    bool multicond = true;           // split on AND (A1111 does for the positive prompt only)
    bool zero_if_empty = false;      // SDXL: an empty negative prompt gives all-zero conditioning
    // Textual inversions: the database the chunker looks names up in (pass the same one to the
    // PromptChunker) and whether the model is SDXL (clip_l / clip_g vectors).
    const EmbeddingDatabase* embeddings = nullptr;
    bool sdxl = false;
    // Hires pass: A1111 get_learned_conditioning(..., steps=first pass, hires_steps=steps): integer
    // `when`s count from the first pass's start, fractions above 1 address the hires pass.
    int first_pass_steps = 0;
};

PromptConditioning encode_prompt(const TextConditioner& text, const PromptChunker& chunker, const std::string& prompt,
                                 const ConditioningOptions& options);

// Pads every crossattn of every schedule entry of `all` to the same sequence length by appending
// the encoding of empty chunks (A1111 pad_cond); `empty_chunk` is that encoding [1,77,C].
void pad_conditionings(std::vector<PromptConditioning*> all, const at::Tensor& empty_chunk);

} // namespace latent
