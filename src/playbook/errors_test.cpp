// Every kind of located error the loader reports, all of them in one pass.
#include <catch2/catch.hpp>

#include "playbook/test_helpers.hpp"

using namespace scsctl::playbook;
using namespace scsctl::playbook::testing;
using scsctl::testing::TempDir;

namespace {

std::string errors_of(const std::string& text)
{
    TempDir dir;
    auto loaded = load(dir, text);
    std::string out = messages(loaded.diagnostics);
    const std::string prefix = dir.path().string() + "/";
    for (auto pos = out.find(prefix); pos != std::string::npos; pos = out.find(prefix)) {
        out.erase(pos, prefix.size());
    }
    return out;
}

} // namespace

TEST_CASE("unknown play keyword with a hint and the supported list", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  taskss: []\n");
    CHECK(out.starts_with("site.yml:2:3: unsupported play keyword 'taskss' (did you mean 'tasks'?); supported: "));
    CHECK(out.find("vars_files") != std::string::npos);
}

TEST_CASE("a play without hosts", "[playbook]")
{
    CHECK(errors_of("- name: x\n  tasks: []\n") == "site.yml:1:3: play has no 'hosts' (the field 'hosts' is required)\n");
}

TEST_CASE("two actions in one task", "[playbook]")
{
    CHECK(errors_of("- hosts: all\n  tasks:\n    - copy: src=a dest=b\n      file: path=x\n") ==
          "site.yml:3:7: conflicting action statements: copy, file\n");
}

TEST_CASE("a task without an action", "[playbook]")
{
    CHECK(errors_of("- hosts: all\n  tasks:\n    - name: nothing\n") ==
          "site.yml:3:7: no module or action in task (expected one module key, such as command: or copy:)\n");
}

TEST_CASE("unknown module with a hint", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  tasks:\n    - cpy: src=a dest=b\n");
    CHECK(out.starts_with("site.yml:3:7: unknown module or task keyword 'cpy' (did you mean 'copy'?); supported "
                          "modules: command, copy"));
}

TEST_CASE("unsupported loops and task keywords", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  tasks:\n    - ping:\n      with_fileglob: '*.x'\n"
                               "    - ping:\n      async: 10\n    - ping:\n      debugger: always\n");
    CHECK(out == "site.yml:4:7: loop 'with_fileglob' is not supported; use one of: loop, with_items, with_list, "
                 "with_dict\n"
                 "site.yml:6:7: task keyword 'async' is not supported by scsctl\n"
                 "site.yml:8:7: task keyword 'debugger' is not supported by scsctl\n");
}

TEST_CASE("bad loop_control key and two loops", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  tasks:\n    - ping:\n      loop: [1]\n      loop_control: {loop_vr: x}\n"
                               "    - ping:\n      loop: [1]\n      with_items: [2]\n");
    CHECK(out == "site.yml:5:22: unsupported loop_control key 'loop_vr' (did you mean 'loop_var'?); supported: "
                 "index_var, label, loop_var, pause\n"
                 "site.yml:8:7: conflicting loop statements: loop, with_items\n");
}

TEST_CASE("a mapping where a list is expected", "[playbook]")
{
    CHECK(errors_of("- hosts: all\n  tasks:\n    name: x\n") == "site.yml:3:5: expected a list of tasks, got a mapping\n");
    CHECK(errors_of("hosts: all\n") == "site.yml:1:1: a playbook must be a list of plays, got a mapping\n");
    CHECK(errors_of("- hosts: all\n  tasks:\n    - just a string\n") ==
          "site.yml:3:7: a task must be a mapping, got a string\n");
}

TEST_CASE("missing import files and roles", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  roles: [nosuch]\n  tasks:\n    - import_tasks: missing.yml\n"
                            "- import_playbook: gone.yml\n");
    const std::string root = dir.path().string();
    const std::string out = messages(loaded.diagnostics);
    INFO(out);
    CHECK(out.find(root + "/site.yml:2:11: the role 'nosuch' was not found in: " + root + "/roles, " + root) !=
          std::string::npos);
    CHECK(out.find(root + "/site.yml:4:7: could not find import_tasks file 'missing.yml'") != std::string::npos);
    CHECK(out.find(root + "/site.yml:5:3: could not find imported playbook 'gone.yml'") != std::string::npos);
}

