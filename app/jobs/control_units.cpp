#include "app/jobs/control_units.h"

#include "app/imaging/image_loader.h"
#include "app/library/model_hashes.h"
#include "app/library/safe_convert.h"
#include "app/metadata/generation_params.h"
#include "pipeline/control/preprocessors.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/format_sniff.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

namespace latent {

namespace {

QString unitKey(int i, const char* key) {
    return QStringLiteral("alwayson_scripts.controlnet.args[%1].%2").arg(i).arg(QLatin1String(key));
}

// A number, or a string holding a mode's name.
bool readMode(const QJsonObject& o, const char* key, int i, std::string* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d != std::floor(d) || d < 0 || d > 3) {
            *error = QCoreApplication::translate("ControlNet", "\"%1\" must be 0, 1 or 2 or a mode's name.").arg(unitKey(i, key));
            return false;
        }
        *out = std::to_string(static_cast<int>(d));
        return true;
    }
    if (!v.isString()) {
        *error = QCoreApplication::translate("ControlNet", "\"%1\" must be a number or a mode's name.").arg(unitKey(i, key));
        return false;
    }
    *out = v.toString().toStdString();
    return true;
}

bool readNumber(const QJsonObject& o, const char* key, int i, double* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        *error = QCoreApplication::translate("ControlNet", "\"%1\" must be a number.").arg(unitKey(i, key));
        return false;
    }
    *out = v.toDouble();
    return true;
}

bool readText(const QJsonObject& o, const char* key, int i, QString* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isString()) {
        *error = QCoreApplication::translate("ControlNet", "\"%1\" must be a string.").arg(unitKey(i, key));
        return false;
    }
    *out = v.toString();
    return true;
}

bool readBool(const QJsonObject& o, const char* key, int i, bool* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (v.isBool()) *out = v.toBool();
    else if (v.isDouble()) *out = v.toDouble() != 0;
    else {
        *error = QCoreApplication::translate("ControlNet", "\"%1\" must be true or false.").arg(unitKey(i, key));
        return false;
    }
    return true;
}

QString pyBool(bool b) { return b ? QStringLiteral("True") : QStringLiteral("False"); }

// The slider value the extension's bound check leaves (out of range, incl. -1, -> default).
double resolvedSlider(const PreprocessorSlider& s, double v) { return (v < s.minimum || v > s.maximum) ? s.value : v; }

QString modelsDir(const QString& root) {
    if (root.isEmpty()) return {};
    const QDir r(root);
    if (r.exists(QStringLiteral("models/ControlNet"))) return r.filePath(QStringLiteral("models/ControlNet"));
    if (r.exists(QStringLiteral("ControlNet"))) return r.filePath(QStringLiteral("ControlNet"));
    return r.filePath(QStringLiteral("models/ControlNet"));
}

bool isControlNetFileName(const QString& name) {
    static const QStringList exts = {QStringLiteral(".safetensors"), QStringLiteral(".pth"), QStringLiteral(".ckpt"),
                                     QStringLiteral(".pt"), QStringLiteral(".bin")};
    for (const QString& e : exts)
        if (name.endsWith(e, Qt::CaseInsensitive)) return true;
    return false;
}

QString stemOf(const QString& path) {
    const QFileInfo fi(path);
    return fi.isDir() ? fi.fileName() : fi.completeBaseName();
}

} // namespace

