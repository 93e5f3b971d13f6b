#include "ui/main/notice_presenter.h"

#include "app/core/notices.h"
#include "ui/main/main_window.h"

#include <QMessageBox>
#include <QPushButton>

namespace latent {

NoticePresenter::NoticePresenter(MainWindow* window) : QObject(window), window_(window) {
    connect(
        Notices::instance(), &Notices::posted, this,
        [this](const QString& text) {
            if (!shown_.contains(text)) show({text});
        },
        Qt::QueuedConnection);
}

void NoticePresenter::showPending() {
    QStringList fresh;
    for (const QString& text : Notices::instance()->all())
        if (!shown_.contains(text)) fresh << text;
    if (!fresh.isEmpty()) show(fresh);
}

void NoticePresenter::show(const QStringList& texts) {
    shown_ << texts;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Latent Studio"), texts.join(QStringLiteral("\n\n")),
                                QMessageBox::Close, window_);
    box->setObjectName(QStringLiteral("noticeBox"));
    box->setTextFormat(Qt::PlainText);
    QPushButton* report = box->addButton(tr("Report a problem…"), QMessageBox::ActionRole);
    connect(report, &QPushButton::clicked, window_, &MainWindow::showProblemReport);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

} // namespace latent
