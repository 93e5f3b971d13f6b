// Help ▸ Report a problem in the studio: the menu entry opens the dialog; the report names the
// failing job of the queue with its prompt hidden until "Include prompts" is ticked; Copy puts the
// text on the clipboard; notices (here: a newer version's settings) are shown once in a non-modal
// box that offers the report.
#include "app/core/app_log.h"
#include "app/core/notices.h"
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "ui/dialogs/problem_report_dialog.h"
#include "ui/main/main_window.h"
#include "ui/main/notice_presenter.h"

#include "common/isolated_app_data.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

class TestProblemReport : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void dialogShowsTheFailingJobWithoutItsPrompt() {
        JobQueue queue(nullptr, QueueLimits{});
        const auto added = queue.enqueue(QStringLiteral("txt2img"),
                                         QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lighthouse at dusk")},
                                                     {QStringLiteral("steps"), 12}});
        QVERIFY(added.ok());
        QVERIFY(queue.takeNext());
        queue.reportFailed(added.id, QStringLiteral("The engine failed: out of memory"));

        ProblemReportDialog dialog(&queue);
        auto* text = dialog.findChild<QPlainTextEdit*>(QStringLiteral("reportText"));
        auto* include = dialog.findChild<QCheckBox*>(QStringLiteral("includePrompts"));
        QVERIFY(text && include);
        QString report = dialog.reportText();
        QVERIFY(report.contains(QStringLiteral("Job %1 (txt2img): failed").arg(added.id)));
        QVERIFY(report.contains(QStringLiteral("The engine failed: out of memory")));
        QVERIFY(report.contains(QStringLiteral("\"steps\": 12")));
        QVERIFY(report.contains(QStringLiteral("== Versions")));
        QVERIFY(report.contains(QStringLiteral("libtorch")));
        QVERIFY(!report.contains(QStringLiteral("lighthouse")));
        include->setChecked(true);
        QVERIFY(dialog.reportText().contains(QStringLiteral("a lighthouse at dusk")));
        include->setChecked(false);

        // The user may edit the text before copying it.
        text->appendPlainText(QStringLiteral("I pressed Generate twice."));
        auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copyReport"));
        QVERIFY(copy);
        copy->click();
        QCOMPARE(QApplication::clipboard()->text(), dialog.reportText());
        QVERIFY(QApplication::clipboard()->text().endsWith(QStringLiteral("I pressed Generate twice.")));
    }

    void helpMenuOpensTheReport() {
        QTemporaryDir dir;
        QSettings backend(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        MainWindow window(settings);
        auto* action = window.findChild<QAction*>(QStringLiteral("reportProblemAction"));
        QVERIFY(action);
        action->trigger();
        auto* dialog = window.findChild<ProblemReportDialog*>(QStringLiteral("problemReportDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->reportText().contains(QStringLiteral("== Last log lines")));
        dialog->close();
    }

    void noticesAreShownOnceWithoutBlocking() {
        QTemporaryDir dir;
        QSettings backend(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        MainWindow window(settings);
        window.show();
        Notices::instance()->post(QStringLiteral("First notice, posted before the window."));
        NoticePresenter presenter(&window);
        presenter.showPending();
        QCOMPARE(presenter.shownCount(), 1);
        auto boxes = window.findChildren<QMessageBox*>(QStringLiteral("noticeBox"));
        QCOMPARE(boxes.size(), 1);
        QVERIFY(boxes[0]->isVisible());
        QVERIFY(!boxes[0]->isModal());
        QVERIFY(boxes[0]->text().contains(QStringLiteral("First notice")));
        // A later notice comes as it is posted; the same text is not shown twice.
        Notices::instance()->post(QStringLiteral("Second notice."));
        Notices::instance()->post(QStringLiteral("Second notice."));
        QTRY_COMPARE(presenter.shownCount(), 2);
        presenter.showPending();
        QCOMPARE(presenter.shownCount(), 2);
        // "Report a problem…" in the box opens the report.
        boxes = window.findChildren<QMessageBox*>(QStringLiteral("noticeBox"));
        QPushButton* report = nullptr;
        for (QAbstractButton* b : boxes.constLast()->buttons())
            if (b->text().contains(QStringLiteral("Report"))) report = qobject_cast<QPushButton*>(b);
        QVERIFY(report);
        report->click();
        QTRY_VERIFY(window.findChild<ProblemReportDialog*>(QStringLiteral("problemReportDialog")));
    }
};

QTEST_MAIN(TestProblemReport)
#include "tst_problem_report.moc"
