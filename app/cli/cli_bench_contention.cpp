#include "app/cli/cli_bench_contention.h"

#include "app/cli/cli_bench_args.h"
#include "app/worker/studio_session.h"
#include "pipeline/bench/bench.h"
#include "pipeline/bench/bench_generation.h"
#include "pipeline/core/thread_policy.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>

#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>

#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <vector>

namespace latent {

using bench_args::Args;
using bench_args::fail;

namespace {

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// The tiny model `bench contention` generates with: --model, else the golden fixtures' tiny SD1
// ($LATENT_GOLDEN_DIR), else the built-in demo model (same architecture, random weights).
QString tinyModelPath(const std::optional<QString>& given) {
    if (given) return *given;
    const QString golden = qEnvironmentVariable("LATENT_GOLDEN_DIR");
    if (!golden.isEmpty() && QFileInfo(golden + QStringLiteral("/tiny-sd1.safetensors")).isFile())
        return golden + QStringLiteral("/tiny-sd1.safetensors");
    return StudioSession::demoModelPath();
}

// Busy competitors: K processes of this program running `bench spin`.
class Competitors {
public:
    explicit Competitors(int k) {
        for (int i = 0; i < k; ++i) {
            auto p = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LATENT_NO_REEXEC"), QStringLiteral("1"));
            p->setProcessEnvironment(env);
            p->setProgram(QCoreApplication::applicationFilePath());
            p->setArguments({QStringLiteral("bench"), QStringLiteral("spin")});
            p->setStandardOutputFile(QProcess::nullDevice());
            p->setStandardErrorFile(QProcess::nullDevice());
            p->start();
            p->waitForStarted(10000);
            procs_.push_back(std::move(p));
        }
        if (k > 0) ::usleep(500 * 1000);  // let them start spinning
    }
    ~Competitors() {
        for (auto& p : procs_) p->kill();
        for (auto& p : procs_) p->waitForFinished(10000);
    }

private:
    std::vector<std::unique_ptr<QProcess>> procs_;
};

struct Setting {
    QString name;       // "default", "threads_1", "spin"
    QStringList pre;    // global options before "bench"
    bool spin = false;  // the OpenMP runtime's own (spinning) wait
};

// Runs `latentstudio-cli [pre] bench contention-task ARGS` and returns its JSON (with the
// child's wall time as "process_seconds"), or {"error": ...}.
nlohmann::json runTask(const Setting& s, const QStringList& taskArgs) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // "default" is the product's automatic setting: no OMP_NUM_THREADS from our environment.
    env.remove(QStringLiteral("OMP_NUM_THREADS"));
    if (s.spin) {
        env.remove(QStringLiteral("OMP_WAIT_POLICY"));
        env.remove(QStringLiteral("LATENT_OMP_WAIT_SET"));
        env.remove(QStringLiteral("GOMP_SPINCOUNT"));
        env.insert(QStringLiteral("LATENT_NO_REEXEC"), QStringLiteral("1"));
    }
    p.setProcessEnvironment(env);
    p.setProgram(QCoreApplication::applicationFilePath());
    p.setArguments(s.pre + QStringList{QStringLiteral("bench"), QStringLiteral("contention-task")} + taskArgs);
    QElapsedTimer t;
    t.start();
    p.start();
    if (!p.waitForStarted(30000) || !p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit ||
        p.exitCode() != 0)
        return {{"error", QString::fromUtf8(p.readAllStandardError()).trimmed().toStdString()}};
    nlohmann::json j = nlohmann::json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
    if (j.is_discarded()) return {{"error", "unreadable output"}};
    j["process_seconds"] = double(t.nsecsElapsed()) / 1e9;
    return j;
}

double taskSeconds(const nlohmann::json& j) {
    return j.contains("seconds") ? j["seconds"].get<double>() : -1.0;
}

QString fmt(double s) {
    return s < 0 ? QStringLiteral("failed") : QString::number(s, 'f', s < 10 ? 3 : 1) + QStringLiteral(" s");
}

} // namespace

int runBenchSpin(QStringList args) {
    Args o{args, {}};
    const int64_t maxSeconds = o.integer(QStringLiteral("--seconds"), 3600, 1, 86400);
    if (o.bad()) return fail(2, QCoreApplication::translate("Cli", "bench spin: %1").arg(o.error));
    // Never outlive the benchmark that started us.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() == 1) return 0;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(maxSeconds);
    volatile double x = 1.0;
    while (std::chrono::steady_clock::now() < end)
        for (int i = 0; i < (1 << 22); ++i) x = x * 1.0000001 + 1e-9;
    return 0;
}

