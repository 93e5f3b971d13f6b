// latent-soak-check: the helper of tests/soak/kill9_soak.sh (issue 20 item 2, SAFETY.md §2
// items 40-43). Every check reads the real files with the real readers.
//
//   serve --root DIR --size BYTES --port-file FILE
//       A local stand-in for Hugging Face (127.0.0.1): /api/models/soak/model, and
//       /soak/model/resolve/main/soak.safetensors (HEAD with X-Linked-Etag/-Size, GET with
//       Range/If-Range, sent slowly). The file (seeded bytes) is also written to DIR/source.bin.
//   prepare --data DIR --model FILE --pending N [--seed S]
//       Adds queued demo jobs to DIR/jobs.sqlite (through JobStore) until N are pending.
//   after-kill --data DIR --out DIR --models ROOT --source FILE --config FILE --state FILE
//       Right after SIGKILL: every PNG in the output and recovery folders is complete (every
//       chunk's CRC, IEND, decodable) with a `parameters` chunk; every image of a done job
//       exists; the three databases pass PRAGMA integrity_check; every gallery row names a
//       complete PNG; the settings file parses; the download list parses; an installed model
//       equals the source, a .part is a prefix of it. Records the running job, the pending jobs
//       and the images into the state file (JSON) for the next step. Prints one JSON line.
//   after-restart --data DIR --state FILE
//       With the studio running again: the job that was running at the kill is "interrupted"
//       (never re-run), every pending job is still there with the same parameters, and every
//       image recorded at the kill is in the gallery index (the startup rescan).
//   idle --data DIR [--count-done]
//       Exit 0 when no job is queued or running; with --count-done print the done jobs.
//   final --data DIR --out DIR
//       After the last, clean stop: the gallery index and the PNG files match exactly.
// Exit status: 0 all good, 1 a check failed (the reasons on stderr), 2 usage.
#include "app/gallery/gallery_store.h"
#include "app/jobs/job_store.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"

#include "common/fake_hub_server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <zlib.h>

#include <cstdio>

using namespace latent;

namespace {

QStringList g_failures;

void failure(const QString& what) {
    g_failures << what;
    std::fprintf(stderr, "soak-check: FAIL: %s\n", qPrintable(what));
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A complete PNG: signature, every chunk whole with a correct CRC, IHDR first, IEND last and
// nothing after it, decodable, with an A1111 `parameters` chunk. Empty string = good.
QString pngProblem(const QString& path) {
    const QByteArray b = readFile(path);
    if (!b.startsWith(PngText::signature())) return QStringLiteral("not a PNG (or empty)");
    qsizetype at = 8;
    bool sawIend = false, first = true;
    while (at < b.size()) {
        if (b.size() - at < 12) return QStringLiteral("cut inside a chunk header at byte %1").arg(at);
        const quint32 len = (quint32(uchar(b[at])) << 24) | (quint32(uchar(b[at + 1])) << 16) |
                            (quint32(uchar(b[at + 2])) << 8) | quint32(uchar(b[at + 3]));
        if (qsizetype(len) > b.size() - at - 12) return QStringLiteral("cut inside a chunk at byte %1").arg(at);
        const QByteArray type = b.mid(at + 4, 4);
        if (first && type != "IHDR") return QStringLiteral("first chunk is not IHDR");
        first = false;
        const uLong crc =
            crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(b.constData() + at + 4), uInt(len + 4));
        const qsizetype c = at + 8 + len;
        const quint32 stored = (quint32(uchar(b[c])) << 24) | (quint32(uchar(b[c + 1])) << 16) |
                               (quint32(uchar(b[c + 2])) << 8) | quint32(uchar(b[c + 3]));
        if (stored != quint32(crc)) return QStringLiteral("bad CRC in %1").arg(QString::fromLatin1(type));
        at = c + 4;
        if (type == "IEND") {
            sawIend = true;
            break;
        }
    }
    if (!sawIend) return QStringLiteral("no IEND");
    if (at != b.size()) return QStringLiteral("bytes after IEND");
    if (QImage::fromData(b, "PNG").isNull()) return QStringLiteral("does not decode");
    const PngTextReadResult text = PngText::read(b);
    if (!text.ok || text.value(QStringLiteral("parameters")).isEmpty()) return QStringLiteral("no parameters chunk");
    if (!text.value(QStringLiteral("parameters")).contains(QStringLiteral("Steps: ")))
        return QStringLiteral("parameters without Steps");
    return {};
}

QStringList pngsIn(const QString& dir) {
    QStringList out;
    QDirIterator it(dir, {QStringLiteral("*.png")}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) out << QFileInfo(it.next()).absoluteFilePath();
    out.sort();
    return out;
}

QStringList tempsIn(const QString& dir) {
    return QDir(dir).entryList({QStringLiteral(".latent-*.part")}, QDir::Files | QDir::Hidden);
}

QString sqlText(const QString& path, const QString& sql, bool* ok = nullptr) {
    const QString name = QUuid::createUuid().toString();
    QString result;
    bool good = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next()) {
                result = q.value(0).toString();
                good = true;
            } else {
                result = q.lastError().text();
            }
        } else {
            result = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (ok) *ok = good;
    return result;
}

