#include "ui/main/main_window.h"

#include "app/core/app_info.h"
#include "app/core/process_memory.h"
#include "app/core/thread_report.h"
#include "pipeline/core/thread_policy.h"
#include "app/core/settings.h"
#include "app/core/translations.h"
#include "app/gallery/gallery_store.h"
#include "app/storage/image_writer.h"
#include "app/library/model_library.h"
#include "app/library/upscaler_catalog.h"
#include "app/jobs/job_queue.h"
#include "pipeline/core/system_info.h"
#include "ui/canvas/canvas_view.h"
#include <QJsonArray>
#include <QJsonObject>
#include "app/metadata/generation_params.h"
#include "ui/canvas/canvas_document.h"
#include "ui/docks/controlnet_dock.h"
#include "ui/docks/gallery_dock.h"
#include "ui/docks/image_info_dock.h"
#include "ui/docks/inpaint_dock.h"
#include "ui/docks/library_dock.h"
#include "ui/docks/prompt_dock.h"
#include "ui/docks/queue_dock.h"
#include "ui/library/model_drop_handler.h"
#include "ui/widgets/empty_state.h"
// Generation wiring (issue 8).
#include "app/core/event_loop_probe.h"
#include "app/worker/studio_session.h"
#include "ui/widgets/pixels_image.h"
// Downloads wiring.
#include "app/downloads/download_manager.h"
#include "app/downloads/token_store.h"
#include "ui/dialogs/download_dialog.h"
#include "ui/dialogs/problem_report_dialog.h"
#include "ui/dialogs/upscale_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QHash>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <utility>

namespace latent {

namespace {
// Bump when the dock set changes so old saved states are not applied to a new layout.
constexpr int kLayoutVersion = 1;
} // namespace

MainWindow::MainWindow(Settings& settings, QWidget* parent) : QMainWindow(parent), settings_(settings) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Latent Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/latentstudio.svg")));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);
    resize(1440, 900);

    createActions();

    canvas_ = new CanvasView;
    canvasEmpty_ = new EmptyState;
    canvasEmpty_->setObjectName(QStringLiteral("canvasEmptyState"));
    canvasEmpty_->setTitle(tr("Welcome to Latent Studio"));
    canvasEmpty_->setBody(tr("To make images you need a Stable Diffusion model (SD 1.x, 2.x or SDXL, a .safetensors "
                             "checkpoint). Add one you have, download one from Hugging Face or Civitai, or use the "
                             "models of an existing AUTOMATIC1111 install. You can also drop an image here to edit it."));
    canvasEmpty_->addAction(addModelAction_);
    canvasEmpty_->addAction(downloadAction_);
    canvasEmpty_->addAction(a1111FolderAction_);
    canvasEmpty_->setAcceptDrops(false);
    centralStack_ = new QStackedWidget;
    centralStack_->setObjectName(QStringLiteral("centralStack"));
    centralStack_->addWidget(canvasEmpty_);
    centralStack_->addWidget(canvas_);
    setCentralWidget(centralStack_);
    setAcceptDrops(true);

    createDocks();
    createLibrary();
    createMenus();
    createStatusBar();
    wireCanvasAndGallery();

    // The arrangement built above is the default; remember it for "Reset layout".
    defaultState_ = saveState(kLayoutVersion);
}

MainWindow::~MainWindow() = default;

