#include "ui/canvas/canvas_document.h"

#include "app/jobs/job_inputs.h"
#include "app/storage/image_writer.h"

#include <QFile>
#include <QJsonArray>
#include <QPainter>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace latent {

namespace {
bool allOpaque(const QImage& argb32) {
    for (int y = 0; y < argb32.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(argb32.constScanLine(y));
        for (int x = 0; x < argb32.width(); ++x)
            if (qAlpha(row[x]) != 255) return false;
    }
    return true;
}
} // namespace

namespace {

// One undoable change of a rectangle of the mask.
class MaskEditCommand : public QUndoCommand {
public:
    MaskEditCommand(CanvasDocument* doc, const QRect& rect, QImage before, QImage after, const QString& text)
        : QUndoCommand(text), doc_(doc), rect_(rect), before_(std::move(before)), after_(std::move(after)) {}
    void undo() override { doc_->applyMaskRegion(rect_, before_); }
    void redo() override { doc_->applyMaskRegion(rect_, after_); }

private:
    CanvasDocument* doc_;
    QRect rect_;
    QImage before_;
    QImage after_;
};

// One undoable change of the whole canvas (outpainting).
class CanvasResizeCommand : public QUndoCommand {
public:
    CanvasResizeCommand(CanvasDocument* doc, QImage oldSource, QImage oldMask, QImage newSource, QImage newMask,
                        const QString& text)
        : QUndoCommand(text), doc_(doc), oldSource_(std::move(oldSource)), oldMask_(std::move(oldMask)),
          newSource_(std::move(newSource)), newMask_(std::move(newMask)) {}
    void undo() override { doc_->applyCanvas(oldSource_, oldMask_); }
    void redo() override { doc_->applyCanvas(newSource_, newMask_); }

private:
    CanvasDocument* doc_;
    QImage oldSource_, oldMask_, newSource_, newMask_;
};

// Coverage (0..1) of a round dab at distance d from its centre.
double dabCoverage(double d, double radius, double hardness) {
    const double width = std::max(1.0, radius * (1.0 - hardness)); // soft edge width
    const double inner = radius - width;
    if (d <= inner) return 1.0;
    if (d >= radius) return 0.0;
    const double t = (d - inner) / width;
    return 1.0 - t * t * (3.0 - 2.0 * t); // smoothstep falloff
}

ImagePixels toPixels(const QImage& image, int channels) {
    ImagePixels px;
    px.width = image.width();
    px.height = image.height();
    px.channels = channels;
    const qsizetype rowBytes = qsizetype(px.width) * channels;
    px.data.resize(rowBytes * px.height);
    for (int y = 0; y < px.height; ++y)
        std::memcpy(px.data.data() + rowBytes * y, image.constScanLine(y), size_t(rowBytes));
    return px;
}

} // namespace

QString InpaintOptions::maskedContentName(int value) {
    switch (value) {
    case 0:
        return QStringLiteral("fill");
    case 1:
        return QStringLiteral("original");
    case 2:
        return QStringLiteral("latent-noise");
    case 3:
        return QStringLiteral("latent-nothing");
    default:
        return QStringLiteral("original");
    }
}

QJsonObject InpaintInputs::toApiParams() const {
    QJsonObject o;
    o.insert(QStringLiteral("init_image_path"), sourcePath);
    if (!maskPath.isEmpty()) o.insert(QStringLiteral("mask_path"), maskPath);
    o.insert(QStringLiteral("width"), width);
    o.insert(QStringLiteral("height"), height);
    o.insert(QStringLiteral("mask_blur"), options.maskBlur);
    o.insert(QStringLiteral("inpainting_fill"), options.maskedContent);
    o.insert(QStringLiteral("inpaint_full_res"), options.onlyMasked);
    o.insert(QStringLiteral("inpaint_full_res_padding"), options.padding);
    o.insert(QStringLiteral("inpainting_mask_invert"), 0);
    return o;
}

