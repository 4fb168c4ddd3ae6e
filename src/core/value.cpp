// Merging of variable mappings with Ansible's semantics.
#include "core/value.hpp"

namespace scsctl::core {

void combine_into(Value& base, const Value& overlay)
{
    if (!base.is_object()) {
        base = Value::object();
    }
    for (const auto& [key, value] : overlay.items()) {
        base[key] = value;
    }
}

void append_new_key(Value& object, std::string key, Value value)
{
    if (!object.is_object()) {
        object = Value::object();
    }
    using Base = std::vector<std::pair<const std::string, Value>>;
    static_cast<Base&>(object.get_ref<Value::object_t&>()).emplace_back(std::move(key), std::move(value));
}

void merge_recursive(Value& base, const Value& overlay)
{
    if (!base.is_object() || !overlay.is_object()) {
        base = overlay;
        return;
    }
    for (const auto& [key, value] : overlay.items()) {
        auto found = base.find(key);
        if (found != base.end() && found->is_object() && value.is_object()) {
            merge_recursive(*found, value);
        } else {
            base[key] = value;
        }
    }
}

} // namespace scsctl::core
