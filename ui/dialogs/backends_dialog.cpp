#include "ui/dialogs/backends_dialog.h"

#include "app/downloads/download_safety.h"
#include "app/remote/backend_registry.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/remote_dispatcher.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latent {

BackendsDialog::BackendsDialog(RemoteDispatcher* dispatcher, QWidget* parent)
    : QDialog(parent), dispatcher_(dispatcher) {
    setObjectName(QStringLiteral("backendsDialog"));
    setWindowTitle(tr("Backends"));
    auto* outer = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    outer->addLayout(row, 1);

    auto* left = new QVBoxLayout;
    list_ = new QListWidget;
    list_->setObjectName(QStringLiteral("backendList"));
    left->addWidget(list_, 1);
    auto* listButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("New"));
    add->setObjectName(QStringLiteral("backendNew"));
    auto* remove = new QPushButton(tr("Remove"));
    remove->setObjectName(QStringLiteral("backendRemove"));
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    left->addLayout(listButtons);
    localInAny_ = new QCheckBox(tr("This computer takes part in \"Any\""));
    localInAny_->setObjectName(QStringLiteral("localInAny"));
    localInAny_->setChecked(dispatcher_->registry()->localInAny());
    left->addWidget(localInAny_);
    row->addLayout(left, 1);

    auto* form = new QFormLayout;
    name_ = new QLineEdit;
    name_->setObjectName(QStringLiteral("backendName"));
    kind_ = new QComboBox;
    kind_->setObjectName(QStringLiteral("backendKind"));
    for (BackendKind k : {BackendKind::A1111, BackendKind::RunPod, BackendKind::OpenAI})
        kind_->addItem(backendKindDisplayName(k), backendKindName(k));
    url_ = new QLineEdit;
    url_->setObjectName(QStringLiteral("backendUrl"));
    url_->setPlaceholderText(QStringLiteral("http://gpu-box:7860"));
    user_ = new QLineEdit;
    user_->setObjectName(QStringLiteral("backendUser"));
    secret_ = new QLineEdit;
    secret_->setObjectName(QStringLiteral("backendSecret"));
    secret_->setEchoMode(QLineEdit::Password);
    secret_->setPlaceholderText(tr("unchanged"));
    secretState_ = new QLabel;
    secretState_->setWordWrap(true);
    secretEnv_ = new QLineEdit;
    secretEnv_->setObjectName(QStringLiteral("backendSecretEnv"));
    secretEnv_->setPlaceholderText(tr("optional, e.g. RUNPOD_API_KEY"));
    concurrency_ = new QSpinBox;
    concurrency_->setObjectName(QStringLiteral("backendConcurrency"));
    concurrency_->setRange(0, 64);
    concurrency_->setSpecialValueText(tr("default"));
    timeout_ = new QSpinBox;
    timeout_->setRange(0, 7 * 24 * 3600);
    timeout_->setSuffix(tr(" s"));
    timeout_->setSpecialValueText(tr("default (30 min)"));
    model_ = new QLineEdit;
    model_->setObjectName(QStringLiteral("backendModel"));
    model_->setPlaceholderText(tr("the server's or the job's"));
    extras_ = new QPlainTextEdit;
    extras_->setObjectName(QStringLiteral("backendExtras"));
    extras_->setPlaceholderText(QStringLiteral("{\"provider\": \"together\"}"));
    extras_->setMaximumHeight(70);
    useForAny_ = new QCheckBox(tr("Takes part in \"Any\""));
    useForAny_->setChecked(true);
    form->addRow(tr("Name"), name_);
    form->addRow(tr("Kind"), kind_);
    form->addRow(tr("Address"), url_);
    form->addRow(tr("User (A1111)"), user_);
    form->addRow(tr("Password / API key"), secret_);
    form->addRow(QString(), secretState_);
    form->addRow(tr("Or from the variable"), secretEnv_);
    form->addRow(tr("Jobs at once"), concurrency_);
    form->addRow(tr("Time limit"), timeout_);
    form->addRow(tr("Model"), model_);
    form->addRow(tr("Request extras (JSON)"), extras_);
    form->addRow(QString(), useForAny_);
    auto* formButtons = new QHBoxLayout;
    auto* save = new QPushButton(tr("Save"));
    save->setObjectName(QStringLiteral("backendSave"));
    check_ = new QPushButton(tr("Check"));
    check_->setObjectName(QStringLiteral("backendCheck"));
    formButtons->addWidget(save);
    formButtons->addWidget(check_);
    form->addRow(formButtons);
    result_ = new QLabel;
    result_->setObjectName(QStringLiteral("backendResult"));
    result_->setWordWrap(true);
    result_->setTextFormat(Qt::PlainText);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(result_);
    row->addLayout(form, 2);

    auto* box = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    outer->addWidget(box);

    connect(add, &QPushButton::clicked, this, &BackendsDialog::newEntry);
    connect(remove, &QPushButton::clicked, this, &BackendsDialog::removeSelected);
    connect(save, &QPushButton::clicked, this, &BackendsDialog::saveEntry);
    connect(check_, &QPushButton::clicked, this, &BackendsDialog::checkSelected);
    connect(localInAny_, &QCheckBox::toggled, this, [this](bool on) { dispatcher_->registry()->setLocalInAny(on); });
    connect(list_, &QListWidget::currentTextChanged, this, &BackendsDialog::loadEntry);
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        user_->setEnabled(kind_->currentData().toString() == QLatin1String("a1111"));
    });
    refreshList();
    if (list_->count() == 0) newEntry();
}

