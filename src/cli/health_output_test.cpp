// health output: the Prometheus exposition of check results (labels escaped, stable
// order, counts) and the --watch lines (text and JSON) of round changes.
#include <catch2/catch.hpp>

#include "cli/health_output.hpp"
#include "cli/health_watch.hpp"

using namespace scsctl;

namespace {

std::vector<health::LayerSummary> sample_round()
{
    using health::CheckStatus;
    return {{"kvm",
             {{"kvm", "reachable", "h2", CheckStatus::fail, "unreachable", std::chrono::milliseconds(1500)},
              {"kvm", "reachable", "h1", CheckStatus::pass, "ok", std::chrono::milliseconds(12)}}},
            {"weird",
             {{"weird", "say \"hi\"", "C:\\host\nx", CheckStatus::error, "bad", std::chrono::milliseconds(0)}}}};
}

} // namespace

TEST_CASE("health as Prometheus text: a gauge per check and host, escaped and sorted", "[prometheus]")
{
    const auto text = cli::health_prometheus(sample_round(), 1764000000);
    CHECK(text == "# HELP scsctl_health_check_status Whether the check passed on the host (1) or failed or could "
                  "not be judged (0).\n"
                  "# TYPE scsctl_health_check_status gauge\n"
                  "scsctl_health_check_status{layer=\"kvm\",check=\"reachable\",host=\"h1\"} 1\n"
                  "scsctl_health_check_status{layer=\"kvm\",check=\"reachable\",host=\"h2\"} 0\n"
                  "scsctl_health_check_status{layer=\"weird\",check=\"say \\\"hi\\\"\",host=\"C:\\\\host\\nx\"} 0\n"
                  "# HELP scsctl_health_check_duration_seconds How long the check took on the host, in seconds.\n"
                  "# TYPE scsctl_health_check_duration_seconds gauge\n"
                  "scsctl_health_check_duration_seconds{layer=\"kvm\",check=\"reachable\",host=\"h1\"} 0.012\n"
                  "scsctl_health_check_duration_seconds{layer=\"kvm\",check=\"reachable\",host=\"h2\"} 1.5\n"
                  "scsctl_health_check_duration_seconds{layer=\"weird\",check=\"say \\\"hi\\\"\",host=\"C:\\\\host\\nx\"} 0\n"
                  "# HELP scsctl_health_results Check results of the last run by status.\n"
                  "# TYPE scsctl_health_results gauge\n"
                  "scsctl_health_results{status=\"error\"} 1\n"
                  "scsctl_health_results{status=\"fail\"} 1\n"
                  "scsctl_health_results{status=\"pass\"} 1\n"
                  "# HELP scsctl_health_ok Whether every check of the last run passed.\n"
                  "# TYPE scsctl_health_ok gauge\n"
                  "scsctl_health_ok 0\n"
                  "# HELP scsctl_health_last_run_timestamp_seconds When the last run finished, in seconds since the "
                  "epoch.\n"
                  "# TYPE scsctl_health_last_run_timestamp_seconds gauge\n"
                  "scsctl_health_last_run_timestamp_seconds 1764000000\n");
}

TEST_CASE("health --watch prints changes with a timestamp, as text or JSON lines", "[health_watch]")
{
    auto before = sample_round();
    auto after = sample_round();
    after[0].results[0].status = health::CheckStatus::pass;
    after[0].results[0].detail = "reachable, runs commands";
    after[1].results.clear();
    const auto changes = health::round_changes(before, after);
    const std::time_t when = 1764000000; // 2025-11-24T16:00:00Z
    CHECK(cli::watch_change_text(changes, when) ==
          "2025-11-24T16:00:00Z  kvm reachable h2: fail -> pass: reachable, runs commands\n"
          "2025-11-24T16:00:00Z  weird say \"hi\" C:\\host\nx: gone (was error)\n");
    const auto lines = cli::watch_change_json_lines(changes, 3, when);
    const auto first = nlohmann::json::parse(lines.substr(0, lines.find('\n')));
    CHECK(first == nlohmann::json{{"type", "change"},    {"round", 3},          {"time", "2025-11-24T16:00:00Z"},
                                  {"change", "changed"}, {"layer", "kvm"},      {"check", "reachable"},
                                  {"host", "h2"},        {"before", "fail"},    {"after", "pass"},
                                  {"detail", "reachable, runs commands"}});
    const auto second = nlohmann::json::parse(lines.substr(lines.find('\n') + 1));
    CHECK(second.at("change") == "vanished");
    CHECK(second.at("after").is_null());
    CHECK(std::count(lines.begin(), lines.end(), '\n') == 2);
    CHECK(cli::watch_change_text({}, when).empty());
}

TEST_CASE("the first round of --watch --output json is one line with the report's fields", "[health_watch]")
{
    const auto line = cli::watch_round_json_line(cli::health_json(sample_round()), 1, 1764000000);
    CHECK(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    const auto parsed = nlohmann::json::parse(line);
    CHECK(parsed.at("type") == "round");
    CHECK(parsed.at("round") == 1);
    CHECK(parsed.at("ok") == false);
    CHECK(parsed.at("failed") == 1);
    CHECK(parsed.at("layers").size() == 2);
}
