// scsctl exec: one command on every host a pattern selects, over SSH (or locally),
// grouped text or JSON Lines out, a deterministic exit code; each host's outcome is
// recorded in the run journal.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command_table.hpp"
#include "cli/inventory_context.hpp"
#include "cli/journal_setup.hpp"
#include "cli/report_files.hpp"
#include "cli/run_inputs.hpp"
#include "cli/secret_setup.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "exec/adhoc.hpp"
#include "exec/task_digest.hpp"
#include "report/adhoc_events.hpp"
#include "report/adhoc_report.hpp"
#include "report/event_fanout.hpp"
#include "secrets/event_redaction.hpp"

namespace scsctl::cli {

namespace {

struct ExecOptions {
    std::string pattern;
    std::vector<std::string> command;
    std::string limit;
    int forks = 0;
    double timeout = 0;
    double connect_timeout = 0;
    bool become = false;
    std::string become_user;
    std::string host_key_checking;
    std::string stdin_file;
    unsigned threads = 0;
    std::string state;
    ReportFiles reports; ///< --junit, --report
    SecretFlags secrets; ///< --secrets, --vault-password-file
};

std::expected<std::string, int> read_stdin_data(const std::string& path, const Console& console)
{
    if (path.empty()) {
        return std::string();
    }
    std::ostringstream buffer;
    if (path == "-") {
        buffer << std::cin.rdbuf();
        return buffer.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        console.error(path + ": cannot read the --stdin file");
        return std::unexpected(core::k_exit_usage);
    }
    buffer << in.rdbuf();
    return buffer.str();
}

void apply_flags(const ExecOptions& flags, exec::ConnectionDefaults& defaults)
{
    defaults.force_become = flags.become;
    if (!flags.become_user.empty()) {
        defaults.become_user_flag = flags.become_user;
    }
    if (flags.host_key_checking == "strict") {
        defaults.host_key_policy_flag = transport::HostKeyPolicy::strict;
    } else if (flags.host_key_checking == "accept-new") {
        defaults.host_key_policy_flag = transport::HostKeyPolicy::accept_new;
    } else if (flags.host_key_checking == "off") {
        defaults.host_key_policy_flag = transport::HostKeyPolicy::off;
    }
    if (flags.connect_timeout > 0) {
        defaults.connect_timeout = std::chrono::milliseconds(static_cast<long>(flags.connect_timeout * 1000));
    }
}

int exit_code_of(const std::vector<model::CommandOutcome>& outcomes)
{
    bool failed = false;
    bool unreachable = false;
    for (const auto& outcome : outcomes) {
        failed = failed || outcome.status == model::HostStatus::failed;
        unreachable = unreachable || outcome.status == model::HostStatus::unreachable;
    }
    if (failed) {
        return core::k_exit_failed;
    }
    return unreachable ? core::k_exit_unreachable : core::k_exit_ok;
}

int run_exec(const ExecOptions& flags, const GlobalOptions& options)
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
    // Outputs, messages and the journal never show a store value or a become password.
    auto exec_secrets = load_run_secrets(flags.secrets, options, console);
    if (!exec_secrets) {
        return exec_secrets.error();
    }
    const std::shared_ptr<secrets::Redactor> redactor = exec_secrets->redactor;
    add_host_passwords(run_hosts(context->loaded.inventory), *redactor);
    console.set_filter([redactor](const std::string& text) { return redactor->redact(text); });
    auto hosts = select_hosts(*context, flags.pattern, flags.limit, console);
    if (!hosts) {
        return hosts.error();
    }
    exec::ConnectionDefaults defaults = connection_defaults(*context);
    apply_flags(flags, defaults);
    auto connections = connections_for(*context, *hosts, defaults, console, exec_secrets->values);
    if (!connections) {
        return connections.error();
    }
    auto stdin_data = read_stdin_data(flags.stdin_file, console);
    if (!stdin_data) {
        return stdin_data.error();
    }
    std::vector<exec::AdhocHost> targets;
    for (std::size_t i = 0; i < hosts->size(); ++i) {
        targets.push_back({context->loaded.inventory.host((*hosts)[i]).name, std::move((*connections)[i])});
    }
    exec::AdhocOptions adhoc;
    for (const auto& word : flags.command) {
        adhoc.command += (adhoc.command.empty() ? "" : " ") + word;
    }
    adhoc.stdin_data = std::move(*stdin_data);
    adhoc.forks = static_cast<std::size_t>(context->settings.forks());
    adhoc.timeout = std::chrono::milliseconds(static_cast<long>(flags.timeout * 1000));

