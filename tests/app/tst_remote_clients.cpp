// Remote backends on the wire: the A1111, RunPod and OpenAI-style clients against local stand-ins
// that speak those formats on real sockets (tests/common/remote_stand_ins.h), through
// RemoteJobRunner so the saved files are checked too. Cold starts, 429 with Retry-After, 500 then
// success, a restart mid-job, malformed answers (nothing saved), credentials refused (no retry),
// results on another host (no credentials sent there), cancel, resume by id, and check.
#include "app/metadata/png_text.h"
#include "app/remote/a1111_client.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/remote_http.h"
#include "app/remote/remote_job_runner.h"
#include "app/remote/runpod_client.h"
#include "common/isolated_app_data.h"
#include "common/remote_stand_ins.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;
using namespace latent::test;

namespace {

QStringList files(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString infotextOf(const QString& path) { return PngText::readFile(path).value(QStringLiteral("parameters")); }

RetryPolicy fastRetry() {
    RetryPolicy p;
    p.baseDelayMs = 50;
    p.maxDelayMs = 200;
    p.maxRetries = 3;
    p.offlineWaitMs = 1500;
    return p;
}

// One job through a RemoteJobRunner, waited for.
struct Run {
    bool finished = false, failed = false, cancelled = false;
    QStringList paths;
    QString error;
    QJsonObject info;
    QStringList notes;
    QList<QPair<int, int>> progress;
    int previews = 0;
    ImagePixels first;
};

class Runner {
public:
    Runner(const BackendConfig& config, const QString& secret, RemoteJobSpec spec)
        : runner(config, secret, &nam, std::move(spec)) {
        runner.client()->retry = fastRetry();
        runner.client()->pollIntervalMs = 100;
        runner.client()->maxPollIntervalMs = 300;
        QObject::connect(&runner, &RemoteJobRunner::statusChanged, [this](qint64, const QString& n) { run.notes << n; });
        QObject::connect(&runner, &RemoteJobRunner::progress,
                         [this](qint64, int s, int t, double, double) { run.progress << qMakePair(s, t); });
        QObject::connect(&runner, &RemoteJobRunner::preview, [this](qint64, const ImagePixels&) { ++run.previews; });
        QObject::connect(&runner, &RemoteJobRunner::finished,
                         [this](qint64, const QStringList& p, const QStringList&, const ImagePixels& first,
                                const QString&, const QJsonObject& info) {
                             run.finished = true;
                             run.paths = p;
                             run.info = info;
                             run.first = first;
                         });
        QObject::connect(&runner, &RemoteJobRunner::failed, [this](qint64, const QString& e) {
            run.failed = true;
            run.error = e;
        });
        QObject::connect(&runner, &RemoteJobRunner::cancelled, [this](qint64) { run.cancelled = true; });
    }
    bool done() const { return run.finished || run.failed || run.cancelled; }
    bool wait(int ms = 20000) {
        return QTest::qWaitFor([this] { return done(); }, ms);
    }
    QNetworkAccessManager nam;
    RemoteJobRunner runner;
    Run run;
};

QJsonObject txt2imgParams(const QString& outDir) {
    return QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lighthouse, (storm:1.2) <lora:waves:0.7>")},
                       {QStringLiteral("negative_prompt"), QStringLiteral("blurry")},
                       {QStringLiteral("seed"), 42},
                       {QStringLiteral("steps"), 4},
                       {QStringLiteral("cfg_scale"), 6.5},
                       {QStringLiteral("width"), 64},
                       {QStringLiteral("height"), 48},
                       {QStringLiteral("batch_size"), 2},
                       {QStringLiteral("n_iter"), 1},
                       {QStringLiteral("sampler_name"), QStringLiteral("Euler")},
                       {QStringLiteral("scheduler"), QStringLiteral("Automatic")},
                       {QStringLiteral("override_settings"),
                        QJsonObject{{QStringLiteral("sd_model_checkpoint"), QStringLiteral("tiny")},
                                    {QStringLiteral("CLIP_stop_at_last_layers"), 2}}},
                       {QStringLiteral("model_path"), QStringLiteral("/models/Stable-diffusion/tiny.safetensors")},
                       {QStringLiteral("output_dir"), outDir},
                       {QStringLiteral("backend"), QStringLiteral("gpu")}};
}

RemoteJobSpec spec(const QJsonObject& params, const QString& outDir, const QString& kind = QStringLiteral("txt2img")) {
    RemoteJobSpec s;
    s.jobId = 7;
    s.kind = kind;
    s.params = params;
    s.outputDir = outDir;
    s.recoveryDir = outDir + QStringLiteral("/../recovery");
    return s;
}

BackendConfig a1111Config(const A1111StandIn& server) {
    BackendConfig c;
    c.name = QStringLiteral("gpu");
    c.kind = BackendKind::A1111;
    c.url = server.http.url();
    c.user = QStringLiteral("alice");
    return c;
}

BackendConfig runpodConfig(const RunPodStandIn& server) {
    BackendConfig c;
    c.name = QStringLiteral("rp");
    c.kind = BackendKind::RunPod;
    c.url = server.endpoint();
    return c;
}

BackendConfig openaiConfig(const OpenAiStandIn& server) {
    BackendConfig c;
    c.name = QStringLiteral("oa");
    c.kind = BackendKind::OpenAI;
    c.url = server.http.url();
    c.model = QStringLiteral("flux-schnell");
    c.extras = QJsonObject{{QStringLiteral("provider"), QStringLiteral("together")}};
    return c;
}

} // namespace