// --- canvas, inpaint tools, gallery, image info -------------------------------------------------
void MainWindow::wireCanvasAndGallery() {
    canvas_->acceptDropsOn(canvasEmpty_);
    inpaintDock_->setCanvas(canvas_);
    connect(canvas_, &CanvasView::imageLoaded, this, [this](const QString& path, const QString& infotext) {
        centralStack_->setCurrentWidget(canvas_);
        imageInfoDock_->setImage(path, infotext);
        const QSize s = canvas_->document()->size();
        const QString name = path.isEmpty() ? tr("pasted image") : QFileInfo(path).fileName();
        statusBar()->showMessage(tr("Opened %1 (%2×%3)").arg(name).arg(s.width()).arg(s.height()), 5000);
    });
    connect(canvas_, &CanvasView::loadFailed, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(canvas_, &CanvasView::restoreParametersRequested, this, &MainWindow::restoreParametersRequested);
    connect(imageInfoDock_, &ImageInfoDock::restoreParametersRequested, this, &MainWindow::restoreParametersRequested);

    QMenu* edit = new QMenu(tr("&Edit"), this);
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(canvas_->undoAction());
    edit->addAction(canvas_->redoAction());
    edit->addSeparator();
    edit->addAction(canvas_->pasteAction());
    const QList<QAction*> top = menuBar()->actions();
    menuBar()->insertMenu(top.size() > 1 ? top.at(1) : nullptr, edit);

    galleryStore_ = std::make_unique<GalleryStore>(GalleryStore::defaultDatabasePath());
    QString error;
    if (!galleryStore_->open(&error)) statusBar()->showMessage(error, 10000);
    galleryDock_->setStore(galleryStore_.get());
    QStringList folders;
    if (const QString out = settings_.value(settings::OutputFolder); !out.isEmpty()) folders << out;
    folders << ImageWriter::recoveryDirectory();
    galleryDock_->setScanFolders(folders);
    galleryDock_->rescanFolders(); // images written but never indexed (a crash) come back
    connect(galleryDock_, &GalleryDock::openInCanvasRequested, this, &MainWindow::loadImageFile);
    connect(galleryDock_, &GalleryDock::useAsInitImageRequested, this, [this](const QString& path) {
        loadImageFile(path);
        inpaintDock_->raise();
    });
    connect(galleryDock_, &GalleryDock::upscaleRequested, this, [this](const QString& path) { upscaleImageFile(path); });
    connect(galleryDock_, &GalleryDock::currentImageChanged, imageInfoDock_, &ImageInfoDock::setImage);
    connect(galleryDock_, &GalleryDock::statusMessage, this,
            [this](const QString& m) { statusBar()->showMessage(m, 6000); });
}

void MainWindow::createActions() {
    openImageAction_ = new QAction(tr("&Open Image…"), this);
    openImageAction_->setShortcut(QKeySequence::Open);
    connect(openImageAction_, &QAction::triggered, this, &MainWindow::openImage);

    addModelAction_ = new QAction(tr("Add a model…"), this);
    addModelAction_->setObjectName(QStringLiteral("addModelAction"));
    connect(addModelAction_, &QAction::triggered, this, &MainWindow::addModel);
    downloadAction_ = new QAction(tr("Download from URL…"), this);
    downloadAction_->setObjectName(QStringLiteral("downloadAction"));
    connect(downloadAction_, &QAction::triggered, this, &MainWindow::downloadFromUrl);
    a1111FolderAction_ = new QAction(tr("Use an existing A1111 folder…"), this);
    a1111FolderAction_->setObjectName(QStringLiteral("a1111FolderAction"));
    connect(a1111FolderAction_, &QAction::triggered, this, &MainWindow::useA1111Folder);

    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence::Quit);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    generateAction_ = new QAction(tr("&Generate"), this);
    generateAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    interruptAction_ = new QAction(tr("&Interrupt"), this);
    interruptAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    interruptAction_->setEnabled(false);
    upscaleCanvasAction_ = new QAction(tr("&Upscale Canvas Image…"), this);
    upscaleCanvasAction_->setObjectName(QStringLiteral("upscaleCanvasAction"));
    upscaleCanvasAction_->setToolTip(tr("Enlarge the canvas image with an upscaler (AUTOMATIC1111's Extras)"));
    connect(upscaleCanvasAction_, &QAction::triggered, this, &MainWindow::upscaleCanvasImage);

    zoomFitAction_ = new QAction(tr("Zoom to &Fit"), this);
    zoomFitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    zoomActualAction_ = new QAction(tr("&Actual Size (100 %)"), this);
    zoomActualAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));

    resetLayoutAction_ = new QAction(tr("&Reset Layout"), this);
    resetLayoutAction_->setObjectName(QStringLiteral("resetLayoutAction"));
    connect(resetLayoutAction_, &QAction::triggered, this, &MainWindow::resetLayout);

    aboutAction_ = new QAction(tr("&About Latent Studio"), this);
    connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createDocks() {
    promptDock_ = new PromptDock(this);
    inpaintDock_ = new InpaintDock(this);
    galleryDock_ = new GalleryDock(this);
    queueDock_ = new QueueDock(this);
    queueDock_->setThumbnailCache(galleryDock_->thumbnails()); // one cache for both
    libraryDock_ = new LibraryDock(addModelAction_, downloadAction_, a1111FolderAction_, this);
    imageInfoDock_ = new ImageInfoDock(this);
    controlNetDock_ = new ControlNetDock(this);

    // Prompt on the left at full height; library / inpaint tools / image info as tabs and the
    // gallery on the right; the queue under the canvas only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, promptDock_);
    addDockWidget(Qt::RightDockWidgetArea, libraryDock_);
    addDockWidget(Qt::RightDockWidgetArea, galleryDock_);
    tabifyDockWidget(libraryDock_, inpaintDock_);
    tabifyDockWidget(inpaintDock_, imageInfoDock_);
    tabifyDockWidget(imageInfoDock_, controlNetDock_);
    libraryDock_->raise();
    addDockWidget(Qt::BottomDockWidgetArea, queueDock_);
    resizeDocks({promptDock_, libraryDock_}, {380, 360}, Qt::Horizontal);
    resizeDocks({libraryDock_, galleryDock_}, {480, 380}, Qt::Vertical);
    resizeDocks({queueDock_}, {120}, Qt::Vertical);

    connect(generateAction_, &QAction::triggered, promptDock_, &PromptDock::generateRequested);
    connect(zoomFitAction_, &QAction::triggered, canvas_, &CanvasView::zoomToFit);
    connect(zoomActualAction_, &QAction::triggered, canvas_, &CanvasView::zoomToActualSize);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openImageAction_);
    file->addSeparator();
    file->addAction(addModelAction_);
    file->addAction(downloadAction_);
    file->addAction(a1111FolderAction_);
    file->addSeparator();
    file->addAction(quitAction_);

    QMenu* generate = menuBar()->addMenu(tr("&Generate"));
    generate->addAction(generateAction_);
    generate->addAction(interruptAction_);
    generate->addSeparator();
    generate->addAction(upscaleCanvasAction_);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    viewMenu_->setObjectName(QStringLiteral("viewMenu"));
    viewMenu_->addAction(zoomFitAction_);
    viewMenu_->addAction(zoomActualAction_);
    viewMenu_->addSeparator();
    QMenu* panels = viewMenu_->addMenu(tr("&Panels"));
    panels->setObjectName(QStringLiteral("panelsMenu"));
    for (QDockWidget* dock : docks()) panels->addAction(dock->toggleViewAction());
    viewMenu_->addAction(resetLayoutAction_);
    viewMenu_->addSeparator();

    QMenu* language = viewMenu_->addMenu(tr("&Language"));
    auto* group = new QActionGroup(language);
    const QString current = settings_.value(settings::Language);
    auto* system = language->addAction(tr("System default"));
    system->setCheckable(true);
    system->setChecked(current.isEmpty());
    group->addAction(system);
    connect(system, &QAction::triggered, this, [this] { setLanguage(QString()); });
    for (const QString& code : Translations::available()) {
        QAction* a = language->addAction(Translations::displayName(code));
        a->setCheckable(true);
        a->setChecked(current == code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* report = help->addAction(tr("&Report a problem…"));
    report->setObjectName(QStringLiteral("reportProblemAction"));
    connect(report, &QAction::triggered, this, &MainWindow::showProblemReport);
    help->addAction(aboutAction_);
}

void MainWindow::showProblemReport() {
    auto* dialog = new ProblemReportDialog(session_ ? session_->queue() : nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::createStatusBar() {
    const SystemInfo info = query_system_info();
    QString device = tr("CPU");
    for (const DeviceInfo& d : info.devices)
        if (d.kind == "cuda") {
            device = QString::fromStdString(d.name);
            break;
        }
    deviceLabel_ = new QLabel;
    deviceLabel_->setObjectName(QStringLiteral("deviceLabel"));
    // The threads in use and why, and how they wait (issue 19: steady when other programs use the
    // CPU). The automatic count follows the load while the engine works, so it is re-read.
    auto updateThreads = [this, device] {
        const int threads = current_thread_decision().threads;
        deviceLabel_->setText(tr("Device: %1 · %n thread(s)", nullptr, threads).arg(device));
        deviceLabel_->setToolTip(tr("%1: %2.\nWaiting: %3.").arg(threadCountText(), threadReasonText(), threadWaitText()));
    };
    updateThreads();
    memoryLabel_ = new QLabel;
    statusBar()->addPermanentWidget(memoryLabel_);
    statusBar()->addPermanentWidget(deviceLabel_);
    auto updateMemory = [this] {
        memoryLabel_->setText(tr("Memory: %1").arg(formatBytes(ProcessMemory::current().residentBytes)));
    };
    updateMemory();
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, updateMemory);
    connect(timer, &QTimer::timeout, this, updateThreads);
    timer->start(2000);
    statusBar()->showMessage(tr("Ready"));
}

QList<QDockWidget*> MainWindow::docks() const {
    return {promptDock_, inpaintDock_, galleryDock_, queueDock_, libraryDock_, imageInfoDock_, controlNetDock_};
}

void MainWindow::saveLayout() {
    settings_.setValue(settings::WindowGeometry, saveGeometry());
    settings_.setValue(settings::WindowState, saveState(kLayoutVersion));
    settings_.sync();
}

bool MainWindow::restoreLayout() {
    const QByteArray geometry = settings_.value(settings::WindowGeometry);
    const QByteArray state = settings_.value(settings::WindowState);
    if (!geometry.isEmpty()) restoreGeometry(geometry);
    return !state.isEmpty() && restoreState(state, kLayoutVersion);
}

void MainWindow::resetLayout() {
    for (QDockWidget* dock : docks()) {
        dock->setFloating(false);
        dock->show();
    }
    restoreState(defaultState_, kLayoutVersion);
    for (QDockWidget* dock : docks()) dock->show();
    libraryDock_->raise();
    statusBar()->showMessage(tr("Layout reset"), 3000);
}

bool MainWindow::saveScreenshot(const QString& path) {
    if (library_) library_->waitForIdle(20000);  // show the scanned library, not a half-done scan
    ensurePolished();
    const bool ok = grab().save(path, "PNG");
    // Rendering and encoding the screenshot is not the studio's work: keep it out of the
    // generation's GUI stall figure.
    if (session_) session_->stallProbe()->resync();
    return ok;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmCloseWithRemoteJobs()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

void MainWindow::openImage() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Image"), QString(), tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)"));
    if (!path.isEmpty()) loadImageFile(path);
}

