// `latentstudio-cli bench dispatch`: throughput of "Any" dispatch over several remote backends.
// Each backend first runs a few images alone (after one warm-up) to measure its time per image
// T_i; then N images go to "Any" over all of them through the studio's RemoteDispatcher and the
// real job queue. Ideal wall time = N / Σ(1/T_i) (for two equal backends, N·T/2); the figures say
// how close dispatch gets. With --spawn K it first starts K local `latentstudio-cli serve`
// processes on free ports (default model: the built-in demo model) and stops them afterwards.
#include "app/cli/cli_bench_dispatch.h"

#include "app/cli/cli_txt2img.h"
#include "app/core/settings.h"
#include "app/downloads/download_safety.h"
#include "app/jobs/job_queue.h"
#include "app/remote/backend_registry.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/remote_dispatcher.h"
#include "app/worker/studio_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace latent {

namespace {

int fail(const QString& message) { return cliFail(2, message); }

// Runs the event loop until every job in `ids` is final or `timeoutMs` passed.
bool waitJobs(JobQueue& queue, const QList<qint64>& ids, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        bool all = true;
        for (qint64 id : ids)
            if (!isFinalState(queue.job(id)->state)) all = false;
        if (all) return true;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return false;
}

quint16 freePort() {
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

// Waits until `url` answers an HTTP request (any status); false at once when `process` ended.
bool waitServing(const QUrl& url, const QProcess& process, int timeoutMs) {
    QNetworkAccessManager nam;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (process.state() == QProcess::NotRunning) return false;
        QNetworkReply* r = nam.get(QNetworkRequest(url));
        QEventLoop loop;
        QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r->deleteLater();
        if (status > 0) return true;
        QEventLoop pause;
        QTimer::singleShot(200, &pause, &QEventLoop::quit);
        pause.exec();
    }
    return false;
}

} // namespace