QString applyControlNetApiArgs(const QJsonObject& body, GenerationRequest& r, QList<ControlInputFiles>* inputs,
                               bool allowLocalPaths) {
    const QJsonObject scripts = body.value(QStringLiteral("alwayson_scripts")).toObject();
    QJsonValue cn;
    for (auto it = scripts.begin(); it != scripts.end(); ++it)
        if (it.key().compare(QLatin1String("controlnet"), Qt::CaseInsensitive) == 0) cn = it.value();
    if (cn.isUndefined() || cn.isNull()) return {};
    if (!cn.isObject()) return QCoreApplication::translate("ControlNet", "\"alwayson_scripts.controlnet\" must be an object with \"args\".");
    const QJsonValue argsValue = cn.toObject().value(QStringLiteral("args"));
    if (argsValue.isUndefined() || argsValue.isNull()) return {};
    if (!argsValue.isArray()) return QCoreApplication::translate("ControlNet", "\"alwayson_scripts.controlnet.args\" must be a list of units.");
    const QJsonArray args = argsValue.toArray();
    if (args.size() > 16) return QCoreApplication::translate("ControlNet", "At most 16 ControlNet units are supported.");
    QString e;
    for (int i = 0; i < args.size(); ++i) {
        if (!args[i].isObject()) return QCoreApplication::translate("ControlNet", "\"%1\" must be an object.").arg(QStringLiteral("alwayson_scripts.controlnet.args[%1]").arg(i));
        const QJsonObject o = args[i].toObject();
        bool enabled = true;
        if (!readBool(o, "enabled", i, &enabled, &e)) return e;
        if (!enabled) continue;
        ControlUnit u;
        ControlInputFiles files;
        QString module = QStringLiteral("none"), model;
        std::string resize, mode, hrOption;
        double res = u.processor_res;
        if (!readText(o, "module", i, &module, &e) || !readText(o, "model", i, &model, &e) ||
            !readNumber(o, "weight", i, &u.weight, &e) || !readMode(o, "resize_mode", i, &resize, &e) ||
            !readMode(o, "control_mode", i, &mode, &e) || !readNumber(o, "processor_res", i, &res, &e) ||
            !readNumber(o, "threshold_a", i, &u.threshold_a, &e) || !readNumber(o, "threshold_b", i, &u.threshold_b, &e) ||
            !readNumber(o, "guidance", i, &u.guidance_end, &e) || !readNumber(o, "guidance_start", i, &u.guidance_start, &e) ||
            !readNumber(o, "guidance_end", i, &u.guidance_end, &e) || !readBool(o, "pixel_perfect", i, &u.pixel_perfect, &e) ||
            !readMode(o, "hr_option", i, &hrOption, &e))
            return e;
        u.module = module.toStdString();
        if (model.compare(QLatin1String("None"), Qt::CaseInsensitive) != 0) u.model = model.toStdString();
        u.processor_res = static_cast<int>(std::clamp(res, -1.0, 16384.0));
        if (!resize.empty()) {
            const auto m = control_resize_mode_from_name(resize);
            if (!m) return QCoreApplication::translate("ControlNet", "\"%1\" is not a resize mode (Just Resize, Crop and Resize, Resize and Fill).").arg(unitKey(i, "resize_mode"));
            u.resize_mode = *m;
        }
        if (!mode.empty()) {
            const auto m = control_mode_from_name(mode);
            if (!m)
                return QCoreApplication::translate("ControlNet", "\"%1\" is not a control mode (Balanced, My prompt is more important, ControlNet is more "
                          "important).")
                    .arg(unitKey(i, "control_mode"));
            u.control_mode = *m;
        }
        if (!hrOption.empty()) {
            const auto h = control_hires_option_from_name(hrOption);
            if (!h)
                return QCoreApplication::translate("ControlNet", "\"%1\" is not a hires fix option (Both, Low res only, High res only).")
                    .arg(unitKey(i, "hr_option"));
            u.hr_option = *h;
        }
        // image: base64, {"image": base64, "mask": base64}, or [image, mask]; input_image is the
        // extension's legacy name.
        QJsonValue image = o.value(QStringLiteral("image"));
        if (image.isUndefined() || image.isNull()) image = o.value(QStringLiteral("input_image"));
        if (image.isObject()) {
            const QJsonObject io = image.toObject();
            if (!readText(io, "image", i, &files.imageBase64, &e) || !readText(io, "mask", i, &files.maskBase64, &e)) return e;
        } else if (image.isArray()) {
            const QJsonArray pair = image.toArray();
            if (pair.size() != 2 || !pair[0].isString() || !(pair[1].isString() || pair[1].isNull()))
                return QCoreApplication::translate("ControlNet", "\"%1\" must be a base64 image or [image, mask].").arg(unitKey(i, "image"));
            files.imageBase64 = pair[0].toString();
            files.maskBase64 = pair[1].toString();
        } else if (image.isString()) {
            files.imageBase64 = image.toString();
        } else if (!image.isUndefined() && !image.isNull()) {
            return QCoreApplication::translate("ControlNet", "\"%1\" must be a base64 image.").arg(unitKey(i, "image"));
        }
        QString mask;
        if (!readText(o, "mask", i, &mask, &e)) return e;
        if (mask.isEmpty() && !readText(o, "mask_image", i, &mask, &e)) return e;
        if (!mask.isEmpty()) files.maskBase64 = mask;
        if (allowLocalPaths) {
            QString modelPath;
            if (!readText(o, "image_path", i, &files.imagePath, &e) || !readText(o, "mask_path", i, &files.maskPath, &e) ||
                !readText(o, "model_path", i, &modelPath, &e))
                return e;
            u.model_path = modelPath.toStdString();
        }
        r.controlnet.push_back(std::move(u));
        if (inputs) inputs->append(files);
    }
    return {};
}

