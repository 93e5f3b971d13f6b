// The prompt panel's "Hires. fix" section (A1111's txt2img accordion): a header with an
// enable box and the target size (shown as you type, also while collapsed), and a body, collapsed
// by default, with the upscaler (latent modes, None, Lanczos, Nearest, the library's upscaler
// models), hires steps, denoising strength, upscale by / resize width and height, hires sampler
// and schedule, and hires prompt / negative prompt. requestFields() gives the A1111
// /sdapi/v1/txt2img fields (enable_hr, hr_*, denoising_strength).
#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace latent {

class GenerationParams;

class HiresPanel : public QWidget {
    Q_OBJECT
public:
    explicit HiresPanel(QWidget* parent = nullptr);

    bool hiresEnabled() const;
    void setHiresEnabled(bool on);
    bool isExpanded() const;
    void setExpanded(bool on);

    // The first pass's size (the prompt panel's width and height): the target follows it.
    void setFirstPassSize(int width, int height);
    // Choices; the current selection is kept when it is still offered.
    void setUpscalers(const QStringList& names);
    void setSamplers(const QStringList& names);
    void setSchedules(const QStringList& labels);

    // "1024 × 1024" (the final size), or an explanation when the size is out of range.
    QString targetText() const;
    bool targetValid() const;
    // A1111 fields; an empty object when hires is off.
    QJsonObject requestFields() const;
    // Restores the hires fields of an infotext (A1111's paste rules; off when it has none).
    void applyParameters(const GenerationParams& params);

Q_SIGNALS:
    void changed();

private:
    void updateTarget();

    int firstWidth_ = 512, firstHeight_ = 512;
    QCheckBox* enable_;
    QToolButton* expand_;
    QLabel* target_;
    QWidget* body_;
    QComboBox* upscaler_;
    QSpinBox* steps_;
    QDoubleSpinBox* denoise_;
    QDoubleSpinBox* scale_;
    QSpinBox* resizeX_;
    QSpinBox* resizeY_;
    QComboBox* sampler_;
    QComboBox* schedule_;
    QLineEdit* prompt_;
    QLineEdit* negative_;
    bool targetValid_ = true;
};

} // namespace latent
