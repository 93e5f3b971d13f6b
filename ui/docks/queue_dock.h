// Queue: jobs with state, progress and actions.
#pragma once

#include <QDockWidget>

class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace latent {

class QueueDock : public QDockWidget {
    Q_OBJECT
public:
    explicit QueueDock(QWidget* parent = nullptr);

private:
    QTreeWidget* jobs_;
    QStackedWidget* stack_;
    QPushButton* cancel_;
    QPushButton* cancelAll_;
    QPushButton* pause_;
};

} // namespace latent
