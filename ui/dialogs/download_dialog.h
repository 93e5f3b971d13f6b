// "Download from URL…": paste a Hugging Face / Civitai link → resolve → the plan (files, sizes,
// kind, base model, destination) → start; below, the list of downloads with progress, speed,
// ETA and pause / resume / cancel. Non-modal; the DownloadManager outlives it.
#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>

#include "app/downloads/download_types.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace latent {

class DownloadManager;
class TokenStore;
class UrlResolver;

class DownloadDialog : public QDialog {
    Q_OBJECT
public:
    // `destRoot`: the models root (A1111 layout) downloads go to.
    DownloadDialog(DownloadManager* manager, TokenStore* tokens, const QString& destRoot, QWidget* parent = nullptr);

    void setUrl(const QString& url);
    QString destRoot() const { return destRoot_; }
    bool hasPlan() const { return havePlan_; }
    DownloadPlan plan() const { return plan_; }

public Q_SLOTS:
    void resolveUrl();
    void startDownload();

Q_SIGNALS:
    void planReady();

private:
    void chooseRoot();
    void setToken();
    void refreshRow(const QString& id);
    void removeRow(const QString& id);
    QString selectedId() const;
    void updateButtons();

    DownloadManager* manager_;
    TokenStore* tokens_;
    QString destRoot_;
    DownloadPlan plan_;
    bool havePlan_ = false;
    QPointer<UrlResolver> resolver_;
    QNetworkAccessManager* nam_ = nullptr;

    QLineEdit* urlEdit_ = nullptr;
    QComboBox* kindCombo_ = nullptr;
    QLabel* rootLabel_ = nullptr;
    QPushButton* resolveButton_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPlainTextEdit* planView_ = nullptr;
    QTreeWidget* list_ = nullptr;
    QPushButton* pauseButton_ = nullptr;
    QPushButton* resumeButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QHash<QString, QTreeWidgetItem*> rows_;
};

} // namespace latent
