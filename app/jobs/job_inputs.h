// The canvas's input files of image-to-image and inpainting jobs. Queued jobs outlive the canvas
// and survive a restart, so the canvas writes the init image and the mask as PNG files into one
// folder (StudioSession::inputsDir()) and the job references them by path. This class keeps a file
// while any job of the (persisted) queue references it — re-run and duplicate copy the reference —
// and deletes it when the last such job is removed from the queue. sweep() deletes what no job
// references (inputs of a refused enqueue, leftovers of a crash) and runs at startup.
//
// It only ever deletes files the studio wrote there: regular files (not symlinks) directly inside
// the folder, named as CanvasDocument::writeInputs names them (canvasInputStem() + "-init" /
// "-mask", optional "-N", ".png") or as ImageWriter's temporaries (".latent-<16 hex>.part").
// Anything else in the folder, and anything outside it, is never touched.
#pragma once

#include "app/jobs/job.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace latent {

class JobQueue;

class JobInputFiles : public QObject {
    Q_OBJECT
public:
    // `queue` must outlive this object; its current jobs are taken as referencing their files.
    JobInputFiles(JobQueue* queue, const QString& folder, QObject* parent = nullptr);

    QString folder() const { return folder_; }

    // A new file name stem for the canvas's inputs ("canvas-yyyyMMdd-HHmmss-zzz").
    static QString canvasInputStem();
    // The input files a job names (its "init_image_path", "mask_path" and, for upscale jobs, "image_path").
    static QStringList referencedFiles(const Job& job);

    // Whether `path` is a file this class may delete (see above).
    bool isStudioInput(const QString& path) const;
    // Whether any job in the queue references `path`.
    bool isReferenced(const QString& path) const;

    // Deletes those of `paths` that are studio inputs no job references. Returns how many.
    int releaseIfUnreferenced(const QStringList& paths);
    // Deletes every studio input in the folder that no job references and that was last
    // modified before `modifiedBefore` (a grace period protects files another studio process is
    // about to queue). Returns how many.
    int sweep(const QDateTime& modifiedBefore);

Q_SIGNALS:
    void filesDeleted(const QStringList& paths);

private:
    QSet<QString> referencedNow() const;
    int removeFiles(const QStringList& candidates, const QSet<QString>& referenced);

    JobQueue* queue_;
    QString folder_;
    QHash<qint64, QStringList> byJob_; // the files of every job in the queue (for jobRemoved)
};

} // namespace latent