QJsonArray controlNetApiArgs(const std::vector<ControlUnit>& units, const QList<ControlInputFiles>& inputs) {
    QJsonArray out;
    for (size_t i = 0; i < units.size(); ++i) {
        const ControlUnit& u = units[i];
        QJsonObject o{{QStringLiteral("enabled"), u.enabled},
                      {QStringLiteral("module"), QString::fromStdString(u.module)},
                      {QStringLiteral("model"), QString::fromStdString(u.model_title.empty() ? u.model : u.model_title)},
                      {QStringLiteral("weight"), u.weight},
                      {QStringLiteral("resize_mode"), QString::fromStdString(control_resize_mode_name(u.resize_mode))},
                      {QStringLiteral("control_mode"), QString::fromStdString(control_mode_name(u.control_mode))},
                      {QStringLiteral("processor_res"), u.processor_res},
                      {QStringLiteral("threshold_a"), u.threshold_a},
                      {QStringLiteral("threshold_b"), u.threshold_b},
                      {QStringLiteral("guidance_start"), u.guidance_start},
                      {QStringLiteral("guidance_end"), u.guidance_end},
                      {QStringLiteral("pixel_perfect"), u.pixel_perfect},
                      {QStringLiteral("hr_option"), QString::fromStdString(control_hires_option_name(u.hr_option))}};
        if (!u.model_path.empty()) o.insert(QStringLiteral("model_path"), QString::fromStdString(u.model_path));
        if (i < size_t(inputs.size())) {
            if (!inputs[int(i)].imagePath.isEmpty()) o.insert(QStringLiteral("image_path"), inputs[int(i)].imagePath);
            if (!inputs[int(i)].maskPath.isEmpty()) o.insert(QStringLiteral("mask_path"), inputs[int(i)].maskPath);
        }
        out.append(o);
    }
    return out;
}

