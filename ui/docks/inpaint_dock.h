// Inpaint mask tools: brush/eraser, size, hardness, mask opacity and A1111 inpaint options.
#pragma once

#include <QDockWidget>

class QButtonGroup;
class QComboBox;
class QSlider;
class QSpinBox;
class QCheckBox;

namespace latent {

class InpaintDock : public QDockWidget {
    Q_OBJECT
public:
    explicit InpaintDock(QWidget* parent = nullptr);

Q_SIGNALS:
    void clearMaskRequested();
    void invertMaskRequested();
    void fillMaskRequested();

private:
    QButtonGroup* tools_;
    QSlider* brushSize_;
    QSlider* hardness_;
    QSlider* opacity_;
    QCheckBox* showMask_;
    QSpinBox* maskBlur_;
    QComboBox* inpaintArea_;
    QSpinBox* padding_;
    QComboBox* maskedContent_;
};

} // namespace latent
