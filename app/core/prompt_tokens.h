// Live token count of an A1111 prompt for the prompt panel, with the real CLIP tokenizer and
// A1111's chunker (torch-free wrapper over pipeline/tokenizers): comments and <lora:...> tags
// are removed, AND splits sub-prompts and [from:to:when] schedules are expanded; the count is
// the largest of them, as A1111's token counter shows it ("N/75", "N/150", ...).
#pragma once

#include <QString>

namespace latent {

struct PromptTokenCount {
    int tokens = 0; // prompt tokens (without BOS/EOS)
    int chunks = 1; // 75-token chunks the text encoder will see
    int limit = 75; // chunks * 75
    QString error;  // syntax or vocabulary problem (counts are then 0)
};

// Thread-safe; the first call loads the vocabulary (~0.2 s), later calls take microseconds to
// a few milliseconds. Call it off the GUI thread for long prompts.
PromptTokenCount countPromptTokens(const QString& prompt, int steps = 20);

} // namespace latent
