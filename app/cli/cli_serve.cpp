#include "app/cli/cli_serve.h"

#include "app/api/api_server.h"
#include "app/cli/cli_txt2img.h"
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"
#include "app/worker/studio_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace latent {

namespace {

int gSignalPipe[2] = {-1, -1};

void onSignal(int sig) {
    const char c = char(sig);
    [[maybe_unused]] const ssize_t n = ::write(gSignalPipe[1], &c, 1);
}

QString readSmallFile(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("Cli", "Cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    const QByteArray bytes = f.read(1024 * 1024);
    return QString::fromUtf8(bytes);
}

} // namespace

int runServeCommand(const QStringList& args) {
    ApiServerConfig config;
    config.port = 7860;
    QStringList roots;
    QString dataDir, outputDir;
    int queueSize = -1, maxBatch = -1, shutdownSeconds = 60;
    bool listen = false;
    QJsonObject flags;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto value = [&](QString* out) {
            if (i + 1 >= args.size()) return false;
            *out = args[++i];
            return true;
        };
        auto number = [&](int lo, int hi, int* out) {
            QString v;
            bool ok = false;
            if (!value(&v)) return false;
            const int n = v.toInt(&ok);
            if (!ok || n < lo || n > hi) return false;
            *out = n;
            return true;
        };
        QString v;
        if (a == QLatin1String("--listen")) {
            listen = true;
        } else if (a == QLatin1String("--insecure-no-auth")) {
            config.insecureNoAuth = true;
        } else if (a == QLatin1String("--port")) {
            int port = 0;
            if (!number(0, 65535, &port)) return cliFail(2, QCoreApplication::translate("Cli", "--port needs a number from 0 to 65535."));
            config.port = quint16(port);
        } else if (a == QLatin1String("--api-auth")) {
            QString error;
            if (!value(&v)) return cliFail(2, QCoreApplication::translate("Cli", "--api-auth needs user:password[,user2:password2]."));
            if (!ApiServer::parseCredentials(v, &config.credentials, &error)) return cliFail(2, error);
        } else if (a == QLatin1String("--api-auth-file")) {
            QString error;
            if (!value(&v)) return cliFail(2, QCoreApplication::translate("Cli", "--api-auth-file needs a file."));
            const QString text = readSmallFile(v, &error);
            if (!error.isEmpty() || !ApiServer::parseCredentials(text, &config.credentials, &error)) return cliFail(2, error);
        } else if (a == QLatin1String("--api-key")) {
            if (!value(&v) || v.trimmed().isEmpty()) return cliFail(2, QCoreApplication::translate("Cli", "--api-key needs a key."));
            config.apiKeys << v.trimmed();
        } else if (a == QLatin1String("--api-keys-file")) {
            QString error;
            if (!value(&v)) return cliFail(2, QCoreApplication::translate("Cli", "--api-keys-file needs a file."));
            const QString text = readSmallFile(v, &error);
            if (!error.isEmpty()) return cliFail(2, error);
            for (const QString& line : text.split(QLatin1Char('\n'))) {
                const QString key = line.trimmed();
                if (!key.isEmpty() && !key.startsWith(QLatin1Char('#'))) config.apiKeys << key;
            }
        } else if (a == QLatin1String("--models-root")) {
            if (!value(&v)) return cliFail(2, QCoreApplication::translate("Cli", "--models-root needs a folder."));
            if (!QFileInfo(v).isDir()) return cliFail(2, QCoreApplication::translate("Cli", "The models folder %1 does not exist.").arg(v));
            roots << v;
        } else if (a == QLatin1String("--data-dir")) {
            if (!value(&v)) return cliFail(2, QCoreApplication::translate("Cli", "--data-dir needs a folder."));
            dataDir = v;
        } else if (a == QLatin1String("--output-dir")) {
            if (!value(&v)) return cliFail(2, QCoreApplication::translate("Cli", "--output-dir needs a folder."));
            outputDir = v;
        } else if (a == QLatin1String("--tls-keyfile")) {
            if (!value(&config.tlsKeyFile)) return cliFail(2, QCoreApplication::translate("Cli", "--tls-keyfile needs a file."));
        } else if (a == QLatin1String("--tls-certfile")) {
            if (!value(&config.tlsCertFile)) return cliFail(2, QCoreApplication::translate("Cli", "--tls-certfile needs a file."));
        } else if (a == QLatin1String("--cors-allow-origins")) {
            if (!value(&v)) return cliFail(2, QCoreApplication::translate("Cli", "--cors-allow-origins needs a list."));
            for (const QString& o : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) config.corsOrigins << o.trimmed();
        } else if (a == QLatin1String("--queue-size")) {
            if (!number(1, 100000, &queueSize)) return cliFail(2, QCoreApplication::translate("Cli", "--queue-size needs a number from 1 to 100000."));
        } else if (a == QLatin1String("--max-batch")) {
            if (!number(1, 64, &maxBatch)) return cliFail(2, QCoreApplication::translate("Cli", "--max-batch needs a number from 1 to 64."));
        } else if (a == QLatin1String("--max-body-mb")) {
            int mb = 0;
            if (!number(1, 4096, &mb)) return cliFail(2, QCoreApplication::translate("Cli", "--max-body-mb needs a number from 1 to 4096."));
            config.http.maxBodyBytes = qint64(mb) * 1024 * 1024;
        } else if (a == QLatin1String("--max-connections")) {
            if (!number(1, 10000, &config.http.maxConnections))
                return cliFail(2, QCoreApplication::translate("Cli", "--max-connections needs a number from 1 to 10000."));
        } else if (a == QLatin1String("--header-timeout")) {
            int s = 0;
            if (!number(1, 3600, &s)) return cliFail(2, QCoreApplication::translate("Cli", "--header-timeout needs seconds (1-3600)."));
            config.http.headerTimeoutMs = s * 1000;
        } else if (a == QLatin1String("--shutdown-timeout")) {
            if (!number(0, 86400, &shutdownSeconds)) return cliFail(2, QCoreApplication::translate("Cli", "--shutdown-timeout needs seconds."));
        } else {
            return cliFail(2, QCoreApplication::translate("Cli", "Unknown serve option %1 (see latentstudio-cli help).").arg(a));
        }
    }
    if (listen) config.address = QHostAddress::AnyIPv4;
    if (const QString refusal = ApiServer::insecureConfigurationError(config); !refusal.isEmpty()) return cliFail(2, refusal);

