#include "ui/widgets/prompt_completer.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTextCursor>
#include <QTimer>

#include <algorithm>

namespace latent {

namespace {

QString weightText(double w) {
    QString s = QString::number(w, 'g', 6);
    return s;
}

bool isNameChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.');
}

} // namespace

PromptCompleter::PromptCompleter(QPlainTextEdit* edit) : QObject(edit), edit_(edit) {
    model_ = new QStandardItemModel(this);
    completer_ = new QCompleter(model_, this);
    completer_->setObjectName(QStringLiteral("promptCompleter"));
    completer_->setWidget(edit_);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    completer_->setMaxVisibleItems(12);
    completer_->popup()->setObjectName(QStringLiteral("promptCompleterPopup"));
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& name) {
        insert(name);
        swallowNextReturn_ = true;
        QTimer::singleShot(0, this, [this] { swallowNextReturn_ = false; });
    });
    connect(edit_, &QPlainTextEdit::textChanged, this, &PromptCompleter::update);
    edit_->installEventFilter(this);
}

void PromptCompleter::setCandidates(const QList<Candidate>& candidates) {
    candidates_ = candidates;
    shown_ = {};
}

PromptCompleter::Context PromptCompleter::contextAt(const QString& text, int cursor) {
    Context c;
    if (cursor < 0 || cursor > text.size()) return c;
    const QString before = text.left(cursor);
    static const QRegularExpression lora(QStringLiteral("<(?:lora|lyco):([^:<>\\s]*)$"));
    const QRegularExpressionMatch m = lora.match(before);
    if (m.hasMatch()) {
        c.kind = QStringLiteral("lora");
        c.prefix = m.captured(1);
        c.start = int(m.capturedStart(1));
        return c;
    }
    int i = cursor;
    while (i > 0 && isNameChar(text.at(i - 1))) --i;
    if (cursor - i < 2) return c;
    // Not a weight (":0.8"), not inside another <...> tag.
    if (i > 0 && (text.at(i - 1) == QLatin1Char(':') || text.at(i - 1) == QLatin1Char('<'))) return c;
    const int open = int(before.lastIndexOf(QLatin1Char('<'))), close = int(before.lastIndexOf(QLatin1Char('>')));
    if (open > close) return c;
    c.kind = QStringLiteral("embedding");
    c.prefix = text.mid(i, cursor - i);
    c.start = i;
    return c;
}

QStringList PromptCompleter::matches(const Context& context) const {
    QStringList out;
    if (context.kind.isEmpty()) return out;
    for (const Candidate& c : candidates_)
        if (c.kind == context.kind && c.name.startsWith(context.prefix, Qt::CaseInsensitive) &&
            (context.kind == QLatin1String("lora") || c.name.compare(context.prefix, Qt::CaseInsensitive) != 0))
            out << c.name;
    out.removeDuplicates();
    out.sort(Qt::CaseInsensitive);
    return out;
}

void PromptCompleter::update() {
    if (inserting_) return;
    const QTextCursor cursor = edit_->textCursor();
    const Context c = contextAt(edit_->toPlainText(), cursor.position());
    const QStringList names = matches(c);
    if (names.isEmpty()) {
        completer_->popup()->hide();
        shown_ = {};
        return;
    }
    model_->clear();
    for (const QString& n : names) {
        auto* item = new QStandardItem(n);
        for (const Candidate& cand : candidates_)
            if (cand.name == n && cand.kind == c.kind) {
                QString tip = cand.detail;
                if (c.kind == QLatin1String("lora"))
                    tip = tr("Weight %1").arg(weightText(cand.weight)) + (tip.isEmpty() ? QString() : QStringLiteral("\n") + tip);
                item->setToolTip(tip);
            }
        model_->appendRow(item);
    }
    shown_ = c;
    completer_->setCompletionPrefix(c.prefix);
    QRect rect = edit_->cursorRect();
    rect.setWidth(std::max(200, completer_->popup()->sizeHintForColumn(0) +
                                    completer_->popup()->verticalScrollBar()->sizeHint().width()));
    completer_->complete(rect);
}

void PromptCompleter::insert(const QString& name) {
    QTextCursor cursor = edit_->textCursor();
    const QString text = edit_->toPlainText();
    const Context c = shown_.kind.isEmpty() ? contextAt(text, cursor.position()) : shown_;
    if (c.kind.isEmpty() || c.start < 0) return;
    inserting_ = true;
    cursor.setPosition(c.start);
    cursor.setPosition(std::max(c.start, edit_->textCursor().position()), QTextCursor::KeepAnchor);
    QString insertText = name;
    if (c.kind == QLatin1String("lora")) {
        double weight = 1.0;
        for (const Candidate& cand : candidates_)
            if (cand.kind == c.kind && cand.name == name) weight = cand.weight;
        // Only add ":W>" when the tag is not closed already.
        const int end = cursor.selectionEnd();
        const bool closed = end < text.size() && (text.at(end) == QLatin1Char(':') || text.at(end) == QLatin1Char('>'));
        if (!closed) insertText += QLatin1Char(':') + weightText(weight) + QLatin1Char('>');
    }
    cursor.insertText(insertText);
    edit_->setTextCursor(cursor);
    inserting_ = false;
    completer_->popup()->hide();
    shown_ = {};
}

bool PromptCompleter::eventFilter(QObject* watched, QEvent* event) {
    if (watched == edit_ && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool accept = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_Tab;
        if (accept && key->modifiers() == Qt::NoModifier) {
            if (swallowNextReturn_) {
                swallowNextReturn_ = false;
                return true;
            }
            if (completer_->popup()->isVisible()) {
                const QModelIndex index = completer_->popup()->currentIndex();
                insert(index.isValid() ? index.data().toString() : completer_->currentCompletion());
                return true;
            }
        } else if (key->key() == Qt::Key_Escape && completer_->popup()->isVisible()) {
            completer_->popup()->hide();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace latent
