// Remote backends end to end against our own server: `latentstudio-cli serve` runs as a separate
// process on an ephemeral port with a tiny seeded model, and the same job runs once locally
// (`latentstudio-cli txt2img|img2img --model ...`) and once through it (`--backend-url URL
// --backend-kind a1111`, with and without Basic auth from LATENT_BACKEND_SECRET). The PNGs must be
// byte for byte equal and their infotexts equal, for text to image (also with the hires fix and
// an A1111 request file), image to image, inpainting (whole picture, only masked, inverted, mask
// from alpha), outpainting, several init images, ControlNet units (image sent as base64, model by
// name) and sampling settings of `override_settings` (eta, sigma range, rho, UniPC). The checkpoint goes by name (and A1111's "name [hash10]"), the
// backend's own model wins over the local one, an unknown one fails without a file. In-process, the A1111 client sees the server's progress while a job
// runs, and cancelling it interrupts the server's job.
#include "app/jobs/job_store.h"
#include "app/metadata/png_text.h"
#include "app/remote/remote_client.h"
#include "app/remote/remote_job_runner.h"
#include "app/worker/studio_session.h"
#include "common/cli_runner.h"
#include "common/http_client.h"
#include "common/isolated_app_data.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/controlnet_writer.h"
#include "pipeline/models/controlnet.h"

#include <c10/core/GradMode.h>

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace latent;
using namespace latent::test;

namespace {

// `latentstudio-cli serve --port 0 ...` as a child process; its URL from its first line.
struct Served {
    QProcess process;
    quint16 port = 0;
    QString url;
    bool start(const QStringList& args, int timeoutMs = 60000) {
        process.start(kCli, QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")} + args);
        if (!process.waitForStarted(10000)) return false;
        QByteArray out;
        QElapsedTimer t;
        t.start();
        static const QRegularExpression re(QStringLiteral("(http://127\\.0\\.0\\.1:(\\d+))"));
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
    bool terminate() {
        ::kill(pid_t(process.processId()), SIGTERM);
        return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
    ~Served() {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(10000);
        }
    }
};

CliRun runWithEnv(const QStringList& args, const QHash<QString, QString>& env = {}, int timeoutMs = 300000) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("LATENT_BACKEND_SECRET"));
    for (auto it = env.begin(); it != env.end(); ++it) e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.start(kCli, args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QStringList pngs(const QString& dir) { return QDir(dir).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name); }

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList jsonStrings(const QByteArray& out, const QString& key) {
    QStringList list;
    for (const QJsonValue& v : QJsonDocument::fromJson(out).object().value(key).toArray()) list << v.toString();
    return list;
}

// A1111's short model hash: the first 10 hex digits of the file's SHA-256.
QString shortHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex().left(10));
}

QString modelOf(const QString& infotext) {
    static const QRegularExpression re(QStringLiteral("(?:^|, )Model: ([^,]+)"));
    return re.match(infotext).captured(1);
}

} // namespace

