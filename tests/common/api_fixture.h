// A real API server for tests: the studio's persisted queue and worker (StudioSession), a model
// library over a temporary models folder holding a copy of the built-in demo model, and
// ApiServer on an ephemeral port of 127.0.0.1 — the same objects `latentstudio-cli serve` builds.
#pragma once

#include "app/api/api_server.h"
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"
#include "app/worker/studio_session.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace latent::test {

struct ApiFixture {
    QTemporaryDir root;
    QString models, data, outputs;
    std::unique_ptr<QSettings> qsettings;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<StudioSession> session;
    std::unique_ptr<ModelLibrary> library;
    std::unique_ptr<ApiServer> server;
    QString modelPath;

    // Sets up the folders and the demo model (once).
    bool prepare() {
        if (!root.isValid()) return false;
        models = root.filePath(QStringLiteral("models"));
        data = root.filePath(QStringLiteral("data"));
        outputs = root.filePath(QStringLiteral("outputs"));
        QDir().mkpath(models + QStringLiteral("/Stable-diffusion"));
        QDir().mkpath(models + QStringLiteral("/VAE"));
        QDir().mkpath(models + QStringLiteral("/Lora"));
        const QString demo = StudioSession::demoModelPath();
        if (demo.isEmpty()) return false;
        modelPath = models + QStringLiteral("/Stable-diffusion/demo.safetensors");
        return QFile::exists(modelPath) || QFile::copy(demo, modelPath);
    }

    // Starts (or restarts) the whole stack over the same folders.
    bool start(ApiServerConfig config = {}, QueueLimits limits = {}) {
        stop();
        qsettings = std::make_unique<QSettings>(root.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings = std::make_unique<Settings>(qsettings.get());
        settings->setValue(settings::PreviewEverySteps, 1);
        session = std::make_unique<StudioSession>(*settings, data);
        session->queue()->setLimits(limits);
        library = std::make_unique<ModelLibrary>(root.filePath(QStringLiteral("library.sqlite")));
        library->setRoots({models});
        library->reload();
        if (!library->waitForIdle(60000)) return false;
        config.port = 0;
        if (config.dataDir.isEmpty()) config.dataDir = data;
        config.outputDir = outputs;
        config.inputsDir = session->inputsDir();
        server = std::make_unique<ApiServer>(config, session->queue(), session->controller(), library.get());
        QString error;
        if (!server->start(&error)) {
            qWarning("server did not start: %s", qPrintable(error));
            return false;
        }
        session->start();
        return true;
    }

    void stop() {
        server.reset();
        library.reset();
        session.reset();
        settings.reset();
        qsettings.reset();
    }

    quint16 port() const { return server ? server->port() : 0; }
    JobQueue* queue() const { return session->queue(); }

    bool waitFor(const std::function<bool()>& condition, int ms = 60000) {
        QElapsedTimer t;
        t.start();
        while (!condition()) {
            if (t.elapsed() > ms) return false;
            QTest::qWait(5);
        }
        return true;
    }
};

} // namespace latent::test
