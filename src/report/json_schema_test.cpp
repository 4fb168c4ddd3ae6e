// Every event `run` and `exec` print as JSON carries "schema": 1 and matches the
// documented schema (docs/json-events.schema.json), checked by a small validator for the
// keywords that file uses. The integration test (tests/integration/reports_test.sh)
// checks a real run's lines with python3-jsonschema.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "report/adhoc_report.hpp"
#include "report/drift_output.hpp"
#include "report/json_schema_version.hpp"
#include "report/report_test_events.hpp"
#include "report/run_report.hpp"

using namespace scsctl;
using namespace scsctl::report::testing;

namespace {

using Json = nlohmann::json;

const Json& schema_file()
{
    static const Json schema = [] {
        std::ifstream in(std::string(SCSCTL_SOURCE_DIR) + "/docs/json-events.schema.json");
        return Json::parse(in);
    }();
    return schema;
}

bool has_type(const Json& value, const std::string& type)
{
    if (type == "object") {
        return value.is_object();
    }
    if (type == "array") {
        return value.is_array();
    }
    if (type == "string") {
        return value.is_string();
    }
    if (type == "integer") {
        return value.is_number_integer();
    }
    if (type == "number") {
        return value.is_number();
    }
    if (type == "boolean") {
        return value.is_boolean();
    }
    return type == "null" && value.is_null();
}

/// The first problem of `value` against `schema` ("" when none), for the keywords the
/// schema file uses: $ref (local), oneOf, type, const, enum, minimum, required,
/// properties, additionalProperties.
std::string problem(const Json& value, const Json& schema, const std::string& at)
{
    if (schema.contains("$ref")) {
        const std::string ref = schema["$ref"].get<std::string>(); // "#/$defs/NAME"
        return problem(value, schema_file().at(Json::json_pointer(ref.substr(1))), at);
    }
    if (schema.contains("oneOf")) {
        int matches = 0;
        for (const auto& choice : schema["oneOf"]) {
            matches += problem(value, choice, at).empty() ? 1 : 0;
        }
        return matches == 1 ? "" : at + ": matches " + std::to_string(matches) + " of oneOf";
    }
    if (schema.contains("type")) {
        const Json types = schema["type"].is_array() ? schema["type"] : Json::array({schema["type"]});
        bool any = false;
        for (const auto& type : types) {
            any = any || has_type(value, type.get<std::string>());
        }
        if (!any) {
            return at + ": expected " + schema["type"].dump();
        }
    }
    if (schema.contains("const") && value != schema["const"]) {
        return at + ": expected " + schema["const"].dump();
    }
    if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
        return at + ": not one of " + schema["enum"].dump();
    }
    if (schema.contains("minimum") && value.is_number() && value.get<double>() < schema["minimum"].get<double>()) {
        return at + ": below the minimum";
    }
    if (!value.is_object()) {
        return "";
    }
    for (const auto& name : schema.value("required", Json::array())) {
        if (!value.contains(name.get<std::string>())) {
            return at + ": missing " + name.get<std::string>();
        }
    }
    const Json properties = schema.value("properties", Json::object());
    for (const auto& [key, item] : value.items()) {
        std::string found;
        if (properties.contains(key)) {
            found = problem(item, properties[key], at + "." + key);
        } else if (schema.contains("additionalProperties")) {
            const Json& extra = schema["additionalProperties"];
            found = extra.is_boolean() ? (extra.get<bool>() ? "" : at + ": undocumented field " + key)
                                       : problem(item, extra, at + "." + key);
        }
        if (!found.empty()) {
            return found;
        }
    }
    return "";
}

std::string check(const Json& line)
{
    return problem(line, schema_file(), "event");
}

model::HostResult changed_result()
{
    model::HostResult result = host_result("h1", "install", model::TaskStatus::changed);
    result.result = core::Value{{"rc", 0}};
    result.duration_ms = 12.5;
    return result;
}

model::HostResult item_result()
{
    model::HostResult result = host_result("h1", "loop", model::TaskStatus::failed);
    result.is_item = true;
    result.item_label = "a";
    result.delegated_to = "h2";
    result.diff = "--- a\n+++ b\n";
    result.result = core::Value{{"msg", "no"}};
    return result;
}

} // namespace

TEST_CASE("every run event as JSON has the schema version and matches the documented schema", "[json-schema]")
{
    model::Recap recap;
    recap.hosts["h1"] = model::Recap::Counters{1, 2, 0, 1, 0, 0, 1};
    const std::vector<model::RunEvent> events = {
        model::PlayStarted{"web", "all", true},
        task_started("install", "site.yml:4", false),
        task_started("restart", "site.yml:9", true),
        changed_result(),
        item_result(),
        model::TaskRetrying{"h1", "wait", 2, core::Value{{"rc", 1}}},
        recap,
    };
    for (const auto& event : events) {
        const Json line = Json::parse(report::event_json(event).dump());
        INFO(line.dump());
        CHECK(line.at("schema") == report::k_json_schema_version);
        CHECK(check(line) == "");
    }
}

TEST_CASE("the schema check catches undocumented and missing fields", "[json-schema]")
{
    Json line = Json::parse(report::event_json(model::PlayStarted{"web", "all", false}).dump());
    line["extra"] = 1;
    CHECK(check(line) == "event: matches 0 of oneOf");
    line.erase("extra");
    CHECK(check(line).empty());
    line.erase("schema");
    CHECK_FALSE(check(line).empty());
    line["schema"] = 2;
    CHECK_FALSE(check(line).empty());
}

TEST_CASE("exec's JSON lines carry the schema version and match the schema, binary output too", "[json-schema]")
{
    model::CommandOutcome ok{"h1", model::HostStatus::ok, 0, "", "out\n", "", 4, 0, "", "", 3.5};
    model::CommandOutcome binary{"h2", model::HostStatus::failed, 2, "", std::string("\xff\x00", 2), "e", 2, 1,
                                 "exit code 2", "exit_code", 1};
    model::CommandOutcome dead{"h3", model::HostStatus::unreachable, -1, "", "", "", 0, 0, "refused", "connection_refused", 0};
    for (const auto& outcome : {ok, binary, dead}) {
        std::ostringstream out;
        report::write_adhoc_json_line(out, outcome);
        const Json line = Json::parse(out.str());
        INFO(line.dump());
        CHECK(line.at("event") == "command_result");
        CHECK(line.at("schema") == report::k_json_schema_version);
        CHECK(check(line) == "");
    }
}

TEST_CASE("drift's drift_layer lines match the schema, deployed or not", "[json-schema][drift]")
{
    model::DriftLayer deployed{.name = "kvm", .version = "0.1.0", .deployed = true, .last_run = 3,
                               .last_version = "0.1.0", .last_deployed_at = 1764000000.5};
    deployed.inputs.playbooks_changed = false;
    deployed.hosts = {{"h1", model::DriftHostStatus::drifted, {{"write", "copy", "--- a\n", false}, {"token", "copy", "", true}}, "", true},
                      {"h2", model::DriftHostStatus::unreachable, {}, "refused", false}};
    const model::DriftLayer never{.name = "ceph"};
    for (const auto& layer : {deployed, never}) {
        const Json line = Json::parse(report::drift_layer_json(layer).dump());
        INFO(line.dump());
        CHECK(line.at("schema") == report::k_json_schema_version);
        CHECK(check(line) == "");
    }
}
