// A centred "nothing here yet" panel: title, explanation and optional action buttons.
#pragma once

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace latent {

class EmptyState : public QWidget {
    Q_OBJECT
public:
    explicit EmptyState(QWidget* parent = nullptr);
    void setTitle(const QString& title);
    void setBody(const QString& body);
    // Adds a button that triggers `action` (shares its text, icon and enabled state).
    void addAction(class QAction* action);

private:
    QLabel* title_;
    QLabel* body_;
    QVBoxLayout* buttons_;
};

} // namespace latent
