#include "pipeline/control/preprocessors.h"

#include "pipeline/core/error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_set>

namespace latent {

namespace {

// ---- tables ---------------------------------------------------------------------------------

PreprocessorSlider resolution_slider(double minimum = 64) {
    return {"Preprocessor Resolution", minimum, 2048, 512, 8};
}
// The extension's hidden sliders still carry a value (printed in the infotext).
PreprocessorSlider hidden(double value = 0.5, double minimum = 0, double maximum = 1) {
    return {"", minimum, maximum, value, 0.01};
}

std::vector<PreprocessorInfo> make_table() {
    std::vector<PreprocessorInfo> t;
    auto add = [&](std::string name, std::string label, PreprocessorSlider res, PreprocessorSlider a,
                   PreprocessorSlider b) {
        PreprocessorInfo p;
        p.name = std::move(name);
        p.label = std::move(label);
        p.resolution = res;
        p.slider_a = a;
        p.slider_b = b;
        t.push_back(std::move(p));
    };
    PreprocessorSlider hidden_res = resolution_slider(128);
    hidden_res.name.clear();
    add("none", "none", hidden_res, hidden(), hidden());
    add("canny", "canny", resolution_slider(), {"Canny Low Threshold", 1, 255, 100, 1},
        {"Canny High Threshold", 1, 255, 200, 1});
    add("invert", "invert (from white bg & black line)", resolution_slider(), hidden(), hidden());
    add("tile_resample", "tile_resample", hidden_res, {"Down Sampling Rate", 1, 8, 1, 0.01}, hidden());
    add("inpaint_only", "inpaint_only", hidden_res, hidden(), hidden());
    add("inpaint", "inpaint_global_harmonious", hidden_res, hidden(), hidden());
    add("scribble_xdog", "scribble_xdog", resolution_slider(), {"XDoG Threshold", 1, 64, 32, 1}, hidden());
    add("threshold", "threshold", resolution_slider(), {"Binarization Threshold", 0, 255, 127, 1}, hidden());
    add("blur_gaussian", "blur_gaussian", resolution_slider(), {"Sigma", 0.01, 64, 9, 0.01}, hidden());
    add("lineart_standard", "lineart_standard (from white bg & black line)", resolution_slider(), hidden(), hidden());
    // Preprocessors that run their own network: listed, never faked.
    struct NeedsModel {
        const char* name;
        const char* file;
    };
    static const NeedsModel needs[] = {
        {"depth_midas", "annotator/ckpts/dpt_hybrid-midas-501a4d8d.pt"},
        {"depth_leres", "annotator/ckpts/res101.pth"},
        {"depth_zoe", "annotator/ckpts/ZoeD_M12_N.pt"},
        {"openpose", "annotator/ckpts/body_pose_model.pth"},
        {"openpose_full", "annotator/ckpts/body_pose_model.pth, hand_pose_model.pth, facenet.pth"},
        {"dw_openpose_full", "annotator/ckpts/dw-ll_ucoco_384.onnx, yolox_l.onnx"},
        {"lineart_realistic", "annotator/ckpts/sk_model.pth"},
        {"lineart_coarse", "annotator/ckpts/sk_model2.pth"},
        {"lineart_anime", "annotator/ckpts/netG.pth"},
        {"softedge_hed", "annotator/ckpts/ControlNetHED.pth"},
        {"softedge_pidinet", "annotator/ckpts/table5_pidinet.pth"},
        {"scribble_pidinet", "annotator/ckpts/table5_pidinet.pth"},
        {"scribble_hed", "annotator/ckpts/ControlNetHED.pth"},
        {"mlsd", "annotator/ckpts/mlsd_large_512_fp32.pth"},
        {"normal_bae", "annotator/ckpts/scannet.pt"},
        {"seg_ofade20k", "annotator/ckpts/250_16_swin_l_oneformer_ade20k_160k.pth"},
    };
    for (const auto& n : needs) {
        PreprocessorInfo p;
        p.name = n.name;
        p.label = n.name;
        p.needs_model = true;
        p.model_file = n.file;
        p.resolution = resolution_slider();
        p.slider_a = hidden();
        p.slider_b = hidden();
        t.push_back(std::move(p));
    }
    return t;
}

[[noreturn]] void bad_image(const std::string& m) { throw PipelineError("bad_image", m); }

// ---- OpenCV views --------------------------------------------------------------------------

cv::Mat view(const ImageU8& im) {
    return cv::Mat(static_cast<int>(im.height), static_cast<int>(im.width), CV_8UC(im.channels),
                   const_cast<uint8_t*>(im.data.data()));
}

ImageU8 from_mat(const cv::Mat& m_in) {
    cv::Mat m = m_in.isContinuous() ? m_in : m_in.clone();
    if (m.depth() != CV_8U) bad_image("internal: expected an 8-bit map");
    ImageU8 out(m.cols, m.rows, m.channels());
    std::memcpy(out.data.data(), m.data, out.data.size());
    return out;
}

// numpy's np.round (half to even).
int64_t round_half_even(double v) { return static_cast<int64_t>(std::nearbyint(v)); }

// resize_image_with_pad: HWC3, scale the short side to `res` (cubic when growing, area when
// shrinking, sizes rounded half-to-even), pad right/bottom to multiples of 64 by edge
// replication. Returns the padded image and the unpadded size.
cv::Mat resize_with_pad(const ImageU8& image, int res, int* out_w, int* out_h) {
    const ImageU8 img = hwc3(image);
    const double k = double(res) / double(std::min(img.height, img.width));
    const int interp = k > 1 ? cv::INTER_CUBIC : cv::INTER_AREA;
    const int h = static_cast<int>(round_half_even(double(img.height) * k));
    const int w = static_cast<int>(round_half_even(double(img.width) * k));
    if (h < 1 || w < 1) bad_image("The control image is too small for this preprocessor resolution.");
    cv::Mat resized;
    cv::resize(view(img), resized, cv::Size(w, h), 0, 0, interp);
    auto pad64 = [](int x) { return static_cast<int>(std::ceil(double(x) / 64.0) * 64 - x); };
    cv::Mat padded;
    cv::copyMakeBorder(resized, padded, 0, pad64(h), 0, pad64(w), cv::BORDER_REPLICATE);
    *out_w = w;
    *out_h = h;
    return padded;
}

cv::Mat remove_pad(const cv::Mat& m, int w, int h) { return m(cv::Rect(0, 0, w, h)).clone(); }

double slider_value(const PreprocessorSlider& s, double v) {
    // The extension's bound check: out-of-range (incl. the API's -1) takes the default.
    if (v < s.minimum || v > s.maximum) return s.value;
    return v;
}

// 255 where `pred(pixel)` holds, on all three channels.
template <typename Pred>
cv::Mat binary_map(const cv::Mat& img, Pred pred) {
    cv::Mat out(img.rows, img.cols, CV_8UC3, cv::Scalar(0, 0, 0));
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x)
            if (pred(y, x)) out.at<cv::Vec3b>(y, x) = cv::Vec3b(255, 255, 255);
    return out;
}

ImageU8 gray_to_rgb(const cv::Mat& g) {
    cv::Mat rgb;
    cv::cvtColor(g, rgb, cv::COLOR_GRAY2RGB);
    return from_mat(rgb);
}

// ---- high-quality resize (detectmap_proc) ----------------------------------------------------

size_t unique_colours(const cv::Mat& m) {
    std::unordered_set<uint32_t> seen;
    for (int y = 0; y < m.rows; ++y) {
        const uint8_t* p = m.ptr<uint8_t>(y);
        for (int x = 0; x < m.cols; ++x, p += 3) seen.insert(uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2]);
    }
    return seen.size();
}

