// Where a generation looks for LoRAs, embeddings and VAEs, from A1111 model roots, and A1111's
// VAE choice (`sd_vae`: "Automatic", "None", or a VAE's name / file name):
//   LoRAs       <models>/Lora and <models>/LyCORIS (subfolders included)
//   embeddings  <webui>/embeddings (A1111) and <models>/embeddings (this library's layout)
//   VAEs        <models>/VAE
// "Automatic" uses a VAE beside the checkpoint named <checkpoint>.vae.safetensors / .vae.pt /
// .vae.ckpt when there is one, else the checkpoint's own; "None" always the checkpoint's own.
#pragma once

#include <QString>
#include <QStringList>

namespace latent {

struct NetworkFolders {
    QStringList loraDirs;
    QStringList embeddingDirs;
    QStringList vaeDirs;
    bool isEmpty() const { return loraDirs.isEmpty() && embeddingDirs.isEmpty() && vaeDirs.isEmpty(); }
    void append(const NetworkFolders& other);
};

// The folders of one model root (a webui folder or its models/ folder). Only existing folders.
NetworkFolders networkFoldersOf(const QString& modelRoot);

struct VaeChoice {
    QString path;   // the VAE file to use; empty = the checkpoint's own VAE
    QString error;  // a named VAE that does not exist (plain sentence); path is then empty
};

// A1111 sd_vae resolution. `setting` empty means "Automatic".
VaeChoice resolveVae(const QString& setting, const QString& checkpointPath, const QStringList& vaeDirs);

// Every VAE file under `vaeDirs` (names for pickers: file names with extension, as A1111 lists them).
QStringList listVaeFiles(const QStringList& vaeDirs);

} // namespace latent
