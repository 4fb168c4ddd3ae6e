// Fuzz harness: the input as a playbook file, through playbook::load_playbook (and, as a
// tasks file, load_tasks_file), with a ModuleCatalog of a handful of modules. The loader
// reads files, not text: the input goes to site.yml in a fixed per-process directory that
// also holds a few files the input can reach (a tasks file, a vars file, a playbook that
// imports site.yml back, roles with defaults, handlers, a dependency and a self-dependency),
// so imports, roles and their recursion guards are exercised. The result is walked the
// way --list-tasks does. SCSCTL_FUZZ_VERBOSE=1 prints the diagnostics of load_playbook.
// See fuzz_main.hpp for how to run it.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_main.hpp"
#include "playbook/loader.hpp"

namespace {

namespace fs = std::filesystem;
using scsctl::core::Value;

void write_file(const fs::path& path, std::string_view text)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// The per-process directory: created on first use with its fixed files, removed at exit.
class Workspace {
public:
    Workspace()
    {
        const char* tmp = std::getenv("TMPDIR");
        m_dir = fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
                ("scsctl-fuzz-playbook-" + std::to_string(::getpid()));
        std::error_code ec;
        fs::remove_all(m_dir, ec);
        write_file(m_dir / "tasks.yml", "- debug: msg=from_tasks_yml\n- import_tasks: more.yml\n");
        write_file(m_dir / "more.yml", "- command: echo {{ item }}\n  loop: [1, 2]\n");
        write_file(m_dir / "self_tasks.yml", "- import_tasks: self_tasks.yml\n");
        write_file(m_dir / "vars.yml", "x: 1\ny: '{{ x }}'\n");
        write_file(m_dir / "other.yml", "- hosts: all\n  tasks:\n    - ping:\n");
        write_file(m_dir / "loop.yml", "- import_playbook: site.yml\n");
        write_file(m_dir / "roles/common/tasks/main.yml", "- debug: var=common_x\n  notify: restart\n");
        write_file(m_dir / "roles/common/tasks/extra.yml", "- file: path=/tmp/x state=touch\n");
        write_file(m_dir / "roles/common/handlers/main.yml", "- name: restart\n  command: 'true'\n");
        write_file(m_dir / "roles/common/defaults/main.yml", "common_x: 1\n");
        write_file(m_dir / "roles/common/vars/main.yml", "common_y: '{{ common_x }}'\n");
        write_file(m_dir / "roles/common/meta/main.yml", "dependencies:\n  - dep\n");
        write_file(m_dir / "roles/dep/tasks/main.yml", "- set_fact: dep_done=true\n");
        write_file(m_dir / "roles/selfdep/meta/main.yml", "dependencies:\n  - role: selfdep\n    p: 1\n");
        write_file(m_dir / "roles/selfdep/tasks/main.yml", "- meta: noop\n");
        write_file(m_dir / "roles/fan/meta/main.yml",
                   "dependencies:\n  - {role: fan2, a: 1}\n  - {role: fan2, a: 2}\n  - {role: fan2, a: 3}\n");
        write_file(m_dir / "roles/fan2/meta/main.yml",
                   "dependencies:\n  - {role: dep, b: 1}\n  - {role: dep, b: 2}\n  - {role: dep, b: 3}\n");
        m_site = (m_dir / "site.yml").string();
    }
    ~Workspace()
    {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    const std::string& site() const { return m_site; }

private:
    fs::path m_dir;
    std::string m_site;
};

const scsctl::playbook::LoadOptions& options()
{
    static const scsctl::playbook::LoadOptions k_options = [] {
        static const std::vector<std::string> k_modules = {"command", "copy", "debug", "file", "meta", "ping",
                                                           "set_fact"};
        scsctl::playbook::LoadOptions out;
        out.modules.names = k_modules;
        out.modules.exists = [](std::string_view name) {
            return std::find(k_modules.begin(), k_modules.end(), name) != k_modules.end();
        };
        out.modules.validate = [](std::string_view name, const Value& args) {
            std::vector<std::string> problems;
            if (name == "copy" && args.is_object() && !args.contains("dest")) {
                problems.emplace_back("missing required argument 'dest'");
            }
            if (name == "file" && args.is_object() && !args.contains("path") && !args.contains("dest")) {
                problems.emplace_back("missing required argument 'path'");
            }
            return problems;
        };
        return out;
    }();
    return k_options;
}

std::size_t weight(const Value& value)
{
    return value.dump(-1, ' ', false, Value::error_handler_t::replace).size();
}

std::size_t walk(const std::vector<scsctl::model::Task>& tasks, int depth = 0)
{
    std::size_t sum = 0;
    for (const auto& task : tasks) {
        sum += task.name.size() + task.action.size() + weight(task.args) + task.when.size() + task.tags.size() +
               task.notify.size() + task.vars.size();
        for (const auto& layer : task.vars) {
            sum += layer ? weight(layer->vars) : 0;
        }
        if (task.loop) {
            sum += weight(task.loop->items);
        }
        if (depth < 1000) {
            sum += walk(task.block, depth + 1) + walk(task.rescue, depth + 1) + walk(task.always, depth + 1);
        }
    }
    return sum;
}

} // namespace

void fuzz_one(std::string_view input)
{
    static const Workspace workspace;
    write_file(workspace.site(), input);

    std::size_t sink = 0;
    {
        scsctl::core::Diagnostics diagnostics;
        const auto playbook = scsctl::playbook::load_playbook(workspace.site(), options(), diagnostics);
        for (const auto& play : playbook.plays) {
            sink += play.name.size() + play.hosts.size() + play.vars.size() + play.role_names.size();
            sink += walk(play.pre_tasks) + walk(play.tasks) + walk(play.post_tasks) + walk(play.handlers);
        }
        static const bool verbose = std::getenv("SCSCTL_FUZZ_VERBOSE") != nullptr;
        for (const auto& item : diagnostics.sorted()) {
            sink += item.str().size();
            if (verbose) {
                std::fprintf(stderr, "%s\n", item.str().c_str());
            }
        }
        if (verbose) {
            std::fprintf(stderr, "%zu plays\n", playbook.plays.size());
        }
    }
    {
        scsctl::core::Diagnostics diagnostics;
        const scsctl::model::Task inherit;
        const auto tasks = scsctl::playbook::load_tasks_file(workspace.site(), inherit, options(), diagnostics);
        sink += walk(tasks) + diagnostics.sorted().size();
    }
    volatile std::size_t keep = sink;
    (void)keep;
}
