// The pieces `run` and `deploy` share (run_session.hpp).
#include "cli/run_session.hpp"

#include <filesystem>
#include <iostream>

#include "cli/journal_setup.hpp"
#include "cli/live_console.hpp"
#include "core/exit_codes.hpp"
#include "inventory/host_pattern.hpp"
#include "report/run_report.hpp"

namespace scsctl::cli {

std::vector<std::string> split_commas(const std::vector<std::string>& values)
{
    std::vector<std::string> out;
    for (const auto& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto end = std::min(value.find(',', start), value.size());
            if (end > start) {
                out.push_back(value.substr(start, end - start));
            }
            start = end + 1;
        }
    }
    return out;
}

exec::RunHooks make_hooks(const InventoryContext& context, const exec::ConnectionDefaults& defaults,
                          const playbook::LoadOptions& load_options, const std::string& limit,
                          std::shared_ptr<const ResumePlan> resume)
{
    exec::RunHooks hooks;
    hooks.match_hosts = [&context, limit, resume](const std::string& pattern) -> core::Result<std::vector<std::string>> {
        auto ids = SCSCTL_TRY(inventory::match_hosts(context.loaded.inventory, pattern, limit));
        std::vector<std::string> names;
        for (auto id : ids) {
            const std::string& name = context.loaded.inventory.host(id).name;
            if (!resume || !resume->only_hosts || resume->only_hosts->contains(name)) {
                names.push_back(name); // --retry-failed keeps the hosts that failed
            }
        }
        return names;
    };
    if (resume) {
        hooks.resume_done = resume_lookup(resume);
    }
    hooks.connection_for = [defaults](const std::string& host, const core::Value& vars) {
        return exec::connection_for(host, vars, defaults);
    };
    hooks.load_tasks = [load_options](const std::string& path, const model::Task& include)
        -> core::Result<std::vector<model::Task>> {
        core::Diagnostics diagnostics;
        auto tasks = playbook::load_tasks_file(path, include, load_options, diagnostics);
        if (diagnostics.has_errors()) {
            return core::fail(core::Error{core::ErrorKind::config, diagnostics.sorted().front().str(), {}});
        }
        return tasks;
    };
    hooks.load_role = [load_options](const std::string& role, const model::Task& include,
                                     model::AppliedRoles& applied) -> core::Result<std::pair<std::vector<model::Task>, std::vector<model::Task>>> {
        core::Diagnostics diagnostics;
        // Roles are looked up beside the playbook: the include's file, made absolute.
        std::error_code ignored;
        std::filesystem::path dir = std::filesystem::absolute(include.file, ignored).parent_path();
        if (!include.role.empty()) {
            dir = dir.parent_path().parent_path().parent_path(); // roles/<role>/tasks/x.yml -> playbook dir
        }
        auto loaded = playbook::load_role(role, include, dir.string(), load_options, diagnostics, applied);
        if (diagnostics.has_errors()) {
            return core::fail(core::Error{core::ErrorKind::config, diagnostics.sorted().front().str(), {}});
        }
        return std::make_pair(std::move(loaded.tasks), std::move(loaded.handlers));
    };
    return hooks;
}

int exit_code_of(const model::Recap& recap)
{
    bool failed = false;
    bool unreachable = false;
    for (const auto& [host, counters] : recap.hosts) {
        failed = failed || counters.failed > 0;
        unreachable = unreachable || counters.unreachable > 0;
    }
    if (failed) {
        return core::k_exit_failed;
    }
    return unreachable ? core::k_exit_unreachable : core::k_exit_ok;
}

void apply_connection_flags(exec::ConnectionDefaults& defaults, bool become, const std::string& become_user,
                            const std::string& host_key_checking)
{
    defaults.force_become = become;
    if (!become_user.empty()) {
        defaults.become_user_flag = become_user;
    }
    if (host_key_checking == "accept-new") {
        defaults.host_key_policy_flag = transport::HostKeyPolicy::accept_new;
    } else if (host_key_checking == "off") {
        defaults.host_key_policy_flag = transport::HostKeyPolicy::off;
    } else if (host_key_checking == "strict") {
        defaults.host_key_policy_flag = transport::HostKeyPolicy::strict;
    }
}

report::LiveView* add_console_reporter(report::EventFanout& reporters, const GlobalOptions& options)
{
    if (options.output == OutputFormat::json) {
        reporters.add(std::make_unique<report::JsonRunReporter>(std::cout));
        return nullptr;
    }
    const report::TextReportOptions text{use_color(options.color, 1), options.verbosity};
    if (live_view_wanted(options)) {
        auto live = std::make_unique<report::LiveView>(std::make_unique<report::TextRunReporter>(std::cout, text),
                                                       std::cout,
                                                       report::LiveViewOptions{use_color(options.color, 1), terminal_columns});
        report::LiveView* view = live.get();
        reporters.add(std::move(live));
        return view;
    }
    reporters.add(std::make_unique<report::TextRunReporter>(std::cout, text));
    return nullptr;
}

std::expected<RunJournal, int> open_run_journal(const RunJournalRequest& request, const GlobalOptions& options,
                                                const Console& console)
{
    const bool resuming = request.resume.resume || request.resume.retry_failed;
    auto journal = open_journal(journal_path(request.state, options), resuming || !request.state.empty(), console);
    if (!journal) {
        return std::unexpected(journal.error());
    }
    RunJournal out{std::move(*journal), nullptr, nullptr};
    if (out.journal) {
        // Before the run row and the resume plan: a refused run is no run.
        auto lock = hold_run_lock(out.journal->location(), request.kind, console);
        if (!lock) {
            return std::unexpected(lock.error());
        }
        out.lock = std::move(*lock);
    }
    if (resuming) {
        auto plan = plan_resume(*out.journal, request.resume, request.playbook_paths, request.inventory_paths,
                                console, request.kind);
        if (!plan) {
            return std::unexpected(plan.error());
        }
        std::cerr << "scsctl: resuming run " << plan->run << "\n";
        out.resume = std::make_shared<const ResumePlan>(std::move(*plan));
    }
    return out;
}

} // namespace scsctl::cli
