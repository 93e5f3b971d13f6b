// Library: checkpoints, LoRAs, VAEs, embeddings and ControlNets of the model roots, as cards
// with preview, family badge, size, short hash and trigger words; search; details with the
// editable A1111 sidecar notes; "Use as model" and "Insert into prompt". The empty state guides
// a new user.
#pragma once

#include "app/library/model_layout.h"

#include <QDockWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QStackedWidget;
class QTabBar;

namespace latent {

class ModelDetailsPanel;
class ModelFilterProxy;
class ModelLibrary;
class ModelListModel;
class ThumbnailCache;
struct ScanStats;

class LibraryDock : public QDockWidget {
    Q_OBJECT
public:
    // The actions are owned by the main window and shared with menus and the canvas.
    LibraryDock(QAction* addModel, QAction* downloadModel, QAction* useA1111Folder, QWidget* parent = nullptr);
    ~LibraryDock() override;

    // Shows `library` (not owned; must outlive the dock or be reset with nullptr).
    void setLibrary(ModelLibrary* library);
    ModelLibrary* library() const { return library_; }
    QAction* reloadAction() const { return reload_; }

    void showKind(ModelKind kind);
    ModelKind currentKind() const;
    bool selectPath(const QString& path); // switches to the entry's tab; false if not listed
    int visibleCount() const;             // rows shown in the current tab after the search
    QStringList visiblePaths() const;

    // For tests and keyboard users.
    QLineEdit* searchField() const { return search_; }
    QListView* listView() const { return list_; }
    QTabBar* kindTabs() const { return tabs_; }
    ModelDetailsPanel* details() const { return details_; }

Q_SIGNALS:
    void activeModelChanged(const QString& path);
    void insertPromptText(const QString& text);

private:
    void updateState();
    void updateTabCounts();
    void currentChanged(const QModelIndex& current);
    void activate(const QModelIndex& index);
    void useModel(const QString& path);
    void insertIntoPrompt(const QString& path);
    void scanProgress(const QString& phase, int done, int total, const QString& path);
    void scanFinished(const ScanStats& stats);
    ModelKind kindAtTab(int tab) const;

    ModelLibrary* library_ = nullptr;
    ThumbnailCache* thumbnails_;
    ModelListModel* model_ = nullptr;
    ModelFilterProxy* proxy_;
    QLineEdit* search_;
    QAction* reload_;
    QStackedWidget* stack_;
    QTabBar* tabs_;
    QListView* list_;
    ModelDetailsPanel* details_;
    QLabel* status_;
};

} // namespace latent
