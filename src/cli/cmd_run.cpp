// scsctl run: Ansible-compatible playbooks over the transport pool. Loads and checks
// every playbook first (all problems at once), then runs them in order with text or
// JSON Lines output, and exits 0, 1 (task failures), 2 (bad input) or 3 (unreachable),
// 4 when another run holds the inventory lock, 130/143 after SIGINT/SIGTERM.
// Each run is recorded in the journal; --resume skips what an earlier run completed.
#include <filesystem>
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/inventory_context.hpp"
#include "cli/journal_setup.hpp"
#include "cli/live_console.hpp"
#include "cli/lock_setup.hpp"
#include "cli/report_files.hpp"
#include "cli/run_inputs.hpp"
#include "cli/run_resume.hpp"
#include "cli/run_session.hpp"
#include "cli/secret_setup.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "exec/playbook_runner.hpp"
#include "inventory/host_pattern.hpp"
#include "playbook/loader.hpp"
#include "secrets/event_redaction.hpp"
#include "report/event_fanout.hpp"
#include "report/run_report.hpp"

namespace scsctl::cli {

namespace {

struct RunFlags {
    std::vector<std::string> playbooks;
    bool check = false;
    bool diff = false;
    std::string limit;
    std::vector<std::string> tags;
    std::vector<std::string> skip_tags;
    std::vector<std::string> extra_vars;
    int forks = 0;
    std::string start_at_task;
    bool list_tasks = false;
    bool list_hosts = false;
    bool syntax_check = false;
    bool become = false;
    std::string become_user;
    std::string host_key_checking;
    std::vector<std::string> roles_path;
    double timeout = 0;
    std::string state;
    CLI::Option* resume = nullptr; ///< --resume [RUN]: given when its count() > 0
    std::string resume_run;
    bool retry_failed = false;
    SecretFlags secrets; ///< --secrets, --vault-password-file
    ReportFiles reports; ///< --junit, --report
};

void list_play_tasks(const model::Play& play, const std::vector<model::Task>& tasks, int depth)
{
    for (const auto& task : tasks) {
        if (task.kind == model::TaskKind::block) {
            list_play_tasks(play, task.block, depth);
            list_play_tasks(play, task.rescue, depth);
            list_play_tasks(play, task.always, depth);
            continue;
        }
        std::string name = task.name.empty() ? task.action : task.name;
        if (!task.role.empty()) {
            name = task.role + " : " + name;
        }
        std::string tags;
        for (const auto& tag : task.tags) {
            tags += (tags.empty() ? "" : ", ") + tag;
        }
        std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << name << "\tTAGS: [" << tags << "]\n";
    }
}

int list_playbook(const model::Playbook& playbook, const InventoryContext& context, const RunFlags& flags)
{
    std::cout << "\nplaybook: " << playbook.path << "\n";
    for (std::size_t i = 0; i < playbook.plays.size(); ++i) {
        const model::Play& play = playbook.plays[i];
        std::cout << "\n  play #" << (i + 1) << " (" << play.hosts << "): " << play.name << "\n";
        if (flags.list_hosts) {
            auto hosts = inventory::match_hosts(context.loaded.inventory, play.hosts, flags.limit);
            std::cout << "    pattern: ['" << play.hosts << "']\n    hosts (" << (hosts ? hosts->size() : 0) << "):\n";
            if (hosts) {
                for (auto id : *hosts) {
                    std::cout << "      " << context.loaded.inventory.host(id).name << "\n";
                }
            }
        }
        if (flags.list_tasks) {
            std::cout << "    tasks:\n";
            for (const auto* section : {&play.pre_tasks, &play.tasks, &play.post_tasks}) {
                list_play_tasks(play, *section, 3);
            }
        }
    }
    return core::k_exit_ok;
}

/// --resume's value is optional, so CLI11 takes a playbook written right after it as
/// RUN: a value that is not a number is a playbook.
void reclaim_playbook(RunFlags& flags)
{
    const std::string& value = flags.resume_run;
    if (!value.empty() && value.find_first_not_of("0123456789") != std::string::npos) {
        flags.playbooks.insert(flags.playbooks.begin(), value);
        flags.resume_run.clear();
    }
}

int run_playbooks(const RunFlags& flags, const GlobalOptions& options)
{
    Console console(options);
    std::vector<config::FlagValue> flag_values;
    if (flags.forks > 0) {
        flag_values.push_back({"forks", "--forks", std::to_string(flags.forks)});
    }
    auto context = load_inventory_context(options, console, flag_values);
    if (!context) {
        return context.error();
    }
    auto extra_vars = parse_extra_vars(flags.extra_vars, console);
    if (!extra_vars) {
        return extra_vars.error();
    }
    playbook::LoadOptions load_options;
    load_options.roles_path = flags.roles_path;
    load_options.modules = module_catalog();
    std::vector<model::Playbook> playbooks;
    core::Diagnostics diagnostics;
    for (const auto& path : flags.playbooks) {
        playbooks.push_back(playbook::load_playbook(path, load_options, diagnostics));
    }
    if (console.report(diagnostics) > 0) {
        return core::k_exit_usage;
    }
    if (flags.syntax_check) {
        for (const auto& path : flags.playbooks) {
            std::cout << "\nplaybook: " << path << "\n";
        }
        return core::k_exit_ok;
    }
    if (flags.list_tasks || flags.list_hosts) {
        for (const auto& loaded : playbooks) {
            list_playbook(loaded, *context, flags);
        }
        return core::k_exit_ok;
    }
    // Secret-store values are variables below -e; every event and message is redacted.
    auto run_secrets = load_run_secrets(flags.secrets, options, console);
    if (!run_secrets) {
        return run_secrets.error();
    }
    add_secret_vars(*extra_vars, run_secrets->values);
    add_host_passwords(run_hosts(context->loaded.inventory), *run_secrets->redactor);
    console.set_filter([redactor = run_secrets->redactor](const std::string& text) { return redactor->redact(text); });
    exec::ConnectionDefaults defaults = connection_defaults(*context);
    apply_connection_flags(defaults, flags.become, flags.become_user, flags.host_key_checking);
    exec::RunOptions run_options;
    run_options.check = flags.check;
    run_options.diff = flags.diff;
    run_options.forks = static_cast<std::size_t>(context->settings.forks());
    run_options.tags = split_commas(flags.tags);
    run_options.skip_tags = split_commas(flags.skip_tags);
    run_options.start_at_task = flags.start_at_task;
    run_options.limit = flags.limit;
    run_options.extra_vars = std::move(*extra_vars);
    run_options.task_timeout = std::chrono::milliseconds(static_cast<long>(flags.timeout * 1000));

    report::EventFanout reporters;
    report::LiveView* live_view = add_console_reporter(reporters, options); // owned by reporters
    std::string title = "run";
    for (const auto& path : flags.playbooks) {
        title += " " + path;
    }
    if (auto added = add_file_reporters(reporters, flags.reports, title, console); !added) {
        return added.error();
    }

    const RunJournalRequest journal_request{flags.state,
                                            {flags.resume->count() > 0, flags.resume_run, flags.retry_failed},
                                            "run",
                                            joined_paths(flags.playbooks),
                                            joined_paths(options.inventories)};
    auto journal = open_run_journal(journal_request, options, console);
    if (!journal) {
        return journal.error();
    }
    if (journal->resume && journal->resume->only_hosts && journal->resume->only_hosts->empty()) {
        std::cerr << "scsctl: run " << journal->resume->run << " has no failed or unreachable hosts to retry\n";
        return core::k_exit_ok;
    }
    state::RunRow run_row = new_run_row("run", options);
    run_row.playbook_paths = joined_paths(flags.playbooks);
    run_row.playbook_hash = contents_digest(flags.playbooks);
    if (journal->resume) {
        run_row.resumed_from = journal->resume->run;
    }
    if (live_view != nullptr && journal->journal) {
        live_view->set_history(task_history(*journal->journal, run_row.playbook_paths, run_row.inventory_paths));
    }
    JournalSession session(journal->journal.get(), std::move(run_row), console);

    transport::Pool pool;
    SignalScope signals(pool);
    int code = core::k_exit_ok;
    for (const auto& loaded : playbooks) {
        exec::PlaybookRunner runner(pool, run_hosts(context->loaded.inventory),
                                    groups_variable(context->loaded.inventory), run_options,
                                    make_hooks(*context, defaults, load_options, flags.limit, journal->resume),
                                    secrets::redacting_sink(run_secrets->redactor, [&](const model::RunEvent& event) {
                                        reporters.on_event(event);
                                        session.on_event(event);
                                    }));
        auto recap = runner.run(loaded);
        if (!recap) {
            console.error(recap.error().str());
            session.finish(core::exit_code_for(recap.error().kind));
            return finish_reports(reporters, core::exit_code_for(recap.error().kind), console);
        }
        code = std::max(code, exit_code_of(*recap));
        if (code != core::k_exit_ok) {
            break;
        }
    }
    code = SignalScope::exit_code_or(code);
    session.finish(code);
    return finish_reports(reporters, code, console);
}

} // namespace

void define_run(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<RunFlags>();
    command.add_option("playbook", flags->playbooks, "Playbook files to run, in order");
    command.add_flag("-C,--check", flags->check, "Show what would change without changing anything");
    command.add_flag("-D,--diff", flags->diff, "Show the changes made to files (and what would change with --check)");
    command.add_option("-l,--limit", flags->limit, "Further limit the hosts with a pattern (or @file)");
    command.add_option("-t,--tags", flags->tags, "Run only tasks with these tags (comma-separated, repeatable)");
    command.add_option("--skip-tags", flags->skip_tags, "Skip tasks with these tags");
    command.add_option("-e,--extra-vars", flags->extra_vars, "Variables: key=value, JSON/YAML, or @file (repeatable)");
    command.add_option("-f,--forks", flags->forks, "Hosts in flight at once (default from config: 50)");
    command.add_option("--start-at-task", flags->start_at_task, "Start at the task with this name");
    command.add_flag("--list-tasks", flags->list_tasks, "List the tasks that would run, then exit");
    command.add_flag("--list-hosts", flags->list_hosts, "List the hosts each play would run on, then exit");
    command.add_flag("--syntax-check", flags->syntax_check, "Check the playbooks (all problems at once), then exit");
    command.add_flag("-b,--become", flags->become, "Run tasks as root (sudo) unless the task says otherwise");
    command.add_option("--become-user", flags->become_user, "The user --become switches to");
    command.add_option("--host-key-checking", flags->host_key_checking, "strict (default), accept-new or off")
        ->check(CLI::IsMember({"strict", "accept-new", "off"}));
    command.add_option("--roles-path", flags->roles_path, "Extra directories to search for roles (repeatable)");
    command.add_option("--timeout", flags->timeout, "Default per-task time limit in seconds (0: none)");
    add_state_option(command, flags->state);
    add_secret_options(command, flags->secrets);
    add_report_file_options(command, flags->reports);
    flags->resume = command.add_option("--resume", flags->resume_run,
                                       "Run again, skipping what run RUN (default: the last unfinished run of these "
                                       "playbooks and inventories) completed with the same arguments")
                        ->expected(0, 1)
                        ->type_name("[RUN]");
    command.add_flag("--retry-failed", flags->retry_failed,
                     "With --resume: only the hosts that failed, were unreachable or were interrupted in that run");
    command.callback([flags, &options] {
        reclaim_playbook(*flags);
        if (flags->playbooks.empty()) {
            throw CLI::RequiredError("playbook");
        }
        options.action = [flags, &options] { return run_playbooks(*flags, options); };
    });
}

} // namespace scsctl::cli
