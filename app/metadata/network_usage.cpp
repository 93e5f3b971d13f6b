#include "app/metadata/network_usage.h"

#include "app/metadata/generation_params.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <QCoreApplication>

namespace latent {

namespace {

QString weightsText(const ExtraNetworkCall& call) {
    QStringList positional;
    QString te, unet;
    for (std::size_t i = 1; i < call.items.size(); ++i) {
        const QString item = QString::fromStdString(call.items[i]);
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq > 0 && item.indexOf(QLatin1Char('='), eq + 1) < 0) {
            if (item.left(eq) == QLatin1String("te")) te = item.mid(eq + 1);
            else if (item.left(eq) == QLatin1String("unet")) unet = item.mid(eq + 1);
        } else {
            positional << item;
        }
    }
    if (te.isEmpty()) te = positional.value(0, QStringLiteral("1"));
    if (unet.isEmpty()) unet = positional.value(1, te);
    if (te == unet) return te;
    return QCoreApplication::translate("NetworkUsage", "TE %1, UNet %2").arg(te, unet);
}

} // namespace

QStringList NetworkUsage::applied() const {
    QStringList out;
    for (const Item& i : items)
        if (i.applied || !known) out << (i.weights.isEmpty() ? i.name : i.name + QStringLiteral(" ×") + i.weights);
    return out;
}

QStringList NetworkUsage::notApplied() const {
    QStringList out;
    if (!known) return out;
    for (const Item& i : items)
        if (!i.applied) out << i.name;
    return out;
}

QString NetworkUsage::summary() const {
    QStringList loras, embeddings, missing;
    for (const Item& i : items) {
        if (known && !i.applied) {
            missing << i.name;
            continue;
        }
        if (i.kind == QLatin1String("embedding")) embeddings << i.name;
        else loras << (i.weights.contains(QLatin1Char(',')) ? i.name + QStringLiteral(" (") + i.weights + QLatin1Char(')')
                                                            : i.name + QStringLiteral(" ×") + i.weights);
    }
    QStringList parts;
    if (!loras.isEmpty()) parts << QCoreApplication::translate("NetworkUsage", "LoRA: %1").arg(loras.join(QStringLiteral(", ")));
    if (!missing.isEmpty())
        parts << QCoreApplication::translate("NetworkUsage", "not found: %1").arg(missing.join(QStringLiteral(", ")));
    if (!embeddings.isEmpty())
        parts << QCoreApplication::translate("NetworkUsage", "embeddings: %1").arg(embeddings.join(QStringLiteral(", ")));
    return parts.join(QStringLiteral(" · "));
}

NetworkUsage networkUsage(const GenerationParams& p, bool withHashes) {
    NetworkUsage u;
    u.known = withHashes;
    const auto loraHashes = GenerationParams::parseHashList(p.loraHashes);
    QStringList seen;
    try {
        const ExtraNetworks extra = PromptParser::parse_extra_networks(PromptParser::strip_comments(p.prompt.toStdString()));
        for (const char* kind : {"lora", "lyco"}) {
            const auto* calls = extra.find(kind);
            if (!calls) continue;
            for (const ExtraNetworkCall& call : *calls) {
                if (call.items.empty()) continue;
                NetworkUsage::Item item;
                item.kind = QStringLiteral("lora");
                item.name = QString::fromStdString(call.items[0]);
                item.weights = weightsText(call);
                QString key = item.name;
                key.remove(QLatin1Char(':'));
                key.remove(QLatin1Char(','));
                for (const auto& [n, h] : loraHashes)
                    if (n == key) item.hash = h;
                item.applied = !item.hash.isEmpty();
                u.items.append(item);
                seen << key;
            }
        }
    } catch (const std::exception&) {
        // an unparsable prompt lists nothing
    }
    QStringList embeddings;
    for (const auto& [n, h] : GenerationParams::parseHashList(p.tiHashes)) {
        if (embeddings.contains(n)) continue;
        embeddings << n;
        NetworkUsage::Item item;
        item.kind = QStringLiteral("embedding");
        item.name = n;
        item.hash = h;
        item.applied = true;
        u.items.append(item);
    }
    return u;
}

NetworkUsage networkUsage(const QString& prompt) {
    GenerationParams p;
    p.prompt = prompt;
    return networkUsage(p, false);
}

} // namespace latent