class TestRemoteServeE2e : public QObject {
    Q_OBJECT
public:
    static void initMain() { isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString models_, model_, other_;
    QString init_, initAlpha_, mask_, request_, overridesRequest_, uniPcRequest_, controlNet_;
    Served server_;
    int runs_ = 0;

    QString freshDir(const QString& tag) { return dir_.filePath(QStringLiteral("out-%1-%2").arg(tag).arg(++runs_)); }

    // Runs `args` locally and through `url`; both must succeed and write the same PNG bytes with
    // the same infotexts under the same file names.
    void compareLocalAndRemote(const QString& kind, const QStringList& args, const QString& url,
                               const QHash<QString, QString>& env = {}) {
        const QString localDir = freshDir(QStringLiteral("local")), remoteDir = freshDir(QStringLiteral("remote"));
        const CliRun local = runWithEnv(QStringList{kind, QStringLiteral("--model"), model_} + args +
                                        QStringList{QStringLiteral("--out"), localDir});
        QVERIFY2(local.exitCode == 0, local.err.constData());
        const CliRun remote = runWithEnv(QStringList{kind, QStringLiteral("--model"), model_} + args +
                                             QStringList{QStringLiteral("--backend-url"), url, QStringLiteral("--backend-kind"),
                                                         QStringLiteral("a1111"), QStringLiteral("--out"), remoteDir},
                                         env);
        QVERIFY2(remote.exitCode == 0, remote.err.constData());
        const QStringList names = pngs(localDir);
        QVERIFY(!names.isEmpty());
        QCOMPARE(pngs(remoteDir), names);
        const QStringList localTexts = jsonStrings(local.out, QStringLiteral("infotexts"));
        const QStringList remoteTexts = jsonStrings(remote.out, QStringLiteral("infotexts"));
        QCOMPARE(localTexts.size(), names.size());
        QCOMPARE(remoteTexts, localTexts);
        for (const QString& name : names) {
            const QByteArray a = readAll(QDir(localDir).filePath(name)), b = readAll(QDir(remoteDir).filePath(name));
            QVERIFY(!a.isEmpty());
            QVERIFY2(a == b, qPrintable(QStringLiteral("%1 differs (%2 vs %3 bytes)").arg(name).arg(a.size()).arg(b.size())));
            QCOMPARE(PngText::read(b).value(QStringLiteral("parameters")), localTexts.at(names.indexOf(name)));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        models_ = dir_.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(models_ + QStringLiteral("/Stable-diffusion")));
        const QString demo = StudioSession::demoModelPath();
        QVERIFY(!demo.isEmpty());
        // Two checkpoints with the same weights under different names: the infotext's "Model:"
        // tells which one the server used. "aaa" sorts first, so it is the server's default.
        model_ = models_ + QStringLiteral("/Stable-diffusion/bridge.safetensors");
        other_ = models_ + QStringLiteral("/Stable-diffusion/aaa.safetensors");
        QVERIFY(QFile::copy(demo, model_));
        QVERIFY(QFile::copy(demo, other_));

        // An init image with structure, the same with a transparent hole, and a mask.
        QImage init(64, 64, QImage::Format_RGB32);
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x) init.setPixel(x, y, qRgb((x * 4) & 255, (y * 4) & 255, ((x ^ y) * 8) & 255));
        init_ = dir_.filePath(QStringLiteral("init.png"));
        QVERIFY(init.save(init_));
        QImage alpha = init.convertToFormat(QImage::Format_ARGB32);
        for (int y = 20; y < 44; ++y)
            for (int x = 8; x < 40; ++x) alpha.setPixel(x, y, qRgba(0, 0, 0, 0));
        initAlpha_ = dir_.filePath(QStringLiteral("init-alpha.png"));
        QVERIFY(alpha.save(initAlpha_));
        QImage mask(64, 64, QImage::Format_Grayscale8);
        mask.fill(0);
        for (int y = 16; y < 40; ++y)
            for (int x = 24; x < 56; ++x) mask.setPixel(x, y, qRgb(255, 255, 255));
        mask_ = dir_.filePath(QStringLiteral("mask.png"));
        QVERIFY(mask.save(mask_));

        // An A1111 body with fields that have no CLI flag: sampler parameters, seed resize, hires.
        const QJsonObject body{{QStringLiteral("prompt"), QStringLiteral("a tower, (fog:1.3)")},
                               {QStringLiteral("steps"), 4},
                               {QStringLiteral("width"), 64},
                               {QStringLiteral("height"), 64},
                               {QStringLiteral("seed"), 21},
                               {QStringLiteral("sampler_name"), QStringLiteral("Euler")},
                               {QStringLiteral("s_churn"), 0.5},
                               {QStringLiteral("s_noise"), 1.003},
                               {QStringLiteral("seed_resize_from_w"), 96},
                               {QStringLiteral("seed_resize_from_h"), 64},
                               {QStringLiteral("enable_hr"), true},
                               {QStringLiteral("hr_resize_x"), 80},
                               {QStringLiteral("hr_resize_y"), 80},
                               {QStringLiteral("hr_upscaler"), QStringLiteral("Lanczos")},
                               {QStringLiteral("denoising_strength"), 0.55}};
        request_ = dir_.filePath(QStringLiteral("request.json"));
        QFile f(request_);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(body).toJson());
        f.close();

