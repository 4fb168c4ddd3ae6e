// Unit tests of the text, JSON and JUnit output of `scsctl check scs`.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/check_scs_output.hpp"

using scsctl::scs::LogLevel;
using scsctl::scs::Outcome;
using scsctl::scs::TestcaseResult;
using scsctl::scs::TestcaseSpec;

namespace {

struct Fixture {
    std::vector<TestcaseSpec> specs{
        {"scs-0103-flavor-1v-4", "scs-0103-v1", true, false, {}},
        {"scs-0115-default-rules", "scs-0115-v1", true, true, {}},
        {"scs-0114-syntax-check", "scs-0114-v1", false, false, {}},
        {"scs-0123-swift-s3", "scs-0123-v1", true, false, {}},
    };
    std::vector<const TestcaseSpec*> selected;
    scsctl::cli::ScsCheckRun run;

    Fixture()
    {
        for (const auto& spec : specs) {
            selected.push_back(&spec);
        }
        run.subject = "mycloud";
        run.version = "v5.1";
        run.checked_at = "2026-11-24T16:00:00Z";
        run.results = {
            {"scs-0103-flavor-1v-4", Outcome::pass, true, {}, std::chrono::milliseconds(12)},
            {"scs-0115-default-rules", Outcome::fail, true,
             {{LogLevel::info, "egress rules: 2"}, {LogLevel::error, "Expected no default ingress rules, found 1."}},
             std::chrono::milliseconds(40)},
            {"scs-0114-syntax-check", Outcome::fail, false, {{LogLevel::error, "a: feature list not sorted"}}, {}},
            {"scs-0123-swift-s3", Outcome::abort, true, {{LogLevel::error, "not <implemented> & such"}}, {}},
        };
    }
};

} // namespace

TEST_CASE("check scs text: reference-style lines, INFO only when verbose", "[scs-check]")
{
    Fixture f;
    CHECK(scsctl::cli::testcase_text(f.run.results[0], false) == "scs-0103-flavor-1v-4: PASS\n");
    CHECK(scsctl::cli::testcase_text(f.run.results[1], false) ==
          "scs-0115-default-rules: FAIL\n  ERROR: Expected no default ingress rules, found 1.\n");
    CHECK(scsctl::cli::testcase_text(f.run.results[1], true).find("  INFO: egress rules: 2\n") != std::string::npos);
    const std::string summary = scsctl::cli::summary_text(f.run, f.selected);
    CHECK(summary.find("scs-0115-v1             1     0     1      0                    1") != std::string::npos);
    CHECK(summary.find("required: 1 of 3 passed; recommended: 0 of 1 passed; NOT COMPLIANT (2 required") !=
          std::string::npos);
    CHECK_FALSE(scsctl::cli::required_passed(f.run.results));
    f.run.results.erase(f.run.results.begin() + 1);
    f.run.results.pop_back();
    CHECK(scsctl::cli::required_passed(f.run.results)); // a failing recommended testcase does not count
}

TEST_CASE("check scs JSON: the documented shape, and the reference's tests map", "[scs-check]")
{
    Fixture f;
    const auto json = scsctl::cli::check_json(f.run, f.selected);
    CHECK(json["scope_uuid"] == "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f");
    CHECK(json["version"] == "v5.1");
    CHECK(json["subject"] == "mycloud");
    CHECK(json["ok"] == false);
    CHECK(json["preflight"]["ok"] == true);
    CHECK(json["summary"]["total"] == 4);
    CHECK(json["summary"]["failed"] == 2);
    CHECK(json["summary"]["required_passed"] == 1);
    CHECK(json["testcases"][1]["writes"] == true);
    CHECK(json["testcases"][1]["duration_ms"] == 40);
    CHECK(json["testcases"][1]["messages"][1]["level"] == "ERROR");
    CHECK(json["tests"]["scs-0103-flavor-1v-4"]["result"] == 1);
    CHECK(json["tests"]["scs-0115-default-rules"]["result"] == -1);
    CHECK(json["tests"]["scs-0123-swift-s3"]["result"] == 0);
}

TEST_CASE("check scs JUnit: failures, errors, and recommended testcases as skipped", "[scs-check]")
{
    Fixture f;
    const std::string xml = scsctl::cli::check_junit_xml(f.run, f.selected);
    CHECK(xml.find("tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"scs-0103-v1\" name=\"scs-0103-flavor-1v-4\" time=\"0.012\">") !=
          std::string::npos);
    CHECK(xml.find("<failure type=\"FAIL\" message=\"Expected no default ingress rules, found 1.\"/>") !=
          std::string::npos);
    CHECK(xml.find("<skipped message=\"recommended testcase FAIL: a: feature list not sorted\"/>") !=
          std::string::npos);
    CHECK(xml.find("<error type=\"ABORT\" message=\"not &lt;implemented&gt; &amp; such\"/>") != std::string::npos);
}

TEST_CASE("check scs JUnit with every kind of outcome is valid against junit.xsd", "[scs-check]")
{
    Fixture f;
    const auto dir = std::filesystem::temp_directory_path() / ("scsctl-junit-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "scs.xml";
    std::ofstream(file) << scsctl::cli::check_junit_xml(f.run, f.selected);
    const std::string command = "xmllint --noout --schema '" SCSCTL_SOURCE_DIR "/tests/schemas/junit.xsd' '" +
                                file.string() + "' 2>/dev/null";
    const int status = std::system(command.c_str());
    std::filesystem::remove_all(dir);
    CHECK(status == 0);
}