class TestRemoteClients : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    // --- A1111 ---------------------------------------------------------------------------------

    void a1111SendsTheExactBodyAndKeepsTheServersPngs() {
        A1111StandIn server;
        server.user = QStringLiteral("alice");
        server.pass = QStringLiteral("s3cret-pass");
        server.steps = 4;
        server.stepMs = 600;
        QTemporaryDir out;
        QJsonObject params = txt2imgParams(out.path());
        params.insert(QStringLiteral("vae_path"), QStringLiteral("/models/VAE/kl-f8-anime2.safetensors"));
        Runner r(a1111Config(server), server.pass, spec(params, out.path()));
        r.runner.client()->pollIntervalMs = 1000;
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));

        // The body: the job's A1111 fields, no local keys, the checkpoint and the VAE by name,
        // images back.
        QCOMPARE(server.bodies.size(), 1);
        QJsonObject expected = params;
        for (const char* k : {"model_path", "vae_path", "output_dir", "backend"}) expected.remove(QLatin1String(k));
        QJsonObject overrides = expected.value(QStringLiteral("override_settings")).toObject();
        overrides.insert(QStringLiteral("sd_vae"), QStringLiteral("kl-f8-anime2.safetensors"));
        expected.insert(QStringLiteral("override_settings"), overrides);
        expected.insert(QStringLiteral("send_images"), true);
        expected.insert(QStringLiteral("save_images"), false);
        QCOMPARE(server.bodies.first(), expected);
        const StandInRequest post = server.http.requests("/sdapi/v1/txt2img").first();
        QCOMPARE(post.header("authorization"), "Basic " + QByteArray("alice:s3cret-pass").toBase64());
        QCOMPARE(post.header("content-type"), QByteArray("application/json"));

        // The files: the server's PNG bytes, untouched, under A1111's names.
        QCOMPARE(files(out.path()), (QStringList{"00000-42.png", "00001-43.png"}));
        for (int i = 0; i < 2; ++i) {
            const QString text = A1111StandIn::infotextFor(server.bodies.first(), i);
            QCOMPARE(readFile(QDir(out.path()).filePath(files(out.path())[i])), testPng(16, 12, quint32(10 + i), text));
            QCOMPARE(infotextOf(r.run.paths[i]), text);
        }
        QCOMPARE(r.run.first.width, 16);

        // Progress and previews from /progress, at most one poll per second.
        QVERIFY(!r.run.progress.isEmpty());
        QCOMPARE(r.run.progress.last().second, 4);
        QVERIFY(r.run.previews >= 1);
        const QList<StandInRequest> polls = server.http.requests("/sdapi/v1/progress");
        QVERIFY(polls.size() >= 1);
        for (int i = 1; i < polls.size(); ++i)
            QVERIFY2(polls[i].atMs - polls[i - 1].atMs >= 900, "more than one progress request per second");
    }

    void a1111Img2imgSendsTheImagesAsBase64() {
        A1111StandIn server;
        server.steps = 1;
        server.stepMs = 50;
        QTemporaryDir out;
        const QByteArray init = testPng(32, 32, 1), mask = testPng(32, 32, 2);
        QFile(out.filePath(QStringLiteral("init.png"))).open(QIODevice::WriteOnly);
        {
            QFile f(out.filePath(QStringLiteral("init.png")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(init);
            QFile m(out.filePath(QStringLiteral("mask.png")));
            QVERIFY(m.open(QIODevice::WriteOnly));
            m.write(mask);
        }
        QJsonObject params = txt2imgParams(out.filePath(QStringLiteral("results")));
        params.insert(QStringLiteral("init_image_path"), out.filePath(QStringLiteral("init.png")));
        params.insert(QStringLiteral("mask_path"), out.filePath(QStringLiteral("mask.png")));
        params.insert(QStringLiteral("denoising_strength"), 0.6);
        params.insert(QStringLiteral("batch_size"), 1);
        BackendConfig c = a1111Config(server);
        c.user.clear();
        Runner r(c, {}, spec(params, out.filePath(QStringLiteral("results")), QStringLiteral("img2img")));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/sdapi/v1/img2img"), 1);
        const QJsonObject body = server.bodies.first();
        QCOMPARE(body.value(QStringLiteral("init_images")).toArray().first().toString().toLatin1(), init.toBase64());
        QCOMPARE(body.value(QStringLiteral("mask")).toString().toLatin1(), mask.toBase64());
        QVERIFY(!body.contains(QStringLiteral("init_image_path")));
        QVERIFY(server.http.requests("/sdapi/v1/img2img").first().header("authorization").isEmpty());
    }

    // A studio job's ControlNet units and extra init images: the files go as base64, no local
    // path (image, mask or model file) leaves the machine, the model goes by its name.
    void a1111SendsControlNetAndSeveralInitsAsBase64() {
        A1111StandIn server;
        server.steps = 1;
        server.stepMs = 50;
        QTemporaryDir out;
        const QByteArray init = testPng(32, 32, 1), init2 = testPng(32, 32, 4), control = testPng(24, 24, 3),
                         controlMask = testPng(24, 24, 5);
        auto put = [&](const QString& name, const QByteArray& bytes) {
            QFile f(out.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        put(QStringLiteral("init.png"), init);
        put(QStringLiteral("init2.png"), init2);
        put(QStringLiteral("control.png"), control);
        put(QStringLiteral("control-mask.png"), controlMask);
        QJsonObject params = txt2imgParams(out.filePath(QStringLiteral("results")));
        params.insert(QStringLiteral("init_image_path"), out.filePath(QStringLiteral("init.png")));
        params.insert(QStringLiteral("more_init_image_paths"), QJsonArray{out.filePath(QStringLiteral("init2.png"))});
        params.insert(QStringLiteral("denoising_strength"), 0.6);
        const QJsonObject unit0{{QStringLiteral("enabled"), true},
                                {QStringLiteral("module"), QStringLiteral("canny")},
                                {QStringLiteral("model"), QStringLiteral("control_v11p_sd15_canny [d14c016b]")},
                                {QStringLiteral("model_path"), QStringLiteral("/home/me/models/ControlNet/control_v11p_sd15_canny.pth")},
                                {QStringLiteral("weight"), 0.8},
                                {QStringLiteral("image_path"), out.filePath(QStringLiteral("control.png"))},
                                {QStringLiteral("mask_path"), out.filePath(QStringLiteral("control-mask.png"))}};
        const QJsonObject unit1{{QStringLiteral("enabled"), true},
                                {QStringLiteral("module"), QStringLiteral("none")},
                                {QStringLiteral("model"), QStringLiteral("depth")},
                                {QStringLiteral("image_path"), out.filePath(QStringLiteral("control.png"))}};
        params.insert(QStringLiteral("alwayson_scripts"),
                      QJsonObject{{QStringLiteral("controlnet"), QJsonObject{{QStringLiteral("args"), QJsonArray{unit0, unit1}}}}});
        BackendConfig c = a1111Config(server);
        c.user.clear();
        Runner r(c, {}, spec(params, out.filePath(QStringLiteral("results")), QStringLiteral("img2img")));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        const QJsonObject body = server.bodies.first();
        const QJsonArray inits = body.value(QStringLiteral("init_images")).toArray();
        QCOMPARE(inits.size(), 2);
        QCOMPARE(inits[0].toString().toLatin1(), init.toBase64());
        QCOMPARE(inits[1].toString().toLatin1(), init2.toBase64());
        QVERIFY(!body.contains(QStringLiteral("more_init_image_paths")));
        const QJsonArray units = body.value(QStringLiteral("alwayson_scripts")).toObject().value(QStringLiteral("controlnet"))
                                     .toObject().value(QStringLiteral("args")).toArray();
        QCOMPARE(units.size(), 2);
        QCOMPARE(units[0].toObject().value(QStringLiteral("image")).toString().toLatin1(), control.toBase64());
        QCOMPARE(units[0].toObject().value(QStringLiteral("mask")).toString().toLatin1(), controlMask.toBase64());
        QCOMPARE(units[0].toObject().value(QStringLiteral("model")).toString(), QStringLiteral("control_v11p_sd15_canny [d14c016b]"));
        QCOMPARE(units[0].toObject().value(QStringLiteral("weight")).toDouble(), 0.8);
        QCOMPARE(units[1].toObject().value(QStringLiteral("image")).toString().toLatin1(), control.toBase64());
        QVERIFY(!units[1].toObject().contains(QStringLiteral("mask")));
        const QByteArray raw = QJsonDocument(body).toJson();
        QVERIFY2(!raw.contains(out.path().toUtf8()) && !raw.contains("/home/me"), "a local path was sent to the server");
        for (const char* key : {"image_path", "mask_path", "model_path"})
            for (const QJsonValue& u : units) QVERIFY(!u.toObject().contains(QLatin1String(key)));
    }

    // An unreadable ControlNet image fails the job before anything is sent.
    void a1111UnreadableControlImageSendsNothing() {
        A1111StandIn server;
        QTemporaryDir out;
        QJsonObject params = txt2imgParams(out.path());
        params.insert(QStringLiteral("alwayson_scripts"),
                      QJsonObject{{QStringLiteral("controlnet"),
                                   QJsonObject{{QStringLiteral("args"),
                                                QJsonArray{QJsonObject{{QStringLiteral("model"), QStringLiteral("depth")},
                                                                       {QStringLiteral("image_path"), out.filePath(QStringLiteral("gone.png"))}}}}}}});
        Runner r(a1111Config(server), {}, spec(params, out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(QLatin1String("ControlNet unit 0")) && r.run.error.contains(QLatin1String("gone.png")),
                 qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/sdapi/v1/txt2img"), 0);
        QVERIFY(files(out.path()).isEmpty());
    }

    void a1111CancelInterruptsTheServer() {
        A1111StandIn server;
        server.steps = 50;
        server.stepMs = 100;
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.client()->pollIntervalMs = 1000;
        r.runner.start();
        QVERIFY(QTest::qWaitFor([&] { return server.running && server.step >= 2; }, 10000));
        r.runner.cancel();
        QVERIFY(r.wait());
        QVERIFY(r.run.cancelled);
        QCOMPARE(server.http.hits("/sdapi/v1/interrupt"), 1);
        QVERIFY(QTest::qWaitFor([&] { return !server.running; }, 5000));
        QTest::qWait(200);
        QVERIFY(files(out.path()).isEmpty());
    }

    // Interrupt that keeps the images (A1111's Interrupt): /interrupt, and the job's own request
    // is answered with the images so far, which are saved.
    void a1111InterruptKeepsTheServersImages() {
        A1111StandIn server;
        server.steps = 50;
        server.stepMs = 100;
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.client()->pollIntervalMs = 1000;
        r.runner.start();
        QVERIFY(QTest::qWaitFor([&] { return server.running && server.step >= 2; }, 10000));
        r.runner.stopEarly(false);
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/sdapi/v1/interrupt"), 1);
        QVERIFY(server.step < 50);
        QCOMPARE(r.run.paths.size(), 2);
        QCOMPARE(files(out.path()).size(), 2);
    }

    // A backend without such a call (RunPod) cancels instead.
    void runpodStopEarlyCancels() {
        RunPodStandIn server;
        server.coldPolls = 1000;
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(QTest::qWaitFor([&] { return server.http.hits("/v2/ep/status/*") >= 2; }, 10000));
        r.runner.stopEarly(false);
        QVERIFY(r.wait());
        QVERIFY(r.run.cancelled);
        QCOMPARE(server.http.hits("/v2/ep/cancel/job-1"), 1);
        QVERIFY(files(out.path()).isEmpty());
    }

    void a1111RestartMidJobFailsAndIsNotSentAgain() {
        A1111StandIn server;
        server.dropNextJob = true;
        server.stepMs = 300;
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.failed, qPrintable(QStringLiteral("finished %1, bodies %2, notes: %3")
                                              .arg(r.run.finished)
                                              .arg(server.bodies.size())
                                              .arg(r.run.notes.join(QStringLiteral(" | ")))));
        QVERIFY2(r.run.error.contains(QLatin1String("restarted")), qPrintable(r.run.error));
        QVERIFY(QTest::qWaitFor([&] { return server.http.isListening(); }, 5000));
        QTest::qWait(500);
        QCOMPARE(server.bodies.size(), 1); // never sent twice
        QVERIFY(files(out.path()).isEmpty());
    }

    void a1111RefusedCredentialsAreNotRetried() {
        A1111StandIn server;
        server.user = QStringLiteral("alice");
        server.pass = QStringLiteral("right");
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("wrong-password-123"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(QLatin1String("refused the credentials")), qPrintable(r.run.error));
        QVERIFY(!r.run.error.contains(QLatin1String("wrong-password-123")));
        QCOMPARE(server.http.hits("/sdapi/v1/txt2img"), 1);
    }

    void a1111ServerErrorsAreRetriedThenSucceed() {
        A1111StandIn server;
        server.steps = 1;
        server.stepMs = 50;
        server.inject = {Injected{503, {}, "{\"detail\":\"busy\"}"}, Injected{500, {}, "oops"}};
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/sdapi/v1/txt2img"), 3);
        QVERIFY(r.run.notes.join(QLatin1Char('\n')).contains(QLatin1String("retry 1 of 3")));
        QCOMPARE(files(out.path()).size(), 2);
    }

    void a1111GivesUpAfterTheRetriesWithTheLastMessage() {
        A1111StandIn server;
        for (int i = 0; i < 4; ++i) server.inject.push_back(Injected{502, {}, "{\"detail\":\"upstream down\"}"});
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QCOMPARE(server.http.hits("/sdapi/v1/txt2img"), 4); // 1 + 3 retries
        QVERIFY2(r.run.error.contains(QLatin1String("upstream down")) && r.run.error.contains(QLatin1String("3 retries")),
                 qPrintable(r.run.error));
    }

    void a1111RefusedRequestShowsTheServersDetail() {
        A1111StandIn server;
        server.inject = {Injected{422, {}, "{\"detail\":\"Sampler not found\"}"}};
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(QLatin1String("Sampler not found")), qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/sdapi/v1/txt2img"), 1);
    }

    void a1111MalformedAnswersSaveNothing_data() {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("<html>oops") << QStringLiteral("not valid JSON");
        QTest::newRow("no images") << QByteArray("{\"images\":[]}") << QStringLiteral("no images");
        QTest::newRow("bad base64") << QByteArray("{\"images\":[\"@@@@\"]}") << QStringLiteral("not valid base64");
        // The second image is not an image: the first, valid one is not saved either.
        QTest::newRow("one not an image")
            << (QByteArray("{\"images\":[\"") + testPng(8, 8, 1).toBase64() + "\",\"" +
                QByteArray("plain text").toBase64() + "\"]}")
            << QStringLiteral("Image 2 of 2");
        QTest::newRow("truncated png") << (QByteArray("{\"images\":[\"") + testPng(8, 8, 1).left(60).toBase64() + "\"]}")
                                       << QStringLiteral("unusable");
    }
    void a1111MalformedAnswersSaveNothing() {
        QFETCH(QByteArray, answer);
        QFETCH(QString, expected);
        A1111StandIn server;
        server.steps = 1;
        server.stepMs = 20;
        server.answerOverride = answer;
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(expected), qPrintable(r.run.error));
        QVERIFY(files(out.path()).isEmpty());
    }

    void a1111Check() {
        A1111StandIn server;
        server.user = QStringLiteral("alice");
        server.pass = QStringLiteral("pw");
        QNetworkAccessManager nam;
        auto client = RemoteClient::create(a1111Config(server), QStringLiteral("pw"), &nam);
        BackendCheck result;
        bool done = false;
        client->check([&](const BackendCheck& c) {
            result = c;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY(result.reachable);
        QCOMPARE(result.auth, BackendCheck::Auth::Accepted);
        QCOMPARE(result.version, QStringLiteral("v1.10.1"));
        QCOMPARE(result.models, (QStringList{"tiny.safetensors [0123456789]", "other.safetensors [abcdefabcd]"}));
        QCOMPARE(result.samplers, (QStringList{"Euler", "DPM++ 2M"}));
        QCOMPARE(result.currentModel, QStringLiteral("tiny.safetensors [0123456789]"));

        auto wrong = RemoteClient::create(a1111Config(server), QStringLiteral("nope"), &nam);
        done = false;
        wrong->check([&](const BackendCheck& c) {
            result = c;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY(result.reachable);
        QCOMPARE(result.auth, BackendCheck::Auth::Refused);
    }

    // --- RunPod --------------------------------------------------------------------------------

    void runpodColdStartIsWaitingNotAnError() {
        RunPodStandIn server;
        server.coldPolls = 4;
        server.runningPolls = 2;
        QTemporaryDir out;
        QJsonObject params = txt2imgParams(out.path());
        params.insert(QStringLiteral("batch_size"), 1);
        Runner r(runpodConfig(server), server.apiKey, spec(params, out.path()));
        QStringList ids;
        QObject::connect(&r.runner, &RemoteJobRunner::remoteIdAssigned, [&](qint64, const QString& id) { ids << id; });
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(ids, QStringList{QStringLiteral("job-1")});
        const QString notes = r.run.notes.join(QLatin1Char('\n'));
        QVERIFY2(notes.contains(QLatin1String("waiting for a worker (0:0")), qPrintable(notes));
        QVERIFY(notes.contains(QLatin1String("running on a worker")));
        QCOMPARE(server.http.hits("/v2/ep/status/*"), 4 + 2 + 1);
        // Back-off: the gaps between polls grow.
        const QList<StandInRequest> polls = server.http.requests("/v2/ep/status/*");
        QVERIFY(polls.last().atMs - polls[polls.size() - 2].atMs >= polls[1].atMs - polls[0].atMs);

        // The seed worker's input.
        const QJsonObject input = server.jobs.value(QStringLiteral("job-1")).input;
        QCOMPARE(input.value(QStringLiteral("prompt")).toString(), params.value(QStringLiteral("prompt")).toString());
        QCOMPARE(input.value(QStringLiteral("negative_prompt")).toString(), QStringLiteral("blurry"));
        QCOMPARE(input.value(QStringLiteral("width")).toInt(), 64);
        QCOMPARE(input.value(QStringLiteral("height")).toInt(), 48);
        QCOMPARE(input.value(QStringLiteral("num_inference_steps")).toInt(), 4);
        QCOMPARE(input.value(QStringLiteral("guidance_scale")).toDouble(), 6.5);
        QCOMPARE(input.value(QStringLiteral("seed")).toInteger(), 42);
        QCOMPARE(input.value(QStringLiteral("num_images")).toInt(), 1);
        QCOMPARE(input.value(QStringLiteral("scheduler")).toString(), QStringLiteral("K_EULER"));
        QVERIFY(server.http.requests("/v2/ep/run").first().header("authorization") == "Bearer " + server.apiKey.toUtf8());

        // The image, with an infotext built from the request and marked remote.
        QCOMPARE(files(out.path()), QStringList{QStringLiteral("00000-42.png")});
        const QString text = infotextOf(r.run.paths.first());
        QVERIFY2(text.startsWith(params.value(QStringLiteral("prompt")).toString() + QStringLiteral("\nNegative prompt: blurry\n")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Steps: 4, Sampler: Euler, CFG scale: 6.5, Seed: 42, Size: 16x12")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Remote backend: rp (runpod)")));
        QCOMPARE(r.run.info.value(QStringLiteral("remote_id")).toString(), QStringLiteral("job-1"));
        QCOMPARE(r.run.info.value(QStringLiteral("delay_ms")).toInt(), 1234);
    }

    void runpod429HonoursRetryAfter() {
        RunPodStandIn server;
        server.runInject = {Injected{429, "1", "{\"error\":\"rate limited\"}"}};
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        const QList<StandInRequest> runs = server.http.requests("/v2/ep/run");
        QCOMPARE(runs.size(), 2);
        QVERIFY2(runs[1].atMs - runs[0].atMs >= 950, qPrintable(QString::number(runs[1].atMs - runs[0].atMs)));
        QVERIFY(r.run.notes.join(QLatin1Char('\n')).contains(QLatin1String("HTTP 429")));
    }

    void runpod500ThenSuccess() {
        RunPodStandIn server;
        server.runInject = {Injected{500}, Injected{502}};
        server.statusInject = {Injected{503}};
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/v2/ep/run"), 3);
        QCOMPARE(server.counter, 1); // one job on the endpoint
        QCOMPARE(files(out.path()).size(), 2);
    }

    void runpodRestartMidJobKeepsPollingById() {
        RunPodStandIn server;
        server.coldPolls = 1;
        server.restartAfterFirstStatus = true;
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QVERIFY2(r.run.notes.join(QLatin1Char('\n')).contains(QLatin1String("still polling job job-1")),
                 qPrintable(r.run.notes.join(QLatin1Char('\n'))));
        QCOMPARE(server.http.hits("/v2/ep/run"), 1);
    }

    void runpodMalformedOrNonImageOutputSavesNothing_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed json") << QStringLiteral("malformed") << QStringLiteral("not valid JSON");
        QTest::newRow("not an image") << QStringLiteral("not-image") << QStringLiteral("not an image");
        QTest::newRow("worker failed") << QStringLiteral("failed") << QStringLiteral("CUDA out of memory on the worker");
    }
    void runpodMalformedOrNonImageOutputSavesNothing() {
        QFETCH(QString, mode);
        QFETCH(QString, expected);
        RunPodStandIn server;
        server.outputMode = mode;
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(expected), qPrintable(r.run.error));
        QVERIFY(files(out.path()).isEmpty());
    }

    void runpodOutputShapes_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("objects with image (data URL)") << QStringLiteral("objects");
        QTest::newRow("A1111 worker answer") << QStringLiteral("a1111");
    }
    void runpodOutputShapes() {
        QFETCH(QString, mode);
        RunPodStandIn server;
        server.outputMode = mode;
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(r.run.paths.size(), 2);
        if (mode == QLatin1String("a1111")) // the worker's own infotext is kept
            QVERIFY(infotextOf(r.run.paths[1]).startsWith(QLatin1String("worker prompt 1\nSteps: 5, Sampler: Euler, Seed: 901")));
        else
            QVERIFY(infotextOf(r.run.paths[0]).contains(QLatin1String("Remote backend: rp (runpod)")));
    }

    void runpodUrlResultOnAnotherHostGetsNoCredentials() {
        ImageHost images;
        QVERIFY(images.http.isListening());
        RunPodStandIn server;
        server.outputMode = QStringLiteral("urls");
        server.urlHost = images.http.origin();
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(images.http.hits("/img/*"), 2);
        for (const StandInRequest& req : images.http.requests())
            QVERIFY2(req.header("authorization").isEmpty(), "credentials were sent to the image host");
        QVERIFY(!server.http.requests("/v2/ep/status/*").first().header("authorization").isEmpty());
        QCOMPARE(r.run.first.width, 20);
    }

    void runpodCancelCancelsOnTheEndpoint() {
        RunPodStandIn server;
        server.coldPolls = 1000;
        QTemporaryDir out;
        Runner r(runpodConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(QTest::qWaitFor([&] { return server.http.hits("/v2/ep/status/*") >= 2; }, 10000));
        r.runner.cancel();
        QVERIFY(r.wait());
        QVERIFY(r.run.cancelled);
        QCOMPARE(server.http.hits("/v2/ep/cancel/job-1"), 1);
        QVERIFY(server.jobs.value(QStringLiteral("job-1")).cancelled);
    }

    void runpodResumesAJobById() {
        RunPodStandIn server;
        server.jobs.insert(QStringLiteral("job-77"), RunPodStandIn::Job{QJsonObject{{QStringLiteral("num_images"), 1}}, 5, false});
        server.coldPolls = 0;
        QTemporaryDir out;
        RemoteJobSpec s = spec(txt2imgParams(out.path()), out.path());
        s.remoteId = QStringLiteral("job-77");
        Runner r(runpodConfig(server), server.apiKey, s);
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/v2/ep/run"), 0);
        QCOMPARE(r.run.paths.size(), 1);
    }

    void runpodCheckReportsWorkers() {
        RunPodStandIn server;
        QNetworkAccessManager nam;
        auto client = RemoteClient::create(runpodConfig(server), server.apiKey, &nam);
        BackendCheck result;
        bool done = false;
        client->check([&](const BackendCheck& c) {
            result = c;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY(result.healthy());
        QCOMPARE(result.detail, QStringLiteral("workers: 0 idle, 1 running; jobs: 2 in queue, 1 in progress"));
        auto missing = RemoteClient::create(runpodConfig(server), {}, &nam);
        done = false;
        missing->check([&](const BackendCheck& c) {
            result = c;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QCOMPARE(result.auth, BackendCheck::Auth::Missing);
    }

    // --- OpenAI-style --------------------------------------------------------------------------

    void openaiGeneratesAndKeepsUsage() {
        OpenAiStandIn server;
        QTemporaryDir out;
        Runner r(openaiConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        const QJsonObject body = server.bodies.first();
        QCOMPARE(body, (QJsonObject{{QStringLiteral("model"), QStringLiteral("flux-schnell")},
                                    {QStringLiteral("prompt"), txt2imgParams({}).value(QStringLiteral("prompt"))},
                                    {QStringLiteral("n"), 2},
                                    {QStringLiteral("size"), QStringLiteral("64x48")},
                                    {QStringLiteral("response_format"), QStringLiteral("b64_json")},
                                    {QStringLiteral("provider"), QStringLiteral("together")}}));
        QCOMPARE(r.run.paths.size(), 2);
        QCOMPARE(r.run.info.value(QStringLiteral("latency_ms")).toInt(), 4321);
        QCOMPARE(r.run.info.value(QStringLiteral("cost")).toDouble(), 0.04);
        QCOMPARE(r.run.info.value(QStringLiteral("usage")).toObject().value(QStringLiteral("total_tokens")).toInt(), 10);
        const QString text = infotextOf(r.run.paths.first());
        QVERIFY2(text.contains(QLatin1String("Size: 24x16, Model: flux-schnell")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Remote backend: oa (openai)")));
        QVERIFY(!text.contains(QLatin1String("Negative prompt"))); // not sent, not claimed
    }

    void openaiUrlResultIsDownloadedWithoutCredentials() {
        ImageHost images;
        OpenAiStandIn server;
        server.resultMode = QStringLiteral("url");
        server.urlHost = images.http.origin();
        QTemporaryDir out;
        Runner r(openaiConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
        QCOMPARE(images.http.hits("/img/*"), 2);
        for (const StandInRequest& req : images.http.requests()) QVERIFY(req.header("authorization").isEmpty());
    }

    void openaiRefusedKeyIsNotRetriedNorShown() {
        OpenAiStandIn server;
        server.inject = {Injected{401, {}, "{\"error\":{\"message\":\"Incorrect API key provided: sk-WRONG-key-000111222\"}}"}};
        QTemporaryDir out;
        Runner r(openaiConfig(server), QStringLiteral("sk-WRONG-key-000111222"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(QLatin1String("refused the credentials")), qPrintable(r.run.error));
        QVERIFY2(!r.run.error.contains(QLatin1String("sk-WRONG-key-000111222")), qPrintable(r.run.error));
        QCOMPARE(server.http.hits("/v1/images/generations"), 1);
    }

    void openaiMalformedAnswersSaveNothing_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("html") << QStringLiteral("malformed") << QStringLiteral("not valid JSON");
        QTest::newRow("no data") << QStringLiteral("empty") << QStringLiteral("without images");
    }
    void openaiMalformedAnswersSaveNothing() {
        QFETCH(QString, mode);
        QFETCH(QString, expected);
        OpenAiStandIn server;
        server.resultMode = mode;
        QTemporaryDir out;
        Runner r(openaiConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(expected), qPrintable(r.run.error));
        QVERIFY(files(out.path()).isEmpty());
    }

    void openaiRefusesImageToImage() {
        OpenAiStandIn server;
        QTemporaryDir out;
        Runner r(openaiConfig(server), server.apiKey, spec(txt2imgParams(out.path()), out.path(), QStringLiteral("img2img")));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY(r.run.error.contains(QLatin1String("only makes images from text")));
        QCOMPARE(server.http.hits("/v1/images/generations"), 0);
    }

    // ControlNet units only an A1111 server takes: RunPod and OpenAI-style backends refuse the job
    // (nothing sent) instead of returning images made without them.
    void runpodAndOpenAiRefuseControlNetUnits() {
        QJsonObject unit{{QStringLiteral("model"), QStringLiteral("depth")}, {QStringLiteral("image"), QStringLiteral("AAAA")}};
        QTemporaryDir out;
        QJsonObject params = txt2imgParams(out.path());
        params.insert(QStringLiteral("alwayson_scripts"),
                      QJsonObject{{QStringLiteral("controlnet"), QJsonObject{{QStringLiteral("args"), QJsonArray{unit}}}}});
        {
            RunPodStandIn server;
            Runner r(runpodConfig(server), server.apiKey, spec(params, out.path()));
            r.runner.start();
            QVERIFY(r.wait());
            QVERIFY(r.run.failed);
            QVERIFY2(r.run.error.contains(QLatin1String("cannot take ControlNet units")), qPrintable(r.run.error));
            QCOMPARE(server.http.hits("/v2/ep/run"), 0);
        }
        {
            OpenAiStandIn server;
            Runner r(openaiConfig(server), server.apiKey, spec(params, out.path()));
            r.runner.start();
            QVERIFY(r.wait());
            QVERIFY(r.run.failed);
            QVERIFY2(r.run.error.contains(QLatin1String("cannot take ControlNet units")), qPrintable(r.run.error));
            QCOMPARE(server.http.hits("/v1/images/generations"), 0);
        }
        QVERIFY(files(out.path()).isEmpty());
    }

    void openaiCheckListsModels() {
        OpenAiStandIn server;
        QNetworkAccessManager nam;
        auto client = RemoteClient::create(openaiConfig(server), server.apiKey, &nam);
        BackendCheck result;
        bool done = false;
        client->check([&](const BackendCheck& c) {
            result = c;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY(result.healthy());
        QCOMPARE(result.models, (QStringList{"dall-e-3", "flux-schnell"}));
        QCOMPARE(result.version, QStringLiteral("2020-10-01"));
    }

    // --- the HTTP layer's rules ----------------------------------------------------------------

    void credentialsStayOnTheBackendsOrigin() {
        HttpStandIn own, other(QHostAddress(QStringLiteral("127.0.0.2")));
        QVERIFY(other.isListening());
        own.answer("/go", [&](const StandInRequest&) {
            StandInReply r;
            r.status = 302;
            r.header("Location", other.url(QStringLiteral("/landed")).toEncoded());
            return r;
        });
        own.answer("/stay", [&](const StandInRequest&) {
            StandInReply r;
            r.status = 307;
            r.header("Location", "/here");
            return r;
        });
        own.answer("/here", [](const StandInRequest&) { return StandInReply::raw(200, "{}"); });
        other.answer("/landed", [](const StandInRequest&) { return StandInReply::raw(200, "{}"); });
        QNetworkAccessManager nam;
        RemoteHttp http(&nam, own.url(), "Bearer rp_SECRET_777888999");
        bool done = false;
        RemoteReply reply;
        RemoteCall call;
        call.url = own.url(QStringLiteral("/go"));
        http.send(call, [&](const RemoteReply& r) {
            reply = r;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY2(reply.ok(), qPrintable(reply.error));
        QCOMPARE(own.requests().first().header("authorization"), QByteArray("Bearer rp_SECRET_777888999"));
        QVERIFY(other.requests().first().header("authorization").isEmpty());
        // A redirect on the same origin keeps them; a POST body survives a 307.
        done = false;
        call.url = own.url(QStringLiteral("/stay"));
        call.method = "POST";
        call.body = "{\"x\":1}";
        http.send(call, [&](const RemoteReply& r) {
            reply = r;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QVERIFY(reply.ok());
        QCOMPARE(own.requests("/here").first().header("authorization"), QByteArray("Bearer rp_SECRET_777888999"));
        QCOMPARE(own.requests("/here").first().body, QByteArray("{\"x\":1}"));
        QCOMPARE(own.requests("/here").first().method, QByteArray("POST"));
    }

    void failuresAreClassified() {
        QNetworkAccessManager nam;
        RemoteHttp http(&nam, {}, {});
        auto call = [&](const QUrl& url, int timeoutMs = 10000) {
            RemoteReply reply;
            bool done = false;
            RemoteCall c;
            c.url = url;
            c.timeoutMs = timeoutMs;
            http.send(c, [&](const RemoteReply& r) {
                reply = r;
                done = true;
            });
            QTest::qWaitFor([&] { return done; }, timeoutMs + 5000);
            return reply;
        };
        // Connection refused: a port nobody listens on.
        quint16 closedPort = 0;
        {
            HttpStandIn gone;
            closedPort = gone.port();
        }
        RemoteReply r = call(QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(closedPort)));
        QCOMPARE(r.failure, RemoteFailure::Unreachable);
        QVERIFY2(r.error.contains(QLatin1String("refused")), qPrintable(r.error));
        // TLS to a server that answers in plain HTTP at once.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost));
        QObject::connect(&plain, &QTcpServer::newConnection, &plain, [&plain] {
            while (QTcpSocket* s = plain.nextPendingConnection()) {
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                s->disconnectFromHost();
            }
        });
        r = call(QUrl(QStringLiteral("https://127.0.0.1:%1/x").arg(plain.serverPort())));
        QVERIFY2(r.failure == RemoteFailure::Tls || r.failure == RemoteFailure::Unreachable, qPrintable(r.error));
        QVERIFY2(r.failure != RemoteFailure::None, qPrintable(r.error));
        // A server that never answers: the call's time limit.
        HttpStandIn silent;
        silent.route("/slow", [](const StandInRequest&, std::shared_ptr<StandInExchange>) {});
        r = call(silent.url(QStringLiteral("/slow")), 500);
        QCOMPARE(r.failure, RemoteFailure::Timeout);
        // Status classes and Retry-After.
        HttpStandIn codes;
        codes.answer("/429", [](const StandInRequest&) { return injectedReply(Injected{429, "7"}); });
        codes.answer("/date", [](const StandInRequest&) {
            return injectedReply(Injected{503, QDateTime::currentDateTimeUtc().addSecs(30).toString(Qt::RFC2822Date).toLatin1()});
        });
        codes.answer("/403", [](const StandInRequest&) { return injectedReply(Injected{403}); });
        r = call(codes.url(QStringLiteral("/429")));
        QCOMPARE(r.failure, RemoteFailure::RateLimited);
        QCOMPARE(r.retryAfterMs(), 7000);
        r = call(codes.url(QStringLiteral("/date")));
        QCOMPARE(r.failure, RemoteFailure::ServerError);
        QVERIFY2(r.retryAfterMs() > 25000 && r.retryAfterMs() <= 30000, qPrintable(QString::number(r.retryAfterMs())));
        r = call(codes.url(QStringLiteral("/403")));
        QCOMPARE(r.failure, RemoteFailure::Auth);
        // Back-off grows, with jitter, up to the cap; Retry-After wins.
        RetryPolicy p;
        for (int attempt = 0; attempt < 8; ++attempt) {
            const int d = p.delayMs(attempt);
            const double nominal = std::min(1000.0 * (1 << attempt), 30000.0);
            QVERIFY(d >= nominal * 0.75 - 1 && d <= nominal * 1.25 + 1);
        }
        QCOMPARE(p.delayMs(3, 4200), 4200);
    }

    void anUnreachableBackendIsWaitedForThenGivenUp() {
        quint16 port = 0;
        {
            HttpStandIn gone;
            port = gone.port();
        }
        BackendConfig c;
        c.name = QStringLiteral("away");
        c.kind = BackendKind::A1111;
        c.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        QTemporaryDir out;
        Runner r(c, {}, spec(txt2imgParams(out.path()), out.path()));
        r.runner.start();
        QVERIFY(r.wait());
        QVERIFY(r.run.failed);
        QVERIFY2(r.run.error.contains(QLatin1String("refused the connection")), qPrintable(r.run.error));
        QVERIFY(r.run.notes.join(QLatin1Char('\n')).contains(QLatin1String("away is offline")));
    }

    void aBackendThatComesBackGetsTheJob() {
        // The backend is down when the job starts and comes back a moment later.
        A1111StandIn server;
        server.steps = 1;
        server.stepMs = 20;
        server.http.stop();
        QTemporaryDir out;
        Runner r(a1111Config(server), QStringLiteral("pw"), spec(txt2imgParams(out.path()), out.path()));
        r.runner.client()->retry.offlineWaitMs = 0; // the studio waits as long as it takes
        r.runner.start();
        QTest::qWait(700);
        QVERIFY(!r.done());
        QVERIFY(server.http.listen());
        QVERIFY(r.wait());
        QVERIFY2(r.run.finished, qPrintable(r.run.error));
    }
};

QTEST_GUILESS_MAIN(TestRemoteClients)
#include "tst_remote_clients.moc"