cv::Mat nake_nms(const cv::Mat& x) {
    static const uint8_t f[4][9] = {{0, 0, 0, 1, 1, 1, 0, 0, 0},
                                    {0, 1, 0, 0, 1, 0, 0, 1, 0},
                                    {1, 0, 0, 0, 1, 0, 0, 0, 1},
                                    {0, 0, 1, 0, 1, 0, 1, 0, 0}};
    cv::Mat y = cv::Mat::zeros(x.size(), x.type());
    for (const auto& k : f) {
        cv::Mat kernel(3, 3, CV_8U, const_cast<uint8_t*>(k));
        cv::Mat d;
        cv::dilate(x, d, kernel);
        x.copyTo(y, d == x);
    }
    return y;
}

// lvmin_thin: hit-or-miss removal with 8 rotated kernels until stable (at most 32 rounds),
// then one pruning round.
cv::Mat lvmin_thin(cv::Mat x, bool prunings) {
    auto rotations = [](const int raw[2][9]) {
        std::vector<cv::Mat> out;
        for (int r = 0; r < 4; ++r)
            for (int i = 0; i < 2; ++i) {
                cv::Mat k(3, 3, CV_32S, const_cast<int*>(raw[i]));
                cv::Mat rk = k.clone();
                // np.rot90(k, r): counter-clockwise by 90° r times.
                for (int j = 0; j < r; ++j) cv::rotate(rk, rk, cv::ROTATE_90_COUNTERCLOCKWISE);
                out.push_back(rk);
            }
        return out;
    };
    static const int thin_raw[2][9] = {{-1, -1, -1, 0, 1, 0, 1, 1, 1}, {0, -1, -1, 1, 1, -1, 0, 1, 0}};
    static const int prune_raw[2][9] = {{-1, -1, -1, -1, 1, -1, 0, 0, -1}, {-1, -1, -1, -1, 1, -1, -1, 0, 0}};
    static const std::vector<cv::Mat> thin = rotations(thin_raw), prune = rotations(prune_raw);
    auto once = [&x](const std::vector<cv::Mat>& kernels) {
        bool done = true;
        for (const auto& k : kernels) {
            cv::Mat hits;
            cv::morphologyEx(x, hits, cv::MORPH_HITMISS, k);
            const cv::Mat remove = hits > 127;
            if (cv::countNonZero(remove) > 0) {
                done = false;
                x.setTo(0, remove);
            }
        }
        return done;
    };
    for (int i = 0; i < 32; ++i)
        if (once(thin)) break;
    if (prunings) once(prune);
    return x;
}

