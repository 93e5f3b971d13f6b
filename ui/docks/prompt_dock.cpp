#include "ui/docks/prompt_dock.h"

#include "app/core/prompt_tokens.h"
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"
#include "app/library/upscaler_catalog.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "app/worker/studio_session.h"
#include "pipeline/engine.h"
#include "ui/widgets/prompt_highlighter.h"
#include "ui/widgets/hires_panel.h"
#include "ui/widgets/seed_edit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace latent {

namespace {

struct Aspect {
    const char* label;
    int w, h;
};
// Presets keep the current long side's area roughly; sizes are multiples of 64.
const Aspect kAspects[] = {{"1:1", 1, 1}, {"4:3", 4, 3}, {"3:2", 3, 2},  {"16:9", 16, 9},
                           {"3:4", 3, 4}, {"2:3", 2, 3}, {"9:16", 9, 16}};

QStringList safetensorsIn(const QString& dir) {
    QStringList out;
    const QFileInfoList files =
        QDir(dir).entryInfoList({QStringLiteral("*.safetensors")}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo& f : files) out << f.absoluteFilePath();
    return out;
}

QLabel* tokenLabel(const char* name) {
    auto* l = new QLabel(QStringLiteral("0/75"));
    l->setObjectName(QLatin1String(name));
    l->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    l->setToolTip(QCoreApplication::translate("PromptDock",
                                              "Tokens used / room in the 75-token chunks the text encoder sees. "
                                              "Longer prompts take another chunk; BREAK starts one."));
    return l;
}

} // namespace

