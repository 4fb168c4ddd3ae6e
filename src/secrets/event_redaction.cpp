// One overload per event type; a field added to an event must be added here too (the
// unit test builds every event with a secret in every string field).
#include "secrets/event_redaction.hpp"

namespace scsctl::secrets {

namespace {

void scrub(std::string& text, const Redactor& redactor)
{
    if (redactor.contains_secret(text)) {
        text = redactor.redact(text);
    }
}

void scrub_event(model::PlayStarted& event, const Redactor& redactor)
{
    scrub(event.name, redactor);
    scrub(event.hosts_pattern, redactor);
}

void scrub_event(model::TaskStarted& event, const Redactor& redactor)
{
    scrub(event.name, redactor);
    scrub(event.where, redactor);
}

void scrub_event(model::HostResult& event, const Redactor& redactor)
{
    for (std::string* text :
         {&event.host, &event.task, &event.delegated_to, &event.item_label, &event.diff, &event.action}) {
        scrub(*text, redactor);
    }
    redactor.redact_value(event.result);
}

void scrub_event(model::TaskRetrying& event, const Redactor& redactor)
{
    scrub(event.host, redactor);
    scrub(event.task, redactor);
    redactor.redact_value(event.result);
}

void scrub_event(model::TaskDone& event, const Redactor& redactor)
{
    for (std::string* text :
         {&event.host, &event.task, &event.action, &event.error, &event.stdout_text, &event.stderr_text}) {
        scrub(*text, redactor);
    }
    redactor.redact_value(event.result);
}

void scrub_event(model::Recap& event, const Redactor& redactor)
{
    if (redactor.empty()) {
        return;
    }
    std::map<std::string, model::Recap::Counters> hosts;
    for (auto& [host, counters] : event.hosts) {
        hosts[redactor.redact(host)] = counters;
    }
    event.hosts = std::move(hosts);
}

} // namespace

void redact_event(model::RunEvent& event, const Redactor& redactor)
{
    std::visit([&](auto& item) { scrub_event(item, redactor); }, event);
}

void redact_outcome(model::CommandOutcome& outcome, const Redactor& redactor)
{
    for (std::string* text : {&outcome.host, &outcome.stdout_text, &outcome.stderr_text, &outcome.error}) {
        scrub(*text, redactor);
    }
}

RunEventSink redacting_sink(std::shared_ptr<const Redactor> redactor, RunEventSink inner)
{
    return [redactor = std::move(redactor), inner = std::move(inner)](const model::RunEvent& event) {
        if (!redactor || redactor->empty()) {
            inner(event);
            return;
        }
        model::RunEvent copy = event;
        redact_event(copy, *redactor);
        inner(copy);
    };
}

} // namespace scsctl::secrets
