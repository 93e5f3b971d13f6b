#include "ui/docks/inpaint_dock.h"

#include "ui/canvas/canvas_view.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace latent {

InpaintDock::InpaintDock(QWidget* parent) : QDockWidget(tr("Inpaint mask"), parent) {
    setObjectName(QStringLiteral("inpaintDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    auto* toolRow = new QHBoxLayout;
    tools_ = new QButtonGroup(this);
    auto addTool = [&](const QString& text, const QString& tip, MaskTool tool, const char* name) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setObjectName(QLatin1String(name));
        b->setCheckable(true);
        b->setToolTip(tip);
        tools_->addButton(b, int(tool));
        toolRow->addWidget(b);
        return b;
    };
    addTool(tr("Brush"), tr("Paint the area to regenerate (B)"), MaskTool::Brush, "brushTool")->setChecked(true);
    addTool(tr("Eraser"), tr("Erase mask (E)"), MaskTool::Eraser, "eraserTool");
    addTool(tr("Bucket"), tr("Fill the enclosed unmasked area you click (G)"), MaskTool::Bucket, "bucketTool");
    toolRow->addStretch(1);
    undo_ = new QToolButton;
    undo_->setText(tr("Undo"));
    undo_->setToolTip(tr("Undo the last mask change (Ctrl+Z)"));
    redo_ = new QToolButton;
    redo_->setText(tr("Redo"));
    redo_->setToolTip(tr("Redo (Ctrl+Shift+Z)"));
    toolRow->addWidget(undo_);
    toolRow->addWidget(redo_);
    layout->addLayout(toolRow);

    auto* form = new QFormLayout;
    auto* sizeRow = new QHBoxLayout;
    brushSize_ = new QSlider(Qt::Horizontal);
    brushSize_->setObjectName(QStringLiteral("brushSizeSlider"));
    brushSize_->setRange(1, 512);
    brushSize_->setValue(48);
    brushSizeValue_ = new QLabel(QStringLiteral("48 px"));
    brushSizeValue_->setMinimumWidth(48);
    sizeRow->addWidget(brushSize_, 1);
    sizeRow->addWidget(brushSizeValue_);
    form->addRow(tr("Brush size"), sizeRow);
    hardness_ = new QSlider(Qt::Horizontal);
    hardness_->setObjectName(QStringLiteral("hardnessSlider"));
    hardness_->setRange(0, 100);
    hardness_->setValue(80);
    form->addRow(tr("Hardness"), hardness_);
    opacity_ = new QSlider(Qt::Horizontal);
    opacity_->setObjectName(QStringLiteral("maskOpacitySlider"));
    opacity_->setRange(0, 100);
    opacity_->setValue(50);
    form->addRow(tr("Mask opacity"), opacity_);
    showMask_ = new QCheckBox(tr("Show mask"));
    showMask_->setObjectName(QStringLiteral("showMaskCheck"));
    showMask_->setChecked(true);
    form->addRow(QString(), showMask_);
    layout->addLayout(form);

    auto* actions = new QHBoxLayout;
    auto* fill = new QPushButton(tr("Fill"));
    fill->setToolTip(tr("Mask the whole image"));
    auto* clear = new QPushButton(tr("Clear"));
    clear->setToolTip(tr("Remove the whole mask"));
    auto* invert = new QPushButton(tr("Invert"));
    invert->setToolTip(tr("Swap masked and unmasked areas"));
    connect(fill, &QPushButton::clicked, this, &InpaintDock::fillMaskRequested);
    connect(clear, &QPushButton::clicked, this, &InpaintDock::clearMaskRequested);
    connect(invert, &QPushButton::clicked, this, &InpaintDock::invertMaskRequested);
    actions->addWidget(fill);
    actions->addWidget(clear);
    actions->addWidget(invert);
    layout->addLayout(actions);

    auto* optionsBox = new QGroupBox(tr("Inpaint options"));
    auto* options = new QFormLayout(optionsBox);
    maskBlur_ = new QSpinBox;
    maskBlur_->setObjectName(QStringLiteral("maskBlurSpin"));
    maskBlur_->setRange(0, 64);
    maskBlur_->setValue(4);
    maskBlur_->setSuffix(tr(" px"));
    options->addRow(tr("Mask blur"), maskBlur_);
    inpaintArea_ = new QComboBox;
    inpaintArea_->setObjectName(QStringLiteral("inpaintAreaCombo"));
    inpaintArea_->addItem(tr("Whole picture"), QStringLiteral("whole"));
    inpaintArea_->addItem(tr("Only masked"), QStringLiteral("masked"));
    options->addRow(tr("Inpaint area"), inpaintArea_);
    padding_ = new QSpinBox;
    padding_->setObjectName(QStringLiteral("paddingSpin"));
    padding_->setRange(0, 256);
    padding_->setValue(32);
    padding_->setSuffix(tr(" px"));
    options->addRow(tr("Only masked padding"), padding_);
    maskedContent_ = new QComboBox;
    maskedContent_->setObjectName(QStringLiteral("maskedContentCombo"));
    // Index = A1111 inpainting_fill.
    maskedContent_->addItem(tr("Fill"), QStringLiteral("fill"));
    maskedContent_->addItem(tr("Original"), QStringLiteral("original"));
    maskedContent_->addItem(tr("Latent noise"), QStringLiteral("latent-noise"));
    maskedContent_->addItem(tr("Latent nothing"), QStringLiteral("latent-nothing"));
    maskedContent_->setCurrentIndex(1);
    options->addRow(tr("Masked content"), maskedContent_);
    layout->addWidget(optionsBox);

    auto* outpaintBox = new QGroupBox(tr("Outpaint"));
    auto* grid = new QGridLayout(outpaintBox);
    const QString labels[4] = {tr("Left"), tr("Top"), tr("Right"), tr("Bottom")};
    for (int i = 0; i < 4; ++i) {
        extend_[i] = new QSpinBox;
        extend_[i]->setRange(0, 2048);
        extend_[i]->setSingleStep(64);
        extend_[i]->setSuffix(tr(" px"));
        grid->addWidget(new QLabel(labels[i]), i / 2, (i % 2) * 2);
        grid->addWidget(extend_[i], i / 2, (i % 2) * 2 + 1);
    }
    extendButton_ = new QPushButton(tr("Extend canvas"));
    extendButton_->setObjectName(QStringLiteral("extendCanvasButton"));
    extendButton_->setToolTip(tr("Grow the canvas; the new area is masked so the next generation paints it"));
    grid->addWidget(extendButton_, 2, 0, 1, 4);
    connect(extendButton_, &QPushButton::clicked, this, &InpaintDock::extendCanvas);
    layout->addWidget(outpaintBox);

    status_ = new QLabel(tr("Drop an image on the canvas, then paint over the part to regenerate."));
    status_->setObjectName(QStringLiteral("emptyStateBody"));
    status_->setWordWrap(true);
    layout->addWidget(status_);
    layout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    setWidget(scroll);

    connect(brushSize_, &QSlider::valueChanged, this, [this](int v) { brushSizeValue_->setText(tr("%1 px").arg(v)); });
    for (QSpinBox* s : {maskBlur_, padding_}) connect(s, &QSpinBox::valueChanged, this, &InpaintDock::optionsChanged);
    for (QComboBox* c : {inpaintArea_, maskedContent_})
        connect(c, &QComboBox::currentIndexChanged, this, &InpaintDock::optionsChanged);
    connect(inpaintArea_, &QComboBox::currentIndexChanged, this, &InpaintDock::updateEnabled);
    updateEnabled();
}

void InpaintDock::setCanvas(CanvasView* canvas) {
    if (canvas_) {
        disconnect(canvas_, nullptr, this, nullptr);
        disconnect(this, nullptr, canvas_, nullptr);
        disconnect(this, nullptr, canvas_->document(), nullptr);
        disconnect(tools_, nullptr, canvas_, nullptr);
        disconnect(brushSize_, nullptr, canvas_, nullptr);
        disconnect(hardness_, nullptr, canvas_, nullptr);
        disconnect(opacity_, nullptr, canvas_, nullptr);
        disconnect(showMask_, nullptr, canvas_, nullptr);
        disconnect(undo_, nullptr, canvas_->undoAction(), nullptr);
        disconnect(redo_, nullptr, canvas_->redoAction(), nullptr);
    }
    canvas_ = canvas;
    if (!canvas_) {
        updateEnabled();
        return;
    }
    CanvasDocument* doc = canvas_->document();
    // Push the dock's settings to the canvas, then keep both in step.
    canvas_->setTool(MaskTool(tools_->checkedId()));
    canvas_->setBrushSize(brushSize_->value());
    canvas_->setHardness(hardness_->value() / 100.0);
    canvas_->setMaskOpacity(opacity_->value() / 100.0);
    canvas_->setMaskVisible(showMask_->isChecked());
    connect(tools_, &QButtonGroup::idClicked, canvas_, [this](int id) { canvas_->setTool(MaskTool(id)); });
    connect(brushSize_, &QSlider::valueChanged, canvas_, [this](int v) { canvas_->setBrushSize(v); });
    connect(hardness_, &QSlider::valueChanged, canvas_, [this](int v) { canvas_->setHardness(v / 100.0); });
    connect(opacity_, &QSlider::valueChanged, canvas_, [this](int v) { canvas_->setMaskOpacity(v / 100.0); });
    connect(showMask_, &QCheckBox::toggled, canvas_, &CanvasView::setMaskVisible);
    connect(canvas_, &CanvasView::toolSettingsChanged, this, &InpaintDock::syncFromCanvas);
    connect(this, &InpaintDock::fillMaskRequested, doc, &CanvasDocument::fillMask);
    connect(this, &InpaintDock::clearMaskRequested, doc, &CanvasDocument::clearMask);
    connect(this, &InpaintDock::invertMaskRequested, doc, &CanvasDocument::invertMask);
    connect(undo_, &QToolButton::clicked, canvas_->undoAction(), &QAction::trigger);
    connect(redo_, &QToolButton::clicked, canvas_->redoAction(), &QAction::trigger);
    connect(doc, &CanvasDocument::sourceChanged, this, &InpaintDock::updateEnabled);
    connect(doc->undoStack(), &QUndoStack::indexChanged, this, &InpaintDock::updateEnabled);
    connect(doc->undoStack(), &QUndoStack::canUndoChanged, this, &InpaintDock::updateEnabled);
    connect(doc->undoStack(), &QUndoStack::canRedoChanged, this, &InpaintDock::updateEnabled);
    updateEnabled();
}

void InpaintDock::syncFromCanvas() {
    if (!canvas_) return;
    // Keyboard shortcuts on the canvas (B, E, G, [ ]) change tools there: mirror them here.
    const QSignalBlocker b1(tools_), b2(brushSize_), b3(showMask_);
    if (QAbstractButton* b = tools_->button(int(canvas_->tool()))) b->setChecked(true);
    brushSize_->setValue(int(std::lround(canvas_->brushSize())));
    brushSizeValue_->setText(tr("%1 px").arg(brushSize_->value()));
    showMask_->setChecked(canvas_->maskVisible());
}

void InpaintDock::updateEnabled() {
    padding_->setEnabled(inpaintArea_->currentIndex() == 1);
    const bool has = canvas_ && canvas_->hasImage();
    extendButton_->setEnabled(has);
    undo_->setEnabled(canvas_ && canvas_->document()->undoStack()->canUndo());
    redo_->setEnabled(canvas_ && canvas_->document()->undoStack()->canRedo());
    if (has) {
        const QSize s = canvas_->document()->size();
        status_->setText(tr("Canvas %1×%2. Paint over the part to regenerate; leave the mask empty for image to image.")
                             .arg(s.width())
                             .arg(s.height()));
    } else {
        status_->setText(tr("Drop an image on the canvas, then paint over the part to regenerate."));
    }
}

InpaintOptions InpaintDock::options() const {
    InpaintOptions o;
    o.maskBlur = maskBlur_->value();
    o.onlyMasked = inpaintArea_->currentIndex() == 1;
    o.padding = padding_->value();
    o.maskedContent = maskedContent_->currentIndex();
    return o;
}

void InpaintDock::setOptions(const InpaintOptions& o) {
    maskBlur_->setValue(o.maskBlur);
    inpaintArea_->setCurrentIndex(o.onlyMasked ? 1 : 0);
    padding_->setValue(o.padding);
    maskedContent_->setCurrentIndex(std::clamp(o.maskedContent, 0, 3));
}

int InpaintDock::extendLeft() const {
    return extend_[0]->value();
}
int InpaintDock::extendTop() const {
    return extend_[1]->value();
}
int InpaintDock::extendRight() const {
    return extend_[2]->value();
}
int InpaintDock::extendBottom() const {
    return extend_[3]->value();
}

void InpaintDock::setExtend(int left, int top, int right, int bottom) {
    extend_[0]->setValue(left);
    extend_[1]->setValue(top);
    extend_[2]->setValue(right);
    extend_[3]->setValue(bottom);
}

bool InpaintDock::extendCanvas() {
    if (!canvas_) return false;
    QString error;
    if (!canvas_->document()->extendCanvas(extendLeft(), extendTop(), extendRight(), extendBottom(), &error)) {
        status_->setText(error);
        return false;
    }
    return true;
}

} // namespace latent
