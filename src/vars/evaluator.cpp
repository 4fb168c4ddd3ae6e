// Expression evaluation with Jinja's rules: attribute falls back to item, Undefined
// propagates through attribute/item access (Ansible's AnsibleUndefined) and fails when
// used. Depends on core, filters, python_format and value_ops.
#include "vars/evaluator.hpp"

#include "core/spellcheck.hpp"
#include "vars/filters.hpp"
#include "vars/python_format.hpp"
#include "vars/value_ops.hpp"

namespace scsctl::vars {

namespace {

constexpr int k_max_eval_depth = 200;

core::Error eval_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

/// Code-point boundaries of a UTF-8 string (Python indexes str by code point).
std::vector<std::string> code_points(const std::string& s)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i + 1;
        while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) {
            ++j;
        }
        out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

Val borrow_or_copy(const Val& base, const core::Value& sub)
{
    if (base.ref != nullptr) {
        Val out;
        out.ref = &sub;
        return out;
    }
    return Val::owned(sub);
}

} // namespace

std::string output_text(const core::Value& value)
{
    return value.is_null() ? std::string() : python_str(value);
}

core::Result<Val> Evaluator::defined(const Expr& expr)
{
    Val v = SCSCTL_TRY(eval(expr));
    if (v.undefined) {
        return core::fail(eval_error(v.hint));
    }
    return v;
}

core::Result<Val> Evaluator::lookup(const std::string& name)
{
    for (auto it = m_frames.rbegin(); it != m_frames.rend(); ++it) {
        const auto found = it->find(name);
        if (found != it->end()) {
            Val out;
            out.ref = &*found;
            return out;
        }
    }
    return m_resolver.resolve(name, m_scope);
}

core::Result<Val> Evaluator::attribute(Val base, const std::string& name, bool as_item)
{
    if (base.undefined) {
        return base;
    }
    const core::Value& v = base.get();
    if (v.is_object()) {
        const auto found = v.find(name);
        if (found != v.end()) {
            return borrow_or_copy(base, *found);
        }
    } else if ((v.is_array() || v.is_string()) && !name.empty() &&
               name.find_first_not_of("0123456789") == std::string::npos && name.size() < 10) {
        return index(std::move(base), core::Value(std::stoll(name)));
    }
    (void)as_item;
    return Val::missing("'" + python_type(v) + " object' has no attribute '" + name + "'");
}

core::Result<Val> Evaluator::index(Val base, const core::Value& key)
{
    if (base.undefined) {
        return base;
    }
    const core::Value& v = base.get();
    if (key.is_string()) {
        return attribute(std::move(base), key.get<std::string>(), true);
    }
    if ((v.is_array() || v.is_string()) && (key.is_number_integer() || key.is_boolean())) {
        const std::int64_t raw = key.is_boolean() ? (key.get<bool>() ? 1 : 0) : key.get<std::int64_t>();
        if (v.is_string()) {
            const auto chars = code_points(v.get_ref<const std::string&>());
            const std::int64_t at = raw < 0 ? raw + static_cast<std::int64_t>(chars.size()) : raw;
            if (at >= 0 && at < static_cast<std::int64_t>(chars.size())) {
                return Val::owned(chars[static_cast<std::size_t>(at)]);
            }
        } else {
            const std::int64_t at = raw < 0 ? raw + static_cast<std::int64_t>(v.size()) : raw;
            if (at >= 0 && at < static_cast<std::int64_t>(v.size())) {
                return borrow_or_copy(base, v[static_cast<std::size_t>(at)]);
            }
        }
    }
    return Val::missing(python_type(v) + " object has no element " + python_str(key));
}

core::Result<Val> Evaluator::slice(const Expr& expr)
{
    const Val base = SCSCTL_TRY(defined(*expr.children[0]));
    std::optional<std::int64_t> bounds[3];
    for (std::size_t i = 0; i < 3; ++i) {
        if (expr.children[i + 1]) {
            const Val b = SCSCTL_TRY(defined(*expr.children[i + 1]));
            if (!b.get().is_null()) {
                if (!b.get().is_number_integer()) {
                    return core::fail(eval_error("slice indices must be integers or None"));
                }
                bounds[i] = b.get().get<std::int64_t>();
            }
        }
    }
    const core::Value& v = base.get();
    std::vector<core::Value> items;
    if (v.is_string()) {
        for (auto& c : code_points(v.get_ref<const std::string&>())) {
            items.emplace_back(std::move(c));
        }
    } else if (v.is_array()) {
        items.assign(v.begin(), v.end());
    } else {
        return core::fail(eval_error("'" + python_type(v) + "' object is not subscriptable"));
    }
    const std::int64_t n = static_cast<std::int64_t>(items.size());
    const std::int64_t step = bounds[2].value_or(1);
    if (step == 0) {
        return core::fail(eval_error("slice step cannot be zero"));
    }
    const auto clamp = [&](std::optional<std::int64_t> b, std::int64_t dflt) {
        if (!b) {
            return dflt;
        }
        std::int64_t x = *b < 0 ? *b + n : *b;
        return step > 0 ? std::clamp<std::int64_t>(x, 0, n) : std::clamp<std::int64_t>(x, -1, n - 1);
    };
    const std::int64_t start = clamp(bounds[0], step > 0 ? 0 : n - 1);
    const std::int64_t stop = clamp(bounds[1], step > 0 ? n : -1);
    core::Value out = v.is_string() ? core::Value(std::string()) : core::Value::array();
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (v.is_string()) {
            out.get_ref<std::string&>() += items[static_cast<std::size_t>(i)].get<std::string>();
        } else {
            out.push_back(items[static_cast<std::size_t>(i)]);
        }
    }
    return Val::owned(std::move(out));
}

