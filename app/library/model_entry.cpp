#include "app/library/model_entry.h"

#include <QFileInfo>
#include <QJsonArray>

namespace latent {

QString ModelEntry::fileName() const {
    return QFileInfo(path).fileName();
}

QString ModelEntry::name() const {
    const QString f = fileName();
    if (format == QLatin1String("diffusers_folder")) return f;
    const int dot = f.lastIndexOf(QLatin1Char('.'));
    return dot > 0 ? f.left(dot) : f;
}

QStringList ModelEntry::triggerWords() const {
    if (!notes.activationText.trimmed().isEmpty()) return {notes.activationText.trimmed()};
    const QString phrase = metadata.value(QLatin1String("modelspec.trigger_phrase")).toString().trimmed();
    if (!phrase.isEmpty()) return {phrase};
    return civitaiWords;
}

QString ModelEntry::promptText() const {
    if (kind == ModelKind::Lora) {
        const double w = notes.preferredWeight != 0.0 ? notes.preferredWeight : 1.0;
        QString text = QStringLiteral("<lora:%1:%2>").arg(name(), QString::number(w, 'g', 4));
        if (!notes.activationText.trimmed().isEmpty()) text += QLatin1Char(' ') + notes.activationText.trimmed();
        return text;
    }
    if (kind == ModelKind::Embedding) return name();
    return {};
}

QJsonObject ModelEntry::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("path"), path);
    o.insert(QStringLiteral("name"), name());
    o.insert(QStringLiteral("root"), root);
    o.insert(QStringLiteral("kind"), modelKindName(kind));
    o.insert(QStringLiteral("size"), size);
    o.insert(QStringLiteral("mtime_ms"), mtimeMs);
    o.insert(QStringLiteral("format"), format);
    o.insert(QStringLiteral("usable"), usable);
    if (!problem.isEmpty()) o.insert(QStringLiteral("problem"), problem);
    o.insert(QStringLiteral("family"), family);
    if (!baseFamily.isEmpty()) o.insert(QStringLiteral("base_family"), baseFamily);
    if (!prediction.isEmpty()) o.insert(QStringLiteral("prediction"), prediction);
    o.insert(QStringLiteral("inpainting"), inpainting);
    if (!layout.isEmpty()) o.insert(QStringLiteral("layout"), layout);
    QJsonObject h;
    if (hashed()) {
        h.insert(QStringLiteral("sha256"), sha256);
        h.insert(QStringLiteral("autov2"), autoV2());
        h.insert(QStringLiteral("autov1"), autoV1);
        if (!addnet.isEmpty()) {
            h.insert(QStringLiteral("addnet"), addnet);
            h.insert(QStringLiteral("lora"), loraHash());
        }
    }
    o.insert(QStringLiteral("hashes"), h);
    o.insert(QStringLiteral("preview"), preview);
    o.insert(QStringLiteral("metadata"), metadata);
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    o.insert(QStringLiteral("trigger_words"), QJsonArray::fromStringList(triggerWords()));
    if (notes.exists) {
        QJsonObject n;
        n.insert(QStringLiteral("description"), notes.description);
        n.insert(QStringLiteral("sd version"), notes.sdVersion);
        n.insert(QStringLiteral("activation text"), notes.activationText);
        n.insert(QStringLiteral("preferred weight"), notes.preferredWeight);
        n.insert(QStringLiteral("negative text"), notes.negativeText);
        n.insert(QStringLiteral("notes"), notes.notes);
        if (!notes.error.isEmpty()) n.insert(QStringLiteral("error"), notes.error);
        o.insert(QStringLiteral("user_metadata"), n);
    }
    return o;
}

} // namespace latent
