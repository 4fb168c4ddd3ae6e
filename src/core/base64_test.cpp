// Tests for base64 against RFC 4648's test vectors.
#include <catch2/catch.hpp>

#include "core/base64.hpp"

using namespace scsctl::core;

TEST_CASE("base64 matches the RFC 4648 vectors both ways", "[base64]")
{
    const std::vector<std::pair<std::string, std::string>> vectors{
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        CHECK(base64_encode(plain) == encoded);
        CHECK(base64_decode(encoded) == plain);
    }
    CHECK(base64_decode("Zm9vYmE") == "fooba");
    CHECK_FALSE(base64_decode("Zm9v!").has_value());
    CHECK(base64_encode(std::string("\xff\x00\x01", 3)) == "/wAB");
}
