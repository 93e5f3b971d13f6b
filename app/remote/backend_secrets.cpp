#include "app/remote/backend_secrets.h"

#include "app/downloads/download_safety.h"
#include "app/downloads/token_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <memory>

#include <qt6keychain/keychain.h>

namespace latent {

BackendSecrets::BackendSecrets(QObject* parent) : QObject(parent) {}

QString BackendSecrets::keychainKey(const QString& name) {
    return QStringLiteral("backend-%1").arg(name.trimmed().toLower());
}

QString BackendSecrets::secret(const BackendConfig& config) const {
    if (!config.secretEnv.isEmpty()) {
        const QString env = qEnvironmentVariable(config.secretEnv.toLocal8Bit().constData()).trimmed();
        if (!env.isEmpty()) {
            registerSecret(env);
            return env;
        }
    }
    return known_.value(key(config.name));
}

void BackendSecrets::setSessionSecret(const QString& name, const QString& secretIn) {
    const QString s = secretIn.trimmed();
    registerSecret(s);
    if (s.isEmpty())
        known_.remove(key(name));
    else
        known_.insert(key(name), s);
}

void BackendSecrets::load(const QString& name, std::function<void(bool)> done) {
    auto* job = new QKeychain::ReadPasswordJob(TokenStore::serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keychainKey(name));
    connect(job, &QKeychain::Job::finished, this, [this, name, job, done] {
        bool found = false;
        if (job->error() == QKeychain::NoError) {
            const QString s = job->textData().trimmed();
            registerSecret(s);
            if (!s.isEmpty()) {
                known_.insert(key(name), s);
                found = true;
            }
        }
        if (done) done(found);
    });
    job->start();
}

void BackendSecrets::store(const QString& name, const QString& secretIn, std::function<void(bool, QString)> done) {
    const QString s = secretIn.trimmed();
    setSessionSecret(name, s);
    auto* job = new QKeychain::WritePasswordJob(TokenStore::serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain file
    job->setKey(keychainKey(name));
    job->setTextData(s);
    connect(job, &QKeychain::Job::finished, this, [this, name, job, done] {
        const bool ok = job->error() == QKeychain::NoError;
        sessionOnly_.insert(key(name), !ok);
        QString w;
        if (!ok) {
            w = QCoreApplication::translate("Backends",
                                            "No system keychain is available (%1): the secret of backend \"%2\" is "
                                            "kept for this session only. Set it again after a restart, or name an "
                                            "environment variable that holds it.")
                    .arg(redactSecrets(job->errorString()), name);
            Q_EMIT warning(w);
        }
        if (done) done(ok, w);
    });
    job->start();
}

void BackendSecrets::forget(const QString& name, std::function<void()> done) {
    known_.remove(key(name));
    sessionOnly_.remove(key(name));
    auto* job = new QKeychain::DeletePasswordJob(TokenStore::serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(keychainKey(name));
    connect(job, &QKeychain::Job::finished, this, [done] {
        if (done) done();
    });
    job->start();
}

namespace {
// What a blocking call waits for; shared with the callback, which may run after the wait gave up.
struct Wait {
    bool finished = false;
    bool flag = false;
    QString text;
    QEventLoop* loop = nullptr;
    void finish() {
        finished = true;
        if (loop) loop->quit();
    }
};

void runUntil(const std::shared_ptr<Wait>& w, int timeoutMs) {
    if (w->finished) return;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    w->loop = &loop;
    timer.start(timeoutMs);
    loop.exec();
    w->loop = nullptr;
}
} // namespace

bool BackendSecrets::loadBlocking(const QString& name, int timeoutMs) {
    auto w = std::make_shared<Wait>();
    load(name, [w](bool found) {
        w->flag = found;
        w->finish();
    });
    runUntil(w, timeoutMs);
    return w->flag;
}

bool BackendSecrets::storeBlocking(const QString& name, const QString& secret, QString* warningOut, int timeoutMs) {
    auto w = std::make_shared<Wait>();
    store(name, secret, [w](bool persisted, const QString& message) {
        w->flag = persisted;
        w->text = message;
        w->finish();
    });
    runUntil(w, timeoutMs);
    QString text = w->text;
    if (!w->finished)
        text = QCoreApplication::translate("Backends", "The system keychain did not answer: the secret of backend "
                                                       "\"%1\" is kept for this session only.")
                   .arg(name);
    if (warningOut) *warningOut = text;
    return w->finished && w->flag;
}

void BackendSecrets::forgetBlocking(const QString& name, int timeoutMs) {
    auto w = std::make_shared<Wait>();
    forget(name, [w] { w->finish(); });
    runUntil(w, timeoutMs);
}

QByteArray authorizationFor(const BackendConfig& config, const QString& secret) {
    if (secret.isEmpty()) return {};
    QByteArray value;
    if (config.kind == BackendKind::A1111) {
        QString pair;
        if (!config.user.isEmpty())
            pair = config.user + QLatin1Char(':') + secret;
        else if (secret.contains(QLatin1Char(':')))
            pair = secret;
        else
            return {}; // a password without a user name: A1111's --api-auth always has both
        const QByteArray b64 = pair.toUtf8().toBase64();
        registerSecret(QString::fromLatin1(b64));
        value = "Basic " + b64;
    } else {
        value = "Bearer " + secret.toUtf8();
    }
    registerSecret(secret);
    return value;
}

} // namespace latent
