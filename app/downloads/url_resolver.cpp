#include "app/downloads/url_resolver.h"

#include "app/downloads/download_safety.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QUrlQuery>

namespace latent {

namespace {


bool hostIs(const QUrl& u, const QStringList& hosts) {
    const QString h = u.host().toLower();
    return hosts.contains(h);
}

// The weight "variant" of a diffusers file name: "fp16" for diffusion_pytorch_model.fp16.safetensors
// and diffusion_pytorch_model.fp16-00001-of-00002.safetensors; "" for the plain names.
QString weightVariant(const QString& name) {
    static const QRegularExpression re(QStringLiteral(R"(^[^.]+\.([A-Za-z0-9_]+)(?:-\d+-of-\d+)?\.safetensors$)"));
    const auto m = re.match(name);
    return m.hasMatch() ? m.captured(1) : QString();
}
// Variant of a sharded-weights index: x.safetensors.index.fp16.json → "fp16"; x.safetensors.index.json → "".
std::optional<QString> indexVariant(const QString& name) {
    static const QRegularExpression re(QStringLiteral(R"(^[^.]+\.safetensors\.index(?:\.([A-Za-z0-9_]+))?\.json$)"));
    const auto m = re.match(name);
    if (!m.hasMatch()) return std::nullopt;
    return m.captured(1);
}

QString stripHtml(QString s) {
    static const QRegularExpression br(QStringLiteral(R"(<\s*(br|/p|/li)\s*/?>)"),
                                       QRegularExpression::CaseInsensitiveOption);
    s.replace(br, QStringLiteral("\n"));
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    s.remove(tag);
    s.replace(QStringLiteral("&amp;"), QStringLiteral("&"))
        .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
        .replace(QStringLiteral("&#39;"), QStringLiteral("'"))
        .replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    return s.trimmed();
}

ModelKind guessHfKind(const QString& repo, const QString& path, const QJsonArray& tags) {
    QStringList t;
    for (const auto& v : tags) t << v.toString().toLower();
    const QString hay = (repo + QLatin1Char('/') + path).toLower();
    if (t.contains(QStringLiteral("lora")) || hay.contains(QLatin1String("lora"))) return ModelKind::Lora;
    if (t.contains(QStringLiteral("textual_inversion")) || hay.contains(QLatin1String("embedding")))
        return ModelKind::Embedding;
    if (t.contains(QStringLiteral("controlnet")) || hay.contains(QLatin1String("controlnet")) ||
        hay.contains(QLatin1String("control_")))
        return ModelKind::ControlNet;
    const QString file = path.section(QLatin1Char('/'), -1).toLower();
    // ESRGAN-family upscalers; not the diffusion upscalers (stabilityai's x4-upscaler and
    // sd-x2-latent-upscaler are Stable Diffusion models, published with diffusers).
    const bool diffusionModel = t.contains(QStringLiteral("diffusers")) || hay.contains(QLatin1String("stable-diffusion")) ||
                                hay.contains(QLatin1String("latent-upscaler"));
    if (file.contains(QLatin1String("esrgan")) || (hay.contains(QLatin1String("upscal")) && !diffusionModel))
        return ModelKind::Upscaler;
    if (file.contains(QLatin1String("vae")) || repo.toLower().contains(QLatin1String("vae"))) return ModelKind::Vae;
    return ModelKind::Checkpoint;
}

QString hfBaseModel(const QJsonObject& info) {
    const QJsonValue bm = info.value(QStringLiteral("cardData")).toObject().value(QStringLiteral("base_model"));
    if (bm.isString()) return bm.toString();
    if (bm.isArray() && !bm.toArray().isEmpty()) return bm.toArray().first().toString();
    return {};
}

} // namespace

ParsedModelUrl parseModelUrl(const QString& textIn, const SiteConfig& sites) {
    ParsedModelUrl p;
    const QString text = textIn.trimmed();
    static const QRegularExpression bare(QStringLiteral(R"(^([A-Za-z0-9][\w.-]*)/([\w.-]+)$)"));
    const auto bm = bare.match(text);
    if (bm.hasMatch() && !text.contains(QLatin1String(".com")) && !text.contains(QLatin1String(".co/"))) {
        p.site = ParsedModelUrl::Site::HuggingFace;
        p.repo = text;
        p.revision = QStringLiteral("main");
        return p;
    }
    const QUrl url = QUrl::fromUserInput(text);
    if (!url.isValid() || url.host().isEmpty()) {
        p.error = QCoreApplication::translate("Downloads", "\"%1\" is not a link.").arg(text);
        return p;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        p.error = QCoreApplication::translate("Downloads", "Only http(s) links can be downloaded.");
        return p;
    }
    const QStringList segs = url.path(QUrl::FullyDecoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool hf = hostIs(url, {QStringLiteral("huggingface.co"), QStringLiteral("www.huggingface.co"),
                                 QStringLiteral("hf.co")}) ||
                    (sameOrigin(url, sites.hfEndpoint));
    const bool cv = hostIs(url, {QStringLiteral("civitai.com"), QStringLiteral("www.civitai.com")}) ||
                    sameOrigin(url, sites.civitaiEndpoint);
    const bool civitaiPath =
        !segs.isEmpty() && (segs.first() == QLatin1String("models") ||
                            (segs.size() >= 2 && segs[0] == QLatin1String("api") &&
                             (segs[1] == QLatin1String("download") || segs[1] == QLatin1String("v1"))));
    if (cv && (!hf || civitaiPath)) {
        p.site = ParsedModelUrl::Site::Civitai;
        const QUrlQuery q(url);
        if (segs.size() >= 2 && segs[0] == QLatin1String("models")) {
            p.modelId = segs[1];
            p.versionId = q.queryItemValue(QStringLiteral("modelVersionId"));
        } else if (segs.size() >= 4 && segs[0] == QLatin1String("api") && segs[1] == QLatin1String("download") &&
                   segs[2] == QLatin1String("models")) {
            p.versionId = segs[3];
        } else if (segs.size() >= 4 && segs[0] == QLatin1String("api") && segs[1] == QLatin1String("v1") &&
                   segs[2] == QLatin1String("model-versions")) {
            p.versionId = segs[3];
        } else if (segs.size() >= 4 && segs[0] == QLatin1String("api") && segs[1] == QLatin1String("v1") &&
                   segs[2] == QLatin1String("models")) {
            p.modelId = segs[3];
        }
        static const QRegularExpression digits(QStringLiteral("^\\d+$"));
        if ((p.modelId.isEmpty() && p.versionId.isEmpty()) ||
            (!p.modelId.isEmpty() && !digits.match(p.modelId).hasMatch()) ||
            (!p.versionId.isEmpty() && !digits.match(p.versionId).hasMatch())) {
            p.site = ParsedModelUrl::Site::Unknown;
            p.error = QCoreApplication::translate("Downloads", "This Civitai link is not a model page or download link.");
        }
        return p;
    }
    if (hf) {
        p.site = ParsedModelUrl::Site::HuggingFace;
        if (segs.size() < 2 || segs[0] == QLatin1String("datasets") || segs[0] == QLatin1String("spaces")) {
            p.site = ParsedModelUrl::Site::Unknown;
            p.error = QCoreApplication::translate("Downloads", "This Hugging Face link is not a model repository.");
            return p;
        }
        p.repo = segs[0] + QLatin1Char('/') + segs[1];
        p.revision = QStringLiteral("main");
        if (segs.size() >= 4 && (segs[2] == QLatin1String("blob") || segs[2] == QLatin1String("resolve") ||
                                 segs[2] == QLatin1String("tree"))) {
            p.revision = segs[3];
            p.path = segs.mid(4).join(QLatin1Char('/'));
            p.isFile = segs[2] != QLatin1String("tree") && !p.path.isEmpty();
        }
        return p;
    }
    p.error = QCoreApplication::translate("Downloads", "Only Hugging Face and Civitai links can be downloaded.");
    return p;
}

QString a1111SdVersion(const QString& baseModel) {
    const QString b = baseModel.toLower();
    if (b.contains(QLatin1String("sdxl")) || b.contains(QLatin1String("pony")) ||
        b.contains(QLatin1String("illustrious")))
        return QStringLiteral("SDXL");
    if (b.startsWith(QLatin1String("sd 1")) || b.contains(QLatin1String("1.5")) || b.contains(QLatin1String("1.4")))
        return QStringLiteral("SD1");
    if (b.startsWith(QLatin1String("sd 2"))) return QStringLiteral("SD2");
    return QStringLiteral("Unknown");
}

QList<PlannedFile> selectDiffusersFiles(const QJsonArray& tree, const QUrl& hfEndpoint, const QString& repo,
                                        const QString& revision, QString* error) {
    static const QStringList configDirs{QStringLiteral("unet"),         QStringLiteral("vae"),
                                        QStringLiteral("text_encoder"), QStringLiteral("text_encoder_2"),
                                        QStringLiteral("tokenizer"),    QStringLiteral("tokenizer_2"),
                                        QStringLiteral("scheduler")};
    static const QStringList weightDirs{QStringLiteral("unet"), QStringLiteral("vae"), QStringLiteral("text_encoder"),
                                        QStringLiteral("text_encoder_2")};
    struct Entry {
        QString path, dir, name;
        QJsonObject o;
    };
    QList<Entry> entries;
    for (const auto& v : tree) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("type")).toString() != QLatin1String("file")) continue;
        const QString path = o.value(QStringLiteral("path")).toString();
        const QStringList parts = path.split(QLatin1Char('/'));
        if (parts.size() > 2) continue; // nested folders are not part of a pipeline
        entries.append({path, parts.size() == 2 ? parts[0] : QString(), parts.last(), o});
    }
    const auto toPlanned = [&](const Entry& e, bool weights) {
        PlannedFile f;
        QUrl u = hfEndpoint;
        u.setPath(QStringLiteral("/%1/resolve/%2/%3").arg(repo, revision, e.path));
        f.url = u;
        f.relativePath = e.path;
        const QJsonObject lfs = e.o.value(QStringLiteral("lfs")).toObject();
        if (!lfs.isEmpty()) {
            f.size = qint64(lfs.value(QStringLiteral("size")).toDouble(e.o.value(QStringLiteral("size")).toDouble(-1)));
            f.sha256 =
                lfs.value(QStringLiteral("sha256")).toString(lfs.value(QStringLiteral("oid")).toString()).toLower();
        } else {
            f.size = qint64(e.o.value(QStringLiteral("size")).toDouble(-1));
            f.gitSha1 = e.o.value(QStringLiteral("oid")).toString().toLower();
        }
        f.isWeights = weights;
        return f;
    };
    QList<PlannedFile> out;
    for (const Entry& e : entries) {
        if (e.dir.isEmpty() && e.name == QLatin1String("model_index.json")) out << toPlanned(e, false);
    }
    for (const Entry& e : entries) {
        if (!configDirs.contains(e.dir)) continue;
        const bool config = e.name.endsWith(QLatin1String(".json")) || e.name.endsWith(QLatin1String(".txt")) ||
                            e.name.endsWith(QLatin1String(".model"));
        if (config && !indexVariant(e.name) && !e.name.contains(QLatin1String(".bin.index")))
            out << toPlanned(e, false);
    }
    for (const QString& dir : weightDirs) {
        QList<Entry> st;
        bool dirPresent = false;
        for (const Entry& e : entries) {
            if (e.dir != dir) continue;
            dirPresent = true;
            if (e.name.endsWith(QLatin1String(".safetensors"))) st << e;
        }
        if (!dirPresent) continue;
        if (st.isEmpty()) {
            if (error)
                *error = QCoreApplication::translate("Downloads", "The repository has no .safetensors weights for \"%1\" (only pickle or other formats), "
                             "which Latent Studio does not download.")
                             .arg(dir);
            return {};
        }
        bool hasFp16 = false;
        for (const Entry& e : st) hasFp16 |= weightVariant(e.name) == QLatin1String("fp16");
        const QString want = hasFp16 ? QStringLiteral("fp16") : QString();
        for (const Entry& e : st)
            if (weightVariant(e.name) == want) out << toPlanned(e, true);
        for (const Entry& e : entries) {
            if (e.dir != dir) continue;
            const auto iv = indexVariant(e.name);
            if (iv && *iv == want) out << toPlanned(e, false);
        }
    }
    return out;
}

