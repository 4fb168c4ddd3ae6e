// The plan file's JSON (plan_json.hpp). The reader checks every field it uses, so a
// hand-edited or truncated plan is a one-line error, never a crash.
#include "plan/plan_json.hpp"

#include "core/text_file.hpp"

namespace scsctl::plan {

namespace {

core::Value string_list(const std::vector<std::string>& items)
{
    core::Value out = core::Value::array();
    for (const auto& item : items) {
        out.push_back(item);
    }
    return out;
}

core::Value task_json(const TaskPlan& task)
{
    return core::Value{{"name", task.name},       {"action", task.action}, {"tags", string_list(task.tags)},
                       {"role", task.role},       {"file", task.file},     {"line", task.line},
                       {"dynamic", task.dynamic}, {"handler", task.handler}};
}

core::Value play_json(const PlayPlan& play)
{
    core::Value tasks = core::Value::array();
    for (const auto& task : play.tasks) {
        tasks.push_back(task_json(task));
    }
    return core::Value{{"name", play.name},
                       {"hosts_pattern", play.hosts_pattern},
                       {"hosts", string_list(play.hosts)},
                       {"hosts_at_run_time", play.hosts_at_run_time},
                       {"tasks", std::move(tasks)}};
}

core::Value layer_json(const LayerPlan& layer)
{
    core::Value plays = core::Value::array();
    for (const auto& play : layer.plays) {
        plays.push_back(play_json(play));
    }
    return core::Value{{"name", layer.name},
                       {"version", layer.version},
                       {"depends_on", string_list(layer.depends_on)},
                       {"hosts", string_list(layer.hosts)},
                       {"playbook_dir", layer.playbook_dir},
                       {"playbook", layer.playbook.empty() ? core::Value(nullptr) : core::Value(layer.playbook)},
                       {"playbooks_sha256", layer.playbooks_sha256},
                       {"plays", std::move(plays)}};
}

/// Reads fields of one JSON object; the first problem is kept with its path.
class Reader {
  public:
    Reader(const core::Value& value, std::string path, std::string* problem)
        : m_value(value), m_path(std::move(path)), m_problem(problem)
    {
        if (!m_value.is_object()) {
            fail(m_path, "expected an object");
        }
    }
    std::string text(const char* key) { return field(key, &core::Value::is_string, "a string").get<std::string>(); }
    std::string text_or_null(const char* key)
    {
        const auto& value = raw(key);
        if (value.is_null()) {
            return {};
        }
        return text(key);
    }
    int integer(const char* key) { return field(key, &core::Value::is_number_integer, "an integer").get<int>(); }
    bool boolean(const char* key) { return field(key, &core::Value::is_boolean, "true or false").get<bool>(); }
    std::vector<std::string> strings(const char* key)
    {
        std::vector<std::string> out;
        const auto& list = field(key, &core::Value::is_array, "a list");
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string()) {
                fail(m_path + "." + key + "[" + std::to_string(i) + "]", "expected a string");
                return out;
            }
            out.push_back(list[i].get<std::string>());
        }
        return out;
    }
    const core::Value& list(const char* key) { return field(key, &core::Value::is_array, "a list"); }
    const core::Value& object(const char* key) { return field(key, &core::Value::is_object, "an object"); }
    std::string path(const char* key) const { return m_path + "." + key; }
    bool ok() const { return m_problem->empty(); }

  private:
    const core::Value& raw(const char* key)
    {
        static const core::Value k_null;
        if (!ok() || !m_value.is_object()) {
            return k_null;
        }
        const auto found = m_value.find(key);
        return found == m_value.end() ? k_null : *found;
    }
    const core::Value& field(const char* key, bool (core::Value::*is)() const noexcept, const char* wanted)
    {
        if (ok() && m_value.is_object()) {
            const auto found = m_value.find(key);
            if (found == m_value.end()) {
                fail(m_path + "." + key, "missing");
            } else if (!((*found).*is)()) {
                fail(m_path + "." + key, std::string("expected ") + wanted);
            } else {
                return *found;
            }
        }
        // After a problem every read returns a harmless value of the wanted type.
        static const core::Value k_defaults[] = {core::Value(""), core::Value(0), core::Value(false),
                                                 core::Value::array(), core::Value::object()};
        for (const auto& value : k_defaults) {
            if ((value.*is)()) {
                return value;
            }
        }
        return k_defaults[0];
    }
    void fail(const std::string& where, const std::string& what)
    {
        if (m_problem->empty()) {
            *m_problem = where + ": " + what;
        }
    }

