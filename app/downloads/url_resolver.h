// Turns a pasted Hugging Face / Civitai link into a DownloadPlan through the sites' APIs:
//  HF       huggingface.co/{org}/{repo}[/tree/{rev}[/{dir}]], /blob/{rev}/{path} (read as /resolve/),
//           /resolve/{rev}/{path}, bare "org/repo": GET /api/models/{repo},
//           /api/models/{repo}/tree/{rev}?recursive=true (lfs.oid = SHA-256), HEAD on resolve URLs
//           (X-Linked-Etag, X-Linked-Size). A diffusers repo (model_index.json) becomes a folder
//           plan with only what a pipeline needs (configs, tokenizers, unet/vae/text_encoder(_2)
//           .safetensors, fp16 variants preferred).
//  Civitai  civitai.com/models/{id}[?modelVersionId={v}], /api/download/models/{v}:
//           GET /api/v1/models/{id}, /api/v1/model-versions/{v}; primary file, hashes.SHA256,
//           sizeKB, type → kind, baseModel, trainedWords, first preview image.
#pragma once

#include "app/downloads/download_types.h"
#include "app/downloads/http_exchange.h"

#include <QJsonArray>
#include <QObject>

class QNetworkAccessManager;

namespace latent {

struct ParsedModelUrl {
    enum class Site { Unknown, HuggingFace, Civitai } site = Site::Unknown;
    // HF
    QString repo;     // "org/name"
    QString revision; // "main" unless given
    QString path;     // file (resolve/blob) or folder (tree) inside the repo
    bool isFile = false;
    // Civitai
    QString modelId;
    QString versionId;
    QString error; // why the text is not a supported link ("" when fine)
};

// Pure: understands the URL forms above (also on the configured endpoints' hosts).
ParsedModelUrl parseModelUrl(const QString& text, const SiteConfig& sites);

// Pure: from an HF tree listing (array of {type, path, size, oid, lfs{oid,size}}) the files a
// diffusers pipeline needs; *error set when a needed component has no .safetensors weights.
QList<PlannedFile> selectDiffusersFiles(const QJsonArray& tree, const QUrl& hfEndpoint, const QString& repo,
                                        const QString& revision, QString* error);

// A1111 "sd version" for a Civitai baseModel ("SD 1.5" → "SD1", "SDXL 1.0" → "SDXL", ...).
QString a1111SdVersion(const QString& baseModel);

class UrlResolver : public QObject {
    Q_OBJECT
public:
    UrlResolver(QNetworkAccessManager* nam, const SiteConfig& sites, QObject* parent = nullptr);

    // Asynchronous: emits resolved() or failed() once.
    void resolve(const DownloadRequest& request);
    void cancel();
    // The sites as used (a `token=` pasted in a Civitai link becomes the Civitai token here and
    // is removed from every URL of the plan).
    const SiteConfig& siteConfig() const { return sites_; }

Q_SIGNALS:
    void resolved(const latent::DownloadPlan& plan);
    void failed(const QString& message);

private:
    // `next`: the page after this one (RFC 8288 Link rel="next", HF tree pagination), or empty.
    using JsonDone = std::function<void(const QJsonDocument&, const QUrl& next)>;
    void getJsonArrayPages(const QUrl& url, QJsonArray soFar, std::function<void(const QJsonArray&)> done);
    void getJson(const QUrl& url, JsonDone done);
    void resolveHf();
    void resolveHfFileWith(const QJsonObject& info);
    void resolveHfTree(const QJsonObject& info);
    void resolveCivitai();
    void planCivitaiVersion(const QJsonObject& version, const QJsonObject& model);
    void finish(DownloadPlan plan);
    void fail(const QString& message);
    QUrl hfResolveUrl(const QString& path) const;

    QNetworkAccessManager* nam_;
    SiteConfig sites_;
    DownloadRequest request_;
    ParsedModelUrl parsed_;
    QList<HttpExchange*> live_;
    bool done_ = false;
};

} // namespace latent