void MainWindow::loadImageFile(const QString& path) {
    // The canvas checks sizes and reads PNG info (SAFETY.md case 20); imageLoaded does the rest.
    QString error;
    if (!canvas_->loadImageFile(path, &error)) QMessageBox::warning(this, tr("Cannot open image"), error);
}

void MainWindow::addModel() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Add a Model"), QString(),
                                                      tr("Model files (*.safetensors);;All files (*)"));
    if (path.isEmpty()) return;
    modelDrop_->importFiles({path});
}

// --- Downloads wiring (downloads branch) ---------------------------------------------------
DownloadManager* MainWindow::downloadManager() {
    if (!downloads_) {
        tokens_ = new TokenStore(this);
        downloads_ = new DownloadManager(nullptr, this);
        SiteConfig sites = SiteConfig::fromEnvironment();
        downloads_->setSiteConfig(sites);
        downloads_->loadState(/*autoResume=*/false);
        tokens_->load(TokenStore::Site::HuggingFace);
        tokens_->load(TokenStore::Site::Civitai);
        connect(downloads_, &DownloadManager::modelInstalled, this, [this](const QString& path) {
            library_->fileArrived(path);
            statusBar()->showMessage(tr("Installed %1").arg(QFileInfo(path).fileName()), 8000);
        });
        connect(tokens_, &TokenStore::warning, this,
                [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    }
    return downloads_;
}

void MainWindow::downloadFromUrl() {
    DownloadManager* manager = downloadManager();
    if (!downloadDialog_) {
        // New models go to the library's first root (or its default root when none is set).
        downloadDialog_ = new DownloadDialog(manager, tokens_, library_->primaryRoot(), this);
    }
    downloadDialog_->show();
    downloadDialog_->raise();
    downloadDialog_->activateWindow();
}

void MainWindow::useA1111Folder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("AUTOMATIC1111 models folder"));
    if (dir.isEmpty()) return;
    // Accept either the webui folder or its models/ folder.
    const QString root = normalizeModelRoot(dir);
    bool known = false;
    for (const QString& folder : modelKindFolders()) known = known || QDir(root).exists(folder);
    if (!known) {
        QMessageBox::warning(this, tr("Not an AUTOMATIC1111 folder"),
                             tr("%1 has no Stable-diffusion, Lora, VAE or embeddings folder. Choose the webui folder "
                                "or its models folder.")
                                 .arg(QDir::toNativeSeparators(dir)));
        return;
    }
    addModelRoot(root);
    statusBar()->showMessage(tr("Using models from %1").arg(QDir::toNativeSeparators(root)), 5000);
}

