// Escaping for XML and HTML: characters XML 1.0 forbids and malformed UTF-8 become U+FFFD,
// never reach the file; markup characters become entities; attribute line breaks survive.
#include <catch2/catch.hpp>

#include "report/xml_escape.hpp"

using namespace scsctl;

namespace {
const std::string k_fffd = "\xEF\xBF\xBD";
}

TEST_CASE("xml_safe keeps text and replaces what XML 1.0 forbids", "[junit]")
{
    CHECK(report::xml_safe("plain\ttext\r\n") == "plain\ttext\r\n");
    CHECK(report::xml_safe("gr\xC3\xBC\xC3\x9F \xE2\x82\xAC \xF0\x9F\x98\x80") == "gr\xC3\xBC\xC3\x9F \xE2\x82\xAC \xF0\x9F\x98\x80");
    CHECK(report::xml_safe(std::string("a\0b", 3)) == "a" + k_fffd + "b");
    CHECK(report::xml_safe("\x1b[31mred") == k_fffd + "[31mred");
    CHECK(report::xml_safe("\x0b\x0c\x7f") == k_fffd + k_fffd + "\x7f"); // DEL is allowed
    CHECK(report::xml_safe("\xff") == k_fffd);
    CHECK(report::xml_safe("\xC0\xAF") == k_fffd + k_fffd);         // overlong '/'
    CHECK(report::xml_safe("\xED\xA0\x80") == k_fffd + k_fffd + k_fffd); // a UTF-16 surrogate
    CHECK(report::xml_safe("\xEF\xBF\xBE") == k_fffd);              // U+FFFE is not a character
    CHECK(report::xml_safe("\xE2\x82") == k_fffd + k_fffd);         // cut short
}

TEST_CASE("xml_text and xml_attribute escape markup", "[junit]")
{
    CHECK(report::xml_text("<script>a && b</script> ]]>") == "&lt;script&gt;a &amp;&amp; b&lt;/script&gt; ]]&gt;");
    CHECK(report::xml_text("\"'") == "\"'");
    CHECK(report::xml_attribute("say \"hi\" & 'bye'\n\tx\r") == "say &quot;hi&quot; &amp; &apos;bye&apos;&#10;&#9;x&#13;");
    CHECK(report::xml_attribute(std::string("\0", 1)) == k_fffd);
}

TEST_CASE("truncated cuts at a character boundary and says how much is left out", "[junit]")
{
    CHECK(report::truncated("short", 10) == "short");
    CHECK(report::truncated("abcdef", 3) == "abc\n... (3 more bytes)");
    // "\xC3\xBC" is one character: a cut inside it keeps neither byte.
    CHECK(report::truncated("a\xC3\xBC" "b", 2) == "a\n... (3 more bytes)");
}
