#include "ui/docks/controlnet_dock.h"

#include "app/jobs/control_units.h"
#include "app/jobs/job_inputs.h"
#include "app/library/model_library.h"
#include "app/metadata/generation_params.h"
#include "pipeline/control/preprocessors.h"
#include "pipeline/core/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QJsonArray>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

namespace latent {

namespace {

constexpr int kThumb = 160;

// The preprocessors' slider names (pipeline/control/preprocessors.cpp), for lupdate.
[[maybe_unused]] const char* const kSliderNames[] = {
    QT_TRANSLATE_NOOP("ControlNetSlider", "Preprocessor Resolution"),
    QT_TRANSLATE_NOOP("ControlNetSlider", "Canny Low Threshold"),
    QT_TRANSLATE_NOOP("ControlNetSlider", "Canny High Threshold"),
    QT_TRANSLATE_NOOP("ControlNetSlider", "Down Sampling Rate"),
    QT_TRANSLATE_NOOP("ControlNetSlider", "XDoG Threshold"),
    QT_TRANSLATE_NOOP("ControlNetSlider", "Binarization Threshold"),
    QT_TRANSLATE_NOOP("ControlNetSlider", "Sigma"),
};

ImageU8 toImageU8(const QImage& in) {
    const QImage q = in.convertToFormat(in.hasAlphaChannel() ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    const int ch = q.format() == QImage::Format_RGBA8888 ? 4 : 3;
    ImageU8 out(q.width(), q.height(), ch);
    for (int y = 0; y < q.height(); ++y) std::memcpy(out.row(y), q.constScanLine(y), size_t(q.width()) * ch);
    return out;
}

QImage toQImage(const ImageU8& m) {
    if (!m.valid()) return {};
    const QImage::Format f = m.channels == 4 ? QImage::Format_RGBA8888 : m.channels == 3 ? QImage::Format_RGB888
                                                                                       : QImage::Format_Grayscale8;
    return QImage(m.data.data(), int(m.width), int(m.height), int(m.width * m.channels), f).copy();
}

int roundTo8(int v) { return std::max(64, (v + 4) / 8 * 8); }

} // namespace

// ---- ControlImageLabel ----------------------------------------------------------------------

ControlImageLabel::ControlImageLabel(QWidget* parent) : QLabel(parent) {
    setAcceptDrops(true);
    setAlignment(Qt::AlignCenter);
    setMinimumSize(kThumb, kThumb * 3 / 4);
    setFrameShape(QFrame::StyledPanel);
    setWordWrap(true);
}

void ControlImageLabel::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* m = event->mimeData();
    bool ok = m->hasImage();
    for (const QUrl& u : m->urls()) ok = ok || u.isLocalFile();
    if (ok) event->acceptProposedAction();
}

void ControlImageLabel::dropEvent(QDropEvent* event) {
    const QMimeData* m = event->mimeData();
    for (const QUrl& u : m->urls())
        if (u.isLocalFile()) {
            Q_EMIT fileDropped(u.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    if (m->hasImage()) {
        const QImage img = qvariant_cast<QImage>(m->imageData());
        if (!img.isNull()) {
            Q_EMIT imageDropped(img);
            event->acceptProposedAction();
        }
    }
}

// ---- ControlNetUnitWidget -------------------------------------------------------------------

ControlNetUnitWidget::ControlNetUnitWidget(int index, QWidget* parent) : QWidget(parent), index_(index) {
    setObjectName(QStringLiteral("controlNetUnit%1").arg(index));
    auto* layout = new QVBoxLayout(this);
    enabled_ = new QCheckBox(tr("Enable"), this);
    enabled_->setObjectName(QStringLiteral("enabled"));
    layout->addWidget(enabled_);

    auto* images = new QHBoxLayout;
    imageLabel_ = new ControlImageLabel(this);
    imageLabel_->setObjectName(QStringLiteral("controlImage"));
    imageLabel_->setToolTip(tr("The control image: drop an image file or a gallery image here"));
    previewLabel_ = new QLabel(this);
    previewLabel_->setObjectName(QStringLiteral("preview"));
    previewLabel_->setAlignment(Qt::AlignCenter);
    previewLabel_->setMinimumSize(kThumb, kThumb * 3 / 4);
    previewLabel_->setFrameShape(QFrame::StyledPanel);
    previewLabel_->setToolTip(tr("The preprocessed control image"));
    images->addWidget(imageLabel_, 1);
    images->addWidget(previewLabel_, 1);
    layout->addLayout(images);
    previewNote_ = new QLabel(this);
    previewNote_->setObjectName(QStringLiteral("previewNote"));
    previewNote_->setWordWrap(true);
    previewNote_->setTextFormat(Qt::PlainText);
    layout->addWidget(previewNote_);

    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open…"), this);
    open->setObjectName(QStringLiteral("openImage"));
    auto* fromCanvas = new QPushButton(tr("From canvas"), this);
    fromCanvas->setObjectName(QStringLiteral("fromCanvas"));
    auto* clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("clearImage"));
    useSize_ = new QPushButton(tr("Use canvas size"), this);
    useSize_->setObjectName(QStringLiteral("useCanvasSize"));
    useSize_->setToolTip(tr("Set the generation size to this control image's size (multiples of 8)"));
    for (QPushButton* b : {open, fromCanvas, clear, useSize_}) buttons->addWidget(b);
    layout->addLayout(buttons);

    auto* form = new QFormLayout;
    model_ = new QComboBox(this);
    model_->setObjectName(QStringLiteral("model"));
    form->addRow(tr("Model"), model_);
    module_ = new QComboBox(this);
    module_->setObjectName(QStringLiteral("module"));
    auto* modules = new QStandardItemModel(module_);
    for (const PreprocessorInfo& p : control_preprocessors()) {
        auto* item = new QStandardItem(p.needs_model ? tr("%1 (needs model)").arg(QString::fromStdString(p.label))
                                                     : QString::fromStdString(p.label));
        item->setData(QString::fromStdString(p.name), Qt::UserRole);
        if (p.needs_model) {
            item->setEnabled(false);
            item->setToolTip(tr("Needs its own model, which is not available: %1").arg(QString::fromStdString(p.model_file)));
        }
        modules->appendRow(item);
    }
    module_->setModel(modules);
    form->addRow(tr("Preprocessor"), module_);
    resLabel_ = new QLabel(this);
    res_ = new QSpinBox(this);
    res_->setObjectName(QStringLiteral("resolution"));
    form->addRow(resLabel_, res_);
    aLabel_ = new QLabel(this);
    a_ = new QDoubleSpinBox(this);
    a_->setObjectName(QStringLiteral("thresholdA"));
    form->addRow(aLabel_, a_);
    bLabel_ = new QLabel(this);
    b_ = new QDoubleSpinBox(this);
    b_->setObjectName(QStringLiteral("thresholdB"));
    form->addRow(bLabel_, b_);
    auto spin = [this](const char* name, double lo, double hi, double value, double step) {
        auto* s = new QDoubleSpinBox(this);
        s->setObjectName(QLatin1String(name));
        s->setRange(lo, hi);
        s->setSingleStep(step);
        s->setDecimals(2);
        s->setValue(value);
        return s;
    };
    weight_ = spin("weight", 0, 2, 1, 0.05);
    start_ = spin("guidanceStart", 0, 1, 0, 0.01);
    end_ = spin("guidanceEnd", 0, 1, 1, 0.01);
    form->addRow(tr("Control weight"), weight_);
    form->addRow(tr("Starting control step"), start_);
    form->addRow(tr("Ending control step"), end_);
    mode_ = new QComboBox(this);
    mode_->setObjectName(QStringLiteral("controlMode"));
    mode_->addItem(tr("Balanced"), int(ControlMode::Balanced));
    mode_->addItem(tr("My prompt is more important"), int(ControlMode::Prompt));
    mode_->addItem(tr("ControlNet is more important"), int(ControlMode::Control));
    form->addRow(tr("Control mode"), mode_);
    resize_ = new QComboBox(this);
    resize_->setObjectName(QStringLiteral("resizeMode"));
    resize_->addItem(tr("Just Resize"), int(ControlResizeMode::JustResize));
    resize_->addItem(tr("Crop and Resize"), int(ControlResizeMode::CropAndResize));
    resize_->addItem(tr("Resize and Fill"), int(ControlResizeMode::ResizeAndFill));
    resize_->setCurrentIndex(1);
    form->addRow(tr("Resize mode"), resize_);
    hrOption_ = new QComboBox(this);
    hrOption_->setObjectName(QStringLiteral("hiresOption"));
    hrOption_->addItem(tr("Both"), int(ControlHiresOption::Both));
    hrOption_->addItem(tr("Low res only"), int(ControlHiresOption::LowResOnly));
    hrOption_->addItem(tr("High res only"), int(ControlHiresOption::HighResOnly));
    hrOption_->setToolTip(tr("With the hires fix: whether this unit acts in both passes, the first only or the second only"));
    form->addRow(tr("Hires fix"), hrOption_);
    pixelPerfect_ = new QCheckBox(tr("Pixel perfect"), this);
    pixelPerfect_->setObjectName(QStringLiteral("pixelPerfect"));
    form->addRow(QString(), pixelPerfect_);
    layout->addLayout(form);
    layout->addStretch(1);

    previewTimer_ = new QTimer(this);
    previewTimer_->setSingleShot(true);
    previewTimer_->setInterval(150);
    connect(previewTimer_, &QTimer::timeout, this, &ControlNetUnitWidget::runPreview);
    connect(&previewWatcher_, &QFutureWatcher<QImage>::finished, this, [this] {
        preview_ = previewWatcher_.result();
        if (preview_.isNull()) {
            previewLabel_->setPixmap({});
        } else {
            previewLabel_->setPixmap(QPixmap::fromImage(preview_.scaled(kThumb, kThumb, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        }
        if (previewAgain_) {
            previewAgain_ = false;
            runPreview();
            return;
        }
        Q_EMIT previewUpdated();
    });

    connect(module_, &QComboBox::currentIndexChanged, this, &ControlNetUnitWidget::onModuleChanged);
    for (QDoubleSpinBox* s : {a_, b_}) connect(s, &QDoubleSpinBox::valueChanged, this, &ControlNetUnitWidget::schedulePreview);
    connect(res_, &QSpinBox::valueChanged, this, &ControlNetUnitWidget::schedulePreview);
    connect(pixelPerfect_, &QCheckBox::toggled, this, &ControlNetUnitWidget::schedulePreview);
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Control Image"), QString(),
                                                          tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)"));
        QString error;
        if (!path.isEmpty() && !setImageFile(path, &error)) previewNote_->setText(error);
    });
    connect(fromCanvas, &QPushButton::clicked, this, [this] {
        const QImage img = canvas_ ? canvas_() : QImage();
        if (img.isNull()) previewNote_->setText(tr("There is no image on the canvas."));
        else setImage(img);
    });
    connect(clear, &QPushButton::clicked, this, &ControlNetUnitWidget::clearImage);
    connect(useSize_, &QPushButton::clicked, this, [this] {
        if (!image_.isNull()) Q_EMIT sizeRequested(roundTo8(image_.width()), roundTo8(image_.height()));
    });
    connect(imageLabel_, &ControlImageLabel::fileDropped, this, [this](const QString& path) {
        QString error;
        if (!setImageFile(path, &error)) previewNote_->setText(error);
    });
    connect(imageLabel_, &ControlImageLabel::imageDropped, this, &ControlNetUnitWidget::setImage);
    for (QComboBox* c : {model_, module_, mode_, resize_, hrOption_})
        connect(c, &QComboBox::currentIndexChanged, this, &ControlNetUnitWidget::changed);
    connect(enabled_, &QCheckBox::toggled, this, &ControlNetUnitWidget::changed);
    onModuleChanged();
    showImage();
}

bool ControlNetUnitWidget::unitEnabled() const { return enabled_->isChecked(); }

void ControlNetUnitWidget::onModuleChanged() {
    const PreprocessorInfo* p = find_preprocessor(module_->currentData(Qt::UserRole).toString().toStdString());
    if (!p) return;
    auto apply = [](const PreprocessorSlider& s, QLabel* label, auto* box) {
        const bool used = s.used();
        label->setVisible(used);
        box->setVisible(used);
        if (!used) return;
        label->setText(QCoreApplication::translate("ControlNetSlider", s.name.c_str()));
        const QSignalBlocker block(box);
        box->setRange(s.minimum, s.maximum);
        box->setSingleStep(s.step);
        box->setValue(s.value);
    };
    apply(p->resolution, resLabel_, res_);
    apply(p->slider_a, aLabel_, a_);
    apply(p->slider_b, bLabel_, b_);
    schedulePreview();
}

ControlUnit ControlNetUnitWidget::unit() const {
    ControlUnit u;
    u.enabled = enabled_->isChecked();
    u.model_path = model_->currentData().toString().toStdString();
    u.model_title = model_->currentText().toStdString();
    u.model = u.model_title;
    u.module = module_->currentData(Qt::UserRole).toString().toStdString();
    const PreprocessorInfo* p = find_preprocessor(u.module);
    u.processor_res = p && p->resolution.used() ? res_->value() : -1;
    u.threshold_a = p && p->slider_a.used() ? a_->value() : -1;
    u.threshold_b = p && p->slider_b.used() ? b_->value() : -1;
    u.weight = weight_->value();
    u.guidance_start = start_->value();
    u.guidance_end = end_->value();
    u.control_mode = static_cast<ControlMode>(mode_->currentData().toInt());
    u.resize_mode = static_cast<ControlResizeMode>(resize_->currentData().toInt());
    u.pixel_perfect = pixelPerfect_->isChecked();
    u.hr_option = static_cast<ControlHiresOption>(hrOption_->currentData().toInt());
    return u;
}

void ControlNetUnitWidget::setUnit(const ControlUnit& u) {
    enabled_->setChecked(u.enabled);
    const PreprocessorInfo* p = find_preprocessor(u.module);
    const int m = p ? module_->findData(QString::fromStdString(p->name), Qt::UserRole) : -1;
    if (m >= 0) module_->setCurrentIndex(m);
    onModuleChanged();
    if (p && p->resolution.used() && u.processor_res > 0) res_->setValue(u.processor_res);
    if (p && p->slider_a.used() && u.threshold_a >= 0) a_->setValue(u.threshold_a);
    if (p && p->slider_b.used() && u.threshold_b >= 0) b_->setValue(u.threshold_b);
    weight_->setValue(u.weight);
    start_->setValue(u.guidance_start);
    end_->setValue(u.guidance_end);
    mode_->setCurrentIndex(mode_->findData(int(u.control_mode)));
    resize_->setCurrentIndex(resize_->findData(int(u.resize_mode)));
    hrOption_->setCurrentIndex(hrOption_->findData(int(u.hr_option)));
    pixelPerfect_->setChecked(u.pixel_perfect);
    // The model: by path, by title, then by name without the hash.
    int i = u.model_path.empty() ? -1 : model_->findData(QString::fromStdString(u.model_path));
    const QString title = QString::fromStdString(u.model_title.empty() ? u.model : u.model_title);
    if (i < 0) i = model_->findText(title);
    if (i < 0) {
        const QString name = title.section(QStringLiteral(" ["), 0, 0);
        for (int k = 0; k < model_->count() && i < 0; ++k)
            if (model_->itemText(k).section(QStringLiteral(" ["), 0, 0).compare(name, Qt::CaseInsensitive) == 0) i = k;
    }
    if (i >= 0) model_->setCurrentIndex(i);
    else if (!title.isEmpty()) previewNote_->setText(tr("The ControlNet model %1 is not in the library.").arg(title));
    schedulePreview();
}

bool ControlNetUnitWidget::setImageFile(const QString& path, QString* error) {
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > 16384 || size.height() > 16384)) {
        if (error) *error = tr("The image %1 is larger than 16384 pixels on a side.").arg(QFileInfo(path).fileName());
        return false;
    }
    const QImage img = reader.read();
    if (img.isNull()) {
        if (error) *error = tr("%1 is not an image this program can read.").arg(QFileInfo(path).fileName());
        return false;
    }
    image_ = img;
    imagePath_ = QFileInfo(path).absoluteFilePath();
    enabled_->setChecked(true);
    showImage();
    schedulePreview();
    Q_EMIT changed();
    return true;
}

