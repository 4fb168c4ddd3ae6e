// Roles: lookup, defaults/vars/params layers, dependencies, handlers, import_role and
// include_role loading; expectations follow ansible-playbook 2.14 --list-tasks.
#include <catch2/catch.hpp>

#include "playbook/test_helpers.hpp"

using namespace scsctl::playbook;
using namespace scsctl::playbook::testing;
using scsctl::core::Value;
using scsctl::model::VarTier;
using scsctl::testing::TempDir;
using Tags = std::vector<std::string>;

namespace {

void write_role(const TempDir& dir, const std::string& name, const std::string& task = "ping:")
{
    dir.write("roles/" + name + "/tasks/main.yml", "- name: " + name + " task\n  " + task + "\n");
}

} // namespace

TEST_CASE("roles: run before tasks with defaults, vars and params as shared layers", "[playbook]")
{
    TempDir dir;
    write_role(dir, "web");
    dir.write("roles/web/tasks/main.yml", "- name: one\n  ping:\n- name: two\n  ping:\n");
    dir.write("roles/web/defaults/main.yml", "port: 80\n");
    dir.write("roles/web/vars/main.yaml", "user: www\n");
    dir.write("roles/web/handlers/main.yml", "- name: restart\n  service: name=web state=restarted\n");
    auto loaded = load(dir, "- hosts: all\n  tasks: [{name: own, ping: }]\n"
                            "  handlers: [{name: play handler, ping: }]\n"
                            "  roles:\n    - role: web\n      http_port: 8080\n      tags: w\n      when: ok\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& play = loaded.playbook.plays[0];
    CHECK(play.role_names == std::vector<std::string>{"web"});
    REQUIRE(play.tasks.size() == 3);
    CHECK(play.tasks[0].name == "one");
    CHECK(play.tasks[0].role == "web");
    CHECK(play.tasks[0].tags == Tags{"w"});
    CHECK(play.tasks[0].when == std::vector<std::string>{"ok"});
    CHECK(play.tasks[2].name == "own");
    CHECK(play.tasks[2].role.empty());
    const auto& vars = play.tasks[0].vars;
    REQUIRE(vars.size() == 3);
    CHECK(vars[0]->tier == VarTier::role_defaults);
    CHECK(vars[0]->vars == Value::parse(R"({"port":80})"));
    CHECK(vars[1]->tier == VarTier::role_vars);
    CHECK(vars[1]->vars == Value::parse(R"({"user":"www"})"));
    CHECK(vars[2]->tier == VarTier::role_params);
    CHECK(vars[2]->vars == Value::parse(R"({"http_port":8080})"));
    CHECK(vars[0] == play.tasks[1].vars[0]);
    const std::string role_dir = dir.path().string() + "/roles/web";
    CHECK(play.tasks[0].search_paths.at(0) == role_dir + "/files");
    CHECK(play.tasks[0].search_paths.at(2) == role_dir);
    CHECK(play.tasks[0].search_paths.at(3) == dir.path().string());
    REQUIRE(play.handlers.size() == 2);
    CHECK(play.handlers[0].name == "restart");
    CHECK(play.handlers[0].is_handler);
    CHECK(play.handlers[1].name == "play handler");
}

TEST_CASE("role dependencies run first, once per distinct params", "[playbook]")
{
    TempDir dir;
    write_role(dir, "common");
    write_role(dir, "app");
    write_role(dir, "db");
    dir.write("roles/app/meta/main.yml", "galaxy_info: {author: me}\ndependencies:\n  - common\n  - role: db\n    x: 1\n");
    dir.write("roles/db/meta/main.yml", "dependencies: [common]\n");
    // ansible --list-tasks: common, db, app, app (second app skipped? no: same params -> skipped)
    auto loaded = load(dir, "- hosts: all\n  roles: [app, app, {role: db, x: 2}]\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    std::vector<std::string> names;
    for (const auto& task : loaded.playbook.plays[0].tasks) {
        names.push_back(task.name);
    }
    CHECK(names == std::vector<std::string>{"common task", "db task", "app task", "db task"});
}

TEST_CASE("allow_duplicates lets a role run twice", "[playbook]")
{
    TempDir dir;
    write_role(dir, "twice");
    dir.write("roles/twice/meta/main.yml", "allow_duplicates: true\n");
    auto loaded = load(dir, "- hosts: all\n  roles: [twice, twice]\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.playbook.plays[0].tasks.size() == 2);
}

TEST_CASE("roles are found in roles_path and beside the playbook", "[playbook]")
{
    TempDir dir;
    dir.write("elsewhere/far/tasks/main.yml", "- name: far task\n  ping:\n");
    dir.write("near/tasks/main.yml", "- name: near task\n  ping:\n");
    auto options = test_options();
    options.roles_path = {dir.path().string() + "/elsewhere"};
    auto loaded = load(dir, "- hosts: all\n  roles: [far, near]\n", options);
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.playbook.plays[0].tasks.at(0).role == "far");
    CHECK(loaded.playbook.plays[0].tasks.at(1).role == "near");
}

TEST_CASE("import_role with tasks_from, vars_from and vars", "[playbook]")
{
    TempDir dir;
    write_role(dir, "web");
    dir.write("roles/web/tasks/setup.yml", "- name: setup\n  ping:\n- import_tasks: more.yml\n");
    dir.write("roles/web/tasks/more.yml", "- name: more\n  ping:\n");
    dir.write("roles/web/vars/extra.yml", "e: 1\n");
    dir.write("roles/web/handlers/main.yml", "- name: h\n  ping:\n");
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - import_role:\n        name: web\n        tasks_from: setup\n"
                            "        vars_from: extra\n      vars: {p: 1}\n      tags: r\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& play = loaded.playbook.plays[0];
    REQUIRE(play.tasks.size() == 2);
    CHECK(play.tasks[0].name == "setup");
    CHECK(play.tasks[1].name == "more");
    CHECK(play.tasks[1].role == "web");
    CHECK(play.tasks[0].tags == Tags{"r"});
    const auto& vars = play.tasks[0].vars;
    REQUIRE(vars.size() == 3);
    CHECK(vars[1]->vars == Value::parse(R"({"e":1})"));
    CHECK(vars[2]->tier == VarTier::role_params);
    CHECK(vars[2]->vars == Value::parse(R"({"p":1})"));
    CHECK(play.handlers.size() == 1);
}

TEST_CASE("load_role loads an include_role at run time", "[playbook]")
{
    TempDir dir;
    write_role(dir, "web");
    dir.write("roles/web/tasks/other.yml", "- name: other\n  ping:\n");
    dir.write("roles/web/handlers/main.yml", "- name: h\n  ping:\n");
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - include_role: {name: web, tasks_from: other}\n      when: a\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& include = loaded.playbook.plays[0].tasks.at(0);
    scsctl::core::Diagnostics diagnostics;
    scsctl::model::AppliedRoles applied = loaded.playbook.plays[0].applied_roles;
    auto role = load_role("web", include, dir.path().string(), test_options(), diagnostics, applied);
    INFO(messages(diagnostics));
    REQUIRE_FALSE(diagnostics.has_errors());
    REQUIRE(role.tasks.size() == 1);
    CHECK(role.tasks[0].name == "other");
    CHECK(role.tasks[0].when == std::vector<std::string>{"a"});
    CHECK(role.tasks[0].role == "web");
    REQUIRE(role.handlers.size() == 1);
    CHECK(role.handlers[0].is_handler);
}
