// Tests for text file reading: unreadable and binary files are located errors.
#include <catch2/catch.hpp>

#include "core/text_file.hpp"
#include "temp_dir.hpp"

using namespace scsctl::core;

TEST_CASE("text detection rejects NUL bytes and broken UTF-8 at their offset")
{
    CHECK(first_invalid_text_byte("hello\nwörld") == std::string_view::npos);
    CHECK(first_invalid_text_byte(std::string_view("ab\0c", 4)) == 2);
    CHECK(first_invalid_text_byte("ab\xff") == 2);
    CHECK(first_invalid_text_byte("\xc3") == 0);
}

TEST_CASE("reading a missing file fails with kind io and names the file")
{
    auto result = read_text_file("/nonexistent/scsctl/file");
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == ErrorKind::io);
    CHECK(result.error().where.file == "/nonexistent/scsctl/file");
}

TEST_CASE("reading a binary file fails located at the bad byte")
{
    scsctl::testing::TempDir dir;
    const std::string path = dir.write("bin", std::string("line1\nab\0", 9));
    auto result = read_text_file(path);
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == ErrorKind::config);
    CHECK(result.error().where.line == 2);
    CHECK(result.error().where.column == 3);
}