CanvasDocument::CanvasDocument(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {}

CanvasDocument::~CanvasDocument() = default;

bool CanvasDocument::setSource(const QImage& image, QString* error) {
    if (image.isNull()) {
        if (error) *error = tr("The image is empty.");
        return false;
    }
    if (image.width() > kMaxSide || image.height() > kMaxSide || qint64(image.width()) * image.height() > kMaxPixels) {
        if (error)
            *error = tr("The image is %1×%2 pixels; the canvas takes at most %3 pixels a side and %4 megapixels.")
                         .arg(image.width())
                         .arg(image.height())
                         .arg(kMaxSide)
                         .arg(kMaxPixels / 1000000);
        return false;
    }
    cancelStroke();
    undo_->clear();
    source_ = image.convertToFormat(QImage::Format_ARGB32);
    opaque_ = !image.hasAlphaChannel() || allOpaque(source_);
    mask_ = QImage(source_.size(), QImage::Format_Grayscale8);
    mask_.fill(0);
    Q_EMIT sourceChanged();
    Q_EMIT maskChanged(mask_.rect());
    return true;
}

void CanvasDocument::clear() {
    cancelStroke();
    undo_->clear();
    source_ = QImage();
    mask_ = QImage();
    Q_EMIT sourceChanged();
}

bool CanvasDocument::maskIsEmpty() const {
    if (mask_.isNull()) return true;
    for (int y = 0; y < mask_.height(); ++y) {
        const uchar* row = mask_.constScanLine(y);
        for (int x = 0; x < mask_.width(); ++x)
            if (row[x]) return false;
    }
    return true;
}

// --- strokes --------------------------------------------------------------------------------------

void CanvasDocument::beginStroke(MaskTool tool, double diameter, double hardness, const QPointF& at) {
    if (!hasSource()) return;
    if (stroking_) endStroke();
    if (tool == MaskTool::Bucket) {
        bucketFill(QPoint(int(std::floor(at.x())), int(std::floor(at.y()))));
        return;
    }
    stroking_ = true;
    tool_ = tool;
    radius_ = std::max(0.5, diameter / 2.0);
    hardness_ = std::clamp(hardness, 0.0, 1.0);
    before_ = mask_.copy();
    coverage_ = QImage(mask_.size(), QImage::Format_Grayscale8);
    coverage_.fill(0);
    dirty_ = QRect();
    last_ = at;
    carry_ = 0;
    dab(at);
}

void CanvasDocument::continueStroke(const QPointF& to) {
    if (!stroking_) return;
    dabSegment(last_, to);
    last_ = to;
}

void CanvasDocument::dabSegment(const QPointF& from, const QPointF& to) {
    const double spacing = std::max(0.5, radius_ * 0.2);
    const QPointF delta = to - from;
    const double length = std::hypot(delta.x(), delta.y());
    if (length <= 0) return;
    double pos = spacing - carry_;
    while (pos <= length) {
        dab(from + delta * (pos / length));
        pos += spacing;
    }
    carry_ = length - (pos - spacing);
}

void CanvasDocument::dab(const QPointF& c) {
    const QRect box = QRect(QPoint(int(std::floor(c.x() - radius_)), int(std::floor(c.y() - radius_))),
                            QPoint(int(std::ceil(c.x() + radius_)), int(std::ceil(c.y() + radius_))))
                          .intersected(mask_.rect());
    if (box.isEmpty()) return;
    const bool erase = tool_ == MaskTool::Eraser;
    for (int y = box.top(); y <= box.bottom(); ++y) {
        uchar* cov = coverage_.scanLine(y);
        uchar* out = mask_.scanLine(y);
        const uchar* base = before_.constScanLine(y);
        const double dy = y + 0.5 - c.y();
        for (int x = box.left(); x <= box.right(); ++x) {
            const double dx = x + 0.5 - c.x();
            const int v = int(std::lround(255.0 * dabCoverage(std::sqrt(dx * dx + dy * dy), radius_, hardness_)));
            if (v <= cov[x]) continue;
            cov[x] = uchar(v);
            const int m = base[x];
            // The stroke's coverage is the maximum of its dabs, applied once over the mask as it
            // was at stroke start: overlapping dabs never build up beyond one pass.
            out[x] = uchar(erase ? (m * (255 - v) + 127) / 255 : m + ((255 - m) * v + 127) / 255);
        }
    }
    dirty_ = dirty_.united(box);
    Q_EMIT maskChanged(box);
}

void CanvasDocument::endStroke() {
    if (!stroking_) return;
    stroking_ = false;
    coverage_ = QImage();
    QImage before = std::move(before_);
    before_ = QImage();
    if (dirty_.isEmpty()) return;
    // Only keep the part of the mask that really changed.
    pushMaskEdit(dirty_, before.copy(dirty_), tool_ == MaskTool::Eraser ? tr("Erase mask") : tr("Paint mask"));
}

void CanvasDocument::cancelStroke() {
    if (!stroking_) return;
    stroking_ = false;
    if (!dirty_.isEmpty()) applyMaskRegion(dirty_, before_.copy(dirty_));
    before_ = QImage();
    coverage_ = QImage();
}

void CanvasDocument::pushMaskEdit(const QRect& rect, const QImage& before, const QString& text) {
    const QImage after = mask_.copy(rect);
    if (after == before) return;
    // push() calls redo(), which re-applies `after`: harmless, the mask already holds it.
    undo_->push(new MaskEditCommand(this, rect, before, after, text));
}

void CanvasDocument::applyMaskRegion(const QRect& rect, const QImage& pixels) {
    if (mask_.isNull() || pixels.size() != rect.size() || !mask_.rect().contains(rect)) return;
    for (int y = 0; y < rect.height(); ++y)
        std::memcpy(mask_.scanLine(rect.top() + y) + rect.left(), pixels.constScanLine(y), size_t(rect.width()));
    Q_EMIT maskChanged(rect);
}

void CanvasDocument::applyCanvas(const QImage& source, const QImage& mask) {
    cancelStroke();
    source_ = source;
    opaque_ = allOpaque(source_);
    mask_ = mask;
    Q_EMIT sourceChanged();
    Q_EMIT maskChanged(mask_.rect());
}

// --- whole-mask operations ------------------------------------------------------------------------

void CanvasDocument::bucketFill(const QPoint& at) {
    if (!hasSource() || !mask_.rect().contains(at)) return;
    cancelStroke();
    if (mask_.constScanLine(at.y())[at.x()] >= 128) return; // already masked
    const QImage before = mask_.copy();
    const int w = mask_.width(), h = mask_.height();
    QRect dirty;
    std::vector<QPoint> stack{at};
    // Scanline flood fill over pixels < 128.
    while (!stack.empty()) {
        const QPoint p = stack.back();
        stack.pop_back();
        uchar* row = mask_.scanLine(p.y());
        if (row[p.x()] >= 128) continue;
        int l = p.x(), r = p.x();
        while (l > 0 && row[l - 1] < 128) --l;
        while (r < w - 1 && row[r + 1] < 128) ++r;
        std::fill(row + l, row + r + 1, uchar(255));
        dirty = dirty.united(QRect(l, p.y(), r - l + 1, 1));
        for (int ny : {p.y() - 1, p.y() + 1}) {
            if (ny < 0 || ny >= h) continue;
            const uchar* nrow = mask_.constScanLine(ny);
            for (int x = l; x <= r; ++x)
                if (nrow[x] < 128 && (x == l || nrow[x - 1] >= 128)) stack.emplace_back(x, ny);
        }
    }
    if (dirty.isEmpty()) return;
    Q_EMIT maskChanged(dirty);
    pushMaskEdit(dirty, before.copy(dirty), tr("Fill area"));
}

void CanvasDocument::fillMask() {
    if (!hasSource()) return;
    cancelStroke();
    const QImage before = mask_.copy();
    mask_.fill(255);
    Q_EMIT maskChanged(mask_.rect());
    pushMaskEdit(mask_.rect(), before, tr("Fill mask"));
}

void CanvasDocument::clearMask() {
    if (!hasSource()) return;
    cancelStroke();
    const QImage before = mask_.copy();
    mask_.fill(0);
    Q_EMIT maskChanged(mask_.rect());
    pushMaskEdit(mask_.rect(), before, tr("Clear mask"));
}

void CanvasDocument::invertMask() {
    if (!hasSource()) return;
    cancelStroke();
    const QImage before = mask_.copy();
    for (int y = 0; y < mask_.height(); ++y) {
        uchar* row = mask_.scanLine(y);
        for (int x = 0; x < mask_.width(); ++x) row[x] = uchar(255 - row[x]);
    }
    Q_EMIT maskChanged(mask_.rect());
    pushMaskEdit(mask_.rect(), before, tr("Invert mask"));
}

bool CanvasDocument::extendCanvas(int left, int top, int right, int bottom, QString* error) {
    if (!hasSource()) {
        if (error) *error = tr("There is no image on the canvas to extend.");
        return false;
    }
    if (left < 0 || top < 0 || right < 0 || bottom < 0) {
        if (error) *error = tr("The canvas can only grow.");
        return false;
    }
    if (left + top + right + bottom == 0) return true;
    const int w = source_.width() + left + right;
    const int h = source_.height() + top + bottom;
    if (w > kMaxSide || h > kMaxSide || qint64(w) * h > kMaxPixels) {
        if (error) *error = tr("The canvas would be %1×%2 pixels, larger than the canvas allows.").arg(w).arg(h);
        return false;
    }
    cancelStroke();
    QImage src(w, h, QImage::Format_ARGB32);
    const int sw = source_.width(), sh = source_.height();
    for (int y = 0; y < h; ++y) {
        const auto* in = reinterpret_cast<const QRgb*>(source_.constScanLine(std::clamp(y - top, 0, sh - 1)));
        auto* out = reinterpret_cast<QRgb*>(src.scanLine(y));
        for (int x = 0; x < w; ++x) out[x] = in[std::clamp(x - left, 0, sw - 1)];
    }
    QImage msk(w, h, QImage::Format_Grayscale8);
    msk.fill(255);
    for (int y = 0; y < sh; ++y) std::memcpy(msk.scanLine(y + top) + left, mask_.constScanLine(y), size_t(sw));
    undo_->push(new CanvasResizeCommand(this, source_, mask_, src, msk, tr("Extend canvas")));
    return true;
}

// --- export ---------------------------------------------------------------------------------------

InpaintInputs CanvasDocument::writeInputs(const QString& folder, const InpaintOptions& options) const {
    InpaintInputs r;
    r.options = options;
    if (!hasSource()) {
        r.error = tr("There is no image on the canvas.");
        return r;
    }
    r.width = source_.width();
    r.height = source_.height();
    // A1111 flattens an init image with alpha over its background colour (white).
    QImage rgb(source_.size(), QImage::Format_RGB888);
    rgb.fill(Qt::white);
    {
        QPainter p(&rgb);
        p.drawImage(0, 0, source_);
    }
    // The name JobInputFiles recognises as the canvas's (it deletes unreferenced inputs).
    const QString stem = JobInputFiles::canvasInputStem();
    QString error;
    const QByteArray srcPng = ImageWriter::encodePng(toPixels(rgb, 3), QString(), 6, &error);
    if (srcPng.isEmpty()) {
        r.error = error;
        return r;
    }
    r.sourcePath =
        ImageWriter::writeUnique(folder, stem + QStringLiteral("-init"), QStringLiteral(".png"), false, srcPng, &error);
    if (r.sourcePath.isEmpty()) {
        r.error = error;
        return r;
    }
    if (!maskIsEmpty()) {
        const QByteArray maskPng = ImageWriter::encodePng(toPixels(mask_, 1), QString(), 6, &error);
        if (!maskPng.isEmpty())
            r.maskPath = ImageWriter::writeUnique(folder, stem + QStringLiteral("-mask"), QStringLiteral(".png"), false,
                                                  maskPng, &error);
        if (r.maskPath.isEmpty()) {
            QFile::remove(r.sourcePath); // no half-written pair
            r.sourcePath.clear();
            r.error = error;
            return r;
        }
    }
    r.ok = true;
    return r;
}

} // namespace latent