UrlResolver::UrlResolver(QNetworkAccessManager* nam, const SiteConfig& sites, QObject* parent)
    : QObject(parent), nam_(nam), sites_(sites) {}

void UrlResolver::cancel() {
    const QList<HttpExchange*> live = live_;
    for (HttpExchange* e : live) e->abort();
    fail(QCoreApplication::translate("Downloads", "Cancelled."));
}

void UrlResolver::fail(const QString& message) {
    if (done_) return;
    done_ = true;
    Q_EMIT failed(redactSecrets(message));
}

void UrlResolver::finish(DownloadPlan plan) {
    if (done_) return;
    done_ = true;
    if (request_.kind) plan.kind = *request_.kind;
    plan.destinationDir = modelFolderFor(request_.destRoot, plan.kind);
    Q_EMIT resolved(plan);
}

void UrlResolver::resolve(const DownloadRequest& request) {
    request_ = request;
    done_ = false;
    // A token pasted inside the link (civitai.com/api/download/models/1?token=...) is used as the
    // site's token and removed from the URL, so it never reaches plans, logs or history.
    {
        QUrl u = QUrl::fromUserInput(request_.url.trimmed());
        QUrlQuery q(u);
        if (u.isValid() && q.hasQueryItem(QStringLiteral("token"))) {
            const QString t = q.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
            registerSecret(t);
            if (sites_.civitaiToken.isEmpty()) sites_.civitaiToken = t;
            q.removeAllQueryItems(QStringLiteral("token"));
            u.setQuery(q);
            request_.url = u.toString();
        }
    }
    parsed_ = parseModelUrl(request.url, sites_);
    if (!parsed_.error.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, e = parsed_.error] { fail(e); }, Qt::QueuedConnection);
        return;
    }
    if (parsed_.site == ParsedModelUrl::Site::HuggingFace)
        resolveHf();
    else
        resolveCivitai();
}

