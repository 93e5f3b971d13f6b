// A1111's img2img colour correction: OpenCV L*a*b*, scikit-image match_histograms (8-bit,
// truncating), blendmodes' LUMINOSITY blend. Expected bytes were computed with python3-opencv
// 4.6, scikit-image 0.19 and a line-by-line numpy transcription of blendmodes' blendLayers.
#include "pipeline/core/error.h"
#include "pipeline/imaging/color_correction.h"

#include <QTest>

#include <cmath>

using namespace latent;

namespace {

constexpr int kW = 12, kH = 8;

ImageU8 pattern(bool init) {
    ImageU8 img(kW, kH, 3);
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            for (int c = 0; c < 3; ++c)
                img.at(x, y, c) = static_cast<uint8_t>(init ? (x * 37 + y * 91 + c * 53) % 256
                                                            : (x * x * 13 + y * 29 + c * 101 + 7) % 256);
    return img;
}

std::vector<uint8_t> fromHex(const char* hex) {
    std::vector<uint8_t> out;
    for (const char* p = hex; p[0] && p[1]; p += 2)
        out.push_back(static_cast<uint8_t>(std::stoi(std::string(p, 2), nullptr, 16)));
    return out;
}

const char* kExpected =
    "22699e3374aa417caebfcc00d03bb98d8453d241bbc7d4087f7e674383ba3a7ab14c8bc24383ba528fc797a400bdf436f754d4a9b700ee5ddc"
    "134b78a4b2004a81b23e79ab81816a4a81b28f8655b7c5002860912e71a7c9d60d3474aa3c6296c4d2009dab00978d5ca6b4009dab00acb900"
    "b6ed2ecc36b64e8dc4154e7b5490c9d241bb104975becb00b4c100c6d307becb00cbd8101c5c8cf34fd283826b3e6498918756ee5ddc2e6596"
    "d8e532b3ea2b124a77d8e53215507dc72fb1296ea3a9b600e23ac2aeba003474aae132c2275f90195887316697275f9040669aee47ce4989c0"
    "c5d31cef5fdecbd8135490c9f855d5cc35b6486da2d23ebbcc35b6e43cc420689d7f7e67144c793377ad1651809187563072a8f34dd3eb43cb"
    "f957d7";

} // namespace

class TestColorCorrection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesA1111() {
        const ImageU8 target = color_correction_target(pattern(true));
        // cv2.cvtColor(init, COLOR_RGB2LAB), first 4 pixels
        const std::vector<uint8_t> lab = {57, 135, 93, 95, 129, 94, 132, 126, 95, 168, 125, 96};
        QCOMPARE(std::vector<uint8_t>(target.data.begin(), target.data.begin() + 12), lab);
        const ImageU8 matched = match_histograms(rgb_to_lab(pattern(false)), target);
        const std::vector<uint8_t> m = {95, 127, 93, 115, 126, 93, 133, 124, 96, 213, 103, 211};
        QCOMPARE(std::vector<uint8_t>(matched.data.begin(), matched.data.begin() + 12), m);
        const ImageU8 out = apply_color_correction(target, pattern(false));
        QCOMPARE(out.width, int64_t(kW));
        QCOMPARE(out.height, int64_t(kH));
        QCOMPARE(out.data, fromHex(kExpected));
    }

    void histogramMatchingByHand() {
        // source values 10,10,20,30 (quantiles .5,.75,1); reference 0,100,100,200 (quantiles
        // .25,.75,1): 10 -> interp(.5) = 0 + (.5-.25)/(.75-.25)·100 = 50; 20 -> 100; 30 -> 200.
        ImageU8 src(4, 1, 1), ref(4, 1, 1);
        src.data = {10, 10, 20, 30};
        ref.data = {0, 100, 100, 200};
        QCOMPARE(match_histograms(src, ref).data, (std::vector<uint8_t>{50, 50, 100, 200}));
        // Truncation, not rounding: quantile 1/3 between (.25, 0) and (.75, 100) = 16.67 -> 16.
        ImageU8 src3(3, 1, 1);
        src3.data = {1, 2, 3};
        QCOMPARE(match_histograms(src3, ref).data, (std::vector<uint8_t>{16, 83, 200}));
    }

    void luminosityBlendByHand() {
        // Grey background 100, foreground (200, 0, 0): lum = 0.299·200/255 -> grey 59.8 -> 60.
        ImageU8 bg(1, 1, 3, 100), fg(1, 1, 3, 0);
        fg.data = {200, 0, 0};
        QCOMPARE(blend_luminosity(bg, fg).data, (std::vector<uint8_t>{60, 60, 60}));
        // Saturated red background with a white foreground: out of range, pulled to the luminosity 1.
        ImageU8 red(1, 1, 3, 0), white(1, 1, 3, 255);
        red.data = {255, 0, 0};
        QCOMPARE(blend_luminosity(red, white).data, (std::vector<uint8_t>{255, 255, 255}));
        bool threw = false;
        try {
            blend_luminosity(ImageU8(2, 1, 3), ImageU8(1, 1, 3));
        } catch (const PipelineError&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestColorCorrection)
#include "tst_color_correction.moc"
