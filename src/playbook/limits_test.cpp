// The loader's limits on hostile YAML: task lists that contain themselves through an
// alias, nesting too deep for the stack, and alias bombs in task lists and vars. Each is
// a located error, reported once, instead of a crash or an exhausted machine.
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

std::size_t count_tasks(const std::vector<scsctl::model::Task>& tasks)
{
    std::size_t sum = tasks.size();
    for (const auto& task : tasks) {
        sum += count_tasks(task.block) + count_tasks(task.rescue) + count_tasks(task.always);
    }
    return sum;
}

/// Seven levels of blocks each using the previous one eight times: 8 million tasks.
const std::string k_task_bomb = "- hosts: all\n  tasks:\n"
                                "    - &a {block: [{debug: msg=x}, {debug: msg=y}, {debug: msg=z}, {debug: msg=w}]}\n"
                                "    - &b {block: [*a, *a, *a, *a, *a, *a, *a, *a]}\n"
                                "    - &c {block: [*b, *b, *b, *b, *b, *b, *b, *b]}\n"
                                "    - &d {block: [*c, *c, *c, *c, *c, *c, *c, *c]}\n"
                                "    - &e {block: [*d, *d, *d, *d, *d, *d, *d, *d]}\n"
                                "    - &f {block: [*e, *e, *e, *e, *e, *e, *e, *e]}\n"
                                "    - &g {block: [*f, *f, *f, *f, *f, *f, *f, *f]}\n"
                                "    - &h {block: [*g, *g, *g, *g, *g, *g, *g, *g]}\n";

} // namespace

TEST_CASE("a task list holding a block of itself is a recursive alias", "[playbook]")
{
    CHECK(errors_of("- hosts: all\n  tasks: &t\n    - block: *t\n") ==
          "site.yml:2:10: recursive alias: a task list contains itself\n");
}

TEST_CASE("a block holding itself is a recursive alias", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - &a {block: [{debug: msg=1}, *a]}\n");
    CHECK(messages(loaded.diagnostics) ==
          dir.path().string() + "/site.yml:3:18: recursive alias: a task list contains itself\n");
    REQUIRE(loaded.playbook.plays.size() == 1);
    // The block and its debug task are kept; the recursive use stays an empty block.
    CHECK(count_tasks(loaded.playbook.plays[0].tasks) == 3);
}

TEST_CASE("a recursive alias reached many times is reported once", "[playbook]")
{
    CHECK(errors_of("- hosts: all\n  tasks:\n    - &a {block: [*a, *a, *a, *a]}\n    - {block: [*a, *a, *a, *a]}\n") ==
          "site.yml:3:18: recursive alias: a task list contains itself\n");
}

TEST_CASE("blocks nested deeper than the limit are refused", "[playbook]")
{
    std::string text = "- hosts: all\n  tasks: ";
    for (int i = 0; i < 100; ++i) {
        text += "[{block: ";
    }
    text += "[{ping: }]";
    for (int i = 0; i < 100; ++i) {
        text += "}]";
    }
    const auto out = errors_of(text + "\n");
    CHECK(out.find("blocks nested too deeply (more than 64 levels)\n") != std::string::npos);
    CHECK(out.find('\n') == out.size() - 1);
}

TEST_CASE("blocks nested within the limit load", "[playbook]")
{
    std::string text = "- hosts: all\n  tasks: ";
    for (int i = 0; i < 60; ++i) {
        text += "[{block: ";
    }
    text += "[{ping: }]";
    for (int i = 0; i < 60; ++i) {
        text += "}]";
    }
    CHECK(errors_of(text + "\n").empty());
}

TEST_CASE("an alias bomb in task lists is cut off and reported once", "[playbook]")
{
    TempDir dir;
    auto loaded = load(dir, k_task_bomb);
    CHECK(messages(loaded.diagnostics).find("playbook expands to more than 100000 tasks (alias bomb?)\n") !=
          std::string::npos);
    CHECK(loaded.diagnostics.error_count() == 1);
    REQUIRE(loaded.playbook.plays.size() == 1);
    CHECK(count_tasks(loaded.playbook.plays[0].tasks) <= 100'000);
}

TEST_CASE("the task budget spans the tasks files a playbook imports", "[playbook]")
{
    TempDir dir;
    dir.write("bomb.yml", k_task_bomb.substr(k_task_bomb.find("    - &a")));
    auto loaded = load(dir, "- hosts: all\n  tasks:\n    - import_tasks: bomb.yml\n");
    CHECK(messages(loaded.diagnostics).find("bomb.yml:") != std::string::npos);
    CHECK(loaded.diagnostics.error_count() == 1);
}

TEST_CASE("a vars alias bomb used by many tasks is reported once", "[playbook]")
{
    const std::string text = "- hosts: all\n  vars:\n"
                             "    a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
                             "    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                             "    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                             "    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                             "    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                             "    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                             "    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                             "  tasks:\n"
                             "    - {ping: , vars: {v: *g}}\n"
                             "    - {ping: , vars: {v: *g}}\n"
                             "    - {ping: , args: {data: *g}}\n";
    TempDir dir;
    auto loaded = load(dir, text);
    INFO(messages(loaded.diagnostics));
    CHECK(messages(loaded.diagnostics).find("document expands to more than 2000000 values (alias bomb?)") !=
          std::string::npos);
    CHECK(loaded.diagnostics.error_count() == 1);
}
