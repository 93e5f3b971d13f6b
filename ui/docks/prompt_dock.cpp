#include "ui/docks/prompt_dock.h"

#include "ui/widgets/backend_picker.h"

#include "app/cli/sampling_options.h"
#include "app/core/prompt_tokens.h"
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"
#include "app/library/network_folders.h"
#include "app/library/network_restore.h"
#include "app/metadata/network_usage.h"
#include "pipeline/networks/network_index.h"
#include "app/library/upscaler_catalog.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "app/worker/studio_session.h"
#include "pipeline/core/precision.h"
#include "pipeline/engine.h"
#include "ui/widgets/prompt_completer.h"
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
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
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
    // The networks the prompt names, with their weights; what a restored infotext lacks.
    networks_ = new QLabel;
    networks_->setObjectName(QStringLiteral("promptNetworks"));
    networks_->setWordWrap(true);
    networks_->setTextFormat(Qt::PlainText);
    networks_->setToolTip(tr("LoRAs (<lora:name:weight>) and embeddings in the prompt. Type <lora: or the start of "
                             "an embedding's name to choose one from the library."));
    networks_->hide();
    layout->addWidget(networks_);
    auto* missingRow = new QHBoxLayout;
    missing_ = new QLabel;
    missing_->setObjectName(QStringLiteral("missingNetworks"));
    missing_->setWordWrap(true);
    missing_->setTextFormat(Qt::PlainText);
    missing_->setStyleSheet(QStringLiteral("color: #e53935;"));
    downloadMissing_ = new QPushButton(tr("Download…"));
    downloadMissing_->setObjectName(QStringLiteral("downloadMissingButton"));
    downloadMissing_->setToolTip(tr("Download the missing network from Civitai (where the image's infotext says it lives)"));
    connect(downloadMissing_, &QPushButton::clicked, this, [this] {
        if (!missingDownloads_.isEmpty()) Q_EMIT downloadRequested(missingDownloads_.constFirst().second);
    });
    missingRow->addWidget(missing_, 1);
    missingRow->addWidget(downloadMissing_);
    missing_->hide();
    downloadMissing_->hide();
    layout->addLayout(missingRow);
    completer_ = new PromptCompleter(prompt_);
    negativeCompleter_ = new PromptCompleter(negative_);
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
    // What the UNet computes in: bf16 only where the CPU has native bf16 (else the entry is
    // disabled and its tooltip says why).
    precision_ = new QComboBox;
    precision_->setObjectName(QStringLiteral("precisionCombo"));
    precision_->addItem(tr("fp32 (exact)"), QStringLiteral("fp32"));
    precision_->addItem(tr("bf16 (faster, slightly different images)"), QStringLiteral("bf16"));
    precision_->setToolTip(tr("What the image model computes in. bf16 needs a CPU with AVX512_BF16 or AMX; the "
                              "images then differ slightly from fp32 and record \"Precision: bf16\"."));
    if (const std::string why = bf16_unsupported_reason(bf16_support()); !why.empty()) {
        if (auto* items = qobject_cast<QStandardItemModel*>(precision_->model())) items->item(1)->setEnabled(false);
        precision_->setItemData(1, QString::fromStdString(why), Qt::ToolTipRole);
    }
    form->addRow(tr("Precision"), precision_);
    useCanvas_ = new QCheckBox(tr("From the canvas image"));
    useCanvas_->setObjectName(QStringLiteral("useCanvasCheck"));
    useCanvas_->setEnabled(false);
    useCanvas_->setToolTip(tr("Image to image and inpainting: generate from the image on the canvas and its inpaint "
                                 "mask instead of from noise"));
    connect(useCanvas_, &QCheckBox::toggled, denoise_, &QWidget::setEnabled);
    form->addRow(QString(), useCanvas_);
    form->addRow(tr("Denoising strength"), denoise_);
    pastedSettingsRow_ = new QWidget;
    auto* pastedRow = new QHBoxLayout(pastedSettingsRow_);
    pastedRow->setContentsMargins(0, 0, 0, 0);
    pastedSettingsLabel_ = new QLabel;
    pastedSettingsLabel_->setObjectName(QStringLiteral("pastedSettingsLabel"));
    pastedSettingsLabel_->setWordWrap(true);
    pastedSettingsLabel_->setTextFormat(Qt::PlainText);
    auto* clearPasted = new QToolButton;
    clearPasted->setObjectName(QStringLiteral("clearPastedSettingsButton"));
    clearPasted->setText(tr("Clear"));
    clearPasted->setToolTip(tr("Forget these settings from the pasted parameters"));
    connect(clearPasted, &QToolButton::clicked, this, [this] {
        pastedSettings_ = {};
        pastedSeedResizeW_ = pastedSeedResizeH_ = -1;
        showPastedSettings();
    });
    pastedRow->addWidget(pastedSettingsLabel_, 1);
    pastedRow->addWidget(clearPasted);
    pastedSettingsRow_->setVisible(false);
    form->addRow(QString(), pastedSettingsRow_);
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
    buttons_ = buttons;
    generate_ = new QPushButton(tr("Generate"));
    generate_->setObjectName(QStringLiteral("generateButton"));
    generate_->setDefault(true);
    generate_->setToolTip(tr("Generate (Ctrl+Enter)"));
    interrupt_ = new QPushButton(tr("Interrupt"));
    interrupt_->setObjectName(QStringLiteral("interruptButton"));
    interrupt_->setToolTip(tr("Stop sampling now and keep the image so far (Esc); the queue's Cancel discards it"));
    interrupt_->setEnabled(false);
    skip_ = new QPushButton(tr("Skip"));
    skip_->setObjectName(QStringLiteral("skipButton"));
    skip_->setToolTip(tr("End the current batch with the image so far and go on with the next batch"));
    skip_->setEnabled(false);
    connect(generate_, &QPushButton::clicked, this, &PromptDock::generateRequested);
    connect(interrupt_, &QPushButton::clicked, this, &PromptDock::interruptRequested);
    connect(skip_, &QPushButton::clicked, this, &PromptDock::skipRequested);
    connect(this, &PromptDock::generateRequested, this, &PromptDock::generate);
    buttons->addWidget(generate_, 2);
    buttons->addWidget(interrupt_, 1);
    buttons->addWidget(skip_, 1);
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
    vae_->addItem(tr("Automatic"), QString());
    vae_->setItemData(0, tr("A VAE named like the model (MODEL.vae.safetensors) beside it, else the model's own"),
                      Qt::ToolTipRole);
    vae_->addItem(tr("None (the model's own)"), QStringLiteral("None"));

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
            // A webui folder's models/VAE too, and .pt / .ckpt VAEs, as A1111 lists them.
            for (const QString& v : listVaeFiles(networkFoldersOf(root).vaeDirs)) vaes << QFileInfo(v).absoluteFilePath();
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
    refreshNetworks();
}

