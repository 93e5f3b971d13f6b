#include "app/downloads/token_store.h"

#include "app/downloads/download_safety.h"
#include "app/downloads/http_exchange.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <qt6keychain/keychain.h>

namespace latent {

namespace {
QString envToken(TokenStore::Site site) {
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (site == TokenStore::Site::HuggingFace) {
        const QString t = env.value(QStringLiteral("HF_TOKEN")).trimmed();
        return t.isEmpty() ? env.value(QStringLiteral("HUGGING_FACE_HUB_TOKEN")).trimmed() : t;
    }
    return env.value(QStringLiteral("CIVITAI_TOKEN")).trimmed();
}
} // namespace

QString TokenStore::siteKey(Site s) {
    return s == Site::HuggingFace ? QStringLiteral("huggingface") : QStringLiteral("civitai");
}

QString TokenStore::serviceName() {
    return QStringLiteral("LatentStudio");
}

TokenStore::TokenStore(QObject* parent) : QObject(parent) {}

QString TokenStore::token(Site site) const {
    const QString e = envToken(site);
    if (!e.isEmpty()) {
        registerSecret(e);
        return e;
    }
    return session_.value(siteKey(site));
}

void TokenStore::load(Site site, std::function<void(QString)> done) {
    auto* job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(siteKey(site) + QStringLiteral("-token"));
    connect(job, &QKeychain::Job::finished, this, [this, site, job, done] {
        if (job->error() == QKeychain::NoError) {
            const QString t = job->textData();
            registerSecret(t);
            if (!t.isEmpty()) session_.insert(siteKey(site), t);
        }
        if (done) done(token(site));
    });
    job->start();
}

void TokenStore::store(Site site, const QString& tokenIn, std::function<void(bool, QString)> done) {
    const QString t = tokenIn.trimmed();
    registerSecret(t);
    session_.insert(siteKey(site), t);
    auto* job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain file
    job->setKey(siteKey(site) + QStringLiteral("-token"));
    job->setTextData(t);
    connect(job, &QKeychain::Job::finished, this, [this, site, job, done] {
        const bool ok = job->error() == QKeychain::NoError;
        sessionOnly_.insert(siteKey(site), !ok);
        QString w;
        if (!ok) {
            w = QCoreApplication::translate("Downloads",
                                            "No system keychain is available (%1): the token is kept for this "
                                            "session only and will have to be entered again after a restart.")
                    .arg(redactSecrets(job->errorString()));
            Q_EMIT warning(w);
        }
        if (done) done(ok, w);
    });
    job->start();
}

void TokenStore::forget(Site site, std::function<void()> done) {
    session_.remove(siteKey(site));
    auto* job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(siteKey(site) + QStringLiteral("-token"));
    connect(job, &QKeychain::Job::finished, this, [done] {
        if (done) done();
    });
    job->start();
}

void TokenStore::applyTo(SiteConfig& config) const {
    const QString hf = token(Site::HuggingFace);
    const QString cv = token(Site::Civitai);
    if (!hf.isEmpty()) config.hfToken = hf;
    if (!cv.isEmpty()) config.civitaiToken = cv;
}

} // namespace latent
