// The search order of the layers' playbook root.
#include <catch2/catch.hpp>

#include "plan/playbook_root.hpp"
#include "temp_dir.hpp"

using namespace scsctl;

TEST_CASE("playbook root: flag, environment, installed, source tree", "[plan]")
{
    testing::TempDir dir;
    dir.write("flag/x", "");
    dir.write("env/x", "");
    dir.write("prefix/share/scsctl/playbooks/x", "");
    dir.write("src/playbooks/x", "");
    const std::string base = dir.path().string();
    plan::PlaybookSearch search{base + "/flag", base + "/env", base + "/prefix/bin/scsctl", base + "/src"};
    CHECK(*plan::find_playbook_root(search) == base + "/flag");
    search.flag.clear();
    CHECK(*plan::find_playbook_root(search) == base + "/env");
    search.environment.clear();
    CHECK(*plan::find_playbook_root(search) == base + "/prefix/share/scsctl/playbooks");
    search.executable = base + "/build/scsctl";
    CHECK(*plan::find_playbook_root(search) == base + "/src/playbooks");
    search.source_dir = base + "/nowhere";
    auto none = plan::find_playbook_root(search);
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find("no layer playbook directory found") != std::string::npos);
}

TEST_CASE("playbook root: a --playbook-dir that is not a directory is an error", "[plan]")
{
    testing::TempDir dir;
    dir.write("src/playbooks/x", "");
    plan::PlaybookSearch search{(dir.path() / "missing").string(), "", "", (dir.path() / "src").string()};
    auto root = plan::find_playbook_root(search);
    REQUIRE_FALSE(root);
    CHECK(root.error().message == "--playbook-dir " + (dir.path() / "missing").string() + ": not a directory");
}
