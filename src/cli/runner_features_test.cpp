// End to end, features: includes, meta, check mode, no_log, tags and start-at-task,
// variable precedence with roles. Every expected recap was checked against
// ansible-playbook 2.14 (`-i 'h1,h2,' -c local`).
#include <catch2/catch.hpp>

#include "runner_test_harness.hpp"

using namespace scsctl;
using namespace runner_test;

namespace {

void write_include_files(const Harness& h)
{
    h.write("inc.yml", "- debug: msg=\"inc {{ item | default('none') }}\"\n");
    h.write("roles/r/tasks/main.yml", "- command: \"echo {{ rv }}\"\n  notify: role handler\n");
    h.write("roles/r/handlers/main.yml", "- name: role handler\n  debug: msg=handled\n");
    h.write("roles/r/defaults/main.yml", "rv: default\n");
}

const char* const k_includes_playbook = R"(
- hosts: all
  gather_facts: false
  vars: {which: inc}
  tasks:
    - include_tasks: "{{ which }}.yml"
    - include_role: name=r
    - debug: msg=after
)";

} // namespace

TEST_CASE("runner: include_tasks with a templated name, include_role with its handlers", "[exec]")
{
    Harness h;
    write_include_files(h);
    REQUIRE(h.run(k_includes_playbook));
    INFO(h.error);
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"inc none", "after", "handled"});
    CHECK(h.debug_msgs("h2") == std::vector<std::string>{"inc none", "after", "handled"});
    CHECK(has(h.started(), "r : command"));
    CHECK(has(h.started(), "H:r : role handler"));
    CHECK(h.counts("h1").changed == 1);
    CHECK(h.counts("h1").failed == 0);
}

// Regression (was a bug): an include_tasks that includes its file is not counted: ansible-playbook counts
// each "included: ... for h1" as ok (ok=5 changed=1 here: include, inc debug, r : command,
// after, handler; include_role itself is not counted); scsctl reports ok=4.
TEST_CASE("runner: include_tasks counts ok in the recap", "[exec]")
{
    Harness h;
    write_include_files(h);
    REQUIRE(h.run(k_includes_playbook));
    CHECK(h.counts("h1") == C(5, 1, 0, 0, 0, 0));
    CHECK(h.counts("h2") == C(5, 1, 0, 0, 0, 0));
}

// Regression (was a bug): include_tasks with loop ignores the loop (run_include never looks at task.loop):
// Ansible includes the file once per item with the item set (debug prints "inc a", "inc b";
// ok=4 per host: two "included" and two debug results).
TEST_CASE("runner: include_tasks with loop", "[exec]")
{
    Harness h;
    write_include_files(h);
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: inc.yml
      loop: [a, b]
)"));
    INFO(h.error);
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"inc a", "inc b"});
    CHECK(h.counts("h1") == C(4, 0, 0, 0, 0, 0));
}

TEST_CASE("runner: meta end_host and end_play", "[exec]")
{
    Harness h;
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=one
    - meta: end_host
      when: inventory_hostname == 'h1'
    - debug: msg=two
    - meta: end_play
    - debug: msg=three
- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=second-play
)"));
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"one", "second-play"});
    CHECK(h.debug_msgs("h2") == std::vector<std::string>{"one", "two", "second-play"});
    CHECK(h.counts("h1") == C(2, 0, 0, 0, 0, 0));
    CHECK(h.counts("h2") == C(3, 0, 0, 0, 0, 0));
}

TEST_CASE("runner: meta flush_handlers in a play section", "[exec]")
{
    Harness h;
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  pre_tasks:
    - command: /bin/true
      notify: h
  tasks:
    - debug: msg=task
  handlers:
    - name: h
      debug: msg=handler
)"));
    // Handlers notified in pre_tasks run before tasks (the implicit flush after each section).
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"handler", "task"});
    CHECK(h.counts("h1") == C(3, 1, 0, 0, 0, 0));
}

