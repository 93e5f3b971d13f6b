// libFuzzer harness: A1111 prompt syntax (comments, <lora:...> extra networks, AND with weights,
// [from:to:when] schedules and [a|b] alternation, (emphasis:1.3) and BREAK) and the CLIP BPE
// tokenizer on every text the parser produces, in the order A1111 applies them. The first input
// byte picks the step count (and whether hires steps are used). Checked: no sanitizer report, no
// exception but PipelineError, schedules cover the steps in order, token ids within the vocabulary.
#include "pipeline/core/error.h"
#include "pipeline/tokenizers/clip_tokenizer.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using latent::ClipTokenizer;
using latent::PromptParser;

// The vocabulary loads once, before the first input (so its time is not counted against -timeout).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)ClipTokenizer::shared();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    if (size < 1 || size > 8192) return 0;
    const int steps = 1 + data[0] % 150;
    const bool hires = data[0] & 0x80;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const ClipTokenizer& tokenizer = ClipTokenizer::shared();
    try {
        const std::string stripped = PromptParser::strip_comments(text);
        const latent::ExtraNetworks networks = PromptParser::parse_extra_networks(stripped);
        const latent::MulticondPromptList multicond = PromptParser::get_multicond_prompt_list({networks.prompt});
        for (const auto& list : multicond.indexes)
            for (const auto& [index, weight] : list)
                if (index < 0 || std::size_t(index) >= multicond.flat.size() || std::isnan(weight)) __builtin_trap();
        for (const std::string& sub : multicond.flat) {
            const auto schedule =
                PromptParser::get_prompt_schedule(sub, steps, hires ? std::optional<int>(steps / 2 + 1) : std::nullopt);
            int previous = 0;
            for (const latent::ScheduleEntry& e : schedule) {
                if (e.end_at_step < previous) __builtin_trap();
                previous = e.end_at_step;
                for (const latent::AttentionPiece& piece : PromptParser::parse_prompt_attention(e.text)) {
                    if (std::isnan(piece.weight)) __builtin_trap();
                    for (int id : tokenizer.encode(piece.text))
                        if (id < 0 || id >= ClipTokenizer::kVocabSize) __builtin_trap();
                }
            }
        }
    } catch (const latent::PipelineError&) {
    }
    return 0;
}
