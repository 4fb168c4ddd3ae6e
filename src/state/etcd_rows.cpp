// Rows as JSON for etcd. Outputs are capped as the SQLite journal caps them; optional
// columns are JSON null. A record missing a field or with a field of the wrong type is
// refused as a whole (a later scsctl adding fields still reads older records).
#include "state/etcd_rows.hpp"

#include "core/value.hpp"

namespace scsctl::state {

namespace {

std::string dumped(const core::Value& value)
{
    return value.dump(-1, ' ', false, core::Value::error_handler_t::replace);
}

core::Value optional_value(const auto& value)
{
    return value ? core::Value(*value) : core::Value(nullptr);
}

/// Reads fields of one record; `ok` turns false at the first missing or mistyped one.
class Fields {
  public:
    explicit Fields(const std::string& text) : m_in(core::Value::parse(text, nullptr, false)), m_ok(m_in.is_object()) {}
    bool ok() const { return m_ok; }

    std::string text(const char* name) { return get(name, &core::Value::is_string) ? m_found->get<std::string>() : ""; }
    double real(const char* name) { return get(name, &core::Value::is_number) ? m_found->get<double>() : 0; }
    std::int64_t integer(const char* name)
    {
        return get(name, &core::Value::is_number_integer) ? m_found->get<std::int64_t>() : 0;
    }
    bool boolean(const char* name) { return get(name, &core::Value::is_boolean) && m_found->get<bool>(); }
    core::Value object(const char* name)
    {
        return get(name, &core::Value::is_object) ? *m_found : core::Value::object();
    }
    core::Value any(const char* name)
    {
        const auto found = m_ok ? m_in.find(name) : m_in.end();
        m_ok = found != m_in.end();
        return m_ok ? *found : core::Value();
    }
    std::optional<double> optional_real(const char* name)
    {
        return is_null(name) ? std::nullopt : std::optional<double>(real(name));
    }
    std::optional<std::int64_t> optional_integer(const char* name)
    {
        return is_null(name) ? std::nullopt : std::optional<std::int64_t>(integer(name));
    }

    /// A field added later: "" when absent (older records), still an error when mistyped.
    std::string text_or_empty(const char* name)
    {
        return m_ok && m_in.contains(name) ? text(name) : "";
    }

  private:
    bool get(const char* name, bool (core::Value::*is)() const noexcept)
    {
        if (!m_ok) {
            return false;
        }
        m_found = m_in.find(name);
        m_ok = m_found != m_in.end() && ((*m_found).*is)();
        return m_ok;
    }
    bool is_null(const char* name)
    {
        const auto found = m_ok ? m_in.find(name) : m_in.end();
        return found != m_in.end() && found->is_null();
    }

