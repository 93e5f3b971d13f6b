#include "ui/docks/inpaint_dock.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace latent {

InpaintDock::InpaintDock(QWidget* parent) : QDockWidget(tr("Inpaint mask"), parent) {
    setObjectName(QStringLiteral("inpaintDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    auto* toolRow = new QHBoxLayout;
    tools_ = new QButtonGroup(this);
    auto* brush = new QToolButton;
    brush->setText(tr("Brush"));
    brush->setCheckable(true);
    brush->setChecked(true);
    brush->setToolTip(tr("Paint the area to regenerate (B)"));
    auto* eraser = new QToolButton;
    eraser->setText(tr("Eraser"));
    eraser->setCheckable(true);
    eraser->setToolTip(tr("Erase mask (E)"));
    tools_->addButton(brush, 0);
    tools_->addButton(eraser, 1);
    toolRow->addWidget(brush);
    toolRow->addWidget(eraser);
    toolRow->addStretch(1);
    layout->addLayout(toolRow);

    auto* form = new QFormLayout;
    brushSize_ = new QSlider(Qt::Horizontal);
    brushSize_->setRange(1, 512);
    brushSize_->setValue(48);
    form->addRow(tr("Brush size"), brushSize_);
    hardness_ = new QSlider(Qt::Horizontal);
    hardness_->setRange(0, 100);
    hardness_->setValue(80);
    form->addRow(tr("Hardness"), hardness_);
    opacity_ = new QSlider(Qt::Horizontal);
    opacity_->setRange(0, 100);
    opacity_->setValue(50);
    form->addRow(tr("Mask opacity"), opacity_);
    showMask_ = new QCheckBox(tr("Show mask"));
    showMask_->setChecked(true);
    form->addRow(QString(), showMask_);

    maskBlur_ = new QSpinBox;
    maskBlur_->setRange(0, 64);
    maskBlur_->setValue(4);
    form->addRow(tr("Mask blur"), maskBlur_);
    inpaintArea_ = new QComboBox;
    inpaintArea_->addItem(tr("Whole picture"), QStringLiteral("whole"));
    inpaintArea_->addItem(tr("Only masked"), QStringLiteral("masked"));
    form->addRow(tr("Inpaint area"), inpaintArea_);
    padding_ = new QSpinBox;
    padding_->setRange(0, 256);
    padding_->setValue(32);
    padding_->setSuffix(tr(" px"));
    form->addRow(tr("Only masked padding"), padding_);
    maskedContent_ = new QComboBox;
    maskedContent_->addItem(tr("Fill"), QStringLiteral("fill"));
    maskedContent_->addItem(tr("Original"), QStringLiteral("original"));
    maskedContent_->addItem(tr("Latent noise"), QStringLiteral("latent-noise"));
    maskedContent_->addItem(tr("Latent nothing"), QStringLiteral("latent-nothing"));
    maskedContent_->setCurrentIndex(1);
    form->addRow(tr("Masked content"), maskedContent_);
    layout->addLayout(form);

    auto* actions = new QHBoxLayout;
    auto* fill = new QPushButton(tr("Fill"));
    auto* clear = new QPushButton(tr("Clear"));
    auto* invert = new QPushButton(tr("Invert"));
    connect(fill, &QPushButton::clicked, this, &InpaintDock::fillMaskRequested);
    connect(clear, &QPushButton::clicked, this, &InpaintDock::clearMaskRequested);
    connect(invert, &QPushButton::clicked, this, &InpaintDock::invertMaskRequested);
    actions->addWidget(fill);
    actions->addWidget(clear);
    actions->addWidget(invert);
    layout->addLayout(actions);

    auto* hint = new QLabel(tr("Drop an image on the canvas, then paint over the part to regenerate."));
    hint->setObjectName(QStringLiteral("emptyStateBody"));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addStretch(1);
    setWidget(body);
}

} // namespace latent
