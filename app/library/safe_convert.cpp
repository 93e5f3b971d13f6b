#include "app/library/safe_convert.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/ckpt_converter.h"
#include "pipeline/tensors/safetensors.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTextStream>
#include <QThread>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace latent {

namespace {


SafeConvertResult failure(const QString& code, const QString& message) {
    SafeConvertResult r;
    r.code = code;
    r.error = message;
    return r;
}

QString netNamespace(qint64 pid) {
    return QFileInfo(pid > 0 ? QStringLiteral("/proc/%1/ns/net").arg(pid) : QStringLiteral("/proc/self/ns/net"))
        .symLinkTarget();
}

// Moves `from` to `to` atomically; without `overwrite` an existing `to` is never replaced.
bool moveIntoPlace(const QString& from, const QString& to, bool overwrite, QString* error) {
    const QByteArray f = QFile::encodeName(from), t = QFile::encodeName(to);
    if (overwrite) {
        if (::rename(f.constData(), t.constData()) == 0) return true;
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
#ifdef SYS_renameat2
    if (::syscall(SYS_renameat2, AT_FDCWD, f.constData(), AT_FDCWD, t.constData(), 1u /*RENAME_NOREPLACE*/) == 0)
        return true;
    if (errno == EEXIST) {
        *error = QCoreApplication::translate("SafeConvert", "the output file appeared meanwhile");
        return false;
    }
#endif
    if (::link(f.constData(), t.constData()) == 0) {
        ::unlink(f.constData());
        return true;
    }
    if (errno == EEXIST) {
        *error = QCoreApplication::translate("SafeConvert", "the output file appeared meanwhile");
        return false;
    }
    // File systems without hard links (FAT, exFAT): check, then rename.
    if (QFileInfo::exists(to)) {
        *error = QCoreApplication::translate("SafeConvert", "the output file appeared meanwhile");
        return false;
    }
    if (::rename(f.constData(), t.constData()) == 0) return true;
    *error = QString::fromLocal8Bit(std::strerror(errno));
    return false;
}

// The strict reader over the whole file: header rules R1-R14 on open, then every data byte read
// back with bounded reads (R15; a truncated or unreadable file fails here).
qint64 verifyStrictly(const QString& path) {
    const SafetensorsFile f = SafetensorsFile::open(QFile::encodeName(path).toStdString());
    const uint64_t data = f.file_size() - f.data_offset();
    std::vector<uint8_t> buf(16u << 20);
    for (uint64_t off = 0; off < data;) {
        const uint64_t n = std::min<uint64_t>(buf.size(), data - off);
        f.read_data(off, buf.data(), n);
        off += n;
    }
    return static_cast<qint64>(f.tensors().size());
}

} // namespace

QString SafeCheckpointConverter::defaultWorkerProgram() {
    const QString self = QCoreApplication::applicationFilePath();
    if (QFileInfo(self).fileName().startsWith(QLatin1String("latentstudio-cli"))) return self;
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("latentstudio-cli"));
}

