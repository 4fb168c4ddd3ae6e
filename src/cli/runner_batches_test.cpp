// The runner's hooks for rolling upgrades: after_batch (a gate between serial batches
// that can end the playbook) and start_at_batch (upgrade --resume starts at the batch
// that failed). Runs real playbooks on local hosts through runner_test_harness.hpp.
#include "cli/runner_test_harness.hpp"

using runner_test::Harness;

namespace {

const char* const k_two_plays = R"(
- name: central
  hosts: h1
  gather_facts: false
  tasks:
    - name: central task
      debug: msg=central
- name: rolling
  hosts: all
  gather_facts: false
  serial: 1
  tasks:
    - name: rolling task
      debug: msg="{{ inventory_hostname }}"
)";

} // namespace

TEST_CASE("runner: after_batch sees every batch of every play, in order", "[exec][upgrade]")
{
    Harness h({"h1", "h2", "h3"});
    std::vector<std::string> seen;
    h.after_batch = [&seen](const scsctl::exec::BatchEnded& ended) -> std::optional<std::string> {
        seen.push_back(std::to_string(ended.play_index) + ":" + std::to_string(ended.batch_index) + "/" +
                       std::to_string(ended.batch_count) + " " + ended.play_name + " " + ended.hosts.front());
        return std::nullopt;
    };
    REQUIRE(h.run(k_two_plays));
    CHECK(seen == std::vector<std::string>{"0:0/1 central h1", "1:0/3 rolling h1", "1:1/3 rolling h2",
                                           "1:2/3 rolling h3"});
    CHECK(h.results() == std::vector<std::string>{"central task@h1=ok", "rolling task@h1=ok", "rolling task@h2=ok",
                                                  "rolling task@h3=ok"});
}

TEST_CASE("runner: a reason from after_batch ends the playbook after that batch", "[exec][upgrade]")
{
    Harness h({"h1", "h2", "h3"});
    h.after_batch = [](const scsctl::exec::BatchEnded& ended) -> std::optional<std::string> {
        if (ended.play_index == 1 && ended.batch_index == 1) {
            return "health gate failed";
        }
        return std::nullopt;
    };
    REQUIRE(h.run(k_two_plays + std::string(R"(
- name: after
  hosts: all
  gather_facts: false
  tasks:
    - name: never
      debug: msg=never
)")));
    CHECK(h.results() == std::vector<std::string>{"central task@h1=ok", "rolling task@h1=ok", "rolling task@h2=ok"});
}

TEST_CASE("runner: a failed batch ends the playbook without asking after_batch", "[exec][upgrade]")
{
    Harness h({"h1", "h2", "h3"});
    int asked = 0;
    h.after_batch = [&asked](const scsctl::exec::BatchEnded&) -> std::optional<std::string> {
        ++asked;
        return std::nullopt;
    };
    REQUIRE(h.run(R"(
- hosts: all
  gather_facts: false
  serial: 1
  max_fail_percentage: 0
  tasks:
    - command: /bin/false
      when: inventory_hostname == 'h2'
    - name: next
      debug: msg=next
)"));
    CHECK(asked == 1); // after h1's batch only
    CHECK(h.results() == std::vector<std::string>{"command@h1=skipped", "next@h1=ok", "command@h2=failed"});
}

TEST_CASE("runner: start_at_batch skips earlier plays and batches", "[exec][upgrade]")
{
    Harness h({"h1", "h2", "h3"});
    h.start_at_batch = scsctl::exec::BatchPosition{1, 2};
    REQUIRE(h.run(k_two_plays));
    CHECK(h.results() == std::vector<std::string>{"rolling task@h3=ok"});
}
