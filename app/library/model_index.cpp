#include "app/library/model_index.h"

#include "app/core/notices.h"
#include "app/storage/sqlite_schema.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace latent {

namespace {

constexpr const char* kColumns =
    "path, root, kind, size, mtime, format, usable, problem, family, base_family, prediction, inpainting, layout, "
    "sha256, autov1, addnet, metadata, tags";

ModelEntry rowToEntry(const QSqlQuery& q) {
    ModelEntry e;
    e.path = q.value(0).toString();
    e.root = q.value(1).toString();
    e.kind = modelKindFromName(q.value(2).toString()).value_or(ModelKind::Unknown);
    e.size = q.value(3).toLongLong();
    e.mtimeMs = q.value(4).toLongLong();
    e.format = q.value(5).toString();
    e.usable = q.value(6).toBool();
    e.problem = q.value(7).toString();
    e.family = q.value(8).toString();
    e.baseFamily = q.value(9).toString();
    e.prediction = q.value(10).toString();
    e.inpainting = q.value(11).toBool();
    e.layout = q.value(12).toString();
    e.sha256 = q.value(13).toString();
    e.autoV1 = q.value(14).toString();
    e.addnet = q.value(15).toString();
    e.metadata = QJsonDocument::fromJson(q.value(16).toString().toUtf8()).object();
    for (const QJsonValue& v : QJsonDocument::fromJson(q.value(17).toString().toUtf8()).array()) e.tags << v.toString();
    return e;
}

QString underRootPattern(QString root) {
    // LIKE pattern for "root/..." with the wildcard characters of the root escaped.
    root.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    root.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    root.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    if (!root.endsWith(QLatin1Char('/'))) root += QLatin1Char('/');
    return root + QLatin1Char('%');
}

} // namespace

ModelIndex::ModelIndex()
    : connection_(QStringLiteral("library-") + QUuid::createUuid().toString(QUuid::WithoutBraces)) {}

ModelIndex::~ModelIndex() {
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isOpen()) db.close();
    }
    QSqlDatabase::removeDatabase(connection_);
}

bool ModelIndex::isOpen() const {
    return QSqlDatabase::database(connection_, false).isOpen();
}

bool ModelIndex::exec(const QString& sql) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (!q.exec(sql)) {
        error_ = q.lastError().text();
        return false;
    }
    return true;
}

bool ModelIndex::open(const QString& path) {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(path);
    SqliteSchema schema;
    schema.fileLabel = QCoreApplication::translate("ModelIndex", "The model library index (%1)")
                           .arg(QFileInfo(path).fileName());
    // Version 1: the tables of the unversioned releases (IF NOT EXISTS: they may be there already).
    schema.steps << SchemaStep{1,
                               {QStringLiteral("CREATE TABLE IF NOT EXISTS models ("
                                               " path TEXT PRIMARY KEY, root TEXT NOT NULL, kind TEXT NOT NULL,"
                                               " size INTEGER NOT NULL, mtime INTEGER NOT NULL, format TEXT NOT NULL,"
                                               " usable INTEGER NOT NULL, problem TEXT, family TEXT, base_family TEXT,"
                                               " prediction TEXT, inpainting INTEGER NOT NULL DEFAULT 0, layout TEXT,"
                                               " sha256 TEXT, autov1 TEXT, addnet TEXT, metadata TEXT, tags TEXT,"
                                               " quick TEXT)"),
                                QStringLiteral("CREATE TABLE IF NOT EXISTS hash_cache ("
                                               " size INTEGER NOT NULL, mtime INTEGER NOT NULL, quick TEXT NOT NULL,"
                                               " sha256 TEXT NOT NULL, autov1 TEXT, addnet TEXT,"
                                               " PRIMARY KEY (size, mtime, quick))")}};
    static_assert(kSchemaVersion == 1, "add a SchemaStep for the new version");
    const SchemaOpenResult r = openVersionedDatabase(db, schema);
    if (!r.ok) {
        error_ = r.error;
        return false;
    }
    readOnly_ = r.readOnly;
    if (r.readOnly) Notices::instance()->post(r.message);
    if (r.migrated) qInfo("latent: %s upgraded from data version %d to %d", qPrintable(path), r.foundVersion, r.version);
    return true;
}

