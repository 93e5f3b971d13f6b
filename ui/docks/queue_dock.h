// Queue: the jobs with state, progress bar, preview thumbnail, elapsed time and ETA; cancel,
// cancel all, pause/resume, move up/down, re-run, duplicate, remove. Running job first, then
// the waiting jobs in run order, then the finished ones, newest first.
#pragma once

#include <QDockWidget>
#include <QHash>
#include <QIcon>

class QAction;
class QStackedWidget;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace latent {

class InferenceController;
class JobQueue;
struct Job;
struct ImagePixels;

class QueueDock : public QDockWidget {
    Q_OBJECT
public:
    explicit QueueDock(QWidget* parent = nullptr);

    // Wiring (main window). `controller` may be null (no worker: progress only from the queue).
    void attach(JobQueue* queue, InferenceController* controller);

    QTreeWidget* jobList() const { return jobs_; }
    void selectJob(qint64 id);
    qint64 selectedJob() const;
    // Text shown in a column of a job's row (tests).
    QString cellText(qint64 id, int column) const;

public Q_SLOTS:
    void cancelSelected();
    void cancelAll();
    void togglePause();
    void moveSelected(int delta);
    void rerunSelected();
    void duplicateSelected();
    void removeSelected();

Q_SIGNALS:
    void message(const QString& text);

private:
    void sync();
    void fillRow(QTreeWidgetItem* item, const Job& job);
    void updateButtons();
    void onProgress(qint64 id, int step, int total, double itPerSecond, double etaSeconds);
    void onPreview(qint64 id, const ImagePixels& pixels);
    QTreeWidgetItem* itemFor(qint64 id) const;

    JobQueue* queue_ = nullptr;
    InferenceController* controller_ = nullptr;
    QTreeWidget* jobs_;
    QStackedWidget* stack_;
    QAction* cancel_;
    QAction* cancelAll_;
    QAction* pause_;
    QAction* up_;
    QAction* down_;
    QAction* rerun_;
    QAction* duplicate_;
    QAction* remove_;
    QTimer* tick_;
    QList<qint64> order_;
    QHash<qint64, QIcon> thumbnails_;
    QHash<qint64, double> eta_;
    QHash<qint64, double> itPerSecond_;
};

} // namespace latent
