// Downloads from Hugging Face and Civitai against real HTTP servers on loopback addresses
// (tests/common/fake_hub_server.h): `hf` and `civitai` (127.0.0.1) play the sites' APIs, `cdn`
// (127.0.0.2, another host) plays the signed storage they redirect to and records every header
// it receives. Covers SAFETY.md §2 cases 21–29 plus resume after cuts at seeded offsets, every
// installed file verified by hash; the last tests run the built `latentstudio-cli download`.
#include "common/isolated_app_data.h"
#include "app/downloads/download_manager.h"
#include "app/downloads/download_safety.h"
#include "app/downloads/file_download.h"
#include "app/downloads/token_store.h"
#include "app/downloads/url_resolver.h"
#include "common/fake_hub_server.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace latent;
using namespace latent::test;

namespace {

const QString kHfToken = QStringLiteral("hf_TESTtokenSECRET0123456789");
const QString kCivitaiToken = QStringLiteral("civitaiSECRETtoken9876543210");

QByteArray treeEntry(const QString& path, const QByteArray& data, bool lfs, const QString& sha = {}) {
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("file")},
                  {QStringLiteral("path"), path},
                  {QStringLiteral("size"), double(lfs ? 134 : data.size())}};
    if (lfs) {
        o.insert(QStringLiteral("oid"), QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
        o.insert(QStringLiteral("lfs"), QJsonObject{{QStringLiteral("oid"), sha.isEmpty() ? sha256Hex(data) : sha},
                                                    {QStringLiteral("size"), double(data.size())},
                                                    {QStringLiteral("pointerSize"), 134}});
    } else {
        QCryptographicHash h(QCryptographicHash::Sha1);
        h.addData(QByteArray("blob ") + QByteArray::number(data.size()) + '\0');
        h.addData(data);
        o.insert(QStringLiteral("oid"), QString::fromLatin1(h.result().toHex()));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray jsonArray(const QList<QByteArray>& items) {
    QByteArray out = "[";
    for (int i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
    return out + "]";
}

QStringList filesUnder(const QString& dir) {
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool anyFileContains(const QString& dir, const QByteArray& needle) {
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        if (readAll(p).contains(needle)) return true;
    }
    return false;
}

} // namespace

class TestDownloads : public QObject {
    Q_OBJECT

    std::unique_ptr<FakeHubServer> hf_, civitai_, cdn_;
    std::unique_ptr<QTemporaryDir> tmp_;
    QNetworkAccessManager* nam_ = nullptr;
    SiteConfig sites_;

    QString root() const { return tmp_->path() + QStringLiteral("/models"); }

    // A HF repo "org/model" with one LFS file served through a 302 to the CDN (like the real hub).
    void serveHfFile(const QByteArray& repoPath, const QByteArray& data, const QString& publishedSha = {},
                     FileOptions cdnOptions = {}, const QByteArray& repo = "org/model",
                     const QByteArray& tags = R"(["diffusers"])") {
        const QString sha = publishedSha.isEmpty() ? sha256Hex(data) : publishedSha;
        hf_->route("/api/models/" + repo, [repo, tags](const HttpRequest&) {
            return jsonReply(200, R"({"id":")" + repo + R"(","tags":)" + tags +
                                      R"(,"cardData":{"base_model":"runwayml/stable-diffusion-v1-5"}})");
        });
        const QByteArray cdnPath = "/repos/" + repo + "/" + sha.toLatin1();
        hf_->route("/" + repo + "/resolve/main/" + repoPath, [this, cdnPath, sha, data](const HttpRequest&) {
            HttpReply r = redirectReply(cdn_->url(QString::fromLatin1(cdnPath)).toEncoded() +
                                        "?X-Amz-Signature=abc&token=" + QUrl::toPercentEncoding(kHfToken));
            r.header("X-Linked-Etag", "\"" + sha.toLatin1() + "\"");
            r.header("X-Linked-Size", QByteArray::number(data.size()));
            r.header("ETag", "\"0123456789abcdef0123456789abcdef01234567\"");
            r.header("Set-Cookie", "session=hubsession; Path=/");
            return r;
        });
        if (cdnOptions.etag.isEmpty()) cdnOptions.etag = "\"" + sha.toLatin1() + "\"";
        cdn_->route(cdnPath, [data, cdnOptions](const HttpRequest& req) { return serveFile(req, data, cdnOptions); });
    }

    struct Resolved {
        DownloadPlan plan;
        QString error;
        SiteConfig sites;
    };
    Resolved resolve(const QString& url, std::optional<ModelKind> kind = {}) {
        UrlResolver resolver(nam_, sites_);
        Resolved out;
        bool done = false;
        connect(&resolver, &UrlResolver::resolved, this, [&](const DownloadPlan& p) {
            out.plan = p;
            done = true;
        });
        connect(&resolver, &UrlResolver::failed, this, [&](const QString& e) {
            out.error = e;
            done = true;
        });
        resolver.resolve(DownloadRequest{url, root(), kind});
        if (!QTest::qWaitFor([&] { return done; }, 20000)) out.error = QStringLiteral("timeout");
        out.sites = resolver.siteConfig();
        return out;
    }

    // Runs a plan through a DownloadManager until it ends; returns the entry.
    DownloadManager::Entry runPlan(const DownloadPlan& plan, DownloadManager& m, QStringList* installed = nullptr) {
        QStringList paths;
        connect(&m, &DownloadManager::modelInstalled, this, [&](const QString& p) { paths << p; });
        const QString id = m.add(plan);
        (void)QTest::qWaitFor(
            [&] {
                const auto s = m.entry(id).state;
                return s == DownloadManager::State::Completed || s == DownloadManager::State::Failed ||
                       s == DownloadManager::State::Cancelled;
            },
            30000);
        if (installed) *installed = paths;
        return m.entry(id);
    }

    struct FileRun {
        DownloadError error = DownloadError::None;
        QString message, installed;
        int resumes = 0, restarts = 0;
    };
    FileRun runFile(const FileTask& task, const DiskHooks& hooks = {}, int maxRetries = 5,
                    const SiteConfig* s = nullptr) {
        FileDownload fd(nam_, s ? *s : sites_, task);
        fd.setHooks(hooks);
        fd.setMaxRetries(maxRetries);
        QSignalSpy done(&fd, &FileDownload::finished);
        fd.start();
        if (done.isEmpty()) done.wait(30000);
        return {fd.error(), fd.errorString(), fd.installedPath(), fd.resumes(), fd.restarts()};
    }

    FileTask taskFor(const QString& url, const QByteArray& data,
                     const QString& name = QStringLiteral("m.safetensors")) {
        FileTask t;
        t.spec.url = QUrl(url);
        t.spec.size = data.size();
        t.spec.sha256 = sha256Hex(data);
        t.spec.isWeights = true;
        t.finalPath = root() + QStringLiteral("/Stable-diffusion/") + name;
        t.partPath = t.finalPath + QStringLiteral(".part");
        return t;
    }

public:
    // A fresh data folder per run: nothing left by an earlier run is seen.
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        hf_ = std::make_unique<FakeHubServer>(QHostAddress::LocalHost);
        civitai_ = std::make_unique<FakeHubServer>(QHostAddress::LocalHost);
        cdn_ = std::make_unique<FakeHubServer>(QHostAddress(QStringLiteral("127.0.0.2")));
        if (!cdn_->isListening()) cdn_ = std::make_unique<FakeHubServer>(QHostAddress::LocalHost); // another port
        QVERIFY(hf_->isListening() && civitai_->isListening() && cdn_->isListening());
        nam_ = new QNetworkAccessManager(this);
        sites_.hfEndpoint = QUrl(hf_->origin());
        sites_.civitaiEndpoint = QUrl(civitai_->origin());
        sites_.hfToken = kHfToken;
        sites_.civitaiToken = kCivitaiToken;
    }

    void init() {
        tmp_ = std::make_unique<QTemporaryDir>();
        QVERIFY(tmp_->isValid());
        hf_->clearRoutes();
        civitai_->clearRoutes();
        cdn_->clearRoutes();
        hf_->clearRequests();
        civitai_->clearRequests();
        cdn_->clearRequests();
    }

    // --- pure rules -------------------------------------------------------------------------

    void parsesEveryLinkForm() {
        SiteConfig s;
        auto p = parseModelUrl(QStringLiteral("https://huggingface.co/org/repo"), s);
        QCOMPARE(p.site, ParsedModelUrl::Site::HuggingFace);
        QCOMPARE(p.repo, QStringLiteral("org/repo"));
        QVERIFY(!p.isFile);
        p = parseModelUrl(QStringLiteral("https://huggingface.co/org/repo/blob/main/sub/x.safetensors"), s);
        QVERIFY(p.isFile);
        QCOMPARE(p.path, QStringLiteral("sub/x.safetensors"));
        QCOMPARE(p.revision, QStringLiteral("main"));
        p = parseModelUrl(QStringLiteral("https://huggingface.co/org/repo/resolve/fp16/x.safetensors?download=true"),
                          s);
        QVERIFY(p.isFile);
        QCOMPARE(p.revision, QStringLiteral("fp16"));
        p = parseModelUrl(QStringLiteral("https://huggingface.co/org/repo/tree/main/unet"), s);
        QVERIFY(!p.isFile);
        QCOMPARE(p.path, QStringLiteral("unet"));
        p = parseModelUrl(QStringLiteral("stabilityai/sdxl-vae"), s);
        QCOMPARE(p.site, ParsedModelUrl::Site::HuggingFace);
        QCOMPARE(p.repo, QStringLiteral("stabilityai/sdxl-vae"));
        p = parseModelUrl(QStringLiteral("https://civitai.com/models/4201/realistic-vision?modelVersionId=130072"), s);
        QCOMPARE(p.site, ParsedModelUrl::Site::Civitai);
        QCOMPARE(p.modelId, QStringLiteral("4201"));
        QCOMPARE(p.versionId, QStringLiteral("130072"));
        p = parseModelUrl(QStringLiteral("https://civitai.com/models/4201"), s);
        QCOMPARE(p.versionId, QString());
        p = parseModelUrl(QStringLiteral("https://civitai.com/api/download/models/130072"), s);
        QCOMPARE(p.versionId, QStringLiteral("130072"));
        QVERIFY(!parseModelUrl(QStringLiteral("https://example.com/x.safetensors"), s).error.isEmpty());
        QVERIFY(!parseModelUrl(QStringLiteral("https://huggingface.co/datasets/a/b"), s).error.isEmpty());
        QVERIFY(!parseModelUrl(QStringLiteral("https://civitai.com/images/123"), s).error.isEmpty());
    }

    void sanitizesHostileNames() { // SAFETY 29
        const QString fb = QStringLiteral("model.safetensors");
        QCOMPARE(sanitizeFileName(QStringLiteral("../../evil.dll"), fb), QStringLiteral("evil.dll"));
        QCOMPARE(sanitizeFileName(QStringLiteral("..\\..\\windows\\evil.dll"), fb), QStringLiteral("evil.dll"));
        QCOMPARE(sanitizeFileName(QStringLiteral("CON.safetensors"), fb), QStringLiteral("_CON.safetensors"));
        QCOMPARE(sanitizeFileName(QStringLiteral("lpt1"), fb), QStringLiteral("_lpt1"));
        QCOMPARE(sanitizeFileName(QStringLiteral(".."), fb), fb);
        QCOMPARE(sanitizeFileName(QStringLiteral(""), fb), fb);
        QCOMPARE(sanitizeFileName(QStringLiteral(".hidden.safetensors"), fb), QStringLiteral("hidden.safetensors"));
        QCOMPARE(sanitizeFileName(QStringLiteral("a\nb\x01"
                                                 "c\u202e.safetensors"),
                                  fb),
                 QStringLiteral("a_b_c_.safetensors"));
        QCOMPARE(sanitizeFileName(QStringLiteral("x:ads?.safetensors. "), fb), QStringLiteral("x_ads_.safetensors"));
        const QString longName = QString(300, QLatin1Char('a')) + QStringLiteral(".safetensors");
        const QString s = sanitizeFileName(longName, fb);
        QVERIFY(s.toUtf8().size() <= 200);
        QVERIFY(s.endsWith(QLatin1String(".safetensors")));
        const QString emoji = QString(150, QChar(0x00e9)) + QStringLiteral(".safetensors"); // 2-byte chars
        QVERIFY(sanitizeFileName(emoji, fb).toUtf8().size() <= 200);
        QCOMPARE(contentDispositionFileName("attachment; filename=\"../../evil.dll\""),
                 QStringLiteral("../../evil.dll"));
        QCOMPARE(contentDispositionFileName("attachment; filename*=UTF-8''caf%C3%A9.safetensors; filename=\"x\""),
                 QStringLiteral("café.safetensors"));
    }

    void redactsTokens() { // SAFETY 23
        registerSecret(kCivitaiToken);
        const QString s = redactSecrets(QStringLiteral("GET https://x/y?a=1&token=abc123&b=2 Authorization: Bearer zzz "
                                                       "hf_abcdefghijk and ") +
                                        kCivitaiToken);
        QVERIFY2(!s.contains(QLatin1String("abc123")) && !s.contains(QLatin1String("zzz")) &&
                     !s.contains(QLatin1String("hf_abcdefghijk")) && !s.contains(kCivitaiToken),
                 qPrintable(s));
        QVERIFY(s.contains(QLatin1String("token=***")));
        QVERIFY(s.contains(QLatin1String("a=1")));
    }

    void redirectRules() { // SAFETY 22 (https→http as a rule: the test servers speak plain http)
        QVERIFY(!redirectRefusal(QUrl(QStringLiteral("https://huggingface.co/a")), QUrl(QStringLiteral("http://cdn/a")))
                     .isEmpty());
        QVERIFY(redirectRefusal(QUrl(QStringLiteral("https://huggingface.co/a")), QUrl(QStringLiteral("https://cdn/a")))
                    .isEmpty());
        QVERIFY(redirectRefusal(QUrl(QStringLiteral("http://127.0.0.1/a")), QUrl(QStringLiteral("https://cdn/a")))
                    .isEmpty());
        QVERIFY(!redirectRefusal(QUrl(QStringLiteral("https://h/a")), QUrl(QStringLiteral("file:///etc/passwd")))
                     .isEmpty());
        QVERIFY(!redirectRefusal(QUrl(QStringLiteral("https://h/a")), QUrl(QStringLiteral("ftp://h/a"))).isEmpty());
        QVERIFY(sameOrigin(QUrl(QStringLiteral("https://h/a")), QUrl(QStringLiteral("https://h:443/b"))));
        QVERIFY(!sameOrigin(QUrl(QStringLiteral("http://h:1/a")), QUrl(QStringLiteral("http://h:2/a"))));
    }

    void picksDiffusersFiles() {
        const QByteArray w = "x";
        const QList<QByteArray> items{
            treeEntry(QStringLiteral("model_index.json"), "{}", false),
            treeEntry(QStringLiteral("README.md"), "readme", false),
            treeEntry(QStringLiteral("v1-5-pruned.safetensors"), w, true),
            treeEntry(QStringLiteral("v1-5-pruned.ckpt"), w, true),
            treeEntry(QStringLiteral("unet/config.json"), "{}", false),
            treeEntry(QStringLiteral("unet/diffusion_pytorch_model.bin"), w, true),
            treeEntry(QStringLiteral("unet/diffusion_pytorch_model.safetensors"), w, true),
            treeEntry(QStringLiteral("unet/diffusion_pytorch_model.fp16.safetensors"), w, true),
            treeEntry(QStringLiteral("unet/diffusion_pytorch_model.fp16.bin"), w, true),
            treeEntry(QStringLiteral("unet/diffusion_flax_model.msgpack"), w, true),
            treeEntry(QStringLiteral("vae/config.json"), "{}", false),
            treeEntry(QStringLiteral("vae/diffusion_pytorch_model.safetensors"), w, true),
            treeEntry(QStringLiteral("text_encoder/config.json"), "{}", false),
            treeEntry(QStringLiteral("text_encoder/model.fp16-00001-of-00002.safetensors"), w, true),
            treeEntry(QStringLiteral("text_encoder/model.fp16-00002-of-00002.safetensors"), w, true),
            treeEntry(QStringLiteral("text_encoder/model.safetensors.index.fp16.json"), "{}", false),
            treeEntry(QStringLiteral("text_encoder/model.safetensors.index.json"), "{}", false),
            treeEntry(QStringLiteral("text_encoder/model-00001-of-00002.safetensors"), w, true),
            treeEntry(QStringLiteral("text_encoder/pytorch_model.bin"), w, true),
            treeEntry(QStringLiteral("tokenizer/vocab.json"), "{}", false),
            treeEntry(QStringLiteral("tokenizer/merges.txt"), "m", false),
            treeEntry(QStringLiteral("tokenizer/tokenizer_config.json"), "{}", false),
            treeEntry(QStringLiteral("scheduler/scheduler_config.json"), "{}", false),
            treeEntry(QStringLiteral("safety_checker/model.safetensors"), w, true),
            treeEntry(QStringLiteral("unet/model.onnx"), w, true),
            treeEntry(QStringLiteral("onnx/unet/model.onnx"), w, true),
        };
        QString error;
        const auto files = selectDiffusersFiles(QJsonDocument::fromJson(jsonArray(items)).array(),
                                                QUrl(QStringLiteral("https://huggingface.co")),
                                                QStringLiteral("org/sd"), QStringLiteral("main"), &error);
        QStringList paths;
        for (const auto& f : files) paths << f.relativePath;
        paths.sort();
        const QStringList expected{QStringLiteral("model_index.json"),
                                   QStringLiteral("scheduler/scheduler_config.json"),
                                   QStringLiteral("text_encoder/config.json"),
                                   QStringLiteral("text_encoder/model.fp16-00001-of-00002.safetensors"),
                                   QStringLiteral("text_encoder/model.fp16-00002-of-00002.safetensors"),
                                   QStringLiteral("text_encoder/model.safetensors.index.fp16.json"),
                                   QStringLiteral("tokenizer/merges.txt"),
                                   QStringLiteral("tokenizer/tokenizer_config.json"),
                                   QStringLiteral("tokenizer/vocab.json"),
                                   QStringLiteral("unet/config.json"),
                                   QStringLiteral("unet/diffusion_pytorch_model.fp16.safetensors"),
                                   QStringLiteral("vae/config.json"),
                                   QStringLiteral("vae/diffusion_pytorch_model.safetensors")};
        QCOMPARE(paths, expected);
        for (const auto& f : files) {
            if (f.relativePath.endsWith(QLatin1String(".safetensors"))) {
                QCOMPARE(f.sha256, sha256Hex(w));
                QVERIFY(f.isWeights);
            } else {
                QVERIFY(!f.gitSha1.isEmpty());
                QVERIFY(!f.isWeights);
            }
        }
        // A component with pickle weights only is refused with a reason.
        const QList<QByteArray> binOnly{treeEntry(QStringLiteral("model_index.json"), "{}", false),
                                        treeEntry(QStringLiteral("unet/diffusion_pytorch_model.bin"), w, true)};
        QVERIFY(selectDiffusersFiles(QJsonDocument::fromJson(jsonArray(binOnly)).array(), QUrl(), QStringLiteral("o/r"),
                                     QStringLiteral("main"), &error)
                    .isEmpty());
        QVERIFY(error.contains(QLatin1String("unet")));
    }

    // --- Hugging Face ------------------------------------------------------------------------

    // The kind from the repository and file: ESRGAN-family upscalers go to ESRGAN, the diffusion
    // upscalers (stabilityai's x4-upscaler) are checkpoints.
    void hfUpscalerKinds() {
        const QByteArray data = fakeSafetensors(64 * 1024, 3);
        serveHfFile("4x-UltraSharp.safetensors", data, {}, {}, "uwg/upscaler", "[]");
        auto r = resolve(hf_->origin() + QStringLiteral("/uwg/upscaler/blob/main/4x-UltraSharp.safetensors"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.plan.kind, ModelKind::Upscaler);
        serveHfFile("x4-upscaler-ema.safetensors", data, {}, {}, "stabilityai/stable-diffusion-x4-upscaler",
                    R"(["diffusers","stable-diffusion"])");
        r = resolve(hf_->origin() + QStringLiteral("/stabilityai/stable-diffusion-x4-upscaler/blob/main/x4-upscaler-ema.safetensors"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.plan.kind, ModelKind::Checkpoint);
    }

    void hfFileRedirectDropsAuthorization() { // SAFETY 21
        const QByteArray data = fakeSafetensors(300 * 1024, 1);
        serveHfFile("v1-5.safetensors", data);
        const auto r = resolve(hf_->origin() + QStringLiteral("/org/model/blob/main/v1-5.safetensors"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.plan.files.size(), 1);
        QCOMPARE(r.plan.files[0].sha256, sha256Hex(data));
        QCOMPARE(r.plan.files[0].size, qint64(data.size()));
        QVERIFY(r.plan.files[0].url.path().contains(QLatin1String("/resolve/"))); // blob → resolve
        QCOMPARE(r.plan.kind, ModelKind::Checkpoint);
        QCOMPARE(r.plan.baseModel, QStringLiteral("runwayml/stable-diffusion-v1-5"));
        QCOMPARE(r.plan.destinationDir, modelFolderFor(root(), ModelKind::Checkpoint));
        QVERIFY(r.plan.describe().contains(QLatin1String("v1-5.safetensors")));

        DownloadManager m(nam_);
        m.setStateFile(tmp_->path() + QStringLiteral("/state.json"));
        m.setSiteConfig(sites_);
        QStringList installed;
        const auto e = runPlan(r.plan, m, &installed);
        QVERIFY2(e.state == DownloadManager::State::Completed, qPrintable(e.errorString));
        const QString path = root() + QStringLiteral("/Stable-diffusion/v1-5.safetensors");
        QCOMPARE(installed, QStringList{path});
        QCOMPARE(sha256Hex(readAll(path)), sha256Hex(data));
        QCOMPARE(filesUnder(root() + QStringLiteral("/Stable-diffusion")),
                 QStringList{QStringLiteral("v1-5.safetensors")});

        // The hub got the token; the CDN (another host) got no Authorization and no cookie.
        bool hubSawToken = false;
        for (const auto& q : hf_->requests())
            if (q.header("authorization") == "Bearer " + kHfToken.toUtf8()) hubSawToken = true;
        QVERIFY(hubSawToken);
        const auto cdnReqs = cdn_->requests();
        QVERIFY(!cdnReqs.isEmpty());
        for (const auto& q : cdnReqs) {
            QVERIFY2(q.header("authorization").isEmpty(), q.header("authorization").constData());
            QVERIFY(q.header("cookie").isEmpty());
            QCOMPARE(q.header("accept-encoding"), QByteArray("identity")); // SAFETY 27
        }
        // Nothing persisted holds the token (the CDN URL carried it as token=...).
        QVERIFY(!anyFileContains(tmp_->path(), kHfToken.toUtf8()));
    }

    void hfDiffusersRepoAsFolder() {
        const QByteArray unet = fakeSafetensors(40 * 1024, 2), vae = fakeSafetensors(20 * 1024, 3),
                         te = fakeSafetensors(30 * 1024, 4), cfg = R"({"_class_name":"UNet2DConditionModel"})",
                         index = R"({"_class_name":"StableDiffusionPipeline"})", merges = "#version: 0.2\na b\n";
        QHash<QString, QByteArray> files{{QStringLiteral("model_index.json"), index},
                                         {QStringLiteral("unet/config.json"), cfg},
                                         {QStringLiteral("unet/diffusion_pytorch_model.fp16.safetensors"), unet},
                                         {QStringLiteral("vae/config.json"), cfg},
                                         {QStringLiteral("vae/diffusion_pytorch_model.safetensors"), vae},
                                         {QStringLiteral("text_encoder/config.json"), cfg},
                                         {QStringLiteral("text_encoder/model.safetensors"), te},
                                         {QStringLiteral("tokenizer/merges.txt"), merges}};
        QList<QByteArray> tree;
        for (auto it = files.begin(); it != files.end(); ++it)
            tree << treeEntry(it.key(), it.value(), it.key().endsWith(QLatin1String(".safetensors")));
        tree << treeEntry(QStringLiteral("unet/diffusion_pytorch_model.bin"), unet, true);
        tree << treeEntry(QStringLiteral("unet/diffusion_pytorch_model.safetensors"), unet, true);
        hf_->route("/api/models/org/sd", [](const HttpRequest&) { return jsonReply(200, R"({"id":"org/sd"})"); });
        // The tree comes in two pages (Link: rel="next", as the hub paginates large listings).
        const QByteArray page1 = jsonArray(tree.mid(0, 4)), page2 = jsonArray(tree.mid(4));
        hf_->route("/api/models/org/sd/tree/main", [this, page1, page2](const HttpRequest& q) {
            if (q.target.contains("cursor=2")) return jsonReply(200, page2);
            HttpReply r = jsonReply(200, page1);
            r.header("Link",
                     "<" +
                         hf_->url(QStringLiteral("/api/models/org/sd/tree/main?recursive=true&cursor=2")).toEncoded() +
                         ">; rel=\"next\"");
            return r;
        });
        for (auto it = files.begin(); it != files.end(); ++it) {
            const QByteArray data = it.value();
            hf_->route("/org/sd/resolve/main/" + it.key().toUtf8(),
                       [data](const HttpRequest& q) { return serveFile(q, data, {.etag = "\"e\""}); });
        }
        const auto r = resolve(QStringLiteral("org/sd"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QVERIFY(r.plan.isFolder);
        QCOMPARE(r.plan.files.size(), files.size());
        DownloadManager m(nam_);
        m.setStateFile(QString());
        m.setSiteConfig(sites_);
        QStringList installed;
        const auto e = runPlan(r.plan, m, &installed);
        QVERIFY2(e.state == DownloadManager::State::Completed, qPrintable(e.errorString));
        const QString dir = root() + QStringLiteral("/Stable-diffusion/sd");
        QCOMPARE(installed, QStringList{dir});
        QStringList want = files.keys();
        want.sort();
        QCOMPARE(filesUnder(dir), want);
        for (auto it = files.begin(); it != files.end(); ++it)
            QCOMPARE(readAll(dir + QLatin1Char('/') + it.key()), it.value());
        QCOMPARE(filesUnder(root() + QStringLiteral("/Stable-diffusion")).size(), files.size()); // no staging left
        QCOMPARE(hf_->hits("/org/sd/resolve/main/unet/diffusion_pytorch_model.bin"), 0);
        QCOMPARE(hf_->hits("/api/models/org/sd/tree/main"), 2);
    }

    void hfRepoWithSeveralFilesAsksForOne() {
        hf_->route("/api/models/org/many", [](const HttpRequest&) { return jsonReply(200, R"({"id":"org/many"})"); });
        const QByteArray tree = jsonArray({treeEntry(QStringLiteral("a.safetensors"), "a", true),
                                           treeEntry(QStringLiteral("b.safetensors"), "b", true)});
        hf_->route("/api/models/org/many/tree/main", [tree](const HttpRequest&) { return jsonReply(200, tree); });
        const auto r = resolve(hf_->origin() + QStringLiteral("/org/many"));
        QVERIFY(r.error.contains(QLatin1String("a.safetensors")));
    }

    void hashMismatchInstallsNothing() { // SAFETY 25
        const QByteArray data = fakeSafetensors(200 * 1024, 5);
        const QString wrong = sha256Hex("something else");
        serveHfFile("x.safetensors", data, wrong); // X-Linked-Etag publishes a different hash
        const auto r = resolve(hf_->origin() + QStringLiteral("/org/model/resolve/main/x.safetensors"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.plan.files[0].sha256, wrong);
        DownloadManager m(nam_);
        m.setStateFile(QString());
        m.setSiteConfig(sites_);
        const auto e = runPlan(r.plan, m);
        QCOMPARE(e.state, DownloadManager::State::Failed);
        QCOMPARE(e.error, DownloadError::HashMismatch);
        QVERIFY(e.errorString.contains(QLatin1String("SHA-256")));
        QVERIFY(filesUnder(root()).isEmpty()); // .part deleted, models folder untouched

        // The same through the tree API's lfs.oid and through Civitai's hashes.SHA256.
        FileTask t = taskFor(cdn_->url(QStringLiteral("/f")).toString(), data);
        cdn_->route("/f", [data](const HttpRequest& q) { return serveFile(q, data); });
        t.spec.sha256 = wrong;
        QCOMPARE(runFile(t).error, DownloadError::HashMismatch);
        QVERIFY(filesUnder(root()).isEmpty());
    }

    void resumesAfterCutsAtSeededOffsets_data() {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : {2026u, 7u, 4242u}) QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }
    void resumesAfterCutsAtSeededOffsets() { // SAFETY 26: 20 cuts at seeded random offsets
        QFETCH(quint32, seed);
        const QByteArray data = fakeSafetensors(1 << 20, seed);
        QRandomGenerator rng(seed);
        QList<qint64> cuts;
        for (int i = 0; i < 20; ++i) cuts << qint64(rng.bounded(1, int(data.size()) - 1));
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        // The cut depends on where the request starts (Qt itself may resend a request once after
        // an unexpected close; such a resend gets the same cut).
        cdn_->route("/big", [data, cuts](const HttpRequest& q) {
            FileOptions o{.etag = "\"v1\""};
            const qint64 start = q.header("range").isEmpty() ? 0 : q.header("range").mid(6).chopped(1).toLongLong();
            for (qint64 c : cuts)
                if (c > start) {
                    o.cutAtOffset = c;
                    break;
                }
            return serveFile(q, data, o);
        });
        const FileTask t = taskFor(cdn_->url(QStringLiteral("/big")).toString(), data);
        const FileRun r = runFile(t, {}, /*maxRetries=*/3);
        QVERIFY2(r.error == DownloadError::None, qPrintable(r.message));
        QCOMPARE(sha256Hex(readAll(r.installed)), sha256Hex(data));
        QCOMPARE(r.restarts, 0);
        QCOMPARE(r.resumes, cuts.size());
        // Every resume asked for exactly the bytes after a cut, with If-Range.
        QList<qint64> asked;
        for (const auto& q : cdn_->requests()) {
            if (q.header("range").isEmpty()) continue;
            QCOMPARE(q.header("if-range"), QByteArray("\"v1\""));
            const qint64 at = q.header("range").mid(6).chopped(1).toLongLong();
            if (!asked.contains(at)) asked << at;
        }
        QCOMPARE(asked, cuts);
        QVERIFY(!QFileInfo::exists(t.partPath));
        QVERIFY(!QFileInfo::exists(FileDownload::metaPathFor(t.partPath)));
    }

    void resumeRestartsWhenServerIgnoresRangeOrLies_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("200 instead of 206") << 0;
        QTest::newRow("wrong Content-Range start") << 1;
        QTest::newRow("validator changed (If-Range fails)") << 2;
    }
    void resumeRestartsWhenServerIgnoresRangeOrLies() { // SAFETY 26, 27
        QFETCH(int, mode);
        const QByteArray data = fakeSafetensors(512 * 1024, 7);
        auto sawResume = std::make_shared<bool>(false);
        cdn_->route("/f", [data, mode, sawResume](const HttpRequest& q) {
            FileOptions o{.etag = "\"v1\""};
            const bool resume = !q.header("range").isEmpty();
            *sawResume |= resume;
            if (!*sawResume) o.cutAtOffset = 200000; // full answers are cut until the client resumed once
            if (resume && mode == 0) o.ignoreRange = true;
            if (resume && mode == 1) o.wrongRangeShift = 1000;
            if (resume && mode == 2) o.etag = "\"v2\"";
            if (resume) o.cutAtOffset = -1;
            return serveFile(q, data, o);
        });
        const FileTask t = taskFor(cdn_->url(QStringLiteral("/f")).toString(), data);
        const FileRun r = runFile(t);
        QVERIFY2(r.error == DownloadError::None, qPrintable(r.message));
        QCOMPARE(sha256Hex(readAll(r.installed)), sha256Hex(data));
        QVERIFY(r.restarts >= 1);
    }

    void resumesAcrossAppRestart() { // SAFETY 26: a new process continues the .part
        const QByteArray data = fakeSafetensors(400 * 1024, 8);
        cdn_->route("/f", [data](const HttpRequest& q) {
            FileOptions o{.lastModified = "Tue, 01 Dec 2026 10:00:00 GMT"};
            if (q.header("range").isEmpty()) o.cutAtOffset = 123457;
            return serveFile(q, data, o);
        });
        const FileTask t = taskFor(cdn_->url(QStringLiteral("/f")).toString(), data);
        const FileRun first = runFile(t, {}, /*maxRetries=*/0);
        QCOMPARE(first.error, DownloadError::Network);
        QCOMPARE(QFileInfo(t.partPath).size(), qint64(123457));
        QVERIFY(
            filesUnder(root() + QStringLiteral("/Stable-diffusion")).contains(QStringLiteral("m.safetensors.part")));
        QVERIFY(!QFileInfo::exists(t.finalPath));
        const FileRun second = runFile(t); // a fresh FileDownload = after a restart
        QVERIFY2(second.error == DownloadError::None, qPrintable(second.message));
        QCOMPARE(second.resumes, 1);
        QCOMPARE(cdn_->requests().last().header("range"), QByteArray("bytes=123457-"));
        QCOMPARE(cdn_->requests().last().header("if-range"), QByteArray("Tue, 01 Dec 2026 10:00:00 GMT"));
        QCOMPARE(sha256Hex(readAll(second.installed)), sha256Hex(data));
    }

    void managerSurvivesRestartPauseResumeCancel() { // slow responses; state persisted
        const QByteArray data = fakeSafetensors(600 * 1024, 9);
        cdn_->route("/slow", [data](const HttpRequest& q) {
            HttpReply r = serveFile(q, data, {.etag = "\"s\""});
            r.chunkDelayMs = 15;
            r.chunkSize = 8 * 1024;
            return r;
        });
        DownloadPlan plan;
        plan.site = QStringLiteral("huggingface");
        plan.title = QStringLiteral("slow");
        plan.destinationDir = modelFolderFor(root(), ModelKind::Lora);
        plan.kind = ModelKind::Lora;
        plan.installName = QStringLiteral("slow.safetensors");
        PlannedFile f;
        f.url = cdn_->url(QStringLiteral("/slow"));
        f.relativePath = plan.installName;
        f.size = data.size();
        f.sha256 = sha256Hex(data);
        f.isWeights = true;
        plan.files << f;
        const QString stateFile = tmp_->path() + QStringLiteral("/state/downloads.json");
        QString id;
        {
            DownloadManager m(nam_);
            m.setStateFile(stateFile);
            m.setSiteConfig(sites_);
            id = m.add(plan);
            QCOMPARE(m.add(plan), id); // same destination → the same download (one writer)
            QVERIFY(QTest::qWaitFor([&] { return m.entry(id).received > 100 * 1024 && m.entry(id).bytesPerSecond > 0; },
                                    20000));
            QVERIFY(m.entry(id).etaSeconds >= 0);
            m.pause(id);
            QCOMPARE(m.entry(id).state, DownloadManager::State::Paused);
            QTest::qWait(100);
            QVERIFY(QFileInfo(plan.destinationDir + QStringLiteral("/slow.safetensors.part")).size() > 0);
            m.resume(id);
            QVERIFY(QTest::qWaitFor([&] { return m.entry(id).received > 300 * 1024; }, 20000));
        } // "app quits" mid-download
        QVERIFY(QFileInfo::exists(stateFile));
        QVERIFY(!QFileInfo::exists(plan.installPath()));
        const qint64 partSize = QFileInfo(plan.destinationDir + QStringLiteral("/slow.safetensors.part")).size();
        QVERIFY(partSize > 0);
        {
            DownloadManager m(nam_);
            m.setStateFile(stateFile);
            m.setSiteConfig(sites_);
            QSignalSpy installed(&m, &DownloadManager::modelInstalled);
            QVERIFY(m.loadState());
            QCOMPARE(m.entries().size(), 1);
            QCOMPARE(m.entry(id).state, DownloadManager::State::Paused);
            cdn_->clearRequests();
            m.resume(id);
            QVERIFY(QTest::qWaitFor([&] { return m.entry(id).state == DownloadManager::State::Completed; }, 30000));
            QCOMPARE(installed.size(), 1);
            QCOMPARE(installed.first().first().toString(), plan.installPath());
            QCOMPARE(sha256Hex(readAll(plan.installPath())), sha256Hex(data));
            QVERIFY(cdn_->requests().first().header("range").startsWith("bytes="));
            QVERIFY(cdn_->requests().first().header("range") != "bytes=0-");
            m.cancel(id); // cancel after finish: no-op
            QCOMPARE(m.entry(id).state, DownloadManager::State::Completed);
        }
        // Cancel deletes the .part; a second cancel is a no-op.
        QFile::remove(plan.installPath());
        DownloadManager m(nam_);
        m.setStateFile(QString());
        m.setSiteConfig(sites_);
        const QString id2 = m.add(plan);
        QVERIFY(QTest::qWaitFor([&] { return m.entry(id2).received > 50 * 1024; }, 20000));
        m.cancel(id2);
        m.cancel(id2);
        QCOMPARE(m.entry(id2).state, DownloadManager::State::Cancelled);
        QTest::qWait(100);
        QVERIFY(filesUnder(plan.destinationDir).isEmpty());
    }

    void severalDownloadsAtOnce() {
        DownloadManager m(nam_);
        m.setStateFile(QString());
        m.setSiteConfig(sites_);
        m.setMaxConcurrent(3);
        QList<QByteArray> datas;
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            const QByteArray data = fakeSafetensors(200 * 1024, 20 + i);
            datas << data;
            const QByteArray path = "/c" + QByteArray::number(i);
            cdn_->route(path, [data](const HttpRequest& q) {
                HttpReply r = serveFile(q, data, {.etag = "\"c\""});
                r.chunkDelayMs = 5;
                return r;
            });
            DownloadPlan plan;
            plan.destinationDir = modelFolderFor(root(), ModelKind::Vae);
            plan.installName = QStringLiteral("vae%1.safetensors").arg(i);
            PlannedFile f;
            f.url = cdn_->url(QString::fromLatin1(path));
            f.size = data.size();
            f.sha256 = sha256Hex(data);
            f.isWeights = true;
            plan.files << f;
            ids << m.add(plan);
        }
        int maxRunning = 0;
        QVERIFY(QTest::qWaitFor(
            [&] {
                int running = 0, done = 0;
                for (const auto& e : m.entries()) {
                    running += e.state == DownloadManager::State::Running;
                    done += e.state == DownloadManager::State::Completed;
                }
                maxRunning = qMax(maxRunning, running);
                return done == 3;
            },
            30000));
        QCOMPARE(maxRunning, 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(sha256Hex(readAll(root() + QStringLiteral("/VAE/vae%1.safetensors").arg(i))), sha256Hex(datas[i]));
    }

    // --- Civitai -------------------------------------------------------------------------------

    QByteArray civitaiVersionJson(const QByteArray& data, const QString& sha,
                                  const QString& type = QStringLiteral("LORA"),
                                  const QString& name = QStringLiteral("detail-tweaker.safetensors")) {
        const QJsonObject v{
            {QStringLiteral("id"), 456},
            {QStringLiteral("modelId"), 123},
            {QStringLiteral("name"), QStringLiteral("v1.0")},
            {QStringLiteral("baseModel"), QStringLiteral("SD 1.5")},
            {QStringLiteral("description"), QStringLiteral("<p>Adds <b>detail</b>.</p>")},
            {QStringLiteral("trainedWords"), QJsonArray{QStringLiteral("detailed"), QStringLiteral("intricate")}},
            {QStringLiteral("model"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("Detail Tweaker")}, {QStringLiteral("type"), type}}},
            {QStringLiteral("files"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("training.zip")},
                                    {QStringLiteral("type"), QStringLiteral("Training Data")},
                                    {QStringLiteral("sizeKB"), 1.0},
                                    {QStringLiteral("downloadUrl"),
                                     civitai_->origin() + QStringLiteral("/api/download/training/456")}},
                        QJsonObject{
                            {QStringLiteral("name"), name},
                            {QStringLiteral("type"), QStringLiteral("Model")},
                            {QStringLiteral("primary"), true},
                            {QStringLiteral("sizeKB"), double(data.size()) / 1024.0},
                            {QStringLiteral("hashes"), QJsonObject{{QStringLiteral("SHA256"), sha.toUpper()},
                                                                   {QStringLiteral("AutoV2"), sha.left(10).toUpper()}}},
                            {QStringLiteral("downloadUrl"),
                             civitai_->origin() + QStringLiteral("/api/download/models/456")}}}},
            {QStringLiteral("images"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("video")},
                                    {QStringLiteral("url"), cdn_->origin() + QStringLiteral("/v.mp4")}},
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                                    {QStringLiteral("url"), cdn_->origin() + QStringLiteral("/img/1.png")}}}}};
        return QJsonDocument(v).toJson(QJsonDocument::Compact);
    }

    void serveCivitai(const QByteArray& data, const QString& sha, FileOptions cdnOptions = {},
                      const QString& type = QStringLiteral("LORA"),
                      const QString& name = QStringLiteral("detail-tweaker.safetensors")) {
        const QByteArray version = civitaiVersionJson(data, sha, type, name);
        civitai_->route("/api/v1/model-versions/456",
                        [version](const HttpRequest&) { return jsonReply(200, version); });
        const QByteArray model = QByteArray("{\"id\":123,\"name\":\"Detail Tweaker\",\"type\":\"") + type.toUtf8() +
                                 QByteArray("\",\"description\":\"<p>Model description</p>\",\"modelVersions\":[") +
                                 version + "]}";
        civitai_->route("/api/v1/models/123", [model](const HttpRequest&) { return jsonReply(200, model); });
        civitai_->route("/api/download/models/456", [this](const HttpRequest&) {
            return redirectReply(cdn_->url(QStringLiteral("/civitai/file")).toEncoded() + "?X-Amz-Signature=s1");
        });
        if (cdnOptions.etag.isEmpty()) cdnOptions.etag = "\"cv\"";
        cdn_->route("/civitai/file",
                    [data, cdnOptions](const HttpRequest& q) { return serveFile(q, data, cdnOptions); });
        QByteArray png("\x89PNG\r\n\x1a\n", 8);
        png += QByteArray(64, 'p');
        cdn_->route("/img/1.png",
                    [png](const HttpRequest& q) { return serveFile(q, png, {.contentType = "image/png"}); });
    }

    void civitaiModelPageWithSidecars_data() {
        QTest::addColumn<QString>("link");
        QTest::newRow("page+version") << QStringLiteral("/models/123/detail-tweaker?modelVersionId=456");
        QTest::newRow("page") << QStringLiteral("/models/123");
        QTest::newRow("download link") << QStringLiteral("/api/download/models/456");
    }
    void civitaiModelPageWithSidecars() { // SAFETY 21 for Civitai; sidecars in A1111 format
        QFETCH(QString, link);
        const QByteArray data = fakeSafetensors(250 * 1024, 10);
        serveCivitai(data, sha256Hex(data));
        const auto r = resolve(civitai_->origin() + link);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.plan.kind, ModelKind::Lora);
        QCOMPARE(r.plan.baseModel, QStringLiteral("SD 1.5"));
        QCOMPARE(r.plan.files.size(), 1); // the primary file, not the training data
        QCOMPARE(r.plan.files[0].sha256, sha256Hex(data));
        QCOMPARE(r.plan.destinationDir, root() + QStringLiteral("/Lora"));
        DownloadManager m(nam_);
        m.setStateFile(QString());
        m.setSiteConfig(sites_);
        const auto e = runPlan(r.plan, m);
        QVERIFY2(e.state == DownloadManager::State::Completed, qPrintable(e.errorString));
        const QString base = root() + QStringLiteral("/Lora/detail-tweaker");
        QCOMPARE(sha256Hex(readAll(base + QStringLiteral(".safetensors"))), sha256Hex(data));
        const QJsonObject info = QJsonDocument::fromJson(readAll(base + QStringLiteral(".civitai.info"))).object();
        QCOMPARE(info.value(QStringLiteral("id")).toInt(), 456);
        const QJsonObject a1111 = QJsonDocument::fromJson(readAll(base + QStringLiteral(".json"))).object();
        QCOMPARE(a1111.value(QStringLiteral("sd version")).toString(), QStringLiteral("SD1"));
        QCOMPARE(a1111.value(QStringLiteral("activation text")).toString(), QStringLiteral("detailed, intricate"));
        QCOMPARE(a1111.value(QStringLiteral("description")).toString(), QStringLiteral("Adds detail."));
        QVERIFY(a1111.value(QStringLiteral("notes")).toString().contains(link.section(QLatin1Char('?'), 0, 0)));
        QVERIFY(readAll(base + QStringLiteral(".preview.png")).startsWith("\x89PNG"));
        // Civitai API got the token, the storage host did not.
        bool apiSawToken = false;
        for (const auto& q : civitai_->requests())
            apiSawToken |= q.header("authorization") == "Bearer " + kCivitaiToken.toUtf8();
        QVERIFY(apiSawToken);
        for (const auto& q : cdn_->requests()) QVERIFY(q.header("authorization").isEmpty());
    }

    void civitaiTokenInLinkNeverPersisted() { // SAFETY 23
        const QByteArray data = fakeSafetensors(64 * 1024, 11);
        serveCivitai(data, sha256Hex(data));
        const QString secret = QStringLiteral("LINKsecret424242");
        SiteConfig saved = sites_;
        sites_.civitaiToken.clear();
        const auto r =
            resolve(civitai_->origin() + QStringLiteral("/api/download/models/456?type=Model&token=") + secret);
        sites_ = saved;
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.sites.civitaiToken, secret);                                      // used as the site's token ...
        QVERIFY(!QJsonDocument(r.plan.toJson()).toJson().contains(secret.toUtf8())); // ... never in the plan
        DownloadManager m(nam_);
        m.setStateFile(tmp_->path() + QStringLiteral("/state.json"));
        m.setSiteConfig(r.sites);
        const auto e = runPlan(r.plan, m);
        QVERIFY2(e.state == DownloadManager::State::Completed, qPrintable(e.errorString));
        QVERIFY(!anyFileContains(tmp_->path(), secret.toUtf8()));
        for (const auto& q : cdn_->requests()) {
            QVERIFY(!q.target.contains(secret.toUtf8()));
            QVERIFY(q.header("authorization").isEmpty());
        }
        // A failure message with a token in the URL is redacted.
        FileTask t = taskFor(civitai_->origin() + QStringLiteral("/nothing-here?token=") + secret, data);
        const FileRun fr = runFile(t);
        QCOMPARE(fr.error, DownloadError::Http);
        QVERIFY2(!fr.message.contains(secret), qPrintable(fr.message));
        QVERIFY(fr.message.contains(QLatin1String("token=***")));
    }

    void civitaiWrongHash() { // SAFETY 25
        const QByteArray data = fakeSafetensors(100 * 1024, 12);
        serveCivitai(data, sha256Hex("not it"));
        const auto r = resolve(civitai_->origin() + QStringLiteral("/models/123?modelVersionId=456"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        DownloadManager m(nam_);
        m.setStateFile(QString());
        m.setSiteConfig(sites_);
        const auto e = runPlan(r.plan, m);
        QCOMPARE(e.error, DownloadError::HashMismatch);
        QVERIFY(filesUnder(root()).isEmpty());
    }

    void contentDispositionIsSanitised_data() {
        QTest::addColumn<QByteArray>("disposition");
        QTest::addColumn<QString>("expected");
        QTest::newRow("traversal") << QByteArray("attachment; filename=\"../../evil.dll\"")
                                   << QStringLiteral("evil.safetensors");
        QTest::newRow("device name") << QByteArray("attachment; filename=\"CON.safetensors\"")
                                     << QStringLiteral("_CON.safetensors");
        QTest::newRow("control chars") << QByteArray("attachment; filename=\"a\x01\x1b[31m.safetensors\"")
                                       << QStringLiteral("a__[31m.safetensors");
        QTest::newRow("300 chars") << QByteArray("attachment; filename=\"" + QByteArray(300, 'n') + ".safetensors\"")
                                   << QString(188, QLatin1Char('n')) + QStringLiteral(".safetensors");
    }
    void contentDispositionIsSanitised() { // SAFETY 29
        QFETCH(QByteArray, disposition);
        QFETCH(QString, expected);
        const QByteArray data = fakeSafetensors(50 * 1024, 13);
        serveCivitai(data, sha256Hex(data), {.contentDisposition = disposition}, QStringLiteral("LORA"),
                     QStringLiteral("../../api-name.safetensors"));
        const auto r = resolve(civitai_->origin() + QStringLiteral("/models/123?modelVersionId=456"));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.plan.installName, QStringLiteral("api-name.safetensors"));
        DownloadManager m(nam_);
        m.setStateFile(QString());
        m.setSiteConfig(sites_);
        const auto e = runPlan(r.plan, m);
        QVERIFY2(e.state == DownloadManager::State::Completed, qPrintable(e.errorString));
        QCOMPARE(QFileInfo(e.installedPath).fileName(), expected);
        QCOMPARE(QFileInfo(e.installedPath).absolutePath(), root() + QStringLiteral("/Lora"));
        QCOMPARE(filesUnder(tmp_->path()).filter(QStringLiteral(".safetensors")).size(), 1);
    }

    void neverOverwritesAnExistingModel() {
        const QByteArray data = fakeSafetensors(30 * 1024, 14);
        cdn_->route("/f", [data](const HttpRequest& q) { return serveFile(q, data); });
        const FileTask t = taskFor(cdn_->url(QStringLiteral("/f")).toString(), data);
        QDir().mkpath(QFileInfo(t.finalPath).absolutePath());
        QFile existing(t.finalPath);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("user's model");
        existing.close();
        const FileRun r = runFile(t);
        QCOMPARE(r.error, DownloadError::None);
        QCOMPARE(QFileInfo(r.installed).fileName(), QStringLiteral("m (1).safetensors"));
        QCOMPARE(readAll(t.finalPath), QByteArray("user's model"));
    }

    void oneWriterPerFile() { // SAFETY 29
        const QByteArray data = fakeSafetensors(300 * 1024, 15);
        cdn_->route("/f", [data](const HttpRequest& q) {
            HttpReply r = serveFile(q, data, {.etag = "\"w\""});
            r.chunkDelayMs = 10;
            return r;
        });
        const FileTask t = taskFor(cdn_->url(QStringLiteral("/f")).toString(), data);
        FileDownload a(nam_, sites_, t), b(nam_, sites_, t);
        QSignalSpy aDone(&a, &FileDownload::finished), bDone(&b, &FileDownload::finished);
        a.start();
        b.start();
        QVERIFY(bDone.wait(5000) || !bDone.isEmpty());
        QCOMPARE(b.error(), DownloadError::Busy);
        QVERIFY(aDone.wait(20000) || !aDone.isEmpty());
        QCOMPARE(a.error(), DownloadError::None);
        QCOMPARE(sha256Hex(readAll(a.installedPath())), sha256Hex(data));
        QCOMPARE(filesUnder(root() + QStringLiteral("/Stable-diffusion")),
                 QStringList{QStringLiteral("m.safetensors")});
    }

    // --- refusals ------------------------------------------------------------------------------

    void redirectsRefused_data() { // SAFETY 22
        QTest::addColumn<int>("mode");
        QTest::newRow("other scheme (ftp)") << 0;
        QTest::newRow("file scheme") << 1;
        QTest::newRow("loop") << 2;
        QTest::newRow("11 redirects") << 3;
    }
    void redirectsRefused() {
        QFETCH(int, mode);
        const QByteArray data = fakeSafetensors(10 * 1024, 16);
        cdn_->route("/final", [data](const HttpRequest& q) { return serveFile(q, data); });
        cdn_->route("/r*", [this, mode](const HttpRequest& q) {
            const int n = q.path().mid(2).toInt();
            if (mode == 0) return redirectReply("ftp://127.0.0.1/x.safetensors");
            if (mode == 1) return redirectReply("file:///etc/passwd");
            if (mode == 2) return redirectReply(cdn_->url(QStringLiteral("/r%1").arg(n == 0 ? 1 : 0)).toEncoded());
            return redirectReply(
                cdn_->url(n >= 11 ? QStringLiteral("/final") : QStringLiteral("/r%1").arg(n + 1)).toEncoded());
        });
        const FileTask t = taskFor(cdn_->url(QStringLiteral("/r0")).toString(), data);
        const FileRun r = runFile(t);
        QCOMPARE(r.error, DownloadError::Redirect);
        QVERIFY(!r.message.isEmpty());
        QVERIFY(filesUnder(root()).isEmpty());
        QVERIFY(cdn_->hits("/final") == 0);
    }

    void tenRedirectsAreFine() {
        const QByteArray data = fakeSafetensors(10 * 1024, 17);
        cdn_->route("/final", [data](const HttpRequest& q) { return serveFile(q, data); });
        cdn_->route("/r*", [this](const HttpRequest& q) {
            const int n = q.path().mid(2).toInt();
            return redirectReply(
                cdn_->url(n >= 9 ? QStringLiteral("/final") : QStringLiteral("/r%1").arg(n + 1)).toEncoded());
        });
        const FileRun r = runFile(taskFor(cdn_->url(QStringLiteral("/r0")).toString(), data));
        QVERIFY2(r.error == DownloadError::None, qPrintable(r.message));
    }

    void tokenNeededOrNotAModel_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("expected");
        QTest::newRow("401 with JSON body") << 0 << int(DownloadError::NeedsToken);
        QTest::newRow("403") << 1 << int(DownloadError::NeedsToken);
        QTest::newRow("redirect to a login page") << 2 << int(DownloadError::NeedsToken);
        QTest::newRow("200 JSON body") << 3 << int(DownloadError::NotAModel);
        QTest::newRow("200 HTML body as octet-stream") << 4 << int(DownloadError::NotAModel);
        QTest::newRow("gzip despite identity") << 5 << int(DownloadError::NotAModel);
    }
    void tokenNeededOrNotAModel() {
        QFETCH(int, mode);
        QFETCH(int, expected);
        const QByteArray data = fakeSafetensors(20 * 1024, 18);
        civitai_->route("/api/download/models/9", [this, mode, data](const HttpRequest& q) {
            if (mode == 0)
                return jsonReply(401,
                                 R"({"error":"Unauthorized","message":"The creator requires you to be logged in"})");
            if (mode == 1) return jsonReply(403, R"({"error":"Forbidden"})");
            if (mode == 2)
                return redirectReply(cdn_->url(QStringLiteral("/login?returnUrl=%2Fmodels%2F9")).toEncoded());
            if (mode == 3) {
                HttpReply r = jsonReply(200, R"({"error":"rate limited"})");
                r.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("application/octet-stream"))};
                return r;
            }
            if (mode == 4) return serveFile(q, "<!DOCTYPE html><html><body>Sign in</body></html>");
            HttpReply r = serveFile(q, data);
            r.header("Content-Encoding", "gzip");
            return r;
        });
        cdn_->route("/login", [](const HttpRequest&) {
            HttpReply r;
            r.header("Content-Type", "text/html; charset=utf-8");
            r.body = "<html><body><form>Log in</form></body></html>";
            return r;
        });
        FileTask t = taskFor(civitai_->origin() + QStringLiteral("/api/download/models/9"), data);
        t.spec.size = -1; // Civitai publishes only sizeKB
        t.spec.approxSize = data.size();
        const FileRun r = runFile(t);
        QCOMPARE(int(r.error), expected);
        QVERIFY2(r.message.contains(QLatin1String("token")) || r.message.contains(QLatin1String("not a model")) ||
                     r.message.contains(QLatin1String("compressed")),
                 qPrintable(r.message));
        QVERIFY(filesUnder(root()).isEmpty()); // nothing saved as a model, no .part left
    }

    void apiNeedsToken() {
        hf_->route("/api/models/org/gated", [](const HttpRequest&) {
            return jsonReply(401, R"({"error":"Access to model org/gated is restricted. You must be authenticated."})");
        });
        const auto r = resolve(QStringLiteral("org/gated"));
        QVERIFY(r.error.contains(QLatin1String("token")));
        QVERIFY(!r.error.contains(kHfToken));
    }

    void sizeMismatchCaught() { // SAFETY 27: server sends other bytes than published
        const QByteArray data = fakeSafetensors(40 * 1024, 19);
        cdn_->route("/f", [data](const HttpRequest& q) { return serveFile(q, data.left(30 * 1024)); });
        const FileRun r = runFile(taskFor(cdn_->url(QStringLiteral("/f")).toString(), data));
        QCOMPARE(r.error, DownloadError::SizeMismatch);
        QVERIFY(filesUnder(root()).isEmpty());
    }

    void diskFullAtPreflight() { // SAFETY 28 (seam: DiskHooks::bytesAvailable)
        const QByteArray data = fakeSafetensors(100 * 1024, 30);
        cdn_->route("/f", [data](const HttpRequest& q) { return serveFile(q, data); });
        DiskHooks hooks;
        hooks.bytesAvailable = [](const QString&) { return qint64(10 * 1024); };
        const FileRun r = runFile(taskFor(cdn_->url(QStringLiteral("/f")).toString(), data), hooks);
        QCOMPARE(r.error, DownloadError::DiskFull);
        QVERIFY(r.message.contains(QLatin1String("free")));
        QCOMPARE(cdn_->hits("/f"), 0); // refused before asking the server
        QVERIFY(!QFileInfo::exists(root() + QStringLiteral("/Stable-diffusion/m.safetensors")));
    }

    void diskFullMidStreamKeepsPartAndResumes() { // SAFETY 28 (seam: DiskHooks::write → ENOSPC)
        const QByteArray data = fakeSafetensors(500 * 1024, 31);
        cdn_->route("/f", [data](const HttpRequest& q) { return serveFile(q, data, {.etag = "\"d\""}); });
        const FileTask t = taskFor(cdn_->url(QStringLiteral("/f")).toString(), data);
        DiskHooks full;
        auto written = std::make_shared<qint64>(0);
        full.write = [written](QFile& f, const char* p, qint64 n) -> qint64 {
            if (*written >= 200 * 1024) {
                errno = ENOSPC;
                return -1;
            }
            *written += n;
            return f.write(p, n);
        };
        const FileRun r = runFile(t, full);
        QCOMPARE(r.error, DownloadError::DiskFull);
        QVERIFY(r.message.contains(QLatin1String("disk is full")));
        QVERIFY(!QFileInfo::exists(t.finalPath));         // nothing partial installed
        QCOMPARE(QFileInfo(t.partPath).size(), *written); // .part kept, a correct prefix
        QVERIFY(*written > 0);
        // Space freed: resume from the .part, verified.
        const FileRun again = runFile(t);
        QVERIFY2(again.error == DownloadError::None, qPrintable(again.message));
        QCOMPARE(again.resumes, 1);
        QCOMPARE(sha256Hex(readAll(again.installed)), sha256Hex(data));
    }

    void tokenStoreNeverWritesPlaintext() { // SAFETY 24
        TokenStore store;
        const QString token = QStringLiteral("hf_STOREDtokenABCDEFG12345");
        bool done = false, persisted = false;
        QString warning;
        store.store(TokenStore::Site::HuggingFace, token, [&](bool p, const QString& w) {
            persisted = p;
            warning = w;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 15000));
        if (qEnvironmentVariableIsEmpty("HF_TOKEN")) QCOMPARE(store.token(TokenStore::Site::HuggingFace), token);
        if (!persisted) {
            QVERIFY(store.sessionOnly(TokenStore::Site::HuggingFace));
            QVERIFY(warning.contains(QLatin1String("session only")));
            QVERIFY(!warning.contains(token));
        }
        // Whatever happened, no config/data file holds it.
        for (auto loc : {QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation,
                         QStandardPaths::GenericConfigLocation})
            QVERIFY(!anyFileContains(QStandardPaths::writableLocation(loc), token.toUtf8()));
        if (persisted) {
            bool forgotten = false;
            store.forget(TokenStore::Site::HuggingFace, [&] { forgotten = true; });
            QVERIFY(QTest::qWaitFor([&] { return forgotten; }, 15000));
        }
        QVERIFY(!redactSecrets(QStringLiteral("x ") + token).contains(token));
    }

    // --- the CLI -------------------------------------------------------------------------------

    void cliDownloadsFromTheTestServer() {
        const QByteArray data = fakeSafetensors(256 * 1024, 40);
        serveHfFile("lora/cute.safetensors", data);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LATENT_HF_ENDPOINT"), hf_->origin());
        env.insert(QStringLiteral("LATENT_CIVITAI_ENDPOINT"), civitai_->origin());
        env.insert(QStringLiteral("HF_TOKEN"), kHfToken);
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(LATENT_TEST_BIN_DIR "/latentstudio-cli"),
                {QStringLiteral("download"),
                 QStringLiteral("https://huggingface.co/org/model/resolve/main/lora/cute.safetensors"),
                 QStringLiteral("--dest"), root(), QStringLiteral("--kind"), QStringLiteral("lora"),
                 QStringLiteral("--yes")});
        QVERIFY(finished.wait(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput()),
                      err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(out + err));
        QVERIFY2(out.contains(QLatin1String("Kind:        lora")), qPrintable(out));
        QVERIFY(out.contains(QLatin1String("progress 100%")));
        QCOMPARE(sha256Hex(readAll(root() + QStringLiteral("/Lora/cute.safetensors"))), sha256Hex(data));
        QVERIFY(!(out + err).contains(kHfToken));
        for (const auto& q : cdn_->requests()) QVERIFY(q.header("authorization").isEmpty());
        bool hubSawToken = false;
        for (const auto& q : hf_->requests()) hubSawToken |= q.header("authorization") == "Bearer " + kHfToken.toUtf8();
        QVERIFY(hubSawToken);
    }

    void cliFailureIsOneLineExitTwo() {
        const QByteArray data = fakeSafetensors(64 * 1024, 41);
        serveHfFile("bad.safetensors", data, sha256Hex("other"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LATENT_HF_ENDPOINT"), hf_->origin());
        env.insert(QStringLiteral("HF_TOKEN"), kHfToken);
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(LATENT_TEST_BIN_DIR "/latentstudio-cli"),
                {QStringLiteral("download"), hf_->origin() + QStringLiteral("/org/model/blob/main/bad.safetensors"),
                 QStringLiteral("--dest"), root(), QStringLiteral("--yes")});
        QVERIFY(finished.wait(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 2);
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY2(err.contains(QLatin1String("SHA-256")), qPrintable(err));
        QVERIFY(filesUnder(root()).isEmpty());
        QProcess bad;
        QSignalSpy badDone(&bad, &QProcess::finished);
        bad.start(
            QStringLiteral(LATENT_TEST_BIN_DIR "/latentstudio-cli"),
            {QStringLiteral("download"), QStringLiteral("https://example.com/x"), QStringLiteral("--dest"), root()});
        QVERIFY(badDone.wait(30000));
        QCOMPARE(bad.exitCode(), 2);
        QCOMPARE(QString::fromUtf8(bad.readAllStandardError()).count(QLatin1Char('\n')), 1);
    }
};

QTEST_GUILESS_MAIN(TestDownloads)
#include "tst_downloads.moc"
