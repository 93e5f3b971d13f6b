// ImageWriter: PNG encoding read back by OpenImageIO and Qt, the `parameters` chunk, A1111-style
// numbering, never overwriting (also under concurrent saves), file-name sanitising, recovery when
// the output folder is missing / read-only / full.
#include "common/isolated_app_data.h"
#include "app/storage/image_writer.h"

#include "app/metadata/png_text.h"

#include <OpenImageIO/imageio.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentMap>
#include <QtTest>

#include <csignal>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using latent::GenerationParams;
using latent::ImagePixels;
using latent::ImageSaveRequest;
using latent::ImageSaveResult;
using latent::ImageWriter;
using latent::PngText;

namespace {

ImagePixels randomImage(int w, int h, int channels, quint32 seed) {
    ImagePixels img;
    img.width = w;
    img.height = h;
    img.channels = channels;
    img.data.resize(qsizetype(w) * h * channels);
    QRandomGenerator rng(seed);
    for (qsizetype i = 0; i < img.data.size(); ++i) {
        // Mix smooth gradients (exercise the Sub/Up/Paeth filters) with noise.
        const qsizetype px = i / channels;
        const int x = int(px % w), y = int(px / w);
        img.data[i] = char((i % 7 == 0) ? rng.generate() : (x * 3 + y * 5 + int(i % channels) * 40));
    }
    return img;
}

// Pixels read back with OpenImageIO (alpha left unassociated, as stored).
bool readWithOiio(const QString& path, ImagePixels* out) {
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    auto in = OIIO::ImageInput::open(path.toStdString(), &config);
    if (!in) return false;
    const OIIO::ImageSpec& spec = in->spec();
    out->width = spec.width;
    out->height = spec.height;
    out->channels = spec.nchannels;
    out->data.resize(qsizetype(spec.width) * spec.height * spec.nchannels);
    const bool ok = in->read_image(0, 0, 0, spec.nchannels, OIIO::TypeDesc::UINT8, out->data.data());
    in->close();
    return ok;
}

QStringList leftovers(const QString& dir) {
    return QDir(dir).entryList({QStringLiteral(".latent-*")}, QDir::Files | QDir::Hidden);
}

GenerationParams sampleParams(qint64 seed) {
    GenerationParams p;
    p.prompt = QStringLiteral("a photo of an astronaut riding a horse on mars");
    p.negativePrompt = QStringLiteral("blurry, low quality");
    p.steps = 10;
    p.sampler = QStringLiteral("Euler");
    p.scheduleType = QStringLiteral("Automatic");
    p.cfgScale = 7.0;
    p.seed = seed;
    p.width = 64;
    p.height = 48;
    p.modelHash = QStringLiteral("f06e632b51");
    p.modelName = QStringLiteral("tiny-sd1");
    p.version = GenerationParams::defaultVersion();
    return p;
}

} // namespace

class TestImageWriter : public QObject {
    Q_OBJECT

public:
    // A fresh data folder per run: nothing left by an earlier run is seen.
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void initTestCase();
    void encodeRoundTrip_data();
    void encodeRoundTrip();
    void encodeSpeed();
    void rejectsInvalidImages();
    void savesNumberedWithInfotext();
    void neverOverwrites();
    void concurrentSavesGetDistinctNames();
    void sanitizeTable_data();
    void sanitizeTable();
    void patterns();
    void missingFolderGoesToRecovery();
    void readOnlyFolderGoesToRecovery();
    void fullDiskLosesNothingPartial();
    void staleTemporariesAreSwept();
};

void TestImageWriter::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestImageWriter::encodeRoundTrip_data() {
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("channels");
    QTest::newRow("rgb 64x48") << 64 << 48 << 3;
    QTest::newRow("rgba 33x17") << 33 << 17 << 4;
    QTest::newRow("grey 1x1") << 1 << 1 << 1;
    QTest::newRow("rgb 1x300") << 1 << 300 << 3;
    QTest::newRow("rgb 512x512") << 512 << 512 << 3;
}