void BackendsDialog::refreshList(const QString& select) {
    const QSignalBlocker block(list_);
    list_->clear();
    for (const BackendConfig& c : dispatcher_->registry()->backends()) list_->addItem(c.name);
    const QList<QListWidgetItem*> found = list_->findItems(select, Qt::MatchFixedString);
    if (!found.isEmpty()) list_->setCurrentItem(found.first());
    else if (list_->count() > 0) list_->setCurrentRow(0);
    if (list_->currentItem()) loadEntry(list_->currentItem()->text());
}

void BackendsDialog::newEntry() {
    const QSignalBlocker block(list_);
    list_->clearSelection();
    list_->setCurrentItem(nullptr);
    name_->clear();
    kind_->setCurrentIndex(0);
    url_->clear();
    user_->clear();
    secret_->clear();
    secretState_->setText(tr("The secret is kept in the system keychain, never in a settings file."));
    secretEnv_->clear();
    concurrency_->setValue(0);
    timeout_->setValue(0);
    model_->clear();
    extras_->clear();
    useForAny_->setChecked(true);
    result_->clear();
    name_->setFocus();
}

void BackendsDialog::loadEntry(const QString& name) {
    const std::optional<BackendConfig> c = dispatcher_->registry()->find(name);
    if (!c) return;
    name_->setText(c->name);
    kind_->setCurrentIndex(kind_->findData(backendKindName(c->kind)));
    url_->setText(c->url.toString());
    user_->setText(c->user);
    secret_->clear();
    const bool known = !dispatcher_->secrets()->secret(*c).isEmpty();
    secretState_->setText(known ? tr("A secret is set (from the keychain or the variable). Type a new one to replace it.")
                                : tr("No secret is set."));
    secretEnv_->setText(c->secretEnv);
    concurrency_->setValue(c->concurrency);
    timeout_->setValue(c->timeoutSeconds);
    model_->setText(c->model);
    extras_->setPlainText(c->extras.isEmpty() ? QString()
                                              : QString::fromUtf8(QJsonDocument(c->extras).toJson(QJsonDocument::Compact)));
    useForAny_->setChecked(c->useForAny);
    result_->clear();
}