void checkIntegrity(const QString& path, const QString& label) {
    if (!QFile::exists(path)) return;
    const QString r = sqlText(path, QStringLiteral("PRAGMA integrity_check"));
    if (r != QLatin1String("ok")) failure(QStringLiteral("%1: integrity_check says %2").arg(label, r));
}

// Jobs as the database has them (read-only connection).
QList<Job> jobsIn(const QString& db) {
    QList<Job> jobs;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        d.setDatabaseName(db);
        d.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        if (d.open()) {
            QSqlQuery q(d);
            if (q.exec(QStringLiteral("SELECT id, kind, params, state, results FROM jobs ORDER BY id"))) {
                while (q.next()) {
                    Job j;
                    j.id = q.value(0).toLongLong();
                    j.kind = q.value(1).toString();
                    j.params = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
                    j.state = jobStateFromName(q.value(3).toString()).value_or(JobState::Interrupted);
                    for (const auto& v : QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array())
                        j.results << v.toString();
                    jobs << j;
                }
            } else {
                failure(QStringLiteral("jobs.sqlite: %1").arg(q.lastError().text()));
            }
        }
        d.close();
    }
    QSqlDatabase::removeDatabase(name);
    return jobs;
}

QSet<QString> indexedPaths(const QString& db) {
    QSet<QString> out;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        d.setDatabaseName(db);
        d.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        if (d.open()) {
            QSqlQuery q(d);
            if (q.exec(QStringLiteral("SELECT path FROM images")))
                while (q.next()) out.insert(q.value(0).toString());
        }
        d.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

QByteArray sourceBytes(qint64 size) {
    return test::fakeSafetensors(size, 20);
}

int report(const QJsonObject& o) {
    QJsonObject out = o;
    out.insert(QStringLiteral("failures"), QJsonArray::fromStringList(g_failures));
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return g_failures.isEmpty() ? 0 : 1;
}

// --- serve ---------------------------------------------------------------------------------------

int serve(const QCommandLineParser& p) {
    const QByteArray data = sourceBytes(p.value(QStringLiteral("size")).toLongLong());
    QDir().mkpath(p.value(QStringLiteral("root")));
    {
        QSaveFile f(QDir(p.value(QStringLiteral("root"))).filePath(QStringLiteral("source.bin")));
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) return 1;
    }
    static test::FakeHubServer server;
    if (!server.isListening()) return 1;
    const QByteArray sha = test::sha256Hex(data).toLatin1();
    server.route("/api/models/soak/model", [](const test::HttpRequest&) {
        return test::jsonReply(200, R"({"id":"soak/model","tags":["lora"]})");
    });
    server.route("/soak/model/resolve/main/soak.safetensors", [data, sha](const test::HttpRequest& req) {
        test::HttpReply r = test::serveFile(req, data, test::FileOptions{"\"" + sha + "\""});
        r.header("X-Linked-Etag", "\"" + sha + "\"");
        r.header("X-Linked-Size", QByteArray::number(data.size()));
        r.chunkDelayMs = 10;
        r.chunkSize = 64 * 1024;
        return r;
    });
    QSaveFile portFile(p.value(QStringLiteral("port-file")));
    if (!portFile.open(QIODevice::WriteOnly)) return 1;
    portFile.write(QByteArray::number(server.port()) + '\n');
    portFile.commit();
    return QCoreApplication::exec();
}