QString controlUnitInfotext(const ControlUnit& u, bool hires) {
    const PreprocessorInfo* p = find_preprocessor(u.module);
    const QString module = p ? QString::fromStdString(p->label) : QString::fromStdString(u.module);
    const QString model = QString::fromStdString(!u.model_title.empty() ? u.model_title
                                                 : !u.model.empty()      ? u.model
                                                                         : std::string("None"));
    const int res = p ? static_cast<int>(resolvedSlider(p->resolution, u.processor_res)) : u.processor_res;
    const double a = p ? resolvedSlider(p->slider_a, u.threshold_a) : u.threshold_a;
    const double b = p ? resolvedSlider(p->slider_b, u.threshold_b) : u.threshold_b;
    // The extension refuses ',' and ':' inside values; keep the entry parseable.
    auto clean = [](QString v) { return v.replace(QLatin1Char(','), QLatin1Char(' ')).replace(QLatin1Char(':'), QLatin1Char(' ')); };
    QStringList items = {
        QStringLiteral("Module: ") + clean(module),
        QStringLiteral("Model: ") + clean(model),
        QStringLiteral("Weight: ") + GenerationParams::formatFloat(u.weight),
        QStringLiteral("Resize Mode: ") + QString::fromStdString(control_resize_mode_name(u.resize_mode)),
        QStringLiteral("Processor Res: ") + QString::number(res),
        QStringLiteral("Threshold A: ") + GenerationParams::formatFloat(a),
        QStringLiteral("Threshold B: ") + GenerationParams::formatFloat(b),
        QStringLiteral("Guidance Start: ") + GenerationParams::formatFloat(u.guidance_start),
        QStringLiteral("Guidance End: ") + GenerationParams::formatFloat(u.guidance_end),
        QStringLiteral("Pixel Perfect: ") + pyBool(u.pixel_perfect),
        QStringLiteral("Control Mode: ") + QString::fromStdString(control_mode_name(u.control_mode)),
    };
    if (hires) items << QStringLiteral("Hr Option: ") + QString::fromStdString(control_hires_option_name(u.hr_option));
    return items.join(QStringLiteral(", "));
}

void addControlNetInfotext(const std::vector<ControlUnit>& units, GenerationParams& params, bool hires) {
    int index = 0;
    for (const ControlUnit& u : units) {
        if (!u.enabled) continue;
        params.setExtra(QStringLiteral("ControlNet %1").arg(index++), controlUnitInfotext(u, hires));
    }
}

std::vector<ControlUnit> controlUnitsFromInfotext(const GenerationParams& params, QStringList* warnings) {
    std::vector<ControlUnit> out;
    for (int index = 0; index < 16; ++index) {
        const QString value = params.extra(QStringLiteral("ControlNet %1").arg(index));
        if (value.isNull()) continue;
        ControlUnit u;
        bool ok = true;
        for (const QString& item : value.split(QLatin1Char(','))) {
            const QString t = item.trimmed();
            const int colon = t.indexOf(QStringLiteral(": "));
            if (colon <= 0) {
                ok = false;
                break;
            }
            const QString key = t.left(colon).toLower(), v = t.mid(colon + 2).trimmed();
            bool numOk = true;
            if (key == QLatin1String("module")) u.module = v.toStdString();
            else if (key == QLatin1String("model")) u.model = v.compare(QLatin1String("None"), Qt::CaseInsensitive) ? v.toStdString() : "";
            else if (key == QLatin1String("weight")) u.weight = v.toDouble(&numOk);
            else if (key == QLatin1String("resize mode")) {
                const auto m = control_resize_mode_from_name(v.toStdString());
                numOk = m.has_value();
                if (m) u.resize_mode = *m;
            } else if (key == QLatin1String("processor res")) u.processor_res = int(v.toDouble(&numOk));
            else if (key == QLatin1String("threshold a")) u.threshold_a = v.toDouble(&numOk);
            else if (key == QLatin1String("threshold b")) u.threshold_b = v.toDouble(&numOk);
            else if (key == QLatin1String("guidance start")) u.guidance_start = v.toDouble(&numOk);
            else if (key == QLatin1String("guidance end")) u.guidance_end = v.toDouble(&numOk);
            else if (key == QLatin1String("pixel perfect")) u.pixel_perfect = v == QLatin1String("True");
            else if (key == QLatin1String("control mode")) {
                const auto m = control_mode_from_name(v.toStdString());
                numOk = m.has_value();
                if (m) u.control_mode = *m;
            }
            else if (key == QLatin1String("hr option")) {
                // "Both", ... or the extension's older str(enum) form "HiResFixOption.BOTH".
                const auto h = control_hires_option_from_name(v.toStdString());
                numOk = h.has_value();
                if (h) u.hr_option = *h;
            }
            // Other keys (Low Vram, Save Detected Map, ...) are ignored.
            if (!numOk) {
                ok = false;
                break;
            }
        }
        if (!ok) {
            if (warnings) warnings->append(QCoreApplication::translate("ControlNet", "The entry \"ControlNet %1\" could not be read and was skipped.").arg(index));
            continue;
        }
        if (const PreprocessorInfo* p = find_preprocessor(u.module)) u.module = p->name;
        u.model_title = u.model;
        out.push_back(std::move(u));
    }
    return out;
}