SafeConvertResult SafeCheckpointConverter::convert(const QString& input, const QString& output,
                                                   const SafeConvertOptions& options) {
    const QFileInfo in(input);
    if (!in.exists()) return failure(QStringLiteral("not_found"), QCoreApplication::translate("SafeConvert", "The file %1 does not exist.").arg(input));
    if (!in.isFile()) return failure(QStringLiteral("wrong_format"), QCoreApplication::translate("SafeConvert", "%1 is not a file.").arg(input));
    const QFileInfo out(output);
    if (out.exists() && !options.overwrite)
        return failure(QStringLiteral("output_exists"), QCoreApplication::translate("SafeConvert", "The output file %1 already exists.").arg(output));
    if (!out.absoluteDir().exists())
        return failure(QStringLiteral("io_error"), QCoreApplication::translate("SafeConvert", "The output folder %1 does not exist.").arg(out.absolutePath()));
    if (out.exists() && out.canonicalFilePath() == in.canonicalFilePath())
        return failure(QStringLiteral("io_error"), QCoreApplication::translate("SafeConvert", "The output cannot replace the input file."));

    // A unique temp name next to the output (same file system, so the final rename is atomic).
    QByteArray tmpl = QFile::encodeName(out.absoluteFilePath() + QStringLiteral(".part-XXXXXX"));
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0)
        return failure(
            QStringLiteral("io_error"),
            QCoreApplication::translate("SafeConvert", "Cannot create a file next to %1: %2").arg(output, QString::fromLocal8Bit(std::strerror(errno))));
    ::close(fd);
    const QString tmp = QFile::decodeName(tmpl);
    struct RemoveTemp {
        QString path;
        ~RemoveTemp() {
            if (!path.isEmpty()) QFile::remove(path);
        }
    } removeTemp{tmp};

    QProcess child;
    const QString program = options.workerProgram.isEmpty() ? defaultWorkerProgram() : options.workerProgram;
    QStringList args = options.workerArgumentsPrefix;
    args << QStringLiteral("convert-worker") << in.absoluteFilePath() << tmp;
    if (options.halfPrecision) args << QStringLiteral("--fp16");
    child.setProgram(program);
    child.setArguments(args);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.setStandardInputFile(QProcess::nullDevice());
    child.setChildProcessModifier([] {
        // Post-fork, pre-exec, single-threaded: only system calls.
        struct rlimit no_core {
            0, 0
        };
        ::setrlimit(RLIMIT_CORE, &no_core);
        ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        // Offline: an empty network namespace (needs CAP_SYS_ADMIN or unprivileged user namespaces).
        if (::unshare(CLONE_NEWNET) != 0) (void)::unshare(CLONE_NEWUSER | CLONE_NEWNET);
    });
    child.start();
    if (!child.waitForStarted(30000))
        return failure(QStringLiteral("worker_failed"),
                       QCoreApplication::translate("SafeConvert", "The converter could not be started (%1): %2").arg(program, child.errorString()));
    const QString ns = netNamespace(child.processId());
    bool offline = !ns.isEmpty() && ns != netNamespace(0);

    bool cancelled = false;
    while (!child.waitForFinished(100)) {
        if (child.state() == QProcess::NotRunning) break;
        if (options.cancel && options.cancel->load()) {
            cancelled = true;
            child.kill();
            child.waitForFinished(5000);
            break;
        }
    }
    const QString stdoutText = QString::fromUtf8(child.readAllStandardOutput());
    const QString stderrText = QString::fromUtf8(child.readAllStandardError()).trimmed();
    if (cancelled) {
        SafeConvertResult r =
            failure(QStringLiteral("cancelled"), QCoreApplication::translate("SafeConvert", "The conversion was cancelled; nothing was written."));
        r.cancelled = true;
        return r;
    }
    if (child.exitStatus() == QProcess::CrashExit) {
        SafeConvertResult r = failure(
            QStringLiteral("worker_crashed"),
            QCoreApplication::translate("SafeConvert", "The converter crashed while reading %1; nothing was written. The file may be damaged or malicious.")
                .arg(in.fileName()));
        r.crashed = true;
        return r;
    }
    if (child.exitCode() != 0) {
        // The worker's one line: "code<TAB>message".
        const QString line = stderrText.section(QLatin1Char('\n'), -1);
        const int tab = line.indexOf(QLatin1Char('\t'));
        const QString code = tab > 0 ? line.left(tab) : QStringLiteral("worker_failed");
        QString message = tab > 0 ? line.mid(tab + 1) : line;
        if (message.isEmpty())
            message = QCoreApplication::translate("SafeConvert", "The converter failed (exit status %1); nothing was written.").arg(child.exitCode());
        return failure(code, message);
    }
    const QJsonObject report =
        QJsonDocument::fromJson(stdoutText.trimmed().section(QLatin1Char('\n'), -1).toUtf8()).object();
    qint64 tensors = 0;
    try {
        tensors = verifyStrictly(tmp);
    } catch (const PipelineError& e) {
        return failure(QStringLiteral("verify_failed"),
                       QCoreApplication::translate("SafeConvert", "The converted file failed the safety check (%1); nothing was written.")
                           .arg(QString::fromStdString(e.what())));
    } catch (const std::exception& e) {
        return failure(QStringLiteral("verify_failed"),
                       QCoreApplication::translate("SafeConvert", "The converted file failed the safety check (%1); nothing was written.")
                           .arg(QString::fromLocal8Bit(e.what())));
    }
    if (!report.contains(QStringLiteral("tensors")) || report.value(QStringLiteral("tensors")).toInteger() != tensors)
        return failure(QStringLiteral("verify_failed"),
                       QCoreApplication::translate("SafeConvert", "The converted file does not match the converter's report; nothing was written."));
    QString why;
    if (!moveIntoPlace(tmp, out.absoluteFilePath(), options.overwrite, &why))
        return failure(QStringLiteral("io_error"),
                       QCoreApplication::translate("SafeConvert", "Cannot move the converted file into place as %1: %2").arg(output, why));
    removeTemp.path.clear();

    SafeConvertResult r;
    r.ok = true;
    r.code = QStringLiteral("ok");
    r.output = out.absoluteFilePath();
    r.tensors = tensors;
    r.outputBytes = QFileInfo(out.absoluteFilePath()).size();
    r.offline = offline;
    for (const auto& v : report.value(QStringLiteral("skipped")).toArray()) r.skipped << v.toString();
    return r;
}

int SafeCheckpointConverter::runWorker(const QStringList& argsIn) {
    QStringList args = argsIn;
    const bool half = args.removeAll(QStringLiteral("--fp16")) > 0;
    auto fail = [](const std::string& code, const std::string& message) {
        std::string line = message;
        for (char& c : line)
            if (c == '\n' || c == '\t') c = ' ';
        std::fprintf(stderr, "%s\t%s\n", code.c_str(), line.c_str());
        std::fflush(stderr);
        return 2;
    };
    if (args.size() != 2) return fail("invalid_argument", "usage: convert-worker IN TMP [--fp16]");
    const std::string in = QFile::encodeName(args[0]).toStdString();
    const std::string tmp = QFile::encodeName(args[1]).toStdString();
    try {
        ConvertOptions o;
        o.overwrite = true; // TMP is the parent's placeholder
        if (half) o.dtype = at::kHalf;
        const ConvertReport r = convert_checkpoint(in, tmp, o);
        QJsonArray skipped;
        for (const auto& s : r.skipped) skipped.append(QString::fromStdString(s));
        const QJsonObject j{{QStringLiteral("tensors"), static_cast<qint64>(r.tensors)},
                            {QStringLiteral("bytes"), static_cast<qint64>(r.output_bytes)},
                            {QStringLiteral("skipped"), skipped}};
        QTextStream(stdout) << QJsonDocument(j).toJson(QJsonDocument::Compact) << Qt::endl;
        return 0;
    } catch (const PipelineError& e) {
        return fail(e.code(), e.what());
    } catch (const std::bad_alloc&) {
        return fail("out_of_memory", "Out of memory while converting.");
    } catch (const std::exception& e) {
        return fail("worker_failed", e.what());
    }
}

} // namespace latent
