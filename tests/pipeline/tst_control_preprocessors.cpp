// ControlNet preprocessors against fixtures made by Python OpenCV following sd-webui-controlnet
// (tests/fixtures/controlnet/README.md): canny (OpenCV's Canny after the extension's
// resize-with-pad), scribble_xdog, threshold, blur_gaussian, tile_resample and the fitting of
// detected maps to the generation size (high-quality resize with Otsu re-binarisation and edge
// thinning, the three resize modes) must equal them pixel for pixel. Plus the small ones by hand
// (invert, none, HWC3 of RGBA, inpaint masks, pixel perfect) and the refusals.
#include "pipeline/control/preprocessors.h"
#include "pipeline/core/error.h"

#include <QDir>
#include <cstring>
#include <QImage>
#include <QTest>

using namespace latent;

namespace {

QString fixture(const QString& name) {
    return QDir(QStringLiteral(LATENT_TEST_SOURCE_DIR "/tests/fixtures/controlnet")).filePath(name);
}

ImageU8 loadRgb(const QString& name) {
    QImage q(fixture(name));
    if (q.isNull()) return {};
    q = q.convertToFormat(QImage::Format_RGB888);
    ImageU8 out(q.width(), q.height(), 3);
    for (int y = 0; y < q.height(); ++y) std::memcpy(out.row(y), q.constScanLine(y), size_t(q.width()) * 3);
    return out;
}

// Number of differing bytes (0 = identical), -1 on a size mismatch.
int64_t differences(const ImageU8& a, const ImageU8& b) {
    if (a.width != b.width || a.height != b.height || a.channels != b.channels) return -1;
    int64_t n = 0;
    for (size_t i = 0; i < a.data.size(); ++i) n += a.data[i] != b.data[i];
    return n;
}

#define COMPARE_IMAGES(got, wantName)                                                                            \
    do {                                                                                                         \
        const ImageU8 want_ = loadRgb(QStringLiteral(wantName));                                                 \
        QVERIFY2(want_.valid(), wantName);                                                                       \
        const int64_t d_ = differences((got), want_);                                                            \
        QVERIFY2(d_ == 0, qPrintable(QStringLiteral("%1: %2 bytes differ (got %3x%4x%5, want %6x%7)")             \
                                         .arg(QLatin1String(wantName))                                           \
                                         .arg(d_)                                                                \
                                         .arg((got).width)                                                       \
                                         .arg((got).height)                                                      \
                                         .arg((got).channels)                                                    \
                                         .arg(want_.width)                                                       \
                                         .arg(want_.height)));                                                   \
    } while (0)

} // namespace