QString controlNetTitle(const QString& path) {
    const QFileInfo fi(path);
    if (fi.isDir()) return fi.fileName();
    const QString hash = ModelHashes::autoV1(path);
    return hash.isEmpty() ? fi.completeBaseName() : QStringLiteral("%1 [%2]").arg(fi.completeBaseName(), hash.left(8));
}

QStringList controlNetFiles(const QString& modelsRoot) {
    const QString dir = modelsDir(modelsRoot);
    QStringList out;
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) return out;
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        const QFileInfo fi(p);
        if (fi.isDir() ? QFileInfo::exists(QDir(p).filePath(QStringLiteral("config.json"))) : isControlNetFileName(fi.fileName()))
            out << p;
    }
    std::sort(out.begin(), out.end(), [](const QString& a, const QString& b) {
        return QFileInfo(a).fileName().compare(QFileInfo(b).fileName(), Qt::CaseInsensitive) < 0;
    });
    return out;
}

QString resolveControlNetModel(ControlUnit& u, const QString& modelsRoot) {
    if (!u.model_path.empty() && QFileInfo::exists(QString::fromStdString(u.model_path))) {
        if (u.model_title.empty()) u.model_title = controlNetTitle(QString::fromStdString(u.model_path)).toStdString();
        return {};
    }
    const QString wanted = QString::fromStdString(u.model).trimmed();
    if (wanted.isEmpty()) return QCoreApplication::translate("ControlNet", "A ControlNet unit has no model.");
    if (QFileInfo::exists(wanted)) {
        u.model_path = QFileInfo(wanted).absoluteFilePath().toStdString();
        u.model_title = controlNetTitle(wanted).toStdString();
        return {};
    }
    // "name [hash8]": the stem, and the hash when given.
    QString name = wanted, hash;
    static const QRegularExpression titled(QStringLiteral("^(.*\\S)\\s*\\[([0-9A-Fa-f]{8,10})\\]$"));
    if (const auto m = titled.match(wanted); m.hasMatch()) {
        name = m.captured(1);
        hash = m.captured(2).toLower();
    }
    const QStringList files = controlNetFiles(modelsRoot);
    if (files.isEmpty())
        return modelsRoot.isEmpty() ? QCoreApplication::translate("ControlNet", "ControlNet model not found: %1 (give a file, or --models-root to look it up by name).").arg(wanted)
                                    : QCoreApplication::translate("ControlNet", "ControlNet model not found: %1 (no models in %2).").arg(wanted, modelsDir(modelsRoot));
    QString found;
    for (const QString& f : files)  // exact stem, case-insensitive (the extension's name lookup)
        if (stemOf(f).compare(name, Qt::CaseInsensitive) == 0) {
            if (hash.isEmpty() || ModelHashes::autoV1(f).left(8).compare(hash.left(8), Qt::CaseInsensitive) == 0) {
                found = f;
                break;
            }
            if (found.isEmpty()) found = f;  // name matches, hash differs: still the best guess
        }
    if (found.isEmpty()) {  // the shortest stem containing the name
        for (const QString& f : files)
            if (stemOf(f).contains(name, Qt::CaseInsensitive) && (found.isEmpty() || stemOf(f).size() < stemOf(found).size()))
                found = f;
    }
    if (found.isEmpty()) return QCoreApplication::translate("ControlNet", "ControlNet model not found: %1 (looked in %2).").arg(wanted, modelsDir(modelsRoot));
    u.model_path = found.toStdString();
    u.model_title = controlNetTitle(found).toStdString();
    return {};
}