core::Result<Val> Evaluator::container(const Expr& expr)
{
    core::Value out = expr.kind == ExprKind::list ? core::Value::array() : core::Value::object();
    for (std::size_t i = 0; i < expr.children.size(); ++i) {
        const Val item = SCSCTL_TRY(defined(*expr.children[i]));
        if (expr.kind == ExprKind::list) {
            out.push_back(item.get());
            continue;
        }
        const Val value = SCSCTL_TRY(defined(*expr.children[++i]));
        const std::string key = item.get().is_string() ? item.get().get<std::string>() : python_str(item.get());
        out[key] = value.get();
    }
    return Val::owned(std::move(out));
}

core::Result<Val> Evaluator::compare(const Expr& expr)
{
    Val left = SCSCTL_TRY(defined(*expr.children[0]));
    for (std::size_t i = 0; i < expr.ops.size(); ++i) {
        Val right = SCSCTL_TRY(defined(*expr.children[i + 1]));
        const std::string& op = expr.ops[i];
        bool ok = false;
        if (op == "==" || op == "!=") {
            ok = python_equal(left.get(), right.get()) == (op == "==");
        } else if (op == "in" || op == "not in") {
            ok = SCSCTL_TRY(python_contains(right.get(), left.get())) == (op == "in");
        } else {
            ok = SCSCTL_TRY(python_order(op, left.get(), right.get()));
        }
        if (!ok) {
            return Val::owned(false);
        }
        left = std::move(right);
    }
    return Val::owned(true);
}

core::Result<Val> Evaluator::eval(const Expr& expr)
{
    struct Guard {
        int& d;
        ~Guard() { --d; }
    } guard{++m_depth};
    if (m_depth > k_max_eval_depth) {
        return core::fail(eval_error("template expression is nested too deeply"));
    }
    switch (expr.kind) {
    case ExprKind::literal: return Val::owned(expr.value);
    case ExprKind::name: return lookup(expr.name);
    case ExprKind::list:
    case ExprKind::dict: return container(expr);
    case ExprKind::attr: return attribute(SCSCTL_TRY(eval(*expr.children[0])), expr.name, false);
    case ExprKind::item: {
        Val base = SCSCTL_TRY(eval(*expr.children[0]));
        const Val key = SCSCTL_TRY(defined(*expr.children[1]));
        return index(std::move(base), key.get());
    }
    case ExprKind::slice: return slice(expr);
    case ExprKind::call: return call(expr);
    case ExprKind::filter: return filter(expr);
    case ExprKind::test: return test(expr);
    case ExprKind::compare: return compare(expr);
    case ExprKind::unary: {
        const Val v = SCSCTL_TRY(defined(*expr.children[0]));
        if (expr.name == "not") {
            return Val::owned(!python_truthy(v.get()));
        }
        if (expr.name == "-" && v.get().is_number_float()) {
            return Val::owned(-v.get().get<double>());
        }
        if (expr.name == "-") {
            return Val::owned(SCSCTL_TRY(python_arith("-", core::Value(0), v.get())));
        }
        return v;
    }
    case ExprKind::binary: {
        const Val a = SCSCTL_TRY(defined(*expr.children[0]));
        const Val b = SCSCTL_TRY(defined(*expr.children[1]));
        core::Value result = SCSCTL_TRY(python_arith(expr.name, a.get(), b.get()));
        SCSCTL_TRY(budget().produce(result));
        return Val::owned(std::move(result));
    }
    case ExprKind::logic_and:
    case ExprKind::logic_or: {
        Val a = SCSCTL_TRY(defined(*expr.children[0]));
        const bool truthy = python_truthy(a.get());
        if (truthy == (expr.kind == ExprKind::logic_or)) {
            return a;
        }
        return defined(*expr.children[1]);
    }
    case ExprKind::concat: {
        std::string out;
        for (const auto& child : expr.children) {
            out += python_str(SCSCTL_TRY(defined(*child)).get());
        }
        return Val::owned(std::move(out));
    }
    case ExprKind::condition: {
        const Val c = SCSCTL_TRY(defined(*expr.children[0]));
        if (python_truthy(c.get())) {
            return eval(*expr.children[1]);
        }
        if (expr.children[2]) {
            return eval(*expr.children[2]);
        }
        return Val::missing("the inline if-expression evaluated to false and no else section was defined");
    }
    }
    return core::fail(eval_error("unsupported expression"));
}

} // namespace scsctl::vars