TEST_CASE("recursive imports are refused", "[playbook]")
{
    TempDir dir;
    dir.write("a.yml", "- import_tasks: b.yml\n");
    dir.write("b.yml", "- import_tasks: a.yml\n");
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - import_tasks: a.yml\n");
    CHECK(messages(loaded.diagnostics).find("b.yml:1:3: recursive import of") != std::string::npos);
    CHECK(loaded.diagnostics.error_count() == 1);
}

TEST_CASE("recursive import_playbook is refused", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- import_playbook: site.yml\n");
    CHECK(messages(loaded.diagnostics).find("site.yml:1:3: recursive import of") != std::string::npos);
}

TEST_CASE("YAML syntax errors are located", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  tasks: [\n");
    CHECK(out.starts_with("site.yml:"));
    CHECK(out.find("\n") == out.size() - 1);
}

TEST_CASE("extra free-form params on a module that takes none", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  tasks:\n    - debug: hello\n");
    CHECK(out.starts_with("site.yml:3:7: this task 'debug' has extra params ('hello'), which is only allowed in: "));
}

TEST_CASE("catalog validation errors are reported at the action", "[playbook]")
{
    CHECK(errors_of("- hosts: all\n  tasks:\n    - copy: src=a\n") ==
          "site.yml:3:7: copy: missing required argument 'dest'\n");
}

TEST_CASE("bad play values: strategy, order, become_method, connection, serial", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  strategy: linaer\n  order: random\n  become_method: su\n"
                               "  connection: paramiko\n  serial: {a: 1}\n");
    CHECK(out == "site.yml:2:13: unsupported strategy 'linaer' (did you mean 'linear'?); supported: linear, free\n"
                 "site.yml:3:10: unsupported order 'random'; supported: inventory, reverse_inventory, sorted, "
                 "reverse_sorted, shuffle\n"
                 "site.yml:4:18: become_method 'su' is not supported (supported: sudo)\n"
                 "site.yml:5:15: unsupported connection 'paramiko'; supported: ssh, local\n"
                 "site.yml:6:11: 'serial' must be a number, a percentage or a list of them, got a mapping\n");
}

TEST_CASE("imports refuse loops and templated names", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  tasks:\n    - import_tasks: '{{ x }}.yml'\n"
                               "    - import_tasks: a.yml\n      loop: [1]\n    - import_role: {tasks_from: x}\n");
    CHECK(out == "site.yml:3:7: import_tasks cannot use a templated name ('{{ x }}.yml'); use include_tasks instead\n"
                 "site.yml:4:7: loops are not allowed on import_tasks; use include_tasks instead\n"
                 "site.yml:6:7: import_role needs 'name' (the role)\n");
}

TEST_CASE("invalid block keywords and listen outside handlers", "[playbook]")
{
    const auto out = errors_of("- hosts: all\n  tasks:\n    - block: [{ping: }]\n      loop: [1]\n"
                               "    - ping:\n      listen: x\n");
    CHECK(out.starts_with("site.yml:4:7: 'loop' is not a valid keyword for a block"));
    CHECK(out.find("site.yml:6:7: 'listen' is only valid on handlers\n") != std::string::npos);
}

TEST_CASE("every error is reported, not only the first", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  bogus: 1\n  tasks:\n    - cpy: x\n    - name: none\n"
                            "- hosts: b\n  tasks:\n    - copy: a=b\n      file: c=d\n");
    CHECK(loaded.diagnostics.error_count() == 4);
}

TEST_CASE("missing vars_files and role tasks_from", "[playbook]")
{
    TempDir dir;
    dir.write("roles/web/tasks/main.yml", "- ping:\n");
    auto loaded = load(dir, "- hosts: all\n  vars_files: [nope.yml]\n  tasks:\n"
                            "    - import_role: {name: web, tasks_from: nothere}\n");
    const std::string out = messages(loaded.diagnostics);
    CHECK(out.find("site.yml:2:15: vars file not found: " + dir.path().string() + "/nope.yml") != std::string::npos);
    CHECK(out.find("site.yml:4:7: could not find tasks_from file 'nothere' in role 'web'") != std::string::npos);
}
