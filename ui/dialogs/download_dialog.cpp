#include "ui/dialogs/download_dialog.h"

#include "app/downloads/download_manager.h"
#include "app/downloads/token_store.h"
#include "app/downloads/url_resolver.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace latent {

namespace {
enum Column { ColName, ColState, ColProgress, ColSpeed, ColEta, ColCount };

QString etaText(qint64 s) {
    if (s < 0) return QStringLiteral("–");
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

DownloadDialog::DownloadDialog(DownloadManager* manager, TokenStore* tokens, const QString& destRoot, QWidget* parent)
    : QDialog(parent), manager_(manager), tokens_(tokens), destRoot_(destRoot) {
    setObjectName(QStringLiteral("downloadDialog"));
    nam_ = new QNetworkAccessManager(this);
    setWindowTitle(tr("Download from URL"));
    resize(760, 560);

    urlEdit_ = new QLineEdit;
    urlEdit_->setObjectName(QStringLiteral("downloadUrl"));
    urlEdit_->setPlaceholderText(tr("https://huggingface.co/org/repo, …/blob/main/file.safetensors, "
                                    "https://civitai.com/models/123?modelVersionId=456 or org/repo"));
    kindCombo_ = new QComboBox;
    kindCombo_->setObjectName(QStringLiteral("downloadKind"));
    kindCombo_->addItem(tr("Kind from the site"), QString());
    kindCombo_->addItem(tr("Checkpoint"), QStringLiteral("checkpoint"));
    kindCombo_->addItem(tr("LoRA"), QStringLiteral("lora"));
    kindCombo_->addItem(tr("VAE"), QStringLiteral("vae"));
    kindCombo_->addItem(tr("Embedding"), QStringLiteral("embedding"));
    kindCombo_->addItem(tr("ControlNet"), QStringLiteral("controlnet"));
    resolveButton_ = new QPushButton(tr("Look up"));
    resolveButton_->setObjectName(QStringLiteral("downloadResolve"));
    auto* urlRow = new QHBoxLayout;
    urlRow->addWidget(urlEdit_, 1);
    urlRow->addWidget(kindCombo_);
    urlRow->addWidget(resolveButton_);

    rootLabel_ = new QLabel(destRoot_.isEmpty() ? tr("(no models folder chosen)") : destRoot_);
    rootLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* rootButton = new QPushButton(tr("Change…"));
    auto* tokenButton = new QPushButton(tr("Token…"));
    tokenButton->setToolTip(tr("Hugging Face or Civitai access token for gated or early-access models "
                               "(kept in the system keychain)."));
    auto* rootRow = new QHBoxLayout;
    rootRow->addWidget(rootLabel_, 1);
    rootRow->addWidget(rootButton);
    rootRow->addWidget(tokenButton);

    planView_ = new QPlainTextEdit;
    planView_->setObjectName(QStringLiteral("downloadPlan"));
    planView_->setReadOnly(true);
    planView_->setPlaceholderText(tr("Paste a link and press “Look up” to see what will be downloaded."));
    startButton_ = new QPushButton(tr("Download"));
    startButton_->setObjectName(QStringLiteral("downloadStart"));
    startButton_->setEnabled(false);

    list_ = new QTreeWidget;
    list_->setObjectName(QStringLiteral("downloadList"));
    list_->setRootIsDecorated(false);
    list_->setColumnCount(ColCount);
    list_->setHeaderLabels({tr("Model"), tr("Status"), tr("Progress"), tr("Speed"), tr("ETA")});
    list_->header()->setSectionResizeMode(ColName, QHeaderView::Stretch);
    pauseButton_ = new QPushButton(tr("Pause"));
    resumeButton_ = new QPushButton(tr("Resume"));
    cancelButton_ = new QPushButton(tr("Cancel download"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addStretch(1);
    listButtons->addWidget(pauseButton_);
    listButtons->addWidget(resumeButton_);
    listButtons->addWidget(cancelButton_);
    auto* closeButton = new QPushButton(tr("Close"));
    listButtons->addWidget(closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Link (Hugging Face or Civitai):")));
    layout->addLayout(urlRow);
    auto* rootTitle = new QLabel(tr("Models folder:"));
    layout->addWidget(rootTitle);
    layout->addLayout(rootRow);
    layout->addWidget(planView_, 1);
    auto* startRow = new QHBoxLayout;
    startRow->addStretch(1);
    startRow->addWidget(startButton_);
    layout->addLayout(startRow);
    layout->addWidget(new QLabel(tr("Downloads:")));
    layout->addWidget(list_, 1);
    layout->addLayout(listButtons);

    connect(resolveButton_, &QPushButton::clicked, this, &DownloadDialog::resolveUrl);
    connect(urlEdit_, &QLineEdit::returnPressed, this, &DownloadDialog::resolveUrl);
    connect(urlEdit_, &QLineEdit::textChanged, this, [this] {
        havePlan_ = false;
        startButton_->setEnabled(false);
    });
    connect(startButton_, &QPushButton::clicked, this, &DownloadDialog::startDownload);
    connect(rootButton, &QPushButton::clicked, this, &DownloadDialog::chooseRoot);
    connect(tokenButton, &QPushButton::clicked, this, &DownloadDialog::setToken);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::close);
    connect(pauseButton_, &QPushButton::clicked, this, [this] { manager_->pause(selectedId()); });
    connect(resumeButton_, &QPushButton::clicked, this, [this] { manager_->resume(selectedId()); });
    connect(cancelButton_, &QPushButton::clicked, this, [this] { manager_->cancel(selectedId()); });
    connect(list_, &QTreeWidget::itemSelectionChanged, this, &DownloadDialog::updateButtons);

    connect(manager_, &DownloadManager::added, this, &DownloadDialog::refreshRow);
    connect(manager_, &DownloadManager::changed, this, &DownloadDialog::refreshRow);
    connect(manager_, &DownloadManager::removed, this, &DownloadDialog::removeRow);
    for (const auto& e : manager_->entries()) refreshRow(e.id);
    updateButtons();
}

void DownloadDialog::setUrl(const QString& url) {
    urlEdit_->setText(url);
}

void DownloadDialog::resolveUrl() {
    const QString text = urlEdit_->text().trimmed();
    if (text.isEmpty()) return;
    if (destRoot_.isEmpty()) chooseRoot();
    if (destRoot_.isEmpty()) return;
    if (resolver_) resolver_->deleteLater();
    SiteConfig sites = manager_->siteConfig();
    if (tokens_) tokens_->applyTo(sites);
    resolver_ = new UrlResolver(nam_, sites, this);
    DownloadRequest req;
    req.url = text;
    req.destRoot = destRoot_;
    req.kind = modelKindFromName(kindCombo_->currentData().toString());
    planView_->setPlainText(tr("Looking up %1 …").arg(text));
    resolveButton_->setEnabled(false);
    startButton_->setEnabled(false);
    havePlan_ = false;
    UrlResolver* r = resolver_;
    connect(r, &UrlResolver::resolved, this, [this, r](const DownloadPlan& p) {
        plan_ = p;
        havePlan_ = true;
        manager_->setSiteConfig(r->siteConfig());
        planView_->setPlainText(p.describe());
        resolveButton_->setEnabled(true);
        startButton_->setEnabled(true);
        Q_EMIT planReady();
    });
    connect(r, &UrlResolver::failed, this, [this](const QString& message) {
        planView_->setPlainText(message);
        resolveButton_->setEnabled(true);
        Q_EMIT planReady();
    });
    r->resolve(req);
}

void DownloadDialog::startDownload() {
    if (!havePlan_) return;
    manager_->add(plan_);
    havePlan_ = false;
    startButton_->setEnabled(false);
}

void DownloadDialog::chooseRoot() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Models folder (A1111 layout)"), destRoot_);
    if (dir.isEmpty()) return;
    destRoot_ = dir;
    rootLabel_->setText(dir);
    havePlan_ = false;
    startButton_->setEnabled(false);
}

void DownloadDialog::setToken() {
    if (!tokens_) return;
    const QStringList sites{tr("Hugging Face"), tr("Civitai")};
    bool ok = false;
    const QString site = QInputDialog::getItem(this, tr("Access token"), tr("Site:"), sites, 0, false, &ok);
    if (!ok) return;
    const QString token = QInputDialog::getText(this, tr("Access token"), tr("Token for %1:").arg(site),
                                                QLineEdit::Password, QString(), &ok);
    if (!ok || token.trimmed().isEmpty()) return;
    const auto which = site == sites[0] ? TokenStore::Site::HuggingFace : TokenStore::Site::Civitai;
    tokens_->store(which, token, [this](bool persisted, const QString& warning) {
        if (!persisted) QMessageBox::warning(this, tr("Access token"), warning);
    });
}

QString DownloadDialog::selectedId() const {
    const auto items = list_->selectedItems();
    return items.isEmpty() ? QString() : items.first()->data(ColName, Qt::UserRole).toString();
}

void DownloadDialog::updateButtons() {
    const QString id = selectedId();
    const auto state = manager_->entry(id).state;
    const bool has = !id.isEmpty() && manager_->contains(id);
    pauseButton_->setEnabled(has &&
                             (state == DownloadManager::State::Running || state == DownloadManager::State::Queued));
    resumeButton_->setEnabled(has &&
                              (state == DownloadManager::State::Paused || state == DownloadManager::State::Failed));
    cancelButton_->setEnabled(has && state != DownloadManager::State::Completed &&
                              state != DownloadManager::State::Cancelled);
}

void DownloadDialog::refreshRow(const QString& id) {
    if (!manager_->contains(id)) return;
    const DownloadManager::Entry e = manager_->entry(id);
    QTreeWidgetItem* item = rows_.value(id);
    if (!item) {
        item = new QTreeWidgetItem(list_);
        item->setData(ColName, Qt::UserRole, id);
        auto* bar = new QProgressBar;
        bar->setRange(0, 1000);
        list_->setItemWidget(item, ColProgress, bar);
        rows_.insert(id, item);
    }
    item->setText(ColName, e.plan.installName);
    item->setToolTip(ColName, e.plan.describe());
    QString state;
    switch (e.state) {
    case DownloadManager::State::Queued:
        state = tr("Queued");
        break;
    case DownloadManager::State::Running:
        state = tr("Downloading");
        break;
    case DownloadManager::State::Paused:
        state = tr("Paused");
        break;
    case DownloadManager::State::Failed:
        state = tr("Failed");
        break;
    case DownloadManager::State::Completed:
        state = tr("Installed");
        break;
    case DownloadManager::State::Cancelled:
        state = tr("Cancelled");
        break;
    }
    item->setText(ColState, state);
    item->setToolTip(ColState, e.errorString.isEmpty() ? e.installedPath : e.errorString);
    if (auto* bar = qobject_cast<QProgressBar*>(list_->itemWidget(item, ColProgress)))
        bar->setValue(e.total > 0 ? int(qMin<qint64>(1000, e.received * 1000 / e.total)) : 0);
    item->setText(ColSpeed, e.state == DownloadManager::State::Running && e.bytesPerSecond > 0
                                ? tr("%1/s").arg(formatBytes(qint64(e.bytesPerSecond)))
                                : QString());
    item->setText(ColEta, e.state == DownloadManager::State::Running ? etaText(e.etaSeconds) : QString());
    updateButtons();
}

void DownloadDialog::removeRow(const QString& id) {
    delete rows_.take(id);
    updateButtons();
}

} // namespace latent