void TestImageWriter::encodeRoundTrip() {
    QFETCH(int, w);
    QFETCH(int, h);
    QFETCH(int, channels);
    const ImagePixels img = randomImage(w, h, channels, quint32(w * 1000 + h));
    const QString info = QString::fromUtf8("\xf0\x9f\x9a\x80 rocket\nSteps: 1, Sampler: Euler, Seed: 3");
    QString err;
    const QByteArray png = ImageWriter::encodePng(img, info, 6, &err);
    QVERIFY2(!png.isEmpty(), qPrintable(err));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.png"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(png);
    f.close();

    ImagePixels back;
    QVERIFY(readWithOiio(path, &back));
    QCOMPARE(back.width, w);
    QCOMPARE(back.height, h);
    QCOMPARE(back.channels, channels);
    QVERIFY(back.data == img.data);

    QImage q(path);
    QVERIFY(!q.isNull());
    QCOMPARE(q.text(QStringLiteral("parameters")), info);
    if (channels == 3) {
        const QImage rgb = q.convertToFormat(QImage::Format_RGB888);
        for (int y = 0; y < h; ++y)
            QVERIFY(std::memcmp(rgb.constScanLine(y), img.data.constData() + qsizetype(y) * w * 3, size_t(w) * 3) == 0);
    }
    const auto text = PngText::readFile(path);
    QVERIFY(text.warnings.isEmpty());
    QCOMPARE(text.value(QStringLiteral("parameters")), info);
}

void TestImageWriter::encodeSpeed() {
    // A figure for the report, not an assertion.
    const ImagePixels img = randomImage(1024, 1024, 3, 2);
    QElapsedTimer t;
    t.start();
    const QByteArray png = ImageWriter::encodePng(img, QStringLiteral("x"));
    qInfo("encoded 1024x1024 RGB in %lld ms (%lld bytes)", t.elapsed(), qint64(png.size()));
    QVERIFY(!png.isEmpty());
}

void TestImageWriter::rejectsInvalidImages() {
    ImagePixels bad = randomImage(8, 8, 3, 1);
    bad.data.chop(1);
    QString err;
    QVERIFY(ImageWriter::encodePng(bad, {}, 6, &err).isEmpty());
    QVERIFY(!err.isEmpty());
    ImagePixels two = randomImage(8, 8, 2, 1);
    QVERIFY(ImageWriter::encodePng(two).isEmpty());
    QTemporaryDir dir;
    ImageSaveRequest req;
    req.image = bad;
    req.outputDir = dir.path();
    const ImageSaveResult r = ImageWriter(dir.filePath(QStringLiteral("rec"))).save(req);
    QVERIFY(!r.ok);
    QVERIFY(!r.error.isEmpty());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestImageWriter::savesNumberedWithInfotext() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("outputs/txt2img"));  // created on demand
    ImageWriter writer(dir.filePath(QStringLiteral("recovery")));
    ImageSaveRequest req;
    req.image = randomImage(64, 48, 3, 5);
    req.params = sampleParams(42);
    req.outputDir = out;

    const ImageSaveResult a = writer.save(req);
    QVERIFY2(a.ok, qPrintable(a.error));
    QVERIFY(!a.recovered);
    QCOMPARE(QFileInfo(a.path).fileName(), QStringLiteral("00000-42.png"));
    const ImageSaveResult b = writer.save(req);
    QCOMPARE(QFileInfo(b.path).fileName(), QStringLiteral("00001-42.png"));
    // Numbering continues after the highest number in the folder (A1111).
    QFile other(out + QStringLiteral("/00017-123.png"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    req.params.seed = 7;
    const ImageSaveResult c = writer.save(req);
    QCOMPARE(QFileInfo(c.path).fileName(), QStringLiteral("00018-7.png"));
    QCOMPARE(ImageWriter::nextSequenceNumber(out), 19);

    const auto text = PngText::readFile(a.path);
    QCOMPARE(text.value(QStringLiteral("parameters")), sampleParams(42).toInfotext());
    QVERIFY(text.value(QStringLiteral("parameters")).contains(QStringLiteral("Seed: 42, Size: 64x48")));
    ImagePixels back;
    QVERIFY(readWithOiio(c.path, &back));
    QVERIFY(back.data == req.image.data);
    QVERIFY(leftovers(out).isEmpty());
    // infotext "" = no chunk; an explicit infotext wins over params.
    req.infotext = QStringLiteral("");
    QVERIFY(PngText::readFile(writer.save(req).path).chunks.isEmpty());
    req.infotext = QStringLiteral("custom");
    QCOMPARE(PngText::readFile(writer.save(req).path).value(QStringLiteral("parameters")), QStringLiteral("custom"));
}

void TestImageWriter::neverOverwrites() {
    QTemporaryDir dir;
    ImageWriter writer(dir.filePath(QStringLiteral("recovery")));
    QFile existing(dir.filePath(QStringLiteral("fixed.png")));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("precious");
    existing.close();

    ImageSaveRequest req;
    req.image = randomImage(16, 16, 3, 9);
    req.params = sampleParams(1);
    req.outputDir = dir.path();
    req.namePattern = QStringLiteral("fixed");
    req.numbered = false;
    const ImageSaveResult a = writer.save(req);
    const ImageSaveResult b = writer.save(req);
    QVERIFY(a.ok && b.ok);
    QCOMPARE(QFileInfo(a.path).fileName(), QStringLiteral("fixed-1.png"));
    QCOMPARE(QFileInfo(b.path).fileName(), QStringLiteral("fixed-2.png"));
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("precious"));
    // writeUnique never replaces either.
    QString err;
    const QString p = ImageWriter::writeUnique(dir.path(), QStringLiteral("fixed"), QStringLiteral(".png"), false,
                                               QByteArray("x"), &err);
    QCOMPARE(QFileInfo(p).fileName(), QStringLiteral("fixed-3.png"));
    QVERIFY(leftovers(dir.path()).isEmpty());
}