    if (dataDir.isEmpty())
        dataDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("server"));
    if (!QDir().mkpath(dataDir)) return cliFail(2, QCoreApplication::translate("Cli", "Cannot create the data folder %1.").arg(dataDir));
    if (outputDir.isEmpty()) outputDir = QDir(dataDir).filePath(QStringLiteral("outputs"));

    // Signals: written to a pipe and handled in the event loop.
    if (::pipe2(gSignalPipe, O_CLOEXEC | O_NONBLOCK) != 0) return cliFail(1, QStringLiteral("pipe2 failed"));
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    Settings settings;
    StudioSession session(settings, dataDir);
    if (!session.storeError().isEmpty())
        return cliFail(1, QCoreApplication::translate("Cli", "Cannot open the job queue in %1: %2").arg(dataDir, session.storeError()));
    QueueLimits limits = session.queue()->limits();
    if (queueSize > 0) limits.maxQueued = queueSize;
    if (maxBatch > 0) limits.maxBatchSize = maxBatch;
    session.queue()->setLimits(limits);

    ModelLibrary library(QDir(dataDir).filePath(QStringLiteral("library.sqlite")));
    library.setRoots(roots.isEmpty() ? ModelLibrary::rootsFromSettings(settings) : roots);
    library.reload();
    library.waitForIdle(120000);

    config.dataDir = dataDir;
    config.outputDir = outputDir;
    config.inputsDir = session.inputsDir();
    config.fallbackModelPath = StudioSession::demoModelPath();
    flags.insert(QStringLiteral("data_dir"), dataDir);
    flags.insert(QStringLiteral("ckpt_dir"), library.roots().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(library.roots().first()));
    config.commandLineFlags = flags;

    ApiServer server(config, session.queue(), session.controller(), &library);
    QString error;
    if (!server.start(&error)) return cliFail(1, error);
    session.start();

    QTextStream out(stdout);
    out << QCoreApplication::translate("Cli", "Serving the Latent Studio API on %1 (documentation: %1/docs)").arg(server.url())
        << Qt::endl;
    if (const int interrupted = session.queue()->interruptedAtStartup(); interrupted > 0)
        out << QCoreApplication::translate("Cli", "%n job(s) were running when the server stopped; they are marked interrupted.",
                                           nullptr, interrupted)
            << Qt::endl;

    // Shutdown: stop accepting requests, keep queued jobs for the next start, let the running job
    // finish (at most --shutdown-timeout seconds; a second signal interrupts it at once).
    int signalCount = 0;
    QSocketNotifier notifier(gSignalPipe[0], QSocketNotifier::Read);
    QTimer deadline;
    deadline.setSingleShot(true);
    // The last job's answer is read back and sent shortly after the worker is idle.
    auto finishIfIdle = [&session] {
        if (!session.controller()->isBusy()) QTimer::singleShot(1000, [] { QCoreApplication::exit(0); });
    };
    auto interruptRunning = [&session] {
        if (const auto running = session.queue()->running()) {
            QTextStream(stderr) << QCoreApplication::translate("Cli", "latentstudio-cli: interrupting job %1").arg(running->id) << Qt::endl;
            // Not the client's cancel: the job ends "interrupted" (RunPod status FAILED) with why.
            session.queue()->interrupt(running->id, QCoreApplication::translate("Cli", "Interrupted: the server was stopped "
                                                                                     "while this job was running, so it did not finish."));
        }
    };
    QObject::connect(&deadline, &QTimer::timeout, &deadline, interruptRunning);
    QObject::connect(session.controller(), &InferenceController::busyChanged, &server, [&signalCount, finishIfIdle](bool busy) {
        if (signalCount > 0 && !busy) finishIfIdle();
    });
    QObject::connect(&notifier, &QSocketNotifier::activated, &server, [&] {
        char buf[16];
        while (::read(gSignalPipe[0], buf, sizeof buf) > 0) {
        }
        ++signalCount;
        if (signalCount == 1) {
            QTextStream(stderr) << QCoreApplication::translate("Cli", "latentstudio-cli: stopping the server; queued jobs stay queued")
                                << Qt::endl;
            server.stopAccepting();
            session.queue()->pause();
            if (session.controller()->isBusy()) {
                QTextStream(stderr) << QCoreApplication::translate("Cli", "latentstudio-cli: waiting up to %1 s for the running job "
                                                                          "(signal again to interrupt it)")
                                           .arg(shutdownSeconds)
                                    << Qt::endl;
                deadline.start(shutdownSeconds * 1000);
            }
            finishIfIdle();
        } else {
            interruptRunning();
        }
    });
    const int code = QCoreApplication::exec();
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    return code;
}

} // namespace latent