TEST_CASE("runner: a listen topic runs every handler that listens to it, in handler order", "[exec]")
{
    Harness h;
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  tasks:
    - command: /bin/true
      notify: [topic, by name]
  handlers:
    - name: first listener
      listen: topic
      debug: msg=first
    - name: by name
      debug: msg=named
    - name: second listener
      listen: [other, topic]
      debug: msg=second
)"));
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"first", "named", "second"});
    CHECK(h.counts("h1") == C(4, 1, 0, 0, 0, 0));
}

TEST_CASE("runner: a role sees its dependencies' defaults and vars, also when the dependency ran before",
          "[exec]")
{
    Harness h;
    h.write("roles/common/defaults/main.yml", "motd: common default\nshared: common default\n");
    h.write("roles/common/vars/main.yml", "common_var: from common vars\n");
    h.write("roles/common/tasks/main.yml", "- debug: msg=\"common {{ motd }}\"\n");
    h.write("roles/base/meta/main.yml", "dependencies: [common]\n");
    h.write("roles/base/defaults/main.yml", "shared: base default\n");
    h.write("roles/base/tasks/main.yml", "- debug: msg=\"{{ tag | default('-') }} {{ motd }}/{{ shared }}/{{ common_var }}\"\n");
    REQUIRE(h.run(R"(
- hosts: h1
  gather_facts: false
  roles:
    - base
    - {role: base, tag: param}
)"));
    INFO(h.error);
    // common runs once (same params both times); the second base still sees its layers.
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"common common default",
                                                         "- common default/base default/from common vars",
                                                         "param common default/base default/from common vars"});
}

TEST_CASE("runner: include_role runs the role each time but a dependency once per play", "[exec]")
{
    Harness h;
    h.write("roles/common/defaults/main.yml", "motd: common default\n");
    h.write("roles/common/tasks/main.yml", "- debug: msg=common\n");
    h.write("roles/base/meta/main.yml", "dependencies: [common]\n");
    h.write("roles/base/tasks/main.yml", "- debug: msg=\"base {{ motd }}\"\n");
    h.write("roles/base/tasks/other.yml", "- debug: msg=\"other {{ motd }}\"\n");
    REQUIRE(h.run(R"(
- hosts: h1
  gather_facts: false
  roles: [base]
  tasks:
    - include_role: {name: base, tasks_from: other.yml}
    - include_role: {name: base}
- hosts: h1
  gather_facts: false
  tasks:
    - include_role: {name: base, tasks_from: other.yml}
    - include_role: {name: base, tasks_from: other.yml}
)"));
    INFO(h.error);
    // The order ansible-playbook 2.14 prints for the same playbook.
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"common", "base common default", "other common default",
                                                         "base common default", "common", "other common default",
                                                         "other common default"});
}

TEST_CASE("runner: check mode writes nothing", "[exec]")
{
    Harness h;
    h.options.check = true;
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  tasks:
    - copy: content=hi dest={{ out }}/{{ inventory_hostname }}.check
    - file: path={{ out }}/{{ inventory_hostname }}.dir state=directory
    - command: touch {{ out }}/{{ inventory_hostname }}.cmd
)"));
    CHECK(h.counts("h1") == C(2, 2, 0, 1, 0, 0));
    CHECK(h.counts("h2") == C(2, 2, 0, 1, 0, 0));
    for (const char* name : {"h1.check", "h1.dir", "h1.cmd", "h2.check", "h2.dir", "h2.cmd"}) {
        INFO(name);
        CHECK_FALSE(std::filesystem::exists(h.dir.path() / name));
    }
}