// --- prepare -------------------------------------------------------------------------------------

int prepare(const QCommandLineParser& p) {
    JobStore store;
    if (!store.open(QDir(p.value(QStringLiteral("data"))).filePath(QStringLiteral("jobs.sqlite")))) {
        failure(store.errorString());
        return report({});
    }
    int pending = 0;
    for (const Job& j : store.loadAll())
        if (j.state == JobState::Queued) ++pending;
    const int want = p.value(QStringLiteral("pending")).toInt();
    QRandomGenerator rng(p.value(QStringLiteral("seed")).toUInt());
    qint64 position = 1000000 + QDateTime::currentMSecsSinceEpoch() % 1000000;
    int added = 0;
    for (; pending < want; ++pending, ++added) {
        Job j;
        j.kind = QStringLiteral("txt2img");
        j.state = JobState::Queued;
        j.position = position++;
        j.created = QDateTime::currentDateTimeUtc();
        j.params = QJsonObject{{QStringLiteral("prompt"), QStringLiteral("soak %1").arg(rng.generate())},
                               {QStringLiteral("steps"), int(3 + rng.bounded(6))},
                               {QStringLiteral("width"), 64},
                               {QStringLiteral("height"), 64},
                               {QStringLiteral("batch_size"), int(1 + rng.bounded(2))},
                               {QStringLiteral("seed"), qint64(rng.bounded(1000000))},
                               {QStringLiteral("sampler_name"), QStringLiteral("Euler a")},
                               {QStringLiteral("model_path"), p.value(QStringLiteral("model"))}};
        if (!store.insert(j)) {
            failure(store.errorString());
            break;
        }
    }
    return report({{QStringLiteral("added"), added}});
}

// --- after-kill ----------------------------------------------------------------------------------

