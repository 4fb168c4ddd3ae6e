// Loop items with Ansible's with_* lookups' shapes.
#include "exec/loop_items.hpp"

namespace scsctl::exec {

namespace {

core::Error loop_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

} // namespace

core::Result<std::vector<core::Value>> loop_items(const model::Loop& loop, const vars::Engine& engine,
                                                  const vars::Scope& scope)
{
    core::Value items = SCSCTL_TRY(engine.render(loop.items, scope));
    std::vector<core::Value> out;
    if (loop.kind == "with_dict") {
        if (!items.is_object()) {
            return core::fail(loop_error("with_dict expects a dict, got " + std::string(items.type_name())));
        }
        for (const auto& [key, value] : items.items()) {
            out.push_back(core::Value{{"key", key}, {"value", value}});
        }
        return out;
    }
    if (items.is_string() && loop.kind != "loop") {
        items = core::Value::array({items}); // with_items: "a" is one item
    }
    if (!items.is_array()) {
        return core::fail(loop_error("invalid data passed to 'loop', it requires a list, got this instead: " +
                                     items.dump() + ". Hint: if you passed a list/dict of just one element, try "
                                                    "adding wantlist=True to your lookup invocation or use q/query "
                                                    "instead of lookup."));
    }
    std::size_t index = 0;
    for (auto& item : items) {
        if (loop.kind == "with_items" && item.is_array()) {
            for (auto& inner : item) {
                out.push_back(inner);
            }
        } else if (loop.kind == "with_indexed_items") {
            out.push_back(core::Value::array({index, item}));
        } else {
            out.push_back(item);
        }
        ++index;
    }
    return out;
}

} // namespace scsctl::exec