void UrlResolver::getJson(const QUrl& url, JsonDone done) {
    auto* ex = new HttpExchange(nam_, sites_, this);
    ex->setBuffering(true);
    live_ << ex;
    connect(ex, &HttpExchange::finished, this, [this, ex, url, done] {
        live_.removeAll(ex);
        ex->deleteLater();
        if (done_) return;
        if (ex->failed()) {
            fail(QCoreApplication::translate("Downloads", "%1 could not be reached: %2").arg(url.host(), ex->errorString()));
            return;
        }
        const int code = ex->status();
        if (code == 401 || code == 403) {
            fail(QCoreApplication::translate("Downloads", "%1 answered %2: this model needs a token (gated, private or early access). Add your token "
                     "and try again.")
                     .arg(url.host())
                     .arg(code));
            return;
        }
        if (code == 404) {
            fail(QCoreApplication::translate("Downloads", "%1 does not know this model (404).").arg(url.host()));
            return;
        }
        if (code < 200 || code >= 300) {
            fail(QCoreApplication::translate("Downloads", "%1 answered HTTP %2.").arg(url.host()).arg(code));
            return;
        }
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(ex->body(), &pe);
        if (pe.error != QJsonParseError::NoError) {
            fail(QCoreApplication::translate("Downloads", "%1 answered something that is not JSON (a login page?).").arg(url.host()));
            return;
        }
        QUrl next;
        if (QNetworkReply* r = ex->reply()) {
            static const QRegularExpression link(QStringLiteral(R"re(<([^>]+)>\s*;\s*rel="?next"?)re"));
            const auto m = link.match(QString::fromLatin1(r->rawHeader("Link")));
            if (m.hasMatch()) {
                next = url.resolved(QUrl(m.captured(1)));
                // Pages stay on the same site (the token goes only there anyway).
                if (!sameOrigin(next, url)) next = QUrl();
            }
        }
        done(doc, next);
    });
    ex->start("GET", url, {qMakePair(QByteArray("Accept"), QByteArray("application/json"))});
}

