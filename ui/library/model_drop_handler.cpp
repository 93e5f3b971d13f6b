#include "ui/library/model_drop_handler.h"

#include "app/library/model_import.h"
#include "app/library/model_library.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace latent {

ModelDropHandler::ModelDropHandler(ModelLibrary* library, QWidget* window)
    : QObject(window), library_(library), window_(window) {
    window_->setAcceptDrops(true);
    window_->installEventFilter(this);
}

QStringList ModelDropHandler::modelFiles(const QMimeData* mime) {
    QStringList out;
    if (!mime || !mime->hasUrls()) return out;
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile()) continue;
        const QFileInfo fi(url.toLocalFile());
        if (fi.isFile() && isModelFileName(fi.fileName())) out << fi.absoluteFilePath();
    }
    return out;
}

bool ModelDropHandler::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
        auto* e = static_cast<QDropEvent*>(event);
        if (!modelFiles(e->mimeData()).isEmpty()) {
            e->acceptProposedAction();
            return true;
        }
    } else if (event->type() == QEvent::Drop) {
        auto* e = static_cast<QDropEvent*>(event);
        const QStringList files = modelFiles(e->mimeData());
        if (!files.isEmpty()) {
            e->acceptProposedAction();
            importFiles(files);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void ModelDropHandler::importFiles(const QStringList& paths, bool ask) {
    if (paths.isEmpty()) return;
    bool move = false;
    const QString root = library_->primaryRoot();
    if (ask) {
        QMessageBox box(QMessageBox::Question, tr("Add to the library"),
                        tr("Add %n model file(s) to %1?", nullptr, int(paths.size())).arg(root), QMessageBox::NoButton,
                        window_);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(tr("Copy keeps the original file; Move takes it out of its folder. "
                                  "Each file goes to the folder of its kind; nothing is overwritten."));
        QPushButton* copy = box.addButton(tr("Copy"), QMessageBox::AcceptRole);
        QPushButton* moveButton = box.addButton(tr("Move"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(copy);
        box.exec();
        if (box.clickedButton() != copy && box.clickedButton() != moveButton) return;
        move = box.clickedButton() == moveButton;
    }
    for (const QString& path : paths) {
        auto* watcher = new QFutureWatcher<ModelImportResult>(this);
        connect(watcher, &QFutureWatcher<ModelImportResult>::finished, this, [this, watcher] {
            watcher->deleteLater();
            const ModelImportResult r = watcher->result();
            if (!r.ok) {
                Q_EMIT importFailed(r.error);
                QMessageBox box(QMessageBox::Warning, tr("Not added"), r.error, QMessageBox::Ok, window_);
                box.setTextFormat(Qt::PlainText);
                box.exec();
                return;
            }
            library_->fileArrived(r.destination);
            Q_EMIT imported(r.destination);
        });
        watcher->setFuture(QtConcurrent::run([path, root, move] { return ModelImport::importFile(path, root, move); }));
    }
}

} // namespace latent
