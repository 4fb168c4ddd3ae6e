// Written by hand rather than through report::ResultCollector: validation has no run
// events, only verdicts. Escaping is report's (xml_escape.hpp).
#include "cli/validate_junit.hpp"

#include "report/xml_escape.hpp"

namespace scsctl::cli {

namespace {

void add_case(std::string& xml, const std::string& classname, const std::string& name,
              const core::Diagnostics& diagnostics, std::size_t& failures)
{
    xml += "    <testcase classname=\"" + report::xml_attribute(classname) + "\" name=\"" +
           report::xml_attribute(name) + "\" time=\"0\"";
    if (!diagnostics.has_errors()) {
        xml += "/>\n";
        return;
    }
    ++failures;
    std::string text;
    std::string first;
    for (const auto& item : diagnostics.sorted()) {
        if (item.severity != core::Severity::error) {
            continue;
        }
        if (first.empty()) {
            first = item.str();
        }
        text += item.str() + "\n";
    }
    xml += ">\n      <failure type=\"validation\" message=\"" + report::xml_attribute(first) + "\">" +
           report::xml_text(text) + "</failure>\n    </testcase>\n";
}

} // namespace

std::string validate_junit_xml(const core::Diagnostics& load, const std::vector<layers::RuleOutcome>& outcomes)
{
    std::string cases;
    std::size_t failures = 0;
    add_case(cases, "inventory", "load", load, failures);
    for (const auto& outcome : outcomes) {
        const auto classname = outcome.layer.empty() ? std::string("inventory") : "layers." + outcome.layer;
        add_case(cases, classname, outcome.rule, outcome.diagnostics, failures);
    }
    const auto tests = std::to_string(outcomes.size() + 1);
    const auto failed = std::to_string(failures);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scsctl validate\" tests=\"" + tests +
           "\" failures=\"" + failed + "\" errors=\"0\">\n  <testsuite name=\"scsctl validate\" tests=\"" + tests +
           "\" failures=\"" + failed + "\" errors=\"0\">\n" + cases + "  </testsuite>\n</testsuites>\n";
}

} // namespace scsctl::cli
