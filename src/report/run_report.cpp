// The two run reporters. The text layout follows Ansible's default callback so that
// operators read what they are used to; JSON lines are for CI.
#include "report/run_report.hpp"

#include <cstdio>

#include "report/json_schema_version.hpp"

namespace scsctl::report {

namespace {

const char* k_green = "\033[0;32m";
const char* k_yellow = "\033[0;33m";
const char* k_red = "\033[0;31m";
const char* k_dark_gray = "\033[1;30m";
const char* k_cyan = "\033[0;36m";
const char* k_reset = "\033[0m";

std::string banner(const std::string& text)
{
    std::string out = text + " ";
    if (out.size() < 80) {
        out.append(80 - out.size(), '*');
    }
    return out;
}

/// Python's json.dumps(sort_keys=True) layout, which Ansible's callback prints: ", " and
/// ": " separators on one line, or indent=4.
void python_style(const nlohmann::json& value, std::string& out)
{
    if (value.is_object()) {
        out += "{";
        bool first = true;
        for (const auto& [key, item] : value.items()) {
            out += first ? "" : ", ";
            first = false;
            out += nlohmann::json(key).dump() + ": ";
            python_style(item, out);
        }
        out += "}";
    } else if (value.is_array()) {
        out += "[";
        for (std::size_t i = 0; i < value.size(); ++i) {
            out += i == 0 ? "" : ", ";
            python_style(value[i], out);
        }
        out += "]";
    } else {
        out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

std::string result_json(const core::Value& result, bool pretty)
{
    const nlohmann::json sorted = nlohmann::json::parse(result.dump(-1, ' ', false, core::Value::error_handler_t::replace));
    if (pretty) {
        return sorted.dump(4, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    std::string out;
    python_style(sorted, out);
    return out;
}

/// What Ansible's callback leaves out of a shown result: `failed` and `skipped` (the
/// status is the line's own, TaskResult.clean_copy), and `changed` of debug.
core::Value shown(const model::HostResult& result)
{
    core::Value out = result.result;
    if (out.is_object()) {
        out.erase("failed");
        out.erase("skipped");
        if (result.action == "debug") {
            out.erase("changed");
        }
    }
    return out;
}

/// What Ansible's default callback prints after "ok: [host] =>" for modules with output.
bool shows_result(const model::HostResult& result, int verbosity)
{
    if (verbosity > 0) {
        return true;
    }
    return result.action == "debug" && result.result.is_object();
}

core::Value task_done_json(const model::TaskDone& done)
{
    core::Value out{{"event", "task_done"},         {"host", done.host},
                    {"task", done.task},            {"task_id", done.task_id},
                    {"args_digest", done.args_digest}, {"status", model::task_status_name(done.status)},
                    {"ignored", done.ignored},      {"rescued", done.rescued},
                    {"changed", done.changed},      {"duration_ms", done.duration_ms},
                    {"error", done.error},          {"stdout", done.stdout_text},
                    {"stderr", done.stderr_text},   {"diff_digest", done.diff_digest},
                    {"result", done.result}};
    if (done.rc) {
        out["rc"] = *done.rc;
    }
    if (done.resumed_from != 0) {
        out["resumed_from"] = done.resumed_from;
    }
    return out;
}

} // namespace

void TextRunReporter::on_event(const model::RunEvent& event)
{
    if (const auto* play = std::get_if<model::PlayStarted>(&event)) {
        m_out << "\n" << banner("PLAY [" + play->name + "]") << "\n";
    } else if (const auto* task = std::get_if<model::TaskStarted>(&event)) {
        m_out << "\n" << banner(std::string(task->handler ? "RUNNING HANDLER [" : "TASK [") + task->name + "]") << "\n";
    } else if (const auto* result = std::get_if<model::HostResult>(&event)) {
        host_result(*result);
    } else if (const auto* retry = std::get_if<model::TaskRetrying>(&event)) {
        const std::string line = "FAILED - RETRYING: [" + retry->host + "]: " + retry->task + " (" +
                                 std::to_string(retry->retries_left) + " retries left).";
        // As Ansible's default callback: dark gray, the attempt's result from -vv on.
        const std::string text =
            line + (m_options.verbosity >= 2 ? "Result was: " + result_json(retry->result, false) : std::string());
        m_out << (m_options.color ? std::string(k_dark_gray) + text + k_reset : text) << "\n";
    } else if (const auto* recap_event = std::get_if<model::Recap>(&event)) {
        recap(*recap_event);
    }
    m_out.flush();
}

void TextRunReporter::host_result(const model::HostResult& result)
{
    auto paint = [&](const char* color, const std::string& text) {
        return m_options.color ? std::string(color) + text + k_reset : text;
    };
    if (!result.diff.empty()) {
        m_out << result.diff;
    }
    const std::string host = result.delegated_to.empty() ? "[" + result.host + "]"
                                                         : "[" + result.host + " -> " + result.delegated_to + "]";
    const std::string item = result.is_item ? " => (item=" + result.item_label + ")" : "";
    if (result.result.is_object() && result.result.contains("included")) {
        m_out << paint(k_cyan, "included: " + result.result["included"].get<std::string>() + " for " + result.host) << "\n";
        return;
    }
    switch (result.status) {
    case model::TaskStatus::ok:
    case model::TaskStatus::changed: {
        const bool changed = result.status == model::TaskStatus::changed;
        std::string line = std::string(changed ? "changed: " : "ok: ") + host + item;
        if (shows_result(result, m_options.verbosity)) {
            line += " => " + result_json(shown(result), true);
        }
        m_out << paint(changed ? k_yellow : k_green, line) << "\n";
        break;
    }
    case model::TaskStatus::skipped:
        m_out << paint(k_cyan, "skipping: " + host + item) << "\n";
        break;
    case model::TaskStatus::failed:
        if (result.is_item) {
            m_out << paint(k_red, "failed: " + host + " (item=" + result.item_label + ") => " +
                                      result_json(shown(result), false))
                  << "\n";
        } else if (!(result.result.is_object() && result.result.contains("results"))) {
            // A loop's failed total is not printed: its items were (Ansible's _process_items).
            m_out << paint(k_red, "fatal: " + host + ": FAILED! => " + result_json(shown(result), false)) << "\n";
        }
        if (result.ignored && !result.is_item) {
            m_out << paint(k_cyan, "...ignoring") << "\n";
        }
        break;
    case model::TaskStatus::unreachable:
        m_out << paint(k_red, "fatal: " + host + ": UNREACHABLE! => " + result_json(shown(result), false)) << "\n";
        break;
    }
}

void TextRunReporter::recap(const model::Recap& recap)
{
    m_out << "\n" << banner("PLAY RECAP") << "\n";
    for (const auto& [host, c] : recap.hosts) {
        char line[512];
        std::snprintf(line, sizeof line, "%-26s : ok=%-4d changed=%-4d unreachable=%-4d failed=%-4d skipped=%-4d rescued=%-4d ignored=%-4d",
                      host.c_str(), c.ok, c.changed, c.unreachable, c.failed, c.skipped, c.rescued, c.ignored);
        const char* color = c.failed > 0 || c.unreachable > 0 ? k_red : (c.changed > 0 ? k_yellow : k_green);
        m_out << (m_options.color ? std::string(color) + line + k_reset : std::string(line)) << "\n";
    }
    m_out << "\n";
}

namespace {

/// "event" first, then "schema", then the event's own fields.
core::Value stamped(const core::Value& body)
{
    core::Value out{{"event", body["event"]}, {"schema", k_json_schema_version}};
    for (const auto& [key, value] : body.items()) {
        if (key != "event") {
            out[key] = value;
        }
    }
    return out;
}

core::Value event_body(const model::RunEvent& event)
{
    if (const auto* play = std::get_if<model::PlayStarted>(&event)) {
        return core::Value{{"event", "play_start"}, {"name", play->name}, {"hosts", play->hosts_pattern},
                           {"check_mode", play->check_mode}};
    }
    if (const auto* task = std::get_if<model::TaskStarted>(&event)) {
        return core::Value{{"event", task->handler ? "handler_start" : "task_start"}, {"name", task->name},
                           {"where", task->where}};
    }
    if (const auto* result = std::get_if<model::HostResult>(&event)) {
        core::Value out{{"event", result->is_item ? "item_result" : "host_result"},
                        {"host", result->host},
                        {"task", result->task},
                        {"status", model::task_status_name(result->status)},
                        {"ignored", result->ignored}};
        if (result->is_item) {
            out["item"] = result->item_label;
        }
        if (!result->delegated_to.empty()) {
            out["delegated_to"] = result->delegated_to;
        }
        out["result"] = result->result;
        if (!result->diff.empty()) {
            out["diff"] = result->diff;
        }
        out["duration_ms"] = result->duration_ms;
        return out;
    }
    if (const auto* done = std::get_if<model::TaskDone>(&event)) {
        return task_done_json(*done);
    }
    if (const auto* retry = std::get_if<model::TaskRetrying>(&event)) {
        return core::Value{{"event", "task_retrying"}, {"host", retry->host}, {"task", retry->task},
                           {"retries_left", retry->retries_left}, {"result", retry->result}};
    }
    const auto& recap = std::get<model::Recap>(event);
    core::Value hosts = core::Value::object();
    for (const auto& [host, c] : recap.hosts) {
        hosts[host] = core::Value{{"ok", c.ok},           {"changed", c.changed}, {"unreachable", c.unreachable},
                                  {"failed", c.failed},   {"skipped", c.skipped}, {"rescued", c.rescued},
                                  {"ignored", c.ignored}};
    }
    return core::Value{{"event", "recap"}, {"hosts", hosts}};
}

} // namespace

core::Value event_json(const model::RunEvent& event)
{
    return stamped(event_body(event));
}

void JsonRunReporter::on_event(const model::RunEvent& event)
{
    if (std::holds_alternative<model::TaskDone>(event)) {
        return; // the journal's record; host_result lines already told the story
    }
    m_out << event_json(event).dump(-1, ' ', false, core::Value::error_handler_t::replace) << "\n";
    m_out.flush();
}

} // namespace scsctl::report
