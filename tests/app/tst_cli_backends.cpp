// `latentstudio-cli backends add|list|check|remove` and `txt2img|img2img --backend NAME` /
// `--backend-url URL --backend-kind KIND` (secret in LATENT_BACKEND_SECRET) as a user runs them:
// the real CLI process against stand-ins served by this test (its event loop keeps running while
// the CLI works). Secrets never land in the settings file or the output; bad input exits 2; a
// backend failure exits 1 with one clear line.
#include "app/metadata/png_text.h"
#include "common/cli_runner.h"
#include "common/isolated_app_data.h"
#include "common/remote_stand_ins.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;
using namespace latent::test;

namespace {

// Runs the CLI without blocking this process's event loop (the stand-ins answer from it).
CliRun runAsync(const QStringList& args, const QHash<QString, QString>& env = {}, int timeoutMs = 60000,
                const QByteArray& stdinData = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (auto it = env.begin(); it != env.end(); ++it) e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.start(kCli, args);
    CliRun r;
    if (!p.waitForStarted(10000)) return r;
    if (!stdinData.isEmpty()) p.write(stdinData);
    p.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

bool anyFileContains(const QString& root, const QByteArray& needle) {
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle)) return true;
    }
    return false;
}

QStringList pngs(const QString& dir) { return QDir(dir).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name); }

} // namespace