QUrl UrlResolver::hfResolveUrl(const QString& path) const {
    QUrl u = sites_.hfEndpoint;
    u.setPath(QStringLiteral("/%1/resolve/%2/%3").arg(parsed_.repo, parsed_.revision, path));
    return u;
}

void UrlResolver::resolveHf() {
    QUrl info = sites_.hfEndpoint;
    info.setPath(QStringLiteral("/api/models/%1").arg(parsed_.repo));
    getJson(info, [this](const QJsonDocument& doc, const QUrl&) {
        const QJsonObject o = doc.object();
        if (parsed_.isFile)
            resolveHfFileWith(o);
        else
            resolveHfTree(o);
    });
}

void UrlResolver::resolveHfFileWith(const QJsonObject& info) {
    const QUrl url = hfResolveUrl(parsed_.path);
    auto* ex = new HttpExchange(nam_, sites_, this);
    live_ << ex;
    connect(ex, &HttpExchange::finished, this, [this, ex, url, info] {
        live_.removeAll(ex);
        ex->deleteLater();
        if (done_) return;
        if (ex->failed()) {
            fail(QCoreApplication::translate("Downloads", "%1 could not be reached: %2").arg(url.host(), ex->errorString()));
            return;
        }
        const int code = ex->status();
        if (code == 401 || code == 403) {
            fail(QCoreApplication::translate("Downloads", "%1 answered %2: this file needs a token (gated or private repository).")
                     .arg(url.host())
                     .arg(code));
            return;
        }
        if (code == 404) {
            fail(QCoreApplication::translate("Downloads", "\"%1\" is not in %2 (404).").arg(parsed_.path, parsed_.repo));
            return;
        }
        QNetworkReply* r = ex->reply();
        if (!r || code >= 400) {
            fail(QCoreApplication::translate("Downloads", "%1 answered HTTP %2.").arg(url.host()).arg(code));
            return;
        }
        PlannedFile f;
        f.url = url;
        const QString name = parsed_.path.section(QLatin1Char('/'), -1);
        f.relativePath = sanitizeFileName(name, QStringLiteral("model.safetensors"));
        f.isWeights = isModelFileName(name);
        QByteArray etag = r->rawHeader("X-Linked-Etag").trimmed();
        QByteArray size = r->rawHeader("X-Linked-Size").trimmed();
        if (etag.startsWith("W/")) etag = etag.mid(2);
        etag.replace('"', "");
        static const QRegularExpression hex64(QStringLiteral("^[0-9a-fA-F]{64}$"));
        if (hex64.match(QString::fromLatin1(etag)).hasMatch()) {
            f.sha256 = QString::fromLatin1(etag).toLower();
            f.size = size.isEmpty() ? -1 : size.toLongLong();
        } else {
            // Not an LFS file: the ETag is the git blob id, the size is Content-Length.
            QByteArray plain = r->rawHeader("ETag").trimmed();
            if (plain.startsWith("W/")) plain = plain.mid(2);
            plain.replace('"', "");
            static const QRegularExpression hex40(QStringLiteral("^[0-9a-fA-F]{40}$"));
            if (hex40.match(QString::fromLatin1(plain)).hasMatch()) f.gitSha1 = QString::fromLatin1(plain).toLower();
            const QVariant len = r->header(QNetworkRequest::ContentLengthHeader);
            f.size = len.isValid() ? len.toLongLong() : -1;
        }
        if (f.isWeights && f.sha256.isEmpty()) {
            fail(QCoreApplication::translate("Downloads", "%1 publishes no SHA-256 for \"%2\", so it cannot be verified; it was not downloaded.")
                     .arg(url.host(), name));
            return;
        }
        DownloadPlan plan;
        plan.site = QStringLiteral("huggingface");
        plan.source = QUrl(request_.url);
        plan.title = parsed_.repo + QLatin1Char('/') + parsed_.path;
        plan.kind = guessHfKind(parsed_.repo, parsed_.path, info.value(QStringLiteral("tags")).toArray());
        plan.baseModel = hfBaseModel(info);
        plan.installName = f.relativePath;
        plan.files << f;
        finish(plan);
    });
    ex->start("HEAD", url, {}, /*followRedirects=*/false);
}

