// The studio's main window: canvas in the centre, six docks around it, menus, status bar.
#pragma once

#include "app/metadata/generation_params.h"

#include <QByteArray>
#include <QList>
#include <QMainWindow>
#include <QStringList>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;

namespace latent {

class BackendPicker;
class BackendsDialog;
class UpscaleDialog;

class CanvasView;
class ControlNetDock;
class EmptyState;
class GalleryDock;
class GalleryStore;
class ImageInfoDock;
class InpaintDock;
class LibraryDock;
class ModelDropHandler;
class ModelLibrary;
class PromptDock;
class QueueDock;
class Settings;
class StudioSession;
class StudioApiService;
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
    // Canvas, inpaint tools, gallery and image info (wireCanvasAndGallery).
    InpaintDock* inpaintDock() const { return inpaintDock_; }
    ControlNetDock* controlNetDock() const { return controlNetDock_; }
    GalleryDock* galleryDock() const { return galleryDock_; }
    ImageInfoDock* imageInfoDock() const { return imageInfoDock_; }
    GalleryStore* galleryStore() const { return galleryStore_.get(); }

    // Layout persistence: geometry + dock state in settings.
    void saveLayout();
    bool restoreLayout();
    // Back to the default arrangement, every dock visible.
    void resetLayout();
    QByteArray defaultState() const { return defaultState_; }

    // Renders the window (at its current size) to a PNG. Returns false on write failure.
    bool saveScreenshot(const QString& path);

    QAction* resetLayoutAction() const { return resetLayoutAction_; }

    // --- Generation wiring (issue 8): prompt dock -> job queue -> inference worker -> canvas,
    // queue dock and status bar. `session` must outlive the window.
    void attachSession(StudioSession* session);
    // Help ▸ Report a problem (ProblemReportDialog, non-modal).
    void showProblemReport();
    StudioSession* session() const { return session_; }
    QueueDock* queueDock() const { return queueDock_; }
    // Selects the built-in demo model in the prompt panel (first run). False if it is absent.
    bool useDemoModel();
    // Model library (issue 7): the roots from settings, scanned in the background.
    ModelLibrary* library() const { return library_; }
    LibraryDock* libraryDock() const { return libraryDock_; }
    // Adds a model root (a webui folder maps to its models/ folder), saves it, rescans.
    void addModelRoot(const QString& folder);
    // "Upscale…" (A1111 Extras): opens the upscale dialog for an image file and queues an
    // "upscale" job when it is accepted. `studioInput`: the file is a canvas input the session
    // may delete once no job references it. Returns the dialog (already open), or nullptr.
    UpscaleDialog* upscaleImageFile(const QString& path, bool studioInput = false);
    void upscaleCanvasImage();

    // Remote backends (issue 16; main_window_remote.cpp): the picker next to Generate, the
    // health indicator in the status bar, Settings ▸ Backends.
    BackendPicker* backendPicker() const { return backendPicker_; }
    QLabel* backendHealthLabel() const { return backendHealthLabel_; }
    QAction* backendsAction() const { return backendsAction_; }
    void showBackendsDialog();

    // Downloads (created on first use; state restored from the last session). Connect to
    // DownloadManager::modelInstalled(path) to index new models.
    DownloadManager* downloadManager();

    // The HTTP API inside the studio (issue 15): View ▸ Serve the API, Settings ▸ API server….
    // Created by attachSession().
    StudioApiService* apiService() const { return api_; }
    QAction* serveApiAction() const { return serveApiAction_; }
    void showApiServerSettings();

Q_SIGNALS:
    // The user asked to restore an image's parameters (PNG info on the canvas, "Send to prompt"
    // in the image info dock): for the prompt dock.
    void restoreParametersRequested(const latent::GenerationParams& params);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void wireCanvasAndGallery();
    void openImage();
    void loadImageFile(const QString& path);
    void addModel();
    void downloadFromUrl();
    void useA1111Folder();
    void createLibrary();
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
    ControlNetDock* controlNetDock_ = nullptr;
    ModelLibrary* library_ = nullptr;
    ModelDropHandler* modelDrop_ = nullptr;

    QAction* openImageAction_ = nullptr;
    QAction* addModelAction_ = nullptr;
    QAction* downloadAction_ = nullptr;
    QAction* a1111FolderAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* generateAction_ = nullptr;
    QAction* interruptAction_ = nullptr;
    QAction* upscaleCanvasAction_ = nullptr;
    QAction* zoomFitAction_ = nullptr;
    QAction* zoomActualAction_ = nullptr;
    QAction* resetLayoutAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
    QMenu* viewMenu_ = nullptr;

    QLabel* deviceLabel_ = nullptr;
    QLabel* memoryLabel_ = nullptr;
    QByteArray defaultState_;

    // Generation wiring (issue 8).
    void updateFirstRunState();
    void wireGenerationInputs();
    StudioSession* session_ = nullptr;
    QStringList unqueuedInputs_; // canvas inputs written for a job not queued yet
    QAction* demoModelAction_ = nullptr;
    QLabel* speedLabel_ = nullptr;
    std::unique_ptr<GalleryStore> galleryStore_;
    // Remote backends wiring.
    void wireRemoteBackends();
    void updateBackendHealth();
    // Closing with remote jobs running: cancel them on their servers, leave them, or stay open.
    bool confirmCloseWithRemoteJobs();
    BackendPicker* backendPicker_ = nullptr;
    QLabel* backendHealthLabel_ = nullptr;
    QAction* backendsAction_ = nullptr;
    BackendsDialog* backendsDialog_ = nullptr;
    // Downloads wiring.
    DownloadManager* downloads_ = nullptr;
    TokenStore* tokens_ = nullptr;
    DownloadDialog* downloadDialog_ = nullptr;
    // API server wiring (main_window_api.cpp).
    void wireApiServer();
    StudioApiService* api_ = nullptr;
    QAction* serveApiAction_ = nullptr;
    QAction* apiSettingsAction_ = nullptr;
};

} // namespace latent
