#include "pipeline/core/system_info.h"

#include <QTest>

class TestSystemInfo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void threadsFollowConfiguration() {
        QCOMPARE(latent::configure_threads(1), 1);
        QVERIFY(latent::configure_threads(0) >= 1);
    }
    void reportsCpuDevice() {
        const auto info = latent::query_system_info();
        QVERIFY(!info.torch_version.empty());
        QVERIFY(!info.devices.empty());
        QCOMPARE(QString::fromStdString(info.devices.front().kind), QStringLiteral("cpu"));
    }
};

QTEST_GUILESS_MAIN(TestSystemInfo)
#include "tst_system_info.moc"
