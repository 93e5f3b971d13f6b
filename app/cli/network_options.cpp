#include "app/cli/network_options.h"

#include "app/library/network_folders.h"
#include "app/library/network_restore.h"
#include "app/metadata/generation_params.h"

#include <QCoreApplication>

namespace latent {

namespace {
std::vector<std::string> toStd(const QStringList& l) {
    std::vector<std::string> out;
    for (const auto& s : l) out.push_back(s.toStdString());
    return out;
}
} // namespace

QString finishNetworkOptions(CliGenerationOptions& o) {
    NetworkFolders folders;
    for (const QString& root : o.modelRoots) folders.append(networkFoldersOf(root));
    if (!o.loraDirs.isEmpty()) folders.loraDirs = o.loraDirs;
    if (!o.embeddingDirs.isEmpty()) folders.embeddingDirs = o.embeddingDirs;
    o.request.lora_dirs = toStd(folders.loraDirs);
    o.request.embedding_dirs = toStd(folders.embeddingDirs);

    GenerationParams info;
    if (!o.infotext.isEmpty()) info = GenerationParams::fromInfotext(o.infotext);
    if (o.vaePath.isEmpty()) {
        QString setting = o.sdVae;
        if (setting.isEmpty() && !info.vaeName.isEmpty()) {
            // The infotext's VAE (A1111 pastes it as the sd_vae override) when it is here.
            const VaeChoice fromInfo = resolveVae(info.vaeName, o.modelPath, folders.vaeDirs);
            if (fromInfo.error.isEmpty()) setting = info.vaeName;
            else o.warnings << QCoreApplication::translate("Cli", "The infotext's VAE \"%1\" is not in the VAE folders; using the automatic choice.").arg(info.vaeName);
        }
        const VaeChoice vae = resolveVae(setting, o.modelPath, folders.vaeDirs);
        if (!vae.error.isEmpty()) return vae.error;
        o.vaePath = vae.path;
    }
    if (!o.infotext.isEmpty() && (!info.loraHashes.isEmpty() || !info.tiHashes.isEmpty() ||
                                  o.request.prompt.find("<l") != std::string::npos)) {
        const QString prompt = QString::fromStdString(o.request.prompt);
        const RestoredNetworks r = restoreNetworks(prompt, QString::fromStdString(o.request.negative_prompt),
                                                   info.loraHashes, info.tiHashes, folders.loraDirs,
                                                   folders.embeddingDirs);
        // Only an infotext's own prompt is rewritten (an explicit --prompt stays as typed).
        if (prompt == info.prompt) o.request.prompt = r.prompt.toStdString();
        o.warnings << r.messages();
    }
    return {};
}

} // namespace latent