int afterKill(const QCommandLineParser& p) {
    const QString data = p.value(QStringLiteral("data"));
    const QString out = p.value(QStringLiteral("out"));
    const QString recovery = QDir(data).filePath(QStringLiteral("recovery"));
    QJsonObject counts;

    // Images on disk.
    QStringList images = pngsIn(out) + pngsIn(recovery);
    QJsonArray good;
    for (const QString& png : std::as_const(images)) {
        const QString problem = pngProblem(png);
        if (problem.isEmpty())
            good.append(png);
        else
            failure(QStringLiteral("%1: %2").arg(png, problem));
    }
    counts.insert(QStringLiteral("images"), good.size());
    counts.insert(QStringLiteral("temporaries"), int(tempsIn(out).size() + tempsIn(recovery).size()));

    // The queue.
    const QString jobsDb = QDir(data).filePath(QStringLiteral("jobs.sqlite"));
    checkIntegrity(jobsDb, QStringLiteral("jobs.sqlite"));
    QJsonArray pending;
    qint64 running = 0;
    int done = 0, interrupted = 0;
    for (const Job& j : jobsIn(jobsDb)) {
        if (j.state == JobState::Running) running = j.id;
        if (j.state == JobState::Interrupted) ++interrupted;
        if (j.state == JobState::Queued)
            pending.append(QJsonObject{{QStringLiteral("id"), j.id}, {QStringLiteral("params"), j.params}});
        if (j.state == JobState::Done) {
            ++done;
            if (j.results.isEmpty()) failure(QStringLiteral("job %1 is done without images").arg(j.id));
            for (const QString& r : j.results) {
                if (!QFile::exists(r))
                    failure(QStringLiteral("job %1 reported %2, which is missing").arg(j.id).arg(r));
                else if (const QString problem = pngProblem(r); !problem.isEmpty())
                    failure(QStringLiteral("job %1 reported %2: %3").arg(j.id).arg(r, problem));
            }
        }
    }
    counts.insert(QStringLiteral("jobs_done"), done);
    counts.insert(QStringLiteral("jobs_interrupted"), interrupted);
    counts.insert(QStringLiteral("pending"), pending.size());
    counts.insert(QStringLiteral("running"), running);

    // The gallery: every row names a complete image.
    const QString galleryDb = QDir(data).filePath(QStringLiteral("gallery.sqlite"));
    checkIntegrity(galleryDb, QStringLiteral("gallery.sqlite"));
    const QSet<QString> indexed = indexedPaths(galleryDb);
    for (const QString& path : indexed) {
        if (!QFile::exists(path))
            failure(QStringLiteral("the gallery indexes %1, which is missing").arg(path));
        else if (const QString problem = pngProblem(path); !problem.isEmpty())
            failure(QStringLiteral("the gallery indexes %1: %2").arg(path, problem));
    }
    counts.insert(QStringLiteral("indexed"), int(indexed.size()));
    checkIntegrity(QDir(data).filePath(QStringLiteral("library.sqlite")), QStringLiteral("library.sqlite"));

    // The settings file: whole (QSettings writes a new file and renames it over the old one).
    const QString config = p.value(QStringLiteral("config"));
    if (QFile::exists(config)) {
        QSettings s(config, QSettings::IniFormat);
        if (s.status() != QSettings::NoError) failure(QStringLiteral("%1 does not parse").arg(config));
        const QByteArray bytes = readFile(config);
        if (bytes.isEmpty() || !bytes.endsWith('\n')) failure(QStringLiteral("%1 is truncated").arg(config));
        if (s.value(QStringLiteral("gallery/outputFolder")).toString() != out)
            failure(QStringLiteral("%1 lost gallery/outputFolder").arg(config));
    }
    const QString downloadsJson = QDir(data).filePath(QStringLiteral("downloads.json"));
    if (QFile::exists(downloadsJson) && !QJsonDocument::fromJson(readFile(downloadsJson)).isObject())
        failure(QStringLiteral("downloads.json does not parse"));

    // The download (the CLI killed with the studio).
    const QByteArray source = readFile(p.value(QStringLiteral("source")));
    const QString loraDir = QDir(p.value(QStringLiteral("models"))).filePath(QStringLiteral("Lora"));
    int installed = 0;
    qint64 partBytes = -1;
    for (const QFileInfo& fi : QDir(loraDir).entryInfoList(QDir::Files | QDir::Hidden)) {
        const QByteArray bytes = readFile(fi.absoluteFilePath());
        if (fi.fileName().endsWith(QLatin1String(".safetensors"))) {
            if (bytes != source)
                failure(QStringLiteral("%1 is installed but differs from the source").arg(fi.fileName()));
            ++installed;
        } else if (fi.fileName().endsWith(QLatin1String(".part"))) {
            partBytes = bytes.size();
            if (!source.startsWith(bytes))
                failure(QStringLiteral("%1 is not a prefix of the source").arg(fi.fileName()));
        }
    }
    counts.insert(QStringLiteral("model_installed"), installed);
    counts.insert(QStringLiteral("part_bytes"), partBytes);

    // For after-restart.
    QSaveFile state(p.value(QStringLiteral("state")));
    if (state.open(QIODevice::WriteOnly)) {
        state.write(QJsonDocument(QJsonObject{{QStringLiteral("running"), running},
                                              {QStringLiteral("pending"), pending},
                                              {QStringLiteral("images"), good}})
                        .toJson(QJsonDocument::Compact));
        state.commit();
    }
    return report(counts);
}

// --- after-restart -------------------------------------------------------------------------------