// ---- Model library wiring (issue 7) -------------------------------------------------------------

void MainWindow::createLibrary() {
    library_ = new ModelLibrary(QString(), this);
    library_->setRoots(ModelLibrary::rootsFromSettings(settings_));
    libraryDock_->setLibrary(library_);
    modelDrop_ = new ModelDropHandler(library_, this);
    connect(library_, &ModelLibrary::rootsChanged, this,
            [this](const QStringList& roots) { ModelLibrary::saveRootsToSettings(settings_, roots); });
    connect(modelDrop_, &ModelDropHandler::imported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Added %1 to the library").arg(QFileInfo(path).fileName()), 5000);
    });
    connect(libraryDock_, &LibraryDock::insertPromptText, promptDock_, &PromptDock::insertPromptText);
    // A restored infotext names a network that is not here: download it where Civitai has it.
    connect(promptDock_, &PromptDock::downloadRequested, this, [this](const QString& url) {
        downloadFromUrl();
        if (downloadDialog_) downloadDialog_->setUrl(url);
    });
    connect(libraryDock_, &LibraryDock::activeModelChanged, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Model: %1").arg(QFileInfo(path).fileName()), 5000);
    });
    if (!library_->roots().isEmpty()) QTimer::singleShot(0, library_, &ModelLibrary::reload);
}

