// The Prometheus text format: label values and HELP escaped as the exposition format
// specifies, numbers as Prometheus parses them, families and samples in a stable order.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "report/prometheus_text.hpp"

using namespace scsctl;

TEST_CASE("prometheus label values escape backslash, double quote and line feed", "[prometheus]")
{
    CHECK(report::prometheus_label_value("plain-host.example") == "plain-host.example");
    CHECK(report::prometheus_label_value("C:\\dir") == "C:\\\\dir");
    CHECK(report::prometheus_label_value("say \"hi\"") == "say \\\"hi\\\"");
    CHECK(report::prometheus_label_value("two\nlines") == "two\\nlines");
    CHECK(report::prometheus_label_value("\\\"\n") == "\\\\\\\"\\n");
    // Tabs, carriage returns and UTF-8 are valid as they are.
    CHECK(report::prometheus_label_value("t\tr\r gr\xC3\xBC\xC3\x9F") == "t\tr\r gr\xC3\xBC\xC3\x9F");
}

TEST_CASE("prometheus HELP escapes backslash and line feed but not double quotes", "[prometheus]")
{
    CHECK(report::prometheus_help("a \"b\" \\ c\nd") == "a \"b\" \\\\ c\\nd");
}

TEST_CASE("prometheus numbers", "[prometheus]")
{
    CHECK(report::prometheus_number(1) == "1");
    CHECK(report::prometheus_number(0) == "0");
    CHECK(report::prometheus_number(-3) == "-3");
    CHECK(report::prometheus_number(0.25) == "0.25");
    CHECK(report::prometheus_number(0.1) == "0.1");
    CHECK(report::prometheus_number(1764000000.5) == "1764000000.5");
    CHECK(report::prometheus_number(std::nan("")) == "NaN");
    CHECK(report::prometheus_number(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(report::prometheus_number(-std::numeric_limits<double>::infinity()) == "-Inf");
    const double third = 1.0 / 3.0;
    CHECK(std::strtod(report::prometheus_number(third).c_str(), nullptr) == third);
}

TEST_CASE("prometheus families render HELP, TYPE and samples sorted by labels", "[prometheus]")
{
    report::PrometheusFamily status{"x_status", "1 when\nok", "gauge", {}};
    status.samples.push_back({{{"host", "b"}, {"check", "c\"1"}}, 0});
    status.samples.push_back({{{"host", "a"}, {"check", "z"}}, 1});
    report::PrometheusFamily last{"x_last_run_timestamp_seconds", "when", "gauge", {{{}, 1700000000}}};
    CHECK(report::render_prometheus({status, last}) == "# HELP x_status 1 when\\nok\n"
                                                        "# TYPE x_status gauge\n"
                                                        "x_status{host=\"a\",check=\"z\"} 1\n"
                                                        "x_status{host=\"b\",check=\"c\\\"1\"} 0\n"
                                                        "# HELP x_last_run_timestamp_seconds when\n"
                                                        "# TYPE x_last_run_timestamp_seconds gauge\n"
                                                        "x_last_run_timestamp_seconds 1700000000\n");
    CHECK(report::render_prometheus({}).empty());
}