int afterRestart(const QCommandLineParser& p) {
    const QString data = p.value(QStringLiteral("data"));
    const QJsonObject state = QJsonDocument::fromJson(readFile(p.value(QStringLiteral("state")))).object();
    const QList<Job> jobs = jobsIn(QDir(data).filePath(QStringLiteral("jobs.sqlite")));
    QHash<qint64, Job> byId;
    for (const Job& j : jobs) byId.insert(j.id, j);
    const qint64 running = state.value(QStringLiteral("running")).toInteger();
    if (running > 0) {
        if (!byId.contains(running))
            failure(QStringLiteral("the killed job %1 is gone from the queue").arg(running));
        else if (byId[running].state != JobState::Interrupted)
            failure(QStringLiteral("the killed job %1 is \"%2\", not \"interrupted\"")
                        .arg(running)
                        .arg(jobStateName(byId[running].state)));
    }
    int intact = 0;
    for (const QJsonValue& v : state.value(QStringLiteral("pending")).toArray()) {
        const QJsonObject o = v.toObject();
        const qint64 id = o.value(QStringLiteral("id")).toInteger();
        if (!byId.contains(id)) {
            failure(QStringLiteral("pending job %1 is gone").arg(id));
            continue;
        }
        if (byId[id].params != o.value(QStringLiteral("params")).toObject())
            failure(QStringLiteral("pending job %1 changed its parameters").arg(id));
        else if (byId[id].state == JobState::Failed || byId[id].state == JobState::Cancelled)
            failure(QStringLiteral("pending job %1 became \"%2\"").arg(id).arg(jobStateName(byId[id].state)));
        else
            ++intact;
    }
    const QSet<QString> indexed = indexedPaths(QDir(data).filePath(QStringLiteral("gallery.sqlite")));
    int missing = 0;
    for (const QJsonValue& v : state.value(QStringLiteral("images")).toArray())
        if (!indexed.contains(v.toString())) {
            ++missing;
            failure(
                QStringLiteral("%1 (on disk at the kill) is not in the gallery after the restart").arg(v.toString()));
        }
    return report({{QStringLiteral("pending_intact"), intact},
                   {QStringLiteral("interrupted_checked"), running > 0},
                   {QStringLiteral("unindexed"), missing}});
}

// --- idle ----------------------------------------------------------------------------------------

int idle(const QCommandLineParser& p) {
    int busy = 0, done = 0;
    for (const Job& j : jobsIn(QDir(p.value(QStringLiteral("data"))).filePath(QStringLiteral("jobs.sqlite")))) {
        if (j.state == JobState::Queued || j.state == JobState::Running) ++busy;
        if (j.state == JobState::Done) ++done;
    }
    if (p.isSet(QStringLiteral("count-done"))) {
        std::printf("%d\n", done);
        return 0;
    }
    return busy == 0 ? 0 : 1;
}

// --- final ---------------------------------------------------------------------------------------

int finalCheck(const QCommandLineParser& p) {
    const QString data = p.value(QStringLiteral("data"));
    const QString out = p.value(QStringLiteral("out"));
    QSet<QString> files;
    for (const QString& f : pngsIn(out) + pngsIn(QDir(data).filePath(QStringLiteral("recovery")))) files.insert(f);
    const QSet<QString> indexed = indexedPaths(QDir(data).filePath(QStringLiteral("gallery.sqlite")));
    for (const QString& f : files)
        if (!indexed.contains(f)) failure(QStringLiteral("%1 is not in the gallery").arg(f));
    for (const QString& f : indexed)
        if (!files.contains(f)) failure(QStringLiteral("the gallery indexes %1, which is not a file").arg(f));
    for (const QString& f : files)
        if (const QString problem = pngProblem(f); !problem.isEmpty())
            failure(QStringLiteral("%1: %2").arg(f, problem));
    checkIntegrity(QDir(data).filePath(QStringLiteral("jobs.sqlite")), QStringLiteral("jobs.sqlite"));
    checkIntegrity(QDir(data).filePath(QStringLiteral("gallery.sqlite")), QStringLiteral("gallery.sqlite"));
    return report({{QStringLiteral("images"), int(files.size())}, {QStringLiteral("indexed"), int(indexed.size())}});
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("command"),
                            QStringLiteral("serve|prepare|after-kill|after-restart|idle|final"));
    for (const char* name : {"root", "size", "port-file", "data", "model", "pending", "seed", "out", "models", "source",
                             "config", "state"})
        p.addOption(QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("value")));
    p.addOption(QCommandLineOption(QStringLiteral("count-done")));
    p.process(app);
    const QString command = p.positionalArguments().value(0);
    if (command == QLatin1String("serve")) return serve(p);
    if (command == QLatin1String("prepare")) return prepare(p);
    if (command == QLatin1String("after-kill")) return afterKill(p);
    if (command == QLatin1String("after-restart")) return afterRestart(p);
    if (command == QLatin1String("idle")) return idle(p);
    if (command == QLatin1String("final")) return finalCheck(p);
    std::fprintf(stderr, "usage: latent-soak-check serve|prepare|after-kill|after-restart|idle|final [options]\n");
    return 2;
}
