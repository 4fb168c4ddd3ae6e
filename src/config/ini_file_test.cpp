// Tests of the configparser-compatible ansible.cfg reader.
#include <catch2/catch.hpp>

#include "config/ini_file.hpp"

using scsctl::config::IniFile;

namespace {

std::string value_of(const IniFile& ini, const std::string& section, const std::string& key)
{
    const auto* option = ini.get(section, key);
    return option == nullptr ? std::string("<none>") : option->value;
}

} // namespace

TEST_CASE("ini: comments follow configparser with inline_comment_prefixes=(';',)", "[config]")
{
    scsctl::core::Diagnostics diagnostics;
    const auto ini = IniFile::parse("# full line\n"
                                    "; also full line\n"
                                    "[defaults]\n"
                                    "forks = 10 ; inline comment\n"
                                    "timeout = 7 # not a comment\n"
                                    "remote_user = a;b\n"
                                    "  # indented full-line comment\n",
                                    "/x/ansible.cfg", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    CHECK(value_of(ini, "defaults", "forks") == "10");
    CHECK(value_of(ini, "defaults", "timeout") == "7 # not a comment");
    CHECK(value_of(ini, "defaults", "remote_user") == "a;b");
}

TEST_CASE("ini: ':' delimiters, lower-cased names, value locations", "[config]")
{
    scsctl::core::Diagnostics diagnostics;
    const auto ini =
        IniFile::parse("[defaults]\nRemote_User:   deploy\nforks=3\n  timeout = 4\n", "/x/a.cfg", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    const auto* user = ini.get("defaults", "remote_user");
    REQUIRE(user != nullptr);
    CHECK(user->value == "deploy");
    CHECK(user->where.str() == "/x/a.cfg:2:16");
    CHECK(value_of(ini, "defaults", "forks") == "3\ntimeout = 4"); // indented: a continuation line
    CHECK(value_of(ini, "defaults", "timeout") == "<none>");
    CHECK(value_of(ini, "Defaults", "forks") == "<none>"); // section names are case-sensitive
}

TEST_CASE("ini: continuation lines and the DEFAULT section", "[config]")
{
    scsctl::core::Diagnostics diagnostics;
    const auto ini = IniFile::parse("[DEFAULT]\ntimeout = 30\n[defaults]\nroles_path = a\n    b\n\n    c\nforks = 2\n",
                                    "/x/a.cfg", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    CHECK(value_of(ini, "defaults", "roles_path") == "a\nb\n\nc");
    CHECK(value_of(ini, "defaults", "forks") == "2");
    CHECK(value_of(ini, "defaults", "timeout") == "30");
    CHECK(value_of(ini, "ssh_connection", "timeout") == "30");
}

TEST_CASE("ini: syntax errors are located and all reported", "[config]")
{
    scsctl::core::Diagnostics diagnostics;
    IniFile::parse("forks = 1\n[defaults]\njust words\nforks = 1\nFORKS = 2\n[defaults]\n", "/x/a.cfg", diagnostics);
    REQUIRE(diagnostics.error_count() == 4);
    const auto items = diagnostics.sorted();
    CHECK(items[0].str() == "/x/a.cfg:1:1: file contains no section header before this line (ansible.cfg needs "
                            "'[defaults]')");
    CHECK(items[1].str() == "/x/a.cfg:3:1: expected 'key = value' or 'key: value', got 'just words'");
    CHECK(items[2].str() == "/x/a.cfg:5:1: option 'forks' already set in section [defaults] (configparser is strict)");
    CHECK(items[3].str() == "/x/a.cfg:6:1: section [defaults] already exists (configparser is strict)");
}
