// Small helpers of the journal's rows: the clock and the output cap.
#include "state/journal_rows.hpp"

#include <chrono>

namespace scsctl::state {

double now_seconds()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string capped_output(const std::string& text)
{
    if (text.size() <= k_output_cap) {
        return text;
    }
    std::size_t cut = k_output_cap;
    // Do not split a UTF-8 sequence: back up over continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return text.substr(0, cut) + "\n[... " + std::to_string(text.size() - cut) + " more bytes not stored]";
}

} // namespace scsctl::state
