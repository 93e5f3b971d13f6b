// OpenAI-style images and RunPod-style async jobs over the real server (ephemeral port, real
// queue, worker and demo model): generations (b64_json and url, /v1/files), edits with the
// transparent-pixel mask convention, /v1/models, OpenAI's error shape; /run, /runsync, /status,
// /cancel, /health; async jobs surviving a restart of the whole stack (queued jobs stay queued,
// results stay readable, a job that was running is reported FAILED), and the retention purge.
#include "app/api/api_jobs.h"
#include "app/jobs/job_store.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "app/worker/inference_worker.h"
#include "common/api_fixture.h"
#include "common/http_client.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

using namespace latent;
using namespace latent::test;

namespace {

QByteArray rgbaPng(int size, bool transparentLeft) {
    ImagePixels px;
    px.width = px.height = size;
    px.channels = 4;
    px.data.resize(qsizetype(size) * size * 4);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            char* p = px.data.data() + (qsizetype(y) * size + x) * 4;
            p[0] = char(x * 3);
            p[1] = char(y * 3);
            p[2] = char(100);
            p[3] = char(transparentLeft && x < size / 2 ? 0 : 255);
        }
    return ImageWriter::encodePng(px);
}

QByteArray multipart(const QList<QPair<QByteArray, QByteArray>>& fields, const QByteArray& boundary) {
    QByteArray body;
    for (const auto& [name, value] : fields) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
        if (value.startsWith("\x89PNG")) body += "; filename=\"" + name + ".png\"\r\nContent-Type: image/png";
        body += "\r\n\r\n" + value + "\r\n";
    }
    return body + "--" + boundary + "--\r\n";
}

QJsonObject runInput(int steps = 2) {
    return QJsonObject{{QStringLiteral("input"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lighthouse at dusk")},
                                                             {QStringLiteral("width"), 64},
                                                             {QStringLiteral("height"), 64},
                                                             {QStringLiteral("num_inference_steps"), steps},
                                                             {QStringLiteral("seed"), 5}}}};
}

} // namespace

class TestApiJobs : public QObject {
    Q_OBJECT
    ApiFixture f_;
    quint16 port_ = 0;

    QJsonObject waitStatus(const QString& id, const QString& want, int ms = 60000) {
        QJsonObject s;
        f_.waitFor([&] {
            s = getJson(port_, "/status/" + id.toUtf8()).object();
            return s.value(QStringLiteral("status")).toString() == want;
        }, ms);
        return s;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(f_.prepare());
        QVERIFY(f_.start());
        port_ = f_.port();
    }
    void cleanupTestCase() { f_.stop(); }

