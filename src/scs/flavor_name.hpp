// An SCS flavor name (scs-0100) parsed into typed fields, and the parsers of its two syntaxes:
// v1 (`SCS-2V:4:10n-kvm`) and v2, which v3 shares (`SCS-2V-4-10n_kvm`). The grammar and each
// field's check follow the reference checker (SovereignCloudStack/standards,
// Tests/iaas/scs_0100_flavor_naming) exactly, including its error messages; docs/scs.md lists
// where that behaviour surprises. Depends on the standard library only.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace scsctl::scs {

/// A non-negative integer of any length, as written in a name, without leading zeros
/// ("0" for zero). The reference checker accepts integers of up to 4300 digits.
class Natural {
public:
    Natural() = default;
    /// From decimal digits (leading zeros dropped); `digits` must hold only '0'-'9'.
    static Natural from_digits(std::string_view digits);
    static Natural of(std::uint64_t value) { return from_digits(std::to_string(value)); }

    const std::string& str() const { return m_digits; }
    bool is_zero() const { return m_digits == "0"; }
    /// The value when it fits in 64 bits.
    std::optional<std::uint64_t> to_u64() const;

    friend bool operator==(const Natural&, const Natural&) = default;

private:
    std::string m_digits = "0";
};

/// `L` crowded-core, `V` shared-core, `T` dedicated-thread, `C` dedicated-core.
struct CpuRam {
    Natural cpus;
    char cpu_type = 'V';
    bool cpu_insecure = false; ///< `i`
    double ram_gib = 0;
    bool ram_no_ecc = false;         ///< `u`
    bool ram_oversubscribed = false; ///< `o`

    friend bool operator==(const CpuRam&, const CpuRam&) = default;
};

/// The root disk part: `-[Mx][N][n|h|s|p]`.
struct Disk {
    Natural count = Natural::of(1);
    std::optional<Natural> size_gb; ///< none: the cloud chooses the size
    char type = 0;                  ///< 0 (unspecified), 'n', 'h', 's' or 'p'

    friend bool operator==(const Disk&, const Disk&) = default;
};

/// `_[izar][N][h*]`: vendor, generation (none when not written) and frequency suffix.
struct CpuBrand {
    char vendor = 'i';
    std::optional<Natural> generation;
    std::string frequency; ///< "", "h", "hh" or "hhh"

    friend bool operator==(const CpuBrand&, const CpuBrand&) = default;
};

/// `_[gG][NAI]gen[-CU][h*][-VRAM][h*]`.
struct Gpu {
    char type = 'g'; ///< 'g' virtual GPU, 'G' pass-through
    char vendor = 'N';
    std::string generation; ///< a key of the vendor's table, "" when not written
    std::optional<Natural> compute_units;
    std::string frequency; ///< "", "h" or "hh"
    std::optional<Natural> vram_gib;
    std::string bandwidth; ///< "", "h" or "hh"

    friend bool operator==(const Gpu&, const Gpu&) = default;
};

struct FlavorName {
    CpuRam cpu_ram;
    std::optional<Disk> disk;
    std::optional<std::string> hypervisor; ///< "kvm", "xen", "vmw", "hyv" or "bms"
    bool hardware_virt = false;            ///< `_hwv`
    std::optional<CpuBrand> cpu_brand;
    std::optional<Gpu> gpu;
    bool infiniband = false; ///< `_ib`

    friend bool operator==(const FlavorName&, const FlavorName&) = default;
};

/// Why a name that starts with `SCS-` does not parse: the reference checker's message, and
/// whether the reference would crash there instead (its float check overflows).
struct ParseError {
    std::string reason;
    bool reference_crashes = false;
};

enum class Syntax { v1, v2 };

/// Parses `name` in one syntax. No value (and no error) when it does not start with `SCS-`.
std::expected<std::optional<FlavorName>, ParseError> parse_flavor_name(std::string_view name, Syntax syntax);

} // namespace scsctl::scs
