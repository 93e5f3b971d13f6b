// Inpaint mask tools: brush / eraser / bucket, size, hardness, mask opacity and visibility, fill,
// clear, invert, undo / redo, outpainting (extend the canvas) and A1111's inpaint options.
// setCanvas() binds every control to a canvas; options() gives the job's inpaint values.
#pragma once

#include "ui/canvas/canvas_document.h"

#include <QDockWidget>

class QButtonGroup;
class QComboBox;
class QSlider;
class QSpinBox;
class QCheckBox;
class QLabel;
class QPushButton;
class QToolButton;

namespace latent {

class CanvasView;

class InpaintDock : public QDockWidget {
    Q_OBJECT
public:
    explicit InpaintDock(QWidget* parent = nullptr);

    // Binds the tools and buttons to `canvas` (not owned; must outlive the dock or be unset).
    void setCanvas(CanvasView* canvas);
    CanvasView* canvas() const { return canvas_; }

    InpaintOptions options() const;
    void setOptions(const InpaintOptions& options);

    // Outpaint amounts (pixels) currently set.
    int extendLeft() const;
    int extendTop() const;
    int extendRight() const;
    int extendBottom() const;
    void setExtend(int left, int top, int right, int bottom);

public Q_SLOTS:
    // Extends the bound canvas by the outpaint amounts (one undo step).
    bool extendCanvas();

Q_SIGNALS:
    void clearMaskRequested();
    void invertMaskRequested();
    void fillMaskRequested();
    void optionsChanged();

private:
    void syncFromCanvas();
    void updateEnabled();

    CanvasView* canvas_ = nullptr;
    QButtonGroup* tools_;
    QSlider* brushSize_;
    QLabel* brushSizeValue_;
    QSlider* hardness_;
    QSlider* opacity_;
    QCheckBox* showMask_;
    QSpinBox* maskBlur_;
    QComboBox* inpaintArea_;
    QSpinBox* padding_;
    QComboBox* maskedContent_;
    QSpinBox* extend_[4];
    QPushButton* extendButton_;
    QToolButton* undo_;
    QToolButton* redo_;
    QLabel* status_;
};

} // namespace latent