    void openAiGenerationsB64() {
        const QJsonObject body{{QStringLiteral("prompt"), QStringLiteral("a cat in a hat")},
                               {QStringLiteral("n"), 2},
                               {QStringLiteral("size"), QStringLiteral("64x64")},
                               {QStringLiteral("response_format"), QStringLiteral("b64_json")},
                               {QStringLiteral("seed"), 11},
                               {QStringLiteral("steps"), 2},
                               {QStringLiteral("model"), QStringLiteral("demo")}};
        const HttpResult r = postJson(port_, "/v1/images/generations", body);
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonObject o = r.object();
        QVERIFY(o.value(QStringLiteral("created")).toInteger() > 1700000000);
        const QJsonArray data = o.value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 2);
        for (qsizetype i = 0; i < data.size(); ++i) {
            const QJsonObject item = data[i].toObject();
            QCOMPARE(item.value(QStringLiteral("revised_prompt")).toString(), QStringLiteral("a cat in a hat"));
            const PngTextReadResult png = PngText::read(QByteArray::fromBase64(item.value(QStringLiteral("b64_json")).toString().toLatin1()));
            QVERIFY(png.ok);
            QCOMPARE(png.width, 64);
            QVERIFY(png.value(QStringLiteral("parameters")).contains(QStringLiteral("Seed: %1,").arg(11 + i)));
        }
        const QJsonObject usage = o.value(QStringLiteral("usage")).toObject();
        QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), 5); // one CLIP token per word
        QVERIFY(usage.value(QStringLiteral("latency_ms")).toInteger() > 0);
        QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), usage.value(QStringLiteral("prompt_tokens")).toInt());
    }

    void openAiGenerationsUrl() {
        const HttpResult r = postJson(port_, "/v1/images/generations",
                                      QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a dog")},
                                                  {QStringLiteral("size"), QStringLiteral("64x64")},
                                                  {QStringLiteral("steps"), 1}});
        QCOMPARE(r.status, 200);
        const QString url = r.object().value(QStringLiteral("data")).toArray().first().toObject().value(QStringLiteral("url")).toString();
        QVERIFY2(url.startsWith(QStringLiteral("http://127.0.0.1:%1/v1/files/").arg(port_)), qPrintable(url));
        const HttpResult file = getJson(port_, QUrl(url).path().toUtf8());
        QCOMPARE(file.status, 200);
        QCOMPARE(file.headers.value("content-type"), QByteArray("image/png"));
        QVERIFY(PngText::read(file.body).ok);
        QCOMPARE(getJson(port_, "/v1/files/not-a-token").status, 404);
        QCOMPARE(getJson(port_, "/v1/files/..%2f..%2fetc%2fpasswd").status, 404);
    }

    void openAiErrorsHaveOpenAiShape() {
        auto check = [&](const QJsonObject& body, int status) {
            const HttpResult r = postJson(port_, "/v1/images/generations", body);
            QCOMPARE(r.status, status);
            const QJsonObject e = r.object().value(QStringLiteral("error")).toObject();
            QVERIFY2(!e.value(QStringLiteral("message")).toString().isEmpty(), r.body.constData());
            QVERIFY(e.contains(QStringLiteral("type")) && e.contains(QStringLiteral("code")));
        };
        check(QJsonObject{{QStringLiteral("prompt"), QStringLiteral("x")}, {QStringLiteral("n"), 11}}, 400);
        check(QJsonObject{{QStringLiteral("prompt"), QStringLiteral("x")}, {QStringLiteral("size"), QStringLiteral("big")}}, 400);
        check(QJsonObject{{QStringLiteral("n"), 1}}, 400);
        check(QJsonObject{{QStringLiteral("prompt"), QStringLiteral("x")}, {QStringLiteral("response_format"), QStringLiteral("jpeg")}}, 400);
        check(QJsonObject{{QStringLiteral("prompt"), QStringLiteral("x")}, {QStringLiteral("model"), QStringLiteral("dall-e-3")}}, 404);
        check(QJsonObject{{QStringLiteral("prompt"), QStringLiteral("x")}, {QStringLiteral("sampler"), QStringLiteral("Fancy")}}, 404);
    }

    void openAiModelsListsTheLibrary() {
        const HttpResult r = getJson(port_, "/v1/models");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("object")).toString(), QStringLiteral("list"));
        const QJsonArray data = r.object().value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 1);
        QCOMPARE(data.first().toObject().value(QStringLiteral("id")).toString(), QStringLiteral("demo"));
        QCOMPARE(data.first().toObject().value(QStringLiteral("object")).toString(), QStringLiteral("model"));
    }

    void openAiEditsInpaintTheTransparentArea() {
        const QByteArray boundary = "----latent-test-boundary";
        const QByteArray body = multipart({{"image", rgbaPng(64, true)},
                                           {"prompt", "a red door"},
                                           {"response_format", "b64_json"},
                                           {"steps", "2"}},
                                          boundary);
        HttpResult r = request(port_, "POST", "/v1/images/edits", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonArray data = r.object().value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 1);
        const PngTextReadResult png = PngText::read(QByteArray::fromBase64(data.first().toObject().value(QStringLiteral("b64_json")).toString().toLatin1()));
        QVERIFY(png.ok);
        QCOMPARE(png.width, 64);
        const QString infotext = png.value(QStringLiteral("parameters"));
        QVERIFY2(infotext.contains(QStringLiteral("Denoising strength: 1")) && infotext.contains(QStringLiteral("Mask blur: 4")), qPrintable(infotext));
        // No transparent pixel and no mask: nothing to edit.
        const QByteArray opaque = multipart({{"image", rgbaPng(64, false)}, {"prompt", "x"}}, boundary);
        r = request(port_, "POST", "/v1/images/edits", opaque, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.object().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("transparent")));
        // A separate mask: its transparent pixels mark the area.
        const QByteArray masked = multipart({{"image", rgbaPng(64, false)}, {"mask", rgbaPng(64, true)}, {"prompt", "x"},
                                             {"response_format", "b64_json"}, {"steps", "1"}},
                                            boundary);
        r = request(port_, "POST", "/v1/images/edits", masked, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
        QCOMPARE(r.status, 200);
        // A broken form.
        r = request(port_, "POST", "/v1/images/edits", "--x\r\nbroken", {{"Content-Type", "multipart/form-data; boundary=x"}});
        QCOMPARE(r.status, 400);
    }

    void runpodRunStatusAndHealth() {
        HttpResult r = postJson(port_, "/run", runInput());
        QCOMPARE(r.status, 200);
        const QString id = r.object().value(QStringLiteral("id")).toString();
        QCOMPARE(r.object().value(QStringLiteral("status")).toString(), QStringLiteral("IN_QUEUE"));
        QVERIFY(!id.isEmpty());
        const QJsonObject done = waitStatus(id, QStringLiteral("COMPLETED"));
        QCOMPARE(done.value(QStringLiteral("id")).toString(), id);
        QVERIFY(done.value(QStringLiteral("delayTime")).isDouble());
        QVERIFY(done.value(QStringLiteral("executionTime")).toDouble() > 0);
        const QJsonArray output = done.value(QStringLiteral("output")).toArray();
        QCOMPARE(output.size(), 1);
        const PngTextReadResult png = PngText::read(QByteArray::fromBase64(output.first().toString().toLatin1()));
        QVERIFY(png.ok);
        QVERIFY(png.value(QStringLiteral("parameters")).contains(QStringLiteral("Steps: 2, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.5, Seed: 5")));
        // Results stay readable (async: kept for the retention period).
        QCOMPARE(getJson(port_, "/status/" + id.toUtf8()).object().value(QStringLiteral("output")).toArray().size(), 1);
        const QJsonObject health = getJson(port_, "/health").object();
        QVERIFY(health.value(QStringLiteral("jobs")).toObject().value(QStringLiteral("completed")).toInt() >= 1);
        QCOMPARE(health.value(QStringLiteral("workers")).toObject().value(QStringLiteral("idle")).toInt(), 1);
        QCOMPARE(getJson(port_, "/status/no-such-job").status, 404);
    }

    void runpodRunsyncAndImg2img() {
        // img2img from this server's own /v1/files URL (a "library-local URL"), via runsync.
        const HttpResult gen = postJson(port_, "/v1/images/generations",
                                        QJsonObject{{QStringLiteral("prompt"), QStringLiteral("seed image")},
                                                    {QStringLiteral("size"), QStringLiteral("64x64")},
                                                    {QStringLiteral("steps"), 1}});
        const QString url = gen.object().value(QStringLiteral("data")).toArray().first().toObject().value(QStringLiteral("url")).toString();
        QJsonObject in = runInput(3);
        QJsonObject input = in.value(QStringLiteral("input")).toObject();
        input.insert(QStringLiteral("image"), url);
        input.insert(QStringLiteral("strength"), 0.5);
        input.insert(QStringLiteral("scheduler"), QStringLiteral("K_EULER_ANCESTRAL"));
        in.insert(QStringLiteral("input"), input);
        HttpResult r = postJson(port_, "/runsync", in);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("status")).toString(), QStringLiteral("COMPLETED"));
        const PngTextReadResult png =
            PngText::read(QByteArray::fromBase64(r.object().value(QStringLiteral("output")).toArray().first().toString().toLatin1()));
        QVERIFY(png.value(QStringLiteral("parameters")).contains(QStringLiteral("Sampler: Euler a")));
        QVERIFY(png.value(QStringLiteral("parameters")).contains(QStringLiteral("Denoising strength: 0.5")));
        // Foreign URLs are never fetched; bad input is a 400 with {error}.
        input.insert(QStringLiteral("image"), QStringLiteral("http://example.com/a.png"));
        in.insert(QStringLiteral("input"), input);
        r = postJson(port_, "/run", in);
        QCOMPARE(r.status, 400);
        QVERIFY(r.object().value(QStringLiteral("error")).isString());
        QCOMPARE(postJson(port_, "/run", QJsonObject{{QStringLiteral("input"), QJsonObject{{QStringLiteral("prompt"), 5}}}}).status, 400);
        QCOMPARE(postJson(port_, "/run", QJsonObject{{QStringLiteral("inputs"), QJsonObject()}}).status, 400);
        QJsonObject lora = runInput();
        QJsonObject li = lora.value(QStringLiteral("input")).toObject();
        li.insert(QStringLiteral("lora"), QJsonObject{{QStringLiteral("model_id"), QStringLiteral("missing-lora")}, {QStringLiteral("weight"), 0.8}});
        lora.insert(QStringLiteral("input"), li);
        r = postJson(port_, "/run", lora);
        QCOMPARE(r.status, 404);
        QVERIFY(r.object().value(QStringLiteral("error")).toString().contains(QStringLiteral("'missing-lora'")));
    }

    void runpodCancel() {
        f_.queue()->pause();
        const QString id = postJson(port_, "/run", runInput()).object().value(QStringLiteral("id")).toString();
        QCOMPARE(getJson(port_, "/status/" + id.toUtf8()).object().value(QStringLiteral("status")).toString(), QStringLiteral("IN_QUEUE"));
        QCOMPARE(getJson(port_, "/health").object().value(QStringLiteral("jobs")).toObject().value(QStringLiteral("inQueue")).toInt(), 1);
        const HttpResult r = request(port_, "POST", "/cancel/" + id.toUtf8());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("status")).toString(), QStringLiteral("CANCELLED"));
        QCOMPARE(getJson(port_, "/status/" + id.toUtf8()).object().value(QStringLiteral("status")).toString(), QStringLiteral("CANCELLED"));
        f_.queue()->resume();
        // A running job: cancelled within a step.
        f_.session->controller()->worker()->stepHook = [](qint64, int, int) { QThread::msleep(50); };
        const QString running = postJson(port_, "/run", runInput(60)).object().value(QStringLiteral("id")).toString();
        waitStatus(running, QStringLiteral("IN_PROGRESS"));
        QCOMPARE(request(port_, "POST", "/cancel/" + running.toUtf8()).status, 200);
        QCOMPARE(waitStatus(running, QStringLiteral("CANCELLED"), 20000).value(QStringLiteral("status")).toString(), QStringLiteral("CANCELLED"));
        f_.session->controller()->worker()->stepHook = nullptr;
        QCOMPARE(request(port_, "POST", "/cancel/nope").status, 404);
    }

    void asyncJobsSurviveARestart() {
        // One finished job, one queued job; then the whole stack stops and starts again.
        const QString finished = postJson(port_, "/run", runInput(1)).object().value(QStringLiteral("id")).toString();
        waitStatus(finished, QStringLiteral("COMPLETED"));
        f_.queue()->pause();
        const QString queued = postJson(port_, "/run", runInput(1)).object().value(QStringLiteral("id")).toString();
        QVERIFY(f_.start());
        port_ = f_.port();
        QCOMPARE(getJson(port_, "/status/" + finished.toUtf8()).object().value(QStringLiteral("output")).toArray().size(), 1);
        // The queue starts unpaused after a restart: the queued job runs.
        QCOMPARE(waitStatus(queued, QStringLiteral("COMPLETED")).value(QStringLiteral("output")).toArray().size(), 1);

        // A job that was running when the process died: reported FAILED (interrupted), not re-run.
        f_.stop();
        {
            JobStore store;
            QVERIFY(store.open(QDir(f_.data).filePath(QStringLiteral("jobs.sqlite"))));
            Job j;
            j.kind = QStringLiteral("txt2img");
            j.params = QJsonObject{{QStringLiteral("source"), QStringLiteral("api")}, {QStringLiteral("api_job_id"), QStringLiteral("crashed-job")},
                                   {QStringLiteral("prompt"), QStringLiteral("x")}, {QStringLiteral("model_path"), f_.modelPath}};
            j.state = JobState::Running;
            j.position = 1000;
            j.created = j.started = QDateTime::currentDateTimeUtc();
            QVERIFY(store.insert(j));
        }
        QVERIFY(f_.start());
        port_ = f_.port();
        const QJsonObject s = getJson(port_, "/status/crashed-job").object();
        QCOMPARE(s.value(QStringLiteral("status")).toString(), QStringLiteral("FAILED"));
        // RunPod has no "interrupted" status: FAILED (final, so clients stop polling) with why.
        QVERIFY2(s.value(QStringLiteral("error")).toString().startsWith(QStringLiteral("Interrupted: Latent Studio stopped while this job was running")),
                 qPrintable(s.value(QStringLiteral("error")).toString()));
        QVERIFY(!s.contains(QStringLiteral("output")));
        QCOMPARE(f_.queue()->job(f_.server->jobs()->findByApiId(QStringLiteral("crashed-job"))->id)->state, JobState::Interrupted);
    }

    void oldApiJobsArePurged() {
        const QString id = postJson(port_, "/run", runInput(1)).object().value(QStringLiteral("id")).toString();
        waitStatus(id, QStringLiteral("COMPLETED"));
        const auto job = f_.server->jobs()->findByApiId(id);
        QVERIFY(job);
        const QString file = job->results.value(0);
        QVERIFY(QFile::exists(file));
        QVERIFY(f_.server->jobs()->isTemporaryResult(file));
        // Nothing is young enough to go yet; once "25 h" have passed, job and file go.
        QCOMPARE(f_.server->jobs()->purge(), 0);
        f_.stop();
        {
            JobStore store;
            QVERIFY(store.open(QDir(f_.data).filePath(QStringLiteral("jobs.sqlite"))));
            for (Job j : store.loadAll()) {
                j.finished = j.finished.addSecs(-25 * 3600);
                store.update(j);
            }
        }
        QVERIFY(f_.start()); // purges at start
        QCOMPARE(getJson(f_.port(), "/status/" + id.toUtf8()).status, 404);
        QVERIFY(!QFile::exists(file));
    }
};

QTEST_GUILESS_MAIN(TestApiJobs)
#include "tst_api_jobs.moc"