class TestCliBackends : public QObject {
    Q_OBJECT
public:
    static void initMain() { home() = latent::test::isolateAppData(); }
    static QString& home() {
        static QString h;
        return h;
    }

private Q_SLOTS:
    void addListCheckRemove() {
        A1111StandIn server;
        server.user = QStringLiteral("alice");
        server.pass = QStringLiteral("s3cret-Pass-4242");
        const QHash<QString, QString> env{{QStringLiteral("GPU_PASS"), server.pass}};
        CliRun r = runAsync({"backends", "add", "gpu", "--kind", "a1111", "--url", server.http.origin(), "--user", "alice",
                             "--secret-env", "GPU_PASS", "--timeout", "600"},
                            env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Added backend gpu (a1111"));
        QVERIFY(!r.out.contains(server.pass.toUtf8()) && !r.err.contains(server.pass.toUtf8()));
        // Neither the settings file nor anything else in the app's folders holds the secret.
        QVERIFY(!anyFileContains(home(), server.pass.toUtf8()));
        QVERIFY(anyFileContains(home(), "remote/backends") || anyFileContains(home(), "backends"));

        r = runAsync({"backends", "list"}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("gpu  a1111  " + server.http.origin().toUtf8() + "  1 at once, timeout 600 s"), r.out.constData());
        QVERIFY(r.out.contains("secret from $GPU_PASS"));

        r = runAsync({"backends", "check", "gpu"}, env);
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("reachable: yes, reachable ("));
        QCOMPARE(lines[1], QByteArray("auth: accepted"));
        QCOMPARE(lines[2], QByteArray("version: v1.10.1"));
        QCOMPARE(lines[3], QByteArray("models: tiny.safetensors [0123456789], other.safetensors [abcdefabcd] (current: "
                                      "tiny.safetensors [0123456789])"));
        QCOMPARE(lines[4], QByteArray("samplers: Euler, DPM++ 2M"));

        // Without the secret: the server's refusal, exit 1.
        r = runAsync({"backends", "check", "gpu"}, {{QStringLiteral("GPU_PASS"), QString()}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("auth: MISSING"), r.out.constData());
        r = runAsync({"backends", "check", "gpu", "--json"}, {{QStringLiteral("GPU_PASS"), QStringLiteral("wrong-one")}});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("auth")).toString(), QStringLiteral("refused"));

        r = runAsync({"backends", "remove", "gpu"});
        QCOMPARE(r.exitCode, 0);
        r = runAsync({"backends", "list", "--json"});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);
        r = runAsync({"backends", "remove", "gpu"});
        QCOMPARE(r.exitCode, 2);
    }

    void badEntriesAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reserved") << QStringList{"any", "--kind", "a1111", "--url", "http://127.0.0.1:1"} << "dispatch target";
        QTest::newRow("password in url")
            << QStringList{"x", "--kind", "a1111", "--url", "http://bob:hunter2@127.0.0.1:1"} << "not in the address";
        QTest::newRow("extras") << QStringList{"x", "--kind", "openai", "--url", "http://127.0.0.1:1", "--extras", "[1]"}
                                << "JSON object";
    }
    void badEntriesAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const CliRun r = runAsync(QStringList{"backends", "add"} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(!r.err.contains("hunter2"));
    }

    void txt2imgOnANamedBackendWritesTheServersPngs() {
        A1111StandIn server;
        server.user = QStringLiteral("alice");
        server.pass = QStringLiteral("another-Secret-99");
        server.steps = 2;
        server.stepMs = 100;
        QTemporaryDir out;
        QVERIFY(runAsync({"backends", "add", "box", "--kind", "a1111", "--url", server.http.origin(), "--user", "alice",
                          "--secret-env", "BOX_PASS"},
                         {{QStringLiteral("BOX_PASS"), server.pass}})
                    .exitCode == 0);
        const CliRun r = runAsync({"txt2img", "--backend", "box", "--prompt", "a red fox", "--seed", "42", "--steps", "2",
                                   "--width", "64", "--height", "64", "--batch-size", "2", "--sampler", "Euler",
                                   "--model", "/nowhere/tiny.safetensors", "--out", out.path()},
                                  {{QStringLiteral("BOX_PASS"), server.pass}});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(pngs(out.path()), (QStringList{"00000-42.png", "00001-43.png"}));
        const QJsonObject body = server.bodies.first();
        QCOMPARE(body.value(QStringLiteral("prompt")).toString(), QStringLiteral("a red fox"));
        QCOMPARE(body.value(QStringLiteral("seed")).toInteger(), 42);
        QCOMPARE(body.value(QStringLiteral("batch_size")).toInt(), 2);
        QCOMPARE(body.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_model_checkpoint")).toString(),
                 QStringLiteral("/nowhere/tiny.safetensors")); // not a local file: sent as the name given
        for (int i = 0; i < 2; ++i) {
            QFile f(QDir(out.path()).filePath(pngs(out.path())[i]));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), testPng(16, 16, quint32(10 + i), A1111StandIn::infotextFor(body, i)));
        }
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QStringLiteral("seeds")).toArray(), (QJsonArray{42, 43}));
        QCOMPARE(summary.value(QStringLiteral("backend")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("box"));
        QCOMPARE(summary.value(QStringLiteral("infotexts")).toArray().first().toString(), A1111StandIn::infotextFor(body, 0));
        QVERIFY(!r.out.contains(server.pass.toUtf8()) && !r.err.contains(server.pass.toUtf8()));
        QVERIFY(runAsync({"backends", "remove", "box"}).exitCode == 0);
    }

    void adHocRunPodBackendWithTheSecretFromTheEnvironment() {
        RunPodStandIn server;
        server.coldPolls = 2;
        QTemporaryDir out;
        const CliRun r = runAsync({"txt2img", "--backend-url", server.endpoint().toString(), "--backend-kind", "runpod",
                                   "--prompt", "a lighthouse", "--seed", "9", "--steps", "3", "--width", "64", "--height",
                                   "64", "--out", out.path()},
                                  {{QStringLiteral("LATENT_BACKEND_SECRET"), server.apiKey}});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(pngs(out.path()), QStringList{QStringLiteral("00000-9.png")});
        const QString text = PngText::readFile(QDir(out.path()).filePath(pngs(out.path()).first())).value(QStringLiteral("parameters"));
        QVERIFY2(text.startsWith(QLatin1String("a lighthouse\nSteps: 3, Sampler: Euler, CFG scale: 7.0, Seed: 9, Size: 16x16")),
                 qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Remote backend: cli (runpod)")));
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("remote")).toObject().value(QStringLiteral("remote_id")).toString(),
                 QStringLiteral("job-1"));
    }

    void img2imgSendsTheInitImage() {
        A1111StandIn server;
        server.steps = 1;
        server.stepMs = 20;
        QTemporaryDir out;
        const QString init = QDir(out.path()).filePath(QStringLiteral("in/init.png"));
        QDir().mkpath(QFileInfo(init).path());
        const QByteArray initBytes = testPng(93, 70, 3);
        {
            QFile f(init);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(initBytes);
        }
        const CliRun r = runAsync({"img2img", "--backend-url", server.http.origin(), "--backend-kind", "a1111", "--init",
                                   init, "--prompt", "p", "--seed", "1", "--steps", "2", "--strength", "0.5", "--out",
                                   QDir(out.path()).filePath(QStringLiteral("results"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject body = server.bodies.first();
        QCOMPARE(body.value(QStringLiteral("init_images")).toArray().first().toString().toLatin1(), initBytes.toBase64());
        QCOMPARE(body.value(QStringLiteral("denoising_strength")).toDouble(), 0.5);
        QCOMPARE(body.value(QStringLiteral("width")).toInt(), 96); // the init size, rounded to 8 as locally
        QCOMPARE(body.value(QStringLiteral("height")).toInt(), 72);
        QCOMPARE(server.http.hits("/sdapi/v1/img2img"), 1);
        QCOMPARE(pngs(QDir(out.path()).filePath(QStringLiteral("results"))).size(), 1);
    }

    // `bench dispatch --backends URL,URL`: the Any run goes through the real dispatcher and job
    // queue and spreads over both servers (figures are printed, not asserted: no timed tests).
    void benchDispatchSpreadsAnyOverTwoBackends() {
        A1111StandIn one, two;
        for (A1111StandIn* s : {&one, &two}) {
            s->steps = 2;
            s->stepMs = 150;
        }
        const CliRun r = runAsync({"bench", "dispatch", "--backends", one.http.origin() + "," + two.http.origin(), "--images",
                                   "6", "--solo", "1", "--steps", "2", "--width", "64", "--height", "64"},
                                  {}, 120000);
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("bench")).toString(), QStringLiteral("dispatch"));
        QCOMPARE(o.value(QStringLiteral("images")).toInt(), 6);
        const QJsonArray backends = o.value(QStringLiteral("backends")).toArray();
        QCOMPARE(backends.size(), 2);
        int sum = 0;
        for (const QJsonValue& b : backends) {
            const int n = b.toObject().value(QStringLiteral("images_in_any_run")).toInt();
            QVERIFY2(n >= 1, r.out.constData()); // both servers took part in Any
            QVERIFY(b.toObject().value(QStringLiteral("seconds_per_image")).toDouble() > 0);
            sum += n;
        }
        QCOMPARE(sum, 6);
        // Each server saw its warm-up, its solo image and its share of the Any run.
        QCOMPARE(one.bodies.size() + two.bodies.size(), 2 * 2 + 6);
        QVERIFY(o.value(QStringLiteral("wall_seconds")).toDouble() > 0);
        QVERIFY(o.value(QStringLiteral("ideal_seconds")).toDouble() > 0);
    }

    void failuresExitOneWithOneLine() {
        quint16 closed = 0;
        {
            HttpStandIn gone;
            closed = gone.port();
        }
        QTemporaryDir out;
        CliRun r = runAsync({"txt2img", "--backend-url", QStringLiteral("http://127.0.0.1:%1").arg(closed), "--backend-kind",
                             "a1111", "--backend-wait", "1", "--prompt", "p", "--out", out.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("refused the connection"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(pngs(out.path()).isEmpty());

        OpenAiStandIn api;
        r = runAsync({"txt2img", "--backend-url", api.http.origin(), "--backend-kind", "openai", "--prompt", "p", "--out",
                      out.path()},
                     {{QStringLiteral("LATENT_BACKEND_SECRET"), QStringLiteral("sk-not-the-right-key-5555")}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("refused the credentials"), r.err.constData());
        QVERIFY(!r.err.contains("sk-not-the-right-key-5555"));
        QCOMPARE(api.http.hits("/v1/images/generations"), 1);

        r = runAsync({"txt2img", "--backend", "nothere", "--prompt", "p", "--out", out.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("No backend named \"nothere\""));
        r = runAsync({"txt2img", "--backend-url", api.http.origin(), "--backend-kind", "bogus", "--prompt", "p", "--out",
                      out.path()});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliBackends)
#include "tst_cli_backends.moc"
