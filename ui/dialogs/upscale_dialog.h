// "Upscale…" for one image (A1111's Extras tab): upscaler, scale by or scale to (with crop),
// an optional second upscaler blended in by its visibility, and the result size as you change
// them. params() gives the fields of the queued "upscale" job (A1111 /sdapi/v1/extra-single-image
// names); the caller adds "image_path".
#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QSize>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace latent {

class UpscaleDialog : public QDialog {
    Q_OBJECT
public:
    // `upscalers`: the names to offer (UpscalerCatalog::names(roots, false)).
    UpscaleDialog(const QString& imageName, const QSize& imageSize, const QStringList& upscalers,
                  QWidget* parent = nullptr);

    QJsonObject params() const;
    QSize resultSize() const; // as A1111 computes it (int(size·scale) // 8 · 8, or the crop size)
    QString resultText() const;

    // For tests and callers that preset a choice.
    void setUpscaler(const QString& name);
    void setScale(double scale);
    void setScaleTo(int width, int height, bool crop);

private:
    void refresh();

    QSize imageSize_;
    QComboBox* upscaler_;
    QRadioButton* byMode_;
    QRadioButton* toMode_;
    QDoubleSpinBox* scale_;
    QSpinBox* width_;
    QSpinBox* height_;
    QCheckBox* crop_;
    QComboBox* upscaler2_;
    QDoubleSpinBox* visibility_;
    QLabel* result_;
};

} // namespace latent
