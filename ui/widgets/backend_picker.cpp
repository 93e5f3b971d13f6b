#include "ui/widgets/backend_picker.h"

#include "app/remote/backend_registry.h"
#include "app/remote/remote_dispatcher.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace latent {

namespace {

// A small filled circle: green online, red offline, amber credentials, grey unknown.
QIcon healthIcon(RemoteDispatcher::Health h) {
    QColor c(0x9e, 0x9e, 0x9e);
    if (h == RemoteDispatcher::Health::Online) c = QColor(0x43, 0xa0, 0x47);
    else if (h == RemoteDispatcher::Health::Offline) c = QColor(0xe5, 0x39, 0x35);
    else if (h == RemoteDispatcher::Health::AuthFailed) c = QColor(0xfb, 0x8c, 0x00);
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(1, 1, 10, 10);
    return QIcon(pm);
}
} // namespace

BackendPicker::BackendPicker(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    target_ = new QComboBox;
    target_->setObjectName(QStringLiteral("backendCombo"));
    target_->setToolTip(tr("Where the job runs: this computer, any free backend, or a remote backend"));
    model_ = new QComboBox;
    model_->setObjectName(QStringLiteral("remoteModelCombo"));
    model_->setToolTip(tr("The model to ask the remote backend for"));
    model_->setMinimumContentsLength(12);
    model_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    model_->hide();
    layout->addWidget(target_, 1);
    layout->addWidget(model_, 2);
    rebuild();
    connect(target_, &QComboBox::currentIndexChanged, this, [this] {
        if (!rebuilding_) onTargetChosen();
    });
}

void BackendPicker::attach(RemoteDispatcher* dispatcher, Settings* settings) {
    dispatcher_ = dispatcher;
    settings_ = settings;
    connect(dispatcher_->registry(), &BackendRegistry::changed, this, &BackendPicker::rebuild);
    connect(dispatcher_, &RemoteDispatcher::healthChanged, this, &BackendPicker::updateHealth);
    connect(dispatcher_, &RemoteDispatcher::catalogueReady, this, [this](const QString& name) {
        if (target().compare(name, Qt::CaseInsensitive) == 0) fillCatalogue(name);
    });
    rebuild();
    if (settings_) setTarget(settings_->value(settings::LastBackendTarget));
}

void BackendPicker::rebuild() {
    const QString keep = target();
    rebuilding_ = true;
    target_->clear();
    target_->addItem(tr("Local"), QStringLiteral("local"));
    target_->setItemData(0, tr("This computer"), Qt::ToolTipRole);
    if (dispatcher_) {
        const QList<BackendConfig> all = dispatcher_->registry()->backends();
        if (!all.isEmpty()) {
            target_->addItem(tr("Any"), QStringLiteral("any"));
            target_->setItemData(1, tr("The first free of the backends that take part in Any"), Qt::ToolTipRole);
        }
        for (const BackendConfig& c : all) target_->addItem(c.name, c.name);
    }
    const int i = target_->findData(keep);
    target_->setCurrentIndex(i >= 0 ? i : 0);
    rebuilding_ = false;
    updateHealth();
    if (target() != keep) onTargetChosen();
}

void BackendPicker::updateHealth() {
    if (!dispatcher_) return;
    for (int i = 0; i < target_->count(); ++i) {
        const QString t = target_->itemData(i).toString();
        if (t == QLatin1String("local") || t == QLatin1String("any")) continue;
        const std::optional<BackendConfig> c = dispatcher_->registry()->find(t);
        const RemoteDispatcher::Health h = dispatcher_->health(t);
        target_->setItemIcon(i, healthIcon(h));
        QString state;
        switch (h) {
        case RemoteDispatcher::Health::Online: state = tr("online"); break;
        case RemoteDispatcher::Health::Offline: state = tr("offline"); break;
        case RemoteDispatcher::Health::AuthFailed: state = tr("credentials refused"); break;
        case RemoteDispatcher::Health::Unknown: state = tr("not checked yet"); break;
        }
        target_->setItemData(i,
                             tr("%1 (%2): %3. %4")
                                 .arg(t, c ? backendKindDisplayName(c->kind) : QString(), state,
                                      dispatcher_->healthMessage(t)),
                             Qt::ToolTipRole);
    }
}

QString BackendPicker::target() const {
    const QString t = target_->currentData().toString();
    return t.isEmpty() ? QStringLiteral("local") : t;
}

bool BackendPicker::setTarget(const QString& target) {
    const int i = target_->findData(target.isEmpty() ? QStringLiteral("local") : target, Qt::UserRole,
                                    Qt::MatchFixedString);
    if (i < 0) return false;
    target_->setCurrentIndex(i);
    return true;
}

QString BackendPicker::remoteModel() const { return model_->isHidden() ? QString() : model_->currentData().toString(); }

QJsonObject BackendPicker::jobParameters() const {
    QJsonObject o{{QStringLiteral("backend"), target()}};
    const QString m = remoteModel();
    if (!m.isEmpty()) o.insert(QStringLiteral("remote_model"), m);
    return o;
}

bool BackendPicker::mayRunLocally() const {
    const QString t = target();
    if (t == QLatin1String("local")) return true;
    if (t == QLatin1String("any")) return !dispatcher_ || dispatcher_->registry()->localInAny();
    return false;
}

void BackendPicker::onTargetChosen() {
    const QString t = target();
    if (settings_) settings_->setValue(settings::LastBackendTarget, t);
    samplers_.clear();
    model_->clear();
    model_->hide();
    if (dispatcher_ && t != QLatin1String("local") && t != QLatin1String("any")) {
        fillCatalogue(t);
        dispatcher_->fetchCatalogue(t); // fresh lists; catalogueReady fills them in
    }
    Q_EMIT targetChanged(t);
}

void BackendPicker::fillCatalogue(const QString& backend) {
    const BackendCheck check = dispatcher_->lastCheck(backend);
    const std::optional<BackendConfig> c = dispatcher_->registry()->find(backend);
    const QString keep = model_->currentData().toString();
    model_->clear();
    if (c && !c->model.isEmpty()) {
        model_->addItem(c->model, QString()); // the backend's configured model
    } else {
        model_->addItem(check.currentModel.isEmpty() ? tr("Server's model") : tr("Server's model (%1)").arg(check.currentModel),
                        QString());
        for (const QString& m : check.models) model_->addItem(m, m);
    }
    const int i = model_->findData(keep);
    if (i >= 0) model_->setCurrentIndex(i);
    model_->show();
    const bool changed = samplers_ != check.samplers;
    samplers_ = check.samplers;
    if (changed) Q_EMIT targetChanged(target());
}

} // namespace latent
