// Prompt panel: prompt / negative prompt with A1111 syntax highlighting and a live token count
// per 75-token chunk; model, VAE, sampler, schedule, steps, CFG, seed (random / reuse last /
// variation), size with aspect presets and swap, batch size and count, clip skip, denoising
// strength; Generate (Ctrl+Enter) builds an A1111-shaped job and enqueues it, Interrupt stops
// the running one.
#pragma once

#include <QDockWidget>

#include <functional>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;
class QWidget;

namespace latent {

class SeedEdit;
class HiresPanel;

class JobQueue;
class GenerationParams;
class ModelLibrary;
class Settings;

class PromptDock : public QDockWidget {
    Q_OBJECT
public:
    explicit PromptDock(QWidget* parent = nullptr);

    QString prompt() const;
    QString negativePrompt() const;
    void setPrompt(const QString& text);
    void setNegativePrompt(const QString& text);

    // Wiring (main window): where Generate enqueues, and the settings for model folders and
    // recently used models. Without a queue Generate stays disabled.
    void setJobQueue(JobQueue* queue);
    void setSettings(Settings* settings);
    // Rescans the model folders (settings::ModelRoots, their Stable-diffusion/ and VAE/
    // subfolders), recently used models and the built-in demo model.
    void refreshModels();
    // With a library, the checkpoints and VAEs come from its index (refreshed when it changes)
    // instead of a folder listing.
    void setLibrary(ModelLibrary* library);
    bool hasLibraryModels() const { return libraryModels_ > 0; }
    bool demoModelAvailable() const;
    bool selectDemoModel();
    bool selectModel(const QString& path);
    QString currentModelPath() const;
    void setModelAvailable(bool available); // kept for callers that only know "a model exists"
    // An init image exists on the canvas: "Use the canvas image" becomes available (and is
    // switched on when `use` is true, e.g. after the user opened or dropped an image).
    void setInitImageAvailable(bool available, bool use = false);
    bool usesCanvasImage() const;
    // Image to image / inpainting: called by Generate when "Use the canvas image" is on. It
    // writes the canvas image (and mask) to files and returns the job's extra parameters
    // (init_image_path, mask_path, mask options), or an empty object with *error set.
    using CanvasInputProvider = std::function<QJsonObject(QString* error)>;
    void setCanvasInputProvider(CanvasInputProvider provider) { canvasInputs_ = std::move(provider); }
    // Restores every parameter of an A1111 infotext (PNG info, "Send to prompt").
    void applyParameters(const GenerationParams& params);

    // The A1111 /sdapi/v1/txt2img body of the current settings plus "model_path"/"vae_path".
    QJsonObject buildParams() const;
    QString lastError() const { return lastError_; }

    // Token count labels ("12/75"), for tests.
    QString promptTokenText() const;
    QString negativeTokenText() const;

public Q_SLOTS:
    // Enqueues a job from the current settings. Returns the job id, or 0 with lastError() set
    // (and shown in the panel) when the queue refused it.
    qint64 generate();
    void setBusy(bool busy);
    void setLastSeed(qint64 seed);
    // Receives the worker's saved images: remembers the seed of the first for "reuse last".
    void onImagesSaved(qint64 jobId, const QStringList& paths);
    // Appends `text` to the prompt as A1111's extra-network cards do (one space between).
    void insertPromptText(const QString& text);

Q_SIGNALS:
    void generateRequested();
    void interruptRequested();
    void jobEnqueued(qint64 jobId);
    void generateRefused(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void loadCatalogues();
    void scheduleTokenCount();
    void updateGenerateEnabled();
    void applyAspect(int index);
    void rememberModel(const QString& path);

    JobQueue* queue_ = nullptr;
    Settings* settings_ = nullptr;
    CanvasInputProvider canvasInputs_;
    ModelLibrary* library_ = nullptr;
    QCheckBox* useCanvas_ = nullptr;
    QPlainTextEdit* prompt_;
    QPlainTextEdit* negative_;
    QLabel* promptTokens_;
    QLabel* negativeTokens_;
    QComboBox* model_;
    QComboBox* vae_;
    QComboBox* sampler_;
    QComboBox* schedule_;
    QSpinBox* steps_;
    QDoubleSpinBox* cfg_;
    SeedEdit* seed_;
    QToolButton* reuseSeed_;
    QCheckBox* variation_;
    QWidget* variationRow_;
    SeedEdit* subseed_;
    QDoubleSpinBox* subseedStrength_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* aspect_;
    QSpinBox* batchSize_;
    QSpinBox* batchCount_;
    QSpinBox* clipSkip_;
    QDoubleSpinBox* denoise_;
    HiresPanel* hires_ = nullptr;  // txt2img's hires fix section
    QPushButton* generate_;
    QPushButton* interrupt_;
    QLabel* hint_;
    QLabel* error_;
    QTimer* tokenTimer_;
    int tokenRequest_ = 0;
    int libraryModels_ = 0;
    qint64 lastSeed_ = -1;
    bool busy_ = false;
    bool modelAvailableOverride_ = false;
    QString lastError_;
};

} // namespace latent
