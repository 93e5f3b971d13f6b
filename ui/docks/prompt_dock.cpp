#include "ui/docks/prompt_dock.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

namespace latent {

namespace {
// A1111 sampler and schedule-type names (the engine's catalogue replaces these lists).
const char* const kSamplers[] = {"Euler a", "Euler", "LMS", "Heun", "DPM2", "DPM2 a", "DPM++ 2S a", "DPM++ 2M",
                                 "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun", "DPM++ 3M SDE", "DPM fast",
                                 "DPM adaptive", "Restart", "DDIM", "PLMS", "UniPC", "LCM"};
const char* const kSchedules[] = {"Automatic", "Uniform", "Karras", "Exponential", "Polyexponential", "SGM Uniform",
                                  "KL Optimal", "Align Your Steps", "Simple", "Normal", "DDIM", "Beta"};
} // namespace

PromptDock::PromptDock(QWidget* parent) : QDockWidget(tr("Prompt"), parent) {
    setObjectName(QStringLiteral("promptDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    prompt_ = new QPlainTextEdit;
    prompt_->setObjectName(QStringLiteral("promptEdit"));
    prompt_->setPlaceholderText(tr("Describe the image: a photo of an astronaut riding a horse, (detailed:1.2)"));
    prompt_->setTabChangesFocus(true);
    negative_ = new QPlainTextEdit;
    negative_->setObjectName(QStringLiteral("negativePromptEdit"));
    negative_->setPlaceholderText(tr("What to avoid: blurry, low quality"));
    negative_->setTabChangesFocus(true);
    negative_->setMaximumHeight(80);
    layout->addWidget(new QLabel(tr("Prompt")));
    layout->addWidget(prompt_, 2);
    layout->addWidget(new QLabel(tr("Negative prompt")));
    layout->addWidget(negative_, 1);

    auto* form = new QFormLayout;
    sampler_ = new QComboBox;
    for (const char* s : kSamplers) sampler_->addItem(QString::fromLatin1(s));
    sampler_->setCurrentText(QStringLiteral("DPM++ 2M"));
    schedule_ = new QComboBox;
    for (const char* s : kSchedules) schedule_->addItem(QString::fromLatin1(s));
    form->addRow(tr("Sampler"), sampler_);
    form->addRow(tr("Schedule type"), schedule_);

    steps_ = new QSpinBox;
    steps_->setRange(1, 150);
    steps_->setValue(20);
    form->addRow(tr("Steps"), steps_);
    cfg_ = new QDoubleSpinBox;
    cfg_->setRange(1.0, 30.0);
    cfg_->setSingleStep(0.5);
    cfg_->setValue(7.0);
    form->addRow(tr("CFG scale"), cfg_);

    auto* seedRow = new QHBoxLayout;
    seed_ = new QSpinBox;
    seed_->setRange(-1, std::numeric_limits<int>::max());
    seed_->setValue(-1);
    seed_->setSpecialValueText(tr("Random"));
    auto* randomSeed = new QToolButton;
    randomSeed->setText(tr("Random"));
    randomSeed->setToolTip(tr("Use a new random seed for every job"));
    connect(randomSeed, &QToolButton::clicked, seed_, [this] { seed_->setValue(-1); });
    seedRow->addWidget(seed_, 1);
    seedRow->addWidget(randomSeed);
    form->addRow(tr("Seed"), seedRow);

    auto* sizeRow = new QHBoxLayout;
    width_ = new QSpinBox;
    height_ = new QSpinBox;
    for (QSpinBox* s : {width_, height_}) {
        s->setRange(64, 4096);
        s->setSingleStep(64);
        s->setValue(512);
    }
    auto* swap = new QToolButton;
    swap->setText(QStringLiteral("⇄"));
    swap->setToolTip(tr("Swap width and height"));
    connect(swap, &QToolButton::clicked, this, [this] {
        const int w = width_->value();
        width_->setValue(height_->value());
        height_->setValue(w);
    });
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×")));
    sizeRow->addWidget(height_);
    sizeRow->addWidget(swap);
    form->addRow(tr("Size"), sizeRow);

    auto* batchRow = new QHBoxLayout;
    batchSize_ = new QSpinBox;
    batchSize_->setRange(1, 8);
    batchCount_ = new QSpinBox;
    batchCount_->setRange(1, 100);
    batchRow->addWidget(new QLabel(tr("Size")));
    batchRow->addWidget(batchSize_);
    batchRow->addWidget(new QLabel(tr("Count")));
    batchRow->addWidget(batchCount_);
    form->addRow(tr("Batch"), batchRow);
    layout->addLayout(form);

    hint_ = new QLabel;
    hint_->setObjectName(QStringLiteral("emptyStateBody"));
    hint_->setWordWrap(true);
    hint_->setTextFormat(Qt::PlainText);
    layout->addWidget(hint_);

    auto* buttons = new QHBoxLayout;
    generate_ = new QPushButton(tr("Generate"));
    generate_->setObjectName(QStringLiteral("generateButton"));
    generate_->setDefault(true);
    generate_->setToolTip(tr("Generate (Ctrl+Enter)"));
    interrupt_ = new QPushButton(tr("Interrupt"));
    interrupt_->setEnabled(false);
    connect(generate_, &QPushButton::clicked, this, &PromptDock::generateRequested);
    connect(interrupt_, &QPushButton::clicked, this, &PromptDock::interruptRequested);
    buttons->addWidget(generate_, 2);
    buttons->addWidget(interrupt_, 1);
    layout->addLayout(buttons);

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(body);
    setWidget(scroll);
    setModelAvailable(false);
}

QString PromptDock::prompt() const { return prompt_->toPlainText(); }
QString PromptDock::negativePrompt() const { return negative_->toPlainText(); }

void PromptDock::insertPromptText(const QString& text) {
    if (text.isEmpty()) return;
    const QString current = prompt_->toPlainText();
    QTextCursor c = prompt_->textCursor();
    c.movePosition(QTextCursor::End);
    c.insertText((!current.isEmpty() && !current.back().isSpace() ? QStringLiteral(" ") : QString()) + text);
    prompt_->setTextCursor(c);
}

void PromptDock::setModelAvailable(bool available) {
    generate_->setEnabled(available);
    hint_->setVisible(!available);
    hint_->setText(tr("No model yet. Add a checkpoint (.safetensors) from the Library panel, download one "
                      "from Hugging Face or Civitai, or point the studio at an existing AUTOMATIC1111 folder."));
}

} // namespace latent