void MainWindow::addModelRoot(const QString& folder) {
    QStringList roots = library_->roots();
    const QString root = normalizeModelRoot(folder);
    if (!roots.contains(root)) roots << root;
    library_->setRoots(roots);
    ModelLibrary::saveRootsToSettings(settings_, library_->roots());
    library_->reload();
}

// -------------------------------------------------------------------------------------------------

void MainWindow::setLanguage(const QString& code) {
    settings_.setValue(settings::Language, code);
    statusBar()->showMessage(tr("The language changes the next time Latent Studio starts."), 8000);
}

void MainWindow::showAbout() {
    const SystemInfo info = query_system_info();
    QMessageBox::about(this, tr("About Latent Studio"),
                       tr("Latent Studio %1\nA native desktop studio for Stable Diffusion.\n\nlibtorch %2 · Qt %3")
                           .arg(AppInfo::version(), QString::fromStdString(info.torch_version),
                                QString::fromLatin1(qVersion())));
}

// --- Generation wiring (issue 8) -----------------------------------------------------------

bool MainWindow::useDemoModel() {
    if (!promptDock_->selectDemoModel()) return false;
    promptDock_->raise();
    statusBar()->showMessage(tr("Demo model selected: random weights, its images are noise. Press Generate."), 8000);
    return true;
}

void MainWindow::updateFirstRunState() {
    if (demoModelAction_) demoModelAction_->setVisible(promptDock_->demoModelAvailable());
}

