// Queue: the jobs with state, progress bar, thumbnail, elapsed time and ETA; cancel, cancel all,
// pause/resume, move up/down, re-run, duplicate, remove. Running job first, then the waiting jobs
// in run order, then the finished ones, newest first. Thumbnails: the live preview while a job
// runs; a done job's first result image (loaded off the GUI thread through the shared
// ThumbnailCache, also for jobs restored from the database at startup); a failed, cancelled or
// interrupted job keeps its last preview, or shows an icon for its state.
#pragma once

#include <QDockWidget>
#include <QHash>
#include <QIcon>
#include <QMultiHash>
#include <QSet>

#include <functional>

class QAction;
class QStackedWidget;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace latent {

class InferenceController;
class JobQueue;
class ThumbnailCache;
struct Job;
struct ImagePixels;

class QueueDock : public QDockWidget {
    Q_OBJECT
public:
    explicit QueueDock(QWidget* parent = nullptr);

    // Wiring (main window). `controller` may be null (no worker: progress only from the queue).
    void attach(JobQueue* queue, InferenceController* controller);
    // Where result thumbnails come from (not owned; the gallery's, so both share memory and
    // disk cache). Without one, attach() makes a private cache.
    void setThumbnailCache(ThumbnailCache* cache);
    ThumbnailCache* thumbnailCache() const { return cache_; }

    // What a job's row shows as its thumbnail (tests).
    enum class ThumbnailKind { None, Preview, Result, StateIcon };
    ThumbnailKind thumbnailKind(qint64 id) const { return thumbs_.value(id).kind; }
    QIcon thumbnailIcon(qint64 id) const { return thumbs_.value(id).icon; }

    QTreeWidget* jobList() const { return jobs_; }
    void selectJob(qint64 id);
    qint64 selectedJob() const;
    // Text shown in a column of a job's row (tests).
    QString cellText(qint64 id, int column) const;
    // The Backend column (remote backends, issue 16): what runs the job ("Local", "Any → gpu",
    // a backend's name) and, as tooltip, what it is doing there. Without a labeler the column
    // shows the job's target.
    static constexpr int kBackendColumn = 4;
    using BackendLabeler = std::function<QString(const Job&)>;
    using BackendNote = std::function<QString(qint64)>;
    void setBackendLabeler(BackendLabeler labeler, BackendNote note);
    // Refreshes the Backend column of every row (a remote job's status changed).
    void updateBackendCells();

public Q_SLOTS:
    void cancelSelected();
    void cancelAll();
    void togglePause();
    void moveSelected(int delta);
    void rerunSelected();
    void duplicateSelected();
    void removeSelected();

    // The infotext of a job's first image: its networks (applied / not found) join the row's
    // tooltip. Jobs without one list the networks their prompt asks for.
    void setJobInfotext(qint64 id, const QString& infotext);
    // The networks line of a job's tooltip (empty when its prompt names none).
    QString jobNetworksText(qint64 id) const;

Q_SIGNALS:
    void message(const QString& text);

private:
    void sync();
    void fillRow(QTreeWidgetItem* item, const Job& job);
    void updateButtons();
    void onProgress(qint64 id, int step, int total, double itPerSecond, double etaSeconds);
    void onPreview(qint64 id, const ImagePixels& pixels);
    void updateThumbnail(const Job& job);
    void onResultThumbnail(const QString& path, bool ok);
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
    struct Thumb {
        ThumbnailKind kind = ThumbnailKind::None;
        QIcon icon;
        QString resultPath; // kind Result: the image it shows
    };
    QHash<qint64, Thumb> thumbs_;
    ThumbnailCache* cache_ = nullptr;
    QMultiHash<QString, qint64> waitingFor_; // result path -> jobs waiting for its thumbnail
    QSet<QString> unreadable_;               // result images the cache could not read
    BackendLabeler backendLabel_;
    BackendNote backendNote_;
    void fillBackendCell(QTreeWidgetItem* item, const Job& job);
    QHash<qint64, double> eta_;
    QHash<qint64, double> itPerSecond_;
    QHash<qint64, QString> networks_;  // job -> networks line from its image's infotext
};

} // namespace latent