    core::Value m_in;
    core::Value::const_iterator m_found;
    bool m_ok;
};

} // namespace

std::string EtcdRunKeys::padded(std::int64_t number, std::size_t width)
{
    std::string digits = std::to_string(number);
    return digits.size() >= width ? digits : std::string(width - digits.size(), '0') + digits;
}

std::string run_record(const RunRow& run)
{
    core::Value out{{"id", run.id},
                    {"kind", run.kind},
                    {"command_line", run.command_line},
                    {"user", run.user},
                    {"started_at", run.started_at},
                    {"ended_at", optional_value(run.ended_at)},
                    {"inventory_paths", run.inventory_paths},
                    {"inventory_hash", run.inventory_hash},
                    {"playbook_paths", run.playbook_paths},
                    {"playbook_hash", run.playbook_hash},
                    {"status", run.status},
                    {"exit_code", optional_value(run.exit_code)},
                    {"pid", run.pid},
                    {"resumed_from", optional_value(run.resumed_from)}};
    return dumped(out);
}

std::string task_record(const TaskRow& row)
{
    core::Value out{{"run", row.run},
                    {"task_id", row.task_id},
                    {"task_name", row.task_name},
                    {"action", row.action},
                    {"host", row.host},
                    {"status", row.status},
                    {"changed", row.changed},
                    {"rc", optional_value(row.rc)},
                    {"duration_ms", row.duration_ms},
                    {"finished_at", row.finished_at},
                    {"error", row.error},
                    {"stdout", capped_output(row.stdout_text)},
                    {"stderr", capped_output(row.stderr_text)},
                    {"diff_digest", row.diff_digest},
                    {"args_digest", row.args_digest},
                    {"result", row.result},
                    {"resumed_from", optional_value(row.resumed_from)}};
    return dumped(out);
}

std::string facts_record(const FactsRow& row)
{
    return dumped(core::Value{{"run", row.run}, {"host", row.host}, {"facts", row.facts}});
}

std::optional<RunRow> parse_run_record(const std::string& text)
{
    Fields in(text);
    RunRow run;
    run.id = in.integer("id");
    run.kind = in.text("kind");
    run.command_line = in.text("command_line");
    run.user = in.text("user");
    run.started_at = in.real("started_at");
    run.ended_at = in.optional_real("ended_at");
    run.inventory_paths = in.text("inventory_paths");
    run.inventory_hash = in.text("inventory_hash");
    run.playbook_paths = in.text("playbook_paths");
    run.playbook_hash = in.text("playbook_hash");
    run.status = in.text("status");
    run.exit_code = in.optional_integer("exit_code");
    run.pid = in.integer("pid");
    run.resumed_from = in.optional_integer("resumed_from");
    return in.ok() ? std::optional<RunRow>(std::move(run)) : std::nullopt;
}

std::optional<TaskRow> parse_task_record(const std::string& text)
{
    Fields in(text);
    TaskRow row;
    row.run = in.integer("run");
    row.task_id = in.text("task_id");
    row.task_name = in.text("task_name");
    row.action = in.text("action");
    row.host = in.text("host");
    row.status = in.text("status");
    row.changed = in.boolean("changed");
    row.rc = in.optional_integer("rc");
    row.duration_ms = in.real("duration_ms");
    row.finished_at = in.real("finished_at");
    row.error = in.text("error");
    row.stdout_text = in.text("stdout");
    row.stderr_text = in.text("stderr");
    row.diff_digest = in.text("diff_digest");
    row.args_digest = in.text("args_digest");
    row.result = in.any("result");
    row.resumed_from = in.optional_integer("resumed_from");
    return in.ok() ? std::optional<TaskRow>(std::move(row)) : std::nullopt;
}

std::optional<FactsRow> parse_facts_record(const std::string& text)
{
    Fields in(text);
    FactsRow row;
    row.run = in.integer("run");
    row.host = in.text("host");
    row.facts = in.object("facts");
    return in.ok() ? std::optional<FactsRow>(std::move(row)) : std::nullopt;
}

std::string layer_record(const LayerRow& row)
{
    return dumped(core::Value{{"run", row.run},
                              {"layer", row.layer},
                              {"version", row.version},
                              {"host", row.host},
                              {"result", row.result},
                              {"finished_at", row.finished_at},
                              {"inventory_sha256", row.inventory_sha256},
                              {"playbooks_sha256", row.playbooks_sha256}});
}

std::optional<LayerRow> parse_layer_record(const std::string& text)
{
    Fields in(text);
    LayerRow row;
    row.run = in.integer("run");
    row.layer = in.text("layer");
    row.version = in.text("version");
    row.host = in.text("host");
    row.result = in.text("result");
    row.finished_at = in.real("finished_at");
    row.inventory_sha256 = in.text_or_empty("inventory_sha256"); // absent before the hashes were recorded
    row.playbooks_sha256 = in.text_or_empty("playbooks_sha256");
    return in.ok() ? std::optional<LayerRow>(std::move(row)) : std::nullopt;
}

} // namespace scsctl::state
