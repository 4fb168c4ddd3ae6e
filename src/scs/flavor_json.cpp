// FlavorName ↔ JSON fields. Reading checks types and tables only; the caller re-parses the
// generated name to apply every rule of the grammar. Depends on core and scs only.
#include "scs/flavor_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <vector>

#include "core/spellcheck.hpp"
#include "scs/flavor_tables.hpp"

namespace scsctl::scs {

namespace {

core::Value natural_json(const Natural& number)
{
    if (const auto value = number.to_u64()) {
        return *value;
    }
    return number.str();
}

core::Value optional_natural_json(const std::optional<Natural>& number)
{
    return number ? natural_json(*number) : core::Value(nullptr);
}

core::Value ram_json(double ram)
{
    if (std::trunc(ram) == ram && ram < 9.0e18) {
        return static_cast<std::uint64_t>(ram);
    }
    return ram;
}

std::string word_of(std::span<const Code> table, char key)
{
    const Code* code = find_key(table, std::string_view(&key, 1));
    return code ? std::string(code->word) : std::string();
}

using Failure = std::unexpected<std::string>;

constexpr std::array<std::string_view, 19> k_known_keys{
    "name",          "verdict",   "reason",     "syntax",     "canonical",          "cpus",
    "cpu_type",      "cpu_insecure", "ram_gib", "ram_no_ecc", "ram_oversubscribed", "disk_gb",
    "disk_count",    "disk_type", "hypervisor", "hardware_virt", "cpu_brand",       "gpu",
    "infiniband"};

/// Reads fields of one JSON object, naming the path of a bad one ("gpu.vendor: ...").
class FieldReader {
public:
    FieldReader(const core::Value& object, std::string path) : m_object(object), m_path(std::move(path)) {}

    const core::Value* find(std::string_view key) const
    {
        const auto it = m_object.find(std::string(key));
        return it == m_object.end() || it->is_null() ? nullptr : &*it;
    }
    std::string where(std::string_view key) const { return m_path + std::string(key) + ": "; }

    std::expected<std::optional<Natural>, std::string> natural(std::string_view key) const
    {
        const core::Value* value = find(key);
        if (!value) {
            return std::nullopt;
        }
        if (value->is_number_unsigned() || (value->is_number_integer() && value->get<std::int64_t>() >= 0)) {
            return Natural::of(value->get<std::uint64_t>());
        }
        if (value->is_string()) {
            const auto& text = value->get_ref<const std::string&>();
            if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
                return Natural::from_digits(text);
            }
        }
        return Failure(where(key) + "must be a non-negative integer, got " + value->dump());
    }
    std::expected<bool, std::string> flag(std::string_view key) const
    {
        const core::Value* value = find(key);
        if (!value) {
            return false;
        }
        if (!value->is_boolean()) {
            return Failure(where(key) + "must be true or false, got " + value->dump());
        }
        return value->get<bool>();
    }
    std::expected<std::string, std::string> text(std::string_view key) const
    {
        const core::Value* value = find(key);
        if (!value) {
            return std::string();
        }
        if (!value->is_string()) {
            return Failure(where(key) + "must be a string, got " + value->dump());
        }
        return value->get<std::string>();
    }
    /// A word of `table` (or its key letter), as its key; '\0' when absent.
    std::expected<char, std::string> code(std::string_view key, std::span<const Code> table) const
    {
        auto word = text(key);
        if (!word) {
            return Failure(word.error());
        }
        if (word->empty() && !find(key)) {
            return '\0';
        }
        const Code* found = find_word(table, *word);
        found = found ? found : find_key(table, *word);
        if (!found) {
            std::string allowed;
            for (const auto& entry : table) {
                allowed += (allowed.empty() ? "" : ", ") + std::string(entry.word);
            }
            return Failure(where(key) + "unknown value '" + *word + "' (one of " + allowed + ")");
        }
        return found->key[0];
    }

private:
    const core::Value& m_object;
    std::string m_path;
};

#define SCS_READ(target, expr)                                                                                         \
    do {                                                                                                               \
        auto scs_read_ = (expr);                                                                                       \
        if (!scs_read_) {                                                                                              \
            return Failure(std::move(scs_read_).error());                                                              \
        }                                                                                                              \
        target = std::move(*scs_read_);                                                                                \
    } while (false)

/// `value` must be one of `allowed` (shown with quotes, "" for the empty one).
std::expected<void, std::string> check_in(std::string_view path, const std::string& value,
                                          std::span<const std::string_view> allowed)
{
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) {
        return {};
    }
    std::string list;
    for (const auto entry : allowed) {
        list += (list.empty() ? "'" : ", '") + std::string(entry) + "'";
    }
    return Failure(std::string(path) + ": unknown value '" + value + "' (one of " + list + ")");
}

