// Prompt panel: prompt / negative prompt with A1111 syntax highlighting and a live token count
// per 75-token chunk; model, VAE, sampler, schedule, steps, CFG, seed (random / reuse last /
// variation), size with aspect presets and swap, batch size and count, clip skip, denoising
// strength; Generate (Ctrl+Enter) builds an A1111-shaped job and enqueues it, Interrupt stops
// the running one.
#pragma once

#include <QDockWidget>

#include <functional>
#include <QHash>
#include <QJsonObject>
#include <QPair>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;
class QWidget;

namespace latent {

class PromptCompleter;
class BackendPicker;
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
    // Other panels' additions to a job's parameters (ControlNet units), called by Generate after
    // the canvas inputs; false with *error refuses the job.
    using ParamsContributor = std::function<bool(QJsonObject& params, QString* error)>;
    void setParamsContributor(ParamsContributor contributor) { contributor_ = std::move(contributor); }
    // The generation size (rounded to multiples of 8 by the spin boxes' steps).
    void setGenerationSize(int width, int height);
    // Remote backends (issue 16): the picker goes next to Generate; its target (and remote model)
    // join every job's parameters, a remote backend's samplers replace the local list, and a
    // job that will not run here needs no local model.
    void setBackendPicker(BackendPicker* picker);
    BackendPicker* backendPicker() const { return picker_; }
    // Restores every parameter of an A1111 infotext (PNG info, "Send to prompt").
    void applyParameters(const GenerationParams& params);

    // The A1111 /sdapi/v1/txt2img body of the current settings plus "model_path"/"vae_path".
    QJsonObject buildParams() const;
    QString lastError() const { return lastError_; }

    // Token count labels ("12/75"), for tests.
    QString promptTokenText() const;
    QString negativeTokenText() const;
    // The networks the prompt names, with their weights (the line under the prompt).
    QString networksText() const;
    PromptCompleter* promptCompleter() const { return completer_; }
    PromptCompleter* negativeCompleter() const { return negativeCompleter_; }
    // Networks of the last restored infotext that are not here (by hash, then name), and where
    // Civitai has them ((name, download URL); empty when the infotext does not say).
    QStringList missingNetworks() const { return missingNetworks_; }
    QList<QPair<QString, QString>> missingDownloads() const { return missingDownloads_; }
    // Embedding name -> vectors (what the token counter counts), for tests.
    QHash<QString, int> embeddingVectors() const { return embeddingVectors_; }

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
    void skipRequested();
    void jobEnqueued(qint64 jobId);
    void generateRefused(const QString& message);
    // "Download" next to the missing networks of a restored infotext (a Civitai URL).
    void downloadRequested(const QString& url);
    // The embedding vector counts were refreshed (after a library change).
    void embeddingsUpdated();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void loadCatalogues();
    void scheduleTokenCount();
    void updateGenerateEnabled();
    void applyAspect(int index);
    void rememberModel(const QString& path);
    // LoRAs and embeddings of the library (or the model roots) for completion and counting.
    void refreshNetworks();
    QStringList networkRoots() const;
    void updateNetworksLabel();
    void showPastedSettings();

    JobQueue* queue_ = nullptr;
    Settings* settings_ = nullptr;
    CanvasInputProvider canvasInputs_;
    ParamsContributor contributor_;
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
    QComboBox* precision_ = nullptr;  // UNet compute precision (pipeline/core/precision.h)
    QDoubleSpinBox* denoise_;
    HiresPanel* hires_ = nullptr;  // txt2img's hires fix section
    QPushButton* generate_;
    QPushButton* interrupt_;
    QPushButton* skip_;
    QHBoxLayout* buttons_ = nullptr;
    BackendPicker* picker_ = nullptr;
    QStringList localSamplers_; // the local list while a remote backend's is shown
    void applyBackendTarget();
    bool needsLocalModel() const;
    QLabel* hint_;
    QLabel* error_;
    // A1111 settings from a pasted infotext (RNG, ENSD, Eta, Sigma churn, ...) that the panel has
    // no field for: kept as override_settings for the next jobs until cleared.
    QJsonObject pastedSettings_;
    QWidget* pastedSettingsRow_ = nullptr;
    QLabel* pastedSettingsLabel_ = nullptr;
    qint64 pastedSeedResizeW_ = -1, pastedSeedResizeH_ = -1;
    QTimer* tokenTimer_;
    int tokenRequest_ = 0;
    int libraryModels_ = 0;
    qint64 lastSeed_ = -1;
    bool busy_ = false;
    bool modelAvailableOverride_ = false;
    QString lastError_;
    QLabel* networks_ = nullptr;
    QLabel* missing_ = nullptr;
    QPushButton* downloadMissing_ = nullptr;
    PromptCompleter* completer_ = nullptr;
    PromptCompleter* negativeCompleter_ = nullptr;
    QHash<QString, int> embeddingVectors_;
    QStringList loraNames_;
    QStringList missingNetworks_;
    QList<QPair<QString, QString>> missingDownloads_;
    int networksRequest_ = 0;
};

} // namespace latent
