#include "app/downloads/download_safety.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

namespace latent {

namespace {

bool isReservedDeviceName(const QString& stem) {
    static const QSet<QString> names = [] {
        QSet<QString> s{QStringLiteral("CON"), QStringLiteral("PRN"),    QStringLiteral("AUX"),
                        QStringLiteral("NUL"), QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
        for (int i = 0; i <= 9; ++i) {
            s << QStringLiteral("COM%1").arg(i) << QStringLiteral("LPT%1").arg(i);
        }
        return s;
    }();
    return names.contains(stem.toUpper());
}

QString truncateUtf8(const QString& s, int maxBytes) {
    QString out;
    int bytes = 0;
    for (int i = 0; i < s.size(); ++i) {
        // Keep surrogate pairs together.
        const int len = (s.at(i).isHighSurrogate() && i + 1 < s.size()) ? 2 : 1;
        const int b = s.mid(i, len).toUtf8().size();
        if (bytes + b > maxBytes) break;
        out += s.mid(i, len);
        bytes += b;
        i += len - 1;
    }
    return out;
}

QMutex& secretsMutex() {
    static QMutex m;
    return m;
}
QStringList& secrets() {
    static QStringList s;
    return s;
}

} // namespace

QString sanitizeFileName(const QString& untrusted, const QString& fallback, int maxBytes) {
    QString s = untrusted;
    // Last component of either separator.
    const int cut = qMax(s.lastIndexOf(QLatin1Char('/')), s.lastIndexOf(QLatin1Char('\\')));
    if (cut >= 0) s = s.mid(cut + 1);
    QString clean;
    for (const QChar c : s) {
        const ushort u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || QStringLiteral("<>:\"|?*").contains(c) ||
            c.category() == QChar::Other_Format)
            clean += QLatin1Char('_');
        else
            clean += c;
    }
    // No leading dots (hidden files, "..") or spaces, no trailing dots or spaces (Windows).
    while (!clean.isEmpty() && (clean.front() == QLatin1Char('.') || clean.front().isSpace())) clean.remove(0, 1);
    while (!clean.isEmpty() && (clean.back() == QLatin1Char('.') || clean.back().isSpace())) clean.chop(1);
    if (clean.isEmpty()) clean = fallback;
    // Split stem / extension (the extension is kept on truncation).
    const int dot = clean.lastIndexOf(QLatin1Char('.'));
    QString stem = dot > 0 ? clean.left(dot) : clean;
    QString ext = dot > 0 ? clean.mid(dot) : QString();
    if (ext.toUtf8().size() > 24) {
        stem = clean;
        ext.clear();
    }
    // Windows device names are reserved whatever the extension ("CON.safetensors").
    const QString firstStem = stem.section(QLatin1Char('.'), 0, 0).trimmed();
    if (isReservedDeviceName(firstStem)) stem.prepend(QLatin1Char('_'));
    const int room = qMax(1, maxBytes - int(ext.toUtf8().size()));
    stem = truncateUtf8(stem, room);
    while (!stem.isEmpty() && (stem.back() == QLatin1Char('.') || stem.back().isSpace())) stem.chop(1);
    if (stem.isEmpty()) return fallback;
    return stem + ext;
}

QString contentDispositionFileName(const QByteArray& headerValue) {
    const QString v = QString::fromLatin1(headerValue);
    // RFC 6266 / 5987: filename*=UTF-8''percent-encoded
    static const QRegularExpression star(QStringLiteral(R"(filename\*\s*=\s*([^']*)'[^']*'([^;]+))"),
                                         QRegularExpression::CaseInsensitiveOption);
    const auto m1 = star.match(v);
    if (m1.hasMatch()) {
        const QByteArray raw = QByteArray::fromPercentEncoding(m1.captured(2).trimmed().toLatin1());
        return m1.captured(1).compare(QLatin1String("utf-8"), Qt::CaseInsensitive) == 0 ? QString::fromUtf8(raw)
                                                                                        : QString::fromLatin1(raw);
    }
    static const QRegularExpression quoted(QStringLiteral(R"re(filename\s*=\s*"((?:[^"\\]|\\.)*)")re"),
                                           QRegularExpression::CaseInsensitiveOption);
    const auto m2 = quoted.match(v);
    if (m2.hasMatch()) {
        QString s = m2.captured(1);
        s.replace(QStringLiteral("\\\""), QStringLiteral("\""));
        return QString::fromUtf8(s.toLatin1());
    }
    static const QRegularExpression bare(QStringLiteral(R"(filename\s*=\s*([^;]+))"),
                                         QRegularExpression::CaseInsensitiveOption);
    const auto m3 = bare.match(v);
    if (m3.hasMatch()) return QString::fromUtf8(m3.captured(1).trimmed().toLatin1());
    return {};
}

QString uniquePath(const QString& path) {
    if (!QFileInfo::exists(path)) return path;
    const QFileInfo fi(path);
    const QString dir = fi.absolutePath();
    const QString name = fi.fileName();
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    const QString stem = dot > 0 ? name.left(dot) : name;
    const QString ext = dot > 0 ? name.mid(dot) : QString();
    for (int i = 1;; ++i) {
        const QString candidate = QStringLiteral("%1/%2 (%3)%4").arg(dir, stem).arg(i).arg(ext);
        if (!QFileInfo::exists(candidate)) return candidate;
    }
}

void registerSecret(const QString& secret) {
    if (secret.size() < 4) return;
    QMutexLocker lock(&secretsMutex());
    if (!secrets().contains(secret)) secrets() << secret;
}

QString redactSecrets(const QString& text) {
    QString s = text;
    {
        QMutexLocker lock(&secretsMutex());
        for (const QString& secret : secrets()) {
            s.replace(secret, QStringLiteral("***"));
            s.replace(QString::fromLatin1(QUrl::toPercentEncoding(secret)), QStringLiteral("***"));
        }
    }
    static const QRegularExpression query(
        QStringLiteral(
            R"(((?:token|access_token|api_key|apikey|key|sig|signature|X-Amz-Signature|X-Amz-Credential)=)[^&\s"'#]+)"),
        QRegularExpression::CaseInsensitiveOption);
    s.replace(query, QStringLiteral("\\1***"));
    static const QRegularExpression bearer(QStringLiteral(R"((Bearer\s+)[^\s"',;]+)"),
                                           QRegularExpression::CaseInsensitiveOption);
    s.replace(bearer, QStringLiteral("\\1***"));
    static const QRegularExpression hf(QStringLiteral(R"(\bhf_[A-Za-z0-9]{4,})"));
    s.replace(hf, QStringLiteral("hf_***"));
    return s;
}

QString redirectRefusal(const QUrl& from, const QUrl& to) {
    const QString scheme = to.scheme().toLower();
    if (!to.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QCoreApplication::translate("Downloads", "a redirect to a \"%1\" address was refused")
            .arg(scheme.isEmpty() ? QStringLiteral("?") : scheme);
    if (from.scheme().toLower() == QLatin1String("https") && scheme == QLatin1String("http"))
        return QCoreApplication::translate("Downloads", "a redirect from https to unencrypted http was refused");
    return {};
}

bool sameOrigin(const QUrl& a, const QUrl& b) {
    const auto defPort = [](const QUrl& u) {
        return u.port(u.scheme().toLower() == QLatin1String("https") ? 443 : 80);
    };
    return a.scheme().toLower() == b.scheme().toLower() && a.host().toLower() == b.host().toLower() &&
           defPort(a) == defPort(b);
}

} // namespace latent
