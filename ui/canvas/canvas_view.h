// The central canvas: shows the current image at any zoom (fit, 100 %, wheel zoom around the
// cursor, pan with the middle button or Space+drag) and accepts dropped image files.
#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

namespace latent {

class CanvasView : public QWidget {
    Q_OBJECT
public:
    explicit CanvasView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    const QImage& image() const { return image_; }
    bool hasImage() const { return !image_.isNull(); }

    double zoom() const { return zoom_; }
    bool fitsToWindow() const { return fit_; }

public Q_SLOTS:
    void zoomToFit();
    void zoomToActualSize();
    void zoomBy(double factor, const QPointF& anchor);

Q_SIGNALS:
    // A local image file was dropped on the canvas.
    void imageFileDropped(const QString& path);
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QRectF imageRect() const;
    void updateFit();

    QImage image_;
    double zoom_ = 1.0;
    bool fit_ = true;
    QPointF offset_;  // top-left of the image in widget coordinates
    bool panning_ = false;
    bool spaceHeld_ = false;
    QPointF lastPos_;
};

} // namespace latent