BackendConfig BackendsDialog::formConfig(QString* error) const {
    BackendConfig c;
    c.name = name_->text().trimmed();
    c.kind = backendKindFromName(kind_->currentData().toString()).value_or(BackendKind::A1111);
    c.url = QUrl(url_->text().trimmed());
    c.user = c.kind == BackendKind::A1111 ? user_->text().trimmed() : QString();
    c.secretEnv = secretEnv_->text().trimmed();
    c.concurrency = concurrency_->value();
    c.timeoutSeconds = timeout_->value();
    c.model = model_->text().trimmed();
    c.useForAny = useForAny_->isChecked();
    const QString extras = extras_->toPlainText().trimmed();
    if (!extras.isEmpty()) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(extras.toUtf8(), &pe);
        if (!doc.isObject()) {
            *error = tr("The request extras must be a JSON object (%1).").arg(pe.errorString());
            return c;
        }
        c.extras = doc.object();
    }
    return c;
}

bool BackendsDialog::saveEntry() {
    QString error;
    const BackendConfig c = formConfig(&error);
    if (error.isEmpty()) error = dispatcher_->registry()->put(c);
    if (!error.isEmpty()) {
        result_->setText(error);
        return false;
    }
    const QString secret = secret_->text();
    secret_->clear();
    if (!secret.isEmpty()) {
        QPointer<BackendsDialog> self(this);
        const QString name = c.name;
        dispatcher_->secrets()->store(name, secret, [self, name](bool persisted, const QString& warning) {
            if (!self) return;
            self->result_->setText(persisted ? tr("Saved. The secret is in the system keychain.") : redactSecrets(warning));
            self->dispatcher_->checkNow(name);
        });
    }
    result_->setText(tr("Saved."));
    refreshList(c.name);
    dispatcher_->checkNow(c.name);
    return true;
}

void BackendsDialog::removeSelected() {
    QListWidgetItem* item = list_->currentItem();
    if (!item) return;
    const QString name = item->text();
    dispatcher_->registry()->remove(name);
    dispatcher_->secrets()->forget(name);
    refreshList();
    if (list_->count() == 0) newEntry();
    result_->setText(tr("Removed %1.").arg(name));
}

void BackendsDialog::checkSelected() {
    const QString name = name_->text().trimmed();
    if (!dispatcher_->registry()->find(name)) {
        result_->setText(tr("Save the backend first."));
        return;
    }
    check_->setEnabled(false);
    result_->setText(tr("Checking %1…").arg(name));
    QPointer<BackendsDialog> self(this);
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(dispatcher_, &RemoteDispatcher::catalogueReady, this, [self, name, conn](const QString& which) {
        if (!self || which.compare(name, Qt::CaseInsensitive) != 0) return;
        QObject::disconnect(*conn);
        self->check_->setEnabled(true);
        const BackendCheck r = self->dispatcher_->lastCheck(name);
        QStringList lines;
        lines << tr("Reachable: %1").arg(r.reachable ? tr("yes (%1 ms)").arg(r.latencyMs) : tr("no: %1").arg(r.reachability));
        if (r.reachable) {
            QString auth;
            switch (r.auth) {
            case BackendCheck::Auth::NotNeeded: auth = tr("not needed"); break;
            case BackendCheck::Auth::Accepted: auth = tr("accepted"); break;
            case BackendCheck::Auth::Refused: auth = tr("refused: check the password or API key"); break;
            case BackendCheck::Auth::Missing: auth = tr("needed: set a password or API key"); break;
            }
            lines << tr("Credentials: %1").arg(auth);
            lines << tr("Version: %1").arg(r.version.isEmpty() ? tr("unknown") : r.version);
            lines << tr("Models: %1").arg(r.models.isEmpty() ? tr("(none reported)") : r.models.mid(0, 12).join(QStringLiteral(", ")));
            lines << tr("Samplers: %1").arg(r.samplers.isEmpty() ? tr("(none reported)") : r.samplers.join(QStringLiteral(", ")));
            if (!r.detail.isEmpty()) lines << r.detail;
        }
        self->result_->setText(lines.join(QLatin1Char('\n')));
    });
    dispatcher_->fetchCatalogue(name);
}

} // namespace latent