PromptDock::PromptDock(QWidget* parent) : QDockWidget(tr("Prompt"), parent) {
    setObjectName(QStringLiteral("promptDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    // Model and VAE.
    auto* modelForm = new QFormLayout;
    model_ = new QComboBox;
    model_->setObjectName(QStringLiteral("modelCombo"));
    model_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    model_->setMinimumContentsLength(12);
    vae_ = new QComboBox;
    vae_->setObjectName(QStringLiteral("vaeCombo"));
    vae_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    vae_->setMinimumContentsLength(12);
    modelForm->addRow(tr("Model"), model_);
    modelForm->addRow(tr("VAE"), vae_);
    layout->addLayout(modelForm);
    connect(model_, &QComboBox::currentIndexChanged, this, [this] { updateGenerateEnabled(); });

    // Prompts with highlighting and token counts.
    prompt_ = new QPlainTextEdit;
    prompt_->setObjectName(QStringLiteral("promptEdit"));
    prompt_->setPlaceholderText(tr("Describe the image: a photo of an astronaut riding a horse, (detailed:1.2)"));
    prompt_->setTabChangesFocus(true);
    negative_ = new QPlainTextEdit;
    negative_->setObjectName(QStringLiteral("negativePromptEdit"));
    negative_->setPlaceholderText(tr("What to avoid: blurry, low quality"));
    negative_->setTabChangesFocus(true);
    negative_->setMaximumHeight(80);
    new PromptHighlighter(prompt_->document());
    new PromptHighlighter(negative_->document());
    prompt_->installEventFilter(this);
    negative_->installEventFilter(this);
    promptTokens_ = tokenLabel("promptTokens");
    negativeTokens_ = tokenLabel("negativeTokens");
    auto header = [](const QString& title, QLabel* count) {
        auto* row = new QHBoxLayout;
        row->addWidget(new QLabel(title), 1);
        row->addWidget(count);
        return row;
    };
    layout->addLayout(header(tr("Prompt"), promptTokens_));
    layout->addWidget(prompt_, 2);
    layout->addLayout(header(tr("Negative prompt"), negativeTokens_));
    layout->addWidget(negative_, 1);
    tokenTimer_ = new QTimer(this);
    tokenTimer_->setSingleShot(true);
    tokenTimer_->setInterval(150);
    connect(tokenTimer_, &QTimer::timeout, this, &PromptDock::scheduleTokenCount);
    connect(prompt_, &QPlainTextEdit::textChanged, tokenTimer_, qOverload<>(&QTimer::start));
    connect(negative_, &QPlainTextEdit::textChanged, tokenTimer_, qOverload<>(&QTimer::start));

    auto* form = new QFormLayout;
    sampler_ = new QComboBox;
    sampler_->setObjectName(QStringLiteral("samplerCombo"));
    schedule_ = new QComboBox;
    schedule_->setObjectName(QStringLiteral("scheduleCombo"));
    form->addRow(tr("Sampler"), sampler_);
    form->addRow(tr("Schedule type"), schedule_);
    loadCatalogues();

    steps_ = new QSpinBox;
    steps_->setObjectName(QStringLiteral("stepsSpin"));
    steps_->setRange(1, 150);
    steps_->setValue(20);
    form->addRow(tr("Steps"), steps_);
    cfg_ = new QDoubleSpinBox;
    cfg_->setObjectName(QStringLiteral("cfgSpin"));
    cfg_->setRange(1.0, 30.0);
    cfg_->setSingleStep(0.5);
    cfg_->setValue(7.0);
    form->addRow(tr("CFG scale"), cfg_);

    // Seed: -1 = random; reuse the last image's seed; variation seed + strength.
    auto* seedRow = new QHBoxLayout;
    // 64-bit: A1111's random seeds go to 2^32 - 1 and pasted ones beyond (SeedEdit).
    seed_ = new SeedEdit;
    seed_->setObjectName(QStringLiteral("seedSpin"));
    seed_->setSpecialValueText(tr("Random"));
    seed_->setValue(SeedEdit::kRandom);
    seed_->setToolTip(tr("Seed of the first image (the next images of a batch count up from it); "
                         "\"Random\" (-1) picks a new one for every job"));
    auto* randomSeed = new QToolButton;
    randomSeed->setText(QStringLiteral("⚄")); // a die (DejaVu Sans has it; emoji fonts are rare)
    randomSeed->setToolTip(tr("Use a new random seed for every job"));
    connect(randomSeed, &QToolButton::clicked, seed_, [this] { seed_->setValue(-1); });
    reuseSeed_ = new QToolButton;
    reuseSeed_->setObjectName(QStringLiteral("reuseSeedButton"));
    reuseSeed_->setText(QStringLiteral("♻"));
    reuseSeed_->setToolTip(tr("Reuse the seed of the last image"));
    reuseSeed_->setEnabled(false);
    connect(reuseSeed_, &QToolButton::clicked, this, [this] {
        if (lastSeed_ >= 0) seed_->setValue(lastSeed_);
    });
    variation_ = new QCheckBox;
    variation_->setObjectName(QStringLiteral("variationCheck"));
    variation_->setToolTip(tr("Mix in the noise of a second seed"));
    seedRow->addWidget(seed_, 1);
    seedRow->addWidget(randomSeed);
    seedRow->addWidget(reuseSeed_);
    form->addRow(tr("Seed"), seedRow);
    variationRow_ = new QWidget;
    auto* varLayout = new QHBoxLayout(variationRow_);
    varLayout->setContentsMargins(0, 0, 0, 0);
    subseed_ = new SeedEdit;
    subseed_->setObjectName(QStringLiteral("subseedSpin"));
    subseed_->setSpecialValueText(tr("Random"));
    subseed_->setValue(SeedEdit::kRandom);
    subseedStrength_ = new QDoubleSpinBox;
    subseedStrength_->setObjectName(QStringLiteral("subseedStrengthSpin"));
    subseedStrength_->setRange(0.0, 1.0);
    subseedStrength_->setSingleStep(0.05);
    subseedStrength_->setValue(0.1);
    subseedStrength_->setToolTip(tr("Variation strength: 0 = the main seed only, 1 = the variation seed only"));
    subseed_->setToolTip(tr("Variation seed"));
    varLayout->addWidget(subseed_, 1);
    varLayout->addWidget(subseedStrength_);
    auto* varRow = new QHBoxLayout;
    varRow->addWidget(variation_);
    varRow->addWidget(variationRow_, 1);
    form->addRow(tr("Variation"), varRow);
    variationRow_->setEnabled(false);
    connect(variation_, &QCheckBox::toggled, variationRow_, &QWidget::setEnabled);

    // Size with aspect presets and swap.
    auto* sizeRow = new QHBoxLayout;
    width_ = new QSpinBox;
    width_->setObjectName(QStringLiteral("widthSpin"));
    height_ = new QSpinBox;
    height_->setObjectName(QStringLiteral("heightSpin"));
    for (QSpinBox* s : {width_, height_}) {
        s->setRange(64, 4096);
        s->setSingleStep(64);
        s->setValue(512);
    }
    auto* swap = new QToolButton;
    swap->setObjectName(QStringLiteral("swapSizeButton"));
    swap->setText(QStringLiteral("⇄"));
    swap->setToolTip(tr("Swap width and height"));
    connect(swap, &QToolButton::clicked, this, [this] {
        const int w = width_->value();
        width_->setValue(height_->value());
        height_->setValue(w);
    });
    aspect_ = new QComboBox;
    aspect_->setObjectName(QStringLiteral("aspectCombo"));
    aspect_->setToolTip(tr("Aspect ratio preset (keeps about the same number of pixels)"));
    aspect_->addItem(tr("Custom"));
    for (const Aspect& a : kAspects) aspect_->addItem(QString::fromLatin1(a.label));
    connect(aspect_, &QComboBox::activated, this, &PromptDock::applyAspect);
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×")));
    sizeRow->addWidget(height_);
    sizeRow->addWidget(swap);
    form->addRow(tr("Size"), sizeRow);
    form->addRow(tr("Aspect"), aspect_);

    auto* batchRow = new QHBoxLayout;
    batchSize_ = new QSpinBox;
    batchSize_->setObjectName(QStringLiteral("batchSizeSpin"));
    batchSize_->setRange(1, 8);
    batchSize_->setToolTip(tr("Images generated together (uses more memory)"));
    batchCount_ = new QSpinBox;
    batchCount_->setObjectName(QStringLiteral("batchCountSpin"));
    batchCount_->setRange(1, 100);
    batchCount_->setToolTip(tr("Batches run one after another"));
    batchRow->addWidget(new QLabel(tr("Size")));
    batchRow->addWidget(batchSize_);
    batchRow->addWidget(new QLabel(tr("Count")));
    batchRow->addWidget(batchCount_);
    form->addRow(tr("Batch"), batchRow);

    clipSkip_ = new QSpinBox;
    clipSkip_->setObjectName(QStringLiteral("clipSkipSpin"));
    clipSkip_->setRange(1, 12);
    clipSkip_->setToolTip(tr("Stop the text encoder this many layers before its end (1 = use every layer)"));
    denoise_ = new QDoubleSpinBox;
    denoise_->setObjectName(QStringLiteral("denoiseSpin"));
    denoise_->setRange(0.0, 1.0);
    denoise_->setSingleStep(0.05);
    denoise_->setValue(0.75);
    denoise_->setEnabled(false);
    denoise_->setToolTip(tr("How much an init image is changed (image to image and inpainting)"));
    form->addRow(tr("Clip skip"), clipSkip_);
    useCanvas_ = new QCheckBox(tr("From the canvas image"));
    useCanvas_->setObjectName(QStringLiteral("useCanvasCheck"));
    useCanvas_->setEnabled(false);
    useCanvas_->setToolTip(tr("Image to image and inpainting: generate from the image on the canvas and its inpaint "
                                 "mask instead of from noise"));
    connect(useCanvas_, &QCheckBox::toggled, denoise_, &QWidget::setEnabled);
    form->addRow(QString(), useCanvas_);
    form->addRow(tr("Denoising strength"), denoise_);
    layout->addLayout(form);

    // Hires fix (txt2img only: A1111's img2img has none).
    hires_ = new HiresPanel;
    {
        QStringList samplers, schedules;
        for (int i = 0; i < sampler_->count(); ++i) samplers << sampler_->itemText(i);
        for (int i = 0; i < schedule_->count(); ++i) schedules << schedule_->itemText(i);
        hires_->setSamplers(samplers);
        hires_->setSchedules(schedules);
    }
    hires_->setFirstPassSize(width_->value(), height_->value());
    for (QSpinBox* s : {width_, height_})
        connect(s, &QSpinBox::valueChanged, hires_, [this] { hires_->setFirstPassSize(width_->value(), height_->value()); });
    connect(useCanvas_, &QCheckBox::toggled, hires_, [this](bool on) { hires_->setEnabled(!on); });
    layout->addWidget(hires_);

    hint_ = new QLabel;
    hint_->setObjectName(QStringLiteral("emptyStateBody"));
    hint_->setWordWrap(true);
    hint_->setTextFormat(Qt::PlainText);
    layout->addWidget(hint_);
    error_ = new QLabel;
    error_->setObjectName(QStringLiteral("generateError"));
    error_->setWordWrap(true);
    error_->setTextFormat(Qt::PlainText);
    error_->setStyleSheet(QStringLiteral("color: #e53935;"));
    error_->hide();
    layout->addWidget(error_);

    auto* buttons = new QHBoxLayout;
    generate_ = new QPushButton(tr("Generate"));
    generate_->setObjectName(QStringLiteral("generateButton"));
    generate_->setDefault(true);
    generate_->setToolTip(tr("Generate (Ctrl+Enter)"));
    interrupt_ = new QPushButton(tr("Interrupt"));
    interrupt_->setObjectName(QStringLiteral("interruptButton"));
    interrupt_->setToolTip(tr("Stop the running job (Esc)"));
    interrupt_->setEnabled(false);
    connect(generate_, &QPushButton::clicked, this, &PromptDock::generateRequested);
    connect(interrupt_, &QPushButton::clicked, this, &PromptDock::interruptRequested);
    connect(this, &PromptDock::generateRequested, this, &PromptDock::generate);
    buttons->addWidget(generate_, 2);
    buttons->addWidget(interrupt_, 1);
    layout->addLayout(buttons);
    layout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(body);
    setWidget(scroll);
    refreshModels();
    scheduleTokenCount();
}

void PromptDock::loadCatalogues() {
    const QJsonArray samplers = QJsonDocument::fromJson(QByteArray::fromStdString(Engine::samplers_json())).array();
    for (const QJsonValue& s : samplers) sampler_->addItem(s.toObject().value(QStringLiteral("name")).toString());
    sampler_->setCurrentText(QStringLiteral("DPM++ 2M"));
    const QJsonArray schedules = QJsonDocument::fromJson(QByteArray::fromStdString(Engine::schedules_json())).array();
    for (const QJsonValue& s : schedules) {
        const QJsonObject o = s.toObject();
        const QString label = o.value(QStringLiteral("label")).toString();
        schedule_->addItem(label.isEmpty() ? o.value(QStringLiteral("name")).toString() : label,
                           o.value(QStringLiteral("name")).toString());
    }
    if (schedule_->findText(QStringLiteral("Automatic")) < 0)
        schedule_->insertItem(0, QStringLiteral("Automatic"), QStringLiteral("automatic"));
    schedule_->setCurrentText(QStringLiteral("Automatic"));
}

QString PromptDock::prompt() const {
    return prompt_->toPlainText();
}
QString PromptDock::negativePrompt() const {
    return negative_->toPlainText();
}
void PromptDock::setPrompt(const QString& text) {
    prompt_->setPlainText(text);
}
void PromptDock::setNegativePrompt(const QString& text) {
    negative_->setPlainText(text);
}
QString PromptDock::promptTokenText() const {
    return promptTokens_->text();
}
QString PromptDock::negativeTokenText() const {
    return negativeTokens_->text();
}

void PromptDock::setJobQueue(JobQueue* queue) {
    queue_ = queue;
    if (queue_) batchSize_->setMaximum(queue_->limits().maxBatchSize);
    updateGenerateEnabled();
}

void PromptDock::setSettings(Settings* settings) {
    settings_ = settings;
    refreshModels();
    if (settings_) selectModel(settings_->value(settings::LastModel));
}

bool PromptDock::demoModelAvailable() const {
    return !StudioSession::demoModelPath().isEmpty();
}

void PromptDock::refreshModels() {
    const QString previous = currentModelPath();
    const QString previousVae = vae_->currentData().toString();
    model_->blockSignals(true);
    model_->clear();
    vae_->clear();
    model_->addItem(tr("Choose a model…"), QString());
    vae_->addItem(tr("Automatic (the model's own)"), QString());

    QStringList models, vaes;
    if (library_) {
        for (const ModelEntry& e : library_->entries(ModelKind::Checkpoint))
            if (e.usable) models << e.path;
        for (const ModelEntry& e : library_->entries(ModelKind::Vae))
            if (e.usable) vaes << e.path;
    } else if (settings_) {
        const QStringList roots = settings_->value(settings::ModelRoots);
        for (const QString& root : roots) {
            models << safetensorsIn(root) << safetensorsIn(QDir(root).filePath(QStringLiteral("Stable-diffusion")));
            vaes << safetensorsIn(QDir(root).filePath(QStringLiteral("VAE")));
        }
    }
    if (settings_) {
        for (const QString& recent :
             settings_->value(settings::RecentModels).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (QFileInfo(recent).isFile()) models << QFileInfo(recent).absoluteFilePath();
    }
    if (hires_) {
        // The library's roots (also before a session brings the settings), then the settings'.
        QStringList roots = library_ ? library_->roots() : QStringList();
        if (settings_)
            for (const QString& r : ModelLibrary::rootsFromSettings(*settings_))
                if (!roots.contains(r)) roots << r;
        hires_->setUpscalers(UpscalerCatalog::names(UpscalerCatalog::roots(roots), true));
    }
    const QString demo = StudioSession::demoModelPath();
    models.removeDuplicates();
    models.removeAll(demo);
    // A VAE file in a models root is not a checkpoint.
    for (const QString& v : vaes) models.removeAll(v);
    libraryModels_ = int(models.size());
    for (const QString& m : models) {
        model_->addItem(QFileInfo(m).completeBaseName(), m);
        model_->setItemData(model_->count() - 1, QDir::toNativeSeparators(m), Qt::ToolTipRole);
    }
    if (!demo.isEmpty()) {
        model_->addItem(tr("Demo model — random weights, makes noise"), demo);
        model_->setItemData(model_->count() - 1,
                            tr("A tiny model with random weights built with the studio, for trying every step "
                               "of the studio. Its images are noise."),
                            Qt::ToolTipRole);
    }
    vaes.removeDuplicates();
    for (const QString& v : vaes) vae_->addItem(QFileInfo(v).completeBaseName(), v);
    model_->blockSignals(false);
    if (!previous.isEmpty()) selectModel(previous);
    const int vi = vae_->findData(previousVae);
    if (vi >= 0) vae_->setCurrentIndex(vi);
    updateGenerateEnabled();
}

void PromptDock::setLibrary(ModelLibrary* library) {
    if (library_) disconnect(library_, nullptr, this, nullptr);
    library_ = library;
    if (library_) {
        connect(library_, &ModelLibrary::entriesChanged, this, &PromptDock::refreshModels);
        connect(library_, &ModelLibrary::entryChanged, this, &PromptDock::refreshModels);
        connect(library_, &ModelLibrary::entryRemoved, this, &PromptDock::refreshModels);
    }
    refreshModels();
}

bool PromptDock::selectModel(const QString& path) {
    if (path.isEmpty()) return false;
    const int i = model_->findData(QFileInfo(path).absoluteFilePath());
    if (i < 0) return false;
    model_->setCurrentIndex(i);
    updateGenerateEnabled();
    return true;
}

bool PromptDock::selectDemoModel() {
    const QString demo = StudioSession::demoModelPath();
    if (demo.isEmpty()) return false;
    if (!selectModel(demo)) return false;
    // The demo model is tiny: small sizes and few steps finish in seconds on a CPU.
    width_->setValue(128);
    height_->setValue(128);
    steps_->setValue(10);
    sampler_->setCurrentText(QStringLiteral("Euler a"));
    if (prompt_->toPlainText().trimmed().isEmpty()) prompt_->setPlainText(tr("a lighthouse on a cliff at sunset"));
    return true;
}

QString PromptDock::currentModelPath() const {
    return model_->currentData().toString();
}

void PromptDock::insertPromptText(const QString& text) {
    if (text.isEmpty()) return;
    const QString current = prompt_->toPlainText();
    QTextCursor c = prompt_->textCursor();
    c.movePosition(QTextCursor::End);
    c.insertText((!current.isEmpty() && !current.back().isSpace() ? QStringLiteral(" ") : QString()) + text);
    prompt_->setTextCursor(c);
}

void PromptDock::setModelAvailable(bool available) {
    modelAvailableOverride_ = available;
    updateGenerateEnabled();
}

void PromptDock::setInitImageAvailable(bool available, bool use) {
    useCanvas_->setEnabled(available);
    if (!available) useCanvas_->setChecked(false);
    else if (use) useCanvas_->setChecked(true);
    denoise_->setEnabled(useCanvas_->isChecked());
}

bool PromptDock::usesCanvasImage() const {
    return useCanvas_->isEnabled() && useCanvas_->isChecked();
}

void PromptDock::applyParameters(const GenerationParams& params) {
    setPrompt(params.prompt);
    setNegativePrompt(params.negativePrompt);
    if (params.steps) steps_->setValue(*params.steps);
    if (params.cfgScale) cfg_->setValue(*params.cfgScale);
    if (params.seed) seed_->setValue(*params.seed); // clamped into [-1, 2^63 - 1]
    if (params.width) width_->setValue(*params.width);
    if (params.height) height_->setValue(*params.height);
    if (!params.sampler.isEmpty()) {
        const int i = sampler_->findText(params.sampler);
        if (i >= 0) sampler_->setCurrentIndex(i);
    }
    {
        const QString schedule = params.scheduleType.isEmpty() ? QStringLiteral("Automatic") : params.scheduleType;
        const int i = schedule_->findText(schedule);
        if (i >= 0) schedule_->setCurrentIndex(i);
    }
    clipSkip_->setValue(params.clipSkip.value_or(1));
    variation_->setChecked(params.subseed.has_value() && params.subseedStrength.value_or(0) > 0);
    if (params.subseed) subseed_->setValue(*params.subseed);
    if (params.subseedStrength) subseedStrength_->setValue(*params.subseedStrength);
    if (params.denoisingStrength) denoise_->setValue(*params.denoisingStrength);
    if (params.batchSize) batchSize_->setValue(*params.batchSize);
    hires_->applyParameters(params);
    // The model by its name (A1111 "Model: file name without extension"), if it is in the list.
    if (!params.modelName.isEmpty()) {
        for (int i = 0; i < model_->count(); ++i) {
            const QString path = model_->itemData(i).toString();
            if (!path.isEmpty() && QFileInfo(path).completeBaseName() == params.modelName) {
                model_->setCurrentIndex(i);
                break;
            }
        }
    }
    updateGenerateEnabled();
}

void PromptDock::updateGenerateEnabled() {
    const bool model = !currentModelPath().isEmpty();
    generate_->setEnabled(queue_ && model);
    const bool noModels = libraryModels_ == 0 && !modelAvailableOverride_;
    hint_->setVisible(!model);
    if (noModels && demoModelAvailable())
        hint_->setText(tr("No model yet. Add a checkpoint (.safetensors) from the Library panel, download one "
                          "from Hugging Face or Civitai, point the studio at an existing AUTOMATIC1111 folder — "
                          "or choose the demo model above to try the studio (its images are noise)."));
    else if (noModels)
        hint_->setText(tr("No model yet. Add a checkpoint (.safetensors) from the Library panel, download one "
                          "from Hugging Face or Civitai, or point the studio at an existing AUTOMATIC1111 folder."));
    else
        hint_->setText(tr("Choose a model above."));
}

void PromptDock::applyAspect(int index) {
    if (index <= 0 || index > int(std::size(kAspects))) return;
    const Aspect& a = kAspects[index - 1];
    const double area = double(width_->value()) * height_->value();
    const double unit = std::sqrt(area / (double(a.w) * a.h));
    auto snap = [](double v) { return std::max(64, int(std::lround(v / 64.0)) * 64); };
    width_->setValue(snap(unit * a.w));
    height_->setValue(snap(unit * a.h));
}

QJsonObject PromptDock::buildParams() const {
    QJsonObject p;
    p.insert(QStringLiteral("prompt"), prompt());
    p.insert(QStringLiteral("negative_prompt"), negativePrompt());
    p.insert(QStringLiteral("steps"), steps_->value());
    p.insert(QStringLiteral("cfg_scale"), cfg_->value());
    p.insert(QStringLiteral("width"), width_->value());
    p.insert(QStringLiteral("height"), height_->value());
    p.insert(QStringLiteral("batch_size"), batchSize_->value());
    p.insert(QStringLiteral("n_iter"), batchCount_->value());
    // qint64 into QJsonValue stays an integer (also through toJson/fromJson), never a double.
    p.insert(QStringLiteral("seed"), QJsonValue(seed_->value()));
    if (variation_->isChecked()) {
        p.insert(QStringLiteral("subseed"), QJsonValue(subseed_->value()));
        p.insert(QStringLiteral("subseed_strength"), subseedStrength_->value());
    }
    p.insert(QStringLiteral("sampler_name"), sampler_->currentText());
    p.insert(QStringLiteral("scheduler"), schedule_->currentText());
    if (usesCanvasImage()) p.insert(QStringLiteral("denoising_strength"), denoise_->value());
    else {
        const QJsonObject hires = hires_->requestFields();
        for (auto it = hires.begin(); it != hires.end(); ++it) p.insert(it.key(), it.value());
        if (!hires.isEmpty() && settings_)
            p.insert(QStringLiteral("models_roots"), QJsonArray::fromStringList(ModelLibrary::rootsFromSettings(*settings_)));
    }
    QJsonObject overrides;
    if (clipSkip_->value() > 1) overrides.insert(QStringLiteral("CLIP_stop_at_last_layers"), clipSkip_->value());
    const QString model = currentModelPath();
    if (!model.isEmpty()) overrides.insert(QStringLiteral("sd_model_checkpoint"), QFileInfo(model).completeBaseName());
    p.insert(QStringLiteral("override_settings"), overrides);
    p.insert(QStringLiteral("model_path"), model);
    const QString vae = vae_->currentData().toString();
    if (!vae.isEmpty()) p.insert(QStringLiteral("vae_path"), vae);
    return p;
}

qint64 PromptDock::generate() {
    lastError_.clear();
    if (!queue_) {
        lastError_ = tr("The studio is not ready to generate yet.");
    } else if (currentModelPath().isEmpty()) {
        lastError_ = tr("Choose a model first.");
    } else if (!usesCanvasImage() && hires_->hiresEnabled() && !hires_->targetValid()) {
        lastError_ = tr("The hires fix size %1.").arg(hires_->targetText());
    } else {
        QJsonObject params = buildParams();
        QString kind = QStringLiteral("txt2img");
        QString inputError;
        if (usesCanvasImage()) {
            const QJsonObject inputs = canvasInputs_ ? canvasInputs_(&inputError)
                                                     : QJsonObject();
            if (inputs.isEmpty() && inputError.isEmpty()) inputError = tr("There is no image on the canvas.");
            for (auto it = inputs.begin(); it != inputs.end(); ++it) params.insert(it.key(), it.value());
            kind = QStringLiteral("img2img");
        }
        const JobQueue::EnqueueResult r = inputError.isEmpty() ? queue_->enqueue(kind, params)
                                                               : JobQueue::EnqueueResult{0, inputError};
        if (r.ok()) {
            error_->hide();
            rememberModel(currentModelPath());
            Q_EMIT jobEnqueued(r.id);
            return r.id;
        }
        lastError_ = r.error;
    }
    error_->setText(lastError_);
    error_->show();
    Q_EMIT generateRefused(lastError_);
    return 0;
}

void PromptDock::rememberModel(const QString& path) {
    if (!settings_) return;
    settings_->setValue(settings::LastModel, path);
    if (path == StudioSession::demoModelPath()) return;
    QStringList recent = settings_->value(settings::RecentModels).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 10) recent.removeLast();
    settings_->setValue(settings::RecentModels, recent.join(QLatin1Char('\n')));
}

void PromptDock::setBusy(bool busy) {
    busy_ = busy;
    interrupt_->setEnabled(busy);
}

void PromptDock::setLastSeed(qint64 seed) {
    lastSeed_ = seed;
    reuseSeed_->setEnabled(seed >= 0);
    if (seed >= 0) reuseSeed_->setToolTip(tr("Reuse the seed of the last image (%1)").arg(seed));
}

void PromptDock::onImagesSaved(qint64, const QStringList& paths) {
    if (paths.isEmpty()) return;
    const auto text = PngText::readFile(paths.constFirst());
    const GenerationParams params = GenerationParams::fromInfotext(text.value(QStringLiteral("parameters")));
    if (params.seed) setLastSeed(*params.seed);
}

void PromptDock::scheduleTokenCount() {
    const int request = ++tokenRequest_;
    const QString p = prompt(), n = negativePrompt();
    const int steps = steps_ ? steps_->value() : 20;
    auto* watcher = new QFutureWatcher<QPair<PromptTokenCount, PromptTokenCount>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != tokenRequest_) return; // a newer count is on its way
        const auto [pc, nc] = watcher->result();
        auto show = [](QLabel* label, const PromptTokenCount& c) {
            label->setText(c.error.isEmpty() ? QStringLiteral("%1/%2").arg(c.tokens).arg(c.limit)
                                             : QStringLiteral("?"));
            label->setToolTip(c.error.isEmpty() ? label->toolTip() : c.error);
        };
        show(promptTokens_, pc);
        show(negativeTokens_, nc);
    });
    // Off the GUI thread: the first call loads the vocabulary.
    watcher->setFuture(QtConcurrent::run(
        [p, n, steps] { return qMakePair(countPromptTokens(p, steps), countPromptTokens(n, steps)); }));
}

bool PromptDock::eventFilter(QObject* watched, QEvent* event) {
    if ((watched == prompt_ || watched == negative_) && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ControlModifier)) {
            if (generate_->isEnabled()) Q_EMIT generateRequested();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

} // namespace latent