    transport::PoolOptions pool_options;
    pool_options.threads = flags.threads;
    transport::Pool pool(pool_options);
    if (options.verbosity >= 2) {
        pool.set_trace([&console](const std::string& host, const std::string& message) {
            console.info(host + ": " + message);
        });
    }
    // The file reports see the command as one task of one play (report/adhoc_events.hpp).
    report::EventFanout reporters;
    if (auto added = add_file_reporters(reporters, flags.reports, "exec " + flags.pattern + " -- " + adhoc.command,
                                        console);
        !added) {
        return added.error();
    }
    for (const auto& event : report::adhoc_start_events(flags.pattern, adhoc.command)) {
        reporters.on_event(event);
    }
    auto journal = open_journal(journal_path(flags.state, options), !flags.state.empty(), console);
    if (!journal) {
        return journal.error();
    }
    JournalSession session(journal->get(), new_run_row("exec", options), console);
    const std::string task_id = exec::sha256_hex("exec\n" + adhoc.command);
    SignalScope signals(pool);
    const auto started = std::chrono::steady_clock::now();
    const bool json = options.output == OutputFormat::json;
    auto outcomes = exec::run_adhoc(pool, targets, adhoc, [&](const model::CommandOutcome& raw) {
        model::CommandOutcome outcome = raw;
        secrets::redact_outcome(outcome, *redactor);
        if (session.recorder() != nullptr) {
            session.recorder()->on_command(outcome, task_id, adhoc.command);
        }
        for (const auto& event : report::adhoc_outcome_events(outcome, adhoc.command)) {
            reporters.on_event(event);
        }
        if (json) {
            report::write_adhoc_json_line(std::cout, outcome);
            std::cout.flush();
        }
    });
    for (auto& outcome : outcomes) {
        secrets::redact_outcome(outcome, *redactor);
    }
    if (!json) {
        report::write_adhoc_text(std::cout, outcomes, use_color(options.color, 1));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::ostringstream summary;
    summary.precision(2);
    summary << std::fixed << report::adhoc_summary(outcomes) << " (" << seconds << " s)";
    std::cerr << "scsctl: exec: " << summary.str() << "\n";
    reporters.on_event(report::adhoc_recap(outcomes));
    const int code = SignalScope::exit_code_or(exit_code_of(outcomes));
    session.finish(code);
    return finish_reports(reporters, code, console);
}

} // namespace

void define_exec(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<ExecOptions>();
    command.add_option("pattern", flags->pattern, "Host pattern (Ansible syntax: all, web:&prod, ~db\\d+, ...)")
        ->required();
    command.add_option("command", flags->command, "The command and its arguments, after --; joined with spaces and "
                                                  "run by the remote user's shell, as ssh does")
        ->required();
    command.add_option("-l,--limit", flags->limit, "Further limit the hosts (pattern, or @file)");
    command.add_option("-f,--forks", flags->forks, "Hosts in flight at once (default: the forks setting)")
        ->check(CLI::PositiveNumber);
    command.add_option("-t,--timeout", flags->timeout, "Seconds a command may run (default: no limit)")
        ->check(CLI::NonNegativeNumber);
    command.add_option("--connect-timeout", flags->connect_timeout, "Seconds to connect (default: the timeout setting)")
        ->check(CLI::PositiveNumber);
    command.add_flag("-b,--become", flags->become, "Run the command through sudo (ansible_become_* apply)");
    command.add_option("--become-user", flags->become_user, "User to become (default: ansible_become_user or root)");
    command.add_option("--host-key-checking", flags->host_key_checking, "Override the host key policy")
        ->check(CLI::IsMember({"strict", "accept-new", "off"}).description(""))
        ->type_name("strict|accept-new|off");
    command.add_option("--stdin", flags->stdin_file, "Send this file to the command's stdin ('-': scsctl's stdin)")
        ->type_name("FILE");
    command.add_option("--threads", flags->threads, "Transport worker threads (default: one per core, at most 4)");
    add_state_option(command, flags->state);
    add_report_file_options(command, flags->reports);
    add_secret_options(command, flags->secrets);
    command.callback([flags, &options] { options.action = [flags, &options] { return run_exec(*flags, options); }; });
}

} // namespace scsctl::cli
