#include "ui/widgets/hires_panel.h"

#include "app/cli/hires_request.h"
#include "app/metadata/generation_params.h"
#include "pipeline/pipelines/generation.h"
#include "pipeline/pipelines/hires_target.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace latent {

namespace {
// A1111's first entries of the hires sampler / schedule lists (index 0: the first pass's).
QString sameSampler() { return latent::HiresPanel::tr("Use same sampler"); }
QString sameSchedule() { return latent::HiresPanel::tr("Use same scheduler"); }

// Replaces a combo's items (item 0 = `first` when given), keeping the current text if offered.
void refill(QComboBox* box, const QString& first, const QStringList& names) {
    const QString current = box->currentText();
    box->blockSignals(true);
    box->clear();
    if (!first.isEmpty()) box->addItem(first);
    box->addItems(names);
    const int i = box->findText(current);
    box->setCurrentIndex(i >= 0 ? i : 0);
    box->blockSignals(false);
}
} // namespace

HiresPanel::HiresPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("hiresPanel"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    auto* header = new QHBoxLayout;
    expand_ = new QToolButton;
    expand_->setObjectName(QStringLiteral("hiresExpand"));
    expand_->setCheckable(true);
    expand_->setArrowType(Qt::RightArrow);
    expand_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    expand_->setAutoRaise(true);
    expand_->setText(tr("Hires. fix"));
    expand_->setToolTip(tr("Upscale the image and run a second pass over it (AUTOMATIC1111's hires fix)"));
    enable_ = new QCheckBox(tr("Enable"));
    enable_->setObjectName(QStringLiteral("hiresEnable"));
    target_ = new QLabel;
    target_->setObjectName(QStringLiteral("hiresTarget"));
    header->addWidget(expand_);
    header->addWidget(enable_);
    header->addStretch(1);
    header->addWidget(target_);
    outer->addLayout(header);

    body_ = new QWidget;
    body_->setObjectName(QStringLiteral("hiresBody"));
    auto* form = new QFormLayout(body_);
    form->setContentsMargins(16, 0, 0, 0);
    upscaler_ = new QComboBox;
    upscaler_->setObjectName(QStringLiteral("hiresUpscaler"));
    upscaler_->addItem(QStringLiteral("Latent"));
    form->addRow(tr("Upscaler"), upscaler_);
    steps_ = new QSpinBox;
    steps_->setObjectName(QStringLiteral("hiresSteps"));
    steps_->setRange(0, 150);
    steps_->setSpecialValueText(tr("same as sampling steps"));
    form->addRow(tr("Hires steps"), steps_);
    denoise_ = new QDoubleSpinBox;
    denoise_->setObjectName(QStringLiteral("hiresDenoise"));
    denoise_->setRange(0.0, 1.0);
    denoise_->setSingleStep(0.05);
    denoise_->setValue(0.7);
    form->addRow(tr("Denoising strength"), denoise_);
    scale_ = new QDoubleSpinBox;
    scale_->setObjectName(QStringLiteral("hiresScale"));
    scale_->setRange(1.0, 4.0);
    scale_->setSingleStep(0.05);
    scale_->setValue(2.0);
    form->addRow(tr("Upscale by"), scale_);
    auto* resizeRow = new QHBoxLayout;
    resizeX_ = new QSpinBox;
    resizeX_->setObjectName(QStringLiteral("hiresResizeX"));
    resizeY_ = new QSpinBox;
    resizeY_->setObjectName(QStringLiteral("hiresResizeY"));
    for (QSpinBox* s : {resizeX_, resizeY_}) {
        s->setRange(0, 2048); // A1111's sliders
        s->setSingleStep(8);
        s->setSpecialValueText(tr("auto"));
    }
    resizeRow->addWidget(resizeX_);
    resizeRow->addWidget(new QLabel(QStringLiteral("×")));
    resizeRow->addWidget(resizeY_);
    form->addRow(tr("Resize to"), resizeRow);
    sampler_ = new QComboBox;
    sampler_->setObjectName(QStringLiteral("hiresSampler"));
    sampler_->addItem(sameSampler());
    form->addRow(tr("Hires sampler"), sampler_);
    schedule_ = new QComboBox;
    schedule_->setObjectName(QStringLiteral("hiresSchedule"));
    schedule_->addItem(sameSchedule());
    form->addRow(tr("Hires schedule type"), schedule_);
    prompt_ = new QLineEdit;
    prompt_->setObjectName(QStringLiteral("hiresPrompt"));
    prompt_->setPlaceholderText(tr("same as the prompt"));
    form->addRow(tr("Hires prompt"), prompt_);
    negative_ = new QLineEdit;
    negative_->setObjectName(QStringLiteral("hiresNegative"));
    negative_->setPlaceholderText(tr("same as the negative prompt"));
    form->addRow(tr("Hires negative"), negative_);
    outer->addWidget(body_);
    body_->setVisible(false);

    connect(expand_, &QToolButton::toggled, this, [this](bool on) { setExpanded(on); });
    auto changedSlot = [this] {
        updateTarget();
        Q_EMIT changed();
    };
    connect(enable_, &QCheckBox::toggled, this, changedSlot);
    connect(scale_, &QDoubleSpinBox::valueChanged, this, changedSlot);
    connect(resizeX_, &QSpinBox::valueChanged, this, changedSlot);
    connect(resizeY_, &QSpinBox::valueChanged, this, changedSlot);
    updateTarget();
}

