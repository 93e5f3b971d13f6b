#include "app/library/model_scanner.h"

#include "app/library/model_hashes.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/upscalers/upscaler_arch.h"
#include "pipeline/tensors/safetensors.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace latent {

namespace {

constexpr int kMaxDepth = 16;
constexpr int kMaxMetadataValue = 1000;

// __metadata__ keys worth showing (kohya ss_*, Stability's modelspec.*, a few common others).
bool isHighlightKey(const std::string& k) {
    if (k.rfind("modelspec.", 0) == 0) return k != "modelspec.thumbnail"; // a data: URI image
    static const char* const keys[] = {
        "ss_base_model_version", "ss_sd_model_name",    "ss_output_name", "ss_network_module",
        "ss_network_dim",        "ss_network_alpha",    "ss_resolution",  "ss_num_train_images",
        "ss_num_epochs",         "ss_training_comment", "ss_v2",          "ss_sd_model_hash",
        "ss_new_sd_model_hash",  "sshs_model_hash",     "format",         "reference.kind"};
    for (const char* key : keys)
        if (k == key) return true;
    return false;
}

QString fromStd(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Most frequent training tags from kohya's ss_tag_frequency ({"dataset": {"tag": count}}).
QStringList topTags(const std::string& json, int n) {
    if (json.size() > (4u << 20)) return {};
    const QJsonObject sets = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    QHash<QString, qint64> counts;
    for (auto it = sets.begin(); it != sets.end(); ++it) {
        const QJsonObject tags = it.value().toObject();
        for (auto t = tags.begin(); t != tags.end(); ++t) counts[t.key().trimmed()] += t.value().toInteger();
    }
    counts.remove(QString());
    QList<QPair<qint64, QString>> sorted;
    for (auto it = counts.begin(); it != counts.end(); ++it) sorted.append({it.value(), it.key()});
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    QStringList out;
    for (int i = 0; i < sorted.size() && i < n; ++i) out << sorted[i].second.left(200);
    return out;
}

void applyDetection(ModelEntry& e, const ModelDetection& d) {
    e.family = fromStd(family_name(d.family));
    if (d.base_family != ModelFamily::Unknown) e.baseFamily = fromStd(family_name(d.base_family));
    e.prediction = fromStd(prediction_name(d.prediction));
    e.inpainting = d.inpainting;
    e.layout = fromStd(d.layout);
}

void folderStats(const QString& dir, qint64* size, qint64* mtime) {
    *size = 0;
    *mtime = 0;
    QDirIterator it(dir, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    int n = 0;
    while (it.hasNext() && ++n < 10000) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        *size += fi.size();
        *mtime = std::max(*mtime, fi.lastModified().toMSecsSinceEpoch());
    }
}

void walk(const QString& dir, const QString& root, ModelKind kind, int depth, QSet<QString>& seen,
          QList<FoundFile>& out) {
    if (depth > kMaxDepth) return;
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    if (canonical.isEmpty() || seen.contains(canonical)) return; // symlink loop
    seen.insert(canonical);
    const QFileInfoList items =
        QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::IgnoreCase);
    for (const QFileInfo& fi : items) {
        if (fi.isDir()) {
            if (QFileInfo::exists(fi.filePath() + QStringLiteral("/model_index.json")))
                out.append({QDir::cleanPath(fi.absoluteFilePath()), root, kind, true});
            else
                walk(fi.absoluteFilePath(), root, kind, depth + 1, seen, out);
        } else if (isModelFileName(fi.fileName())) {
            out.append({QDir::cleanPath(fi.absoluteFilePath()), root, kind, false});
        }
    }
}

} // namespace

QJsonObject ScanStats::toJson() const {
    return QJsonObject{{QStringLiteral("files"), files},
                       {QStringLiteral("added"), added},
                       {QStringLiteral("removed"), removed},
                       {QStringLiteral("renamed"), renamed},
                       {QStringLiteral("changed"), changed},
                       {QStringLiteral("unchanged"), unchanged},
                       {QStringLiteral("not_models"), notModels},
                       {QStringLiteral("hashed"), hashed},
                       {QStringLiteral("hash_reused"), hashReused},
                       {QStringLiteral("hash_failed"), hashFailed},
                       {QStringLiteral("scan_ms"), scanMs},
                       {QStringLiteral("hash_ms"), hashMs}};
}