void TestImageWriter::concurrentSavesGetDistinctNames() {
    QTemporaryDir dir;
    ImageWriter writer(dir.filePath(QStringLiteral("recovery")));
    QList<int> jobs;
    for (int i = 0; i < 16; ++i) jobs << i;
    ImageSaveRequest base;
    base.image = randomImage(32, 32, 3, 77);
    base.params = sampleParams(5);  // same seed: same name pattern everywhere
    base.outputDir = dir.filePath(QStringLiteral("out"));
    QThreadPool pool;
    pool.setMaxThreadCount(8);
    const QList<ImageSaveResult> results = QtConcurrent::blockingMapped(&pool, jobs, [&](int i) {
        ImageSaveRequest r = base;
        r.namePattern = i % 2 ? QStringLiteral("[seed]") : QStringLiteral("same");
        r.numbered = i % 4 < 2;
        return writer.save(r);
    });
    QSet<QString> paths;
    for (const auto& r : results) {
        QVERIFY2(r.ok && !r.recovered, qPrintable(r.error + r.reason));
        paths.insert(r.path);
    }
    QCOMPARE(paths.size(), 16);
    QCOMPARE(QDir(base.outputDir).entryList(QDir::Files).size(), 16);
    for (const QString& p : paths) {
        ImagePixels back;
        QVERIFY(readWithOiio(p, &back));
        QVERIFY(back.data == base.image.data);
    }
    QVERIFY(leftovers(base.outputDir).isEmpty());
}

void TestImageWriter::sanitizeTable_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << "a photo of a cat" << "a photo of a cat";
    QTest::newRow("forbidden") << "a/b\\c:d*e?f\"g<h>i|j" << "a_b_c_d_e_f_g_h_i_j";
    QTest::newRow("traversal") << "../../etc/passwd" << "_.._etc_passwd";
    QTest::newRow("dots and spaces") << "  ..hidden name. . " << "hidden name";
    QTest::newRow("control chars") << "a\x01\x1f\x7f" "b\nc\td" << "ab c d";
    QTest::newRow("bidi") << QString::fromUtf8("evil\xe2\x80\xaegnp.exe") << "evilgnp.exe";
    QTest::newRow("CON") << "CON" << "_CON";
    QTest::newRow("con.txt") << "con.txt" << "_con.txt";
    QTest::newRow("lpt1") << "LPT1" << "_LPT1";
    QTest::newRow("COM9.png") << "COM9.png" << "_COM9.png";
    QTest::newRow("CONSOLE ok") << "CONSOLE" << "CONSOLE";
    QTest::newRow("nul spaced") << " NUL " << "_NUL";
    QTest::newRow("empty") << "" << "image";
    QTest::newRow("only junk") << "/// ..." << "___";
    QTest::newRow("only dots") << "...." << "image";
    QTest::newRow("emoji ok") << QString::fromUtf8("cat \xf0\x9f\x90\xb1 with hat") << QString::fromUtf8("cat \xf0\x9f\x90\xb1 with hat");
    QTest::newRow("zwj emoji kept") << QString::fromUtf8("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x9a\x80") << QString::fromUtf8("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x9a\x80");
    QTest::newRow("1000 chars") << QString(1000, QLatin1Char('x')) << QString(120, QLatin1Char('x'));
    QTest::newRow("cut then trim") << QString(119, QLatin1Char('x')) + QStringLiteral(" y") << QString(119, QLatin1Char('x'));
    // 100 CJK characters = 300 UTF-8 bytes: cut at 66 characters (198 bytes <= 200).
    QTest::newRow("cjk bytes") << QString(100, QChar(0x732B)) << QString(66, QChar(0x732B));
    // 80 emoji = 160 UTF-16 units, 320 bytes: cut at 50 emoji, never in a surrogate pair.
    QTest::newRow("emoji bytes") << QString::fromUtf8("\xf0\x9f\x90\xb1").repeated(80) << QString::fromUtf8("\xf0\x9f\x90\xb1").repeated(50);
}

