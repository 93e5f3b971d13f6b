// The studio's main window: canvas in the centre, six docks around it, menus, status bar.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;

namespace latent {

class CanvasView;
class EmptyState;
class GalleryDock;
class ImageInfoDock;
class InpaintDock;
class LibraryDock;
class PromptDock;
class QueueDock;
class Settings;
// Downloads wiring (downloads branch).
class DownloadDialog;
class DownloadManager;
class TokenStore;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settings` must outlive the window.
    explicit MainWindow(Settings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    QList<QDockWidget*> docks() const;
    CanvasView* canvas() const { return canvas_; }
    PromptDock* promptDock() const { return promptDock_; }

    // Layout persistence: geometry + dock state in settings.
    void saveLayout();
    bool restoreLayout();
    // Back to the default arrangement, every dock visible.
    void resetLayout();
    QByteArray defaultState() const { return defaultState_; }

    // Renders the window (at its current size) to a PNG. Returns false on write failure.
    bool saveScreenshot(const QString& path);

    QAction* resetLayoutAction() const { return resetLayoutAction_; }

    // Downloads (created on first use; state restored from the last session). Connect to
    // DownloadManager::modelInstalled(path) to index new models.
    DownloadManager* downloadManager();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void openImage();
    void loadImageFile(const QString& path);
    void addModel();
    void downloadFromUrl();
    void useA1111Folder();
    void setLanguage(const QString& code);
    void showAbout();

    Settings& settings_;
    QStackedWidget* centralStack_ = nullptr;
    EmptyState* canvasEmpty_ = nullptr;
    CanvasView* canvas_ = nullptr;
    PromptDock* promptDock_ = nullptr;
    InpaintDock* inpaintDock_ = nullptr;
    GalleryDock* galleryDock_ = nullptr;
    QueueDock* queueDock_ = nullptr;
    LibraryDock* libraryDock_ = nullptr;
    ImageInfoDock* imageInfoDock_ = nullptr;

    QAction* openImageAction_ = nullptr;
    QAction* addModelAction_ = nullptr;
    QAction* downloadAction_ = nullptr;
    QAction* a1111FolderAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* generateAction_ = nullptr;
    QAction* interruptAction_ = nullptr;
    QAction* zoomFitAction_ = nullptr;
    QAction* zoomActualAction_ = nullptr;
    QAction* resetLayoutAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
    QMenu* viewMenu_ = nullptr;

    QLabel* deviceLabel_ = nullptr;
    QLabel* memoryLabel_ = nullptr;
    QByteArray defaultState_;

    // Downloads wiring.
    DownloadManager* downloads_ = nullptr;
    TokenStore* tokens_ = nullptr;
    DownloadDialog* downloadDialog_ = nullptr;
};

} // namespace latent
