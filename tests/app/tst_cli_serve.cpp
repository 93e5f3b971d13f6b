// `latentstudio-cli serve` as a user runs it: a separate process on an ephemeral port. The same
// A1111 request gives byte-identical PNGs through the API and through `latentstudio-cli txt2img
// --request`; SIGTERM while a job runs lets the job finish, answers its client, keeps queued jobs
// queued and exits 0; a LAN address without auth is refused; TLS works with a certificate.
#include "app/jobs/job_store.h"
#include "app/worker/studio_session.h"
#include "common/cli_runner.h"
#include "common/http_client.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace latent;
using namespace latent::test;

namespace {

struct Served {
    QProcess process;
    quint16 port = 0;
    QString url;
    QByteArray out;
    bool start(const QStringList& args, int timeoutMs = 60000) {
        process.start(kCli, QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")} + args);
        if (!process.waitForStarted(10000)) return false;
        QElapsedTimer t;
        t.start();
        static const QRegularExpression re(QStringLiteral("(https?://127\\.0\\.0\\.1:(\\d+))"));
        while (t.elapsed() < timeoutMs) {
            process.waitForReadyRead(100);
            out += process.readAllStandardOutput();
            const auto m = re.match(QString::fromUtf8(out));
            if (m.hasMatch()) {
                url = m.captured(1);
                port = quint16(m.captured(2).toUInt());
                return true;
            }
            if (process.state() == QProcess::NotRunning) return false;
        }
        return false;
    }
    ~Served() {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(10000);
        }
    }
};

QJsonObject request(int steps) {
    return QJsonObject{{QStringLiteral("prompt"), QStringLiteral("an old stone bridge, (moss:1.2)")},
                       {QStringLiteral("negative_prompt"), QStringLiteral("blurry")},
                       {QStringLiteral("steps"), steps},
                       {QStringLiteral("width"), 64},
                       {QStringLiteral("height"), 64},
                       {QStringLiteral("seed"), 1234},
                       {QStringLiteral("cfg_scale"), 6},
                       {QStringLiteral("sampler_name"), QStringLiteral("Euler a")},
                       {QStringLiteral("override_settings"), QJsonObject{{QStringLiteral("randn_source"), QStringLiteral("CPU")}}}};
}

} // namespace

