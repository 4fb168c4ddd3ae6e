// The Prometheus text exposition format (version 0.0.4), as the node exporter's textfile
// collector reads it: metric families with HELP and TYPE lines, samples with escaped
// label values, no timestamps (the textfile collector refuses them). Pure formatting;
// depends on the standard library only.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scsctl::report {

struct PrometheusSample {
    std::vector<std::pair<std::string, std::string>> labels; ///< name (a valid label name), raw value
    double value = 0;
};

struct PrometheusFamily {
    std::string name; ///< a valid metric name: [a-zA-Z_:][a-zA-Z0-9_:]*
    std::string help; ///< one line of documentation (escaped on output)
    std::string type = "gauge";
    std::vector<PrometheusSample> samples;
};

/// A label value between double quotes: backslash, double quote and line feed escaped as
/// \\, \" and \n; everything else (UTF-8 included) as it is.
std::string prometheus_label_value(std::string_view value);

/// A HELP docstring: backslash and line feed escaped as \\ and \n.
std::string prometheus_help(std::string_view text);

/// A sample value: integers without a fraction ("1", "0"), others with up to 17
/// significant digits, and NaN, +Inf, -Inf as the format spells them.
std::string prometheus_number(double value);

/// The families in the given order, each "# HELP", "# TYPE", then its samples sorted by
/// their label values (stable output for diffs and for tests); every line ends in "\n".
std::string render_prometheus(const std::vector<PrometheusFamily>& families);

} // namespace scsctl::report