bool HiresPanel::hiresEnabled() const {
    return enable_->isChecked();
}
void HiresPanel::setHiresEnabled(bool on) {
    enable_->setChecked(on);
}
bool HiresPanel::isExpanded() const {
    return body_->isVisibleTo(this);
}

void HiresPanel::setExpanded(bool on) {
    expand_->blockSignals(true);
    expand_->setChecked(on);
    expand_->blockSignals(false);
    expand_->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    body_->setVisible(on);
}

void HiresPanel::setFirstPassSize(int width, int height) {
    firstWidth_ = width;
    firstHeight_ = height;
    updateTarget();
}

void HiresPanel::setUpscalers(const QStringList& names) {
    refill(upscaler_, {}, names);
}
void HiresPanel::setSamplers(const QStringList& names) {
    refill(sampler_, sameSampler(), names);
}
void HiresPanel::setSchedules(const QStringList& labels) {
    refill(schedule_, sameSchedule(), labels);
}

QString HiresPanel::targetText() const {
    return target_->text();
}
bool HiresPanel::targetValid() const {
    return targetValid_;
}

void HiresPanel::updateTarget() {
    GenerationRequest r;
    r.width = firstWidth_;
    r.height = firstHeight_;
    r.hires.scale = scale_->value();
    r.hires.resize_x = resizeX_->value();
    r.hires.resize_y = resizeY_->value();
    const HiresTarget t = hires_target(r);
    targetValid_ = t.width >= 64 && t.height >= 64 && t.width <= 8192 && t.height <= 8192 && t.upscale_to_x <= 8192 &&
                   t.upscale_to_y <= 8192;
    target_->setText(targetValid_ ? tr("%1 × %2").arg(t.width).arg(t.height)
                                  : tr("%1 × %2 is out of range (64 to 8192)").arg(t.width).arg(t.height));
    target_->setEnabled(enable_->isChecked());
    scale_->setEnabled(resizeX_->value() == 0 && resizeY_->value() == 0);
}

QJsonObject HiresPanel::requestFields() const {
    if (!enable_->isChecked()) return {};
    QJsonObject o;
    o.insert(QStringLiteral("enable_hr"), true);
    o.insert(QStringLiteral("hr_upscaler"), upscaler_->currentText());
    o.insert(QStringLiteral("hr_second_pass_steps"), steps_->value());
    o.insert(QStringLiteral("denoising_strength"), denoise_->value());
    o.insert(QStringLiteral("hr_scale"), scale_->value());
    o.insert(QStringLiteral("hr_resize_x"), resizeX_->value());
    o.insert(QStringLiteral("hr_resize_y"), resizeY_->value());
    if (sampler_->currentIndex() > 0) o.insert(QStringLiteral("hr_sampler_name"), sampler_->currentText());
    if (schedule_->currentIndex() > 0) o.insert(QStringLiteral("hr_scheduler"), schedule_->currentText());
    if (!prompt_->text().isEmpty()) o.insert(QStringLiteral("hr_prompt"), prompt_->text());
    if (!negative_->text().isEmpty()) o.insert(QStringLiteral("hr_negative_prompt"), negative_->text());
    return o;
}

void HiresPanel::applyParameters(const GenerationParams& params) {
    GenerationRequest r;
    applyHiresInfotext(params, r);
    const HiresOptions& h = r.hires;
    setHiresEnabled(h.enable);
    if (!h.enable) return;
    const QString up = h.upscaler.empty() ? QStringLiteral("Latent") : QString::fromStdString(h.upscaler);
    if (upscaler_->findText(up) < 0) upscaler_->addItem(up); // not installed: shown, and the job says so
    upscaler_->setCurrentText(up);
    steps_->setValue(int(h.second_pass_steps));
    if (params.denoisingStrength) denoise_->setValue(*params.denoisingStrength);
    scale_->setValue(h.scale);
    resizeX_->setValue(int(h.resize_x));
    resizeY_->setValue(int(h.resize_y));
    const int si = sampler_->findText(QString::fromStdString(h.sampler));
    sampler_->setCurrentIndex(h.sampler.empty() || si < 0 ? 0 : si);
    const int ci = schedule_->findText(QString::fromStdString(h.schedule));
    schedule_->setCurrentIndex(h.schedule.empty() || ci < 0 ? 0 : ci);
    prompt_->setText(QString::fromStdString(h.prompt));
    negative_->setText(QString::fromStdString(h.negative_prompt));
    updateTarget();
}

} // namespace latent