        // Sampling settings that only travel in override_settings.
        auto writeJson = [&](const QString& name, const QJsonObject& o) {
            const QString path = dir_.filePath(name);
            QFile j(path);
            if (!j.open(QIODevice::WriteOnly)) return QString();
            j.write(QJsonDocument(o).toJson());
            return path;
        };
        overridesRequest_ = writeJson(QStringLiteral("overrides.json"),
            QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a harbour at dusk")},
                        {QStringLiteral("steps"), 4}, {QStringLiteral("width"), 64}, {QStringLiteral("height"), 64},
                        {QStringLiteral("seed"), 5}, {QStringLiteral("sampler_name"), QStringLiteral("Euler a")},
                        {QStringLiteral("scheduler"), QStringLiteral("Karras")},
                        {QStringLiteral("override_settings"),
                         QJsonObject{{QStringLiteral("eta_ancestral"), 0.6}, {QStringLiteral("sigma_min"), 0.2},
                                     {QStringLiteral("sigma_max"), 9.0}, {QStringLiteral("rho"), 5.0},
                                     {QStringLiteral("s_noise"), 0.97},
                                     {QStringLiteral("always_discard_next_to_last_sigma"), true}}}});
        uniPcRequest_ = writeJson(QStringLiteral("unipc.json"),
            QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lantern")},
                        {QStringLiteral("steps"), 5}, {QStringLiteral("width"), 64}, {QStringLiteral("height"), 64},
                        {QStringLiteral("seed"), 8}, {QStringLiteral("sampler_name"), QStringLiteral("UniPC")},
                        {QStringLiteral("override_settings"),
                         QJsonObject{{QStringLiteral("uni_pc_variant"), QStringLiteral("bh2")},
                                     {QStringLiteral("uni_pc_skip_type"), QStringLiteral("logSNR")},
                                     {QStringLiteral("uni_pc_order"), 2},
                                     {QStringLiteral("sgm_noise_multiplier"), true}}}});
        QVERIFY(!overridesRequest_.isEmpty() && !uniPcRequest_.isEmpty());

        // A tiny ControlNet for the demo model (its UNet's down path, random zero convolutions),
        // in the server's ControlNet folder; the local run takes the same file by path.
        QVERIFY(QDir().mkpath(models_ + QStringLiteral("/ControlNet")));
        controlNet_ = models_ + QStringLiteral("/ControlNet/tiny_control.safetensors");
        {
            LoadOptions lo;
            lo.load_text_encoders = false;
            lo.load_vae = false;
            LoadedCheckpoint sd = load_checkpoint(model_.toStdString(), lo);
            c10::NoGradGuard noGrad;
            ControlNetModel cn = make_random_controlnet(controlnet_config_for_unet(sd.unet->config()), 3);
            copy_unet_into_controlnet(*sd.unet, *cn);
            write_controlnet_file(controlNet_.toStdString(), *cn, "ldm");
        }

        QVERIFY2(server_.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"),
                                dir_.filePath(QStringLiteral("serve-data"))}),
                 server_.process.readAllStandardError().constData());
    }

    void txt2imgRemoteEqualsLocal_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("euler-a") << QStringList{"--prompt", "an old stone bridge, (moss:1.2)", "--negative", "blurry", "--steps",
                                                "3", "--width", "64", "--height", "64", "--seed", "1234", "--cfg", "6",
                                                "--sampler", "Euler a"};
        QTest::newRow("dpm2m-karras-batch-cpu-rng-clipskip-variation")
            << QStringList{"--prompt", "a [red:blue:0.5] lighthouse", "--steps", "4", "--width", "80", "--height", "64",
                           "--seed", "77", "--subseed", "31", "--subseed-strength", "0.35", "--sampler", "DPM++ 2M",
                           "--schedule", "Karras", "--batch-size", "2", "--clip-skip", "2", "--rng", "cpu"};
        QTest::newRow("hires-flags") << QStringList{"--prompt", "a cat", "--steps", "3", "--width", "64", "--height", "64",
                                                    "--seed", "7", "--hires", "--hr-scale", "1.5", "--hr-steps", "2",
                                                    "--hr-sampler", "DPM++ 2M", "--hr-prompt", "a big cat"};
        QTest::newRow("request-file") << QStringList{"--request", "REQUEST"};
        QTest::newRow("override-settings-eta-sigmas-rho") << QStringList{"--request", "OVERRIDES"};
        QTest::newRow("override-settings-unipc") << QStringList{"--request", "UNIPC"};
        QTest::newRow("controlnet") << QStringList{"--prompt", "a gate", "--steps", "3", "--width", "64", "--height", "64",
                                                   "--seed", "13", "--controlnet", "CONTROLNET", "--control-image", "INIT",
                                                   "--control-module", "invert", "--control-weight", "0.8",
                                                   "--control-mode", "prompt", "--guidance-end", "0.7"};
    }
    void txt2imgRemoteEqualsLocal() {
        QFETCH(QStringList, args);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^REQUEST$")), request_);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^OVERRIDES$")), overridesRequest_);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^UNIPC$")), uniPcRequest_);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^CONTROLNET$")), controlNet_);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^INIT$")), init_);
        compareLocalAndRemote(QStringLiteral("txt2img"), args, server_.url);
    }

    void img2imgRemoteEqualsLocal_data() {
        QTest::addColumn<QStringList>("args");
        const QStringList common{"--prompt", "a cat on a wall", "--steps", "4", "--seed", "9", "--sampler", "Euler"};
        QTest::newRow("img2img-crop-and-resize") << common + QStringList{"--init", "INIT", "--strength", "0.6", "--width", "96",
                                                                         "--height", "64", "--resize-mode", "1"};
        QTest::newRow("inpaint-masked-latent-noise")
            << common + QStringList{"--init", "INIT", "--mask", "MASK", "--inpaint-area", "masked", "--padding", "8",
                                    "--fill", "latent-noise"};
        QTest::newRow("inpaint-whole-inverted") << common + QStringList{"--init", "INIT", "--mask", "MASK", "--invert-mask",
                                                                        "--inpaint-area", "whole", "--mask-blur", "2"};
        QTest::newRow("mask-from-alpha") << common + QStringList{"--init", "ALPHA", "--mask-from-alpha", "--mask-blur", "3"};
        QTest::newRow("outpaint") << common + QStringList{"--init", "INIT", "--outpaint", "16,0,8,0", "--mask-blur", "2"};
        QTest::newRow("outpaint-with-inverted-mask")
            << common + QStringList{"--init", "INIT", "--mask", "MASK", "--invert-mask", "--outpaint", "0,8,0,8"};
        QTest::newRow("several-init-images") << common + QStringList{"--init", "INIT", "--init", "ALPHA", "--batch-size", "2",
                                                                     "--strength", "0.7"};
        QTest::newRow("inpaint-with-controlnet")
            << common + QStringList{"--init", "INIT", "--mask", "MASK", "--controlnet", "CONTROLNET", "--control-image",
                                    "MASK", "--control-weight", "1.2", "--control-resize", "crop"};
    }
    void img2imgRemoteEqualsLocal() {
        QFETCH(QStringList, args);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^INIT$")), init_);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^ALPHA$")), initAlpha_);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^MASK$")), mask_);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^CONTROLNET$")), controlNet_);
        compareLocalAndRemote(QStringLiteral("img2img"), args, server_.url);
    }

    void authenticatedServerWithTheSecretFromTheEnvironment() {
        const QString pass = QStringLiteral("E2e-Pass-90210");
        Served s;
        QVERIFY(s.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"),
                         dir_.filePath(QStringLiteral("serve-auth")), QStringLiteral("--api-auth"),
                         QStringLiteral("alice:") + pass}));
        const QStringList args{"--prompt", "a lantern", "--steps", "3", "--width", "64", "--height", "64", "--seed", "5"};
        compareLocalAndRemote(QStringLiteral("txt2img"), args, s.url,
                              {{QStringLiteral("LATENT_BACKEND_SECRET"), QStringLiteral("alice:") + pass}});

        // A wrong or missing secret: exit 1 with the credentials message, no file, no secret echoed.
        for (const QString& secret : {QStringLiteral("alice:wrong-Pass-1"), QString()}) {
            const QString out = freshDir(QStringLiteral("refused"));
            QHash<QString, QString> env;
            if (!secret.isEmpty()) env.insert(QStringLiteral("LATENT_BACKEND_SECRET"), secret);
            const CliRun r = runWithEnv(QStringList{"txt2img", "--model", model_} + args +
                                            QStringList{"--backend-url", s.url, "--backend-kind", "a1111", "--out", out},
                                        env);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("credentials"), r.err.constData());
            QVERIFY(!r.err.contains("wrong-Pass-1") && !r.out.contains("wrong-Pass-1"));
            QVERIFY(pngs(out).isEmpty());
        }
        QVERIFY(s.terminate());
    }

    // The job's local checkpoint goes to the server by name; the backend's own model (here
    // --backend-model) wins; A1111's "name [hash10]" is understood; an unknown one fails.
    void checkpointByNameAndHash() {
        const QStringList args{"--prompt", "a lantern", "--steps", "2", "--width", "64", "--height", "64", "--seed", "5"};
        auto remote = [&](const QStringList& extra, const QString& localModel) {
            const QString out = freshDir(QStringLiteral("ckpt"));
            QStringList a{QStringLiteral("txt2img")};
            if (!localModel.isEmpty()) a << QStringLiteral("--model") << localModel;
            a << args << extra
              << QStringList{QStringLiteral("--backend-url"), server_.url, QStringLiteral("--backend-kind"), QStringLiteral("a1111"),
                             QStringLiteral("--out"), out};
            return std::make_pair(runWithEnv(a), out);
        };
        const QString hash = shortHash(model_);
        QCOMPARE(hash.size(), 10);

        auto [r, out] = remote({}, model_);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(modelOf(jsonStrings(r.out, QStringLiteral("infotexts")).value(0)), QStringLiteral("bridge"));
        QVERIFY(jsonStrings(r.out, QStringLiteral("infotexts")).value(0).contains(QStringLiteral("Model hash: ") + hash));

        std::tie(r, out) = remote({}, other_);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(modelOf(jsonStrings(r.out, QStringLiteral("infotexts")).value(0)), QStringLiteral("aaa"));

        // Without a local model: the server's current one.
        const QString current = getJson(server_.port, "/sdapi/v1/options").object().value(QStringLiteral("sd_model_checkpoint")).toString();
        QVERIFY2(current.startsWith(QStringLiteral("aaa")), qPrintable(current));
        std::tie(r, out) = remote({}, QString());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(modelOf(jsonStrings(r.out, QStringLiteral("infotexts")).value(0)), QStringLiteral("aaa"));

        // The backend's model wins over the local one, in A1111's "name [hash10]" form too.
        std::tie(r, out) = remote({QStringLiteral("--backend-model"), QStringLiteral("bridge [%1]").arg(hash)}, other_);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(modelOf(jsonStrings(r.out, QStringLiteral("infotexts")).value(0)), QStringLiteral("bridge"));
        std::tie(r, out) = remote({QStringLiteral("--backend-model"), QStringLiteral("bridge.safetensors [%1]").arg(hash)}, other_);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(modelOf(jsonStrings(r.out, QStringLiteral("infotexts")).value(0)), QStringLiteral("bridge"));

        // A name the server does not have, or the right name with another file's hash: failed, nothing written.
        for (const QString& wrong : {QStringLiteral("nonexistent"), QStringLiteral("bridge [0123456789]")}) {
            std::tie(r, out) = remote({QStringLiteral("--backend-model"), wrong}, model_);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("not found"), r.err.constData());
            QVERIFY(pngs(out).isEmpty());
        }
    }

    // A ControlNet the server does not have: the server's refusal reaches the user (with the
    // model's name), nothing is written.
    void controlNetTheServerLacksFailsCleanly() {
        const QString out = freshDir(QStringLiteral("missing-unit"));
        const CliRun r = runWithEnv({"txt2img", "--model", model_, "--prompt", "x", "--steps", "2", "--width", "64",
                                     "--height", "64", "--controlnet", "no_such_control", "--control-image", init_,
                                     "--backend-url", server_.url, "--backend-kind", "a1111", "--out", out});
        QVERIFY2(r.exitCode != 0, r.out.constData());
        QVERIFY2(r.err.contains("no_such_control"), r.err.constData());
        QVERIFY(!QFileInfo::exists(out) || pngs(out).isEmpty());
    }

    // In-process: the A1111 client polls the server's progress while a long job runs; cancel
    // calls /interrupt and the server's job stops (cancelled, not finished); an Interrupt that keeps
    // the image saves the server's image so far; the server then takes the next job.
    void progressWhileRunningAndInterrupt() {
        const QString data = dir_.filePath(QStringLiteral("serve-interrupt"));
        Served s;
        QVERIFY(s.start({QStringLiteral("--models-root"), models_, QStringLiteral("--data-dir"), data}));
        BackendConfig config;
        config.name = QStringLiteral("self");
        config.kind = BackendKind::A1111;
        config.url = QUrl(s.url);
        QNetworkAccessManager nam;
        const int steps = 1000; // A1111's limit; far longer than the few seconds until the cancel
        RemoteJobSpec spec;
        spec.jobId = 1;
        spec.kind = QStringLiteral("txt2img");
        spec.params = QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a very long job")},
                                  {QStringLiteral("steps"), steps},
                                  {QStringLiteral("width"), 64},
                                  {QStringLiteral("height"), 64},
                                  {QStringLiteral("seed"), 3},
                                  {QStringLiteral("sampler_name"), QStringLiteral("Euler")},
                                  {QStringLiteral("model_path"), model_},
                                  {QStringLiteral("override_settings"),
                                   QJsonObject{{QStringLiteral("sd_model_checkpoint"), QStringLiteral("bridge")}}}};
        spec.outputDir = freshDir(QStringLiteral("interrupt"));
        RemoteJobRunner runner(config, QString(), &nam, spec);
        QSignalSpy progress(&runner, &RemoteJobRunner::progress);
        QSignalSpy cancelled(&runner, &RemoteJobRunner::cancelled);
        QSignalSpy finished(&runner, &RemoteJobRunner::finished);
        QSignalSpy failed(&runner, &RemoteJobRunner::failed);
        QSignalSpy previews(&runner, &RemoteJobRunner::preview);
        runner.start();
        // Two progress reports with a step in (0, steps]: the server's /progress seen while it runs.
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 2 || !failed.isEmpty() || !finished.isEmpty(), 120000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        for (const auto& p : progress) {
            QCOMPARE(p.at(2).toInt(), steps);
            QVERIFY(p.at(1).toInt() >= 0 && p.at(1).toInt() <= steps);
        }
        QVERIFY(progress.last().at(1).toInt() > 0);
        // The server's live previews (/progress current_image) reach the client.
        QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty(), 30000);
        QVERIFY(previews.first().at(1).value<ImagePixels>().isValid());
        QVERIFY(finished.isEmpty() && failed.isEmpty());

        runner.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.size(), 1, 30000);
        // The server's job stopped: its progress says interrupted and idle.
        auto stoppedOnTheServer = [&] {
            const QJsonObject state = getJson(s.port, "/sdapi/v1/progress").object().value(QStringLiteral("state")).toObject();
            return state.value(QStringLiteral("interrupted")).toBool() && state.value(QStringLiteral("job_count")).toInt() == 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(stoppedOnTheServer(), 60000);
        QVERIFY(finished.isEmpty() && failed.isEmpty());
        QVERIFY(pngs(spec.outputDir).isEmpty());

        // Interrupt that keeps the image (A1111's): the server answers the job with the image
        // made so far, and the client saves it with the server's infotext.
        RemoteJobSpec keep = spec;
        keep.jobId = 2;
        keep.outputDir = freshDir(QStringLiteral("interrupt-keep"));
        RemoteJobRunner keeper(config, QString(), &nam, keep);
        QSignalSpy keepProgress(&keeper, &RemoteJobRunner::progress);
        QSignalSpy keepFinished(&keeper, &RemoteJobRunner::finished);
        QSignalSpy keepFailed(&keeper, &RemoteJobRunner::failed);
        keeper.start();
        QTRY_VERIFY_WITH_TIMEOUT(!keepProgress.isEmpty() && keepProgress.last().at(1).toInt() > 0, 120000);
        keeper.stopEarly(false);
        QTRY_VERIFY_WITH_TIMEOUT(!keepFinished.isEmpty() || !keepFailed.isEmpty(), 60000);
        QVERIFY2(keepFailed.isEmpty(), keepFailed.isEmpty() ? "" : qPrintable(keepFailed.first().at(1).toString()));
        const QStringList kept = pngs(keep.outputDir);
        QCOMPARE(kept.size(), 1);
        QVERIFY(PngText::readFile(QDir(keep.outputDir).filePath(kept.first())).value(QStringLiteral("parameters")).contains(QStringLiteral("Steps: 1000")));

        // The server goes on with the next job.
        const QString out = freshDir(QStringLiteral("after-interrupt"));
        const CliRun next = runWithEnv({"txt2img", "--model", model_, "--prompt", "next", "--steps", "2", "--width", "64",
                                        "--height", "64", "--seed", "1", "--backend-url", s.url, "--backend-kind", "a1111",
                                        "--out", out});
        QVERIFY2(next.exitCode == 0, next.err.constData());
        QCOMPARE(pngs(out).size(), 1);
        QVERIFY(s.terminate());

        // In the server's own queue: the long job was cancelled part way, the interrupted one is
        // done with a note, the next one done.
        JobStore store;
        QVERIFY(store.open(QDir(data).filePath(QStringLiteral("jobs.sqlite"))));
        const QList<Job> jobs = store.loadAll();
        QCOMPARE(jobs.size(), 3);
        QCOMPARE(jobs[0].state, JobState::Cancelled);
        QVERIFY(jobs[0].results.isEmpty());
        QVERIFY2(jobs[0].step < steps, qPrintable(QString::number(jobs[0].step)));
        QCOMPARE(jobs[1].state, JobState::Done);
        QVERIFY(jobs[1].warnings.join(QLatin1Char(' ')).contains(QStringLiteral("Interrupted at step")));
        QCOMPARE(jobs[2].state, JobState::Done);
    }

    void cleanupTestCase() { QVERIFY(server_.terminate()); }
};

QTEST_GUILESS_MAIN(TestRemoteServeE2e)
#include "tst_remote_serve_e2e.moc"