int runBenchDispatchCommand(const QStringList& argsIn) {
    QStringList urls;
    QString kindName = QStringLiteral("a1111"), prompt = QStringLiteral("a photo of an astronaut riding a horse"),
            model, modelPath, outDir;
    int images = 40, solo = 3, steps = 10, width = 128, height = 128, spawn = 0, concurrency = 0, timeoutS = 3600;
    for (int i = 0; i < argsIn.size(); ++i) {
        const QString a = argsIn[i];
        if (a == QLatin1String("--plain")) continue;
        if (i + 1 >= argsIn.size()) return fail(QCoreApplication::translate("Cli", "bench dispatch: %1 needs a value").arg(a));
        const QString v = argsIn[++i];
        bool ok = true;
        if (a == QLatin1String("--backends")) urls = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
        else if (a == QLatin1String("--kind")) kindName = v;
        else if (a == QLatin1String("--images")) images = v.toInt(&ok);
        else if (a == QLatin1String("--solo")) solo = v.toInt(&ok);
        else if (a == QLatin1String("--steps")) steps = v.toInt(&ok);
        else if (a == QLatin1String("--width")) width = v.toInt(&ok);
        else if (a == QLatin1String("--height")) height = v.toInt(&ok);
        else if (a == QLatin1String("--prompt")) prompt = v;
        else if (a == QLatin1String("--model")) model = v;
        else if (a == QLatin1String("--model-path")) modelPath = v;
        else if (a == QLatin1String("--spawn")) spawn = v.toInt(&ok);
        else if (a == QLatin1String("--concurrency")) concurrency = v.toInt(&ok);
        else if (a == QLatin1String("--timeout")) timeoutS = v.toInt(&ok);
        else if (a == QLatin1String("--out")) outDir = v;
        else return fail(QCoreApplication::translate("Cli", "bench dispatch: unknown option %1").arg(a));
        if (!ok) return fail(QCoreApplication::translate("Cli", "bench dispatch: %1 needs a number").arg(a));
    }
    const std::optional<BackendKind> kind = backendKindFromName(kindName);
    if (!kind) return fail(QCoreApplication::translate("Cli", "bench dispatch: --kind must be a1111, runpod or openai"));
    if (images < 1 || solo < 1 || spawn < 0 || spawn > 8)
        return fail(QCoreApplication::translate("Cli", "bench dispatch: --images and --solo must be positive, --spawn 0-8"));

    // Local `serve` processes when asked.
    std::vector<std::unique_ptr<QProcess>> servers;
    auto stopServers = [&] {
        for (auto& p : servers) {
            p->terminate();
            if (!p->waitForFinished(10000)) p->kill();
        }
        servers.clear();
    };
    QTemporaryDir serveDirs; // each `serve` gets its own data and output folders
    if (spawn > 0) {
        // `serve` (issue 15) runs the built-in demo model unless a models folder is given.
        if (modelPath.isEmpty() && StudioSession::demoModelPath().isEmpty())
            return fail(QCoreApplication::translate("Cli", "bench dispatch: --spawn needs --model-path (no demo model found)"));
        for (int k = 0; k < spawn; ++k) {
            const quint16 port = freePort();
            const QString data = QDir(serveDirs.path()).filePath(QStringLiteral("serve%1").arg(k));
            QStringList serveArgs{QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("serve"),
                                  QStringLiteral("--port"), QString::number(port), QStringLiteral("--data-dir"), data,
                                  QStringLiteral("--output-dir"), QDir(data).filePath(QStringLiteral("out"))};
            if (!modelPath.isEmpty()) serveArgs << QStringLiteral("--models-root") << QFileInfo(modelPath).absolutePath();
            auto p = std::make_unique<QProcess>();
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p->start(QCoreApplication::applicationFilePath(), serveArgs);
            const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
            servers.push_back(std::move(p));
            if (!waitServing(QUrl(url + QStringLiteral("/sdapi/v1/progress")), *servers.back(), 60000)) {
                stopServers();
                return cliFail(1, QCoreApplication::translate("Cli", "bench dispatch: the serve process on port %1 did not start").arg(port));
            }
            urls << url;
        }
        if (model.isEmpty() && !modelPath.isEmpty()) model = QFileInfo(modelPath).completeBaseName();
    }
    if (urls.isEmpty()) return fail(QCoreApplication::translate("Cli", "bench dispatch: give --backends URL,URL or --spawn N"));

    QTemporaryDir scratch;
    if (outDir.isEmpty()) outDir = scratch.path();
    QSettings qs(QDir(scratch.path()).filePath(QStringLiteral("bench.ini")), QSettings::IniFormat);
    Settings settings(&qs);
    BackendRegistry registry(settings);
    BackendSecrets secrets;
    const QString secret = qEnvironmentVariable("LATENT_BACKEND_SECRET").trimmed();
    registerSecret(secret);
    QList<BackendConfig> configs;
    for (int k = 0; k < urls.size(); ++k) {
        BackendConfig c;
        c.name = QStringLiteral("b%1").arg(k + 1);
        c.kind = *kind;
        c.url = QUrl(urls[k].trimmed());
        c.concurrency = concurrency;
        c.timeoutSeconds = timeoutS;
        c.model = model;
        const QString invalid = c.validate();
        if (!invalid.isEmpty()) {
            stopServers();
            return fail(invalid);
        }
        secrets.setSessionSecret(c.name, secret);
        configs << c;
    }
    JobQueue queue(nullptr, QueueLimits{100000, 8});
    RemoteDispatcher dispatcher(&queue, &registry, &secrets, nullptr);
    dispatcher.setOutputDir(outDir);
    const QJsonObject params{{QStringLiteral("prompt"), prompt},     {QStringLiteral("seed"), 1},
                             {QStringLiteral("steps"), steps},       {QStringLiteral("width"), width},
                             {QStringLiteral("height"), height},     {QStringLiteral("sampler_name"), QStringLiteral("Euler")},
                             {QStringLiteral("cfg_scale"), 7.0},     {QStringLiteral("batch_size"), 1}};
    auto enqueue = [&](const QString& target, int n) {
        QList<qint64> ids;
        for (int i = 0; i < n; ++i) {
            QJsonObject p = params;
            p.insert(QStringLiteral("seed"), 1 + i);
            p.insert(QStringLiteral("backend"), target);
            ids << queue.enqueue(QStringLiteral("txt2img"), p).id;
        }
        return ids;
    };
    auto failedOf = [&](const QList<qint64>& ids) {
        for (qint64 id : ids)
            if (queue.job(id)->state != JobState::Done) return queue.job(id)->error.isEmpty() ? QStringLiteral("not finished") : queue.job(id)->error;
        return QString();
    };
    for (const BackendConfig& c : configs) registry.put(c);
    dispatcher.start();

    // 1. Each backend alone: warm-up, then `solo` images one after another.
    QJsonArray perBackend;
    double rate = 0; // Σ 1/T_i
    for (const BackendConfig& c : configs) {
        const QList<qint64> warm = enqueue(c.name, 1);
        if (!waitJobs(queue, warm, timeoutS * 1000) || !failedOf(warm).isEmpty()) {
            const QString why = failedOf(warm);
            stopServers();
            return cliFail(1, QCoreApplication::translate("Cli", "bench dispatch: %1 failed: %2").arg(c.url.toString(), why));
        }
        QElapsedTimer t;
        t.start();
        QList<qint64> ids;
        for (int i = 0; i < solo; ++i) { // one at a time: the time of one image, not of a batch
            const QList<qint64> one = enqueue(c.name, 1);
            waitJobs(queue, one, timeoutS * 1000);
            ids << one;
        }
        const double perImage = t.elapsed() / 1000.0 / solo;
        if (!failedOf(ids).isEmpty()) {
            const QString why = failedOf(ids);
            stopServers();
            return cliFail(1, QCoreApplication::translate("Cli", "bench dispatch: %1 failed: %2").arg(c.url.toString(), why));
        }
        rate += 1.0 / perImage;
        perBackend.append(QJsonObject{{QStringLiteral("url"), c.url.toString()},
                                      {QStringLiteral("seconds_per_image"), perImage},
                                      {QStringLiteral("concurrency"), c.effectiveConcurrency()}});
    }

    // 2. N images to "Any".
    QElapsedTimer wall;
    wall.start();
    const QList<qint64> all = enqueue(QStringLiteral("any"), images);
    const bool finished = waitJobs(queue, all, timeoutS * 1000);
    const double seconds = wall.elapsed() / 1000.0;
    const QString why = failedOf(all);
    QHash<QString, int> count;
    for (qint64 id : all) count[dispatcher.backendOf(id)]++;
    for (int k = 0; k < perBackend.size(); ++k) {
        QJsonObject o = perBackend[k].toObject();
        o.insert(QStringLiteral("images_in_any_run"), count.value(configs[k].name));
        perBackend[k] = o;
    }
    stopServers();
    if (!finished || !why.isEmpty())
        return cliFail(1, QCoreApplication::translate("Cli", "bench dispatch: the Any run did not finish: %1").arg(why));
    const double ideal = images / rate;
    const QJsonObject result{{QStringLiteral("bench"), QStringLiteral("dispatch")},
                             {QStringLiteral("kind"), backendKindName(*kind)},
                             {QStringLiteral("images"), images},
                             {QStringLiteral("steps"), steps},
                             {QStringLiteral("size"), QStringLiteral("%1x%2").arg(width).arg(height)},
                             {QStringLiteral("backends"), perBackend},
                             {QStringLiteral("wall_seconds"), seconds},
                             {QStringLiteral("ideal_seconds"), ideal},
                             {QStringLiteral("efficiency"), ideal / seconds},
                             {QStringLiteral("images_per_second"), images / seconds}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace latent
