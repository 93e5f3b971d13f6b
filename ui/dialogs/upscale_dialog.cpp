#include "ui/dialogs/upscale_dialog.h"

#include "pipeline/upscalers/upscale_request.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace latent {

UpscaleDialog::UpscaleDialog(const QString& imageName, const QSize& imageSize, const QStringList& upscalers,
                             QWidget* parent)
    : QDialog(parent), imageSize_(imageSize) {
    setObjectName(QStringLiteral("upscaleDialog"));
    setWindowTitle(tr("Upscale %1").arg(imageName));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;

    upscaler_ = new QComboBox;
    upscaler_->setObjectName(QStringLiteral("upscaler1"));
    for (const QString& n : upscalers)
        if (n != QLatin1String("None")) upscaler_->addItem(n);
    form->addRow(tr("Upscaler"), upscaler_);

    byMode_ = new QRadioButton(tr("Scale by"));
    byMode_->setObjectName(QStringLiteral("scaleByMode"));
    byMode_->setChecked(true);
    scale_ = new QDoubleSpinBox;
    scale_->setObjectName(QStringLiteral("scaleBy"));
    scale_->setRange(1.0, 8.0);
    scale_->setSingleStep(0.05);
    scale_->setValue(4.0); // A1111's Extras default
    auto* byRow = new QHBoxLayout;
    byRow->addWidget(byMode_);
    byRow->addWidget(scale_, 1);
    form->addRow(byRow);

    toMode_ = new QRadioButton(tr("Scale to"));
    toMode_->setObjectName(QStringLiteral("scaleToMode"));
    width_ = new QSpinBox;
    width_->setObjectName(QStringLiteral("scaleToWidth"));
    height_ = new QSpinBox;
    height_->setObjectName(QStringLiteral("scaleToHeight"));
    for (QSpinBox* s : {width_, height_}) {
        s->setRange(64, int(kMaxUpscaleSide));
        s->setSingleStep(8);
        s->setValue(512);
    }
    crop_ = new QCheckBox(tr("Crop to fit"));
    crop_->setObjectName(QStringLiteral("cropToFit"));
    crop_->setChecked(true);
    auto* toRow = new QHBoxLayout;
    toRow->addWidget(toMode_);
    toRow->addWidget(width_, 1);
    toRow->addWidget(new QLabel(QStringLiteral("×")));
    toRow->addWidget(height_, 1);
    toRow->addWidget(crop_);
    form->addRow(toRow);

    upscaler2_ = new QComboBox;
    upscaler2_->setObjectName(QStringLiteral("upscaler2"));
    upscaler2_->addItem(QStringLiteral("None"));
    for (const QString& n : upscalers)
        if (n != QLatin1String("None")) upscaler2_->addItem(n);
    visibility_ = new QDoubleSpinBox;
    visibility_->setObjectName(QStringLiteral("upscaler2Visibility"));
    visibility_->setRange(0.0, 1.0);
    visibility_->setSingleStep(0.05);
    auto* secondRow = new QHBoxLayout;
    secondRow->addWidget(upscaler2_, 1);
    secondRow->addWidget(new QLabel(tr("visibility")));
    secondRow->addWidget(visibility_);
    form->addRow(tr("Upscaler 2"), secondRow);

    result_ = new QLabel;
    result_->setObjectName(QStringLiteral("upscaleResult"));
    form->addRow(tr("Result"), result_);
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Upscale"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    for (QRadioButton* r : {byMode_, toMode_}) connect(r, &QRadioButton::toggled, this, &UpscaleDialog::refresh);
    connect(scale_, &QDoubleSpinBox::valueChanged, this, &UpscaleDialog::refresh);
    connect(width_, &QSpinBox::valueChanged, this, &UpscaleDialog::refresh);
    connect(height_, &QSpinBox::valueChanged, this, &UpscaleDialog::refresh);
    connect(crop_, &QCheckBox::toggled, this, &UpscaleDialog::refresh);
    connect(upscaler_, &QComboBox::currentTextChanged, this, &UpscaleDialog::refresh);
    connect(upscaler2_, &QComboBox::currentIndexChanged, this, &UpscaleDialog::refresh);
    refresh();
}

QSize UpscaleDialog::resultSize() const {
    if (imageSize_.isEmpty()) return {};
    const bool to = toMode_->isChecked();
    if (to && crop_->isChecked()) return {width_->value(), height_->value()};
    const double by =
        to ? std::max(double(width_->value()) / imageSize_.width(), double(height_->value()) / imageSize_.height())
           : scale_->value();
    return {int(std::floor(imageSize_.width() * by / 8.0) * 8), int(std::floor(imageSize_.height() * by / 8.0) * 8)};
}

QString UpscaleDialog::resultText() const {
    return result_->text();
}

void UpscaleDialog::refresh() {
    const bool to = toMode_->isChecked();
    scale_->setEnabled(!to);
    for (QWidget* w : {static_cast<QWidget*>(width_), static_cast<QWidget*>(height_), static_cast<QWidget*>(crop_)})
        w->setEnabled(to);
    visibility_->setEnabled(upscaler2_->currentIndex() > 0);
    const QSize s = resultSize();
    const bool ok = s.width() >= 8 && s.height() >= 8 && s.width() <= kMaxUpscaleSide && s.height() <= kMaxUpscaleSide;
    result_->setText(ok ? tr("%1 × %2").arg(s.width()).arg(s.height())
                        : tr("%1 × %2 is out of range").arg(s.width()).arg(s.height()));
    if (auto* b = findChild<QDialogButtonBox*>())
        b->button(QDialogButtonBox::Ok)->setEnabled(ok && upscaler_->count() > 0);
}

QJsonObject UpscaleDialog::params() const {
    QJsonObject p;
    p.insert(QStringLiteral("upscaler_1"), upscaler_->currentText());
    p.insert(QStringLiteral("resize_mode"), toMode_->isChecked() ? 1 : 0);
    p.insert(QStringLiteral("upscaling_resize"), scale_->value());
    if (toMode_->isChecked()) {
        p.insert(QStringLiteral("upscaling_resize_w"), width_->value());
        p.insert(QStringLiteral("upscaling_resize_h"), height_->value());
        p.insert(QStringLiteral("upscaling_crop"), crop_->isChecked());
    }
    if (upscaler2_->currentIndex() > 0 && visibility_->value() > 0) {
        p.insert(QStringLiteral("upscaler_2"), upscaler2_->currentText());
        p.insert(QStringLiteral("extras_upscaler_2_visibility"), visibility_->value());
    }
    return p;
}

void UpscaleDialog::setUpscaler(const QString& name) {
    const int i = upscaler_->findText(name);
    if (i >= 0) upscaler_->setCurrentIndex(i);
}

void UpscaleDialog::setScale(double scale) {
    byMode_->setChecked(true);
    scale_->setValue(scale);
}

void UpscaleDialog::setScaleTo(int width, int height, bool crop) {
    toMode_->setChecked(true);
    width_->setValue(width);
    height_->setValue(height);
    crop_->setChecked(crop);
}

} // namespace latent