void UrlResolver::getJsonArrayPages(const QUrl& url, QJsonArray soFar, std::function<void(const QJsonArray&)> done) {
    getJson(url, [this, soFar, done](const QJsonDocument& doc, const QUrl& next) mutable {
        for (const auto& v : doc.array()) soFar.append(v);
        if (next.isEmpty() || soFar.size() > 100000) {
            done(soFar);
            return;
        }
        getJsonArrayPages(next, soFar, done);
    });
}

void UrlResolver::resolveHfTree(const QJsonObject& info) {
    QUrl treeUrl = sites_.hfEndpoint;
    treeUrl.setPath(QStringLiteral("/api/models/%1/tree/%2").arg(parsed_.repo, parsed_.revision));
    treeUrl.setQuery(QStringLiteral("recursive=true"));
    getJsonArrayPages(treeUrl, {}, [this, info](const QJsonArray& tree) {
        const QString prefix = parsed_.path.isEmpty() ? QString() : parsed_.path + QLatin1Char('/');
        bool diffusers = false;
        for (const auto& v : tree)
            if (v.toObject().value(QStringLiteral("path")).toString() == prefix + QLatin1String("model_index.json"))
                diffusers = true;
        DownloadPlan plan;
        plan.site = QStringLiteral("huggingface");
        plan.source = QUrl(request_.url);
        plan.title = parsed_.repo;
        plan.baseModel = hfBaseModel(info);
        const QString repoName = parsed_.repo.section(QLatin1Char('/'), -1);
        if (diffusers) {
            QJsonArray sub;
            for (const auto& v : tree) {
                QJsonObject o = v.toObject();
                const QString p = o.value(QStringLiteral("path")).toString();
                if (!prefix.isEmpty()) {
                    if (!p.startsWith(prefix)) continue;
                    o.insert(QStringLiteral("path"), p.mid(prefix.size()));
                }
                sub.append(o);
            }
            QString error;
            QList<PlannedFile> files =
                selectDiffusersFiles(sub, sites_.hfEndpoint, parsed_.repo, parsed_.revision, &error);
            if (files.isEmpty()) {
                fail(error.isEmpty() ? QCoreApplication::translate("Downloads", "Nothing a pipeline needs was found in %1.").arg(parsed_.repo) : error);
                return;
            }
            if (!prefix.isEmpty())
                for (PlannedFile& f : files) f.url = hfResolveUrl(prefix + f.relativePath);
            plan.isFolder = true;
            plan.kind = ModelKind::Checkpoint;
            plan.installName = sanitizeFileName(
                prefix.isEmpty() ? repoName : repoName + QLatin1Char('-') + parsed_.path.section(QLatin1Char('/'), -1),
                QStringLiteral("model"));
            plan.files = files;
            finish(plan);
            return;
        }
        // Not a diffusers repo: exactly one model file (under the /tree/ folder, if given).
        QList<QJsonObject> candidates;
        for (const auto& v : tree) {
            const QJsonObject o = v.toObject();
            const QString p = o.value(QStringLiteral("path")).toString();
            if (o.value(QStringLiteral("type")).toString() != QLatin1String("file")) continue;
            if (!prefix.isEmpty() && !p.startsWith(prefix)) continue;
            if (p.mid(prefix.size()).contains(QLatin1Char('/'))) continue;
            if (p.endsWith(QLatin1String(".safetensors"))) candidates << o;
        }
        if (candidates.isEmpty()) {
            fail(QCoreApplication::translate("Downloads", "%1 has no .safetensors model file to download.").arg(parsed_.repo));
            return;
        }
        if (candidates.size() > 1) {
            QStringList names;
            for (const auto& c : candidates.mid(0, 6)) names << c.value(QStringLiteral("path")).toString();
            fail(QCoreApplication::translate("Downloads", "%1 holds %2 model files; paste the link of the one you want (for example %3).")
                     .arg(parsed_.repo)
                     .arg(candidates.size())
                     .arg(names.join(QStringLiteral(", "))));
            return;
        }
        const QJsonObject c = candidates.first();
        const QString path = c.value(QStringLiteral("path")).toString();
        const QJsonObject lfs = c.value(QStringLiteral("lfs")).toObject();
        PlannedFile f;
        f.url = hfResolveUrl(path);
        f.relativePath = sanitizeFileName(path.section(QLatin1Char('/'), -1), QStringLiteral("model.safetensors"));
        f.size = qint64(lfs.value(QStringLiteral("size")).toDouble(c.value(QStringLiteral("size")).toDouble(-1)));
        f.sha256 = lfs.value(QStringLiteral("sha256")).toString(lfs.value(QStringLiteral("oid")).toString()).toLower();
        f.isWeights = true;
        if (f.sha256.isEmpty()) {
            fail(QCoreApplication::translate("Downloads", "%1 publishes no SHA-256 for \"%2\", so it cannot be verified.").arg(parsed_.repo, path));
            return;
        }
        plan.kind = guessHfKind(parsed_.repo, path, info.value(QStringLiteral("tags")).toArray());
        plan.installName = f.relativePath;
        plan.title = parsed_.repo + QLatin1Char('/') + path;
        plan.files << f;
        finish(plan);
    });
}

