// The journal's composition: path resolution, opening (required or best effort), and
// the run row of run and exec.
#include "cli/journal_setup.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "exec/task_digest.hpp"
#include "state/command_line.hpp"
#include "state/journal_path.hpp"
#include "state/run_store_backend.hpp"

namespace scsctl::cli {

namespace fs = std::filesystem;

void add_state_option(CLI::App& command, std::string& state_path)
{
    command
        .add_option("--state", state_path,
                    "The run journal file, or etcd://HOST:PORT/PREFIX to share runs and the lock through etcd "
                    "(default: .scsctl/state.db beside the inventory)")
        ->type_name("PATH|URL");
}

std::optional<std::string> journal_path(const std::string& state_flag, const GlobalOptions& options)
{
    if (!state_flag.empty()) {
        return state_flag;
    }
    if (options.inventories.empty()) {
        return std::nullopt;
    }
    return state::default_journal_path(options.inventories.front());
}

std::expected<std::unique_ptr<state::RunStore>, int> open_journal(const std::optional<std::string>& path,
                                                                 bool required, const Console& console)
{
    if (!path) {
        if (required) {
            console.error("no run journal: give --state PATH, or -i with an inventory file or directory");
            return std::unexpected(core::k_exit_usage);
        }
        return nullptr;
    }
    auto journal = state::open_run_store(*path);
    if (!journal) {
        if (required) {
            console.error(journal.error().str());
            return std::unexpected(core::k_exit_usage);
        }
        console.warning(journal.error().str() + "; running without a journal");
        return nullptr;
    }
    return std::move(*journal);
}

JournalSession::JournalSession(state::RunStore* journal, state::RunRow run, const Console& console)
    : m_journal(journal), m_console(console)
{
    if (m_journal == nullptr) {
        return;
    }
    auto id = m_journal->begin_run(run);
    if (!id) {
        m_console.warning(id.error().str() + "; running without a journal");
        m_journal = nullptr;
        return;
    }
    m_run = *id;
    m_recorder = std::make_unique<state::JournalRecorder>(*m_journal, m_run);
}

void JournalSession::on_event(const model::RunEvent& event)
{
    if (m_recorder) {
        if (SignalScope::received() != 0) {
            m_recorder->mark_interrupted(); // what did not succeed from now on was cut short
        }
        m_recorder->on_event(event);
    }
}

void JournalSession::finish(int exit_code)
{
    if (m_journal == nullptr) {
        return;
    }
    const bool interrupted = exit_code == core::k_exit_interrupted || exit_code == core::k_exit_terminated;
    const char* status = exit_code == core::k_exit_ok ? state::k_run_finished
                         : interrupted                ? state::k_run_interrupted
                                                      : state::k_run_failed;
    auto finished = m_journal->finish_run(m_run, status, exit_code);
    if (!finished) {
        m_console.warning(finished.error().str());
    }
}

std::string user_name()
{
    if (const passwd* entry = ::getpwuid(::geteuid()); entry != nullptr && entry->pw_name != nullptr) {
        return entry->pw_name;
    }
    const char* user = std::getenv("USER");
    return user != nullptr ? user : std::to_string(::geteuid());
}

namespace {

void digest_file(const fs::path& file, std::string& into)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    into += file.string() + "\n" + exec::sha256_hex(content.str()) + "\n";
}

} // namespace

std::string joined_paths(const std::vector<std::string>& paths)
{
    std::string out;
    for (const auto& path : paths) {
        std::error_code error;
        const bool is_path = fs::exists(path, error);
        const std::string shown = is_path ? fs::absolute(path, error).lexically_normal().string() : path;
        out += (out.empty() ? "" : "\n") + shown;
    }
    return out;
}

std::string contents_digest(const std::vector<std::string>& paths)
{
    std::string listing;
    for (const auto& path : paths) {
        std::error_code error;
        if (fs::is_regular_file(path, error)) {
            digest_file(path, listing);
            continue;
        }
        if (!fs::is_directory(path, error)) {
            listing += path + "\n"; // an inline host list
            continue;
        }
        std::vector<fs::path> files;
        for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
             it.increment(error)) {
            if (it->path().filename() == ".scsctl") {
                it.disable_recursion_pending();
            } else if (it->is_regular_file(error)) {
                files.push_back(it->path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            digest_file(file, listing);
        }
    }
    return exec::sha256_hex(listing);
}

state::RunRow new_run_row(const std::string& kind, const GlobalOptions& options)
{
    state::RunRow run;
    run.kind = kind;
    run.command_line = state::journal_command_line(state::own_arguments());
    run.user = user_name();
    run.started_at = state::now_seconds();
    run.pid = ::getpid();
    run.inventory_paths = joined_paths(options.inventories);
    run.inventory_hash = contents_digest(options.inventories);
    return run;
}

} // namespace scsctl::cli
