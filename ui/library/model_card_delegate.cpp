#include "ui/library/model_card_delegate.h"

#include "ui/library/model_list_model.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace latent {

namespace {
constexpr int kPad = 6;

QColor badgeColor(const QString& badge, bool problem) {
    if (problem) return QColor(0xB0, 0x3A, 0x2E);
    if (badge.startsWith(QLatin1String("SDXL"))) return QColor(0x6A, 0x4C, 0x9C);
    if (badge.startsWith(QLatin1String("SD 2"))) return QColor(0x2E, 0x7D, 0x6B);
    if (badge.startsWith(QLatin1String("SD 1"))) return QColor(0x2F, 0x5F, 0x9E);
    return QColor(0x5A, 0x5F, 0x66);
}
} // namespace

ModelCardDelegate::ModelCardDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QSize ModelCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    const int line = option.fontMetrics.height();
    return QSize(240, qMax(kThumb, 3 * line + 6) + 2 * kPad);
}

void ModelCardDelegate::paint(QPainter* p, const QStyleOptionViewItem& optionIn, const QModelIndex& index) const {
    QStyleOptionViewItem option = optionIn;
    initStyleOption(&option, index);
    p->save();
    // Background and selection from the style (no text: we draw it ourselves).
    option.text.clear();
    option.icon = QIcon();
    QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, p, option.widget);

    const QRect r = option.rect.adjusted(kPad, kPad, -kPad, -kPad);
    const QRect thumb(r.left(), r.top() + (r.height() - kThumb) / 2, kThumb, kThumb);
    const QImage pix = index.data(Qt::DecorationRole).value<QImage>();
    p->setRenderHint(QPainter::Antialiasing);
    QPainterPath clip;
    clip.addRoundedRect(thumb, 6, 6);
    if (!pix.isNull()) {
        p->setClipPath(clip);
        // Centre-crop the preview to the square card thumbnail (previews keep their aspect).
        const QSize crop = QSize(thumb.size()).scaled(pix.size(), Qt::KeepAspectRatio);
        const QRect source(QPoint((pix.width() - crop.width()) / 2, (pix.height() - crop.height()) / 2), crop);
        p->drawImage(thumb, pix, source);
        p->setClipping(false);
    } else {
        p->fillPath(clip, option.palette.color(QPalette::AlternateBase));
        p->setPen(option.palette.color(QPalette::PlaceholderText));
        QFont f = option.font;
        f.setPointSizeF(f.pointSizeF() * 0.8);
        p->setFont(f);
        const QString kind = index.data(ModelListModel::BadgeRole).toString().left(4);
        p->drawText(thumb, Qt::AlignCenter, kind);
    }

    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = selected ? text : option.palette.color(QPalette::PlaceholderText);
    const int x = thumb.right() + 10;
    const int w = r.right() - x;
    const QFontMetrics fm(option.font);
    const int line = fm.height();
    int y = r.top() + qMax(0, (r.height() - 3 * line - 6) / 2);

    QFont bold = option.font;
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(text);
    const QString name = index.data(Qt::DisplayRole).toString();
    p->drawText(QRect(x, y, w, line), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                QFontMetrics(bold).elidedText(name, Qt::ElideMiddle, w));
    y += line + 3;

    // Badge + subtitle.
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics sfm(small);
    p->setFont(small);
    const QString problem = index.data(ModelListModel::ProblemRole).toString();
    const QString badge = index.data(ModelListModel::BadgeRole).toString();
    const int bw = qMin(w, sfm.horizontalAdvance(badge) + 10);
    const QRect badgeRect(x, y, bw, line);
    QPainterPath bp;
    bp.addRoundedRect(badgeRect, 4, 4);
    p->fillPath(bp, badgeColor(badge, !index.data(ModelListModel::UsableRole).toBool()));
    p->setPen(Qt::white);
    p->drawText(badgeRect, Qt::AlignCenter | Qt::TextSingleLine, sfm.elidedText(badge, Qt::ElideRight, bw - 8));
    p->setPen(dim);
    const int sx = badgeRect.right() + 8;
    p->drawText(QRect(sx, y, r.right() - sx, line), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                sfm.elidedText(index.data(ModelListModel::SubtitleRole).toString(), Qt::ElideRight, r.right() - sx));
    y += line + 3;

    // Trigger words, or why the file cannot be used.
    const QString third = !problem.isEmpty() ? problem : index.data(ModelListModel::TriggerRole).toString();
    if (!third.isEmpty()) {
        p->setPen(!problem.isEmpty() && !selected ? QColor(0xD0, 0x70, 0x60) : dim);
        QString oneLine = third;
        oneLine.replace(QLatin1Char('\n'), QLatin1Char(' '));
        p->drawText(QRect(x, y, w, line), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                    sfm.elidedText(oneLine, Qt::ElideRight, w));
    }
    p->restore();
}

} // namespace latent