QStringList PromptDock::networkRoots() const {
    if (library_) return library_->roots();
    if (settings_) return ModelLibrary::rootsFromSettings(*settings_);
    return {};
}

void PromptDock::refreshNetworks() {
    QList<PromptCompleter::Candidate> candidates;
    QStringList embeddingFiles;
    loraNames_.clear();
    if (library_) {
        for (const ModelEntry& e : library_->entries(ModelKind::Lora)) {
            PromptCompleter::Candidate c;
            c.name = e.name();
            c.kind = QStringLiteral("lora");
            c.weight = e.notes.preferredWeight > 0 ? e.notes.preferredWeight : 1.0;
            c.detail = QStringList{e.baseFamily, e.triggerWords().join(QStringLiteral(", "))}.join(QStringLiteral(" · "));
            candidates << c;
            loraNames_ << c.name;
        }
        QStringList embeddingNames;
        for (const ModelEntry& e : library_->entries(ModelKind::Embedding)) {
            candidates << PromptCompleter::Candidate{e.name(), QStringLiteral("embedding"), 1.0, e.baseFamily};
            embeddingFiles << e.path;
            embeddingNames << e.name();
        }
        // A1111's embeddings folder is the webui folder's, beside models/ (outside the library's
        // roots); the worker looks there too.
        NetworkFolders folders;
        for (const QString& root : networkRoots()) folders.append(networkFoldersOf(root));
        std::vector<std::string> emb;
        for (const QString& d : folders.embeddingDirs) emb.push_back(d.toStdString());
        for (const NetworkFileEntry& f : list_embedding_files(emb)) {
            const QString name = QString::fromStdString(f.name);
            if (embeddingNames.contains(name)) continue;
            candidates << PromptCompleter::Candidate{name, QStringLiteral("embedding"), 1.0, {}};
            embeddingFiles << QString::fromStdString(f.path);
            embeddingNames << name;
        }
    } else {
        NetworkFolders folders;
        for (const QString& root : networkRoots()) folders.append(networkFoldersOf(root));
        std::vector<std::string> lora, emb;
        for (const QString& d : folders.loraDirs) lora.push_back(d.toStdString());
        for (const QString& d : folders.embeddingDirs) emb.push_back(d.toStdString());
        for (const NetworkFileEntry& f : list_network_files(lora)) {
            candidates << PromptCompleter::Candidate{QString::fromStdString(f.name), QStringLiteral("lora"), 1.0, {}};
            loraNames_ << QString::fromStdString(f.name);
        }
        for (const NetworkFileEntry& f : list_embedding_files(emb)) {
            candidates << PromptCompleter::Candidate{QString::fromStdString(f.name), QStringLiteral("embedding"), 1.0, {}};
            embeddingFiles << QString::fromStdString(f.path);
        }
    }
    completer_->setCandidates(candidates);
    negativeCompleter_->setCandidates(candidates);
    // Vector counts of the embeddings (reads the files: off the GUI thread).
    const int request = ++networksRequest_;
    auto* watcher = new QFutureWatcher<QHash<QString, int>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != networksRequest_) return;
        embeddingVectors_ = watcher->result();
        scheduleTokenCount();
        Q_EMIT embeddingsUpdated();
    });
    watcher->setFuture(QtConcurrent::run([embeddingFiles] {
        QHash<QString, int> out;
        for (const QString& f : embeddingFiles) {
            const int n = embeddingVectorCount(f);
            if (n > 0) out.insert(QFileInfo(f).completeBaseName(), n);
        }
        return out;
    }));
}