    const core::Value& m_value;
    std::string m_path;
    std::string* m_problem;
};

TaskPlan read_task(const core::Value& json, const std::string& path, std::string* problem)
{
    Reader in(json, path, problem);
    TaskPlan task;
    task.name = in.text("name");
    task.action = in.text("action");
    task.tags = in.strings("tags");
    task.role = in.text("role");
    task.file = in.text("file");
    task.line = in.integer("line");
    task.dynamic = in.boolean("dynamic");
    task.handler = in.boolean("handler");
    return task;
}

PlayPlan read_play(const core::Value& json, const std::string& path, std::string* problem)
{
    Reader in(json, path, problem);
    PlayPlan play;
    play.name = in.text("name");
    play.hosts_pattern = in.text("hosts_pattern");
    play.hosts = in.strings("hosts");
    play.hosts_at_run_time = in.boolean("hosts_at_run_time");
    const auto& tasks = in.list("tasks");
    for (std::size_t i = 0; i < tasks.size() && in.ok(); ++i) {
        play.tasks.push_back(read_task(tasks[i], in.path("tasks") + "[" + std::to_string(i) + "]", problem));
    }
    return play;
}

LayerPlan read_layer(const core::Value& json, const std::string& path, std::string* problem)
{
    Reader in(json, path, problem);
    LayerPlan layer;
    layer.name = in.text("name");
    layer.version = in.text("version");
    layer.depends_on = in.strings("depends_on");
    layer.hosts = in.strings("hosts");
    layer.playbook_dir = in.text("playbook_dir");
    layer.playbook = in.text_or_null("playbook");
    layer.playbooks_sha256 = in.text("playbooks_sha256");
    const auto& plays = in.list("plays");
    for (std::size_t i = 0; i < plays.size() && in.ok(); ++i) {
        layer.plays.push_back(read_play(plays[i], in.path("plays") + "[" + std::to_string(i) + "]", problem));
    }
    return layer;
}

} // namespace

core::Value plan_to_json(const Plan& plan)
{
    core::Value names = core::Value::array();
    core::Value details = core::Value::array();
    for (const auto& layer : plan.layers) {
        names.push_back(layer.name);
        details.push_back(layer_json(layer));
    }
    return core::Value{{"schema", plan.schema},
                       {"layers", std::move(names)},
                       {"inventory", core::Value{{"sources", string_list(plan.inventory_sources)},
                                                 {"sha256", plan.inventory_sha256}}},
                       {"playbook_root", plan.playbook_root},
                       {"limit", plan.limit},
                       {"layer_plans", std::move(details)}};
}

core::Result<Plan> plan_from_json(const core::Value& json, const std::string& origin)
{
    std::string problem;
    Reader in(json, "$", &problem);
    Plan plan;
    plan.schema = in.integer("schema");
    if (in.ok() && plan.schema != k_plan_schema) {
        return core::fail({core::ErrorKind::config,
                           origin + ": plan schema " + std::to_string(plan.schema) + " is not supported (this scsctl reads " +
                               std::to_string(k_plan_schema) + "); make the plan again",
                           {}});
    }
    const auto names = in.strings("layers");
    Reader inventory(in.object("inventory"), "$.inventory", &problem);
    plan.inventory_sources = inventory.strings("sources");
    plan.inventory_sha256 = inventory.text("sha256");
    plan.playbook_root = in.text("playbook_root");
    plan.limit = in.text("limit");
    const auto& details = in.list("layer_plans");
    for (std::size_t i = 0; i < details.size() && in.ok(); ++i) {
        plan.layers.push_back(read_layer(details[i], "$.layer_plans[" + std::to_string(i) + "]", &problem));
    }
    if (problem.empty()) {
        std::vector<std::string> listed;
        for (const auto& layer : plan.layers) {
            listed.push_back(layer.name);
        }
        if (listed != names) {
            problem = "$.layers: does not match the names in $.layer_plans";
        }
    }
    if (!problem.empty()) {
        return core::fail({core::ErrorKind::config, origin + ": not a plan file: " + problem, {}});
    }
    return plan;
}

core::Result<Plan> read_plan_file(const std::string& path)
{
    const std::string text = SCSCTL_TRY(core::read_text_file(path));
    try {
        return plan_from_json(core::Value::parse(text), path);
    } catch (const core::Value::parse_error& error) {
        // nlohmann reports the byte offset; turn it into line:column.
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i + 1 < error.byte && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return core::fail({core::ErrorKind::config, "not valid JSON",
                           core::Location{path, static_cast<int>(line), static_cast<int>(column)}});
    }
}

} // namespace scsctl::plan
