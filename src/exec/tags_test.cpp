// tags_select against Ansible 2.14's Taggable.evaluate_tags (verified with
// ansible-playbook --tags/--skip-tags): always, never, all, tagged, untagged.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "exec/playbook_runner.hpp"

using scsctl::exec::tags_select;
using Tags = std::vector<std::string>;

TEST_CASE("tags_select: no --tags runs everything but never", "[exec]")
{
    CHECK(tags_select({}, {}, {}));
    CHECK(tags_select({"foo"}, {}, {}));
    CHECK(tags_select({"always"}, {}, {}));
    CHECK_FALSE(tags_select({"never"}, {}, {}));
    CHECK_FALSE(tags_select({"never", "debugonly"}, {}, {}));
}

TEST_CASE("tags_select: --tags selects matching tags and always", "[exec]")
{
    const Tags only{"foo"};
    CHECK(tags_select({"foo"}, only, {}));
    CHECK(tags_select({"bar", "foo"}, only, {}));
    CHECK_FALSE(tags_select({"bar"}, only, {}));
    CHECK_FALSE(tags_select({}, only, {}));
    CHECK(tags_select({"always"}, only, {}));
    CHECK_FALSE(tags_select({"never"}, only, {}));
}

TEST_CASE("tags_select: never runs only when one of its tags is asked for", "[exec]")
{
    CHECK(tags_select({"never"}, {"never"}, {}));
    CHECK(tags_select({"never", "debugonly"}, {"debugonly"}, {}));
    CHECK(tags_select({"never", "debugonly"}, {"debugonly", "bar"}, {}));
    CHECK_FALSE(tags_select({"never", "debugonly"}, {"all"}, {}));
    CHECK(tags_select({"never", "debugonly"}, {"all", "debugonly"}, {}));
}

TEST_CASE("tags_select: --tags all", "[exec]")
{
    CHECK(tags_select({}, {"all"}, {}));
    CHECK(tags_select({"foo"}, {"all"}, {}));
    CHECK(tags_select({"always"}, {"all"}, {}));
    CHECK_FALSE(tags_select({"never"}, {"all"}, {}));
}

TEST_CASE("tags_select: --tags tagged / untagged", "[exec]")
{
    CHECK(tags_select({"foo"}, {"tagged"}, {}));
    CHECK_FALSE(tags_select({}, {"tagged"}, {}));
    CHECK(tags_select({"always"}, {"tagged"}, {}));
    CHECK(tags_select({}, {"untagged"}, {}));
    CHECK_FALSE(tags_select({"foo"}, {"untagged"}, {}));
    CHECK(tags_select({"always"}, {"untagged"}, {}));
}

// Regression (was a bug): tags_select lets `--tags tagged` select a task tagged `never` (it checks only that
// the task has tags). Ansible: `elif 'tagged' in only_tags and tags != untagged and 'never'
// not in tags` — `ansible-playbook --tags tagged` does not run `tags: [never, debugonly]`.
TEST_CASE("tags_select: --tags tagged does not run never tasks", "[exec]")
{
    CHECK_FALSE(tags_select({"never", "debugonly"}, {"tagged"}, {}));
}

TEST_CASE("tags_select: --skip-tags", "[exec]")
{
    CHECK_FALSE(tags_select({"foo"}, {}, {"foo"}));
    CHECK(tags_select({"bar"}, {}, {"foo"}));
    CHECK(tags_select({}, {}, {"foo"}));
    CHECK(tags_select({"always"}, {}, {"foo"}));
    CHECK_FALSE(tags_select({"always", "foo"}, {}, {"foo"}));
    CHECK_FALSE(tags_select({"always"}, {}, {"always"}));
    CHECK_FALSE(tags_select({"foo"}, {"foo"}, {"foo"}));
    CHECK_FALSE(tags_select({"foo"}, {}, {"tagged"}));
    CHECK_FALSE(tags_select({"always"}, {}, {"tagged"}));
    CHECK(tags_select({}, {}, {"tagged"}));
    CHECK_FALSE(tags_select({}, {}, {"untagged"}));
    CHECK(tags_select({"foo"}, {}, {"untagged"}));
}

// Regression (was a bug): `--skip-tags all` is not special in tags_select: a task tagged foo (or untagged)
// still runs. Ansible (ansible-playbook --skip-tags all) skips every task except those
// tagged always (unless always is skipped too).
TEST_CASE("tags_select: --skip-tags all skips everything but always", "[exec]")
{
    CHECK_FALSE(tags_select({"foo"}, {}, {"all"}));
    CHECK_FALSE(tags_select({}, {}, {"all"}));
    CHECK(tags_select({"always"}, {}, {"all"}));
    CHECK_FALSE(tags_select({"always"}, {}, {"all", "always"}));
}
