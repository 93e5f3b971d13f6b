// The central canvas: shows the document's source image and its inpaint mask at any zoom (fit,
// 100 %, wheel zoom around the cursor, pan with the middle button or Space+drag), paints the mask
// with the left button (brush, eraser, bucket), and takes images by drag-and-drop (files from the
// desktop or the gallery) and from the clipboard (Ctrl+V). A dropped PNG with an A1111 infotext
// offers, in a bar over the canvas, to restore its parameters (restoreParametersRequested).
// During a generation it shows the worker's previews over the document without changing it.
#pragma once

#include "app/metadata/generation_params.h"
#include "ui/canvas/canvas_document.h"

#include <QImage>
#include <QPixmap>
#include <QPointF>
#include <QWidget>

class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QThreadPool;
class QMimeData;

namespace latent {

class CanvasView : public QWidget {
    Q_OBJECT
public:
    explicit CanvasView(QWidget* parent = nullptr);

    CanvasDocument* document() const { return doc_; }

    // Shows `image` as the new source (new document). Returns false when it is refused.
    bool setImage(const QImage& image);
    const QImage& image() const { return doc_->source(); }
    bool hasImage() const { return doc_->hasSource(); }

    // A generation preview (the latent-size projection), shown fitted to the window at
    // `displaySize` (the job's image size) in place of the document, which stays untouched; mask
    // painting pauses while it shows. It is scaled to the window on a pool thread (the GUI thread
    // only blits it); previewShown() tells when the scaled one is on screen. setImage(),
    // loadImageFile() and clearPreview() end it.
    void showPreview(const QImage& preview, const QSize& displaySize);
    void clearPreview();
    bool hasPreview() const { return !previewSource_.isNull(); }
    bool previewShown() const { return hasPreview() && !previewScaled_.isNull(); }

    // Opens a file as the new source (size caps, PNG info). On failure the canvas is unchanged,
    // the reason is shown in the canvas bar and returned in *error.
    bool loadImageFile(const QString& path, QString* error = nullptr);
    // Takes the image (or the first image file) from mime data, e.g. the clipboard.
    bool loadFromMimeData(const QMimeData* mime, QString* error = nullptr);

    // The infotext of the image last opened from a file (empty when none).
    QString currentInfotext() const { return infotext_; }
    QString currentPath() const { return path_; }

    double zoom() const { return zoom_; }
    bool fitsToWindow() const { return fit_; }
    QPointF imageToWidget(const QPointF& p) const { return offset_ + p * zoom_; }
    QPointF widgetToImage(const QPointF& p) const { return (p - offset_) / zoom_; }

    // Tool settings (the inpaint dock drives them).
    MaskTool tool() const { return tool_; }
    double brushSize() const { return brushSize_; }
    double hardness() const { return hardness_; }
    double maskOpacity() const { return maskOpacity_; }
    bool maskVisible() const { return maskVisible_; }

    // The message bar over the canvas (PNG info offer, errors).
    bool isOfferVisible() const;
    QString barText() const;

    // Lets another widget (e.g. the welcome page shown instead of the canvas) accept drops for it.
    void acceptDropsOn(QWidget* widget);

    QAction* undoAction() const { return undoAction_; }
    QAction* redoAction() const { return redoAction_; }
    QAction* pasteAction() const { return pasteAction_; }

public Q_SLOTS:
    void zoomToFit();
    void zoomToActualSize();
    void zoomBy(double factor, const QPointF& anchor);
    void setTool(latent::MaskTool tool);
    void setBrushSize(double diameter);
    void setHardness(double hardness);
    void setMaskOpacity(double opacity);
    void setMaskVisible(bool visible);
    bool pasteFromClipboard();
    // Emits restoreParametersRequested for the current image's infotext and hides the offer.
    void restoreParameters();
    void dismissBar();

Q_SIGNALS:
    // A new source image is on the canvas; `path` is empty for pasted / dropped pixels.
    void imageLoaded(const QString& path, const QString& infotext);
    // A local image file was dropped on the canvas (after it was opened).
    void imageFileDropped(const QString& path);
    // The user accepted the offer to restore the parameters of a dropped / opened PNG.
    void restoreParametersRequested(const latent::GenerationParams& params);
    void loadFailed(const QString& message);
    void zoomChanged(double zoom);
    void toolSettingsChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QRectF imageRect() const;
    void updateFit();
    void onSourceChanged();
    void onMaskChanged(const QRect& rect);
    bool rebuildOverlay(const QRect& rect); // true when the rect has masked pixels
    void paintPreview(QPainter& p);
    QRect previewTarget() const;
    void schedulePreviewScale();
    void endPreview();
    void showBar(const QString& text, bool offerRestore, bool error);
    void positionBar();
    static bool canAccept(const QMimeData* mime);

    CanvasDocument* doc_;
    QImage overlay_;           // mask tinted for display (ARGB32 premultiplied), the source's size
    bool overlayEmpty_ = true; // the mask is empty: the overlay is not drawn
    QPixmap sourcePixmap_;     // the source in the display's format, for fast painting
    bool sourceOpaque_ = true; // no transparent pixel: no checkerboard under it
    QPixmap checker_;          // one tile of the checkerboard
    QImage previewSource_;     // the latest preview, latent size
    QSize previewSize_;        // the size it stands for
    QImage previewScaled_;     // previewSource_ scaled to previewRect_ (pool thread)
    QRect previewRect_;
    bool previewScaling_ = false;
    bool previewPending_ = false; // a newer preview (or size) waits for the running scale
    int previewEpoch_ = 0;        // bumped when a preview ends: late scales are dropped
    QThreadPool* previewPool_;    // one thread that stays (no thread start per preview)
    QString infotext_;
    QString path_;

    double zoom_ = 1.0;
    bool fit_ = true;
    QPointF offset_; // top-left of the image in widget coordinates
    bool panning_ = false;
    bool spaceHeld_ = false;
    bool painting_ = false;
    QPointF lastPos_;
    QPointF hoverPos_;
    bool hovering_ = false;

    MaskTool tool_ = MaskTool::Brush;
    double brushSize_ = 48;
    double hardness_ = 0.8;
    double maskOpacity_ = 0.5;
    bool maskVisible_ = true;

    QFrame* bar_;
    QLabel* barLabel_;
    QPushButton* restoreButton_;
    QPushButton* dismissButton_;
    QLabel* zoomLabel_;

    QAction* undoAction_;
    QAction* redoAction_;
    QAction* pasteAction_;
};

} // namespace latent