TEST_CASE("runner: registered results of skipped tasks have ansible-core 2.14's keys", "[exec]")
{
    Harness h;
    REQUIRE(h.run(R"(
- hosts: h1
  gather_facts: false
  tasks:
    - {command: /bin/false, register: by_when, when: false}
    - {command: /bin/false, register: by_check, check_mode: true}
    - debug: msg="{{ by_when }}"
    - debug: msg="{{ by_check }}"
)"));
    // ansible-playbook 2.14 prints the same keys and values in this order (plus its
    // ansible_facts); the harness shows msg as JSON.
    CHECK(h.debug_msgs("h1") ==
          std::vector<std::string>{
              R"({"changed":false,"skipped":true,"skip_reason":"Conditional result was False"})",
              R"({"changed":false,"stdout":"","stderr":"","rc":0,"cmd":["/bin/false"],"start":null,"end":null,)"
              R"("delta":null,"msg":"Command would have run if not in check mode","skipped":true,)"
              R"("stdout_lines":[],"stderr_lines":[],"failed":false})"});
}

TEST_CASE("runner: without check mode the same tasks write their files", "[exec]")
{
    Harness h;
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  tasks:
    - copy: content=hi dest={{ out }}/{{ inventory_hostname }}.check
    - file: path={{ out }}/{{ inventory_hostname }}.dir state=directory
    - command: touch {{ out }}/{{ inventory_hostname }}.cmd
)"));
    CHECK(h.counts("h1") == C(3, 3, 0, 0, 0, 0));
    CHECK(std::filesystem::exists(h.dir.path() / "h1.check"));
    CHECK(std::filesystem::is_directory(h.dir.path() / "h2.dir"));
    CHECK(std::filesystem::exists(h.dir.path() / "h2.cmd"));
}

TEST_CASE("runner: no_log keeps the secret out of every event", "[exec]")
{
    Harness h;
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  vars: {secret: s3cr3tValue}
  tasks:
    - command: "echo {{ secret }}"
      no_log: true
    - debug: msg="{{ secret }}"
      no_log: true
    - set_fact: {other: "{{ secret }}"}
      no_log: true
    - shell: "echo {{ secret }}; exit 1"
      no_log: true
      ignore_errors: true
    - copy: content="{{ secret }}" dest={{ out }}/{{ inventory_hostname }}.secret
      no_log: true
    - command: "/bin/false {{ secret }}"
      no_log: true
)"));
    CHECK(h.counts("h1") == C(5, 3, 1, 0, 0, 1));
    CHECK(h.counts("h2") == C(5, 3, 1, 0, 0, 1));
    for (const auto& event : h.events) {
        const std::string line = report::event_json(event).dump();
        INFO(line);
        CHECK(line.find("s3cr3tValue") == std::string::npos);
    }
    CHECK(h.all_json().find("censored") != std::string::npos);
    // The tasks did run with the secret.
    CHECK(std::filesystem::exists(h.dir.path() / "h1.secret"));
}

// Regression (was a bug): with no_log, a loop's item events carry the item itself as the label
// ("item":"s3cr3tValue" in event_json of each item_result). Ansible prints
// "changed: [h1] => (item=None)" and never shows the item.
TEST_CASE("runner: no_log hides loop items", "[exec]")
{
    Harness h;
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  vars: {secret: s3cr3tValue}
  tasks:
    - command: "echo {{ item }}"
      loop: ["{{ secret }}"]
      no_log: true
)"));
    CHECK(h.counts("h1") == C(1, 1, 0, 0, 0, 0));
    for (const auto& event : h.events) {
        const std::string line = report::event_json(event).dump();
        INFO(line);
        CHECK(line.find("s3cr3tValue") == std::string::npos);
    }
}