std::expected<void, std::string> check_keys(const core::Value& object)
{
    std::vector<std::string> known(k_known_keys.begin(), k_known_keys.end());
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            return Failure(key + ": unknown field" + core::did_you_mean(key, known));
        }
    }
    return {};
}

std::expected<std::optional<CpuBrand>, std::string> brand_from(const core::Value& fields)
{
    const auto it = fields.find("cpu_brand");
    if (it == fields.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_object()) {
        return Failure("cpu_brand: must be an object or null");
    }
    const FieldReader reader(*it, "cpu_brand.");
    CpuBrand brand;
    SCS_READ(brand.vendor, reader.code("vendor", cpu_vendors()));
    if (brand.vendor == 0) {
        return Failure("cpu_brand.vendor: missing");
    }
    SCS_READ(brand.generation, reader.natural("generation"));
    SCS_READ(brand.frequency, reader.text("frequency"));
    if (auto known = check_in("cpu_brand.frequency", brand.frequency, cpu_frequencies()); !known) {
        return Failure(known.error());
    }
    if (brand.generation && brand.generation->is_zero()) {
        brand.generation.reset(); // a name leaves generation 0 out, as the reference's Outputter does
    }
    return brand;
}

std::expected<std::optional<Gpu>, std::string> gpu_from(const core::Value& fields)
{
    const auto it = fields.find("gpu");
    if (it == fields.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_object()) {
        return Failure("gpu: must be an object or null");
    }
    const FieldReader reader(*it, "gpu.");
    Gpu gpu;
    SCS_READ(gpu.type, reader.code("type", gpu_types()));
    SCS_READ(gpu.vendor, reader.code("vendor", gpu_vendors()));
    if (gpu.type == 0 || gpu.vendor == 0) {
        return Failure(std::string("gpu.") + (gpu.type == 0 ? "type" : "vendor") + ": missing");
    }
    SCS_READ(gpu.generation, reader.text("generation"));
    SCS_READ(gpu.compute_units, reader.natural("compute_units"));
    SCS_READ(gpu.frequency, reader.text("frequency"));
    SCS_READ(gpu.vram_gib, reader.natural("vram_gib"));
    SCS_READ(gpu.bandwidth, reader.text("bandwidth"));
    for (const auto& [path, value, allowed] :
         {std::tuple{"gpu.generation", &gpu.generation, gpu_generations(gpu.vendor)},
          std::tuple{"gpu.frequency", &gpu.frequency, gpu_frequencies()},
          std::tuple{"gpu.bandwidth", &gpu.bandwidth, gpu_frequencies()}}) {
        if (auto known = check_in(path, *value, allowed); !known) {
            return Failure(known.error());
        }
    }
    return gpu;
}

std::expected<std::optional<Disk>, std::string> disk_from(const FieldReader& reader)
{
    std::optional<Natural> count;
    SCS_READ(count, reader.natural("disk_count"));
    Disk disk;
    SCS_READ(disk.size_gb, reader.natural("disk_gb"));
    SCS_READ(disk.type, reader.code("disk_type", disk_types()));
    const bool described = disk.size_gb || disk.type != 0;
    if (count && count->is_zero()) {
        if (described) {
            return Failure("disk_count: 0 (no disk) contradicts disk_gb or disk_type");
        }
        return std::nullopt;
    }
    if (!count && !described) {
        return std::nullopt;
    }
    disk.count = count.value_or(Natural::of(1));
    return disk;
}

} // namespace

