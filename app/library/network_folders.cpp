#include "app/library/network_folders.h"

#include "app/library/model_layout.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace latent {

namespace {

void addIfDir(QStringList& list, const QString& path) {
    const QString clean = QDir::cleanPath(path);
    if (QFileInfo(clean).isDir() && !list.contains(clean)) list.append(clean);
}

bool isVaeFileName(const QString& name) {
    const QString l = name.toLower();
    return l.endsWith(QLatin1String(".safetensors")) || l.endsWith(QLatin1String(".pt")) ||
           l.endsWith(QLatin1String(".ckpt"));
}

} // namespace

void NetworkFolders::append(const NetworkFolders& o) {
    for (const auto& d : o.loraDirs)
        if (!loraDirs.contains(d)) loraDirs.append(d);
    for (const auto& d : o.embeddingDirs)
        if (!embeddingDirs.contains(d)) embeddingDirs.append(d);
    for (const auto& d : o.vaeDirs)
        if (!vaeDirs.contains(d)) vaeDirs.append(d);
}

NetworkFolders networkFoldersOf(const QString& modelRoot) {
    NetworkFolders f;
    if (modelRoot.isEmpty()) return f;
    const QDir models(normalizeModelRoot(modelRoot));
    addIfDir(f.loraDirs, models.filePath(QStringLiteral("Lora")));
    addIfDir(f.loraDirs, models.filePath(QStringLiteral("LyCORIS")));
    addIfDir(f.vaeDirs, models.filePath(QStringLiteral("VAE")));
    // A1111 keeps embeddings beside models/, in the webui folder.
    if (models.dirName() == QLatin1String("models")) addIfDir(f.embeddingDirs, models.filePath(QStringLiteral("../embeddings")));
    addIfDir(f.embeddingDirs, models.filePath(QStringLiteral("embeddings")));
    return f;
}

QStringList listVaeFiles(const QStringList& vaeDirs) {
    QStringList out;
    for (const QString& dir : vaeDirs) {
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        QStringList found;
        while (it.hasNext()) {
            const QString p = it.next();
            if (isVaeFileName(QFileInfo(p).fileName())) found.append(p);
        }
        found.sort();
        out.append(found);
    }
    return out;
}

VaeChoice resolveVae(const QString& setting, const QString& checkpointPath, const QStringList& vaeDirs) {
    VaeChoice c;
    const QString s = setting.trimmed();
    if (s.compare(QLatin1String("None"), Qt::CaseInsensitive) == 0) return c;
    if (s.isEmpty() || s.compare(QLatin1String("Automatic"), Qt::CaseInsensitive) == 0) {
        const QFileInfo ck(checkpointPath);
        if (!ck.isFile()) return c;
        // A1111: <checkpoint stem>.vae.{pt,ckpt,safetensors} next to the checkpoint.
        const QString stem = ck.dir().filePath(ck.completeBaseName());
        for (const char* ext : {".vae.safetensors", ".vae.pt", ".vae.ckpt"})
            if (QFileInfo(stem + QLatin1String(ext)).isFile()) {
                c.path = stem + QLatin1String(ext);
                return c;
            }
        return c;
    }
    // A name: the file name (with or without extension) of a VAE in the VAE folders, or a path.
    if (QFileInfo(s).isAbsolute() && QFileInfo(s).isFile()) {
        c.path = s;
        return c;
    }
    for (const QString& p : listVaeFiles(vaeDirs)) {
        const QFileInfo fi(p);
        if (fi.fileName() == s || fi.completeBaseName() == s || fi.baseName() == s) {
            c.path = p;
            return c;
        }
    }
    c.error = QCoreApplication::translate("NetworkFolders", "The VAE \"%1\" was not found in the VAE folders.").arg(s);
    return c;
}

} // namespace latent
