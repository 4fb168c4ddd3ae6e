// One recap for a run of several layers: each layer's playbook run ends with its own
// recap event; LayerRecap keeps those from the reporters, adds them up, and emits one
// recap for the whole deploy at the end (so JSON output ends with exactly one). Also the
// banner that starts each layer. Depends on cli, model, plan.
#pragma once

#include <functional>

#include "cli/global_options.hpp"
#include "model/run_event.hpp"
#include "plan/plan.hpp"
#include "report/run_report.hpp"

namespace scsctl::cli {

class LayerRecap {
  public:
    using Sink = std::function<void(const model::RunEvent&)>;
    explicit LayerRecap(report::RunReporter& reporters, Sink also = {}) : m_reporters(reporters), m_also(std::move(also)) {}

    /// The sink to give each layer's runner.
    Sink sink();
    /// The sum of the recaps seen so far.
    const model::Recap& total() const { return m_total; }
    /// Emits the summed recap once (later calls do nothing).
    void emit();

  private:
    report::RunReporter& m_reporters;
    Sink m_also;
    model::Recap m_total;
    bool m_emitted = false;
};

/// Prints "LAYER [name version] ***" on stdout for text output; with JSON output a line
/// on stderr, so that stdout stays JSON Lines.
void announce_layer(const plan::LayerPlan& layer, const GlobalOptions& options, const char* label = "LAYER");

} // namespace scsctl::cli
