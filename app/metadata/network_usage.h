// Which networks an image or a job used, from what is stored with it: the prompt's `<lora:...>`
// tags (with their weights) and the infotext's "Lora hashes" / "TI hashes" (written only for
// networks that were applied). A tag without a hash in a finished image's infotext was not found
// or not applied. Used by the queue and the gallery to list them.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace latent {

class GenerationParams;

struct NetworkUsage {
    struct Item {
        QString kind;          // "lora" or "embedding"
        QString name;
        QString weights;       // "0.8" or "TE 1, UNet 0.5" (LoRA)
        QString hash;          // short hash from the infotext, when applied
        bool applied = false;  // false: not found / not applied (only meaningful with an infotext)
    };
    QList<Item> items;
    bool known = false;        // an infotext was available (applied/not applied is meaningful)

    bool isEmpty() const { return items.isEmpty(); }
    QStringList applied() const;   // "name ×0.8" of the applied ones
    QStringList notApplied() const;
    // One line for a label or tooltip, e.g. "LoRA: style ×0.8, detail (TE 1, UNet 0.5) · not
    // found: old · embeddings: goodthing". Translated.
    QString summary() const;
};

// `params` may come from an infotext (prompt + hashes) or a job's request (prompt only:
// pass withHashes = false, then nothing counts as "not found").
NetworkUsage networkUsage(const GenerationParams& params, bool withHashes = true);
NetworkUsage networkUsage(const QString& prompt);

} // namespace latent
