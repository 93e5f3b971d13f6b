#include "ui/docks/queue_dock.h"

#include "app/metadata/generation_params.h"
#include "app/metadata/network_usage.h"

#include "app/jobs/job_queue.h"
#include "app/worker/inference_worker.h"
#include "ui/widgets/empty_state.h"
#include "ui/widgets/pixels_image.h"
#include "ui/widgets/thumbnail_cache.h"

#include <QAction>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QPixmap>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace latent {

namespace {
enum Column { ColJob, ColState, ColProgress, ColTime, ColBackend };
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kMaxFinishedShown = 200;
constexpr int kIconSize = 24;

// A thumbnail icon: scaled once (room for a 2x screen), not at every repaint.
QIcon iconFrom(const QImage& image) {
    return QIcon(
        QPixmap::fromImage(image.scaled(2 * kIconSize, 2 * kIconSize, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

QString duration(double seconds) {
    const qint64 s = qint64(seconds + 0.5);
    if (s < 60) return QCoreApplication::translate("QueueDock", "%1 s").arg(s);
    if (s < 3600) return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

QueueDock::QueueDock(QWidget* parent) : QDockWidget(tr("Queue"), parent) {
    setObjectName(QStringLiteral("queueDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    stack_ = new QStackedWidget;
    auto* empty = new EmptyState;
    empty->setTitle(tr("No jobs"));
    empty->setBody(tr("Jobs you start wait here. You can reorder, pause or cancel them."));
    jobs_ = new QTreeWidget;
    jobs_->setObjectName(QStringLiteral("queueList"));
    jobs_->setHeaderLabels({tr("Job"), tr("State"), tr("Progress"), tr("Elapsed / ETA"), tr("Backend")});
    jobs_->setRootIsDecorated(false);
    jobs_->setUniformRowHeights(true);
    jobs_->setIconSize(QSize(kIconSize, kIconSize));
    jobs_->setSelectionMode(QAbstractItemView::SingleSelection);
    jobs_->header()->setStretchLastSection(false);
    jobs_->header()->setSectionResizeMode(ColJob, QHeaderView::Stretch);
    jobs_->header()->setSectionResizeMode(ColState, QHeaderView::ResizeToContents);
    jobs_->header()->setSectionResizeMode(ColProgress, QHeaderView::Fixed);
    jobs_->header()->resizeSection(ColProgress, 160);
    jobs_->header()->setSectionResizeMode(ColTime, QHeaderView::ResizeToContents);
    jobs_->header()->setSectionResizeMode(ColBackend, QHeaderView::ResizeToContents);
    stack_->addWidget(empty);
    stack_->addWidget(jobs_);
    layout->addWidget(stack_, 1);

    // A tool bar: its buttons fold into a "»" menu when the dock is narrow.
    auto* bar = new QToolBar;
    bar->setObjectName(QStringLiteral("queueToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setIconSize(QSize(16, 16));
    auto make = [&](const QString& text, const char* name, const QString& tip) {
        auto* a = bar->addAction(text);
        a->setObjectName(QLatin1String(name));
        a->setToolTip(tip);
        a->setEnabled(false);
        return a;
    };
    cancel_ =
        make(tr("Cancel"), "queueCancel", tr("Cancel the selected job (a running job stops before its next step)"));
    cancelAll_ = make(tr("Cancel all"), "queueCancelAll", tr("Cancel the running job and every waiting job"));
    pause_ = make(tr("Pause"), "queuePause", tr("Stop starting new jobs (the running job finishes)"));
    pause_->setCheckable(true);
    bar->addSeparator();
    up_ = make(QStringLiteral("▲"), "queueUp", tr("Run the selected job earlier"));
    down_ = make(QStringLiteral("▼"), "queueDown", tr("Run the selected job later"));
    bar->addSeparator();
    rerun_ = make(tr("Re-run"), "queueRerun", tr("Queue the selected finished job again"));
    duplicate_ = make(tr("Duplicate"), "queueDuplicate", tr("Queue a copy of the selected job"));
    remove_ = make(tr("Remove"), "queueRemove", tr("Remove the selected finished job from the list"));
    layout->addWidget(bar);
    setWidget(body);

    connect(cancel_, &QAction::triggered, this, &QueueDock::cancelSelected);
    connect(cancelAll_, &QAction::triggered, this, &QueueDock::cancelAll);
    connect(pause_, &QAction::triggered, this, &QueueDock::togglePause);
    connect(up_, &QAction::triggered, this, [this] { moveSelected(-1); });
    connect(down_, &QAction::triggered, this, [this] { moveSelected(+1); });
    connect(rerun_, &QAction::triggered, this, &QueueDock::rerunSelected);
    connect(duplicate_, &QAction::triggered, this, &QueueDock::duplicateSelected);
    connect(remove_, &QAction::triggered, this, &QueueDock::removeSelected);
    connect(jobs_, &QTreeWidget::itemSelectionChanged, this, &QueueDock::updateButtons);

    tick_ = new QTimer(this);
    tick_->setInterval(1000);
    connect(tick_, &QTimer::timeout, this, &QueueDock::sync);
}

void QueueDock::setThumbnailCache(ThumbnailCache* cache) {
    if (cache_) disconnect(cache_, nullptr, this, nullptr);
    cache_ = cache;
    if (!cache_) return;
    connect(cache_, &ThumbnailCache::thumbnailReady, this,
            [this](const QString& path) { onResultThumbnail(path, true); });
    connect(cache_, &ThumbnailCache::thumbnailFailed, this,
            [this](const QString& path, const QString&) { onResultThumbnail(path, false); });
}

void QueueDock::attach(JobQueue* queue, InferenceController* controller) {
    queue_ = queue;
    controller_ = controller;
    if (!cache_) setThumbnailCache(new ThumbnailCache(QSize(64, 64), {}, this));
    connect(queue_, &JobQueue::jobAdded, this, &QueueDock::sync);
    connect(queue_, &JobQueue::jobChanged, this, &QueueDock::sync);
    connect(queue_, &JobQueue::jobRemoved, this, &QueueDock::sync);
    connect(queue_, &JobQueue::pausedChanged, this, [this](bool paused) {
        pause_->setChecked(paused);
        pause_->setText(paused ? tr("Resume") : tr("Pause"));
        updateButtons();
    });
    if (controller_) {
        connect(controller_, &InferenceController::progress, this, &QueueDock::onProgress);
        connect(controller_, &InferenceController::previewReady, this, &QueueDock::onPreview);
    }
    tick_->start();
    sync();
}

QTreeWidgetItem* QueueDock::itemFor(qint64 id) const {
    for (int i = 0; i < jobs_->topLevelItemCount(); ++i)
        if (jobs_->topLevelItem(i)->data(ColJob, kIdRole).toLongLong() == id) return jobs_->topLevelItem(i);
    return nullptr;
}

void QueueDock::sync() {
    if (!queue_) return;
    const QList<Job> all = queue_->jobs();
    QList<Job> shown;
    shown << queue_->runningJobs(); // the local job and any remote ones
    shown << queue_->pending();
    QList<Job> finished;
    for (const Job& j : all)
        if (isFinalState(j.state)) finished << j;
    std::sort(finished.begin(), finished.end(), [](const Job& a, const Job& b) { return a.id > b.id; });
    if (finished.size() > kMaxFinishedShown) finished = finished.mid(0, kMaxFinishedShown);
    shown << finished;

    QList<qint64> order;
    for (const Job& j : shown) order << j.id;
    if (order != order_) {
        const qint64 selected = selectedJob();
        jobs_->clear();
        for (const Job& j : shown) {
            auto* item = new QTreeWidgetItem(jobs_);
            item->setData(ColJob, kIdRole, j.id);
            auto* bar = new QProgressBar;
            bar->setRange(0, 1000);
            bar->setTextVisible(true);
            jobs_->setItemWidget(item, ColProgress, bar);
        }
        order_ = order;
        if (selected) selectJob(selected);
        // Keep the memory bounded: thumbnails of jobs no longer listed go.
        for (auto it = thumbs_.begin(); it != thumbs_.end();)
            it = order_.contains(it.key()) ? std::next(it) : thumbs_.erase(it);
    }
    for (int i = 0; i < shown.size(); ++i) fillRow(jobs_->topLevelItem(i), shown[i]);
    stack_->setCurrentIndex(shown.isEmpty() ? 0 : 1);
    updateButtons();
}

void QueueDock::fillRow(QTreeWidgetItem* item, const Job& job) {
    QString prompt = job.params.value(QStringLiteral("prompt")).toString().simplified();
    if (prompt.size() > 60) prompt = prompt.left(59) + QStringLiteral("…");
    const QString size = QStringLiteral("%1×%2")
                             .arg(job.params.value(QStringLiteral("width")).toInt(512))
                             .arg(job.params.value(QStringLiteral("height")).toInt(512));
    item->setText(ColJob, tr("#%1 %2 · %3").arg(job.id).arg(prompt.isEmpty() ? tr("(no prompt)") : prompt, size));
    const QString networks = jobNetworksText(job.id);
    // Jobs that came through the HTTP API (issue 15).
    if (job.params.value(QStringLiteral("source")).toString() == QLatin1String("api"))
        item->setText(ColJob, tr("API") + QStringLiteral(" · ") + item->text(ColJob));
    item->setToolTip(ColJob, job.params.value(QStringLiteral("prompt")).toString() +
                                 (networks.isEmpty() ? QString() : QStringLiteral("\n\n") + networks));
    if (job.kind == QLatin1String("upscale")) {  // A1111 Extras: the image and the upscaler
        const QString image = job.params.value(QStringLiteral("image_path")).toString();
        item->setText(ColJob, tr("#%1 Upscale %2 with %3")
                                  .arg(job.id)
                                  .arg(QFileInfo(image).fileName(), job.params.value(QStringLiteral("upscaler_1")).toString()));
        item->setToolTip(ColJob, image);
    }
    updateThumbnail(job);
    item->setIcon(ColJob, thumbs_.value(job.id).icon);
    item->setText(ColState, jobStateDisplayName(job.state));
    item->setToolTip(ColState, job.error);
    if (!job.warnings.isEmpty()) {
        // Done, but something the user asked for was not applied (a LoRA not found, ...).
        item->setText(ColState, tr("%1 · %n warning(s)", nullptr, int(job.warnings.size()))
                                    .arg(jobStateDisplayName(job.state)));
        item->setToolTip(ColState, job.warnings.join(QLatin1Char('\n')));
    }
    if (job.state == JobState::Failed || job.state == JobState::Interrupted)
        item->setForeground(ColState, QColor(0xe5, 0x39, 0x35));
    else if (!job.warnings.isEmpty())
        item->setForeground(ColState, QColor(0xef, 0x8c, 0x00));
    else
        item->setForeground(ColState, jobs_->palette().color(QPalette::Text));

    if (auto* bar = qobject_cast<QProgressBar*>(jobs_->itemWidget(item, ColProgress))) {
        bar->setValue(int(job.progress * 1000));
        bar->setFormat(job.totalSteps > 0 && job.state == JobState::Running
                           ? tr("step %1/%2").arg(job.step).arg(job.totalSteps)
                           : QStringLiteral("%p%"));
        if (job.state == JobState::Failed) bar->setFormat(tr("failed"));
    }
    QString time;
    if (job.state == JobState::Running) {
        time = duration(job.elapsedMs() / 1000.0);
        if (eta_.contains(job.id)) time += tr(" / %1 left").arg(duration(eta_.value(job.id)));
        if (itPerSecond_.value(job.id) > 0) time += tr(" · %1 it/s").arg(itPerSecond_.value(job.id), 0, 'f', 2);
    } else if (isFinalState(job.state) && job.started.isValid()) {
        time = duration(job.elapsedMs() / 1000.0);
    }
    item->setText(ColTime, time);
    fillBackendCell(item, job);
}

void QueueDock::setBackendLabeler(BackendLabeler labeler, BackendNote note) {
    backendLabel_ = std::move(labeler);
    backendNote_ = std::move(note);
    updateBackendCells();
}

void QueueDock::fillBackendCell(QTreeWidgetItem* item, const Job& job) {
    QString label;
    if (backendLabel_) {
        label = backendLabel_(job);
    } else {
        label = job.params.value(QStringLiteral("backend")).toString();
        if (label.isEmpty() || label == QLatin1String("local")) label = tr("Local");
        else if (label == QLatin1String("any")) label = tr("Any");
    }
    const QString note = backendNote_ ? backendNote_(job.id) : QString();
    item->setText(ColBackend, label);
    item->setToolTip(ColBackend, note.isEmpty() ? label : label + QStringLiteral(": ") + note);
    // A remote job's status (waiting for a worker, retrying, ...) also shows in the State column.
    if (job.state == JobState::Running && !note.isEmpty())
        item->setText(ColState, jobStateDisplayName(job.state) + QStringLiteral(" · ") + note);
}

void QueueDock::updateBackendCells() {
    if (!queue_) return;
    for (int i = 0; i < jobs_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = jobs_->topLevelItem(i);
        if (const auto job = queue_->job(item->data(ColJob, kIdRole).toLongLong())) fillBackendCell(item, *job);
    }
}

void QueueDock::setJobInfotext(qint64 id, const QString& infotext) {
    networks_.insert(id, networkUsage(GenerationParams::fromInfotext(infotext)).summary());
    if (!queue_) return;
    if (QTreeWidgetItem* item = itemFor(id))
        if (const auto job = queue_->job(id)) fillRow(item, *job);
}

QString QueueDock::jobNetworksText(qint64 id) const {
    auto it = networks_.constFind(id);
    if (it != networks_.constEnd()) return *it;
    if (!queue_) return {};
    const auto job = queue_->job(id);
    return job ? networkUsage(job->params.value(QStringLiteral("prompt")).toString()).summary() : QString();
}

void QueueDock::onProgress(qint64 id, int, int, double itPerSecond, double etaSeconds) {
    eta_.insert(id, etaSeconds);
    if (itPerSecond > 0) itPerSecond_.insert(id, itPerSecond);
}

void QueueDock::onPreview(qint64 id, const ImagePixels& pixels) {
    const QImage image = toQImage(pixels);
    if (image.isNull()) return;
    Thumb& t = thumbs_[id];
    if (t.kind == ThumbnailKind::Result) return; // a late preview never replaces the result
    t = Thumb{ThumbnailKind::Preview, iconFrom(image), {}};
    if (QTreeWidgetItem* item = itemFor(id)) item->setIcon(ColJob, t.icon);
}

void QueueDock::updateThumbnail(const Job& job) {
    Thumb& t = thumbs_[job.id];
    if (job.state == JobState::Done && !job.results.isEmpty() && cache_) {
        const QString& path = job.results.constFirst();
        if (t.kind == ThumbnailKind::Result && t.resultPath == path) return;
        if (!unreadable_.contains(path)) {
            // From memory, or made (or read from the disk cache) in the background: until then
            // the row keeps what it has (the live preview).
            const QImage image = cache_->thumbnail(path);
            if (!image.isNull()) {
                t = Thumb{ThumbnailKind::Result, iconFrom(image), path};
                return;
            }
            if (cache_->isPending(path)) {
                if (!waitingFor_.contains(path, job.id)) waitingFor_.insert(path, job.id);
                return;
            }
            unreadable_.insert(path); // the cache already failed on it (e.g. for the gallery)
        }
    }
    if (!isFinalState(job.state) || t.kind == ThumbnailKind::Preview || t.kind == ThumbnailKind::StateIcon) return;
    QStyle::StandardPixmap icon = QStyle::SP_FileIcon; // done, but its image cannot be shown
    switch (job.state) {
    case JobState::Failed:
        icon = QStyle::SP_MessageBoxCritical;
        break;
    case JobState::Cancelled:
        icon = QStyle::SP_DialogCancelButton;
        break;
    case JobState::Interrupted:
        icon = QStyle::SP_MessageBoxWarning;
        break;
    default:
        break;
    }
    t = Thumb{ThumbnailKind::StateIcon, style()->standardIcon(icon, nullptr, this), {}};
}

void QueueDock::onResultThumbnail(const QString& path, bool ok) {
    if (!waitingFor_.contains(path)) return;
    if (!ok) unreadable_.insert(path);
    const QList<qint64> ids = waitingFor_.values(path);
    waitingFor_.remove(path);
    if (!queue_) return;
    for (qint64 id : ids) {
        const auto job = queue_->job(id);
        QTreeWidgetItem* item = itemFor(id);
        if (!job || !item) continue;
        updateThumbnail(*job);
        item->setIcon(ColJob, thumbs_.value(id).icon);
    }
}

void QueueDock::selectJob(qint64 id) {
    if (QTreeWidgetItem* item = itemFor(id)) jobs_->setCurrentItem(item);
}

qint64 QueueDock::selectedJob() const {
    const QList<QTreeWidgetItem*> items = jobs_->selectedItems();
    return items.isEmpty() ? 0 : items.first()->data(ColJob, kIdRole).toLongLong();
}

QString QueueDock::cellText(qint64 id, int column) const {
    QTreeWidgetItem* item = itemFor(id);
    if (!item) return {};
    if (column == ColProgress)
        if (auto* bar = qobject_cast<QProgressBar*>(jobs_->itemWidget(item, ColProgress))) return bar->text();
    return item->text(column);
}

void QueueDock::updateButtons() {
    const bool attached = queue_ != nullptr;
    const qint64 id = selectedJob();
    const auto job = attached && id ? queue_->job(id) : std::nullopt;
    const bool queued = job && job->state == JobState::Queued;
    const bool active = job && !isFinalState(job->state);
    const bool ended = job && isFinalState(job->state);
    bool anyActive = false;
    if (attached)
        for (const Job& j : queue_->jobs()) anyActive = anyActive || !isFinalState(j.state);
    cancel_->setEnabled(active);
    cancelAll_->setEnabled(anyActive);
    pause_->setEnabled(attached);
    up_->setEnabled(queued);
    down_->setEnabled(queued);
    rerun_->setEnabled(ended);
    duplicate_->setEnabled(bool(job));
    remove_->setEnabled(ended);
}

void QueueDock::cancelSelected() {
    if (queue_ && selectedJob()) queue_->cancel(selectedJob());
}

void QueueDock::cancelAll() {
    if (queue_) queue_->cancelAll();
}

void QueueDock::togglePause() {
    if (!queue_) return;
    if (queue_->isPaused())
        queue_->resume();
    else
        queue_->pause();
}

void QueueDock::moveSelected(int delta) {
    if (!queue_) return;
    const qint64 id = selectedJob();
    const QList<Job> pending = queue_->pending();
    for (int i = 0; i < pending.size(); ++i)
        if (pending[i].id == id) {
            queue_->move(id, std::max(0, i + delta));
            selectJob(id);
            return;
        }
}

void QueueDock::rerunSelected() {
    if (!queue_ || !selectedJob()) return;
    const auto r = queue_->rerun(selectedJob());
    if (!r.ok()) Q_EMIT message(r.error);
}

void QueueDock::duplicateSelected() {
    if (!queue_ || !selectedJob()) return;
    const auto r = queue_->duplicate(selectedJob());
    if (!r.ok()) Q_EMIT message(r.error);
}

void QueueDock::removeSelected() {
    if (!queue_ || !selectedJob()) return;
    const qint64 id = selectedJob();
    if (queue_->remove(id)) {
        thumbs_.remove(id);
        eta_.remove(id);
        itPerSecond_.remove(id);
    }
}

} // namespace latent
