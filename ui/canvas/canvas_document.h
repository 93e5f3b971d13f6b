// The canvas document: the img2img / inpaint source image and its inpaint mask, with one
// QUndoStack for every edit of the mask and of the canvas size (DESIGN.md style 8: one brush
// stroke is one undo step).
//
// The mask is what the engine expects: an 8-bit grayscale image (QImage::Format_Grayscale8) of
// exactly the source's size, 255 = repaint, 0 = keep. writeInputs() writes the source (RGB, alpha
// flattened over white as A1111 does) and the mask as PNG files for a job to reference.
#pragma once

#include <QImage>
#include <QJsonObject>
#include <QObject>
#include <QPointF>
#include <QRect>
#include <QString>

class QUndoStack;

namespace latent {

enum class MaskTool { Brush, Eraser, Bucket };

// A1111 inpaint options (API names in brackets).
struct InpaintOptions {
    int maskBlur = 4;        // [mask_blur] pixels
    bool onlyMasked = false; // [inpaint_full_res] "Inpaint area: Only masked"
    int padding = 32;        // [inpaint_full_res_padding] pixels
    int maskedContent = 1;   // [inpainting_fill] 0 fill, 1 original, 2 latent noise, 3 latent nothing

    // Stable names of maskedContent: "fill", "original", "latent-noise", "latent-nothing".
    static QString maskedContentName(int value);
};

// The files and plain values a queued img2img / inpaint job references.
struct InpaintInputs {
    bool ok = false;
    QString error;      // why nothing was written (when !ok)
    QString sourcePath; // RGB PNG, the canvas size
    QString maskPath;   // 8-bit grayscale PNG, same size; empty when the mask is empty
    int width = 0;
    int height = 0;
    InpaintOptions options;

    // A1111 /sdapi/v1/img2img fields with file paths instead of base64 images:
    // {"init_image_path", "mask_path" (only with a mask), "width", "height", "mask_blur",
    //  "inpainting_fill", "inpaint_full_res", "inpaint_full_res_padding", "inpainting_mask_invert": 0}
    QJsonObject toApiParams() const;
};

class CanvasDocument : public QObject {
    Q_OBJECT
public:
    // Largest source the canvas accepts (either side and in pixels): 16384 px and 64 MP.
    static constexpr int kMaxSide = 16384;
    static constexpr qint64 kMaxPixels = qint64(8192) * 8192;

    explicit CanvasDocument(QObject* parent = nullptr);
    ~CanvasDocument() override;

    // A new source starts a new document: the mask is cleared and the undo history dropped.
    // Returns false (and changes nothing) when the image is null or too large.
    bool setSource(const QImage& image, QString* error = nullptr);
    void clear();

    bool hasSource() const { return !source_.isNull(); }
    const QImage& source() const { return source_; } // ARGB32 (premultiplied not used)
    const QImage& mask() const { return mask_; }     // Grayscale8, the source's size
    QSize size() const { return source_.size(); }
    bool maskIsEmpty() const;
    // No transparent pixel in the source (known from the format for RGB images, else scanned).
    bool sourceIsOpaque() const { return opaque_; }
    // Exported mask: Grayscale8 of exactly the source's size, 255 = repaint.
    QImage exportMask() const { return mask_.copy(); }

    QUndoStack* undoStack() const { return undo_; }

    // --- mask painting (image coordinates; diameter in image pixels, hardness 0..1) ---------------
    void beginStroke(MaskTool tool, double diameter, double hardness, const QPointF& at);
    void continueStroke(const QPointF& to);
    void endStroke();    // pushes the stroke as one undo step (nothing when it changed nothing)
    void cancelStroke(); // restores the mask as it was before the stroke
    bool strokeActive() const { return stroking_; }

    // Flood-fills the unmasked area connected to `at` (4-neighbourhood, pixels < 128). One undo step.
    void bucketFill(const QPoint& at);
    void fillMask(); // everything masked
    void clearMask();
    void invertMask();

    // Outpainting: grows the canvas by the given pixels on each side. The new area takes the
    // nearest edge pixels of the source and is fully masked. One undo step.
    bool extendCanvas(int left, int top, int right, int bottom, QString* error = nullptr);

    // Writes the source (RGB PNG) and, when the mask is not empty, the mask (grayscale PNG) into
    // `folder` (created if needed) under new unique names; never overwrites a file.
    InpaintInputs writeInputs(const QString& folder, const InpaintOptions& options) const;

    // Internal: used by the undo commands.
    void applyMaskRegion(const QRect& rect, const QImage& pixels);
    void applyCanvas(const QImage& source, const QImage& mask);

Q_SIGNALS:
    void sourceChanged(); // new source, or its size changed (outpaint, undo of it)
    void maskChanged(const QRect& rect);

private:
    void dabSegment(const QPointF& from, const QPointF& to);
    void dab(const QPointF& centre);
    void pushMaskEdit(const QRect& rect, const QImage& before, const QString& text);

    QImage source_;
    QImage mask_;
    bool opaque_ = true;
    QUndoStack* undo_;

    // Active stroke.
    bool stroking_ = false;
    MaskTool tool_ = MaskTool::Brush;
    double radius_ = 24;
    double hardness_ = 0.8;
    QPointF last_;
    double carry_ = 0; // distance along the path since the last dab
    QImage before_;    // the mask at stroke start
    QImage coverage_;  // max dab coverage of this stroke, Grayscale8
    QRect dirty_;
};

} // namespace latent
