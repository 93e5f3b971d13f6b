// Live token count of an A1111 prompt for the prompt panel, with the real CLIP tokenizer and
// A1111's chunker (torch-free wrapper over pipeline/tokenizers): comments and <lora:...> tags
// are removed, AND splits sub-prompts and [from:to:when] schedules are expanded; the count is
// the largest of them, as A1111's token counter shows it ("N/75", "N/150", ...).
#pragma once

#include <QHash>
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
// The same with textual-inversion embeddings (name -> vectors): each name in the prompt takes its
// vectors' token slots, exactly as the encoder will see it (A1111's counter does the same).
PromptTokenCount countPromptTokens(const QString& prompt, int steps, const QHash<QString, int>& embeddingVectors);

// The number of vectors of an embedding file (0 when it is not a readable embedding), cached by
// path, size and modification time. Reads the file (restricted reader for .pt / .bin).
int embeddingVectorCount(const QString& path);

} // namespace latent
