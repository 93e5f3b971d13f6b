#include "app/library/network_restore.h"

#include "app/jobs/network_params.h"
#include "app/metadata/generation_params.h"
#include "pipeline/networks/network_index.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace latent {

namespace {

std::vector<std::string> toStd(const QStringList& l) {
    std::vector<std::string> out;
    for (const auto& s : l) out.push_back(s.toStdString());
    return out;
}

} // namespace

QStringList RestoredNetworks::messages() const {
    QStringList out;
    for (const auto& [from, to] : renamed)
        out << QCoreApplication::translate("NetworkRestore", "Lora \"%1\" is \"%2\" here (same hash).").arg(from, to);
    if (!missingLoras.isEmpty())
        out << QCoreApplication::translate("NetworkRestore", "Missing Lora: %1").arg(missingLoras.join(QStringLiteral(", ")));
    if (!missingEmbeddings.isEmpty())
        out << QCoreApplication::translate("NetworkRestore", "Missing embedding: %1")
                   .arg(missingEmbeddings.join(QStringLiteral(", ")));
    return out;
}

RestoredNetworks restoreNetworks(const QString& prompt, const QString& negativePrompt, const QString& loraHashes,
                                 const QString& tiHashes, const QStringList& loraDirs,
                                 const QStringList& embeddingDirs) {
    RestoredNetworks r;
    r.prompt = prompt;
    const std::vector<NetworkFileEntry> files = list_network_files(toStd(loraDirs));
    const auto hashes = GenerationParams::parseHashList(loraHashes);
    auto hashOf = [&](const QString& name) -> QString {
        for (const auto& [n, h] : hashes)
            if (n == name) return h;
        return {};
    };
    auto fileWithHash = [&](const QString& hash) -> const NetworkFileEntry* {
        for (const auto& f : files)
            if (loraShortHash(QString::fromStdString(f.path)).compare(hash, Qt::CaseInsensitive) == 0) return &f;
        return nullptr;
    };
    // Every <lora:NAME:...> / <lyco:NAME:...> of the prompt (A1111: re.sub("<lora:([^:]+):", ...)).
    static const QRegularExpression tag(QStringLiteral("<(lora|lyco):([^:>]+)([:>])"));
    QString out;
    qsizetype last = 0;
    QStringList seen;
    for (auto it = tag.globalMatch(prompt); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(2);
        QString local = name;
        const QString hash = hashOf(name);
        const std::string byName = find_network_file(name.toStdString(), toStd(loraDirs));
        bool ok = false;
        if (!hash.isEmpty()) {
            if (!byName.empty() && loraShortHash(QString::fromStdString(byName)).compare(hash, Qt::CaseInsensitive) == 0) {
                ok = true;
            } else if (const NetworkFileEntry* f = fileWithHash(hash)) {
                local = QString::fromStdString(f->alias.empty() ? f->name : f->alias);
                if (find_network_file(local.toStdString(), toStd(loraDirs)) != f->path) local = QString::fromStdString(f->name);
                if (local != name) r.renamed.append({name, local});
                ok = true;
            }
        }
        if (!ok && !byName.empty()) ok = true;  // by name, as a fallback
        if (!ok && !seen.contains(name)) {
            r.missingLoras << (hash.isEmpty() ? name : name + QStringLiteral(" (") + hash + QLatin1Char(')'));
            seen << name;
        }
        out += prompt.mid(last, m.capturedStart(2) - last) + local;
        last = m.capturedEnd(2);
    }
    out += prompt.mid(last);
    r.prompt = out;

    // Embeddings by name (A1111 has no lookup by hash for them).
    const std::vector<NetworkFileEntry> embeddings = list_embedding_files(toStd(embeddingDirs));
    for (const auto& [name, hash] : GenerationParams::parseHashList(tiHashes)) {
        bool found = false;
        for (const auto& e : embeddings) found = found || QString::fromStdString(e.name) == name;
        const QString label = name + QStringLiteral(" (") + hash + QLatin1Char(')');
        if (!found && !r.missingEmbeddings.contains(label)) r.missingEmbeddings << label;
    }
    Q_UNUSED(negativePrompt);
    return r;
}

RestoredNetworks restoreNetworks(const GenerationParams& p, const QStringList& loraDirs, const QStringList& embeddingDirs) {
    return restoreNetworks(p.prompt, p.negativePrompt, p.loraHashes, p.tiHashes, loraDirs, embeddingDirs);
}

QList<QPair<QString, QString>> civitaiDownloadsForMissing(const GenerationParams& p, const RestoredNetworks& r) {
    QList<QPair<QString, QString>> out;
    QString text = p.extra(QStringLiteral("Civitai resources"));
    if (text.isEmpty() || r.missingLoras.isEmpty()) return out;
    text = GenerationParams::unquote(text);
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isArray()) return out;
    struct Resource {
        double weight;
        qint64 version;
        bool used = false;
    };
    QList<Resource> resources;
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject o = v.toObject();
        const QString type = o.value(QStringLiteral("type")).toString().toLower();
        if (type != QLatin1String("lora") && type != QLatin1String("locon") && type != QLatin1String("lycoris")) continue;
        const qint64 version = o.value(QStringLiteral("modelVersionId")).toVariant().toLongLong();
        if (version > 0) resources.append({o.value(QStringLiteral("weight")).toDouble(1.0), version});
    }
    // The prompt's LoRA tags in order, with their first weight.
    static const QRegularExpression tag(QStringLiteral("<(?:lora|lyco):([^:>]+)(?::([^:>]*))?"));
    QList<QPair<QString, double>> tags;
    for (auto it = tag.globalMatch(r.prompt); it.hasNext();) {
        const auto m = it.next();
        bool ok = false;
        const double w = m.captured(2).toDouble(&ok);
        tags.append({m.captured(1), ok ? w : 1.0});
    }
    auto missing = [&](const QString& name) {
        for (const QString& m : r.missingLoras)
            if (m == name || m.startsWith(name + QStringLiteral(" ("))) return true;
        return false;
    };
    const bool oneToOne = tags.size() == resources.size();
    for (int i = 0; i < tags.size(); ++i) {
        const auto& [name, weight] = tags[i];
        if (!missing(name)) continue;
        int pick = -1, candidates = 0;
        for (int k = 0; k < resources.size(); ++k)
            if (!resources[k].used && qFuzzyCompare(1.0 + resources[k].weight, 1.0 + weight)) {
                ++candidates;
                if (pick < 0) pick = k;
            }
        if (candidates != 1) pick = oneToOne && !resources[i].used ? i : -1;
        if (pick < 0) continue;
        resources[pick].used = true;
        out.append({name, QStringLiteral("https://civitai.com/api/download/models/%1").arg(resources[pick].version)});
    }
    return out;
}

} // namespace latent
