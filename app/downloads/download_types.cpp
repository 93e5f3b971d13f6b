#include "app/downloads/download_types.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>

namespace latent {

std::optional<ModelKind> modelKindFromCivitaiType(const QString& type) {
    const QString t = type.trimmed().toLower();
    if (t == QLatin1String("checkpoint")) return ModelKind::Checkpoint;
    if (t == QLatin1String("lora") || t == QLatin1String("locon") || t == QLatin1String("dora") ||
        t == QLatin1String("lycoris"))
        return ModelKind::Lora;
    if (t == QLatin1String("textualinversion")) return ModelKind::Embedding;
    if (t == QLatin1String("vae")) return ModelKind::Vae;
    if (t == QLatin1String("controlnet")) return ModelKind::ControlNet;
    if (t == QLatin1String("upscaler")) return ModelKind::Upscaler;
    return std::nullopt;
}

QString modelFolderFor(const QString& root, ModelKind kind) {
    return modelDestinationFolder(root, kind);
}

QJsonObject PlannedFile::toJson() const {
    return QJsonObject{{QStringLiteral("url"), url.toString()}, {QStringLiteral("path"), relativePath},
                       {QStringLiteral("size"), double(size)},  {QStringLiteral("approxSize"), double(approxSize)},
                       {QStringLiteral("sha256"), sha256},      {QStringLiteral("gitSha1"), gitSha1},
                       {QStringLiteral("weights"), isWeights},  {QStringLiteral("nameFromServer"), nameFromServer}};
}

PlannedFile PlannedFile::fromJson(const QJsonObject& o) {
    PlannedFile f;
    f.url = QUrl(o.value(QStringLiteral("url")).toString());
    f.relativePath = o.value(QStringLiteral("path")).toString();
    f.size = qint64(o.value(QStringLiteral("size")).toDouble(-1));
    f.approxSize = qint64(o.value(QStringLiteral("approxSize")).toDouble(-1));
    f.sha256 = o.value(QStringLiteral("sha256")).toString();
    f.gitSha1 = o.value(QStringLiteral("gitSha1")).toString();
    f.isWeights = o.value(QStringLiteral("weights")).toBool();
    f.nameFromServer = o.value(QStringLiteral("nameFromServer")).toBool();
    return f;
}

qint64 DownloadPlan::totalBytes() const {
    qint64 t = 0;
    for (const PlannedFile& f : files) t += qMax<qint64>(0, f.expectedBytes());
    return t;
}

QString formatBytes(qint64 bytes) {
    if (bytes < 0) return QCoreApplication::translate("Downloads", "unknown size");
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1000.0 && u < 4) {
        v /= 1000.0;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(bytes)
                  : QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 2 : 1).arg(QLatin1String(units[u]));
}

QString DownloadPlan::describe() const {
    QStringList lines;
    lines << QCoreApplication::translate("Downloads", "Source:      %1").arg(source.toString(QUrl::RemoveQuery));
    lines << QCoreApplication::translate("Downloads", "Model:       %1").arg(title);
    lines << QCoreApplication::translate("Downloads", "Kind:        %1").arg(modelKindName(kind));
    lines << QCoreApplication::translate("Downloads", "Base model:  %1")
                 .arg(baseModel.isEmpty() ? QCoreApplication::translate("Downloads", "unknown") : baseModel);
    lines << QCoreApplication::translate("Downloads", "Destination: %1").arg(installPath());
    lines
        << QCoreApplication::translate("Downloads", "Files (%1, %2):").arg(files.size()).arg(formatBytes(totalBytes()));
    for (const PlannedFile& f : files) {
        const qint64 b = f.expectedBytes();
        lines << QStringLiteral("  %1  %2%3")
                     .arg(f.relativePath, formatBytes(b),
                          f.sha256.isEmpty() ? QString() : QStringLiteral("  sha256 %1").arg(f.sha256.left(12)));
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonObject DownloadPlan::toJson() const {
    QJsonArray fs;
    for (const PlannedFile& f : files) fs.append(f.toJson());
    return QJsonObject{{QStringLiteral("site"), site},
                       {QStringLiteral("source"), source.toString()},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("kind"), modelKindName(kind)},
                       {QStringLiteral("baseModel"), baseModel},
                       {QStringLiteral("destinationDir"), destinationDir},
                       {QStringLiteral("installName"), installName},
                       {QStringLiteral("isFolder"), isFolder},
                       {QStringLiteral("files"), fs},
                       {QStringLiteral("civitaiVersion"), civitaiVersion},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("trainedWords"), QJsonArray::fromStringList(trainedWords)},
                       {QStringLiteral("previewUrl"), previewUrl.toString()}};
}

DownloadPlan DownloadPlan::fromJson(const QJsonObject& o) {
    DownloadPlan p;
    p.site = o.value(QStringLiteral("site")).toString();
    p.source = QUrl(o.value(QStringLiteral("source")).toString());
    p.title = o.value(QStringLiteral("title")).toString();
    p.kind = modelKindFromName(o.value(QStringLiteral("kind")).toString()).value_or(ModelKind::Checkpoint);
    p.baseModel = o.value(QStringLiteral("baseModel")).toString();
    p.destinationDir = o.value(QStringLiteral("destinationDir")).toString();
    p.installName = o.value(QStringLiteral("installName")).toString();
    p.isFolder = o.value(QStringLiteral("isFolder")).toBool();
    for (const auto& v : o.value(QStringLiteral("files")).toArray()) p.files << PlannedFile::fromJson(v.toObject());
    p.civitaiVersion = o.value(QStringLiteral("civitaiVersion")).toObject();
    p.description = o.value(QStringLiteral("description")).toString();
    for (const auto& v : o.value(QStringLiteral("trainedWords")).toArray()) p.trainedWords << v.toString();
    p.previewUrl = QUrl(o.value(QStringLiteral("previewUrl")).toString());
    return p;
}

} // namespace latent