TEST_CASE("runner: --tags, --skip-tags and --start-at-task", "[exec]")
{
    const char* const playbook = R"(
- hosts: all
  gather_facts: false
  tasks:
    - name: t-untagged
      debug: msg=u
    - name: t-foo
      debug: msg=foo
      tags: foo
    - name: t-bar
      debug: msg=bar
      tags: [bar]
    - name: t-always
      debug: msg=always
      tags: always
    - name: t-never
      debug: msg=never
      tags: [never, debugonly]
    - name: t-last
      debug: msg=last
      tags: foo
)";
    using Names = std::vector<std::string>;
    auto run = [&](std::vector<std::string> tags, std::vector<std::string> skip, std::string start = "") {
        Harness h;
        h.options.tags = std::move(tags);
        h.options.skip_tags = std::move(skip);
        h.options.start_at_task = std::move(start);
        REQUIRE(h.run(playbook));
        return h.started();
    };
    CHECK(run({}, {}) == Names{"t-untagged", "t-foo", "t-bar", "t-always", "t-last"});
    CHECK(run({"foo"}, {}) == Names{"t-foo", "t-always", "t-last"});
    CHECK(run({"never"}, {}) == Names{"t-always", "t-never"});
    CHECK(run({"debugonly", "bar"}, {}) == Names{"t-bar", "t-always", "t-never"});
    CHECK(run({}, {"foo"}) == Names{"t-untagged", "t-bar", "t-always"});
    CHECK(run({}, {"always"}) == Names{"t-untagged", "t-foo", "t-bar", "t-last"});
    CHECK(run({"untagged"}, {}) == Names{"t-untagged", "t-always"});
}

// Regression (was a bug): --start-at-task applies to the first host only: State::started_at_task is one flag
// for the run, set when h1's cursor reaches the task, so h2 (whose cursor is still at the
// start) then runs every task from the top: results are t-bar, t-always, t-last on h1 but
// t-untagged, t-foo, t-bar, t-always, t-last on h2. ansible-playbook --start-at-task t-bar
// runs t-bar, t-always and t-last on both hosts.
TEST_CASE("runner: --start-at-task starts every host at the task", "[exec]")
{
    Harness h;
    h.options.start_at_task = "t-bar";
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  tasks:
    - name: t-untagged
      debug: msg=u
    - name: t-foo
      debug: msg=foo
      tags: foo
    - name: t-bar
      debug: msg=bar
      tags: [bar]
    - name: t-always
      debug: msg=always
      tags: always
    - name: t-last
      debug: msg=last
      tags: foo
)"));
    CHECK(h.results() == std::vector<std::string>{"t-bar@h1=ok", "t-bar@h2=ok", "t-always@h1=ok", "t-always@h2=ok",
                                                  "t-last@h1=ok", "t-last@h2=ok"});
    CHECK(h.counts("h2") == C(3, 0, 0, 0, 0, 0));
}

// Regression (was a bug): role vars beat the vars of a block around import_role/include_role. TaskScope
// searches task, block and role vars as one tier, latest layer first, and the role's vars
// layer comes after the enclosing block's. Ansible 2.14 puts role vars below block vars:
// ansible-playbook prints "block" for both tasks; scsctl prints "rolevar".
TEST_CASE("runner: block vars beat the vars of a role inside the block", "[exec]")
{
    Harness h({"h1"});
    h.write("roles/rv/tasks/main.yml", "- debug: msg={{ x }}\n");
    h.write("roles/rv/vars/main.yml", "x: rolevar\n");
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  tasks:
    - block:
        - import_role: name=rv
        - include_role: name=rv
      vars: {x: block}
)"));
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"block", "block"});
    CHECK(h.counts("h1") == C(2, 0, 0, 0, 0, 0));
}

TEST_CASE("runner: role defaults lose to play vars, role vars win over them", "[exec]")
{
    Harness h({"h1"});
    h.write("roles/rd/tasks/main.yml", "- debug: msg=\"{{ d }} {{ v }}\"\n");
    h.write("roles/rd/defaults/main.yml", "d: default\nv: default\n");
    h.write("roles/rd/vars/main.yml", "v: rolevar\n");
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  vars: {d: play, v: play}
  roles:
    - rd
)"));
    CHECK(h.debug_msgs("h1") == std::vector<std::string>{"play rolevar"});
}