// The prompt dock's inputs from the other panels: the canvas image and mask for image to image
// and inpainting, restored parameters (PNG info, "Send to prompt"), the library's models.
void MainWindow::wireGenerationInputs() {
    promptDock_->setCanvasInputProvider([this](QString* error) -> QJsonObject {
        // The session keeps these files while a queued job references them.
        const InpaintInputs inputs = canvas_->document()->writeInputs(session_->inputsDir(), inpaintDock_->options());
        if (!inputs.ok) {
            *error = inputs.error;
            return {};
        }
        unqueuedInputs_ = QStringList{inputs.sourcePath, inputs.maskPath};
        unqueuedInputs_.removeAll(QString());
        QJsonObject params = inputs.toApiParams();
        // The processing size: the canvas size rounded to the model's multiple of 8.
        auto snap = [](int v) { return std::max(64, (v + 4) / 8 * 8); };
        params.insert(QStringLiteral("width"), snap(inputs.width));
        params.insert(QStringLiteral("height"), snap(inputs.height));
        return params;
    });
    auto canvasHasImage = [this](bool userChoseIt) {
        promptDock_->setInitImageAvailable(canvas_->document()->hasSource(), userChoseIt);
    };
    connect(canvas_, &CanvasView::imageLoaded, this, [canvasHasImage] { canvasHasImage(true); });
    connect(canvas_->document(), &CanvasDocument::sourceChanged, this, [canvasHasImage] { canvasHasImage(false); });
    // ControlNet units join the job (their canvas or dropped images become job input files).
    promptDock_->setParamsContributor([this](QJsonObject& params, QString* error) {
        QStringList written;
        const bool ok = controlNetDock_->contributeParams(params, session_->inputsDir(), &written, error);
        unqueuedInputs_ << written;
        return ok;
    });
    controlNetDock_->setLibrary(library_);
    controlNetDock_->setCanvasProvider([this] { return canvas_->document()->source(); });
    connect(controlNetDock_, &ControlNetDock::sizeRequested, promptDock_, &PromptDock::setGenerationSize);
    connect(this, &MainWindow::restoreParametersRequested, promptDock_, [this](const GenerationParams& params) {
        controlNetDock_->applyParameters(params);
        promptDock_->applyParameters(params);
        promptDock_->raise();
        statusBar()->showMessage(tr("Parameters restored"), 4000);
    });
    // The library decides which checkpoints and VAEs the prompt panel offers.
    promptDock_->setLibrary(library_);
    connect(libraryDock_, &LibraryDock::activeModelChanged, promptDock_,
            [this](const QString& path) { promptDock_->selectModel(path); });
}

