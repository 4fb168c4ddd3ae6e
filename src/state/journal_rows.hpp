// The rows of the run journal as plain values: a run, one task×host result, one host's
// facts. What the journal writes and its queries return. Depends on core.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "core/value.hpp"

namespace scsctl::state {

using RunId = std::int64_t;

/// How a run ended: "running" until it finishes; a run killed with SIGKILL stays "running".
inline constexpr const char* k_run_running = "running";
inline constexpr const char* k_run_finished = "finished";
inline constexpr const char* k_run_failed = "failed";
inline constexpr const char* k_run_interrupted = "interrupted";

/// Stored in place of the output of no_log tasks.
inline constexpr const char* k_censored = "censored";

/// Outputs are stored up to this many bytes each.
inline constexpr std::size_t k_output_cap = 64 * 1024;

struct RunRow {
    RunId id = 0;
    std::string kind;         ///< "run", "exec" or "deploy"
    std::string command_line; ///< -e values left out (state/command_line.hpp)
    std::string user;
    double started_at = 0; ///< seconds since the epoch
    std::optional<double> ended_at;
    std::string inventory_paths; ///< absolute, joined with '\n'
    std::string inventory_hash;
    std::string playbook_paths; ///< absolute, joined with '\n' ("" for exec)
    std::string playbook_hash;
    std::string status = k_run_running;
    std::optional<std::int64_t> exit_code;
    std::int64_t pid = 0;
    std::optional<RunId> resumed_from;
};

struct TaskRow {
    RunId run = 0;
    std::string task_id;
    std::string task_name;
    std::string action;
    std::string host;
    std::string status; ///< ok, changed, failed, skipped, unreachable, rescued, ignored
    bool changed = false;
    std::optional<std::int64_t> rc;
    double duration_ms = 0;
    double finished_at = 0;
    std::string error;
    std::string stdout_text; ///< capped at k_output_cap
    std::string stderr_text;
    std::string diff_digest;
    std::string args_digest;
    core::Value result = core::Value::object(); ///< the registered result (redacted for no_log)
    std::optional<RunId> resumed_from;
};

struct FactsRow {
    RunId run = 0;
    std::string host;
    core::Value facts = core::Value::object();
};

/// What the journal's writer thread commits.
using JournalEntry = std::variant<TaskRow, FactsRow>;

/// Seconds since the epoch, now.
double now_seconds();

/// `text` cut to k_output_cap bytes (at a UTF-8 character boundary), with a marker.
std::string capped_output(const std::string& text);

} // namespace scsctl::state