QList<ModelEntry> ModelIndex::entries(const QString& root) {
    QList<ModelEntry> out;
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (root.isEmpty()) {
        q.prepare(QStringLiteral("SELECT %1 FROM models ORDER BY path").arg(QLatin1String(kColumns)));
    } else {
        q.prepare(QStringLiteral("SELECT %1 FROM models WHERE path LIKE ? ESCAPE '\\' ORDER BY path")
                      .arg(QLatin1String(kColumns)));
        q.addBindValue(underRootPattern(root));
    }
    if (!q.exec()) {
        error_ = q.lastError().text();
        return out;
    }
    while (q.next()) out << rowToEntry(q);
    return out;
}

std::optional<ModelEntry> ModelIndex::entry(const QString& path) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("SELECT %1 FROM models WHERE path = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(path);
    if (!q.exec()) {
        error_ = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next()) return std::nullopt;
    return rowToEntry(q);
}

bool ModelIndex::upsert(const ModelEntry& e, const QString& quick) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO models (%1, quick) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(e.path);
    q.addBindValue(e.root);
    q.addBindValue(modelKindName(e.kind));
    q.addBindValue(e.size);
    q.addBindValue(e.mtimeMs);
    q.addBindValue(e.format);
    q.addBindValue(e.usable ? 1 : 0);
    q.addBindValue(e.problem);
    q.addBindValue(e.family);
    q.addBindValue(e.baseFamily);
    q.addBindValue(e.prediction);
    q.addBindValue(e.inpainting ? 1 : 0);
    q.addBindValue(e.layout);
    q.addBindValue(e.sha256);
    q.addBindValue(e.autoV1);
    q.addBindValue(e.addnet);
    q.addBindValue(QString::fromUtf8(QJsonDocument(e.metadata).toJson(QJsonDocument::Compact)));
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(e.tags)).toJson(QJsonDocument::Compact)));
    q.addBindValue(quick);
    if (!q.exec()) {
        error_ = q.lastError().text();
        return false;
    }
    return true;
}

bool ModelIndex::remove(const QString& path) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("DELETE FROM models WHERE path = ?"));
    q.addBindValue(path);
    if (!q.exec()) {
        error_ = q.lastError().text();
        return false;
    }
    return true;
}

QString ModelIndex::quickFingerprint(const QString& path) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("SELECT quick FROM models WHERE path = ?"));
    q.addBindValue(path);
    if (!q.exec() || !q.next()) return {};
    return q.value(0).toString();
}

bool ModelIndex::setHashes(const QString& path, qint64 size, qint64 mtimeMs, const QString& quick,
                           const CachedHashes& h) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral(
        "UPDATE models SET sha256 = ?, autov1 = ?, addnet = ? WHERE path = ? AND size = ? AND mtime = ?"));
    q.addBindValue(h.sha256);
    q.addBindValue(h.autoV1);
    q.addBindValue(h.addnet);
    q.addBindValue(path);
    q.addBindValue(size);
    q.addBindValue(mtimeMs);
    if (!q.exec()) {
        error_ = q.lastError().text();
        return false;
    }
    if (quick.isEmpty()) return true;
    QSqlQuery c(QSqlDatabase::database(connection_));
    c.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO hash_cache (size, mtime, quick, sha256, autov1, addnet) VALUES (?,?,?,?,?,?)"));
    c.addBindValue(size);
    c.addBindValue(mtimeMs);
    c.addBindValue(quick);
    c.addBindValue(h.sha256);
    c.addBindValue(h.autoV1);
    c.addBindValue(h.addnet);
    if (!c.exec()) {
        error_ = c.lastError().text();
        return false;
    }
    return true;
}

std::optional<CachedHashes> ModelIndex::cachedHashes(qint64 size, qint64 mtimeMs, const QString& quick) {
    if (quick.isEmpty()) return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(
        QStringLiteral("SELECT sha256, autov1, addnet FROM hash_cache WHERE size = ? AND mtime = ? AND quick = ?"));
    q.addBindValue(size);
    q.addBindValue(mtimeMs);
    q.addBindValue(quick);
    if (!q.exec() || !q.next()) return std::nullopt;
    return CachedHashes{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()};
}

bool ModelIndex::beginTransaction() {
    return QSqlDatabase::database(connection_).transaction();
}
bool ModelIndex::commit() {
    return QSqlDatabase::database(connection_).commit();
}

} // namespace latent
