// Completion of extra-network names in a prompt editor, as A1111's extra-network cards and
// tag-autocomplete offer it: typing `<lora:` (or `<lyco:`) and the start of a name lists the
// library's LoRAs; typing the start of an embedding's name lists the embeddings. Choosing a LoRA
// inserts `<lora:NAME:W>` with the weight its sidecar prefers (1 otherwise); an embedding
// inserts its name.
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QCompleter;
class QPlainTextEdit;
class QStandardItemModel;

namespace latent {

class PromptCompleter : public QObject {
    Q_OBJECT
public:
    struct Candidate {
        QString name;
        QString kind;         // "lora" or "embedding"
        double weight = 1.0;  // LoRA: inserted weight
        QString detail;       // tooltip (family, trigger words, ...)
    };
    // What the text at the cursor asks for.
    struct Context {
        QString kind;         // "lora", "embedding" or empty
        QString prefix;       // typed part of the name
        int start = -1;       // position where the name starts
    };

    explicit PromptCompleter(QPlainTextEdit* edit);

    void setCandidates(const QList<Candidate>& candidates);
    const QList<Candidate>& candidates() const { return candidates_; }

    static Context contextAt(const QString& text, int cursor);
    // Names of `kind` starting with `prefix` (case-insensitive), sorted.
    QStringList matches(const Context& context) const;
    QCompleter* completer() const { return completer_; }
    // Replaces the typed name at the cursor with `name` (LoRA: plus ":W>").
    void insert(const QString& name);
    // Looks at the cursor and shows or hides the popup (called on every text change).
    void update();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPlainTextEdit* edit_;
    QCompleter* completer_;
    QStandardItemModel* model_;
    QList<Candidate> candidates_;
    Context shown_;
    bool inserting_ = false;
    bool swallowNextReturn_ = false;
};

} // namespace latent
