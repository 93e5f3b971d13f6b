// Restoring the networks of an A1111 infotext (PNG info, --infotext, --request): the prompt's
// `<lora:NAME:` tags are matched to local files by the short hash in "Lora hashes" (A1111's
// infotext_pasted: the tag is renamed to the file that has that hash), by name when the hash is
// unknown; embeddings of "TI hashes" are looked up by name. What is missing is reported.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace latent {

class GenerationParams;

struct RestoredNetworks {
    QString prompt;                          // the prompt with tags renamed to local files
    QList<QPair<QString, QString>> renamed;  // (name in the infotext, local name)
    QStringList missingLoras;                // "name (hash)" of LoRAs no local file matches
    QStringList missingEmbeddings;           // "name (hash)" of embeddings not in the folders
    // One plain sentence per problem, for warnings.
    QStringList messages() const;
};

RestoredNetworks restoreNetworks(const QString& prompt, const QString& negativePrompt, const QString& loraHashes,
                                 const QString& tiHashes, const QStringList& loraDirs, const QStringList& embeddingDirs);
RestoredNetworks restoreNetworks(const GenerationParams& p, const QStringList& loraDirs, const QStringList& embeddingDirs);

// Where the missing LoRAs of `r` live according to the infotext's "Civitai resources" (the JSON
// list Civitai writes: {"type": "lora", "weight": 0.8, "modelVersionId": 123}, ...): one Civitai
// download URL per missing LoRA that can be told apart (matched by weight, else by order when
// the prompt's LoRA tags and the resources pair up one to one). Empty when the infotext has none.
QList<QPair<QString, QString>> civitaiDownloadsForMissing(const GenerationParams& p, const RestoredNetworks& r);

} // namespace latent
