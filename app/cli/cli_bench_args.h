// Option reading for the `bench` sub-commands in their own files (cli_bench_contention.cpp):
// --name VALUE, --flag, and one-line errors on stderr.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <cstdint>
#include <optional>

namespace latent::bench_args {

inline int fail(int code, const QString& message) {
    QString line = message.trimmed();
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QTextStream(stderr) << "latentstudio-cli: " << line << Qt::endl;
    return code;
}

// --name VALUE and --flag, as cli_bench.cpp reads them.
struct Args {
    QStringList args;
    QString error;
    std::optional<QString> value(const QString& name) {
        const int i = args.indexOf(name);
        if (i < 0) return std::nullopt;
        if (i + 1 >= args.size()) {
            error = QCoreApplication::translate("Cli", "%1 needs a value").arg(name);
            return std::nullopt;
        }
        QString v = args.at(i + 1);
        args.remove(i, 2);
        return v;
    }
    int64_t integer(const QString& name, int64_t def, int64_t lo, int64_t hi) {
        auto v = value(name);
        if (!v) return def;
        bool ok = false;
        const qlonglong n = v->toLongLong(&ok);
        if (!ok || n < lo || n > hi) {
            error = QCoreApplication::translate("Cli", "%1 needs a whole number from %2 to %3, not \"%4\"").arg(name).arg(lo).arg(hi).arg(*v);
            return def;
        }
        return n;
    }
    bool flag(const QString& name) { return args.removeAll(name) > 0; }
    bool bad() {
        if (!error.isEmpty()) return true;
        if (!args.isEmpty()) error = QCoreApplication::translate("Cli", "unknown option \"%1\"").arg(args.first());
        return !error.isEmpty();
    }
};

} // namespace latent::bench_args
