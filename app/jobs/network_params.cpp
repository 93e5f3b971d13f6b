#include "app/jobs/network_params.h"

#include "app/library/model_hashes.h"
#include "app/library/network_folders.h"
#include "app/metadata/generation_params.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QMutex>

#include <functional>

namespace latent {

namespace {

bool readDirs(const QJsonObject& params, const char* key, QStringList* out, QString* error) {
    const QJsonValue v = params.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isArray()) {
        *error = QCoreApplication::translate("Cli", "\"%1\" must be a list of folders.").arg(QLatin1String(key));
        return false;
    }
    for (const QJsonValue& d : v.toArray()) {
        if (!d.isString()) {
            *error = QCoreApplication::translate("Cli", "\"%1\" must be a list of folders.").arg(QLatin1String(key));
            return false;
        }
        if (!out->contains(d.toString())) out->append(d.toString());
    }
    return true;
}

std::vector<std::string> toStd(const QStringList& l) {
    std::vector<std::string> out;
    for (const auto& s : l) out.push_back(s.toStdString());
    return out;
}

QString fileKey(const QString& path, const char* kind) {
    const QFileInfo fi(path);
    return QLatin1String(kind) + fi.absoluteFilePath() + QLatin1Char('|') + QString::number(fi.size()) +
           QLatin1Char('|') + QString::number(fi.lastModified().toMSecsSinceEpoch());
}

QString cached(const QString& key, const std::function<QString()>& compute) {
    static QMutex mutex;
    static QHash<QString, QString> cache;
    {
        QMutexLocker lock(&mutex);
        auto it = cache.constFind(key);
        if (it != cache.constEnd()) return *it;
    }
    const QString v = compute();
    if (!v.isEmpty()) {
        QMutexLocker lock(&mutex);
        cache.insert(key, v);
    }
    return v;
}

QString hashName(QString name) {
    name.remove(QLatin1Char(':'));
    name.remove(QLatin1Char(','));
    return name;
}

} // namespace

QString applyNetworkParams(const QJsonObject& params, GenerationJobSpec& spec) {
    QString error;
    NetworkFolders folders;
    QStringList roots;
    if (!readDirs(params, "model_roots", &roots, &error) || !readDirs(params, "lora_dirs", &folders.loraDirs, &error) ||
        !readDirs(params, "embedding_dirs", &folders.embeddingDirs, &error) ||
        !readDirs(params, "vae_dirs", &folders.vaeDirs, &error))
        return error;
    for (const QString& root : roots) folders.append(networkFoldersOf(root));
    spec.request.lora_dirs = toStd(folders.loraDirs);
    spec.request.embedding_dirs = toStd(folders.embeddingDirs);
    if (spec.vaePath.isEmpty()) {
        const QJsonValue sdVae = params.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_vae"));
        if (!sdVae.isUndefined() && !sdVae.isNull() && !sdVae.isString())
            return QCoreApplication::translate("Cli", "\"sd_vae\" must be a VAE name, \"Automatic\" or \"None\".");
        const VaeChoice vae = resolveVae(sdVae.toString(), spec.modelPath, folders.vaeDirs);
        if (!vae.error.isEmpty()) return vae.error;
        spec.vaePath = vae.path;
    }
    return {};
}

QString loraShortHash(const QString& path, const QString& metadataHash) {
    if (!metadataHash.isEmpty()) return metadataHash.left(12);
    const bool safetensors = path.endsWith(QLatin1String(".safetensors"), Qt::CaseInsensitive);
    return cached(fileKey(path, safetensors ? "addnet:" : "sha256:"), [&] {
        return (safetensors ? ModelHashes::addnetHash(path) : ModelHashes::sha256File(path));
    }).left(12);
}

QString embeddingShortHash(const QString& path) {
    return cached(fileKey(path, "sha256:"), [&] { return ModelHashes::sha256File(path); }).left(12);
}

void addNetworkHashes(GenerationParams& p, const GenerationResult& result) {
    QList<QPair<QString, QString>> loras;
    for (const UsedNetwork& n : result.networks) {
        const QString hash = loraShortHash(QString::fromStdString(n.path), QString::fromStdString(n.metadata_hash));
        if (hash.isEmpty()) continue;
        const QString name = hashName(QString::fromStdString(n.name));
        bool replaced = false;
        for (auto& kv : loras)
            if (kv.first == name) {
                kv.second = hash;  // a Python dict: the key keeps its place, the value updates
                replaced = true;
            }
        if (!replaced) loras.append({name, hash});
    }
    p.loraHashes = GenerationParams::formatHashList(loras);
    QList<QPair<QString, QString>> tis;
    for (const auto* list : {&result.embeddings, &result.negative_embeddings})
        for (const UsedNetwork& e : *list) {
            const QString hash = embeddingShortHash(QString::fromStdString(e.path));
            if (!hash.isEmpty()) tis.append({hashName(QString::fromStdString(e.name)), hash});
        }
    p.tiHashes = GenerationParams::formatHashList(tis);
}

} // namespace latent