QString PromptDock::networksText() const {
    return networks_->text();
}

void PromptDock::updateNetworksLabel() {
    // The prompt's networks with their weights; names the library does not have are marked.
    const NetworkUsage usage = networkUsage(prompt());
    QStringList loras, unknown;
    for (const NetworkUsage::Item& i : usage.items) {
        const QString text = i.weights.contains(QLatin1Char(',')) ? i.name + QStringLiteral(" (") + i.weights + QLatin1Char(')')
                                                                  : i.name + QStringLiteral(" ×") + i.weights;
        loras << text;
        if (!loraNames_.contains(i.name)) unknown << i.name;
    }
    QStringList embeddings;
    const QString lower = (prompt() + QLatin1Char('\n') + negativePrompt()).toLower();
    for (auto it = embeddingVectors_.constBegin(); it != embeddingVectors_.constEnd(); ++it) {
        const QString name = it.key().toLower();
        qsizetype at = lower.indexOf(name);
        while (at >= 0) {
            const bool startOk = at == 0 || !lower.at(at - 1).isLetterOrNumber();
            const qsizetype end = at + name.size();
            const bool endOk = end >= lower.size() || !lower.at(end).isLetterOrNumber();
            if (startOk && endOk) {
                embeddings << tr("%1 (%n vectors)", nullptr, it.value()).arg(it.key());
                break;
            }
            at = lower.indexOf(name, at + 1);
        }
    }
    embeddings.sort(Qt::CaseInsensitive);
    QStringList parts;
    if (!loras.isEmpty()) parts << tr("LoRA: %1").arg(loras.join(QStringLiteral(", ")));
    if (!unknown.isEmpty()) parts << tr("not in the library: %1").arg(unknown.join(QStringLiteral(", ")));
    if (!embeddings.isEmpty()) parts << tr("Embeddings: %1").arg(embeddings.join(QStringLiteral(", ")));
    networks_->setText(parts.join(QStringLiteral(" · ")));
    networks_->setVisible(!parts.isEmpty());
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
    // The VAE by its name (A1111 writes "VAE: file name"), when it is in the list.
    if (!params.vaeName.isEmpty()) {
        for (int i = 0; i < vae_->count(); ++i) {
            const QString path = vae_->itemData(i).toString();
            if (!path.isEmpty() && path != QLatin1String("None") &&
                (QFileInfo(path).fileName() == params.vaeName || QFileInfo(path).completeBaseName() == params.vaeName)) {
                vae_->setCurrentIndex(i);
                break;
            }
        }
    } else {
        vae_->setCurrentIndex(0);  // Automatic
    }
    // Networks: tags renamed to the local files with the same hash; what is missing is shown,
    // with a Civitai download when the infotext says where it lives.
    {
        NetworkFolders folders;
        for (const QString& root : networkRoots()) folders.append(networkFoldersOf(root));
        const RestoredNetworks restored = restoreNetworks(params, folders.loraDirs, folders.embeddingDirs);
        if (restored.prompt != params.prompt) setPrompt(restored.prompt);
        missingNetworks_ = restored.missingLoras + restored.missingEmbeddings;
        missingDownloads_ = civitaiDownloadsForMissing(params, restored);
        missing_->setText(missingNetworks_.isEmpty() ? QString()
                                                     : tr("Not in the library: %1").arg(missingNetworks_.join(QStringLiteral(", "))));
        missing_->setVisible(!missingNetworks_.isEmpty());
        downloadMissing_->setVisible(!missingDownloads_.isEmpty());
        if (!missingDownloads_.isEmpty())
            downloadMissing_->setToolTip(tr("Download %1 from Civitai").arg(missingDownloads_.constFirst().first));
    }
    // Settings the panel has no field for (RNG, ENSD, sampler parameters, Seed resize from) go
    // with the next jobs as A1111 override settings.
    pastedSettings_ = samplingOverridesFromInfotext(params);
    pastedSeedResizeW_ = params.seedResizeFromW.value_or(-1);
    pastedSeedResizeH_ = params.seedResizeFromH.value_or(-1);
    showPastedSettings();
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

void PromptDock::setBackendPicker(BackendPicker* picker) {
    picker_ = picker;
    buttons_->insertWidget(0, picker, 2);
    connect(picker_, &BackendPicker::targetChanged, this, &PromptDock::applyBackendTarget);
    applyBackendTarget();
}

bool PromptDock::needsLocalModel() const { return !picker_ || picker_->mayRunLocally(); }

void PromptDock::applyBackendTarget() {
    const QStringList remote = picker_ ? picker_->remoteSamplers() : QStringList();
    const QString keep = sampler_->currentText();
    if (!remote.isEmpty()) {
        if (localSamplers_.isEmpty())
            for (int i = 0; i < sampler_->count(); ++i) localSamplers_ << sampler_->itemText(i);
        sampler_->clear();
        sampler_->addItems(remote);
    } else if (!localSamplers_.isEmpty()) {
        sampler_->clear();
        sampler_->addItems(std::exchange(localSamplers_, {}));
    }
    const int i = sampler_->findText(keep);
    if (i >= 0) sampler_->setCurrentIndex(i);
    updateGenerateEnabled();
}

void PromptDock::updateGenerateEnabled() {
    const bool model = !currentModelPath().isEmpty() || !needsLocalModel();
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

void PromptDock::showPastedSettings() {
    QStringList parts;
    for (auto it = pastedSettings_.constBegin(); it != pastedSettings_.constEnd(); ++it) {
        const QJsonValue v = it.value();
        const QString text = v.isBool()     ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                             : v.isDouble() ? QString::number(v.toDouble(), 'g', 12)
                                            : v.toString();
        parts << it.key() + QStringLiteral(": ") + text;
    }
    if (pastedSeedResizeW_ > 0 && pastedSeedResizeH_ > 0)
        parts << QStringLiteral("seed_resize_from: %1x%2").arg(pastedSeedResizeW_).arg(pastedSeedResizeH_);
    pastedSettingsLabel_->setText(tr("Also from the pasted parameters: %1").arg(parts.join(QStringLiteral(", "))));
    pastedSettingsRow_->setVisible(!parts.isEmpty());
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
            p.insert(QStringLiteral("model_roots"), QJsonArray::fromStringList(ModelLibrary::rootsFromSettings(*settings_)));
    }
    QJsonObject overrides = pastedSettings_;
    if (pastedSeedResizeW_ > 0 && pastedSeedResizeH_ > 0) {
        p.insert(QStringLiteral("seed_resize_from_w"), QJsonValue(qint64(pastedSeedResizeW_)));
        p.insert(QStringLiteral("seed_resize_from_h"), QJsonValue(qint64(pastedSeedResizeH_)));
    }
    if (clipSkip_->value() > 1) overrides.insert(QStringLiteral("CLIP_stop_at_last_layers"), clipSkip_->value());
    if (precision_ && precision_->currentData().toString() != QLatin1String("fp32"))
        overrides.insert(QStringLiteral("precision"), precision_->currentData().toString());
    const QString model = currentModelPath();
    if (!model.isEmpty()) overrides.insert(QStringLiteral("sd_model_checkpoint"), QFileInfo(model).completeBaseName());
    // VAE: a file, or A1111's "Automatic" / "None" resolved by the worker.
    const QString vae = vae_->currentData().toString();
    if (vae.isEmpty()) overrides.insert(QStringLiteral("sd_vae"), QStringLiteral("Automatic"));
    else if (vae == QLatin1String("None")) overrides.insert(QStringLiteral("sd_vae"), QStringLiteral("None"));
    p.insert(QStringLiteral("override_settings"), overrides);
    p.insert(QStringLiteral("model_path"), model);
    if (!vae.isEmpty() && vae != QLatin1String("None")) p.insert(QStringLiteral("vae_path"), vae);
    // Where <lora:...> and embeddings are looked up: the library's roots.
    const QStringList roots = networkRoots();
    if (!roots.isEmpty()) p.insert(QStringLiteral("model_roots"), QJsonArray::fromStringList(roots));
    if (picker_) {
        const QJsonObject target = picker_->jobParameters();
        for (auto it = target.begin(); it != target.end(); ++it) p.insert(it.key(), it.value());
    }
    return p;
}

void PromptDock::setGenerationSize(int width, int height) {
    width_->setValue(width);
    height_->setValue(height);
}

qint64 PromptDock::generate() {
    lastError_.clear();
    if (!queue_) {
        lastError_ = tr("The studio is not ready to generate yet.");
    } else if (currentModelPath().isEmpty() && needsLocalModel()) {
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
        if (inputError.isEmpty() && contributor_ && !contributor_(params, &inputError) && inputError.isEmpty())
            inputError = tr("The job's inputs could not be prepared.");
        const JobQueue::EnqueueResult r = inputError.isEmpty() ? queue_->enqueue(kind, params)
                                                               : JobQueue::EnqueueResult{0, inputError};
        if (r.ok()) {
            error_->hide();
            if (!currentModelPath().isEmpty()) rememberModel(currentModelPath());
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
    qDebug("latent: settings: remembering the model (the settings file is rewritten next)");
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
    skip_->setEnabled(busy);
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
    const QHash<QString, int> embeddings = embeddingVectors_;
    updateNetworksLabel();
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
        [p, n, steps, embeddings] {
            return qMakePair(countPromptTokens(p, steps, embeddings), countPromptTokens(n, steps, embeddings));
        }));
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
