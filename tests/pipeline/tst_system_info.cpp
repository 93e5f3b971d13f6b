#include "pipeline/bench/bench.h"
#include "pipeline/core/system_info.h"

#include <QTest>

#include <cstdlib>
#include <cstring>
#include <vector>

// Sanitizers bring their own allocator (GCC says so with __SANITIZE_ADDRESS__, clang with
// __has_feature).
#if defined(__SANITIZE_ADDRESS__)
#define LATENT_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define LATENT_OWN_ALLOCATOR 1
#endif
#endif

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
    // What a model pass leaves behind: freed heap blocks between blocks still in use, resident
    // although free. release_free_heap() (run after each ControlNet pass) gives their pages back.
    void releaseFreeHeapReturnsFreedPages() {
#if !defined(__GLIBC__) || defined(LATENT_OWN_ALLOCATOR)
        QSKIP("release_free_heap() trims glibc's heap; this build uses another allocator.");
#else
        constexpr size_t kBlock = 96 * 1024, kCount = 512;  // 48 MiB, each block below mmap's threshold
        std::vector<void*> blocks, pins;
        for (size_t i = 0; i < kCount; ++i) {
            blocks.push_back(std::malloc(kBlock));
            QVERIFY(blocks.back());
            std::memset(blocks.back(), 0x5a, kBlock);  // resident
            pins.push_back(std::malloc(64));             // keeps the freed blocks from merging
            QVERIFY(pins.back());
        }
        for (void* b : blocks) std::free(b);
        const uint64_t before = latent::current_rss_bytes();
        latent::release_free_heap();
        const uint64_t after = latent::current_rss_bytes();
        for (void* p : pins) std::free(p);
        QVERIFY2(before > after && before - after >= 32ull * 1024 * 1024,
                 qPrintable(QStringLiteral("RSS %1 MiB before, %2 MiB after")
                                .arg(double(before) / 1048576.0)
                                .arg(double(after) / 1048576.0)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestSystemInfo)
#include "tst_system_info.moc"