void UrlResolver::resolveCivitai() {
    if (!parsed_.versionId.isEmpty()) {
        QUrl u = sites_.civitaiEndpoint;
        u.setPath(QStringLiteral("/api/v1/model-versions/%1").arg(parsed_.versionId));
        getJson(u, [this](const QJsonDocument& doc, const QUrl&) {
            const QJsonObject v = doc.object();
            planCivitaiVersion(v, v.value(QStringLiteral("model")).toObject());
        });
        return;
    }
    QUrl u = sites_.civitaiEndpoint;
    u.setPath(QStringLiteral("/api/v1/models/%1").arg(parsed_.modelId));
    getJson(u, [this](const QJsonDocument& doc, const QUrl&) {
        const QJsonObject m = doc.object();
        const QJsonArray versions = m.value(QStringLiteral("modelVersions")).toArray();
        if (versions.isEmpty()) {
            fail(QCoreApplication::translate("Downloads", "This Civitai model has no published version."));
            return;
        }
        planCivitaiVersion(versions.first().toObject(), m);
    });
}

void UrlResolver::planCivitaiVersion(const QJsonObject& version, const QJsonObject& model) {
    const QJsonArray files = version.value(QStringLiteral("files")).toArray();
    QJsonObject file;
    for (const auto& v : files)
        if (v.toObject().value(QStringLiteral("primary")).toBool()) file = v.toObject();
    if (file.isEmpty())
        for (const auto& v : files)
            if (v.toObject().value(QStringLiteral("type")).toString() == QLatin1String("Model")) {
                file = v.toObject();
                break;
            }
    if (file.isEmpty() && !files.isEmpty()) file = files.first().toObject();
    if (file.isEmpty()) {
        fail(QCoreApplication::translate("Downloads", "This Civitai version has no file to download."));
        return;
    }
    const QString type = model.value(QStringLiteral("type")).toString();
    const auto kind = modelKindFromCivitaiType(type);
    if (!kind && !request_.kind) {
        fail(QCoreApplication::translate("Downloads", "Civitai type \"%1\" is not a model kind Latent Studio installs (choose a kind to force it).")
                 .arg(type));
        return;
    }
    PlannedFile f;
    QUrl dl(file.value(QStringLiteral("downloadUrl")).toString());
    if (!dl.isValid() || dl.isEmpty()) {
        dl = sites_.civitaiEndpoint;
        dl.setPath(
            QStringLiteral("/api/download/models/%1").arg(version.value(QStringLiteral("id")).toVariant().toString()));
    } else if (hostIs(dl, {QStringLiteral("civitai.com"), QStringLiteral("www.civitai.com")}) &&
               !sameOrigin(sites_.civitaiEndpoint, QUrl(QStringLiteral("https://civitai.com")))) {
        // A mirror / test endpoint: the same path on it.
        QUrl m = sites_.civitaiEndpoint;
        m.setPath(dl.path());
        m.setQuery(dl.query());
        dl = m;
    }
    f.url = dl;
    f.relativePath =
        sanitizeFileName(file.value(QStringLiteral("name")).toString(), QStringLiteral("model.safetensors"));
    f.approxSize = qint64(file.value(QStringLiteral("sizeKB")).toDouble(-1) * 1024.0);
    if (f.approxSize < 0) f.approxSize = -1;
    f.sha256 = file.value(QStringLiteral("hashes")).toObject().value(QStringLiteral("SHA256")).toString().toLower();
    f.isWeights = true;
    f.nameFromServer = true;
    if (f.sha256.isEmpty()) {
        fail(QCoreApplication::translate("Downloads", "Civitai publishes no SHA-256 for \"%1\", so it cannot be verified.").arg(f.relativePath));
        return;
    }
    DownloadPlan plan;
    plan.site = QStringLiteral("civitai");
    plan.source = QUrl(request_.url);
    {
        // Never keep a token from the API's download URL either.
        QUrlQuery q(f.url);
        q.removeAllQueryItems(QStringLiteral("token"));
        f.url.setQuery(q);
    }
    plan.title = QStringLiteral("%1 – %2").arg(model.value(QStringLiteral("name")).toString(),
                                               version.value(QStringLiteral("name")).toString());
    plan.kind = kind.value_or(ModelKind::Checkpoint);
    plan.baseModel = version.value(QStringLiteral("baseModel")).toString();
    plan.installName = f.relativePath;
    plan.files << f;
    QJsonObject info = version;
    if (!info.contains(QStringLiteral("model")))
        info.insert(QStringLiteral("model"), QJsonObject{{QStringLiteral("name"), model.value(QStringLiteral("name"))},
                                                         {QStringLiteral("type"), type}});
    plan.civitaiVersion = info;
    const QString desc = version.value(QStringLiteral("description")).toString();
    plan.description = stripHtml(desc.isEmpty() ? model.value(QStringLiteral("description")).toString() : desc);
    for (const auto& w : version.value(QStringLiteral("trainedWords")).toArray()) plan.trainedWords << w.toString();
    for (const auto& im : version.value(QStringLiteral("images")).toArray()) {
        const QJsonObject o = im.toObject();
        const QString t = o.value(QStringLiteral("type")).toString();
        if (!t.isEmpty() && t != QLatin1String("image")) continue;
        const QUrl u(o.value(QStringLiteral("url")).toString());
        if (u.isValid() && (u.scheme() == QLatin1String("https") || u.scheme() == QLatin1String("http"))) {
            plan.previewUrl = u;
            break;
        }
    }
    finish(plan);
}

} // namespace latent