ScanStats& ScanStats::operator+=(const ScanStats& o) {
    added += o.added;
    removed += o.removed;
    renamed += o.renamed;
    changed += o.changed;
    unchanged += o.unchanged;
    notModels += o.notModels;
    hashed += o.hashed;
    hashReused += o.hashReused;
    hashFailed += o.hashFailed;
    scanMs += o.scanMs;
    hashMs += o.hashMs;
    cancelled = cancelled || o.cancelled;
    if (error.isEmpty()) error = o.error;
    return *this;
}

QList<FoundFile> ModelScanner::listFiles(const QString& rootIn) {
    QList<FoundFile> out;
    const QString root = normalizeModelRoot(rootIn);
    QDir dir(root);
    if (!dir.exists()) return out;
    QSet<QString> seen;
    seen.insert(QFileInfo(root).canonicalFilePath());
    const QFileInfoList items =
        dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::IgnoreCase);
    for (const QFileInfo& fi : items) {
        if (fi.isDir()) {
            if (const auto kind = modelKindForFolder(fi.fileName()))
                walk(fi.absoluteFilePath(), root, *kind, 1, seen, out);
        } else if (isModelFileName(fi.fileName())) {
            out.append({QDir::cleanPath(fi.absoluteFilePath()), root, std::nullopt, false});
        }
    }
    return out;
}

std::optional<FoundFile> ModelScanner::locate(const QString& pathIn, const QStringList& roots) {
    const QString path = QDir::cleanPath(QFileInfo(pathIn).absoluteFilePath());
    for (const QString& r : roots) {
        const QString root = normalizeModelRoot(r);
        if (!path.startsWith(root + QLatin1Char('/'))) continue;
        const QStringList parts = path.mid(root.size() + 1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.isEmpty()) continue;
        const QFileInfo fi(path);
        const bool folder = fi.isDir();
        if (folder ? !QFileInfo::exists(path + QStringLiteral("/model_index.json")) : !isModelFileName(fi.fileName()))
            continue;
        if (parts.size() == 1) return FoundFile{path, root, std::nullopt, folder};
        if (const auto kind = modelKindForFolder(parts.first())) return FoundFile{path, root, kind, folder};
    }
    return std::nullopt;
}

ModelEntry ModelScanner::inspect(const FoundFile& f) {
    ModelEntry e;
    e.path = f.path;
    e.root = f.root;
    const QFileInfo fi(f.path);
    if (f.isFolder) {
        folderStats(f.path, &e.size, &e.mtimeMs);
    } else {
        e.size = fi.size();
        e.mtimeMs = fi.lastModified().toMSecsSinceEpoch();
    }
    const std::string path = f.path.toStdString();
    try {
        const FileFormat format = sniff_format(path);
        e.format = fromStd(format_name(format));
        if (format == FileFormat::Safetensors) {
            const SafetensorsFile file = SafetensorsFile::open(path);
            const ModelDetection d = detect_model(file.tensors(), file.metadata());
            applyDetection(e, d);
            e.usable = true;
            for (const auto& [k, v] : file.metadata()) {
                if (isHighlightKey(k))
                    e.metadata.insert(fromStd(k),
                                      fromStd(v.size() > kMaxMetadataValue ? v.substr(0, kMaxMetadataValue) : v));
                if (k == "ss_tag_frequency") e.tags = topTags(v, 10);
            }
            if (d.family == ModelFamily::Unknown)
                e.problem = QStringLiteral("A valid safetensors file, but not a model the studio recognises (%1).")
                                .arg(d.notes.empty() ? QStringLiteral("no known tensors") : fromStd(d.notes.back()));
        } else if (format == FileFormat::DiffusersFolder) {
            applyDetection(e, detect_diffusers_folder(path));
            e.usable = true;
        } else {
            e.family = QStringLiteral("unknown");
            e.problem = fromStd(format_explanation(format));
        }
    } catch (const PipelineError& err) {
        e.usable = false;
        if (e.format.isEmpty()) e.format = QStringLiteral("unreadable");
        e.family = QStringLiteral("unknown");
        e.problem = fromStd(err.what());
    } catch (const std::exception& err) {
        e.usable = false;
        if (e.format.isEmpty()) e.format = QStringLiteral("unreadable");
        e.family = QStringLiteral("unknown");
        e.problem = QStringLiteral("The file could not be read: %1").arg(fromStd(err.what()));
    }
    // ESRGAN-family upscalers: in the ESRGAN / RealESRGAN folders, or a safetensors file no other
    // detector knows. .pth files there are read by the restricted pickle reader, never unpickled.
    if ((f.folderKind && *f.folderKind == ModelKind::Upscaler && !f.isFolder) ||
        (e.usable && e.family == QLatin1String("unknown") && !f.isFolder)) {
        try {
            const UpscalerArchInfo info = inspect_upscaler(path);
            e.family = QStringLiteral("upscaler");
            e.layout = fromStd(info.layout);
            e.usable = true;
            e.problem.clear();
            e.metadata.insert(QStringLiteral("upscaler.arch"), fromStd(info.describe()));
            e.metadata.insert(QStringLiteral("upscaler.scale"), QString::number(info.scale));
        } catch (const std::exception& err) {
            if (f.folderKind && *f.folderKind == ModelKind::Upscaler) {
                e.usable = false;
                e.problem = fromStd(err.what());
            }
        }
    }
    e.kind = f.folderKind ? *f.folderKind : modelKindForFamily(e.family);
    if (e.usable && f.folderKind) {
        const ModelKind detected = modelKindForFamily(e.family);
        if (detected != ModelKind::Unknown && detected != *f.folderKind)
            e.metadata.insert(QStringLiteral("library.note"),
                              QStringLiteral("In the %1 folder, but the header says it is a %2.")
                                  .arg(modelKindFolder(*f.folderKind), modelKindName(detected)));
    }
    return e;
}

