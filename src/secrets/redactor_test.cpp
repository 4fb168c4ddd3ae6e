// Tests of the Redactor and the event choke point: overlapping and adjacent secrets,
// secrets at the edges of a text, multi-line secrets, short values, keys and numbers,
// and every string field of every run event.
#include <catch2/catch.hpp>

#include "secrets/event_redaction.hpp"
#include "secrets/redactor.hpp"

using namespace scsctl;
using namespace scsctl::secrets;

TEST_CASE("redactor replaces every occurrence, at both edges of the text", "[secrets]")
{
    Redactor redactor;
    redactor.add("s3cr3t");
    CHECK(redactor.redact("s3cr3t") == "********");
    CHECK(redactor.redact("s3cr3t and s3cr3t") == "******** and ********");
    CHECK(redactor.redact("xs3cr3t") == "x********");
    CHECK(redactor.redact("s3cr3") == "s3cr3");
    CHECK(redactor.redact("") == "");
}

TEST_CASE("overlapping and adjacent secrets leave no part visible", "[secrets]")
{
    Redactor redactor;
    redactor.add("abcdef");
    redactor.add("defghi");
    CHECK(redactor.redact("abcdefghi") == "********");
    CHECK(redactor.redact("xxdefghiabcdefyy") == "xx********yy");
    Redactor nested;
    nested.add("password");
    nested.add("word");
    CHECK(nested.redact("a password, a word") == "a ********, a ********");
}

TEST_CASE("short values are not redacted", "[secrets]")
{
    Redactor redactor;
    redactor.add("1");
    redactor.add("abc");
    CHECK(redactor.empty());
    CHECK(redactor.redact("1 abc") == "1 abc");
}

TEST_CASE("a multi-line secret is redacted whole and line by line", "[secrets]")
{
    Redactor redactor;
    redactor.add("-----BEGIN KEY-----\nAAAAline1\nBBBBline2\n-----END KEY-----\n");
    CHECK(redactor.redact("x -----BEGIN KEY-----\nAAAAline1\nBBBBline2\n-----END KEY-----\n y") == "x ******** y");
    CHECK(redactor.redact("BBBBline2") == "********");
    CHECK(redactor.redact("-----BEGIN KEY-----") == "-----BEGIN KEY-----"); // armour is public
}

TEST_CASE("values: strings, keys and numbers inside structures", "[secrets]")
{
    Redactor redactor;
    redactor.add_value(core::Value{{"a", "topsecret"}, {"n", 12345678}, {"short", "no"}});
    core::Value value = {
        {"msg", "it is topsecret"}, {"list", {"topsecret", 12345678, "x"}}, {"topsecret", "as a key"}, {"rc", 1}};
    redactor.redact_value(value);
    CHECK(value["msg"] == "it is ********");
    CHECK(value["list"] == core::Value{"********", "********", "x"});
    CHECK(value.contains("********"));
    CHECK_FALSE(value.contains("topsecret"));
    CHECK(value["rc"] == 1);
}

TEST_CASE("every string of every run event is redacted", "[secrets]")
{
    Redactor redactor;
    redactor.add("hunter22");
    const std::string s = "x hunter22 y";
    const core::Value result = {{"stdout", s}, {"nested", {{"k", s}}}};
    // Fields set by name, so that fields added to the events later do not break the test.
    model::PlayStarted play;
    play.name = play.hosts_pattern = s;
    model::TaskStarted task;
    task.name = task.where = s;
    model::HostResult host_result_in;
    host_result_in.host = host_result_in.task = host_result_in.delegated_to = host_result_in.item_label = s;
    host_result_in.diff = host_result_in.action = s;
    host_result_in.result = result;
    model::TaskRetrying retrying;
    retrying.host = retrying.task = s;
    retrying.result = result;
    model::TaskDone done_in;
    done_in.host = done_in.task = done_in.action = done_in.error = done_in.stdout_text = done_in.stderr_text = s;
    done_in.task_id = "id";
    done_in.result = result;
    model::Recap recap;
    recap.hosts[s] = {};
    const std::vector<model::RunEvent> events = {play, task, host_result_in, retrying, done_in, recap};
    std::vector<model::RunEvent> seen;
    auto sink = redacting_sink(std::make_shared<Redactor>(redactor),
                               [&](const model::RunEvent& event) { seen.push_back(event); });
    for (const auto& event : events) {
        sink(event);
    }
    REQUIRE(seen.size() == events.size());
    const auto& host_result = std::get<model::HostResult>(seen[2]);
    CHECK(host_result.host == "x ******** y");
    CHECK(host_result.diff == "x ******** y");
    CHECK(host_result.item_label == "x ******** y");
    CHECK(std::get<model::TaskStarted>(seen[1]).name == "x ******** y");
    CHECK(std::get<model::TaskRetrying>(seen[3]).result["stdout"] == "x ******** y");
    CHECK(host_result.result["nested"]["k"] == "x ******** y");
    const auto& done = std::get<model::TaskDone>(seen[4]);
    CHECK(done.error == "x ******** y");
    CHECK(done.stdout_text == "x ******** y");
    CHECK(done.task_id == "id");
    CHECK(std::get<model::Recap>(seen[5]).hosts.begin()->first == "x ******** y");
    model::CommandOutcome outcome;
    outcome.host = outcome.stdout_text = outcome.stderr_text = outcome.error = s;
    redact_outcome(outcome, redactor);
    CHECK(outcome.stdout_text == "x ******** y");
    CHECK(outcome.error == "x ******** y");
}