QString loadControlInputs(GenerationRequest& r, const QList<ControlInputFiles>& inputs) {
    QTemporaryDir scratch;
    auto load = [&](const QString& path, const QString& base64, const QString& stem, ImageU8* out) -> QString {
        QString file = path;
        if (file.isEmpty() && !base64.isEmpty()) {
            if (!scratch.isValid()) return QCoreApplication::translate("ControlNet", "Cannot create a temporary folder.");
            const QString raw = scratch.filePath(stem + QStringLiteral(".bin"));
            const QString error = ImageLoader::writeBase64Image(base64, raw);
            if (!error.isEmpty()) return error;
            // The reader picks the format by extension: name the file by its bytes.
            QFile f(raw);
            QByteArray head;
            if (f.open(QIODevice::ReadOnly)) head = f.read(16);
            f.close();
            file = scratch.filePath(stem + QLatin1Char('.') + ImageLoader::sniffExtension(head));
            QFile::rename(raw, file);
        }
        if (file.isEmpty()) return {};
        const ImageLoadResult img = ImageLoader::loadFile(file);
        if (!img.ok()) return img.error;
        *out = img.image;
        return {};
    };
    for (size_t i = 0; i < r.controlnet.size(); ++i) {
        ControlUnit& u = r.controlnet[i];
        const QString prefix = QCoreApplication::translate("ControlNet", "ControlNet unit %1: ").arg(i);
        if (i < size_t(inputs.size())) {
            const ControlInputFiles& f = inputs[int(i)];
            QString error = load(f.imagePath, f.imageBase64, QStringLiteral("image-%1").arg(i), &u.image);
            if (error.isEmpty()) error = load(f.maskPath, f.maskBase64, QStringLiteral("mask-%1").arg(i), &u.mask);
            if (!error.isEmpty()) return prefix + error;
        }
        if (!u.enabled) continue;
        if (u.model_path.empty()) return prefix + QCoreApplication::translate("ControlNet", "no ControlNet model was found for \"%1\".").arg(QString::fromStdString(u.model));
        try {
            u.model_path = usableControlNetFile(QString::fromStdString(u.model_path)).toStdString();
        } catch (const PipelineError& e) {
            return prefix + QString::fromUtf8(e.what());
        }
    }
    return {};
}

QString usableControlNetFile(const QString& path) {
    const FileFormat f = sniff_format(path.toStdString());
    if (!format_is_pickle(f)) return path;
    const QFileInfo fi(path);
    const QByteArray key = (fi.absoluteFilePath() + QLatin1Char('|') + QString::number(fi.size()) + QLatin1Char('|') +
                            QString::number(fi.lastModified().toMSecsSinceEpoch()))
                               .toUtf8();
    const QString id = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
    const QString dir = QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).filePath(QStringLiteral("controlnet"));
    if (!QDir().mkpath(dir)) throw PipelineError("io_error", QCoreApplication::translate("ControlNet", "Cannot create the cache folder %1.").arg(dir).toStdString());
    const QString out = QDir(dir).filePath(fi.completeBaseName() + QLatin1Char('-') + id + QStringLiteral(".safetensors"));
    if (QFileInfo(out).isFile()) return out;
    // The restricted reader runs in a child process (SAFETY.md case 17).
    const SafeConvertResult r = SafeCheckpointConverter::convert(path, out);
    if (!r.ok)
        throw PipelineError(r.code.isEmpty() ? "cannot_verify" : r.code.toStdString(),
                            QCoreApplication::translate("ControlNet", "The ControlNet %1 could not be converted safely: %2").arg(fi.fileName(), r.error).toStdString());
    return r.output;
}

} // namespace latent
