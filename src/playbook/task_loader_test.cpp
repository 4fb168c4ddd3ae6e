// Tasks in plays: actions and arguments, keywords, loops, blocks and inheritance.
// Tag and task lists were checked with ansible-playbook 2.14 --list-tasks/--list-tags.
#include <catch2/catch.hpp>

#include "playbook/test_helpers.hpp"

using namespace scsctl::playbook;
using namespace scsctl::playbook::testing;
using scsctl::core::Value;
using scsctl::testing::TempDir;
using Tags = std::vector<std::string>;

TEST_CASE("a play with free-form and mapping arguments", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: [a, b]\n"
                            "  tasks:\n"
                            "    - command: ls -l chdir=/tmp\n"
                            "    - ansible.builtin.copy: src=a dest=\"b c\"\n"
                            "    - name: ping it\n"
                            "      ping:\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    REQUIRE(loaded.playbook.plays.size() == 1);
    const auto& play = loaded.playbook.plays[0];
    CHECK(play.hosts == "a,b");
    REQUIRE(play.tasks.size() == 3);
    CHECK(play.tasks[0].action == "command");
    CHECK(play.tasks[0].args == Value::parse(R"({"chdir":"/tmp","_raw_params":"ls -l"})"));
    CHECK(play.tasks[1].action == "copy");
    CHECK(play.tasks[1].args == Value::parse(R"({"src":"a","dest":"b c"})"));
    CHECK(play.tasks[2].name == "ping it");
    CHECK(play.tasks[2].args == Value::object());
    CHECK(play.tasks[0].where.line == 3);
    CHECK(play.tasks[0].where.column == 7);
    CHECK(play.tasks[0].file == dir.path().string() + "/site.yml");
    CHECK(play.tasks[0].search_paths == std::vector<std::string>{dir.path().string(), dir.path().string() + "/files",
                                                                  dir.path().string() + "/templates"});
}

TEST_CASE("args: are defaults under the action's own arguments", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n"
                            "    - command: pwd chdir=/b\n      args: {chdir: /a, creates: /c}\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.playbook.plays[0].tasks[0].args == Value::parse(R"({"chdir":"/b","creates":"/c","_raw_params":"pwd"})"));
}

TEST_CASE("action: and local_action: forms", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n"
                            "    - action: shell echo hi\n"
                            "    - local_action: copy src=a dest=b\n"
                            "    - action: {module: file, path: /x, state: touch}\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& tasks = loaded.playbook.plays[0].tasks;
    CHECK(tasks[0].action == "shell");
    CHECK(tasks[0].args == Value::parse(R"({"_raw_params":"echo hi"})"));
    CHECK(tasks[1].action == "copy");
    CHECK(tasks[1].delegate_to == "localhost");
    CHECK(tasks[2].action == "file");
    CHECK(tasks[2].args == Value::parse(R"({"path":"/x","state":"touch"})"));
}

TEST_CASE("task keywords are stored raw", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n"
                            "    - debug: msg=hi\n"
                            "      when: [a, true]\n"
                            "      changed_when: false\n"
                            "      failed_when: rc != 0\n"
                            "      register: out\n"
                            "      notify: restart\n"
                            "      until: out is success\n"
                            "      retries: 5\n"
                            "      delay: 2\n"
                            "      ignore_errors: yes\n"
                            "      delegate_to: db1\n"
                            "      delegate_facts: true\n"
                            "      become: true\n"
                            "      become_user: root\n"
                            "      no_log: true\n"
                            "      environment: {A: '1'}\n"
                            "      check_mode: false\n"
                            "      diff: true\n"
                            "      timeout: 10\n"
                            "      throttle: 2\n"
                            "      run_once: true\n"
                            "      any_errors_fatal: true\n"
                            "      vars: {x: 1}\n"
                            "      tags: 'a, b'\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& t = loaded.playbook.plays[0].tasks[0];
    CHECK(t.when == std::vector<std::string>{"a", "True"});
    CHECK(t.changed_when == std::vector<std::string>{"False"});
    CHECK(t.failed_when == std::vector<std::string>{"rc != 0"});
    CHECK(t.register_as == "out");
    CHECK(t.notify == std::vector<std::string>{"restart"});
    CHECK(t.until == std::vector<std::string>{"out is success"});
    CHECK(t.retries == 5);
    CHECK(t.delay == 2);
    CHECK(t.ignore_errors == true);
    CHECK(t.delegate_to == "db1");
    CHECK(t.delegate_facts);
    CHECK(t.become == true);
    CHECK(t.become_user == "root");
    CHECK(t.no_log == true);
    CHECK(t.environment == Value::parse(R"({"A":"1"})"));
    CHECK(t.check_mode == false);
    CHECK(t.diff == true);
    CHECK(t.timeout == 10);
    CHECK(t.throttle == 2);
    CHECK(t.run_once == true);
    CHECK(t.any_errors_fatal == true);
    REQUIRE(t.vars.size() == 1);
    CHECK(t.vars[0]->tier == scsctl::model::VarTier::task_vars);
    CHECK(t.vars[0]->vars == Value::parse(R"({"x":1})"));
    CHECK(t.tags == Tags{"a", "b"});
}

