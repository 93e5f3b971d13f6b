#include "app/core/notices.h"

#include <QCoreApplication>
#include <QMutex>

namespace latent {

namespace {
QMutex& mutex() {
    static QMutex m;
    return m;
}
QStringList& texts() {
    static QStringList t;
    return t;
}
} // namespace

Notices* Notices::instance() {
    static Notices* n = [] {
        auto* created = new Notices;
        // Lives as long as the process; moved to the application's thread so queued signals
        // reach the GUI thread.
        if (QCoreApplication::instance()) created->moveToThread(QCoreApplication::instance()->thread());
        return created;
    }();
    return n;
}

void Notices::post(const QString& text) {
    if (text.trimmed().isEmpty()) return;
    {
        QMutexLocker lock(&mutex());
        if (texts().contains(text)) return;
        texts() << text;
    }
    qWarning("latent: notice: %s", qPrintable(text));
    Q_EMIT posted(text);
}

QStringList Notices::all() const {
    QMutexLocker lock(&mutex());
    return texts();
}

} // namespace latent
