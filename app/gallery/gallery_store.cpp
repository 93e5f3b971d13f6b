#include "app/gallery/gallery_store.h"

#include "app/core/notices.h"
#include "app/metadata/generation_params.h"
#include "app/storage/sqlite_schema.h"
#include "app/metadata/png_text.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

#include <algorithm>

namespace latent {

namespace {

constexpr const char* kColumns = "id, path, created, file_size, width, height, infotext, prompt, negative_prompt, "
                                 "model, model_hash, sampler, seed, steps, cfg_scale, favourite";

// NOT NULL text columns: a null QString would bind as SQL NULL.
QString text(const QString& s) {
    return s.isNull() ? QStringLiteral("") : s;
}
QVariant optionalValue(const std::optional<qint64>& v) {
    return v ? QVariant(*v) : QVariant();
}
QVariant optionalValue(const std::optional<int>& v) {
    return v ? QVariant(*v) : QVariant();
}
QVariant optionalValue(const std::optional<double>& v) {
    return v ? QVariant(*v) : QVariant();
}

GalleryEntry entryFromQuery(const QSqlQuery& q) {
    GalleryEntry e;
    e.id = q.value(0).toLongLong();
    e.path = q.value(1).toString();
    e.created = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    e.fileSize = q.value(3).toLongLong();
    e.width = q.value(4).toInt();
    e.height = q.value(5).toInt();
    e.infotext = q.value(6).toString();
    e.prompt = q.value(7).toString();
    e.negativePrompt = q.value(8).toString();
    e.model = q.value(9).toString();
    e.modelHash = q.value(10).toString();
    e.sampler = q.value(11).toString();
    if (!q.value(12).isNull()) e.seed = q.value(12).toLongLong();
    if (!q.value(13).isNull()) e.steps = q.value(13).toInt();
    if (!q.value(14).isNull()) e.cfgScale = q.value(14).toDouble();
    e.favourite = q.value(15).toBool();
    return e;
}

// LIKE pattern matching `text` literally.
QString likePattern(const QString& text) {
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

GalleryStore::GalleryStore(QString databasePath)
    : connection_(QStringLiteral("gallery-") + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      path_(std::move(databasePath)) {}

GalleryStore::~GalleryStore() {
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isOpen()) db.close();
    }
    if (QSqlDatabase::contains(connection_)) QSqlDatabase::removeDatabase(connection_);
}

QString GalleryStore::defaultDatabasePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/gallery.sqlite");
}

bool GalleryStore::fail(const QString& message, QString* error) const {
    lastError_ = message;
    if (error) *error = message;
    return false;
}

bool GalleryStore::open(QString* error) {
    if (open_) return true;
    const QFileInfo fi(path_);
    if (!QDir().mkpath(fi.absolutePath()))
        return fail(QStringLiteral("The gallery folder \"%1\" could not be created.").arg(fi.absolutePath()), error);
    QSqlDatabase db = QSqlDatabase::contains(connection_)
                          ? QSqlDatabase::database(connection_, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(path_);
    SqliteSchema schema;
    schema.fileLabel =
        QCoreApplication::translate("GalleryStore", "The gallery index (%1)").arg(QFileInfo(path_).fileName());
    // Version 1: the tables of the unversioned releases (IF NOT EXISTS: they may be there already).
    schema.steps << SchemaStep{1,
                               {QStringLiteral("CREATE TABLE IF NOT EXISTS images ("
                                               " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                               " path TEXT NOT NULL UNIQUE,"
                                               " created INTEGER NOT NULL,"
                                               " file_size INTEGER NOT NULL DEFAULT 0,"
                                               " width INTEGER NOT NULL DEFAULT 0,"
                                               " height INTEGER NOT NULL DEFAULT 0,"
                                               " infotext TEXT NOT NULL DEFAULT '',"
                                               " prompt TEXT NOT NULL DEFAULT '',"
                                               " negative_prompt TEXT NOT NULL DEFAULT '',"
                                               " model TEXT NOT NULL DEFAULT '',"
                                               " model_hash TEXT NOT NULL DEFAULT '',"
                                               " sampler TEXT NOT NULL DEFAULT '',"
                                               " seed INTEGER, steps INTEGER, cfg_scale REAL,"
                                               " favourite INTEGER NOT NULL DEFAULT 0)"),
                                QStringLiteral("CREATE INDEX IF NOT EXISTS images_created ON images(created DESC, id DESC)"),
                                QStringLiteral("CREATE INDEX IF NOT EXISTS images_model ON images(model)")}};
    static_assert(kSchemaVersion == 1, "add a SchemaStep for the new version");
    const SchemaOpenResult r = openVersionedDatabase(db, schema);
    if (!r.ok) return fail(r.error, error);
    readOnly_ = r.readOnly;
    if (r.readOnly) Notices::instance()->post(r.message);
    if (r.migrated)
        qInfo("latent: %s upgraded from data version %d to %d", qPrintable(path_), r.foundVersion, r.version);
    open_ = true;
    return true;
}

std::optional<GalleryEntry> GalleryStore::readImageFile(const QString& path, QString* error) {
    const QFileInfo fi(path);
    if (!fi.isFile()) {
        if (error) *error = QStringLiteral("\"%1\" does not exist.").arg(path);
        return std::nullopt;
    }
    const PngTextReadResult png = PngText::readFile(fi.absoluteFilePath());
    if (!png.ok) {
        if (error) *error = png.error;
        return std::nullopt;
    }
    GalleryEntry e;
    e.path = fi.absoluteFilePath();
    e.created = fi.lastModified().toUTC();
    e.fileSize = fi.size();
    e.width = png.width;
    e.height = png.height;
    // The infotext is untrusted: fromInfotext caps and clamps it; keep the same cap for storage.
    const QString text = png.value(QStringLiteral("parameters"));
    if (!text.isEmpty()) {
        e.infotext = text.left(GenerationParams::kMaxInfotextChars);
        const GenerationParams p = GenerationParams::fromInfotext(text);
        e.prompt = p.prompt;
        e.negativePrompt = p.negativePrompt;
        e.model = p.modelName.left(256);
        e.modelHash = p.modelHash.left(64);
        e.sampler = p.sampler.left(64);
        e.seed = p.seed;
        e.steps = p.steps;
        e.cfgScale = p.cfgScale;
    }
    return e;
}

QList<GalleryEntry> GalleryStore::scanFolders(const QStringList& folders, const std::atomic_bool* cancel, int* skipped,
                                              const QSet<QString>* known) {
    QList<GalleryEntry> out;
    QSet<QString> seen;
    int bad = 0;
    for (const QString& folder : folders) {
        if (folder.isEmpty() || !QFileInfo(folder).isDir()) continue;
        QDirIterator it(folder, {QStringLiteral("*.png"), QStringLiteral("*.PNG")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (cancel && cancel->load()) break;
            const QString path = QFileInfo(it.next()).absoluteFilePath();
            if (QFileInfo(path).fileName().startsWith(QLatin1Char('.')) || seen.contains(path)) continue;
            if (known && known->contains(path)) continue;
            seen.insert(path);
            if (auto e = readImageFile(path))
                out.append(*e);
            else
                ++bad;
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const GalleryEntry& a, const GalleryEntry& b) {
        if (a.created != b.created) return a.created < b.created;
        return a.path < b.path;
    });
    if (skipped) *skipped = bad;
    return out;
}

std::optional<GalleryEntry> GalleryStore::addImage(const QString& path, QString* error) {
    QString why;
    const auto e = readImageFile(path, &why);
    if (!e) {
        fail(why, error);
        return std::nullopt;
    }
    return upsert(*e, error);
}

std::optional<GalleryEntry> GalleryStore::upsert(const GalleryEntry& in, QString* error) {
    if (!open_) {
        fail(QStringLiteral("The gallery index is not open."), error);
        return std::nullopt;
    }
    QSqlDatabase db = QSqlDatabase::database(connection_);
    QSqlQuery q(db);
    // ON CONFLICT keeps the row's id and favourite flag when the same file is added again.
    q.prepare(QStringLiteral("INSERT INTO images (path, created, file_size, width, height, infotext, prompt, "
                             "negative_prompt, model, model_hash, sampler, seed, steps, cfg_scale, favourite) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                             "ON CONFLICT(path) DO UPDATE SET created=excluded.created, file_size=excluded.file_size, "
                             "width=excluded.width, height=excluded.height, infotext=excluded.infotext, "
                             "prompt=excluded.prompt, negative_prompt=excluded.negative_prompt, model=excluded.model, "
                             "model_hash=excluded.model_hash, sampler=excluded.sampler, seed=excluded.seed, "
                             "steps=excluded.steps, cfg_scale=excluded.cfg_scale"));
    q.addBindValue(in.path);
    q.addBindValue(in.created.toMSecsSinceEpoch());
    q.addBindValue(in.fileSize);
    q.addBindValue(in.width);
    q.addBindValue(in.height);
    q.addBindValue(text(in.infotext));
    q.addBindValue(text(in.prompt));
    q.addBindValue(text(in.negativePrompt));
    q.addBindValue(text(in.model));
    q.addBindValue(text(in.modelHash));
    q.addBindValue(text(in.sampler));
    q.addBindValue(optionalValue(in.seed));
    q.addBindValue(optionalValue(in.steps));
    q.addBindValue(optionalValue(in.cfgScale));
    q.addBindValue(in.favourite ? 1 : 0);
    if (!q.exec()) {
        fail(QStringLiteral("The image could not be added to the gallery index: %1").arg(q.lastError().text()), error);
        qWarning("latent: gallery: %s", qPrintable(lastError_));
        return std::nullopt;
    }
    qDebug("latent: gallery: indexed %s", qPrintable(in.path));
    return entryByPath(in.path);
}

int GalleryStore::replaceAll(const QList<GalleryEntry>& entries, QString* error) {
    if (!open_) return fail(QStringLiteral("The gallery index is not open."), error), -1;
    QSqlDatabase db = QSqlDatabase::database(connection_);
    QHash<QString, bool> favourites;
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT path FROM images WHERE favourite = 1")))
            while (q.next()) favourites.insert(q.value(0).toString(), true);
    }
    if (!db.transaction()) return fail(db.lastError().text(), error), -1;
    QSqlQuery del(db);
    if (!del.exec(QStringLiteral("DELETE FROM images"))) {
        const QString why = del.lastError().text();
        db.rollback();
        return fail(why, error), -1;
    }
    for (GalleryEntry e : entries) {
        e.favourite = e.favourite || favourites.contains(e.path);
        QString why;
        if (!upsert(e, &why)) {
            db.rollback();
            return fail(why, error), -1;
        }
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return fail(why, error), -1;
    }
    return count();
}

int GalleryStore::addEntries(const QList<GalleryEntry>& entries, QString* error) {
    if (!open_) return fail(QStringLiteral("The gallery index is not open."), error), -1;
    QSqlDatabase db = QSqlDatabase::database(connection_);
    if (!db.transaction()) return fail(db.lastError().text(), error), -1;
    for (const GalleryEntry& e : entries) {
        QString why;
        if (!upsert(e, &why)) {
            db.rollback();
            return fail(why, error), -1;
        }
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return fail(why, error), -1;
    }
    return int(entries.size());
}

QSet<QString> GalleryStore::indexedPaths() const {
    QSet<QString> out;
    if (!open_) return out;
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (q.exec(QStringLiteral("SELECT path FROM images")))
        while (q.next()) out.insert(q.value(0).toString());
    return out;
}

int GalleryStore::rebuild(const QStringList& folders, QString* error) {
    return replaceAll(scanFolders(folders), error);
}

QList<GalleryEntry> GalleryStore::query(const GalleryQuery& query) const {
    QList<GalleryEntry> out;
    if (!open_) return out;
    QString sql = QStringLiteral("SELECT %1 FROM images WHERE 1=1").arg(QLatin1String(kColumns));
    QVariantList binds;
    if (!query.text.trimmed().isEmpty()) {
        sql += QStringLiteral(" AND prompt LIKE ? ESCAPE '\\'");
        binds << likePattern(query.text.trimmed());
    }
    if (!query.model.isEmpty()) {
        sql += QStringLiteral(" AND model = ?");
        binds << query.model;
    }
    if (query.favouritesOnly) sql += QStringLiteral(" AND favourite = 1");
    sql += QStringLiteral(" ORDER BY created DESC, id DESC");
    if (query.limit >= 0) sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(query.limit).arg(std::max(0, query.offset));
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(sql);
    for (const QVariant& v : binds) q.addBindValue(v);
    if (!q.exec()) {
        lastError_ = q.lastError().text();
        return out;
    }
    while (q.next()) out.append(entryFromQuery(q));
    return out;
}

std::optional<GalleryEntry> GalleryStore::entry(qint64 id) const {
    if (!open_) return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("SELECT %1 FROM images WHERE id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) return std::nullopt;
    return entryFromQuery(q);
}

std::optional<GalleryEntry> GalleryStore::entryByPath(const QString& path) const {
    if (!open_) return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("SELECT %1 FROM images WHERE path = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(QFileInfo(path).absoluteFilePath());
    if (!q.exec() || !q.next()) return std::nullopt;
    return entryFromQuery(q);
}

int GalleryStore::count() const {
    if (!open_) return 0;
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM images")) || !q.next()) return 0;
    return q.value(0).toInt();
}

QStringList GalleryStore::models() const {
    QStringList out;
    if (!open_) return out;
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (!q.exec(QStringLiteral("SELECT DISTINCT model FROM images WHERE model <> '' ORDER BY model"))) return out;
    while (q.next()) out << q.value(0).toString();
    return out;
}

bool GalleryStore::setFavourite(qint64 id, bool favourite) {
    if (!open_) return false;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("UPDATE images SET favourite = ? WHERE id = ?"));
    q.addBindValue(favourite ? 1 : 0);
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

bool GalleryStore::remove(qint64 id, RemoveMode mode, QString* error) {
    const auto e = entry(id);
    if (!e) return fail(QStringLiteral("The image is not in the gallery."), error);
    if (mode != RemoveMode::IndexOnly && QFileInfo::exists(e->path)) {
        if (mode == RemoveMode::MoveToTrash) {
            if (!QFile::moveToTrash(e->path))
                return fail(
                    QStringLiteral("\"%1\" could not be moved to the trash.").arg(QFileInfo(e->path).fileName()),
                    error);
        } else if (!QFile::remove(e->path)) {
            return fail(QStringLiteral("\"%1\" could not be deleted.").arg(QFileInfo(e->path).fileName()), error);
        }
    }
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("DELETE FROM images WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) return fail(q.lastError().text(), error);
    return true;
}

} // namespace latent
