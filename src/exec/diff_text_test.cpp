// unified_diff: the @@ hunks must be what GNU `diff -u` (and Python's difflib, which
// Ansible uses) prints for the same two files. The expected hunks are computed by
// running diff -u on the files in the test.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "exec/diff_text.hpp"
#include "temp_dir.hpp"

using scsctl::exec::unified_diff;
using scsctl::modules::Diff;

namespace {

std::string numbered(int first, int last)
{
    std::string out;
    for (int i = first; i <= last; ++i) {
        out += "line " + std::to_string(i) + "\n";
    }
    return out;
}

/// The hunks GNU diff -u prints (its --- / +++ header lines dropped).
std::string gnu_hunks(const std::string& before, const std::string& after)
{
    scsctl::testing::TempDir dir;
    const std::string a = dir.write("before", before);
    const std::string b = dir.write("after", after);
    const std::string command = "diff -u '" + a + "' '" + b + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out.append(buffer, got);
    }
    ::pclose(pipe);
    for (int header = 0; header < 2 && !out.empty(); ++header) {
        out.erase(0, out.find('\n') + 1);
    }
    return out;
}

/// Our hunks, header lines checked and dropped.
std::string our_hunks(const std::string& before, const std::string& after)
{
    const std::string text = unified_diff(Diff{"/etc/x", "/etc/x", before, after});
    const std::string header = "--- before: /etc/x\n+++ after: /etc/x\n";
    REQUIRE(text.substr(0, header.size()) == header);
    return text.substr(header.size());
}

void check_like_gnu(const std::string& before, const std::string& after)
{
    const std::string expected = gnu_hunks(before, after);
    INFO("diff -u:\n" << expected);
    CHECK(our_hunks(before, after) == expected);
}

} // namespace

TEST_CASE("unified_diff: header lines and no hunks for equal texts", "[exec]")
{
    CHECK(unified_diff(Diff{"a", "b", "same\n", "same\n"}) == "--- before: a\n+++ after: b\n");
    CHECK(gnu_hunks("same\n", "same\n").empty());
}

// Regression (was a bug): unified_diff prints up to 6 lines of trailing context (2 x 3) instead of 3, or
// every line to the end of the file when fewer than 7 follow (hunks() computes `last -
// min(quiet, 3) + 3` instead of `last - quiet + 3`), so consecutive hunks overlap and the
// counts in @@ differ from diff -u / difflib.
TEST_CASE("unified_diff: insertion in the middle matches diff -u", "[exec]")
{
    check_like_gnu(numbered(1, 10), numbered(1, 5) + "new\n" + numbered(6, 10));
}

// Regression (was a bug): unified_diff prints up to 6 lines of trailing context (2 x 3) instead of 3, or
// every line to the end of the file when fewer than 7 follow (hunks() computes `last -
// min(quiet, 3) + 3` instead of `last - quiet + 3`), so consecutive hunks overlap and the
// counts in @@ differ from diff -u / difflib.
TEST_CASE("unified_diff: deletion in the middle matches diff -u", "[exec]")
{
    check_like_gnu(numbered(1, 10), numbered(1, 4) + numbered(6, 10));
}

// Regression (was a bug): unified_diff prints up to 6 lines of trailing context (2 x 3) instead of 3, or
// every line to the end of the file when fewer than 7 follow (hunks() computes `last -
// min(quiet, 3) + 3` instead of `last - quiet + 3`), so consecutive hunks overlap and the
// counts in @@ differ from diff -u / difflib.
TEST_CASE("unified_diff: insertions at the start and the end match diff -u", "[exec]")
{
    check_like_gnu(numbered(1, 8), "first\n" + numbered(1, 8));
    check_like_gnu(numbered(1, 8), numbered(1, 8) + "last 1\nlast 2\n");
}

// Regression (was a bug): unified_diff prints up to 6 lines of trailing context (2 x 3) instead of 3, or
// every line to the end of the file when fewer than 7 follow (hunks() computes `last -
// min(quiet, 3) + 3` instead of `last - quiet + 3`), so consecutive hunks overlap and the
// counts in @@ differ from diff -u / difflib.
TEST_CASE("unified_diff: distant changes make separate hunks like diff -u", "[exec]")
{
    // Deletions 7 unchanged lines apart: two hunks.
    check_like_gnu(numbered(1, 20), numbered(1, 2) + numbered(4, 10) + numbered(12, 20));
    // Far apart.
    check_like_gnu(numbered(1, 30), numbered(2, 29));
}

// Regression (was a bug): unified_diff prints up to 6 lines of trailing context (2 x 3) instead of 3, or
// every line to the end of the file when fewer than 7 follow (hunks() computes `last -
// min(quiet, 3) + 3` instead of `last - quiet + 3`), so consecutive hunks overlap and the
// counts in @@ differ from diff -u / difflib.
TEST_CASE("unified_diff: close changes merge into one hunk like diff -u", "[exec]")
{
    // Deletions 6 unchanged lines apart: one hunk (diff -u merges up to 2*3 lines).
    check_like_gnu(numbered(1, 20), numbered(1, 2) + numbered(4, 9) + numbered(11, 20));
    check_like_gnu(numbered(1, 20), numbered(1, 4) + numbered(6, 6) + numbered(8, 20));
}

TEST_CASE("unified_diff: a new file matches diff -u", "[exec]")
{
    check_like_gnu("", "a\nb\nc\n");
}

TEST_CASE("unified_diff: an emptied file matches diff -u", "[exec]")
{
    check_like_gnu("a\nb\nc\n", "");
}

// Regression (was a bug): a changed line is printed as "+new" before "-old"; diff -u (and difflib, so
// Ansible's --diff) prints the removed lines first: "-old\n+new".
TEST_CASE("unified_diff: replaced lines print removals before additions", "[exec]")
{
    check_like_gnu(numbered(1, 10), numbered(1, 4) + "changed 5\n" + numbered(6, 10));
    check_like_gnu(numbered(1, 3) + "a\nb\n" + numbered(4, 6), numbered(1, 3) + "c\nd\n" + numbered(4, 6));
}

// Regression (was a bug): a hunk range of one line is printed "@@ -1,1 +1,1 @@"; diff -u and difflib omit
// a count of 1: "@@ -1 +1 @@".
TEST_CASE("unified_diff: one-line ranges omit the count", "[exec]")
{
    check_like_gnu("x\n", "x\ny\n");
    check_like_gnu("only\n", "");
}

// Regression (was a bug; same cause as the ordering above): "+end" is printed before "-end\n\\ No newline
// at end of file".
TEST_CASE("unified_diff: a missing final newline is marked like diff -u", "[exec]")
{
    check_like_gnu(numbered(1, 5) + "end", numbered(1, 5) + "end\n");
    check_like_gnu(numbered(1, 5), numbered(1, 5) + "more");
}

TEST_CASE("unified_diff: very large pairs are summarised", "[exec]")
{
    std::string big;
    for (int i = 0; i < 2100; ++i) {
        big += std::to_string(i) + "\n";
    }
    const std::string text = unified_diff(Diff{"a", "a", big, big + "x\n"});
    CHECK(text.find("@@ diff too large to show (2100 -> 2101 lines) @@") != std::string::npos);
}
