// Summing the layers' recaps (layer_recap.hpp).
#include "cli/layer_recap.hpp"

#include <iostream>

namespace scsctl::cli {

LayerRecap::Sink LayerRecap::sink()
{
    return [this](const model::RunEvent& event) {
        if (const auto* recap = std::get_if<model::Recap>(&event)) {
            for (const auto& [host, counters] : recap->hosts) {
                auto& sum = m_total.hosts[host];
                sum.ok += counters.ok;
                sum.changed += counters.changed;
                sum.unreachable += counters.unreachable;
                sum.failed += counters.failed;
                sum.skipped += counters.skipped;
                sum.rescued += counters.rescued;
                sum.ignored += counters.ignored;
            }
            return;
        }
        m_reporters.on_event(event);
        if (m_also) {
            m_also(event);
        }
    };
}

void LayerRecap::emit()
{
    if (m_emitted) {
        return;
    }
    m_emitted = true;
    const model::RunEvent event = m_total;
    m_reporters.on_event(event);
    if (m_also) {
        m_also(event);
    }
}

void announce_layer(const plan::LayerPlan& layer, const GlobalOptions& options, const char* label)
{
    const std::string title = std::string(label) + " [" + layer.name + " " + layer.version + "] ";
    if (options.output == OutputFormat::json) {
        std::cerr << "scsctl: " << label << " " << layer.name << " " << layer.version << "\n";
        return;
    }
    std::cout << "\n" << title << std::string(title.size() < 79 ? 79 - title.size() : 3, '*') << "\n" << std::flush;
}

} // namespace scsctl::cli