TEST_CASE("loops and loop_control", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n"
                            "    - debug: var=item\n      loop: [1, 2]\n"
                            "      loop_control: {loop_var: x, index_var: i, label: '{{ x }}', pause: 1}\n"
                            "    - debug: var=item\n      with_items: '{{ list }}'\n"
                            "    - debug: var=item\n      with_dict: {a: 1}\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& tasks = loaded.playbook.plays[0].tasks;
    REQUIRE(tasks[0].loop);
    CHECK(tasks[0].loop->kind == "loop");
    CHECK(tasks[0].loop->items == Value::parse("[1,2]"));
    CHECK(tasks[0].loop->loop_var == "x");
    CHECK(tasks[0].loop->index_var == "i");
    CHECK(tasks[0].loop->label == "{{ x }}");
    CHECK(tasks[0].loop->pause == 1);
    CHECK(tasks[1].loop->kind == "with_items");
    CHECK(tasks[1].loop->items == "{{ list }}");
    CHECK(tasks[1].loop->loop_var == "item");
    CHECK(tasks[2].loop->kind == "with_dict");
}

TEST_CASE("blocks pass when, tags, vars and become down to their tasks", "[playbook]")
{
    TempDir dir;
    // ansible-playbook --list-tags: debug TAGS: [b1, inner, pt]
    auto loaded = load(dir, "- hosts: all\n  tags: [pt]\n  tasks:\n"
                            "    - name: blk\n"
                            "      when: x\n"
                            "      tags: [b1]\n"
                            "      become: true\n"
                            "      vars: {v: 1}\n"
                            "      block:\n"
                            "        - debug: msg=hi\n          tags: inner\n          when: y\n"
                            "        - debug: msg=two\n          become: false\n"
                            "      rescue:\n        - debug: msg=r\n"
                            "      always:\n        - debug: msg=a\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& block = loaded.playbook.plays[0].tasks.at(0);
    CHECK(block.kind == scsctl::model::TaskKind::block);
    CHECK(block.name == "blk");
    REQUIRE(block.block.size() == 2);
    REQUIRE(block.rescue.size() == 1);
    REQUIRE(block.always.size() == 1);
    const auto& first = block.block[0];
    CHECK(first.when == std::vector<std::string>{"x", "y"});
    auto tags = first.tags;
    std::sort(tags.begin(), tags.end());
    CHECK(tags == Tags{"b1", "inner", "pt"});
    CHECK(first.become == true);
    CHECK(block.block[1].become == false);
    REQUIRE(first.vars.size() == 1);
    CHECK(first.vars[0]->tier == scsctl::model::VarTier::block_vars);
    CHECK(first.vars[0] == block.block[1].vars[0]); // one shared layer
    CHECK(block.rescue[0].when == std::vector<std::string>{"x"});
}

TEST_CASE("nested blocks append conditions outermost first", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n"
                            "    - block:\n        - block:\n            - debug: msg=x\n              when: c\n"
                            "          when: b\n      when: a\n      environment: {A: '1', B: '1'}\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& inner = loaded.playbook.plays[0].tasks[0].block[0].block[0];
    CHECK(inner.when == std::vector<std::string>{"a", "b", "c"});
    CHECK(inner.environment == Value::parse(R"({"A":"1","B":"1"})"));
}

TEST_CASE("handlers are marked and may listen", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks: []\n  handlers:\n"
                            "    - name: restart web\n      service: name=web state=restarted\n"
                            "      listen: [web changed]\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& handlers = loaded.playbook.plays[0].handlers;
    REQUIRE(handlers.size() == 1);
    CHECK(handlers[0].is_handler);
    CHECK(handlers[0].listen == std::vector<std::string>{"web changed"});
}

TEST_CASE("include_tasks and include_role stay dynamic", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n"
                            "    - include_tasks: '{{ item }}.yml'\n      loop: [a, b]\n      vars: {p: 1}\n"
                            "    - ansible.builtin.include_role:\n        name: web\n        tasks_from: setup\n");
    INFO(messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& tasks = loaded.playbook.plays[0].tasks;
    CHECK(tasks[0].kind == scsctl::model::TaskKind::include_tasks);
    CHECK(tasks[0].args["_raw_params"] == "{{ item }}.yml");
    CHECK(tasks[0].vars.at(0)->tier == scsctl::model::VarTier::include_params);
    CHECK(tasks[1].kind == scsctl::model::TaskKind::include_role);
    CHECK(tasks[1].action == "include_role");
    CHECK(tasks[1].args["tasks_from"] == "setup");
}

TEST_CASE("templated free-form text of other modules is kept as variable params", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - debug: '{{ args }}'\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.playbook.plays[0].tasks[0].args == Value::parse(R"({"_variable_params":"{{ args }}"})"));
}

TEST_CASE("pre_tasks, post_tasks and handlers inherit play tags", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tags: p\n  pre_tasks: [{ping: }]\n  post_tasks: [{ping: }]\n"
                            "  handlers: [{name: h, ping: }]\n");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& play = loaded.playbook.plays[0];
    CHECK(play.pre_tasks.at(0).tags == Tags{"p"});
    CHECK(play.post_tasks.at(0).tags == Tags{"p"});
    CHECK(play.handlers.at(0).tags == Tags{"p"});
}