void ModelScanner::readSidecars(ModelEntry& e) {
    e.preview = ModelSidecar::findPreview(e.path);
    e.notes = ModelSidecar::readNotes(e.path);
    e.civitaiWords = ModelSidecar::civitaiTrainedWords(e.path);
}

QString ModelScanner::quickFingerprint(const QString& path, qint64 size) {
    QFile f(path);
    if (QFileInfo(path).isDir() || !f.open(QIODevice::ReadOnly)) return {};
    constexpr qint64 kChunk = 64 * 1024;
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::number(size));
    h.addData(f.read(kChunk));
    if (size > kChunk) {
        if (!f.seek(std::max(kChunk, size - kChunk))) return {};
        h.addData(f.read(kChunk));
    }
    return QString::fromLatin1(h.result().toHex());
}

bool ModelScanner::isHashable(const ModelEntry& e) {
    static const QStringList skip = {QStringLiteral("git_lfs_pointer"),
                                     QStringLiteral("html"),
                                     QStringLiteral("json"),
                                     QStringLiteral("empty"),
                                     QStringLiteral("diffusers_folder"),
                                     QStringLiteral("directory"),
                                     QStringLiteral("unreadable")};
    return !skip.contains(e.format);
}

void ModelScanner::update(const FoundFile& f, const QSet<QString>& vanishedHashes, ScanStats& stats) {
    const std::optional<ModelEntry> old = index_.entry(f.path);
    qint64 size = 0, mtime = 0;
    if (f.isFolder) {
        folderStats(f.path, &size, &mtime);
    } else {
        const QFileInfo fi(f.path);
        size = fi.size();
        mtime = fi.lastModified().toMSecsSinceEpoch();
    }
    if (old && old->size == size && old->mtimeMs == mtime && old->root == f.root &&
        old->kind == (f.folderKind ? *f.folderKind : modelKindForFamily(old->family))) {
        ++stats.unchanged;
        if (!old->usable) ++stats.notModels;
        return;
    }
    ModelEntry e = inspect(f);
    if (!e.usable) ++stats.notModels;
    const QString quick = isHashable(e) ? quickFingerprint(f.path, e.size) : QString();
    bool reused = false;
    if (const auto cached = index_.cachedHashes(e.size, e.mtimeMs, quick)) {
        e.sha256 = cached->sha256;
        e.autoV1 = cached->autoV1;
        e.addnet = cached->addnet;
        reused = true;
        ++stats.hashReused;
    }
    if (old)
        ++stats.changed;
    else if (reused && vanishedHashes.contains(e.sha256))
        ++stats.renamed;
    else
        ++stats.added;
    if (!index_.upsert(e, quick) && stats.error.isEmpty()) stats.error = index_.errorString();
}

