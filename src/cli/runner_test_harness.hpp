// Shared by the runner's end-to-end tests (runner_flow_test.cpp, runner_features_test.cpp):
// playbooks written to a temp dir, loaded with the playbook loader and run by PlaybookRunner
// on hosts with ansible_connection: local; events collected for the assertions.
// In cli/ because it wires the loader, the runner and the reporters together.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/run_inputs.hpp"
#include "exec/playbook_runner.hpp"
#include "playbook/loader.hpp"
#include "report/run_report.hpp"
#include "temp_dir.hpp"
#include "transport/pool.hpp"


namespace runner_test {

using namespace scsctl;

inline playbook::ModuleCatalog catalog()
{
    return cli::module_catalog(); // what `scsctl run` gives the loader
}

struct Counts {
    int ok = 0, changed = 0, unreachable = 0, failed = 0, skipped = 0, rescued = 0, ignored = 0;
    bool operator==(const Counts&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const Counts& c)
{
    return out << "ok=" << c.ok << " changed=" << c.changed << " unreachable=" << c.unreachable
               << " failed=" << c.failed << " skipped=" << c.skipped << " rescued=" << c.rescued
               << " ignored=" << c.ignored;
}

class Harness {
public:
    explicit Harness(std::vector<std::string> hosts = {"h1", "h2"}) : m_hosts(std::move(hosts))
    {
        options.extra_vars["out"] = out_dir();
    }

    testing::TempDir dir;
    exec::RunOptions options;
    std::vector<model::RunEvent> events;
    std::optional<model::Recap> recap;
    std::string error;
    exec::ResumeLookup resume; ///< --resume's hook (runner_resume_test.cpp)
    std::function<std::optional<std::string>(const exec::BatchEnded&)> after_batch; ///< upgrade's gate hook
    std::optional<exec::BatchPosition> start_at_batch;                              ///< upgrade --resume

    std::string out_dir() const { return dir.path().string(); }
    std::string write(const std::string& relative, const std::string& text) const { return dir.write(relative, text); }

    /// Writes `yaml` as site.yml, loads and runs it. False when loading or the run failed.
    bool run(const std::string& yaml)
    {
        const std::string path = write("site.yml", yaml);
        playbook::LoadOptions load_options;
        load_options.modules = catalog();
        core::Diagnostics diagnostics;
        model::Playbook loaded = playbook::load_playbook(path, load_options, diagnostics);
        if (diagnostics.has_errors()) {
            error = diagnostics.sorted().front().str();
            UNSCOPED_INFO("load: " << error);
            return false;
        }
        std::vector<exec::RunHost> run_hosts;
        core::Value all = core::Value::array();
        for (const auto& name : m_hosts) {
            exec::RunHost host;
            host.name = name;
            host.vars = core::Value{{"ansible_connection", "local"}};
            run_hosts.push_back(std::move(host));
            all.push_back(name);
        }
        core::Value groups{{"all", all}, {"ungrouped", all}};
        exec::RunHooks hooks;
        const auto hosts = m_hosts;
        hooks.match_hosts = [hosts](const std::string& pattern) -> core::Result<std::vector<std::string>> {
            std::vector<std::string> out;
            std::size_t start = 0;
            while (start <= pattern.size()) {
                const auto end = std::min(pattern.find_first_of(",:", start), pattern.size());
                const std::string part = pattern.substr(start, end - start);
                for (const auto& host : hosts) {
                    if ((part == "all" || part == "*" || part == host) &&
                        std::find(out.begin(), out.end(), host) == out.end()) {
                        out.push_back(host);
                    }
                }
                start = end + 1;
            }
            return out;
        };
        hooks.connection_for = [](const std::string& host, const core::Value& vars) {
            return exec::connection_for(host, vars, exec::ConnectionDefaults{});
        };
        hooks.load_tasks = [load_options](const std::string& file, const model::Task& include)
            -> core::Result<std::vector<model::Task>> {
            core::Diagnostics found;
            auto tasks = playbook::load_tasks_file(file, include, load_options, found);
            if (found.has_errors()) {
                return core::fail(core::Error{core::ErrorKind::config, found.sorted().front().str(), {}});
            }
            return tasks;
        };
        hooks.load_role = [load_options](const std::string& role, const model::Task& include,
                                         model::AppliedRoles& applied) -> core::Result<std::pair<std::vector<model::Task>, std::vector<model::Task>>> {
            core::Diagnostics found;
            const std::string playbook_dir = std::filesystem::path(include.file).parent_path().string();
            auto role_tasks = playbook::load_role(role, include, playbook_dir, load_options, found, applied);
            if (found.has_errors()) {
                return core::fail(core::Error{core::ErrorKind::config, found.sorted().front().str(), {}});
            }
            return std::make_pair(std::move(role_tasks.tasks), std::move(role_tasks.handlers));
        };
        hooks.resume_done = resume;
        hooks.after_batch = after_batch;
        hooks.start_at_batch = start_at_batch;
        transport::Pool pool;
        exec::PlaybookRunner runner(pool, run_hosts, groups, options, hooks,
                                    [this](const model::RunEvent& event) { events.push_back(event); });
        auto result = runner.run(loaded);
        if (!result) {
            error = result.error().str();
            UNSCOPED_INFO("run: " << error);
            return false;
        }
        recap = *result;
        return true;
    }

    Counts counts(const std::string& host) const
    {
        REQUIRE(recap.has_value());
        const auto found = recap->hosts.find(host);
        REQUIRE(found != recap->hosts.end());
        const auto& c = found->second;
        return Counts{c.ok, c.changed, c.unreachable, c.failed, c.skipped, c.rescued, c.ignored};
    }

    /// Per-host results (not loop items), "task@host=status" in order.
    std::vector<std::string> results() const
    {
        std::vector<std::string> out;
        for (const auto& event : events) {
            if (const auto* result = std::get_if<model::HostResult>(&event); result != nullptr && !result->is_item) {
                out.push_back(result->task + "@" + result->host + "=" + model::task_status_name(result->status));
            }
        }
        return out;
    }

    /// Task (and handler, prefixed "H:") names as started, in order.
    std::vector<std::string> started() const
    {
        std::vector<std::string> out;
        for (const auto& event : events) {
            if (const auto* task = std::get_if<model::TaskStarted>(&event)) {
                out.push_back((task->handler ? "H:" : "") + task->name);
            }
        }
        return out;
    }

    /// The hosts' results of the task whose result["msg"] (debug) or name matches.
    std::vector<std::string> debug_msgs(const std::string& host) const
    {
        std::vector<std::string> out;
        for (const auto& event : events) {
            if (const auto* result = std::get_if<model::HostResult>(&event);
                result != nullptr && result->host == host && !result->is_item && result->action == "debug" &&
                result->status == model::TaskStatus::ok && result->result.contains("msg")) {
                const auto& msg = result->result["msg"];
                out.push_back(msg.is_string() ? msg.get<std::string>() : msg.dump());
            }
        }
        return out;
    }

    std::string all_json() const
    {
        std::string out;
        for (const auto& event : events) {
            out += report::event_json(event).dump() + "\n";
        }
        return out;
    }

private:
    std::vector<std::string> m_hosts;
};

inline Counts C(int ok, int changed, int failed, int skipped, int rescued, int ignored)
{
    return Counts{ok, changed, 0, failed, skipped, rescued, ignored};
}

inline bool has(const std::vector<std::string>& list, const std::string& value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace runner_test
