// Tests for PythonRegex: expected values checked against CPython 3.11's `re`.
// Depends on regex and Catch2 only.
#include <catch2/catch.hpp>

#include "regex/python_regex.hpp"
#include "regex/translate.hpp"

using scsctl::regex::Flags;
using scsctl::regex::PythonRegex;

namespace {

PythonRegex compile(std::string_view pattern, Flags flags = {})
{
    auto re = PythonRegex::compile(pattern, flags);
    REQUIRE(re.has_value());
    return *re;
}

std::string sub(std::string_view pattern, std::string_view replacement, std::string_view subject, std::size_t count = 0)
{
    auto out = compile(pattern).sub(replacement, subject, count);
    REQUIRE(out.has_value());
    return *out;
}

std::vector<std::string> whole_matches(std::string_view pattern, std::string_view subject, Flags flags = {})
{
    auto all = compile(pattern, flags).find_all(subject);
    REQUIRE(all.has_value());
    std::vector<std::string> out;
    for (const auto& m : *all) {
        out.push_back(m.groups[0].value_or("<none>"));
    }
    return out;
}

} // namespace

TEST_CASE("pattern translation rewrites python spellings", "[regex]")
{
    CHECK(scsctl::regex::translate_pattern(R"(a\Z)").value() == R"(a\z)");
    CHECK(scsctl::regex::translate_pattern("(?P<n>x)(?P=n)").value() == R"((?<n>x)\k<n>)");
    CHECK(scsctl::regex::translate_pattern(R"(\x41\u00e9)").value() == R"(\x{41}\x{00e9})");
    CHECK(scsctl::regex::translate_pattern("a{,2}").value() == "a{0,2}");
    CHECK(scsctl::regex::translate_pattern("[[]").value() == R"([\[])");
    CHECK_FALSE(scsctl::regex::translate_pattern(R"(\x4)").has_value());
    CHECK_FALSE(scsctl::regex::translate_pattern(R"(a\)").has_value());
}

TEST_CASE("search, match and fullmatch", "[regex]")
{
    const auto re = compile(R"((\d+)-(\d+)?)");
    auto found = re.search("ab 12- x");
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    CHECK((*found)->start == 3);
    CHECK((*found)->end == 6);
    CHECK((*found)->groups[1] == "12");
    CHECK_FALSE((*found)->groups[2].has_value());
    CHECK_FALSE(re.match("ab 12-").value().has_value());
    CHECK(re.match("12-3x").value().has_value());
    CHECK_FALSE(re.fullmatch("12-3x").value().has_value());
    CHECK(re.fullmatch("12-3").value().has_value());
    CHECK(re.group_count() == 2);
    CHECK_FALSE(re.search("abc", 10).value().has_value());
}

TEST_CASE("named groups and backreferences", "[regex]")
{
    const auto re = compile("(?P<a>x)(?P=a)");
    auto found = re.search("-xx").value();
    REQUIRE(found.has_value());
    REQUIRE(found->named.size() == 1);
    CHECK(found->named[0].first == "a");
    CHECK(found->named[0].second == 1);
    CHECK(whole_matches("(?P<a>x)(?P=a)", "xxx") == std::vector<std::string>{"xx"});
}

TEST_CASE("flags", "[regex]")
{
    CHECK(whole_matches("^b", "a\nb") == std::vector<std::string>{});
    CHECK(whole_matches("^b", "a\nb", Flags{.multiline = true}) == std::vector<std::string>{"b"});
    CHECK(whole_matches("a.b", "a\nb") == std::vector<std::string>{});
    CHECK(whole_matches("a.b", "a\nb", Flags{.dotall = true}) == std::vector<std::string>{"a\nb"});
    CHECK(whole_matches("AB", "ab", Flags{.ignorecase = true}) == std::vector<std::string>{"ab"});
    CHECK(whole_matches("a b # comment", "ab", Flags{.verbose = true}) == std::vector<std::string>{"ab"});
    CHECK(whole_matches("(?i)é", "ÉéE") == std::vector<std::string>{"É", "é"});
}

TEST_CASE("unicode classes follow python str patterns", "[regex]")
{
    CHECK(whole_matches(R"(\w+)", "héllo wörld") == std::vector<std::string>{"héllo", "wörld"});
    CHECK(whole_matches(R"(\d)", "١2") == std::vector<std::string>{"١", "2"});
}

TEST_CASE("findall empty-match rules of python 3.7+", "[regex]")
{
    CHECK(whole_matches("a{,2}", "aaab") == std::vector<std::string>{"aa", "a", "", ""});
    CHECK(whole_matches("x*", "abxd") == std::vector<std::string>{"", "", "x", "", ""});
    CHECK(whole_matches("", "é") == std::vector<std::string>{"", ""});
}

TEST_CASE("findall groups", "[regex]")
{
    auto all = compile(R"((\w+)=(\d+)?)").find_all("a=1 b= c=3").value();
    REQUIRE(all.size() == 3);
    CHECK(all[1].groups[1] == "b");
    CHECK_FALSE(all[1].groups[2].has_value());
    CHECK(all[2].groups[2] == "3");
}

TEST_CASE("sub replacement syntax", "[regex]")
{
    CHECK(sub("x*", "-", "abxd") == "-a-b--d-");
    CHECK(sub("", "-", "abc") == "-a-b-c-");
    CHECK(sub(R"((?P<k>\w+)=(\w+))", R"(\g<2>:\g<k>\n\1\\)", "a=b c=d") == "b:a\na\\ d:c\nc\\");
    CHECK(sub("a|(b)", R"([\1])", "ab") == "[][b]");
    CHECK(sub(R"(\Z)", "!", "ab\n") == "ab\n!");
    CHECK(sub("$", "!", "ab\n") == "ab!\n!");
    CHECK(sub("a", R"(\0)", "a") == std::string(1, '\0'));
    CHECK(sub("a", R"(\101)", "a") == "A");
    CHECK(sub("a", R"(\-)", "a") == "\\-");
    CHECK(sub("o", "0", "foo boo", 2) == "f00 boo");
    CHECK(sub("(a)", R"(\g<0>\g<1>\t)", "xa") == "xaa\t");
    std::size_t count = 0;
    CHECK(compile("o").sub("0", "foo", 0, &count).value() == "f00");
    CHECK(count == 2);
}

TEST_CASE("sub errors", "[regex]")
{
    CHECK(compile("a").sub(R"(\2)", "xyz").error().message == "invalid group reference 2");
    CHECK(compile("(a)").sub(R"(\g<zz>)", "a").error().message == "unknown group name 'zz'");
    CHECK(compile("a").sub(R"(\q)", "a").error().message == "bad escape \\q at position 0");
    CHECK_FALSE(compile("a").sub(R"(\g<1)", "a").has_value());
}

TEST_CASE("compile errors and match limits", "[regex]")
{
    auto bad = PythonRegex::compile("(abc");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message.starts_with("invalid regular expression '(abc': missing closing parenthesis"));
    auto slow = compile("(a+)+$");
    auto result = slow.search(std::string(40, 'a') + "!");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message.find("match limit") != std::string::npos);
}
