// The batch records of a rolling upgrade (upgrade_progress.hpp).
#include "cli/upgrade_progress.hpp"

#include <charconv>
#include <tuple>

namespace scsctl::cli {

namespace {

constexpr const char* k_task_prefix = "scsctl-batch-gate:";

std::string task_id_of(std::size_t play, std::size_t batch)
{
    return k_task_prefix + std::to_string(play) + ":" + std::to_string(batch);
}

std::optional<std::size_t> index_of(const core::Value& result, const char* key)
{
    if (!result.is_object() || !result.contains(key) || !result[key].is_number_unsigned()) {
        return std::nullopt;
    }
    return result[key].get<std::size_t>();
}

std::string text_of(const core::Value& result, const char* key)
{
    return result.is_object() && result.contains(key) && result[key].is_string() ? result[key].get<std::string>()
                                                                                 : std::string();
}

} // namespace

std::string describe(const UpgradeTarget& target)
{
    return (target.to.empty() ? std::string("restart") : "upgrade to " + target.to) + ", serial " +
           (target.serial.empty() ? std::string("1") : target.serial);
}

std::vector<model::TaskDone> batch_passed_records(const exec::BatchEnded& batch, const UpgradeTarget& target)
{
    std::vector<model::TaskDone> out;
    const std::string name = "batch " + std::to_string(batch.batch_index + 1) + "/" +
                             std::to_string(batch.batch_count) + " of '" + batch.play_name + "': health gate passed";
    for (const auto& host : batch.hosts) {
        model::TaskDone done;
        done.host = host;
        done.task = name;
        done.task_id = task_id_of(batch.play_index, batch.batch_index);
        done.action = k_batch_gate_action;
        done.status = model::TaskStatus::ok;
        done.result = core::Value{{"play", batch.play_index},     {"batch", batch.batch_index},
                                  {"batches", batch.batch_count}, {"to", target.to},
                                  {"serial", target.serial},      {"changed", false}};
        out.push_back(std::move(done));
    }
    return out;
}

std::optional<UpgradeProgress> upgrade_progress(const state::CompletedTasks& done)
{
    std::optional<UpgradeProgress> out;
    std::tuple<std::size_t, std::size_t> newest{0, 0};
    for (const auto& [key, results] : done) {
        const auto& [task_id, host] = key;
        if (!task_id.starts_with(k_task_prefix) || results.empty()) {
            continue;
        }
        const core::Value& result = results.back().result;
        const auto play = index_of(result, "play");
        const auto batch = index_of(result, "batch");
        const auto batches = index_of(result, "batches");
        if (!play || !batch || !batches) {
            continue;
        }
        model::TaskDone record;
        record.host = host;
        record.task_id = task_id;
        record.action = k_batch_gate_action;
        record.result = result;
        record.resumed_from = results.back().done_in;
        record.task = "batch " + std::to_string(*batch + 1) + "/" + std::to_string(*batches) + ": health gate passed";
        if (!out) {
            out.emplace();
        }
        out->passed.push_back(std::move(record));
        const std::tuple<std::size_t, std::size_t> position{*play, *batch + 1};
        if (position >= newest) {
            newest = position;
            out->target = UpgradeTarget{text_of(result, "to"), text_of(result, "serial")};
            // After the last batch of a play the next play begins; the runner skips a
            // batch index past the end, so (play, batches) means "the next play".
            out->next = exec::BatchPosition{*play, *batch + 1};
        }
    }
    return out;
}

bool valid_serial(const std::string& serial)
{
    if (serial.empty()) {
        return false;
    }
    const bool percent = serial.back() == '%';
    const std::string_view digits(serial.data(), serial.size() - (percent ? 1 : 0));
    unsigned value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size() || value == 0) {
        return false;
    }
    return !percent || value <= 100;
}

} // namespace scsctl::cli