int runBenchContentionTask(QStringList args) {
    Args o{args, {}};
    const QString task = o.value(QStringLiteral("--task")).value_or(QString());
    const std::optional<QString> model = o.value(QStringLiteral("--model"));
    const int repeats = int(o.integer(QStringLiteral("--repeats"), 3, 1, 100));
    const int64_t size = o.integer(QStringLiteral("--size"), 512, 64, 2048);
    const int64_t batch = o.integer(QStringLiteral("--batch"), 2, 1, 8);
    if (o.bad()) return fail(2, QCoreApplication::translate("Cli", "bench contention-task: %1").arg(o.error));
    try {
        nlohmann::json j;
        if (task == QLatin1String("tiny")) {
            if (!model) return fail(2, QCoreApplication::translate("Cli", "bench contention-task: --model is required"));
            j = bench_generate(QFile::encodeName(*model).toStdString(), golden_tiny_request(), repeats);
            std::vector<double> totals;
            for (const auto& r : j["runs"]) totals.push_back(r["total_seconds"].get<double>());
            j["seconds"] = median(totals);
            j["first_seconds"] = totals.front();
        } else if (task == QLatin1String("unet")) {
            // The program's own thread setting: a fixed count when --threads was given, else
            // automatic (which follows the load between steps).
            const ThreadDecision d = current_thread_decision();
            const int fixed = d.follows_load ? 0 : d.threads;
            j = bench_unet("sd1", size, size, batch, 1, 1, fixed, true, "fp16").to_json();
            j["seconds"] = j["seconds_per_step"];
        } else {
            return fail(2, QCoreApplication::translate("Cli", "bench contention-task: --task must be tiny or unet"));
        }
        j["threads"] = at::get_num_threads();
        const ThreadDecision d = current_thread_decision();
        j["thread_limit"] = thread_limit_name(d.limit);
        if (d.load.known) j["others_load"] = d.load.others;
        QTextStream(stdout) << QString::fromStdString(j.dump()) << Qt::endl;
        return 0;
    } catch (const std::exception& e) {
        return fail(1, QCoreApplication::translate("Cli", "bench contention-task: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

QString benchTinyModelPath(const std::optional<QString>& given) { return tinyModelPath(given); }

int runBenchContention(QStringList args) {
    Args o{args, {}};
    const bool asPlain = o.flag(QStringLiteral("--plain"));
    const bool noUnet = o.flag(QStringLiteral("--no-unet"));
    const bool withSpin = o.flag(QStringLiteral("--with-spin"));
    const std::optional<QString> modelArg = o.value(QStringLiteral("--model"));
    const int repeats = int(o.integer(QStringLiteral("--repeats"), 3, 1, 100));
    const int64_t unetSize = o.integer(QStringLiteral("--unet-size"), 512, 64, 2048);
    const int64_t unetBatch = o.integer(QStringLiteral("--unet-batch"), 2, 1, 8);
    const int cpus = std::max(1, query_cpu_availability().affinity);
    std::vector<int> ks{0, 1, cpus};
    if (auto list = o.value(QStringLiteral("--competitors"))) {
        ks.clear();
        for (const QString& part : list->split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int k = part.trimmed().toInt(&ok);
            if (!ok || k < 0 || k > 64) return fail(2, QCoreApplication::translate("Cli", "bench contention: --competitors takes counts like 0,1,2"));
            ks.push_back(k);
        }
    }
    if (o.bad()) return fail(2, QCoreApplication::translate("Cli", "bench contention: %1").arg(o.error));
    ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
    const QString model = tinyModelPath(modelArg);
    if (model.isEmpty() || !QFileInfo(model).isFile())
        return fail(2, QCoreApplication::translate("Cli", "bench contention: no tiny model found (give --model, set LATENT_GOLDEN_DIR or install the "
                          "demo model)"));

    std::vector<Setting> settings{{QStringLiteral("default"), {}, false},
                                  {QStringLiteral("threads_1"), {QStringLiteral("--threads"), QStringLiteral("1")}, false}};
    if (withSpin) settings.push_back({QStringLiteral("spin"), {}, true});

    nlohmann::json report;
    report["cpus"] = cpus;
    // The automatic count with the machine to itself; beside competitors it takes fewer (each
    // run's "threads" and "thread_limit" say what it ended with).
    const ThreadDecision automatic = decide_threads(0, query_cpu_availability());
    report["default_threads"] = automatic.threads;
    report["thread_limit"] = thread_limit_name(automatic.limit);
    report["openmp_wait"] = openmp_wait_policy().policy;
    report["tiny_model"] = QFile::encodeName(model).toStdString();
    // The machine's GEMM peak in this run (no competitors), beside which every time is read.
    report["gemm"] = bench_gemm({2048, 3072}, 3).to_json();

    struct Task {
        QString name;
        QStringList args;
    };
    std::vector<Task> tasks{{QStringLiteral("tiny_txt2img"),
                             {QStringLiteral("--task"), QStringLiteral("tiny"), QStringLiteral("--model"), model,
                              QStringLiteral("--repeats"), QString::number(repeats)}}};
    if (!noUnet)
        tasks.push_back({QStringLiteral("sd15_unet_step"),
                         {QStringLiteral("--task"), QStringLiteral("unet"), QStringLiteral("--size"),
                          QString::number(unetSize), QStringLiteral("--batch"), QString::number(unetBatch)}});

    nlohmann::json runs = nlohmann::json::array();
    for (int k : ks) {
        Competitors competitors(k);
        for (const Task& task : tasks) {
            nlohmann::json row;
            row["competitors"] = k;
            row["task"] = task.name.toStdString();
            for (const Setting& s : settings) {
                if (s.spin && task.name != QLatin1String("tiny_txt2img")) continue;
                QTextStream(stderr) << "bench contention: K=" << k << " " << task.name << " " << s.name << " ..."
                                    << Qt::endl;
                const nlohmann::json r = runTask(s, task.args);
                row[s.name.toStdString()] = r;
                row[s.name.toStdString() + "_seconds"] = taskSeconds(r);
            }
            const double d = row["default_seconds"].get<double>(), one = row["threads_1_seconds"].get<double>();
            row["default_over_threads_1"] = (d > 0 && one > 0) ? d / one : -1.0;
            runs.push_back(row);
        }
    }
    report["runs"] = runs;

    // The two figures: at K = cpus the default is never slower than --threads 1, and the
    // tiny txt2img slows at most 2.5x relative to K = 0.
    nlohmann::json summary = nlohmann::json::object();
    for (const Task& task : tasks) {
        double base = -1, atMax = -1, ratio = -1;
        for (const auto& r : runs) {
            if (r["task"] != task.name.toStdString()) continue;
            if (r["competitors"] == ks.front()) base = r["default_seconds"].get<double>();
            if (r["competitors"] == ks.back()) {
                atMax = r["default_seconds"].get<double>();
                ratio = r["default_over_threads_1"].get<double>();
            }
        }
        summary[task.name.toStdString()] = {{"slowdown_k_max_over_k_first", base > 0 && atMax > 0 ? atMax / base : -1.0},
                                            {"default_over_threads_1_at_k_max", ratio}};
    }
    report["summary"] = summary;

    if (!asPlain) {
        QTextStream(stdout) << QString::fromStdString(report.dump(2)) << Qt::endl;
        return 0;
    }
    QTextStream out(stdout);
    out << "gemm peak " << QString::number(report["gemm"]["peak_gflops"].get<double>(), 'f', 1) << " GFLOP/s ("
        << report["gemm"]["threads"].get<int>() << " threads, no competitors)\n";
    out << "default: automatic, at most " << report["default_threads"].get<int>() << " threads ("
        << QString::fromStdString(report["thread_limit"].get<std::string>()) << "), OpenMP wait "
        << QString::fromStdString(report["openmp_wait"].get<std::string>()) << "\n";
    for (const auto& r : runs) {
        out << "K=" << r["competitors"].get<int>() << "  " << QString::fromStdString(r["task"].get<std::string>())
            << ": default " << fmt(r["default_seconds"].get<double>());
        if (r["default"].contains("threads"))
            out << " (ended on " << r["default"]["threads"].get<int>() << ", "
                << QString::fromStdString(r["default"].value("thread_limit", std::string())) << ")";
        out << ", --threads 1 " << fmt(r["threads_1_seconds"].get<double>());
        if (r.contains("spin_seconds")) out << ", spinning wait " << fmt(r["spin_seconds"].get<double>());
        out << "  (default / threads 1 = " << QString::number(r["default_over_threads_1"].get<double>(), 'f', 2)
            << ")\n";
    }
    for (auto it = summary.begin(); it != summary.end(); ++it)
        out << QString::fromStdString(it.key()) << ": K=" << ks.back() << " vs K=" << ks.front() << " slowdown "
            << QString::number(it.value()["slowdown_k_max_over_k_first"].get<double>(), 'f', 2)
            << "x; default / threads 1 at K=" << ks.back() << ": "
            << QString::number(it.value()["default_over_threads_1_at_k_max"].get<double>(), 'f', 2) << "\n";
    return 0;
}

} // namespace latent