ScanStats ModelScanner::scan(const QStringList& roots, const Progress& progress, const std::atomic<bool>* cancel) {
    ScanStats stats;
    QElapsedTimer timer;
    timer.start();
    QList<FoundFile> found;
    QSet<QString> normalizedRoots;
    for (const QString& r : roots) {
        const QString root = normalizeModelRoot(r);
        if (root.isEmpty() || normalizedRoots.contains(root)) continue;
        normalizedRoots.insert(root);
        found += listFiles(root);
    }
    QSet<QString> foundPaths;
    for (const FoundFile& f : found) foundPaths.insert(f.path);

    index_.beginTransaction();
    // Rows whose file is gone (remember their hashes: a new path with the same hashes is a rename).
    QSet<QString> vanished;
    for (const QString& root : normalizedRoots) {
        for (const ModelEntry& e : index_.entries(root)) {
            if (foundPaths.contains(e.path)) continue;
            if (!e.sha256.isEmpty()) vanished.insert(e.sha256);
            index_.remove(e.path);
            ++stats.removed;
        }
    }
    int done = 0;
    for (const FoundFile& f : found) {
        if (cancel && cancel->load()) {
            stats.cancelled = true;
            break;
        }
        if (progress) progress(done, int(found.size()), f.path);
        update(f, vanished, stats);
        ++done;
        if (done % 200 == 0) { // keep transactions bounded; readers see progress
            index_.commit();
            index_.beginTransaction();
        }
    }
    // A rename was counted as removed + renamed: report it once.
    stats.removed -= std::min(stats.removed, stats.renamed);
    if (!index_.commit() && stats.error.isEmpty()) stats.error = index_.errorString();
    if (progress) progress(done, int(found.size()), QString());
    stats.files = int(found.size());
    stats.scanMs = timer.elapsed();
    return stats;
}

std::optional<ModelEntry> ModelScanner::scanOne(const QString& pathIn, const QStringList& roots, ScanStats* statsOut) {
    ScanStats stats;
    const QString path = QDir::cleanPath(QFileInfo(pathIn).absoluteFilePath());
    const std::optional<FoundFile> f = QFileInfo::exists(path) ? locate(path, roots) : std::nullopt;
    std::optional<ModelEntry> result;
    if (!f) {
        if (index_.entry(path)) {
            index_.remove(path);
            ++stats.removed;
        }
    } else {
        update(*f, {}, stats);
        result = index_.entry(path);
        if (result) readSidecars(*result);
    }
    if (statsOut) *statsOut += stats;
    return result;
}

ScanStats ModelScanner::hashPending(const QStringList& roots, const Progress& progress, const std::atomic<bool>* cancel,
                                    const std::function<void(const ModelEntry&)>& done) {
    ScanStats stats;
    QElapsedTimer timer;
    timer.start();
    QList<ModelEntry> todo;
    for (const ModelEntry& e : entries(roots))
        if (!e.hashed() && isHashable(e)) todo << e;
    int n = 0;
    for (ModelEntry e : todo) {
        if (cancel && cancel->load()) {
            stats.cancelled = true;
            break;
        }
        if (progress) progress(n, int(todo.size()), e.path);
        ++n;
        const QFileInfo before(e.path);
        if (!before.exists() || before.size() != e.size || before.lastModified().toMSecsSinceEpoch() != e.mtimeMs)
            continue; // changed since the scan: the next scan handles it
        const QString quick = index_.quickFingerprint(e.path);
        if (const auto cached = index_.cachedHashes(e.size, e.mtimeMs, quick)) {
            e.sha256 = cached->sha256;
            e.autoV1 = cached->autoV1;
            e.addnet = cached->addnet;
            ++stats.hashReused;
        } else {
            const ModelHashResult r =
                ModelHashes::compute(e.path, e.format == QLatin1String("safetensors"), {}, cancel);
            if (r.cancelled) {
                stats.cancelled = true;
                break;
            }
            if (!r.ok) {
                ++stats.hashFailed;
                continue;
            }
            const QFileInfo after(e.path);
            if (after.size() != e.size || after.lastModified().toMSecsSinceEpoch() != e.mtimeMs) continue;
            e.sha256 = r.sha256;
            e.autoV1 = r.autoV1;
            e.addnet = r.addnet;
            ++stats.hashed;
        }
        if (!index_.setHashes(e.path, e.size, e.mtimeMs, quick, {e.sha256, e.autoV1, e.addnet})) {
            if (stats.error.isEmpty()) stats.error = index_.errorString();
            continue;
        }
        if (done) {
            readSidecars(e);
            done(e);
        }
    }
    if (progress) progress(n, int(todo.size()), QString());
    stats.hashMs = timer.elapsed();
    return stats;
}

QList<ModelEntry> ModelScanner::entries(const QStringList& roots) {
    QList<ModelEntry> out;
    if (roots.isEmpty()) {
        out = index_.entries();
    } else {
        QSet<QString> seen;
        for (const QString& r : roots) {
            const QString root = normalizeModelRoot(r);
            if (root.isEmpty() || seen.contains(root)) continue;
            seen.insert(root);
            for (ModelEntry& e : index_.entries(root))
                if (e.root == root) out << e; // nested roots: each row once, under its own root
        }
    }
    for (ModelEntry& e : out) readSidecars(e);
    return out;
}

} // namespace latent
