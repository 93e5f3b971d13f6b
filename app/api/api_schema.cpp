#include "app/api/api_schema.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace latent {

namespace {

int gMaxBatch = 4;

FieldSpec f(const char* name, FieldType type, QJsonValue def = QJsonValue::Null) {
    FieldSpec s;
    s.name = QString::fromLatin1(name);
    s.type = type;
    s.defaultValue = def;
    return s;
}
FieldSpec bounded(FieldSpec s, std::optional<double> ge, std::optional<double> le) {
    s.ge = ge;
    s.le = le;
    return s;
}

using T = FieldType;

// StableDiffusionProcessing fields A1111 v1.10.1 exposes (API_NOT_ALLOWED removed), in the order of
// its dataclass. `denoising` is the model's default for denoising_strength.
QList<FieldSpec> processingFields(QJsonValue denoising) {
    return {
        f("prompt", T::Str, QString()),
        f("negative_prompt", T::Str, QString()),
        f("styles", T::StrList),
        bounded(f("seed", T::Int, -1), -1, std::nullopt),
        bounded(f("subseed", T::Int, -1), -1, std::nullopt),
        bounded(f("subseed_strength", T::Float, 0), 0, 1),
        f("seed_resize_from_h", T::Int, -1),
        f("seed_resize_from_w", T::Int, -1),
        f("sampler_name", T::Str),
        f("scheduler", T::Str),
        bounded(f("batch_size", T::Int, 1), 1, gMaxBatch),
        bounded(f("n_iter", T::Int, 1), 1, 100),
        bounded(f("steps", T::Int, 50), 1, 1000),
        bounded(f("cfg_scale", T::Float, 7.0), 0, 100),
        bounded(f("width", T::Int, 512), 64, 8192),
        bounded(f("height", T::Int, 512), 64, 8192),
        f("restore_faces", T::Bool),
        f("tiling", T::Bool),
        f("do_not_save_samples", T::Bool, false),
        f("do_not_save_grid", T::Bool, false),
        bounded(f("eta", T::Float), 0, 10),
        bounded(f("denoising_strength", T::Float, denoising), 0, 1),
        f("s_min_uncond", T::Float),
        f("s_churn", T::Float),
        f("s_tmax", T::Float),
        f("s_tmin", T::Float),
        f("s_noise", T::Float),
        f("override_settings", T::Dict),
        f("override_settings_restore_afterwards", T::Bool, true),
        f("refiner_checkpoint", T::Str),
        bounded(f("refiner_switch_at", T::Float), 0, 1),
        f("disable_extra_networks", T::Bool, false),
        f("firstpass_image", T::Str),
        f("comments", T::Dict),
    };
}

// Fields every /sdapi/v1 generation model adds (Api additional_fields).
QList<FieldSpec> apiFields() {
    return {
        f("sampler_index", T::Str, QStringLiteral("Euler")),
        f("script_name", T::Str),
        f("script_args", T::List, QJsonArray()),
        f("send_images", T::Bool, true),
        f("save_images", T::Bool, false),
        f("alwayson_scripts", T::Dict, QJsonObject()),
        f("force_task_id", T::Str),
        f("infotext", T::Str),
    };
}

ModelSpec makeTxt2Img() {
    ModelSpec m;
    m.name = QStringLiteral("StableDiffusionProcessingTxt2Img");
    // merge_class_params keeps the base class's parameter (default None) for denoising_strength.
    m.fields = processingFields(QJsonValue::Null);
    m.fields += {
        f("enable_hr", T::Bool, false),
        f("firstphase_width", T::Int, 0),
        f("firstphase_height", T::Int, 0),
        bounded(f("hr_scale", T::Float, 2.0), 1, 8),
        f("hr_upscaler", T::Str),
        bounded(f("hr_second_pass_steps", T::Int, 0), 0, 1000),
        bounded(f("hr_resize_x", T::Int, 0), 0, 8192),
        bounded(f("hr_resize_y", T::Int, 0), 0, 8192),
        f("hr_checkpoint_name", T::Str),
        f("hr_sampler_name", T::Str),
        f("hr_scheduler", T::Str),
        f("hr_prompt", T::Str, QString()),
        f("hr_negative_prompt", T::Str, QString()),
    };
    m.fields += apiFields();
    return m;
}

ModelSpec makeImg2Img() {
    ModelSpec m;
    m.name = QStringLiteral("StableDiffusionProcessingImg2Img");
    m.fields = processingFields(0.75);
    m.fields += {
        f("init_images", T::StrList),
        bounded(f("resize_mode", T::Int, 0), 0, 3),
        f("image_cfg_scale", T::Float),
        f("mask", T::Str),
        bounded(f("mask_blur_x", T::Int, 4), 0, 1000),
        bounded(f("mask_blur_y", T::Int, 4), 0, 1000),
        bounded(f("mask_blur", T::Int), 0, 1000),
        f("mask_round", T::Bool, true),
        bounded(f("inpainting_fill", T::Int, 0), 0, 3),
        f("inpaint_full_res", T::Bool, true),
        bounded(f("inpaint_full_res_padding", T::Int, 0), 0, 8192),
        bounded(f("inpainting_mask_invert", T::Int, 0), 0, 1),
        f("initial_noise_multiplier", T::Float),
        f("latent_mask", T::Str),
        f("include_init_images", T::Bool, false),
    };
    m.fields += apiFields();
    return m;
}

ModelSpec makeExtras() {
    ModelSpec m;
    m.name = QStringLiteral("ExtrasSingleImageRequest");
    FieldSpec mode = f("resize_mode", T::Int, 0);
    mode.choices = QJsonArray{0, 1};
    m.fields = {
        mode,
        f("show_extras_results", T::Bool, true),
        bounded(f("gfpgan_visibility", T::Float, 0), 0, 1),
        bounded(f("codeformer_visibility", T::Float, 0), 0, 1),
        bounded(f("codeformer_weight", T::Float, 0), 0, 1),
        bounded(f("upscaling_resize", T::Float, 2), 1, 8),
        bounded(f("upscaling_resize_w", T::Int, 512), 1, 16384),
        bounded(f("upscaling_resize_h", T::Int, 512), 1, 16384),
        f("upscaling_crop", T::Bool, true),
        f("upscaler_1", T::Str, QStringLiteral("None")),
        f("upscaler_2", T::Str, QStringLiteral("None")),
        bounded(f("extras_upscaler_2_visibility", T::Float, 0), 0, 1),
        f("upscale_first", T::Bool, false),
        f("image", T::Str, QString()),
    };
    return m;
}

// ExtrasBatchImagesRequest: the same fields with imageList [{data, name}] instead of image.
ModelSpec makeExtrasBatch() {
    ModelSpec m = makeExtras();
    m.name = QStringLiteral("ExtrasBatchImagesRequest");
    m.fields.removeLast(); // image
    FieldSpec list = f("imageList", T::List);
    list.required = true;
    list.description = QStringLiteral("List of images to work on. Must be Base64 strings");
    m.fields.append(list);
    return m;
}

ModelSpec makePngInfo() {
    ModelSpec m;
    m.name = QStringLiteral("PNGInfoRequest");
    FieldSpec image = f("image", T::Str);
    image.required = true;
    m.fields = {image};
    return m;
}

QString typeName(FieldType t) {
    switch (t) {
    case T::Int: return QStringLiteral("integer");
    case T::Float: return QStringLiteral("float");
    case T::Str: return QStringLiteral("str");
    case T::Bool: return QStringLiteral("bool");
    case T::List:
    case T::StrList: return QStringLiteral("list");
    case T::Dict: return QStringLiteral("dict");
    case T::Any: return {};
    }
    return {};
}

QString typeMessage(FieldType t) {
    switch (t) {
    case T::Int: return QStringLiteral("value is not a valid integer");
    case T::Float: return QStringLiteral("value is not a valid float");
    case T::Str: return QStringLiteral("str type expected");
    case T::Bool: return QStringLiteral("value could not be parsed to a boolean");
    case T::List:
    case T::StrList: return QStringLiteral("value is not a valid list");
    case T::Dict: return QStringLiteral("value is not a valid dict");
    case T::Any: return {};
    }
    return {};
}

QString numberText(double d) {
    if (std::floor(d) == d && std::fabs(d) < 1e15) return QString::number(qint64(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

// pydantic v1 coercions. Return false when the value cannot be coerced.
bool toInt(const QJsonValue& v, QJsonValue* out) {
    if (v.isBool()) {
        *out = v.toBool() ? 1 : 0;
        return true;
    }
    if (v.isDouble()) {
        constexpr qint64 kSentinel = std::numeric_limits<qint64>::min();
        const qint64 exact = v.toInteger(kSentinel);
        if (exact != kSentinel) {
            *out = exact;
            return true;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::fabs(d) >= 9.2e18) return false;
        *out = qint64(std::trunc(d)); // int(20.7) == 20, as pydantic v1
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        if (!ok) return false;
        *out = n;
        return true;
    }
    return false;
}

bool toFloat(const QJsonValue& v, QJsonValue* out) {
    if (v.isBool()) {
        *out = v.toBool() ? 1.0 : 0.0;
        return true;
    }
    if (v.isDouble()) {
        if (!std::isfinite(v.toDouble())) return false;
        *out = v;
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(d)) return false;
        *out = d;
        return true;
    }
    return false;
}

bool toStr(const QJsonValue& v, QJsonValue* out) {
    if (v.isString()) {
        *out = v;
        return true;
    }
    if (v.isBool()) {
        *out = v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
        return true;
    }
    if (v.isDouble()) {
        const qint64 exact = v.toInteger(std::numeric_limits<qint64>::min());
        *out = exact != std::numeric_limits<qint64>::min() ? QString::number(exact) : numberText(v.toDouble());
        return true;
    }
    return false;
}

bool toBool(const QJsonValue& v, QJsonValue* out) {
    if (v.isBool()) {
        *out = v;
        return true;
    }
    if (v.isDouble()) {
        if (v.toDouble() == 1.0) *out = true;
        else if (v.toDouble() == 0.0) *out = false;
        else return false;
        return true;
    }
    if (v.isString()) {
        const QString s = v.toString().trimmed().toLower();
        static const QStringList yes{QStringLiteral("1"), QStringLiteral("on"), QStringLiteral("t"),
                                     QStringLiteral("true"), QStringLiteral("y"), QStringLiteral("yes")};
        static const QStringList no{QStringLiteral("0"), QStringLiteral("off"), QStringLiteral("f"),
                                    QStringLiteral("false"), QStringLiteral("n"), QStringLiteral("no")};
        if (yes.contains(s)) *out = true;
        else if (no.contains(s)) *out = false;
        else return false;
        return true;
    }
    return false;
}

} // namespace

const FieldSpec* ModelSpec::field(const QString& name) const {
    for (const FieldSpec& s : fields)
        if (s.name == name) return &s;
    return nullptr;
}

namespace api_models {
void setMaxBatchSize(int maxBatch) { gMaxBatch = std::max(1, maxBatch); }
// Built on each call so the batch bound follows setMaxBatchSize (cheap: a few dozen fields).
const ModelSpec& txt2img() {
    thread_local ModelSpec m;
    m = makeTxt2Img();
    return m;
}
const ModelSpec& img2img() {
    thread_local ModelSpec m;
    m = makeImg2Img();
    return m;
}
const ModelSpec& extrasSingleImage() {
    static const ModelSpec m = makeExtras();
    return m;
}
const ModelSpec& extrasBatchImages() {
    static const ModelSpec m = makeExtrasBatch();
    return m;
}
const ModelSpec& pngInfo() {
    static const ModelSpec m = makePngInfo();
    return m;
}
} // namespace api_models

QJsonObject validationItem(const QJsonArray& loc, const QString& msg, const QString& type, const QJsonObject& ctx) {
    QJsonObject o{{QStringLiteral("loc"), loc}, {QStringLiteral("msg"), msg}, {QStringLiteral("type"), type}};
    if (!ctx.isEmpty()) o.insert(QStringLiteral("ctx"), ctx);
    return o;
}

ValidationResult validateModel(const ModelSpec& model, const QJsonValue& body) {
    ValidationResult r;
    if (!body.isObject()) {
        r.errors.append(validationItem(QJsonArray{QStringLiteral("body")}, QStringLiteral("value is not a valid dict"),
                                       QStringLiteral("type_error.dict")));
        return r;
    }
    const QJsonObject in = body.toObject();
    // Unknown keys are kept (pydantic v1 ignores them; some are read by our extensions).
    r.value = in;
    for (const FieldSpec& s : model.fields) {
        const QJsonArray loc{QStringLiteral("body"), s.name};
        const QJsonValue v = in.value(s.name);
        if (v.isUndefined() || v.isNull()) {
            if (s.required && v.isUndefined()) {
                r.errors.append(validationItem(loc, QStringLiteral("field required"), QStringLiteral("value_error.missing")));
                continue;
            }
            r.value.insert(s.name, v.isNull() ? QJsonValue(QJsonValue::Null) : s.defaultValue);
            if (v.isNull()) r.given.insert(s.name, QJsonValue::Null);
            continue;
        }
        QJsonValue out;
        bool ok = true;
        switch (s.type) {
        case T::Int: ok = toInt(v, &out); break;
        case T::Float: ok = toFloat(v, &out); break;
        case T::Str: ok = toStr(v, &out); break;
        case T::Bool: ok = toBool(v, &out); break;
        case T::List: ok = v.isArray(); out = v; break;
        case T::Dict: ok = v.isObject(); out = v; break;
        case T::Any: out = v; break;
        case T::StrList: {
            ok = v.isArray();
            if (!ok) break;
            QJsonArray items;
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                QJsonValue item;
                if (!toStr(a[i], &item)) {
                    QJsonArray itemLoc = loc;
                    itemLoc.append(int(i));
                    r.errors.append(validationItem(itemLoc, typeMessage(T::Str), QStringLiteral("type_error.str")));
                    continue;
                }
                items.append(item);
            }
            out = items;
            break;
        }
        }
        if (!ok) {
            r.errors.append(validationItem(loc, typeMessage(s.type), QStringLiteral("type_error.") + typeName(s.type)));
            continue;
        }
        if (!s.choices.isEmpty() && !s.choices.contains(out)) {
            QStringList permitted;
            for (const QJsonValue& c : s.choices) permitted << numberText(c.toDouble());
            r.errors.append(validationItem(loc, QStringLiteral("unexpected value; permitted: ") + permitted.join(QStringLiteral(", ")),
                                           QStringLiteral("value_error.const"),
                                           QJsonObject{{QStringLiteral("given"), out}, {QStringLiteral("permitted"), s.choices}}));
            continue;
        }
        if (out.isDouble()) {
            const double d = out.toDouble();
            if (s.ge && d < *s.ge) {
                r.errors.append(validationItem(loc, QStringLiteral("ensure this value is greater than or equal to ") + numberText(*s.ge),
                                               QStringLiteral("value_error.number.not_ge"),
                                               QJsonObject{{QStringLiteral("limit_value"), *s.ge}}));
                continue;
            }
            if (s.le && d > *s.le) {
                r.errors.append(validationItem(loc, QStringLiteral("ensure this value is less than or equal to ") + numberText(*s.le),
                                               QStringLiteral("value_error.number.not_le"),
                                               QJsonObject{{QStringLiteral("limit_value"), *s.le}}));
                continue;
            }
        }
        r.value.insert(s.name, out);
        r.given.insert(s.name, out);
    }
    return r;
}

QJsonObject openApiSchema(const ModelSpec& model) {
    QJsonObject props;
    QJsonArray required;
    for (const FieldSpec& s : model.fields) {
        QJsonObject p{{QStringLiteral("title"), s.name}};
        switch (s.type) {
        case T::Int: p.insert(QStringLiteral("type"), QStringLiteral("integer")); break;
        case T::Float: p.insert(QStringLiteral("type"), QStringLiteral("number")); break;
        case T::Str: p.insert(QStringLiteral("type"), QStringLiteral("string")); break;
        case T::Bool: p.insert(QStringLiteral("type"), QStringLiteral("boolean")); break;
        case T::List: p.insert(QStringLiteral("type"), QStringLiteral("array")); p.insert(QStringLiteral("items"), QJsonObject()); break;
        case T::StrList:
            p.insert(QStringLiteral("type"), QStringLiteral("array"));
            p.insert(QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
            break;
        case T::Dict: p.insert(QStringLiteral("type"), QStringLiteral("object")); break;
        case T::Any: break;
        }
        if (!s.defaultValue.isNull()) p.insert(QStringLiteral("default"), s.defaultValue);
        if (s.ge) p.insert(QStringLiteral("minimum"), *s.ge);
        if (s.le) p.insert(QStringLiteral("maximum"), *s.le);
        if (!s.choices.isEmpty()) p.insert(QStringLiteral("enum"), s.choices);
        if (!s.description.isEmpty()) p.insert(QStringLiteral("description"), s.description);
        if (s.required) required.append(s.name);
        props.insert(s.name, p);
    }
    QJsonObject schema{{QStringLiteral("title"), model.name}, {QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), props}};
    if (!required.isEmpty()) schema.insert(QStringLiteral("required"), required);
    return schema;
}

} // namespace latent