void MainWindow::attachSession(StudioSession* session) {
    session_ = session;
    JobQueue* queue = session->queue();
    InferenceController* controller = session->controller();
    promptDock_->setSettings(&settings_);
    promptDock_->setJobQueue(queue);
    queueDock_->attach(queue, controller);
    wireGenerationInputs();
    QStringList galleryFolders{session->outputDir(), ImageWriter::recoveryDirectory()};
    if (const QString out = settings_.value(settings::OutputFolder); !out.isEmpty()) galleryFolders.prepend(out);
    galleryFolders.removeDuplicates();
    galleryDock_->setScanFolders(galleryFolders);
    galleryDock_->rescanFolders();

    // First run: the demo model next to "Add a model…", "Download from URL…", "Use an existing
    // A1111 folder…".
    demoModelAction_ = new QAction(tr("Try the demo model (random weights, makes noise)"), this);
    demoModelAction_->setObjectName(QStringLiteral("demoModelAction"));
    connect(demoModelAction_, &QAction::triggered, this, [this] { useDemoModel(); });
    canvasEmpty_->addAction(demoModelAction_);
    updateFirstRunState();
    // New model folders (added after the main window's own handlers ran) show up in the panel.
    connect(addModelAction_, &QAction::triggered, promptDock_, &PromptDock::refreshModels);
    connect(a1111FolderAction_, &QAction::triggered, promptDock_, &PromptDock::refreshModels);

    auto runningId = [queue] {
        const auto r = queue->running();
        return r ? r->id : qint64(0);
    };
    // A1111's Interrupt and Skip: the running job stops sampling and keeps its image so far
    // (the queue's Cancel discards it).
    auto interrupt = [queue, runningId] {
        if (const qint64 id = runningId()) queue->stopEarly(id, false);
    };
    connect(promptDock_, &PromptDock::interruptRequested, this, interrupt);
    connect(promptDock_, &PromptDock::skipRequested, this, [queue, runningId] {
        if (const qint64 id = runningId()) queue->stopEarly(id, true);
    });
    connect(interruptAction_, &QAction::triggered, this, interrupt);
    connect(controller, &InferenceController::busyChanged, this, [this](bool busy) {
        promptDock_->setBusy(busy);
        interruptAction_->setEnabled(busy);
        if (!busy) canvas_->clearPreview(); // failed or cancelled: back to what the canvas held
    });
    connect(promptDock_, &PromptDock::generateRefused, this, [this](const QString& message) {
        // The canvas inputs written for the refused job are referenced by no job: delete them.
        session_->inputFiles()->releaseIfUnreferenced(std::exchange(unqueuedInputs_, {}));
        statusBar()->showMessage(message, 10000);
    });
    connect(promptDock_, &PromptDock::jobEnqueued, this, [this](qint64 id) {
        unqueuedInputs_.clear();
        statusBar()->showMessage(tr("Job #%1 queued").arg(id), 4000);
    });
    connect(queueDock_, &QueueDock::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });

    // Previews and results on the canvas. The GUI thread only wraps the worker's pixels: the
    // canvas scales the latent-size preview on a pool thread, the result is not read back from
    // its PNG.
    connect(controller, &InferenceController::previewReady, this, [this, queue](qint64 id, const ImagePixels& pixels) {
        const auto job = queue->job(id);
        if (job && job->kind == QLatin1String("img2img")) return; // keep the source and mask in view
        const QImage image = toQImage(pixels);
        if (image.isNull()) return;
        QSize size = image.size();
        if (job)
            size = QSize(job->params.value(QStringLiteral("width")).toInt(image.width()),
                         job->params.value(QStringLiteral("height")).toInt(image.height()));
        canvas_->showPreview(image, size);
        centralStack_->setCurrentWidget(canvas_);
    });
    connect(controller, &InferenceController::resultReady, this,
            [this, queue](qint64 id, const ImagePixels& pixels, const QString&, const QString& infotext) {
                queueDock_->setJobInfotext(id, infotext);
                // Text to image shows its result on the canvas; image to image keeps the user's
                // source and mask there (the result is in the gallery, one click away).
                const auto job = queue->job(id);
                if (job && job->kind == QLatin1String("img2img")) return;
                const QImage image = toQImage(pixels);
                if (image.isNull() || !canvas_->setImage(image)) return;
                centralStack_->setCurrentWidget(canvas_);
                imageInfoDock_->setInfotext(infotext);
            });
    connect(controller, &InferenceController::progress, this,
            [this](qint64 id, int step, int total, double its, double eta) {
                statusBar()->showMessage(tr("Job #%1: step %2/%3 · %4 it/s · %5 s left")
                                             .arg(id)
                                             .arg(step)
                                             .arg(total)
                                             .arg(its, 0, 'f', 2)
                                             .arg(eta, 0, 'f', 0));
            });
    // The panels that read the new files (PNG text, gallery index) do so in later event-loop
    // turns, after the canvas took the result: no single turn does all of it (GUI stalls).
    connect(controller, &InferenceController::imagesSaved, this, [this](qint64 id, const QStringList& paths) {
        QTimer::singleShot(0, promptDock_, [this, id, paths] { promptDock_->onImagesSaved(id, paths); });
        QTimer::singleShot(0, galleryDock_, [this, paths] { galleryDock_->addImages(paths); });
    });
    // A job's warnings (a LoRA that was not found, ...) arrive just before its imagesSaved; the
    // status bar says them with the result, and the queue dock keeps them on the job.
    auto warned = std::make_shared<QHash<qint64, QStringList>>();
    connect(controller, &InferenceController::jobWarnings, this,
            [warned](qint64 id, const QStringList& warnings) { warned->insert(id, warnings); });
    connect(controller, &InferenceController::imagesSaved, this, [this, controller, warned](qint64 id, const QStringList& paths) {
        const QStringList warnings = warned->take(id);
        if (!warnings.isEmpty())
            statusBar()->showMessage(tr("Job #%1 done: %n image(s) saved. Warning: %2", nullptr, int(paths.size()))
                                         .arg(id)
                                         .arg(warnings.join(QStringLiteral(" · "))),
                                     15000);
        else
            statusBar()->showMessage(tr("Job #%1 done: %n image(s) saved", nullptr, int(paths.size())).arg(id), 8000);
        speedLabel_->setText(tr("Last job: %1 it/s").arg(controller->lastItPerSecond(), 0, 'f', 2));
    });
    connect(controller, &InferenceController::jobFailed, this, [this](qint64 id, const QString& error) {
        statusBar()->showMessage(tr("Job #%1 failed: %2").arg(id).arg(error), 15000);
    });
    connect(controller, &InferenceController::imagesRecovered, this, [this](qint64, const QStringList& notes) {
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("Output folder unavailable"),
            tr("Images were saved to the recovery folder instead:\n%1").arg(notes.join(QLatin1Char('\n'))),
            QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    // Status bar: the last job's speed, with the GUI's longest stall during it as tooltip.
    speedLabel_ = new QLabel(tr("Last job: –"));
    speedLabel_->setObjectName(QStringLiteral("speedLabel"));
    speedLabel_->setToolTip(tr("Speed of the last job. No generation measured yet."));
    statusBar()->insertPermanentWidget(0, speedLabel_);
    connect(session, &StudioSession::stallMeasured, this, [this](double ms) {
        speedLabel_->setToolTip(tr("Speed of the last job. Longest pause of the user interface while it ran: "
                                   "%1 ms.")
                                    .arg(ms, 0, 'f', 1));
    });
    wireRemoteBackends();
    if (queue->interruptedAtStartup() > 0)
        statusBar()->showMessage(tr("%n job(s) were interrupted when the studio stopped; they were not run again.",
                                    nullptr, queue->interruptedAtStartup()),
                                 15000);
    wireApiServer();
}

} // namespace latent