class TestCliServe : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString models_, model_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        models_ = dir_.filePath(QStringLiteral("models"));
        QDir().mkpath(models_ + QStringLiteral("/Stable-diffusion"));
        const QString demo = StudioSession::demoModelPath();
        QVERIFY(!demo.isEmpty());
        model_ = models_ + QStringLiteral("/Stable-diffusion/bridge.safetensors");
        QVERIFY(QFile::copy(demo, model_));
    }

    void apiPngIsByteIdenticalToTheCli() {
        Served s;
        QVERIFY2(s.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"), dir_.filePath(QStringLiteral("d1"))}),
                 s.process.readAllStandardError().constData());
        QVERIFY(s.url.startsWith(QStringLiteral("http://127.0.0.1:")));
        const HttpResult r = postJson(s.port, "/sdapi/v1/txt2img", request(3));
        QCOMPARE(r.status, 200);
        const QByteArray apiPng = QByteArray::fromBase64(r.object().value(QStringLiteral("images")).toArray().first().toString().toLatin1());
        QVERIFY(!apiPng.isEmpty());

        const QString reqFile = dir_.filePath(QStringLiteral("request.json"));
        QFile f(reqFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(request(3)).toJson());
        f.close();
        const QString out = dir_.filePath(QStringLiteral("cli-out"));
        const CliRun cli = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model_, QStringLiteral("--request"), reqFile,
                                   QStringLiteral("--out"), out});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const QString file = QJsonDocument::fromJson(cli.out).object().value(QStringLiteral("files")).toArray().first().toString();
        QFile png(file);
        QVERIFY(png.open(QIODevice::ReadOnly));
        QCOMPARE(apiPng, png.readAll());

        // SIGTERM with nothing running: a clean exit.
        ::kill(pid_t(s.process.processId()), SIGTERM);
        QVERIFY(s.process.waitForFinished(20000));
        QCOMPARE(s.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(s.process.exitCode(), 0);
    }

    void sigtermLetsTheRunningJobFinish() {
        const QString data = dir_.filePath(QStringLiteral("d2"));
        Served s;
        QVERIFY(s.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"), data,
                         QStringLiteral("--shutdown-timeout"), QStringLiteral("600")}));
        // A longer job (the demo model is tiny: many steps) and a queued one behind it.
        Raw running(s.port);
        const QByteArray body = QJsonDocument(request(20)).toJson(QJsonDocument::Compact);
        running.send("POST /sdapi/v1/txt2img HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000) {
            const QJsonObject p = getJson(s.port, "/sdapi/v1/progress").object();
            if (p.value(QStringLiteral("state")).toObject().value(QStringLiteral("sampling_step")).toInt() > 0) break;
            QTest::qWait(20);
        }
        const HttpResult queued = postJson(s.port, "/run",
                                           QJsonObject{{QStringLiteral("input"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("later")},
                                                                                             {QStringLiteral("width"), 64},
                                                                                             {QStringLiteral("height"), 64}}}});
        QCOMPARE(queued.status, 200);
        ::kill(pid_t(s.process.processId()), SIGTERM);
        // The running job's client still gets its images.
        const HttpResult r = running.response(120000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("images")).toArray().size(), 1);
        QVERIFY(s.process.waitForFinished(60000));
        QCOMPARE(s.process.exitCode(), 0);
        QVERIFY(QString::fromUtf8(s.process.readAllStandardError()).contains(QStringLiteral("queued jobs stay queued")));
        // Nothing lost: the finished job is done, the queued one still queued for the next start.
        JobStore store;
        QVERIFY(store.open(QDir(data).filePath(QStringLiteral("jobs.sqlite"))));
        const QList<Job> jobs = store.loadAll();
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(jobs[0].state, JobState::Done);
        QCOMPARE(jobs[1].state, JobState::Queued);
    }

    void secondSignalInterruptsTheRunningJob() {
        // A second SIGTERM stops the running job: it ends "interrupted" with the reason (not
        // "cancelled", which is what a client asks for), and the next start reports it so.
        const QString data = dir_.filePath(QStringLiteral("d5"));
        QString id;
        {
            Served s;
            QVERIFY(s.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"), data,
                             QStringLiteral("--shutdown-timeout"), QStringLiteral("600")}));
            const HttpResult run = postJson(s.port, "/run",
                                            QJsonObject{{QStringLiteral("input"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("long")},
                                                                                              {QStringLiteral("width"), 64},
                                                                                              {QStringLiteral("height"), 64},
                                                                                              {QStringLiteral("num_inference_steps"), 1000}}}});
            QCOMPARE(run.status, 200);
            id = run.object().value(QStringLiteral("id")).toString();
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 60000) {
                const QJsonObject p = getJson(s.port, "/sdapi/v1/progress").object();
                if (p.value(QStringLiteral("state")).toObject().value(QStringLiteral("sampling_step")).toInt() > 0) break;
                QTest::qWait(20);
            }
            ::kill(pid_t(s.process.processId()), SIGTERM);
            QTest::qWait(300);
            ::kill(pid_t(s.process.processId()), SIGTERM);
            QVERIFY(s.process.waitForFinished(60000));
            QCOMPARE(s.process.exitCode(), 0);
            QVERIFY(QString::fromUtf8(s.process.readAllStandardError()).contains(QStringLiteral("interrupting job")));
        }
        {
            JobStore store;
            QVERIFY(store.open(QDir(data).filePath(QStringLiteral("jobs.sqlite"))));
            const QList<Job> jobs = store.loadAll();
            QCOMPARE(jobs.size(), 1);
            QCOMPARE(jobs[0].state, JobState::Interrupted);
            QVERIFY2(jobs[0].error.contains(QStringLiteral("the server was stopped")), qPrintable(jobs[0].error));
            QVERIFY(jobs[0].results.isEmpty());
        }
        Served again;
        QVERIFY(again.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"), data}));
        const QJsonObject st = getJson(again.port, "/status/" + id.toUtf8()).object();
        QCOMPARE(st.value(QStringLiteral("status")).toString(), QStringLiteral("FAILED"));
        QVERIFY2(st.value(QStringLiteral("error")).toString().startsWith(QStringLiteral("Interrupted: the server was stopped")),
                 qPrintable(st.value(QStringLiteral("error")).toString()));
        QCOMPARE(getJson(again.port, "/health").object().value(QStringLiteral("jobs")).toObject().value(QStringLiteral("failed")).toInt(), 1);
    }

    void refusesALanAddressWithoutAuth() {
        CliRun r = runCli({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("--port"), QStringLiteral("0"),
                           QStringLiteral("--data-dir"), dir_.filePath(QStringLiteral("d3"))},
                          {}, 30000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--api-auth"));
        r = runCli({QStringLiteral("serve"), QStringLiteral("--api-auth"), QStringLiteral("no-password")}, {}, 30000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.contains("no-password"));
        r = runCli({QStringLiteral("serve"), QStringLiteral("--bogus")}, {}, 30000);
        QCOMPARE(r.exitCode, 2);
    }

    void servesTls() {
        if (!QSslSocket::supportsSsl()) QSKIP("no TLS backend");
        const QString key = dir_.filePath(QStringLiteral("key.pem")), cert = dir_.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                                  QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                                                  QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"),
                                                  QStringLiteral("-subj"), QStringLiteral("/CN=localhost")});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) QSKIP("openssl cannot make a test certificate");
        Served s;
        QVERIFY(s.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"), dir_.filePath(QStringLiteral("d4")),
                         QStringLiteral("--tls-keyfile"), key, QStringLiteral("--tls-certfile"), cert}));
        QVERIFY(s.url.startsWith(QStringLiteral("https://")));
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), s.port);
        QVERIFY(socket.waitForEncrypted(10000));
        socket.write("GET /sdapi/v1/samplers HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QByteArray in;
        HttpResult r;
        QElapsedTimer t;
        t.start();
        while (!parseResponse(in, &r) && t.elapsed() < 10000) {
            socket.waitForReadyRead(100);
            in += socket.readAll();
        }
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().isArray());
        // A plain-text client gets nothing useful, and the server lives on.
        Raw plain(s.port);
        plain.send("GET /sdapi/v1/samplers HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(plain.response(3000).status == 0);
        // Missing key file: exit 1 with a sentence.
        const CliRun bad = runCli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                                   dir_.filePath(QStringLiteral("d5")), QStringLiteral("--tls-keyfile"), QStringLiteral("/nonexistent.pem"),
                                   QStringLiteral("--tls-certfile"), cert},
                                  {}, 30000);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("nonexistent.pem"));
    }
};

QTEST_GUILESS_MAIN(TestCliServe)
#include "tst_cli_serve.moc"
