// See prometheus_text.hpp. Samples are sorted by their labels, not by value, so that a
// check keeps its line from one run to the next.
#include "report/prometheus_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace scsctl::report {

std::string prometheus_label_value(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string prometheus_help(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string prometheus_number(double value)
{
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    char text[40];
    if (value == std::trunc(value) && std::fabs(value) < 1e15) {
        std::snprintf(text, sizeof text, "%.0f", value);
    } else {
        std::snprintf(text, sizeof text, "%.17g", value);
        // Prefer the shortest form that reads back to the same double.
        for (int digits = 1; digits < 17; ++digits) {
            char shorter[40];
            std::snprintf(shorter, sizeof shorter, "%.*g", digits, value);
            if (std::strtod(shorter, nullptr) == value) {
                return shorter;
            }
        }
    }
    return text;
}

std::string render_prometheus(const std::vector<PrometheusFamily>& families)
{
    std::string out;
    for (const auto& family : families) {
        out += "# HELP " + family.name + " " + prometheus_help(family.help) + "\n";
        out += "# TYPE " + family.name + " " + family.type + "\n";
        std::vector<const PrometheusSample*> samples;
        for (const auto& sample : family.samples) {
            samples.push_back(&sample);
        }
        std::stable_sort(samples.begin(), samples.end(),
                         [](const PrometheusSample* a, const PrometheusSample* b) { return a->labels < b->labels; });
        for (const auto* sample : samples) {
            out += family.name;
            if (!sample->labels.empty()) {
                out += "{";
                for (std::size_t i = 0; i < sample->labels.size(); ++i) {
                    out += (i == 0 ? "" : ",") + sample->labels[i].first + "=\"" +
                           prometheus_label_value(sample->labels[i].second) + "\"";
                }
                out += "}";
            }
            out += " " + prometheus_number(sample->value) + "\n";
        }
    }
    return out;
}

} // namespace scsctl::report
