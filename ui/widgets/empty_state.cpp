#include "ui/widgets/empty_state.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace latent {

EmptyState::EmptyState(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("emptyStateTitle"));
    title_->setAlignment(Qt::AlignCenter);
    title_->setTextFormat(Qt::PlainText);
    title_->setWordWrap(true);
    body_ = new QLabel(this);
    body_->setObjectName(QStringLiteral("emptyStateBody"));
    body_->setAlignment(Qt::AlignCenter);
    body_->setTextFormat(Qt::PlainText);
    body_->setWordWrap(true);
    layout->addWidget(title_);
    layout->addWidget(body_);
    buttons_ = new QVBoxLayout;
    buttons_->setAlignment(Qt::AlignHCenter);
    layout->addSpacing(8);
    layout->addLayout(buttons_);
    layout->addStretch(2);
}

void EmptyState::setTitle(const QString& title) { title_->setText(title); }
void EmptyState::setBody(const QString& body) { body_->setText(body); }

void EmptyState::addAction(QAction* action) {
    auto* button = new QPushButton(action->icon(), action->text(), this);
    button->setMinimumWidth(240);
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    connect(action, &QAction::changed, button, [button, action] {
        button->setText(action->text());
        button->setEnabled(action->isEnabled());
    });
    buttons_->addWidget(button);
}

} // namespace latent