void TestImageWriter::sanitizeTable() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    const QString s = ImageWriter::sanitizeFileName(in);
    QCOMPARE(s, out);
    QVERIFY(s.toUtf8().size() <= 200);
    QVERIFY(s.size() <= 240);
    for (QChar c : s) QVERIFY(!QStringLiteral("/\\:*?\"<>|").contains(c) && c.unicode() >= 0x20);
    // Saving under that name works and stays inside the folder.
    QTemporaryDir dir;
    ImageSaveRequest req;
    req.image = randomImage(4, 4, 3, 1);
    req.outputDir = dir.path();
    req.namePattern = in;
    req.numbered = false;
    const ImageSaveResult r = ImageWriter(dir.filePath(QStringLiteral("rec"))).save(req);
    QVERIFY2(r.ok && !r.recovered, qPrintable(r.reason + r.error));
    QCOMPARE(QFileInfo(r.path).absolutePath(), QDir(dir.path()).absolutePath());
    QCOMPARE(QFileInfo(r.path).fileName(), s + QStringLiteral(".png"));
}

void TestImageWriter::patterns() {
    GenerationParams p = sampleParams(1234);
    QCOMPARE(ImageWriter::expandPattern(QStringLiteral("[seed]"), p), QStringLiteral("1234"));
    QCOMPARE(ImageWriter::expandPattern(QStringLiteral("[seed]-[prompt_words]"), p),
             QStringLiteral("1234-a photo of an astronaut riding a horse"));
    QCOMPARE(ImageWriter::expandPattern(QStringLiteral("[model_name]_[steps]_[cfg]_[width]x[height]_[sampler]"), p),
             QStringLiteral("tiny-sd1_10_7.0_64x48_Euler"));
    QCOMPARE(ImageWriter::expandPattern(QStringLiteral("[prompt]"), p),
             QStringLiteral("a_photo_of_an_astronaut_riding_a_horse_on_mars"));
    QCOMPARE(ImageWriter::expandPattern(QStringLiteral("[unknown] [seed"), p), QStringLiteral("[unknown] [seed"));
    p.prompt = QStringLiteral("<lora:x:1> a/b: c?");
    QTemporaryDir dir;
    ImageSaveRequest req;
    req.image = randomImage(4, 4, 3, 1);
    req.params = p;
    req.outputDir = dir.path();
    req.namePattern = QStringLiteral("[seed]-[prompt_spaces]");
    const ImageSaveResult r = ImageWriter(dir.filePath(QStringLiteral("rec"))).save(req);
    QVERIFY(r.ok);
    QCOMPARE(QFileInfo(r.path).fileName(), QStringLiteral("00000-1234-_lora_x_1_ a_b_ c_.png"));
    // Empty pattern: bare numbers, as A1111.
    req.namePattern.clear();
    QCOMPARE(QFileInfo(ImageWriter(dir.filePath(QStringLiteral("rec"))).save(req).path).fileName(),
             QStringLiteral("00001.png"));
}

