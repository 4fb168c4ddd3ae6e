// Plays, vars_files, import_playbook, import_tasks and the run-time loaders, on files
// written into a temp dir; checked against ansible-playbook 2.14 where it applies.
#include <catch2/catch.hpp>

#include "playbook/test_helpers.hpp"

using namespace scsctl::playbook;
using namespace scsctl::playbook::testing;
using scsctl::core::Value;
using scsctl::testing::TempDir;
using Tags = std::vector<std::string>;

TEST_CASE("play keywords", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- name: site\n  hosts: web\n  gather_facts: no\n  serial: [1, '50%']\n"
                            "  max_fail_percentage: 20\n  any_errors_fatal: true\n  strategy: free\n"
                            "  order: sorted\n  become: true\n  become_user: admin\n  become_method: sudo\n"
                            "  environment: {PATH: /bin}\n  check_mode: false\n  diff: true\n  run_once: false\n"
                            "  throttle: 3\n  force_handlers: true\n  connection: local\n  tasks: []\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& play = loaded.playbook.plays.at(0);
    CHECK(play.name == "site");
    CHECK(play.hosts == "web");
    CHECK(play.gather_facts == false);
    CHECK(play.serial == Value::parse(R"([1,"50%"])"));
    CHECK(play.max_fail_percentage == 20);
    CHECK(play.any_errors_fatal == true);
    CHECK(play.strategy == "free");
    CHECK(play.order == "sorted");
    CHECK(play.become == true);
    CHECK(play.become_user == "admin");
    CHECK(play.become_method == "sudo");
    CHECK(play.environment == Value::parse(R"({"PATH":"/bin"})"));
    CHECK(play.check_mode == false);
    CHECK(play.diff == true);
    CHECK(play.throttle == 3);
    CHECK(play.force_handlers == true);
    CHECK(play.connection == "local");
    CHECK(play.where.line == 1);
}

TEST_CASE("play vars as a list and vars_files loaded or left pending", "[playbook]")
{
    TempDir dir;
    dir.write("vars/common.yml", "a: 1\n");
    auto loaded = load(dir, "- hosts: all\n  vars:\n    - {x: 1}\n    - {y: 2}\n"
                            "  vars_files:\n    - vars/common.yml\n    - 'vars/{{ os }}.yml'\n"
                            "    - [missing.yml, vars/common.yml]\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& play = loaded.playbook.plays.at(0);
    REQUIRE(play.vars.size() == 3);
    CHECK(play.vars[0]->tier == scsctl::model::VarTier::play_vars);
    CHECK(play.vars[0]->vars == Value::parse(R"({"x":1,"y":2})"));
    CHECK(play.vars[1]->tier == scsctl::model::VarTier::vars_files);
    CHECK(play.vars[1]->vars == Value::parse(R"({"a":1})"));
    CHECK(play.vars[1]->origin == dir.path().string() + "/vars/common.yml");
    CHECK(play.vars_files_pending == std::vector<std::string>{"vars/{{ os }}.yml"});
}

TEST_CASE("import_playbook brings plays with vars above theirs and tags", "[playbook]")
{
    TempDir dir;
    dir.write("imp/child.yml", "- hosts: localhost\n  vars: {x: play}\n  tasks:\n    - debug: msg=hi\n");
    // ansible-playbook: msg "imp" (import vars win), play TAGS: [it]
    auto loaded = load(dir, "- hosts: first\n- import_playbook: imp/child.yml\n  vars: {x: imp}\n  tags: [it]\n"
                            "  when: go\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    REQUIRE(loaded.playbook.plays.size() == 2);
    const auto& play = loaded.playbook.plays[1];
    CHECK(play.hosts == "localhost");
    CHECK(play.tags == Tags{"it"});
    REQUIRE(play.vars.size() == 2);
    CHECK(play.vars[1]->vars == Value::parse(R"({"x":"imp"})"));
    CHECK(play.tasks.at(0).tags == Tags{"it"});
    CHECK(play.tasks.at(0).when == std::vector<std::string>{"go"});
    CHECK(play.file == dir.path().string() + "/imp/child.yml");
}

TEST_CASE("import_tasks expands in place with when, tags and vars", "[playbook]")
{
    TempDir dir;
    dir.write("sub.yml", "- name: subtask\n  shell: echo hi\n- import_tasks: nested/deeper.yml\n");
    dir.write("nested/deeper.yml", "- name: deep\n  command: 'true'\n");
    // ansible-playbook --list-tags: subtask TAGS: [imp, pt]
    auto loaded = load(dir, "- hosts: all\n  tags: pt\n  tasks:\n"
                            "    - import_tasks: sub.yml\n      tags: imp\n      when: y\n      vars: {v: 1}\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& tasks = loaded.playbook.plays[0].tasks;
    REQUIRE(tasks.size() == 2);
    CHECK(tasks[0].name == "subtask");
    CHECK(tasks[0].tags == Tags{"pt", "imp"});
    CHECK(tasks[0].when == std::vector<std::string>{"y"});
    CHECK(tasks[0].vars.at(0)->tier == scsctl::model::VarTier::include_params);
    CHECK(tasks[0].file == dir.path().string() + "/sub.yml");
    CHECK(tasks[1].name == "deep");
    CHECK(tasks[1].when == std::vector<std::string>{"y"});
}

TEST_CASE("load_tasks_file folds the include task into what it loads", "[playbook]")
{
    TempDir dir;
    dir.write("inc.yml", "- debug: msg=x\n  when: b\n");
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - include_tasks: inc.yml\n      when: a\n      tags: t\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& include = loaded.playbook.plays[0].tasks.at(0);
    scsctl::core::Diagnostics diagnostics;
    auto tasks = load_tasks_file("inc.yml", include, test_options(), diagnostics);
    INFO(messages(diagnostics));
    REQUIRE_FALSE(diagnostics.has_errors());
    REQUIRE(tasks.size() == 1);
    CHECK(tasks[0].when == std::vector<std::string>{"a", "b"});
    CHECK(tasks[0].tags == Tags{"t"});
    CHECK(tasks[0].name.empty());

    load_tasks_file("nope.yml", include, test_options(), diagnostics);
    CHECK(messages(diagnostics).find("could not find include_tasks file 'nope.yml'") != std::string::npos);
}

TEST_CASE("a JSON tasks file types scalars as JSON", "[playbook]")
{
    TempDir dir;
    dir.write("t.json", R"([{"debug": {"msg": "yes"}, "when": "a"}])");
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - import_tasks: t.json\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.playbook.plays[0].tasks.at(0).args["msg"] == "yes");
}
