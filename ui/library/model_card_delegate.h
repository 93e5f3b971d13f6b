// Paints one library entry as a card: preview thumbnail, name, family badge, size and short
// hash, trigger words (or the reason the file is not a usable model). Text is drawn as plain
// text only.
#pragma once

#include <QStyledItemDelegate>

namespace latent {

class ModelCardDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ModelCardDelegate(QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int kThumb = 56;
};

} // namespace latent