void add_flavor_fields(core::Value& out, const FlavorName& flavor)
{
    const CpuRam& cpu = flavor.cpu_ram;
    out["cpus"] = natural_json(cpu.cpus);
    out["cpu_type"] = word_of(cpu_types(), cpu.cpu_type);
    out["cpu_insecure"] = cpu.cpu_insecure;
    out["ram_gib"] = ram_json(cpu.ram_gib);
    out["ram_no_ecc"] = cpu.ram_no_ecc;
    out["ram_oversubscribed"] = cpu.ram_oversubscribed;
    out["disk_gb"] = flavor.disk ? optional_natural_json(flavor.disk->size_gb) : core::Value(nullptr);
    out["disk_count"] = flavor.disk ? natural_json(flavor.disk->count) : core::Value(0);
    out["disk_type"] = flavor.disk && flavor.disk->type ? core::Value(word_of(disk_types(), flavor.disk->type))
                                                        : core::Value(nullptr);
    out["hypervisor"] = flavor.hypervisor ? core::Value(*flavor.hypervisor) : core::Value(nullptr);
    out["hardware_virt"] = flavor.hardware_virt;
    out["cpu_brand"] = nullptr;
    if (const auto& brand = flavor.cpu_brand) {
        out["cpu_brand"] = core::Value{{"vendor", word_of(cpu_vendors(), brand->vendor)},
                                       {"generation", optional_natural_json(brand->generation)},
                                       {"frequency", brand->frequency}};
    }
    out["gpu"] = nullptr;
    if (const auto& gpu = flavor.gpu) {
        out["gpu"] = core::Value{{"type", word_of(gpu_types(), gpu->type)},
                                 {"vendor", word_of(gpu_vendors(), gpu->vendor)},
                                 {"generation", gpu->generation},
                                 {"compute_units", optional_natural_json(gpu->compute_units)},
                                 {"frequency", gpu->frequency},
                                 {"vram_gib", optional_natural_json(gpu->vram_gib)},
                                 {"bandwidth", gpu->bandwidth}};
    }
    out["infiniband"] = flavor.infiniband;
}

std::expected<FlavorName, std::string> flavor_from_fields(const core::Value& fields)
{
    if (!fields.is_object()) {
        return Failure("expected a JSON object of flavor fields, got " + std::string(fields.type_name()));
    }
    if (auto keys = check_keys(fields); !keys) {
        return Failure(keys.error());
    }
    const FieldReader reader(fields, "");
    FlavorName flavor;
    std::optional<Natural> cpus;
    SCS_READ(cpus, reader.natural("cpus"));
    if (!cpus) {
        return Failure("cpus: missing");
    }
    flavor.cpu_ram.cpus = *cpus;
    SCS_READ(flavor.cpu_ram.cpu_type, reader.code("cpu_type", cpu_types()));
    if (flavor.cpu_ram.cpu_type == 0) {
        return Failure("cpu_type: missing");
    }
    SCS_READ(flavor.cpu_ram.cpu_insecure, reader.flag("cpu_insecure"));
    const core::Value* ram = reader.find("ram_gib");
    if (!ram || !ram->is_number()) {
        return Failure(ram ? "ram_gib: must be a number, got " + ram->dump() : "ram_gib: missing");
    }
    flavor.cpu_ram.ram_gib = ram->get<double>();
    SCS_READ(flavor.cpu_ram.ram_no_ecc, reader.flag("ram_no_ecc"));
    SCS_READ(flavor.cpu_ram.ram_oversubscribed, reader.flag("ram_oversubscribed"));
    SCS_READ(flavor.disk, disk_from(reader));
    std::string hypervisor;
    SCS_READ(hypervisor, reader.text("hypervisor"));
    if (!hypervisor.empty()) {
        if (!find_key(hypervisors(), hypervisor)) {
            return Failure("hypervisor: unknown value '" + hypervisor + "' (one of kvm, xen, vmw, hyv, bms)");
        }
        flavor.hypervisor = hypervisor;
    }
    SCS_READ(flavor.hardware_virt, reader.flag("hardware_virt"));
    SCS_READ(flavor.cpu_brand, brand_from(fields));
    SCS_READ(flavor.gpu, gpu_from(fields));
    SCS_READ(flavor.infiniband, reader.flag("infiniband"));
    return flavor;
}

} // namespace scsctl::scs
