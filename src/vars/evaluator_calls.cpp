// Calls in expressions: filters and tests (through the tables in filters.hpp, with
// default/mandatory/defined/undefined handled here because they see Undefined), method
// calls and the few global functions. Depends on core, filters and python_format.
#include "core/spellcheck.hpp"
#include "vars/evaluator.hpp"
#include "vars/filters.hpp"
#include "vars/python_format.hpp"
#include "vars/value_ops.hpp"

namespace scsctl::vars {

namespace {

core::Error call_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

core::Result<core::Value> range_function(const std::vector<core::Value>& args)
{
    std::int64_t bounds[3] = {0, 0, 1};
    if (args.empty() || args.size() > 3) {
        return core::fail(call_error("range expected 1 to 3 arguments, got " + std::to_string(args.size())));
    }
    for (const auto& a : args) {
        if (!a.is_number_integer()) {
            return core::fail(call_error("'" + python_type(a) + "' object cannot be interpreted as an integer"));
        }
    }
    if (args.size() == 1) {
        bounds[1] = args[0].get<std::int64_t>();
    } else {
        for (std::size_t i = 0; i < args.size(); ++i) {
            bounds[i] = args[i].get<std::int64_t>();
        }
    }
    if (bounds[2] == 0) {
        return core::fail(call_error("range() arg 3 must not be zero"));
    }
    core::Value out = core::Value::array();
    for (std::int64_t i = bounds[0]; bounds[2] > 0 ? i < bounds[1] : i > bounds[1];) {
        if (out.size() >= 100000) {
            return core::fail(call_error("range too big, max 100000 items"));
        }
        out.push_back(i);
        // A step past the int64 limits is past `stop` too: the range ends there.
        if (__builtin_add_overflow(i, bounds[2], &i)) {
            break;
        }
    }
    return out;
}

} // namespace

core::Result<Val> Evaluator::call(const Expr& expr)
{
    const Expr& callee = *expr.children[0];
    std::vector<core::Value> args;
    for (std::size_t i = 1; i < expr.children.size(); ++i) {
        args.push_back(SCSCTL_TRY(defined(*expr.children[i])).get());
    }
    if (callee.kind == ExprKind::attr) {
        const Val self = SCSCTL_TRY(defined(*callee.children[0]));
        auto result = call_method(self.get(), callee.name, args);
        if (!result) {
            return core::fail(call_error("'" + python_type(self.get()) + " object' has no attribute '" + callee.name + "'"));
        }
        if (!*result) {
            return core::fail(std::move(*result).error());
        }
        SCSCTL_TRY(budget().produce(**result));
        return Val::owned(std::move(**result));
    }
    if (callee.kind == ExprKind::name) {
        const Val found = SCSCTL_TRY(lookup(callee.name));
        if (!found.undefined) {
            return core::fail(call_error("'" + python_type(found.get()) + "' object is not callable"));
        }
        if (callee.name == "range") {
            return Val::owned(SCSCTL_TRY(range_function(args)));
        }
        if (callee.name == "dict") {
            core::Value out = args.empty() || !args[0].is_object() ? core::Value::object() : args[0];
            for (const auto& [key, value] : expr.kwargs) {
                out[key] = SCSCTL_TRY(defined(*value)).get();
            }
            return Val::owned(std::move(out));
        }
        return core::fail(call_error(found.hint));
    }
    const Val v = SCSCTL_TRY(defined(callee));
    return core::fail(call_error("'" + python_type(v.get()) + "' object is not callable"));
}

namespace {

core::Result<FilterArgs> collect_args(Evaluator& ev, const Expr& expr)
{
    FilterArgs args;
    for (std::size_t i = 1; i < expr.children.size(); ++i) {
        args.positional.push_back(SCSCTL_TRY(ev.defined(*expr.children[i])).get());
    }
    for (const auto& [key, value] : expr.kwargs) {
        args.named.emplace_back(key, SCSCTL_TRY(ev.defined(*value)).get());
    }
    return args;
}

std::string short_name(const std::string& name)
{
    const std::size_t dot = name.rfind('.');
    return dot == std::string::npos ? name : name.substr(dot + 1);
}

} // namespace

core::Result<Val> Evaluator::filter(const Expr& expr)
{
    const std::string name = short_name(expr.name);
    Val input = SCSCTL_TRY(eval(*expr.children[0]));
    if (name == "default" || name == "d") {
        const FilterArgs args = SCSCTL_TRY(collect_args(*this, expr));
        const core::Value* boolean = args.get("boolean", 1);
        const bool use_default = input.undefined || (boolean != nullptr && python_truthy(*boolean) &&
                                                     !python_truthy(input.get()));
        if (!use_default) {
            return input;
        }
        const core::Value* fallback = args.get("default_value", 0);
        return Val::owned(fallback != nullptr ? *fallback : core::Value(""));
    }
    if (name == "mandatory") {
        if (input.undefined) {
            const FilterArgs args = SCSCTL_TRY(collect_args(*this, expr));
            const core::Value* msg = args.get("msg", 0);
            return core::fail(call_error(msg != nullptr && msg->is_string() ? msg->get<std::string>()
                                                                            : "mandatory variable not defined: " + input.hint));
        }
        return input;
    }
    if (input.undefined) {
        return core::fail(call_error(input.hint));
    }
    const FilterFn fn = find_filter(name);
    if (fn == nullptr) {
        return core::fail(call_error("no filter named '" + expr.name + "'" + core::did_you_mean(name, filter_names())));
    }
    const FilterArgs args = SCSCTL_TRY(collect_args(*this, expr));
    core::Value result = SCSCTL_TRY(fn(input.get(), args));
    SCSCTL_TRY(budget().produce(result));
    return Val::owned(std::move(result));
}

core::Result<Val> Evaluator::test(const Expr& expr)
{
    const std::string name = short_name(expr.name);
    const Val input = SCSCTL_TRY(eval(*expr.children[0]));
    bool result = false;
    if (name == "defined" || name == "undefined") {
        result = input.undefined == (name == "undefined");
    } else {
        if (input.undefined) {
            return core::fail(call_error(input.hint));
        }
        const TestFn fn = find_test(name);
        if (fn == nullptr) {
            return core::fail(call_error("no test named '" + expr.name + "'" + core::did_you_mean(name, test_names())));
        }
        const FilterArgs args = SCSCTL_TRY(collect_args(*this, expr));
        result = SCSCTL_TRY(fn(input.get(), args));
    }
    return Val::owned(result != expr.negated);
}

} // namespace scsctl::vars