namespace latent {

UpscaleDialog* MainWindow::upscaleImageFile(const QString& path, bool studioInput) {
    if (!session_) {
        statusBar()->showMessage(tr("The studio is not ready to upscale yet."), 6000);
        return nullptr;
    }
    QImageReader reader(path);
    const QSize size = reader.size();
    if (!size.isValid()) {
        statusBar()->showMessage(tr("Cannot read %1.").arg(QFileInfo(path).fileName()), 8000);
        return nullptr;
    }
    const QStringList roots = UpscalerCatalog::roots(ModelLibrary::rootsFromSettings(settings_));
    auto* dialog = new UpscaleDialog(QFileInfo(path).fileName(), size, UpscalerCatalog::names(roots, false), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, path, studioInput](int result) {
        JobQueue::EnqueueResult r{0, {}};
        if (result == QDialog::Accepted) {
            QJsonObject params = dialog->params();
            params.insert(QStringLiteral("image_path"), path);
            params.insert(QStringLiteral("model_roots"), QJsonArray::fromStringList(ModelLibrary::rootsFromSettings(settings_)));
            r = session_->queue()->enqueue(QStringLiteral("upscale"), params);
            statusBar()->showMessage(r.ok() ? tr("Upscale to %1 queued.").arg(dialog->resultText()) : r.error, 8000);
        }
        if (!r.ok() && studioInput) session_->inputFiles()->releaseIfUnreferenced({path});
    });
    dialog->open();
    return dialog;
}

void MainWindow::upscaleCanvasImage() {
    if (!session_ || !canvas_->document()->hasSource()) {
        statusBar()->showMessage(tr("There is no image on the canvas."), 6000);
        return;
    }
    const InpaintInputs inputs = canvas_->document()->writeInputs(session_->inputsDir(), InpaintOptions{});
    if (!inputs.ok) {
        statusBar()->showMessage(inputs.error, 8000);
        return;
    }
    if (!inputs.maskPath.isEmpty()) session_->inputFiles()->releaseIfUnreferenced({inputs.maskPath});
    upscaleImageFile(inputs.sourcePath, true);
}

} // namespace latent
