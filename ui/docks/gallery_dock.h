// Gallery: every finished image as a thumbnail, newest first, from the SQLite gallery index;
// search by prompt text, filter by model and favourites; open in canvas, use as init image, copy
// parameters, copy image, show in folder, favourite, delete (to the trash where available);
// rebuild the index from the output folders' own PNG metadata.
#pragma once

#include "app/gallery/gallery_store.h"

#include <QDockWidget>
#include <QFutureWatcher>
#include <QList>
#include <QStringList>

#include <atomic>
#include <memory>

class QComboBox;
class QLineEdit;
class QListView;
class QMenu;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace latent {

class EmptyState;
class FileRevealer;
class GalleryModel;
class ThumbnailCache;

class GalleryDock : public QDockWidget {
    Q_OBJECT
public:
    explicit GalleryDock(QWidget* parent = nullptr);
    ~GalleryDock() override;

    // The index to show (not owned; must outlive the dock). Loads it at once.
    void setStore(GalleryStore* store);
    GalleryStore* store() const { return store_; }
    // Folders rescanned by "Rebuild index" (the output folder, the recovery folder, ...).
    void setScanFolders(const QStringList& folders) { scanFolders_ = folders; }
    QStringList scanFolders() const { return scanFolders_; }

    ThumbnailCache* thumbnails() const { return thumbnails_; }
    // "Show in folder" (FileManager1.ShowItems over D-Bus, else the folder); tests set its bus.
    FileRevealer* fileRevealer() const { return revealer_; }
    GalleryModel* model() const { return model_; }
    QListView* view() const { return view_; }
    int imageCount() const; // images shown (after search / filter)

    QList<qint64> selectedIds() const;
    qint64 currentId() const; // 0 when none
    void selectId(qint64 id);

    // The actions, on one image. They return false (and say why in statusMessage) on failure.
    bool copyParameters(qint64 id);
    bool copyImage(qint64 id);
    // Selects the file in the file manager (or opens its folder); false when it could not start.
    bool showInFolder(qint64 id);
    bool toggleFavourite(qint64 id);
    // Moves the images' files to the trash and drops them from the index; asks first when
    // `confirm`. Returns how many were removed.
    int deleteImages(const QList<qint64>& ids, bool confirm = true);

    bool isRebuilding() const;

public Q_SLOTS:
    // Indexes and shows newly written PNGs (the worker's imagesSaved). Files already indexed are
    // refreshed and moved to the top.
    void addImages(const QStringList& pngPaths);
    void refresh();
    void setSearchText(const QString& text);
    void setModelFilter(const QString& model); // "" = every model
    void setFavouritesOnly(bool on);
    // Rescans the scan folders in the background and replaces the index by what the files say.
    void rebuildIndex();
    // Looks in the scan folders for images missing from the index (e.g. written just before a
    // crash) and adds them, in the background; keeps everything already indexed.
    void rescanFolders();

Q_SIGNALS:
    void openInCanvasRequested(const QString& path);
    void useAsInitImageRequested(const QString& path);
    // "Upscale…" on the current image (A1111 Extras).
    void upscaleRequested(const QString& path);
    // The current image changed (empty path: none).
    void currentImageChanged(const QString& path, const QString& infotext);
    void rebuildFinished(int count); // after rebuildIndex (count) or rescanFolders (added)
    void statusMessage(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void reloadModels();
    void updateEmptyState();
    void showContextMenu(const QPoint& pos);
    bool matchesFilter(const GalleryEntry& e) const;
    void onCurrentChanged();
    QString pathOf(qint64 id) const;
    void startScan(bool replace);

    GalleryStore* store_ = nullptr;
    QStringList scanFolders_;
    ThumbnailCache* thumbnails_;
    GalleryModel* model_;
    FileRevealer* revealer_;

    QLineEdit* search_;
    QComboBox* modelFilter_;
    QToolButton* favouritesOnly_;
    QToolButton* menuButton_;
    QListView* view_;
    QStackedWidget* stack_;
    EmptyState* empty_;
    QTimer* searchTimer_;

    QAction* openAction_;
    QAction* initAction_;
    QAction* upscaleAction_;
    QAction* copyParamsAction_;
    QAction* copyImageAction_;
    QAction* showFolderAction_;
    QAction* favouriteAction_;
    QAction* deleteAction_;
    QAction* rebuildAction_;

    std::shared_ptr<std::atomic_bool> cancelScan_;
    QFutureWatcher<QList<GalleryEntry>>* scanWatcher_ = nullptr;
    bool scanReplaces_ = false;
};

} // namespace latent
