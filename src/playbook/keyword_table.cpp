// Keyword tables for plays, tasks, blocks and role entries (ansible-core 2.14 names).
// Depends on the standard library only.
#include "playbook/keyword_table.hpp"

#include <algorithm>
#include <array>

namespace scsctl::playbook {

namespace {

const std::array<std::string, 28> k_play = {
    "any_errors_fatal", "become",  "become_method", "become_user", "check_mode",   "connection", "diff",
    "environment",      "force_handlers", "gather_facts", "handlers", "hosts",       "ignore_errors", "max_fail_percentage",
    "name",             "no_log",  "order",         "post_tasks",  "pre_tasks",    "roles",      "run_once",
    "serial",           "strategy", "tags",         "tasks",       "throttle",     "vars",       "vars_files"};

const std::array<std::string, 30> k_task = {
    "any_errors_fatal", "args",         "become",      "become_method", "become_user", "changed_when",
    "check_mode",       "delay",        "delegate_facts", "delegate_to", "diff",       "environment",
    "failed_when",      "ignore_errors", "ignore_unreachable", "listen", "loop_control", "name",
    "no_log",           "notify",       "register",    "retries",       "run_once",    "tags",
    "throttle",         "timeout",      "until",       "vars",          "when",        "loop"};

const std::array<std::string, 20> k_block = {
    "any_errors_fatal", "become",       "become_method", "become_user", "check_mode", "delegate_facts",
    "delegate_to",      "diff",         "environment",   "ignore_errors", "ignore_unreachable", "name",
    "no_log",           "notify",       "run_once",      "tags",        "throttle",   "timeout",
    "vars",             "when"};

const std::array<std::string, 4> k_loops = {"loop", "with_items", "with_list", "with_dict"};

const std::array<std::string, 4> k_loop_control = {"index_var", "label", "loop_var", "pause"};

const std::array<std::string, 17> k_role_entry = {
    "any_errors_fatal", "become",      "become_method", "become_user", "check_mode", "delegate_to",
    "diff",             "environment", "ignore_errors", "name",        "no_log",     "role",
    "run_once",         "tags",        "throttle",      "vars",        "when"};

const std::array<std::string_view, 16> k_unsupported_play = {
    "become_exe",   "become_flags", "collections", "debugger",    "fact_path",   "gather_subset",
    "gather_timeout", "ignore_unreachable", "module_defaults", "port", "remote_user", "timeout",
    "vars_prompt",  "become_password", "max_concurrent", "validate_argspec"};

const std::array<std::string_view, 12> k_unsupported_task = {
    "async",       "poll",        "collections", "connection", "debugger", "module_defaults",
    "port",        "remote_user", "become_exe",  "become_flags", "static", "first_available_file"};

} // namespace

std::span<const std::string> play_keywords() { return k_play; }
std::span<const std::string> task_keywords() { return k_task; }
std::span<const std::string> block_keywords() { return k_block; }
std::span<const std::string> loop_keywords() { return k_loops; }
std::span<const std::string> loop_control_keys() { return k_loop_control; }
std::span<const std::string> role_entry_keywords() { return k_role_entry; }

bool is_unsupported_play_keyword(std::string_view key)
{
    return std::find(k_unsupported_play.begin(), k_unsupported_play.end(), key) != k_unsupported_play.end();
}

bool is_unsupported_task_keyword(std::string_view key)
{
    return std::find(k_unsupported_task.begin(), k_unsupported_task.end(), key) != k_unsupported_task.end();
}

bool contains(std::span<const std::string> list, std::string_view word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::string join_names(std::span<const std::string> names)
{
    std::string out;
    for (const auto& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

} // namespace scsctl::playbook
