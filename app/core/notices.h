// Messages for the user that come up outside any window, mostly while the app starts: a
// database or the settings file written by a newer version (opened read-only), the note that
// the previous run ended unexpectedly. Posted from any thread; the studio shows them (and the
// ones posted later) in its window, the CLI prints them to stderr. Each is also logged.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace latent {

class Notices : public QObject {
    Q_OBJECT
public:
    static Notices* instance();

    // Thread-safe. A text already posted (same words) is not posted twice.
    void post(const QString& text);
    QStringList all() const;

Q_SIGNALS:
    void posted(const QString& text);

private:
    Notices() = default;
};

} // namespace latent