void TestImageWriter::missingFolderGoesToRecovery() {
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString recovery = dir.filePath(QStringLiteral("recovery"));
    ImageWriter writer(recovery);
    ImageSaveRequest req;
    req.image = randomImage(20, 10, 4, 3);
    req.params = sampleParams(9);
    req.outputDir = blocker.fileName() + QStringLiteral("/gallery");  // cannot be created
    const ImageSaveResult r = writer.save(req);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.recovered);
    QVERIFY(r.reason.contains(QStringLiteral("could not be created")));
    QCOMPARE(QFileInfo(r.path).absolutePath(), QDir(recovery).absolutePath());
    QCOMPARE(QFileInfo(r.path).fileName(), QStringLiteral("00000-9.png"));
    ImagePixels back;
    QVERIFY(readWithOiio(r.path, &back));
    QVERIFY(back.data == req.image.data);
    QCOMPARE(PngText::readFile(r.path).value(QStringLiteral("parameters")), req.params.toInfotext());
    // The default recovery folder is under the application data location.
    QVERIFY(ImageWriter().recoveryDir().endsWith(QStringLiteral("/recovery")));
    QVERIFY(ImageWriter().recoveryDir().startsWith(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
}

void TestImageWriter::readOnlyFolderGoesToRecovery() {
    QTemporaryDir dir;
    const QString ro = dir.filePath(QStringLiteral("readonly"));
    QVERIFY(QDir().mkpath(ro));
    QFile::setPermissions(ro, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup);
    QString target = ro;
    {
        QFile probe(ro + QStringLiteral("/probe"));
        if (probe.open(QIODevice::WriteOnly)) {  // running as root: permissions do not apply
            probe.close();
            probe.remove();
            target = QStringLiteral("/sys");     // a read-only filesystem even for root
            QFile sysProbe(QStringLiteral("/sys/latent-probe"));
            if (sysProbe.open(QIODevice::WriteOnly)) {
                sysProbe.remove();
                QSKIP("no read-only folder available (root, writable /sys)");
            }
        }
    }
    const QString recovery = dir.filePath(QStringLiteral("recovery"));
    ImageSaveRequest req;
    req.image = randomImage(8, 8, 3, 4);
    req.params = sampleParams(11);
    req.outputDir = target;
    const ImageSaveResult r = ImageWriter(recovery).save(req);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.recovered);
    QVERIFY(r.reason.contains(QStringLiteral("not writable")));
    QVERIFY(r.path.startsWith(QDir(recovery).absolutePath()));
    QVERIFY(QFile::exists(r.path));
    QVERIFY(leftovers(target).isEmpty());
    QFile::setPermissions(ro, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TestImageWriter::fullDiskLosesNothingPartial() {
#ifdef Q_OS_UNIX
    // Simulate a full disk: a file-size limit makes writes fail with EFBIG.
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString recovery = dir.filePath(QStringLiteral("recovery"));
    QVERIFY(QDir().mkpath(out));
    ImageSaveRequest req;
    req.image = randomImage(96, 96, 3, 12);
    for (qsizetype i = 0; i < req.image.data.size(); ++i) req.image.data[i] = char(QRandomGenerator::global()->generate());
    req.params = sampleParams(3);
    req.outputDir = out;
    QVERIFY(ImageWriter::encodePng(req.image).size() > 8192);

    struct rlimit old {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit tiny = old;
    tiny.rlim_cur = 4096;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &tiny), 0);
    const ImageSaveResult r = ImageWriter(recovery).save(req);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!r.ok);
    QVERIFY(!r.error.isEmpty());
    QVERIFY(r.error.contains(QStringLiteral("disk full")));
    QVERIFY(QDir(out).entryList(QDir::Files | QDir::Hidden).isEmpty());  // nothing partial
    QVERIFY(QDir(recovery).entryList(QDir::Files | QDir::Hidden).isEmpty());
    // Once there is space again, the same request succeeds.
    const ImageSaveResult again = ImageWriter(recovery).save(req);
    QVERIFY(again.ok && !again.recovered);
    ImagePixels back;
    QVERIFY(readWithOiio(again.path, &back));
    QVERIFY(back.data == req.image.data);
#else
    QSKIP("needs RLIMIT_FSIZE");
#endif
}

// What a save cut by kill -9 leaves (its hidden temporary) goes at the next start, when it is old
// enough not to be another process's save in progress; nothing else is touched.
void TestImageWriter::staleTemporariesAreSwept() {
    QTemporaryDir dir;
    auto make = [&](const QString& name, int ageSeconds) {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return false;
        f.write("partial");
        f.close();
        const QDateTime t = QDateTime::currentDateTime().addSecs(-ageSeconds);
        return f.open(QIODevice::ReadWrite) && f.setFileTime(t, QFileDevice::FileModificationTime);
    };
    QVERIFY(make(QStringLiteral(".latent-0123456789abcdef.part"), 3600));  // stale: goes
    QVERIFY(make(QStringLiteral(".latent-fedcba9876543210.part"), 5));     // young: stays
    QVERIFY(make(QStringLiteral(".latent-notours.part"), 3600));           // not the writer's name
    QVERIFY(make(QStringLiteral("00001-42.png"), 3600));                   // an image
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("00001-42.png")), dir.filePath(QStringLiteral(".latent-aaaaaaaaaaaaaaaa.part"))));
    QCOMPARE(ImageWriter::sweepStaleTemporaries(dir.path(), QDateTime::currentDateTime().addSecs(-600)), 1);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name),
             (QStringList{QStringLiteral(".latent-aaaaaaaaaaaaaaaa.part"), QStringLiteral(".latent-fedcba9876543210.part"),
                          QStringLiteral(".latent-notours.part"), QStringLiteral("00001-42.png")}));
    QCOMPARE(ImageWriter::sweepStaleTemporaries(dir.filePath(QStringLiteral("missing")), QDateTime::currentDateTime()), 0);
}

QTEST_GUILESS_MAIN(TestImageWriter)
#include "tst_image_writer.moc"