// high_quality_resize for an 8-bit RGB map (the inpaint mask is handled by the caller).
cv::Mat hq_resize(const cv::Mat& x, int w, int h, cv::Mat* mask) {
    if (x.cols == w && x.rows == h) {
        if (mask) *mask = mask->clone();
        return x.clone();
    }
    const int64_t old_area = int64_t(x.cols) * x.rows, new_area = int64_t(w) * h;
    const bool smaller = new_area < old_area, bigger = new_area > old_area;
    const size_t colours = unique_colours(x);
    bool binary = false, one_pixel_edge = false;
    if (colours == 2) {
        double lo = 0, hi = 0;
        cv::minMaxLoc(x.reshape(1), &lo, &hi);
        binary = lo < 16 && hi > 240;
        if (binary) {
            cv::Mat xc;
            const cv::Mat k = cv::Mat::ones(3, 3, CV_8U);
            cv::erode(x, xc, k);
            cv::dilate(xc, xc, k);
            const cv::Mat thinner = xc < x, bright = x > 127;
            const int thin = cv::countNonZero(thinner.reshape(1));
            const int edges = cv::countNonZero(bright.reshape(1));
            one_pixel_edge = int64_t(thin) * 2 > edges;
        }
    }
    int interp = cv::INTER_CUBIC;  // "Must be CUBIC because we now use nms"
    if (colours > 2 && colours < 200) interp = cv::INTER_NEAREST;
    else if (smaller) interp = cv::INTER_AREA;
    cv::Mat y;
    cv::resize(x, y, cv::Size(w, h), 0, 0, interp);
    if (mask) {
        cv::Mat m;
        cv::resize(*mask, m, cv::Size(w, h), 0, 0, interp);
        *mask = m;
    }
    if (binary) {
        cv::Mat g(h, w, CV_8U);
        for (int r = 0; r < h; ++r) {
            const uint8_t* p = y.ptr<uint8_t>(r);
            uint8_t* o = g.ptr<uint8_t>(r);
            for (int c = 0; c < w; ++c, p += 3) {
                const float mean = (float(p[0]) + float(p[1]) + float(p[2])) / 3.0f;
                o[c] = static_cast<uint8_t>(std::clamp(mean, 0.0f, 255.0f));
            }
        }
        if (one_pixel_edge) {
            g = nake_nms(g);
            cv::threshold(g, g, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
            g = lvmin_thin(g, bigger);
        } else {
            cv::threshold(g, g, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
        }
        cv::cvtColor(g, y, cv::COLOR_GRAY2RGB);
    }
    return y;
}

// Per-channel median of the border pixels (np.median, cast back to uint8 by truncation).
cv::Vec4b border_median(const cv::Mat& m) {
    const int ch = m.channels();
    std::vector<std::vector<uint8_t>> values(static_cast<size_t>(ch));
    auto take = [&](int y, int x) {
        const uint8_t* p = m.ptr<uint8_t>(y) + x * ch;
        for (int c = 0; c < ch; ++c) values[c].push_back(p[c]);
    };
    for (int x = 0; x < m.cols; ++x) take(0, x);
    for (int x = 0; x < m.cols; ++x) take(m.rows - 1, x);
    for (int y = 0; y < m.rows; ++y) take(y, 0);
    for (int y = 0; y < m.rows; ++y) take(y, m.cols - 1);
    cv::Vec4b out(0, 0, 0, 0);
    for (int c = 0; c < ch; ++c) {
        auto& v = values[c];
        std::sort(v.begin(), v.end());
        const size_t n = v.size();
        const double med = n % 2 ? v[n / 2] : (double(v[n / 2 - 1]) + double(v[n / 2])) / 2.0;
        out[c] = static_cast<uint8_t>(med);
    }
    return out;
}

} // namespace

// ---- public --------------------------------------------------------------------------------

const std::vector<PreprocessorInfo>& control_preprocessors() {
    static const std::vector<PreprocessorInfo> table = make_table();
    return table;
}

const PreprocessorInfo* find_preprocessor(const std::string& name) {
    for (const auto& p : control_preprocessors())
        if (p.name == name || p.label == name) return &p;
    // Older spellings the extension still accepts.
    static const std::pair<const char*, const char*> aliases[] = {
        {"inpaint_global_harmonious", "inpaint"}, {"invert (from white bg & black line)", "invert"},
        {"depth", "depth_midas"},                 {"hed", "softedge_hed"},
        {"pidinet", "softedge_pidinet"},          {"lineart", "lineart_realistic"},
        {"normal_map", "normal_bae"},             {"segmentation", "seg_ofade20k"}};
    for (const auto& [from, to] : aliases)
        if (name == from) return find_preprocessor(to);
    return nullptr;
}

bool is_inpaint_module(const std::string& module) { return module.find("inpaint") != std::string::npos; }

ImageU8 hwc3(const ImageU8& x) {
    if (!x.valid() || (x.channels != 1 && x.channels != 3 && x.channels != 4))
        bad_image("The control image is empty or not an 8-bit L, RGB or RGBA image.");
    if (x.channels == 3) return x;
    ImageU8 out(x.width, x.height, 3);
    const size_t n = static_cast<size_t>(x.width * x.height);
    for (size_t i = 0; i < n; ++i) {
        if (x.channels == 1) {
            out.data[3 * i] = out.data[3 * i + 1] = out.data[3 * i + 2] = x.data[i];
        } else {
            const float alpha = float(x.data[4 * i + 3]) / 255.0f;
            for (int c = 0; c < 3; ++c) {
                const float v = float(x.data[4 * i + c]) * alpha + 255.0f * (1.0f - alpha);
                out.data[3 * i + c] = static_cast<uint8_t>(std::clamp(v, 0.0f, 255.0f));
            }
        }
    }
    return out;
}

ImageU8 run_preprocessor(const std::string& module_in, const ImageU8& image, const ImageU8& mask, int res_in,
                         double a_in, double b_in) {
    const PreprocessorInfo* p = find_preprocessor(module_in);
    if (!p) throw PipelineError("unknown_preprocessor", "Unknown ControlNet preprocessor \"" + module_in + "\".");
    if (p->needs_model)
        throw PipelineError("preprocessor_needs_model", "The preprocessor \"" + p->name +
                                                            "\" needs its own model (" + p->model_file +
                                                            "), which is not available; use a model-free "
                                                            "preprocessor or an already processed control image.");
    const std::string& m = p->name;
    const int res = static_cast<int>(slider_value(p->resolution, res_in));
    const double a = slider_value(p->slider_a, a_in);
    const double b = slider_value(p->slider_b, b_in);
    int w = 0, h = 0;

    if (m == "none") return hwc3(image);
    if (m == "invert") {
        ImageU8 out = hwc3(image);
        for (auto& v : out.data) v = static_cast<uint8_t>(255 - v);
        return out;
    }
    if (m == "inpaint_only" || m == "inpaint") {
        // RGB + mask in alpha (the extension's combine_image_and_mask: the mask's first channel,
        // zeros without a mask).
        const ImageU8 rgb = hwc3(image);
        ImageU8 out(rgb.width, rgb.height, 4);
        const bool has_mask = mask.valid();
        if (has_mask && (mask.width != rgb.width || mask.height != rgb.height))
            bad_image("The ControlNet mask (" + std::to_string(mask.width) + "x" + std::to_string(mask.height) +
                      ") is not the size of its image (" + std::to_string(rgb.width) + "x" +
                      std::to_string(rgb.height) + ").");
        const size_t n = static_cast<size_t>(rgb.width * rgb.height);
        for (size_t i = 0; i < n; ++i) {
            for (int c = 0; c < 3; ++c) out.data[4 * i + c] = rgb.data[3 * i + c];
            out.data[4 * i + 3] = has_mask ? mask.data[i * static_cast<size_t>(mask.channels)] : 0;
        }
        return out;
    }
    if (m == "tile_resample") {
        ImageU8 rgb = hwc3(image);
        if (a < 1.1) return rgb;
        const int nh = static_cast<int>(double(rgb.height) / a), nw = static_cast<int>(double(rgb.width) / a);
        if (nh < 1 || nw < 1) bad_image("The control image is too small for this down-sampling rate.");
        cv::Mat out;
        cv::resize(view(rgb), out, cv::Size(nw, nh), 0, 0, cv::INTER_AREA);
        return from_mat(out);
    }
    if (m == "canny") {
        const cv::Mat img = resize_with_pad(image, res, &w, &h);
        cv::Mat edges;
        cv::Canny(img, edges, a, b);
        return gray_to_rgb(remove_pad(edges, w, h));
    }
    if (m == "scribble_xdog") {
        const cv::Mat img = resize_with_pad(image, res, &w, &h);
        cv::Mat f, g1, g2;
        img.convertTo(f, CV_32F);
        cv::GaussianBlur(f, g1, cv::Size(0, 0), 0.5);
        cv::GaussianBlur(f, g2, cv::Size(0, 0), 5.0);
        const cv::Mat out = binary_map(img, [&](int y, int x) {
            const cv::Vec3f p1 = g1.at<cv::Vec3f>(y, x), p2 = g2.at<cv::Vec3f>(y, x);
            const float mn = std::min({p2[0] - p1[0], p2[1] - p1[1], p2[2] - p1[2]});
            const auto dog = static_cast<uint8_t>(std::clamp(255.0f - mn, 0.0f, 255.0f));
            // numpy uint8 arithmetic: 2 * (255 - dog) wraps modulo 256, as in the extension.
            const auto v = static_cast<uint8_t>(2 * static_cast<uint8_t>(255 - dog));
            return double(v) > a;
        });
        return from_mat(remove_pad(out, w, h));
    }
    if (m == "threshold") {
        const cv::Mat img = resize_with_pad(image, res, &w, &h);
        const cv::Mat out = binary_map(img, [&](int y, int x) {
            const cv::Vec3b p = img.at<cv::Vec3b>(y, x);
            return double(std::min({p[0], p[1], p[2]})) > a;
        });
        return from_mat(remove_pad(out, w, h));
    }
    if (m == "blur_gaussian") {
        const cv::Mat padded = resize_with_pad(image, res, &w, &h);
        const cv::Mat img = remove_pad(padded, w, h);
        cv::Mat out;
        cv::GaussianBlur(img, out, cv::Size(0, 0), a);
        return from_mat(out);
    }
    if (m == "lineart_standard") {
        const cv::Mat img = resize_with_pad(image, res, &w, &h);
        cv::Mat f, g;
        img.convertTo(f, CV_32F);
        cv::GaussianBlur(f, g, cv::Size(0, 0), 6.0);
        cv::Mat intensity(img.rows, img.cols, CV_32F);
        std::vector<float> bright;
        for (int y = 0; y < img.rows; ++y)
            for (int x = 0; x < img.cols; ++x) {
                const cv::Vec3f pg = g.at<cv::Vec3f>(y, x), px = f.at<cv::Vec3f>(y, x);
                const float v = std::clamp(std::min({pg[0] - px[0], pg[1] - px[1], pg[2] - px[2]}), 0.0f, 255.0f);
                intensity.at<float>(y, x) = v;
                if (v > 8) bright.push_back(v);
            }
        float median = 0;
        if (!bright.empty()) {
            std::sort(bright.begin(), bright.end());
            const size_t n = bright.size();
            median = n % 2 ? bright[n / 2] : (bright[n / 2 - 1] + bright[n / 2]) / 2.0f;
        }
        const float div = std::max(16.0f, median);
        cv::Mat out(img.rows, img.cols, CV_8U);
        for (int y = 0; y < img.rows; ++y)
            for (int x = 0; x < img.cols; ++x)
                out.at<uint8_t>(y, x) =
                    static_cast<uint8_t>(std::clamp(intensity.at<float>(y, x) / div * 127.0f, 0.0f, 255.0f));
        return gray_to_rgb(remove_pad(out, w, h));
    }
    throw PipelineError("unknown_preprocessor", "The ControlNet preprocessor \"" + m + "\" is not implemented.");
}

int pixel_perfect_resolution(int64_t raw_w, int64_t raw_h, int64_t target_w, int64_t target_h, ControlResizeMode mode) {
    if (raw_w <= 0 || raw_h <= 0) bad_image("The control image is empty.");
    const double k0 = double(target_h) / double(raw_h), k1 = double(target_w) / double(raw_w);
    const double short_side = double(std::min(raw_h, raw_w));
    const double estimation =
        (mode == ControlResizeMode::ResizeAndFill ? std::min(k0, k1) : std::max(k0, k1)) * short_side;
    return static_cast<int>(round_half_even(estimation));
}

ImageU8 fit_control_map(const ImageU8& map_in, ControlResizeMode mode, int64_t width, int64_t height, bool inpaint) {
    if (!map_in.valid()) bad_image("The control map is empty.");
    if (width < 8 || height < 8) bad_image("The generation size is too small for a control map.");
    // Colour part (RGB; RGBA only for inpaint maps, whose alpha is the mask).
    ImageU8 rgb;
    cv::Mat mask;
    if (inpaint && map_in.channels == 4) {
        rgb = ImageU8(map_in.width, map_in.height, 3);
        mask = cv::Mat(static_cast<int>(map_in.height), static_cast<int>(map_in.width), CV_8U);
        const size_t n = static_cast<size_t>(map_in.width * map_in.height);
        for (size_t i = 0; i < n; ++i) {
            for (int c = 0; c < 3; ++c) rgb.data[3 * i + c] = map_in.data[4 * i + c];
            mask.data[i] = map_in.data[4 * i + 3];
        }
    } else {
        rgb = hwc3(map_in);
    }
    const int W = static_cast<int>(width), H = static_cast<int>(height);
    auto finish = [&](const cv::Mat& colour, cv::Mat m) {
        if (!inpaint || m.empty()) return from_mat(colour);
        m = (m > 127);  // 0 / 255
        std::vector<cv::Mat> parts;
        cv::split(colour, parts);
        parts.push_back(m);
        cv::Mat rgba;
        cv::merge(parts, rgba);
        return from_mat(rgba);
    };
    cv::Mat src = view(rgb);
    if (mode == ControlResizeMode::JustResize) {
        cv::Mat m = mask;
        const cv::Mat y = hq_resize(src, W, H, mask.empty() ? nullptr : &m);
        return finish(y, m);
    }
    const double old_w = double(rgb.width), old_h = double(rgb.height);
    const double k0 = double(H) / old_h, k1 = double(W) / old_w;
    if (mode == ControlResizeMode::ResizeAndFill) {
        const double k = std::min(k0, k1);
        // Background: the median colour of the map's border (mask border counts as masked).
        cv::Mat full;
        if (!mask.empty()) {
            std::vector<cv::Mat> parts;
            cv::split(src, parts);
            parts.push_back(mask);
            cv::merge(parts, full);
        } else {
            full = src;
        }
        cv::Vec4b colour = border_median(full);
        if (!mask.empty()) colour[3] = 255;
        const int nw = std::max(1, static_cast<int>(round_half_even(old_w * k)));
        const int nh = std::max(1, static_cast<int>(round_half_even(old_h * k)));
        cv::Mat m = mask;
        const cv::Mat y = hq_resize(src, nw, nh, mask.empty() ? nullptr : &m);
        cv::Mat bg(H, W, CV_8UC3, cv::Scalar(colour[0], colour[1], colour[2]));
        cv::Mat bg_mask = mask.empty() ? cv::Mat() : cv::Mat(H, W, CV_8U, cv::Scalar(colour[3]));
        const int pad_h = std::max(0, (H - nh) / 2), pad_w = std::max(0, (W - nw) / 2);
        const cv::Rect dst(pad_w, pad_h, std::min(nw, W - pad_w), std::min(nh, H - pad_h));
        y(cv::Rect(0, 0, dst.width, dst.height)).copyTo(bg(dst));
        if (!bg_mask.empty()) m(cv::Rect(0, 0, dst.width, dst.height)).copyTo(bg_mask(dst));
        return finish(bg, bg_mask);
    }
    // Crop and Resize: cover the target, crop the centre.
    const double k = std::max(k0, k1);
    const int nw = std::max(W, static_cast<int>(round_half_even(old_w * k)));
    const int nh = std::max(H, static_cast<int>(round_half_even(old_h * k)));
    cv::Mat m = mask;
    const cv::Mat y = hq_resize(src, nw, nh, mask.empty() ? nullptr : &m);
    const int pad_h = std::max(0, (nh - H) / 2), pad_w = std::max(0, (nw - W) / 2);
    const cv::Rect crop(pad_w, pad_h, W, H);
    return finish(y(crop).clone(), m.empty() ? cv::Mat() : m(crop).clone());
}

ImageU8 prepare_control_map(const ControlUnit& unit, int64_t width, int64_t height) {
    if (!unit.image.valid()) bad_image("The ControlNet unit has no control image.");
    const PreprocessorInfo* p = find_preprocessor(unit.module);
    if (!p) throw PipelineError("unknown_preprocessor", "Unknown ControlNet preprocessor \"" + unit.module + "\".");
    int res = unit.processor_res;
    if (unit.pixel_perfect)
        res = pixel_perfect_resolution(unit.image.width, unit.image.height, width, height, unit.resize_mode);
    const ImageU8 detected = run_preprocessor(p->name, unit.image, unit.mask, res, unit.threshold_a, unit.threshold_b);
    return fit_control_map(detected, unit.resize_mode, width, height, is_inpaint_module(p->name));
}

} // namespace latent
