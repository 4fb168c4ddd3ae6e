// status_of, aggregate_loop, redact, skipped_result and ansible_boolean with Ansible's
// meanings (TaskResult.is_* and the loop result of TaskExecutor).
#include <catch2/catch.hpp>

#include "exec/task_result.hpp"

using scsctl::core::Value;
using scsctl::exec::aggregate_loop;
using scsctl::exec::ansible_boolean;
using scsctl::exec::redact;
using scsctl::exec::status_of;
using scsctl::model::TaskStatus;

TEST_CASE("status_of: Ansible's result keys", "[exec]")
{
    CHECK(status_of(Value::object()) == TaskStatus::ok);
    CHECK(status_of(Value{{"changed", false}}) == TaskStatus::ok);
    CHECK(status_of(Value{{"changed", true}}) == TaskStatus::changed);
    CHECK(status_of(Value{{"failed", true}, {"changed", true}}) == TaskStatus::failed);
    CHECK(status_of(Value{{"failed", false}, {"changed", true}}) == TaskStatus::changed);
    CHECK(status_of(Value{{"skipped", true}}) == TaskStatus::skipped);
    CHECK(status_of(Value{{"unreachable", true}, {"failed", true}}) == TaskStatus::unreachable);
    CHECK(status_of(Value{{"failed", true}, {"skipped", true}}) == TaskStatus::failed);
    CHECK(status_of(Value("not an object")) == TaskStatus::ok);
}

TEST_CASE("aggregate_loop: all items completed, changed when any changed", "[exec]")
{
    auto out = aggregate_loop({Value{{"changed", false}}, Value{{"changed", true}}});
    CHECK(out["changed"] == true);
    CHECK(out["msg"] == "All items completed");
    CHECK_FALSE(out.contains("failed"));
    CHECK_FALSE(out.contains("skipped"));
    REQUIRE(out["results"].size() == 2);
    CHECK(out["results"][1]["changed"] == true);
    CHECK(status_of(out) == TaskStatus::changed);
}

TEST_CASE("aggregate_loop: one failed item fails the loop", "[exec]")
{
    auto out = aggregate_loop({Value{{"changed", true}}, Value{{"failed", true}}, Value{{"changed", false}}});
    CHECK(out["failed"] == true);
    CHECK(out["msg"] == "One or more items failed");
    CHECK(out["changed"] == true);
    CHECK(status_of(out) == TaskStatus::failed);
}

TEST_CASE("aggregate_loop: skipped only when every item was skipped", "[exec]")
{
    auto all = aggregate_loop({Value{{"skipped", true}}, Value{{"skipped", true}}});
    CHECK(all["skipped"] == true);
    CHECK(all["changed"] == false);
    CHECK(status_of(all) == TaskStatus::skipped);
    auto some = aggregate_loop({Value{{"skipped", true}}, Value{{"changed", false}}});
    CHECK_FALSE(some.contains("skipped"));
    CHECK(status_of(some) == TaskStatus::ok);
    auto some_changed = aggregate_loop({Value{{"skipped", true}}, Value{{"changed", true}}});
    CHECK(status_of(some_changed) == TaskStatus::changed);
}

TEST_CASE("redact: Ansible's censored result keeps only the status keys", "[exec]")
{
    Value result{{"changed", true}, {"failed", true}, {"stdout", "s3cret"}, {"cmd", "echo s3cret"},
                 {"msg", "s3cret"}, {"results", Value::array({Value{{"item", "s3cret"}}})}};
    auto out = redact(result);
    CHECK(out["censored"] == scsctl::exec::k_no_log_message);
    CHECK(out["changed"] == true);
    CHECK(out["failed"] == true);
    CHECK(out.dump().find("s3cret") == std::string::npos);
    CHECK(status_of(out) == TaskStatus::failed);
    CHECK(redact(Value{{"skipped", true}})["skipped"] == true);
    CHECK(redact(Value("s3cret")).dump().find("s3cret") == std::string::npos);
}

TEST_CASE("skipped_result", "[exec]")
{
    // ansible-core 2.14 registers exactly these keys (false_condition came in 2.15).
    auto out = scsctl::exec::skipped_result("Conditional result was False");
    CHECK(out == Value{{"changed", false}, {"skipped", true}, {"skip_reason", "Conditional result was False"}});
    CHECK(status_of(out) == TaskStatus::skipped);
}

TEST_CASE("ansible_boolean: Ansible's BOOLEANS_TRUE", "[exec]")
{
    for (const char* text : {"yes", "YES", "Yes", "on", "1", "true", "True", "TRUE", "y", "Y", "t", "T"}) {
        INFO(text);
        CHECK(ansible_boolean(Value(text)));
    }
    CHECK(ansible_boolean(Value(true)));
    CHECK(ansible_boolean(Value(1)));
    CHECK(ansible_boolean(Value(1.0)));
    for (const char* text : {"no", "off", "0", "false", "False", "n", "f", "", "2", "banana"}) {
        INFO(text);
        CHECK_FALSE(ansible_boolean(Value(text)));
    }
    CHECK_FALSE(ansible_boolean(Value(false)));
    CHECK_FALSE(ansible_boolean(Value(0)));
    CHECK_FALSE(ansible_boolean(Value(2)));
    CHECK_FALSE(ansible_boolean(Value(nullptr)));
    CHECK_FALSE(ansible_boolean(Value::array({1})));
    CHECK_FALSE(ansible_boolean(Value::object()));
}

// Regression (was a bug): ansible_boolean accepts the string "1.0" (Ansible's boolean("1.0") is False: the
// string is not in BOOLEANS_TRUE; only the number 1.0 is) and does not strip whitespace
// (Ansible: value.lower().strip(), so " yes " is True).
TEST_CASE("ansible_boolean: strings as Ansible's boolean() normalises them", "[exec]")
{
    CHECK_FALSE(ansible_boolean(Value("1.0")));
    CHECK(ansible_boolean(Value(" yes ")));
}