void ControlNetUnitWidget::setImage(const QImage& image) {
    if (image.isNull()) return;
    image_ = image;
    imagePath_.clear();
    enabled_->setChecked(true);
    showImage();
    schedulePreview();
    Q_EMIT changed();
}

void ControlNetUnitWidget::clearImage() {
    image_ = QImage();
    imagePath_.clear();
    preview_ = QImage();
    previewLabel_->setPixmap({});
    showImage();
    Q_EMIT changed();
}

void ControlNetUnitWidget::showImage() {
    if (image_.isNull()) {
        imageLabel_->setPixmap({});
        imageLabel_->setText(tr("Drop a control image here"));
        useSize_->setEnabled(false);
        return;
    }
    imageLabel_->setText(QString());
    imageLabel_->setPixmap(QPixmap::fromImage(image_.scaled(kThumb, kThumb, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    useSize_->setEnabled(true);
}

void ControlNetUnitWidget::setModels(const QList<QPair<QString, QString>>& models) {
    const QString current = model_->currentData().toString();
    const QSignalBlocker block(model_);
    model_->clear();
    for (const auto& [title, path] : models) model_->addItem(title, path);
    const int i = model_->findData(current);
    if (i >= 0) model_->setCurrentIndex(i);
}

bool ControlNetUnitWidget::previewPending() const { return previewTimer_->isActive() || previewWatcher_.isRunning(); }

void ControlNetUnitWidget::schedulePreview() {
    if (image_.isNull()) return;
    previewTimer_->start();
}

void ControlNetUnitWidget::runPreview() {
    if (image_.isNull()) return;
    if (previewWatcher_.isRunning()) {
        previewAgain_ = true;
        return;
    }
    ControlUnit u = unit();
    const ImageU8 pixels = toImageU8(image_);
    previewNote_->clear();
    previewWatcher_.setFuture(QtConcurrent::run([u, pixels]() -> QImage {
        try {
            const PreprocessorInfo* p = find_preprocessor(u.module);
            int res = u.processor_res;
            if (u.pixel_perfect)  // at the image's own size (the preview does not know the job's)
                res = pixel_perfect_resolution(pixels.width, pixels.height, pixels.width, pixels.height, u.resize_mode);
            ImageU8 out = run_preprocessor(p ? p->name : u.module, pixels, {}, res, u.threshold_a, u.threshold_b);
            if (out.channels == 4) out = hwc3(out);
            return toQImage(out);
        } catch (const std::exception&) {
            return {};
        }
    }));
}

// ---- ControlNetDock -------------------------------------------------------------------------

ControlNetDock::ControlNetDock(QWidget* parent) : QDockWidget(tr("ControlNet"), parent) {
    setObjectName(QStringLiteral("controlNetDock"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    tabs_ = new QTabWidget(scroll);
    tabs_->setObjectName(QStringLiteral("controlNetUnits"));
    for (int i = 0; i < kUnits; ++i) {
        auto* u = new ControlNetUnitWidget(i, tabs_);
        units_ << u;
        tabs_->addTab(u, tr("Unit %1").arg(i));
        connect(u, &ControlNetUnitWidget::sizeRequested, this, &ControlNetDock::sizeRequested);
    }
    scroll->setWidget(tabs_);
    setWidget(scroll);
}

void ControlNetDock::setLibrary(ModelLibrary* library) {
    library_ = library;
    if (library_) {
        connect(library_, &ModelLibrary::entriesChanged, this, &ControlNetDock::refreshModels);
        connect(library_, &ModelLibrary::entryChanged, this, &ControlNetDock::refreshModels);
        connect(library_, &ModelLibrary::entryRemoved, this, &ControlNetDock::refreshModels);
    }
    refreshModels();
}

void ControlNetDock::refreshModels() {
    QList<QPair<QString, QString>> models;
    if (library_)
        for (const ModelEntry& e : library_->entries(ModelKind::ControlNet)) {
            const QString title = e.autoV1.isEmpty() ? e.name() : QStringLiteral("%1 [%2]").arg(e.name(), e.autoV1.left(8));
            models.append({title, e.path});
        }
    std::sort(models.begin(), models.end(),
              [](const auto& a, const auto& b) { return a.first.compare(b.first, Qt::CaseInsensitive) < 0; });
    for (ControlNetUnitWidget* u : units_) u->setModels(models);
}

void ControlNetDock::setCanvasProvider(const std::function<QImage()>& provider) {
    for (ControlNetUnitWidget* u : units_) u->setCanvasProvider(provider);
}

bool ControlNetDock::contributeParams(QJsonObject& params, const QString& inputsDir, QStringList* written,
                                      QString* error) const {
    std::vector<ControlUnit> units;
    QList<ControlInputFiles> files;
    for (int i = 0; i < units_.size(); ++i) {
        const ControlNetUnitWidget* w = units_[i];
        if (!w->unitEnabled()) continue;
        ControlUnit u = w->unit();
        if (u.model_path.empty()) {
            *error = tr("ControlNet unit %1 has no model; add ControlNet models to the library.").arg(i);
            return false;
        }
        ControlInputFiles f;
        f.imagePath = w->imagePath();
        if (f.imagePath.isEmpty()) {
            if (w->image().isNull()) {
                *error = tr("ControlNet unit %1 has no control image.").arg(i);
                return false;
            }
            const QString path =
                QDir(inputsDir).filePath(JobInputFiles::canvasInputStem() + QStringLiteral("-control-%1.png").arg(i));
            if (!QDir().mkpath(inputsDir) || !w->image().save(path, "PNG")) {
                *error = tr("Cannot write the control image of unit %1 to %2.").arg(i).arg(inputsDir);
                return false;
            }
            if (written) written->append(path);
            f.imagePath = path;
        }
        units.push_back(u);
        files.append(f);
    }
    if (units.empty()) return true;
    QJsonObject scripts = params.value(QStringLiteral("alwayson_scripts")).toObject();
    scripts.insert(QStringLiteral("controlnet"), QJsonObject{{QStringLiteral("args"), controlNetApiArgs(units, files)}});
    params.insert(QStringLiteral("alwayson_scripts"), scripts);
    return true;
}

void ControlNetDock::applyParameters(const GenerationParams& params) {
    const std::vector<ControlUnit> restored = controlUnitsFromInfotext(params);
    for (int i = 0; i < units_.size(); ++i) {
        if (size_t(i) < restored.size()) {
            units_[i]->setUnit(restored[size_t(i)]);
        } else {
            ControlUnit off;
            off.enabled = false;
            units_[i]->setUnit(off);
        }
    }
}

} // namespace latent
