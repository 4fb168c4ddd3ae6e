// Tests for shell quoting: the quoted word must read back as the same bytes in sh.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>

#include "core/shell_quote.hpp"

using scsctl::core::shell_join;
using scsctl::core::shell_quote;

namespace {

// Runs `printf %s <quoted>` through /bin/sh and returns what it printed.
std::string round_trip(const std::string& word)
{
    const std::string command = "printf %s " + shell_quote(word);
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    std::array<char, 256> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        out.append(buffer.data(), n);
    }
    ::pclose(pipe);
    return out;
}

} // namespace

TEST_CASE("safe words stay bare, others are single-quoted", "[shell_quote]")
{
    CHECK(shell_quote("abc/def-1.2") == "abc/def-1.2");
    CHECK(shell_quote("") == "''");
    CHECK(shell_quote("a b") == "'a b'");
    CHECK(shell_quote("it's") == "'it'\\''s'");
    CHECK(shell_join({"echo", "a b", "$HOME"}) == "echo 'a b' '$HOME'");
}

TEST_CASE("quoted words read back byte for byte through sh", "[shell_quote]")
{
    const std::vector<std::string> words{
        "plain", "with space", "quote'inside", "\"double\"", "$(touch /tmp/x)", "`id`", "back\\slash",
        "new\nline", "*", "~", "!event", "tab\there", "semi;colon", "a&b|c", "-n", "ünïcödé"};
    for (const auto& word : words) {
        CAPTURE(word);
        CHECK(round_trip(word) == word);
    }
}