class TestControlPreprocessors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cannyEqualsOpenCv() {
        const ImageU8 in = loadRgb(QStringLiteral("input.png"));
        QVERIFY(in.valid());
        COMPARE_IMAGES(run_preprocessor("canny", in, {}, 80, 100, 200), "canny_r80_100_200.png");
        COMPARE_IMAGES(run_preprocessor("canny", in, {}, 128, 50, 150), "canny_r128_50_150.png");
        // The API's -1 means the module's defaults (512, 100, 200).
        const ImageU8 d = run_preprocessor("canny", in, {}, -1, -1, -1);
        QCOMPARE(d.height, int64_t(512));
        QCOMPARE(d.width, int64_t(614));  // round(96 · 512/80) = round(614.4)
    }

    void modelFreeModulesEqualTheExtension() {
        const ImageU8 in = loadRgb(QStringLiteral("input.png"));
        COMPARE_IMAGES(run_preprocessor("scribble_xdog", in, {}, 128, 32), "xdog_r128_32.png");
        COMPARE_IMAGES(run_preprocessor("threshold", in, {}, 100, 127), "threshold_r100_127.png");
        COMPARE_IMAGES(run_preprocessor("blur_gaussian", in, {}, 64, 3.0), "blur_r64_3.png");
        COMPARE_IMAGES(run_preprocessor("tile_resample", in, {}, -1, 2.5), "tile_2.5.png");
        // Rates below 1.1 leave the image as it is.
        QCOMPARE(differences(run_preprocessor("tile_resample", in, {}, -1, 1.05), in), int64_t(0));
    }

    void fittingMapsEqualsTheExtension() {
        const ImageU8 canny = loadRgb(QStringLiteral("canny_r80_100_200.png"));
        COMPARE_IMAGES(fit_control_map(canny, ControlResizeMode::CropAndResize, 256, 192, false),
                       "fit_canny_crop_256x192.png");
        COMPARE_IMAGES(fit_control_map(canny, ControlResizeMode::ResizeAndFill, 128, 192, false),
                       "fit_canny_fill_128x192.png");
        COMPARE_IMAGES(fit_control_map(canny, ControlResizeMode::JustResize, 64, 48, false),
                       "fit_canny_just_64x48.png");
        const ImageU8 in = loadRgb(QStringLiteral("input.png"));
        COMPARE_IMAGES(fit_control_map(in, ControlResizeMode::CropAndResize, 72, 72, false), "fit_input_crop_72x72.png");
        // Same size: unchanged.
        QCOMPARE(differences(fit_control_map(in, ControlResizeMode::ResizeAndFill, 96, 80, false), in), int64_t(0));
    }

    void smallModulesByHand() {
        ImageU8 rgba(2, 1, 4);
        rgba.data = {200, 100, 0, 255, 200, 100, 0, 0};  // opaque, fully transparent
        const ImageU8 flat = hwc3(rgba);
        QCOMPARE(flat.channels, 3);
        QCOMPARE(int(flat.data[0]), 200);
        QCOMPARE(int(flat.data[3]), 255);  // transparent -> white
        const ImageU8 inv = run_preprocessor("invert", flat);
        QCOMPARE(int(inv.data[0]), 55);
        QCOMPARE(int(inv.data[1]), 155);
        QCOMPARE(int(inv.data[2]), 255);
        QCOMPARE(differences(run_preprocessor("none", flat), flat), int64_t(0));
        // Inpaint: the mask's first channel becomes alpha; the fit binarises it at 127.
        ImageU8 img(4, 4, 3, 90), mask(4, 4, 1, 0);
        mask.at(1, 1) = 200;
        mask.at(2, 2) = 100;
        const ImageU8 ip = run_preprocessor("inpaint_only", img, mask);
        QCOMPARE(ip.channels, 4);
        QCOMPARE(int(ip.at(1, 1, 3)), 200);
        const ImageU8 fitted = fit_control_map(ip, ControlResizeMode::CropAndResize, 8, 8, true);
        QCOMPARE(fitted.channels, 4);
        // One colour, growing: cubic (a = −0.75). At (2, 2) the source point (0.75, 0.75) takes
        // 0.879² of the 200 and 0.105² of the 100: 156 > 127, masked. At (4, 4), (1.75, 1.75):
        // 0.293²·200 + 0.879²·100 = 94 < 127, not masked.
        QCOMPARE(int(fitted.at(2, 2, 3)), 255);
        QCOMPARE(int(fitted.at(4, 4, 3)), 0);
        QCOMPARE(int(fitted.at(0, 0, 0)), 90);
    }

    void pixelPerfectResolution() {
        // Crop and Resize: max(512/768, 512/512) · min(768, 512) = 512; Resize and Fill:
        // min(...) · 512 = 341.33 -> 341.
        QCOMPARE(pixel_perfect_resolution(512, 768, 512, 512, ControlResizeMode::CropAndResize), 512);
        QCOMPARE(pixel_perfect_resolution(512, 768, 512, 512, ControlResizeMode::ResizeAndFill), 341);
        // 1000x600 raw to 512x768: k0 = 1.28, k1 = 0.512 -> 1.28 · 600 = 768.
        QCOMPARE(pixel_perfect_resolution(1000, 600, 512, 768, ControlResizeMode::JustResize), 768);
        // Half-to-even as NumPy: 0.5 · 5 = 2.5 -> 2.
        QCOMPARE(pixel_perfect_resolution(10, 5, 5, 2, ControlResizeMode::ResizeAndFill), 2);
    }

    void unitPreparationUsesPixelPerfect() {
        const ImageU8 in = loadRgb(QStringLiteral("input.png"));
        ControlUnit u;
        u.module = "canny";
        u.image = in;
        u.threshold_a = 100;
        u.threshold_b = 200;
        u.pixel_perfect = true;  // 96x80 to 96x80: resolution 80, so the canny fixture
        u.resize_mode = ControlResizeMode::CropAndResize;
        COMPARE_IMAGES(prepare_control_map(u, 96, 80), "canny_r80_100_200.png");
    }

    void listsAndRefusals() {
        const PreprocessorInfo* canny = find_preprocessor("canny");
        QVERIFY(canny && !canny->needs_model);
        QCOMPARE(canny->slider_a.value, 100.0);
        QVERIFY(find_preprocessor("invert (from white bg & black line)"));
        QVERIFY(find_preprocessor("inpaint_global_harmonious"));
        const PreprocessorInfo* depth = find_preprocessor("depth_midas");
        QVERIFY(depth && depth->needs_model && !depth->model_file.empty());
        int modelFree = 0;
        for (const auto& p : control_preprocessors()) modelFree += !p.needs_model;
        QVERIFY(modelFree >= 9);
        const ImageU8 img(16, 16, 3, 0);
        try {
            run_preprocessor("depth_midas", img);
            QFAIL("no error");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("preprocessor_needs_model"));
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("dpt_hybrid")));
        }
        try {
            run_preprocessor("cany", img);
            QFAIL("no error");
        } catch (const PipelineError& e) {
            QCOMPARE(QString::fromStdString(e.code()), QStringLiteral("unknown_preprocessor"));
        }
        QVERIFY_THROWS_EXCEPTION(PipelineError, run_preprocessor("canny", ImageU8()));
        ImageU8 mask(8, 8, 1, 255);
        QVERIFY_THROWS_EXCEPTION(PipelineError, run_preprocessor("inpaint_only", img, mask));  // size mismatch
    }

    void modeNames() {
        QCOMPARE(control_mode_from_name("My prompt is more important"), std::optional(ControlMode::Prompt));
        QCOMPARE(control_mode_from_name("2"), std::optional(ControlMode::Control));
        QCOMPARE(control_mode_from_name("controlnet"), std::optional(ControlMode::Control));
        QVERIFY(!control_mode_from_name("louder"));
        QCOMPARE(control_resize_mode_from_name("Inner Fit (Scale to Fit)"), std::optional(ControlResizeMode::CropAndResize));
        QCOMPARE(control_resize_mode_from_name("3"), std::optional(ControlResizeMode::JustResize));
        QCOMPARE(control_resize_mode_from_name("fill"), std::optional(ControlResizeMode::ResizeAndFill));
        QCOMPARE(QString::fromStdString(control_resize_mode_name(ControlResizeMode::CropAndResize)),
                 QStringLiteral("Crop and Resize"));
    }
};

QTEST_GUILESS_MAIN(TestControlPreprocessors)
#include "tst_control_preprocessors.moc"
