// `latentstudio-cli bench serve`: the HTTP API under load, with the built-in demo model (64²):
//   overhead   p50 / p99 of (request total − generation time) over N synchronous txt2img
//              requests (generation = dispatch to images saved, seen by the server);
//   pollers    a longer job alone and with P clients polling /sdapi/v1/progress every
//              --poll-ms: the job's duration with / without (the step slowdown);
//   memory     RSS after 100 and after 1,000 mixed requests (txt2img, progress, sd-models,
//              png-info, 404s).
// Clients are plain blocking sockets on their own threads, so the server's event loop runs as it
// does for real clients. Figures only, never assertions.
#include "app/cli/cli_bench_serve.h"

#include "app/api/api_server.h"
#include "app/cli/cli_txt2img.h"
#include "app/core/process_memory.h"
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"
#include "app/worker/inference_worker.h"
#include "app/worker/studio_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <mutex>
#include <thread>

namespace latent {

namespace {

// A blocking keep-alive HTTP/1.1 client over one socket.
class Client {
public:
    explicit Client(quint16 port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~Client() {
        if (fd_ >= 0) ::close(fd_);
    }
    bool ok() const { return fd_ >= 0; }
    // Returns the status (0 on failure) and the body.
    int request(const QByteArray& method, const QByteArray& path, const QByteArray& body, QByteArray* out) {
        QByteArray req = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!body.isEmpty()) req += "Content-Type: application/json\r\n";
        req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        qsizetype sent = 0;
        while (sent < req.size()) {
            const ssize_t n = ::send(fd_, req.constData() + sent, size_t(req.size() - sent), MSG_NOSIGNAL);
            if (n <= 0) return 0;
            sent += n;
        }
        QByteArray in;
        char buf[65536];
        while (true) {
            const qsizetype end = in.indexOf("\r\n\r\n");
            if (end >= 0) {
                const qsizetype cl = in.toLower().indexOf("content-length:");
                const qint64 length = cl >= 0 ? in.mid(cl + 15, in.indexOf('\r', cl) - cl - 15).trimmed().toLongLong() : 0;
                if (in.size() >= end + 4 + length) {
                    if (out) *out = in.mid(end + 4, length);
                    return in.mid(9, 3).toInt();
                }
            }
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) return 0;
            in.append(buf, n);
        }
    }

private:
    int fd_ = -1;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double rank = p / 100.0 * double(v.size() - 1);
    const size_t lo = size_t(std::floor(rank)), hi = size_t(std::ceil(rank));
    return v[lo] + (v[hi] - v[lo]) * (rank - double(lo));
}

double mb(quint64 bytes) { return double(bytes) / (1024.0 * 1024.0); }

// Runs `work` on a thread while the event loop (the server) keeps running.
void runClient(const std::function<void()>& work) {
    std::atomic<bool> done{false};
    std::thread t([&] {
        work();
        done = true;
    });
    while (!done) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    t.join();
}

QByteArray txt2imgBody(int steps, int size, qint64 seed) {
    return QJsonDocument(QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lighthouse on a cliff")},
                                     {QStringLiteral("steps"), steps},
                                     {QStringLiteral("width"), size},
                                     {QStringLiteral("height"), size},
                                     {QStringLiteral("seed"), seed},
                                     {QStringLiteral("sampler_name"), QStringLiteral("Euler")}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

int runBenchServeCommand(const QStringList& argsIn, bool plain) {
    int requests = 200, pollers = 100, pollMs = 250, jobSteps = 40, size = 64, steps = 2;
    for (int i = 0; i < argsIn.size(); ++i) {
        const QString a = argsIn[i];
        auto next = [&](int* out, int lo, int hi) {
            bool ok = false;
            const int n = argsIn.value(++i).toInt(&ok);
            if (!ok || n < lo || n > hi) return false;
            *out = n;
            return true;
        };
        bool ok = true;
        if (a == QLatin1String("--requests")) ok = next(&requests, 10, 100000);
        else if (a == QLatin1String("--pollers")) ok = next(&pollers, 0, 1000);
        else if (a == QLatin1String("--poll-ms")) ok = next(&pollMs, 1, 10000);
        else if (a == QLatin1String("--job-steps")) ok = next(&jobSteps, 1, 1000);
        else if (a == QLatin1String("--steps")) ok = next(&steps, 1, 1000);
        else if (a == QLatin1String("--size")) ok = next(&size, 64, 1024);
        else return cliFail(2, QCoreApplication::translate("Cli", "bench serve: unknown option %1").arg(a));
        if (!ok) return cliFail(2, QCoreApplication::translate("Cli", "bench serve: %1 is out of range").arg(a));
    }
    const QString demo = StudioSession::demoModelPath();
    if (demo.isEmpty()) return cliFail(1, QCoreApplication::translate("Cli", "bench serve needs the built-in demo model."));
    QTemporaryDir dir;
    if (!dir.isValid()) return cliFail(1, QCoreApplication::translate("Cli", "Cannot create a temporary folder."));
    QSettings qs(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Settings settings(&qs);
    settings.setValue(settings::PreviewEverySteps, 1);
    StudioSession session(settings, dir.filePath(QStringLiteral("data")));
    QueueLimits limits;
    limits.maxQueued = 1000;
    session.queue()->setLimits(limits);
    ModelLibrary library(dir.filePath(QStringLiteral("library.sqlite")));
    ApiServerConfig config;
    config.port = 0;
    config.dataDir = dir.filePath(QStringLiteral("data"));
    config.outputDir = dir.filePath(QStringLiteral("outputs"));
    config.inputsDir = session.inputsDir();
    config.fallbackModelPath = demo;
    config.requestsPerSecond = 0; // measure the server, not its flood protection
    ApiServer server(config, session.queue(), session.controller(), &library);
    QString error;
    if (!server.start(&error)) return cliFail(1, error);
    session.start();
    const quint16 port = server.port();

    // Server-side generation time per job: dispatched (busy) to images saved.
    QHash<qint64, qint64> startNs, genNs;
    QElapsedTimer clock;
    clock.start();
    std::mutex genMutex;
    QObject::connect(session.controller(), &InferenceController::busyChanged, &server, [&](bool busy) {
        if (busy) startNs.insert(session.controller()->runningJobId(), clock.nsecsElapsed());
    });
    QObject::connect(session.controller(), &InferenceController::imagesSaved, &server, [&](qint64 id, const QStringList&) {
        std::lock_guard<std::mutex> lock(genMutex);
        genNs.insert(id, clock.nsecsElapsed() - startNs.value(id, clock.nsecsElapsed()));
    });
    auto lastJobGenMs = [&]() {
        const QList<Job> jobs = session.queue()->jobs();
        if (jobs.isEmpty()) return 0.0;
        std::lock_guard<std::mutex> lock(genMutex);
        return genNs.value(jobs.last().id) / 1e6;
    };

    // Warm up (model load, first allocations).
    runClient([&] {
        Client c(port);
        QByteArray out;
        c.request("POST", "/sdapi/v1/txt2img", txt2imgBody(steps, size, 1), &out);
    });

    // 1. Overhead of synchronous txt2img requests.
    std::vector<double> overhead, totals;
    for (int i = 0; i < requests; ++i) {
        double total = 0;
        int status = 0;
        runClient([&] {
            Client c(port);
            QByteArray out;
            QElapsedTimer t;
            t.start();
            status = c.request("POST", "/sdapi/v1/txt2img", txt2imgBody(steps, size, 100 + i), &out);
            total = t.nsecsElapsed() / 1e6;
        });
        QCoreApplication::processEvents();
        if (status != 200) return cliFail(1, QStringLiteral("bench serve: txt2img answered %1").arg(status));
        totals.push_back(total);
        overhead.push_back(total - lastJobGenMs());
    }

    // 2. A longer job alone, then with pollers (twice each, alternating).
    auto jobDuration = [&](int withPollers) {
        std::atomic<bool> stop{false};
        std::atomic<long> polls{0};
        std::vector<std::thread> threads;
        for (int p = 0; p < withPollers; ++p)
            threads.emplace_back([&, p] {
                Client c(port);
                QByteArray out;
                QThread::msleep(ulong(p * pollMs / std::max(1, withPollers)));
                while (!stop) {
                    if (c.request("GET", "/sdapi/v1/progress", {}, &out) == 200) ++polls;
                    QThread::msleep(ulong(pollMs));
                }
            });
        double ms = 0;
        runClient([&] {
            Client c(port);
            QByteArray out;
            c.request("POST", "/sdapi/v1/txt2img", txt2imgBody(jobSteps, size, 7), &out);
        });
        ms = lastJobGenMs();
        stop = true;
        runClient([&] {
            for (auto& t : threads) t.join();
        });
        return std::pair<double, long>(ms, polls.load());
    };
    double alone = 0, loaded = 0;
    long pollCount = 0;
    for (int round = 0; round < 2; ++round) {
        alone += jobDuration(0).first;
        const auto l = jobDuration(pollers);
        loaded += l.first;
        pollCount += l.second;
    }
    alone /= 2;
    loaded /= 2;

    // 3. Memory after 100 and after 1,000 mixed requests.
    quint64 rss100 = 0, rss1000 = 0;
    QByteArray image;
    for (int i = 0; i < 1000; ++i) {
        runClient([&] {
            Client c(port);
            QByteArray out;
            switch (i % 5) {
            case 0:
                c.request("POST", "/sdapi/v1/txt2img", txt2imgBody(1, size, i), &out);
                if (image.isEmpty()) {
                    const QJsonArray imgs = QJsonDocument::fromJson(out).object().value(QStringLiteral("images")).toArray();
                    if (!imgs.isEmpty()) image = imgs.first().toString().toLatin1();
                }
                break;
            case 1: c.request("GET", "/sdapi/v1/progress", {}, &out); break;
            case 2: c.request("GET", "/sdapi/v1/sd-models", {}, &out); break;
            case 3: c.request("POST", "/sdapi/v1/png-info", "{\"image\":\"" + image + "\"}", &out); break;
            default: c.request("GET", "/sdapi/v1/nothing", {}, &out); break;
            }
        });
        QCoreApplication::processEvents();
        if (i + 1 == 100) rss100 = ProcessMemory::current().residentBytes;
    }
    rss1000 = ProcessMemory::current().residentBytes;

    QJsonObject j{{QStringLiteral("benchmark"), QStringLiteral("serve")},
                  {QStringLiteral("size"), size},
                  {QStringLiteral("steps"), steps},
                  {QStringLiteral("requests"), requests},
                  {QStringLiteral("request_total_ms_p50"), percentile(totals, 50)},
                  {QStringLiteral("overhead_ms_p50"), percentile(overhead, 50)},
                  {QStringLiteral("overhead_ms_p99"), percentile(overhead, 99)},
                  {QStringLiteral("job_steps"), jobSteps},
                  {QStringLiteral("pollers"), pollers},
                  {QStringLiteral("poll_interval_ms"), pollMs},
                  {QStringLiteral("polls_answered"), double(pollCount)},
                  {QStringLiteral("job_ms_alone"), alone},
                  {QStringLiteral("job_ms_with_pollers"), loaded},
                  {QStringLiteral("step_slowdown_percent"), alone > 0 ? (loaded / alone - 1.0) * 100.0 : 0.0},
                  {QStringLiteral("rss_mb_after_100"), mb(rss100)},
                  {QStringLiteral("rss_mb_after_1000"), mb(rss1000)},
                  {QStringLiteral("rss_growth_mb"), mb(rss1000) - mb(rss100)}};
    QTextStream out(stdout);
    if (plain) {
        // (Not "%1²": QString::arg reads the superscript two as a digit of the placeholder.)
        out << QStringLiteral("serve %1x%2, %3 steps: overhead p50 %4 ms, p99 %5 ms (%6 requests)\n")
                   .arg(size)
                   .arg(size)
                   .arg(steps)
                   .arg(percentile(overhead, 50), 0, 'f', 2)
                   .arg(percentile(overhead, 99), 0, 'f', 2)
                   .arg(requests);
        out << QStringLiteral("%1 pollers every %2 ms: job %3 ms alone, %4 ms polled (%5 %)\n")
                   .arg(pollers)
                   .arg(pollMs)
                   .arg(alone, 0, 'f', 1)
                   .arg(loaded, 0, 'f', 1)
                   .arg(alone > 0 ? (loaded / alone - 1.0) * 100.0 : 0.0, 0, 'f', 2);
        out << QStringLiteral("RSS after 100 requests %1 MiB, after 1000 %2 MiB\n").arg(mb(rss100), 0, 'f', 1).arg(mb(rss1000), 0, 'f', 1);
    } else {
        out << QJsonDocument(j).toJson(QJsonDocument::Indented);
    }
    server.stop();
    return 0;
}

} // namespace latent
