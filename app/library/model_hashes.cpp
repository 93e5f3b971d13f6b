#include "app/library/model_hashes.h"

#include <QCryptographicHash>
#include <QFile>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <cstring>

// Optional: with LATENT_HAVE_OPENSSL defined (and OpenSSL::Crypto linked) SHA-256 runs through
// OpenSSL, which uses the CPU's SHA extensions (~15x faster than QCryptographicHash here).
#if defined(LATENT_HAVE_OPENSSL)
#include <openssl/evp.h>
#endif

namespace latent {

namespace {

// Streaming SHA-256.
class Sha256 {
public:
#if defined(LATENT_HAVE_OPENSSL)
    Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
    ~Sha256() { EVP_MD_CTX_free(ctx_); }
    void add(QByteArrayView data) { EVP_DigestUpdate(ctx_, data.data(), size_t(data.size())); }
    QByteArray result() {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_DigestFinal_ex(ctx_, out, &n);
        return QByteArray(reinterpret_cast<const char*>(out), int(n));
    }

private:
    EVP_MD_CTX* ctx_;
#else
    Sha256() = default;
    void add(QByteArrayView data) { h_.addData(data); }
    QByteArray result() { return h_.result(); }

private:
    QCryptographicHash h_{QCryptographicHash::Sha256};
#endif
public:
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
};

constexpr qint64 kBlock = 4 << 20;  // 4 MiB reads

// The data-section offset (8 + N) of a safetensors file, or -1 when the first bytes do not
// look like one (N must leave room in the file and the header must start with '{').
qint64 safetensorsDataOffset(QFile& f, qint64 size) {
    if (size < 10) return -1;
    if (!f.seek(0)) return -1;
    const QByteArray head = f.read(9);
    if (head.size() != 9) return -1;
    quint64 n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | quint8(head[i]);
    if (n < 2 || n > quint64(size) - 8) return -1;
    const char c = head[8];  // a JSON object, possibly after whitespace
    if (c != '{' && c != ' ' && c != '\t' && c != '\n' && c != '\r') return -1;
    return qint64(8 + n);
}

} // namespace

ModelHashResult ModelHashes::compute(const QString& path, bool wantAddnet, const Progress& progress,
                                     const std::atomic<bool>* cancel) {
    ModelHashResult r;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = QStringLiteral("The file \"%1\" could not be opened: %2.").arg(path, f.errorString());
        return r;
    }
    const qint64 size = f.size();
    r.size = size;

    const qint64 addnetFrom = wantAddnet ? safetensorsDataOffset(f, size) : -1;
    if (!f.seek(0)) {
        r.error = QStringLiteral("The file \"%1\" could not be read: %2.").arg(path, f.errorString());
        return r;
    }

    Sha256 whole, v1, addnet;
    const qint64 v1Begin = kAutoV1Offset, v1End = kAutoV1Offset + kAutoV1Length;

    QByteArray buf;
    buf.resize(kBlock);
    qint64 pos = 0;
    if (progress) progress(0, size);
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            r.cancelled = true;
            r.error = QStringLiteral("Hashing was cancelled.");
            return r;
        }
        const qint64 n = f.read(buf.data(), kBlock);
        if (n < 0) {
            r.error = QStringLiteral("The file \"%1\" could not be read: %2.").arg(path, f.errorString());
            return r;
        }
        if (n == 0) break;
        const QByteArrayView block(buf.constData(), n);
        whole.add(block);
        // Overlap of [pos, pos+n) with the AutoV1 window and with the safetensors data section.
        const qint64 a = std::max(pos, v1Begin), b = std::min(pos + n, v1End);
        if (a < b) v1.add(block.sliced(a - pos, b - a));
        if (addnetFrom >= 0 && pos + n > addnetFrom) {
            const qint64 from = std::max(pos, addnetFrom);
            addnet.add(block.sliced(from - pos));
        }
        pos += n;
        if (progress) progress(pos, size);
    }
    if (pos != size) {
        r.error = QStringLiteral("The file \"%1\" changed size while it was hashed.").arg(path);
        return r;
    }
    r.sha256 = QString::fromLatin1(whole.result().toHex());
    r.autoV1 = QString::fromLatin1(v1.result().toHex().left(8));
    if (addnetFrom >= 0) r.addnet = QString::fromLatin1(addnet.result().toHex());
    r.ok = true;
    return r;
}

QFuture<ModelHashResult> ModelHashes::computeAsync(const QString& path, bool wantAddnet) {
    return QtConcurrent::run([path, wantAddnet](QPromise<ModelHashResult>& promise) {
        promise.setProgressRange(0, 1000);
        std::atomic<bool> cancel{false};
        auto progress = [&promise, &cancel](qint64 done, qint64 total) {
            if (promise.isCanceled()) cancel.store(true);
            promise.setProgressValue(total > 0 ? int(done * 1000 / total) : 1000);
        };
        promise.addResult(compute(path, wantAddnet, progress, &cancel));
    });
}

QString ModelHashes::sha256File(const QString& path, QString* error, const Progress& progress,
                                const std::atomic<bool>* cancel) {
    const ModelHashResult r = compute(path, false, progress, cancel);
    if (error) *error = r.error;
    return r.ok ? r.sha256 : QString();
}

QString ModelHashes::autoV1(const QString& path, QString* error) {
    // A1111 modules/hashes.py model_hash(): seek(0x100000); read(0x10000); sha256; [:8].
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("The file \"%1\" could not be opened: %2.").arg(path, f.errorString());
        return {};
    }
    QByteArray data;
    if (f.size() > kAutoV1Offset) {
        if (!f.seek(kAutoV1Offset)) {
            if (error) *error = QStringLiteral("The file \"%1\" could not be read.").arg(path);
            return {};
        }
        data = f.read(kAutoV1Length);
    }
    if (error) error->clear();
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex().left(8));
}

QString ModelHashes::addnetHash(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("The file \"%1\" could not be opened: %2.").arg(path, f.errorString());
        return {};
    }
    const qint64 from = safetensorsDataOffset(f, f.size());
    if (from < 0) {
        if (error) *error = QStringLiteral("The file \"%1\" is not a safetensors file.").arg(path);
        return {};
    }
    Sha256 h;
    if (!f.seek(from)) {
        if (error) *error = QStringLiteral("The file \"%1\" could not be read.").arg(path);
        return {};
    }
    QByteArray buf(kBlock, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buf.data(), kBlock);
        if (n < 0) {
            if (error) *error = QStringLiteral("The file \"%1\" could not be read.").arg(path);
            return {};
        }
        if (n == 0) break;
        h.add(QByteArrayView(buf.constData(), n));
    }
    if (error) error->clear();
    return QString::fromLatin1(h.result().toHex());
}

} // namespace latent
