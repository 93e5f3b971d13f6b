// Shows the app's notices (app/core/notices.h) in the studio: those posted before the window
// existed (a database or settings file from a newer version, the note that the last run did not
// quit normally) once the window is up, and later ones as they come. Each is a non-modal message
// box, so nothing waits on the user; "Report a problem…" opens Help ▸ Report a problem.
#pragma once

#include <QObject>
#include <QStringList>

namespace latent {

class MainWindow;

class NoticePresenter : public QObject {
    Q_OBJECT
public:
    explicit NoticePresenter(MainWindow* window);

    // Shows what was posted so far (call after window->show()).
    void showPending();
    int shownCount() const { return shown_.size(); }

private:
    void show(const QStringList& texts);
    MainWindow* window_;
    QStringList shown_;
};

} // namespace latent
