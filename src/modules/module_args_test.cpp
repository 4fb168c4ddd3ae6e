// Unit tests for the shared helpers: argument conversion, modes, probe parsing, shlex.
#include <catch2/catch.hpp>

#include "modules/command_script.hpp"
#include "modules/file_state.hpp"
#include "modules/module_args.hpp"
#include "modules/remote_probe.hpp"

namespace scsctl::modules {

TEST_CASE("to_bool follows Ansible's boolean()", "[modules]")
{
    for (const char* word : {"yes", "on", "1", "true", "True", "y", "t"}) {
        CHECK(to_bool(core::Value(word), "x").value() == true);
    }
    for (const char* word : {"no", "off", "0", "false", "FALSE", "n", "f"}) {
        CHECK(to_bool(core::Value(word), "x").value() == false);
    }
    CHECK(to_bool(core::Value(1), "x").value() == true);
    CHECK_FALSE(to_bool(core::Value("maybe"), "x").has_value());
}

TEST_CASE("Args resolves aliases and reports unknown and missing keys", "[modules]")
{
    const std::vector<ArgSpec> spec = {{"path", {"dest", "name"}, true}, {"state"}};
    const Args ok(core::Value{{"dest", "/x"}}, spec);
    CHECK(ok.check().empty());
    CHECK(ok.str("path").value() == "/x");
    const Args bad(core::Value{{"stat", "file"}}, spec);
    const auto problems = bad.check();
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "unsupported parameter 'stat' (did you mean 'state'?)");
    CHECK(problems[1] == "missing required arguments: path");
    const Args list(core::Value{{"state", "a,b"}}, spec);
    CHECK(list.list("state").value().value() == std::vector<std::string>{"a", "b"});
    CHECK(Args(core::Value{{"state", 5}}, spec).str("state").value() == "5");
    CHECK(Args(core::Value{{"state", "12"}}, spec).integer("state").value() == 12);
}

TEST_CASE("parse_mode and apply_mode", "[modules]")
{
    CHECK(parse_mode(core::Value("0644")).value().absolute == 0644u);
    CHECK(parse_mode(core::Value("755")).value().absolute == 0755u);
    CHECK(parse_mode(core::Value(420)).value().absolute == 0644u);
    CHECK_FALSE(parse_mode(core::Value("rwx")).has_value());
    CHECK_FALSE(parse_mode(core::Value("0999")).has_value());
    const auto symbolic = parse_mode(core::Value("u+rwx,g-w,o=")).value();
    CHECK(apply_mode(symbolic, 0664, false) == 0740);
    CHECK(apply_mode(parse_mode(core::Value("a+X")).value(), 0600, true) == 0711);
    CHECK(apply_mode(parse_mode(core::Value("a+X")).value(), 0600, false) == 0600);
    CHECK(apply_mode(parse_mode(core::Value("go=u")).value(), 0750, false) == 0777);
    CHECK(apply_mode(parse_mode(core::Value("u+s")).value(), 0755, false) == 04755);
    CHECK(mode_string(0644) == "0644");
    CHECK(mode_string(04755) == "4755");
}

TEST_CASE("probe output sections and stat lines", "[modules]")
{
    const auto output = ProbeOutput::parse("noise\n::scsctl:: stat\n81a4 0 0 6 1 2 3 1 100 2049 root root\n"
                                           "::scsctl:: content\naGVs\nbG8=\n::scsctl:: empty\n");
    CHECK(output.has("empty"));
    CHECK_FALSE(output.has("noise"));
    CHECK(output.decoded("content").value().value() == "hello");
    const auto state = read_stat(output, "stat").value().value();
    CHECK(state.type == FileType::file);
    CHECK(state.mode == 0644u);
    CHECK(state.inode == 100u);
    CHECK(state.owner == "root");
    CHECK(ansible_state(state) == "file");
    CHECK_FALSE(parse_stat("garbage").has_value());
}

TEST_CASE("shlex_split follows Python's POSIX shlex", "[modules]")
{
    CHECK(shlex_split("a 'b c' \"d \\\" e\" f\\ g").value() == std::vector<std::string>{"a", "b c", "d \" e", "f g"});
    CHECK(shlex_split("''").value() == std::vector<std::string>{""});
    CHECK(shlex_split("  ").value().empty());
    CHECK_FALSE(shlex_split("'open").has_value());
    CHECK(argv_command_line({"echo", "it's", "$HOME/x", "${USER}", "$(no)"}) ==
          "'echo' 'it'\\''s' \"${HOME}\"'/x' \"${USER}\" '$(no)'");
}

} // namespace scsctl::modules
