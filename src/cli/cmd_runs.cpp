// scsctl runs: the run journal's history (`runs`) and one run's results per host and
// task (`runs show RUN`), as text tables or JSON.
#include <ctime>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/command_table.hpp"
#include "cli/journal_setup.hpp"
#include "core/exit_codes.hpp"
#include "state/run_store.hpp"

namespace scsctl::cli {

namespace {

struct RunsFlags {
    std::string state;
    int limit = 20;
    std::string run; ///< runs show RUN
};

std::string local_time(double seconds)
{
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    ::localtime_r(&time, &parts);
    std::ostringstream out;
    out << std::put_time(&parts, "%Y-%m-%d %H:%M:%S");
    return out.str();
}

std::string seconds_text(double seconds)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(seconds < 10 ? 2 : 0) << seconds << "s";
    return out.str();
}

core::Value run_json(const state::RunRow& run)
{
    core::Value out{{"id", run.id},
                    {"kind", run.kind},
                    {"status", run.status},
                    {"command_line", run.command_line},
                    {"user", run.user},
                    {"started_at", run.started_at},
                    {"inventory_paths", run.inventory_paths},
                    {"inventory_hash", run.inventory_hash},
                    {"playbook_paths", run.playbook_paths},
                    {"playbook_hash", run.playbook_hash},
                    {"pid", run.pid}};
    out["ended_at"] = run.ended_at ? core::Value(*run.ended_at) : core::Value(nullptr);
    out["exit_code"] = run.exit_code ? core::Value(*run.exit_code) : core::Value(nullptr);
    out["resumed_from"] = run.resumed_from ? core::Value(*run.resumed_from) : core::Value(nullptr);
    return out;
}

core::Value task_json(const state::TaskRow& task)
{
    core::Value out{{"task_id", task.task_id}, {"task", task.task_name},     {"action", task.action},
                    {"host", task.host},       {"status", task.status},      {"changed", task.changed},
                    {"duration_ms", task.duration_ms}, {"finished_at", task.finished_at}, {"error", task.error},
                    {"args_digest", task.args_digest}, {"diff_digest", task.diff_digest}};
    out["rc"] = task.rc ? core::Value(*task.rc) : core::Value(nullptr);
    out["resumed_from"] = task.resumed_from ? core::Value(*task.resumed_from) : core::Value(nullptr);
    return out;
}

std::expected<std::unique_ptr<state::RunStore>, int> journal_for(const RunsFlags& flags, const GlobalOptions& options,
                                                                const Console& console)
{
    return open_journal(journal_path(flags.state, options), true, console);
}

int list_runs(const RunsFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    auto journal = journal_for(flags, options, console);
    if (!journal) {
        return journal.error();
    }
    auto runs = (*journal)->list_runs(flags.limit);
    if (!runs) {
        console.error(runs.error().str());
        return core::k_exit_usage;
    }
    if (options.output == OutputFormat::json) {
        core::Value list = core::Value::array();
        for (const auto& run : *runs) {
            list.push_back(run_json(run));
        }
        std::cout << list.dump(-1, ' ', false, core::Value::error_handler_t::replace) << "\n";
        return core::k_exit_ok;
    }
    std::cout << std::left << std::setw(6) << "ID" << std::setw(12) << "STATUS" << std::setw(6) << "EXIT"
              << std::setw(21) << "STARTED" << std::setw(10) << "DURATION" << std::setw(12) << "USER" << "COMMAND\n";
    for (const auto& run : *runs) {
        const std::string exit_code = run.exit_code ? std::to_string(*run.exit_code) : "-";
        const std::string duration = run.ended_at ? seconds_text(*run.ended_at - run.started_at) : "-";
        std::cout << std::setw(6) << run.id << std::setw(12) << run.status << std::setw(6) << exit_code << std::setw(21)
                  << local_time(run.started_at) << std::setw(10) << duration << std::setw(12) << run.user
                  << run.command_line << "\n";
    }
    return core::k_exit_ok;
}

void print_run_results(const state::RunRow& run, const std::vector<state::TaskRow>& tasks)
{
    std::cout << "run " << run.id << " (" << run.kind << "): " << run.status
              << (run.exit_code ? ", exit " + std::to_string(*run.exit_code) : std::string()) << "\n"
              << "started " << local_time(run.started_at) << " by " << run.user
              << (run.ended_at ? ", took " + seconds_text(*run.ended_at - run.started_at) : std::string()) << "\n"
              << "command " << run.command_line << "\n";
    if (run.resumed_from) {
        std::cout << "resumes run " << *run.resumed_from << "\n";
    }
    std::map<std::string, std::vector<const state::TaskRow*>> by_host;
    for (const auto& task : tasks) {
        by_host[task.host].push_back(&task);
    }
    for (const auto& [host, rows] : by_host) {
        std::cout << "\n" << host << "\n";
        for (const auto* task : rows) {
            std::string note = task->resumed_from ? " (done in run " + std::to_string(*task->resumed_from) + ")" : "";
            if (!task->error.empty()) {
                note += " " + task->error.substr(0, task->error.find('\n'));
            }
            std::cout << "  " << std::left << std::setw(12) << task->status << std::setw(9)
                      << seconds_text(task->duration_ms / 1000) << task->task_name << note << "\n";
        }
    }
}

int show_run(const RunsFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    auto journal = journal_for(flags, options, console);
    if (!journal) {
        return journal.error();
    }
    state::RunId id = 0;
    try {
        id = std::stoll(flags.run);
    } catch (...) {
        console.error("runs show: expected a run number, got '" + flags.run + "'");
        return core::k_exit_usage;
    }
    auto run = (*journal)->find_run(id);
    auto tasks = (*journal)->task_rows(id);
    if (!run || !tasks) {
        console.error((!run ? run.error() : tasks.error()).str());
        return core::k_exit_usage;
    }
    if (!*run) {
        console.error((*journal)->location() + ": no run " + flags.run + " (see scsctl runs)");
        return core::k_exit_usage;
    }
    if (options.output == OutputFormat::json) {
        core::Value out = run_json(**run);
        out["results"] = core::Value::array();
        for (const auto& task : *tasks) {
            out["results"].push_back(task_json(task));
        }
        std::cout << out.dump(-1, ' ', false, core::Value::error_handler_t::replace) << "\n";
        return core::k_exit_ok;
    }
    print_run_results(**run, *tasks);
    return core::k_exit_ok;
}

} // namespace

void define_runs(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<RunsFlags>();
    add_state_option(command, flags->state);
    command.add_option("-n,--last", flags->limit, "How many runs to list, newest first (default 20)")
        ->check(CLI::PositiveNumber);
    CLI::App* show = command.add_subcommand("show", "One run's results per host and task: outcome and timing");
    show->add_option("run", flags->run, "The run's number (from scsctl runs)")->required();
    add_state_option(*show, flags->state);
    show->callback([flags, &options] { options.action = [flags, &options] { return show_run(*flags, options); }; });
    command.callback([flags, show, &options] {
        if (!show->parsed()) {
            options.action = [flags, &options] { return list_runs(*flags, options); };
        }
    });
}

} // namespace scsctl::cli
