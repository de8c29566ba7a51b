#include "decision/guard/metrics.hpp"

#include "decision/artifact/yaml.hpp"
#include "decision/util/fs.hpp"
#include "decision/util/text.hpp"
#include "decision/util/toml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>
#include <unordered_map>
#include <yaml-cpp/yaml.h>

namespace decision::guard {

using util::ErrorKind;
using util::fail;
using util::Result;

namespace {

std::string in_quotes(std::string_view s) {
    return "'" + util::sanitize(s) + "'";
}

// "eval/./metrics.json" and "./eval/metrics.json" both name "eval/metrics.json".
std::string normalize_name(std::string_view name) {
    if (name.empty())
        return {};
    std::string n = std::filesystem::path(std::string(name)).lexically_normal().generic_string();
    while (n.size() > 2 && n.starts_with("./"))
        n.erase(0, 2);
    return n.empty() || n == "." ? std::string(name) : n;
}

// Whether `prefix` (from a guardrail's "<file>:<path>") names the file `source`.
bool names_file(std::string_view source, std::string_view prefix) {
    if (prefix.empty())
        return false;
    if (source == prefix)
        return true;
    return source.size() > prefix.size() && source.ends_with(prefix) &&
           source[source.size() - prefix.size() - 1] == '/';
}

std::string at(const std::string& file, int line, int column) {
    if (line <= 0)
        return util::sanitize(file) + ": ";
    std::string out = util::sanitize(file) + ":" + std::to_string(line);
    if (column > 0)
        out += ":" + std::to_string(column);
    return out + ": ";
}

std::string string_value(std::string_view s) {
    constexpr std::size_t k_shown = 40;
    std::string shown(s.substr(0, k_shown));
    if (s.size() > k_shown)
        shown += "...";
    return "a string (\"" + util::sanitize(shown) + "\")";
}

// "an object (roc_auc.test, roc_auc.train)": what a path holds when it is not a leaf.
std::string container_value(std::string_view noun, const std::vector<std::string>& children) {
    if (children.empty())
        return "an empty " + std::string(noun);
    std::string out = "an " + std::string(noun) + " (";
    for (std::size_t i = 0; i < children.size() && i < 3; ++i)
        out += (i ? ", " : "") + util::sanitize(children[i]);
    return out + (children.size() > 3 ? ", ...)" : ")");
}

std::string join_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

// Collects the values of one file, enforcing the size and depth limits.
class Flattener {
public:
    explicit Flattener(const std::string& file) : m_file(file) {}

    Result<void> put(const std::string& path, MetricValue value) {
        if (++m_count > k_max_metric_values)
            return fail(ErrorKind::Check, at(m_file, 0, 0) + "more than " +
                                              std::to_string(k_max_metric_values) +
                                              " values; not a metrics file");
        if (!path.empty())
            m_values[path] = std::move(value);
        return {};
    }

    Result<void> enter(int depth, int line, int column) const {
        if (depth > k_max_metric_depth)
            return fail(ErrorKind::Check, at(m_file, line, column) + "nested more than " +
                                              std::to_string(k_max_metric_depth) +
                                              " levels deep; not a metrics file");
        return {};
    }

    Result<void> finite(const std::string& path, double d, int line, int column) const {
        if (std::isnan(d))
            return fail(ErrorKind::Check, at(m_file, line, column) + in_quotes(path) +
                                              " is NaN, not a finite number");
        if (std::isinf(d))
            return fail(ErrorKind::Check, at(m_file, line, column) + in_quotes(path) + " is " +
                                              (d < 0 ? "-" : "") + "infinite, not a finite number");
        return {};
    }

    std::map<std::string, MetricValue> take() { return std::move(m_values); }

private:
    const std::string& m_file;
    std::size_t m_count = 0;
    std::map<std::string, MetricValue> m_values;
};

// A top-level value that is not a table of metrics.
Result<void> require_container(bool container, bool empty, const std::string& file) {
    if (container || empty)
        return {};
    return fail(ErrorKind::Check,
                at(file, 0, 0) + "expected an object (or array) of metrics at the top level");
}

// ---------------------------------------------------------------- JSON

// Ordered, so sources and children keep the file's order.
using Json = nlohmann::ordered_json;

// 1-based line and column of the byte at `offset`.
std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    auto before = text.substr(0, offset);
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    auto nl = before.rfind('\n');
    int column = static_cast<int>(nl == std::string_view::npos ? offset + 1 : offset - nl);
    return {line, column};
}

// nlohmann's message without its "[json.exception...] parse error at line 1, column 2: ".
std::string json_description(const char* what) {
    std::string_view w(what);
    auto col = w.find("column ");
    auto sep = col == std::string_view::npos ? col : w.find(": ", col);
    if (sep != std::string_view::npos)
        w.remove_prefix(sep + 2);
    return util::sanitize(w);
}

struct JsonSyntaxError {
    int line = 0;
    int column = 0;
    std::string message;
};

// NaN and Infinity are what Python's json module writes for float('nan') and float('inf');
// they are not JSON, and a metric must be finite anyway: say that rather than "invalid literal".
std::optional<JsonSyntaxError> non_finite_literal(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t start = offset;
    auto token_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.';
    };
    while (start > 0 && token_char(text[start - 1]))
        --start;
    auto token = text.substr(start);
    for (std::string_view literal : {"NaN", "-NaN", "Infinity", "-Infinity", "+Infinity"}) {
        if (token.starts_with(literal)) {
            auto [line, column] = line_column(text, start);
            return JsonSyntaxError{line, column,
                                   std::string(literal) +
                                       " is not a JSON number (Python's json module writes it "
                                       "for non-finite floats); a metric must be a finite number"};
        }
    }
    return std::nullopt;
}

// Builds the document in one pass. nlohmann's own DOM builder inserts each key into an
// ordered_json object with a linear search for an earlier equal key, which is quadratic: a
// 500,000-key file took minutes. Keys are appended here, and each object drops its
// duplicates once it is complete (the last value wins at the first key's place, as
// nlohmann does), so a file parses in time linear in its size.
class JsonBuilder {
public:
    using Number = Json::number_float_t;

    bool null() { return put(Json(nullptr)); }
    bool boolean(bool b) { return put(Json(b)); }
    bool number_integer(Json::number_integer_t n) { return put(Json(n)); }
    bool number_unsigned(Json::number_unsigned_t n) { return put(Json(n)); }
    bool number_float(Number n, const std::string&) { return put(Json(n)); }
    bool string(std::string& s) { return put(Json(std::move(s))); }
    bool binary(Json::binary_t& b) { return put(Json(std::move(b))); }
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool key(std::string& k) {
        auto& items = static_cast<Items&>(*m_open.back()->get_ptr<Json::object_t*>());
        items.emplace_back(std::move(k), nullptr);
        m_key = &items.back().second;
        return true;
    }
    bool end_object() {
        drop_duplicate_keys(*m_open.back()->get_ptr<Json::object_t*>());
        m_open.pop_back();
        return true;
    }
    bool end_array() {
        m_open.pop_back();
        return true;
    }
    bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e) {
        m_error = {byte, e.id, e.what()};
        return false;
    }

    struct Error {
        std::size_t byte = 0;
        int id = 0;
        std::string what;
    };
    const std::optional<Error>& error() const { return m_error; }
    Json take() { return std::move(m_root); }

private:
    // The vector under nlohmann's ordered_map, to append without its search.
    using Items = Json::object_t::Container;

    // Where the next value goes: the root, the open array, or the key just read.
    Json* slot() {
        if (m_open.empty())
            return &m_root;
        if (m_open.back()->is_array()) {
            auto& array = *m_open.back()->get_ptr<Json::array_t*>();
            array.emplace_back();
            return &array.back();
        }
        return m_key;
    }
    bool put(Json value) {
        *slot() = std::move(value);
        return true;
    }
    bool open(Json container) {
        Json* at = slot();
        *at = std::move(container);
        m_open.push_back(at);
        return true;
    }
    static void drop_duplicate_keys(Json::object_t& object) {
        auto& items = static_cast<Items&>(object);
        if (items.size() < 2)
            return;
        std::unordered_map<std::string_view, std::size_t> first;
        first.reserve(items.size());
        bool duplicates = false;
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto [it, fresh] = first.emplace(items[i].first, i);
            if (!fresh) {
                std::swap(items[it->second].second, items[i].second);
                duplicates = true;
            }
        }
        if (!duplicates)
            return;
        Items kept;
        kept.reserve(first.size());
        for (std::size_t i = 0; i < items.size(); ++i)
            if (first.at(items[i].first) == i)
                kept.emplace_back(std::move(items[i]));
        items.clear();
        for (auto& item : kept)
            items.emplace_back(std::move(item));
    }

    Json m_root;
    std::vector<Json*> m_open; // arrays and objects not closed yet; stable: their parents
                               // do not grow while they are open
    Json* m_key = nullptr;
    std::optional<Error> m_error;
};

// The one place nlohmann's parse errors are turned into messages.
tl::expected<Json, JsonSyntaxError> parse_json_document(std::string_view text) {
    JsonBuilder builder;
    if (Json::sax_parse(text, &builder))
        return builder.take();
    const auto& e = *builder.error();
    if (e.id == 406) {
        // Out-of-range numbers ("1e400") carry no position.
        std::string_view w(e.what);
        if (auto close = w.find("] "); close != std::string_view::npos)
            w.remove_prefix(close + 2);
        return tl::unexpected(
            JsonSyntaxError{0, 0, util::sanitize(w) + "; a metric must be a finite number"});
    }
    std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    if (auto special = non_finite_literal(text, offset))
        return tl::unexpected(*special);
    auto [line, column] = line_column(text, offset);
    return tl::unexpected(JsonSyntaxError{line, column, json_description(e.what.c_str())});
}

MetricValue json_leaf(const Json& j) {
    switch (j.type()) {
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return {j.get<double>(), {}};
    case Json::value_t::boolean:
        return {std::nullopt,
                std::string("a boolean (") + (j.get<bool>() ? "true" : "false") + ")"};
    case Json::value_t::string:
        return {std::nullopt, string_value(j.get_ref<const std::string&>())};
    case Json::value_t::null:
        return {std::nullopt, "null"};
    default:
        return {std::nullopt, "not a number"};
    }
}

Result<void> flatten_json(const Json& j, const std::string& path, int depth, Flattener& out) {
    if (auto r = out.enter(depth, 0, 0); !r)
        return r;
    if (j.is_object() || j.is_array()) {
        std::vector<std::string> children;
        std::size_t index = 0;
        for (auto it = j.begin(); it != j.end(); ++it, ++index) {
            auto child = join_path(path, j.is_object() ? it.key() : std::to_string(index));
            if (auto r = flatten_json(*it, child, depth + 1, out); !r)
                return r;
            children.push_back(child);
        }
        return out.put(
            path, {std::nullopt, container_value(j.is_object() ? "object" : "array", children)});
    }
    auto leaf = json_leaf(j);
    if (leaf.number)
        if (auto r = out.finite(path, *leaf.number, 0, 0); !r)
            return r;
    return out.put(path, std::move(leaf));
}

// `dvc metrics diff --json`: {"<file>": {"<dotted.path>": {"old": x, "new": y, "diff": d}}}.
bool is_dvc_diff(const Json& j) {
    if (!j.is_object() || j.empty())
        return false;
    bool any = false;
    for (const auto& [file, metrics] : j.items()) {
        if (!metrics.is_object())
            return false;
        for (const auto& [path, change] : metrics.items()) {
            if (!change.is_object() || !change.contains("new"))
                return false;
            for (const auto& [key, unused] : change.items())
                if (key != "old" && key != "new" && key != "diff")
                    return false;
            any = true;
        }
    }
    return any;
}

Result<std::vector<MetricSource>> dvc_diff_sources(const Json& j, const std::string& name,
                                                   DiffSide side) {
    std::vector<MetricSource> sources;
    Flattener counter(name);
    const char* key = side == DiffSide::New ? "new" : "old";
    // One side of one change: a number, or what it holds instead.
    auto side_of = [&](const Json& change, const char* which,
                       const std::string& where) -> Result<MetricValue> {
        if (!change.contains(which))
            return MetricValue{{}, "null"};
        if (change.at(which).is_structured())
            return MetricValue{std::nullopt, "not a number"};
        auto leaf = json_leaf(change.at(which));
        if (leaf.number)
            TRY(counter.finite(where, *leaf.number, 0, 0));
        return leaf;
    };
    for (const auto& [file, metrics] : j.items()) {
        MetricSource source{normalize_name(file), name, {}, std::map<std::string, MetricValue>{}};
        for (const auto& [path, change] : metrics.items()) {
            TRY_ASSIGN(auto leaf, side_of(change, key, file + ":" + path));
            TRY_ASSIGN(auto old, side_of(change, "old", file + ":" + path));
            TRY(counter.put({}, {}));
            source.values[path] = std::move(leaf);
            (*source.old_values)[path] = std::move(old);
        }
        sources.push_back(std::move(source));
    }
    return sources;
}

Result<std::vector<MetricSource>> from_json(const Json& j, const std::string& name, DiffSide side) {
    if (is_dvc_diff(j))
        return dvc_diff_sources(j, name, side);
    TRY(require_container(j.is_structured(), j.is_null(), name));
    Flattener out(name);
    TRY(flatten_json(j, {}, 0, out));
    return std::vector<MetricSource>{{normalize_name(name), name, out.take(), std::nullopt}};
}

// ---------------------------------------------------------------- TOML

// A metrics file's TOML, its errors at the file's line and column.
Result<toml::table> parse_toml_document(std::string_view text, const std::string& name) {
    auto parsed = util::parse_toml_text(text, name);
    if (!parsed) {
        const util::TomlError& e = parsed.error();
        return fail(ErrorKind::Check, at(name, e.line, e.column) + util::sanitize(e.description));
    }
    return std::move(*parsed);
}

Result<void> flatten_toml(const toml::node& node, const std::string& path, int depth,
                          Flattener& out) {
    int line = static_cast<int>(node.source().begin.line);
    int column = static_cast<int>(node.source().begin.column);
    if (auto r = out.enter(depth, line, column); !r)
        return r;
    std::vector<std::string> children;
    if (const auto* table = node.as_table()) {
        for (const auto& [key, child] : *table) {
            children.push_back(join_path(path, key.str()));
            if (auto r = flatten_toml(child, children.back(), depth + 1, out); !r)
                return r;
        }
        return out.put(path, {std::nullopt, container_value("object", children)});
    }
    if (const auto* array = node.as_array()) {
        for (std::size_t i = 0; i < array->size(); ++i) {
            children.push_back(join_path(path, std::to_string(i)));
            if (auto r = flatten_toml(*array->get(i), children.back(), depth + 1, out); !r)
                return r;
        }
        return out.put(path, {std::nullopt, container_value("array", children)});
    }
    if (const auto* i = node.as_integer())
        return out.put(path, {static_cast<double>(i->get()), {}});
    if (const auto* f = node.as_floating_point()) {
        if (auto r = out.finite(path, f->get(), line, column); !r)
            return r;
        return out.put(path, {f->get(), {}});
    }
    if (const auto* b = node.as_boolean())
        return out.put(
            path, {std::nullopt, std::string("a boolean (") + (b->get() ? "true" : "false") + ")"});
    if (const auto* s = node.as_string())
        return out.put(path, {std::nullopt, string_value(s->get())});
    if (node.is_date())
        return out.put(path, {std::nullopt, "a date"});
    if (node.is_time())
        return out.put(path, {std::nullopt, "a time"});
    return out.put(path, {std::nullopt, "a date-time"});
}

Result<std::vector<MetricSource>> from_toml(std::string_view text, const std::string& name) {
    TRY_ASSIGN(auto table, parse_toml_document(text, name));
    Flattener out(name);
    TRY(flatten_toml(table, {}, 0, out));
    return std::vector<MetricSource>{{normalize_name(name), name, out.take(), std::nullopt}};
}

// ---------------------------------------------------------------- YAML

bool all_of(std::string_view s, std::string_view allowed) {
    return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

// A plain scalar resolved by the YAML 1.2 core schema (what DVC's ruamel.yaml reads).
MetricValue yaml_plain(const std::string& s) {
    static const std::vector<std::string> k_true{"true", "True", "TRUE"};
    static const std::vector<std::string> k_false{"false", "False", "FALSE"};
    static const std::vector<std::string> k_null{"", "~", "null", "Null", "NULL"};
    auto in = [&](const std::vector<std::string>& v) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    if (in(k_true) || in(k_false))
        return {std::nullopt, std::string("a boolean (") + (in(k_true) ? "true" : "false") + ")"};
    if (in(k_null))
        return {std::nullopt, "null"};
    std::string_view v(s);
    bool negative = false;
    if (v.front() == '-' || v.front() == '+') {
        negative = v.front() == '-';
        v.remove_prefix(1);
    }
    double sign = negative ? -1.0 : 1.0;
    if (v == ".inf" || v == ".Inf" || v == ".INF")
        return {sign * HUGE_VAL, {}};
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
        return {std::nan(""), {}};
    if (s.size() > 2 && (s.starts_with("0x") || s.starts_with("0o"))) {
        int base = s[1] == 'x' ? 16 : 8;
        auto digits = std::string_view(s).substr(2);
        if (all_of(digits, base == 16 ? "0123456789abcdefABCDEF" : "01234567")) {
            double d = 0;
            for (char c : digits)
                d = d * base + (std::isdigit(static_cast<unsigned char>(c))
                                    ? c - '0'
                                    : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10));
            return {d, {}};
        }
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t from = i;
        while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])))
            ++i;
        return i - from;
    };
    bool ok = false;
    if (i < v.size() && v[i] == '.') {
        ++i;
        ok = digits() > 0;
    } else if (digits() > 0) {
        ok = true;
        if (i < v.size() && v[i] == '.') {
            ++i;
            digits();
        }
    }
    if (ok && i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        if (i < v.size() && (v[i] == '-' || v[i] == '+'))
            ++i;
        ok = digits() > 0;
    }
    if (ok && i == v.size()) {
        double d = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec == std::errc::result_out_of_range)
            return {sign * HUGE_VAL, {}};
        if (ec == std::errc() && end == v.data() + v.size())
            return {sign * d, {}};
    }
    return {std::nullopt, string_value(s)};
}

MetricValue yaml_scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    if (tag == "?" || tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
        tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null")
        return yaml_plain(node.Scalar());
    return {std::nullopt, string_value(node.Scalar())}; // quoted, !!str or an unknown tag
}

Result<void> flatten_yaml(const YAML::Node& node, const std::string& path, int depth,
                          Flattener& out) {
    int line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
    int column = node.Mark().is_null() ? 0 : node.Mark().column + 1;
    if (auto r = out.enter(depth, line, column); !r)
        return r;
    std::vector<std::string> children;
    switch (node.Type()) {
    case YAML::NodeType::Map:
        for (const auto& entry : node) {
            children.push_back(join_path(path, entry.first.Scalar()));
            if (auto r = flatten_yaml(entry.second, children.back(), depth + 1, out); !r)
                return r;
        }
        return out.put(path, {std::nullopt, container_value("object", children)});
    case YAML::NodeType::Sequence:
        for (std::size_t i = 0; i < node.size(); ++i) {
            children.push_back(join_path(path, std::to_string(i)));
            if (auto r = flatten_yaml(node[i], children.back(), depth + 1, out); !r)
                return r;
        }
        return out.put(path, {std::nullopt, container_value("array", children)});
    case YAML::NodeType::Scalar: {
        auto value = yaml_scalar(node);
        if (value.number)
            if (auto r = out.finite(path, *value.number, line, column); !r)
                return r;
        return out.put(path, std::move(value));
    }
    default:
        return out.put(path, {std::nullopt, "null"});
    }
}

Result<std::vector<MetricSource>> from_yaml(std::string_view text, const std::string& name) {
    TRY_ASSIGN(auto root, artifact::parse_yaml(text, name));
    TRY(require_container(root.IsMap() || root.IsSequence(), root.IsNull() || !root.IsDefined(),
                          name));
    Flattener out(name);
    TRY(flatten_yaml(root, {}, 0, out));
    return std::vector<MetricSource>{{normalize_name(name), name, out.take(), std::nullopt}};
}

MetricsFormat format_for(const std::string& name) {
    std::filesystem::path p(name);
    auto ext = util::to_lower(p.extension().string());
    if (ext == ".json")
        return MetricsFormat::Json;
    if (ext == ".toml")
        return MetricsFormat::Toml;
    if (ext == ".yaml" || ext == ".yml" || p.filename() == "dvc.lock")
        return MetricsFormat::Yaml;
    return MetricsFormat::Auto;
}

std::string list_files(const std::vector<MetricSource>& sources) {
    std::string out;
    for (std::size_t i = 0; i < sources.size() && i < 3; ++i)
        out += (i ? ", " : "") + util::sanitize(sources[i].name);
    if (sources.size() > 3)
        out += ", ...";
    return out;
}

std::string shown(const MetricValue& v) {
    return v.number ? util::format_number(*v.number) : v.what;
}

// The value of `path` in the sources that hold it: one number, or why not.
Lookup resolve(std::string_view path, const std::vector<const MetricSource*>& hits) {
    Lookup out;
    out.exists = true;
    const auto& first = hits.front()->values.at(std::string(path));
    bool same = std::all_of(hits.begin(), hits.end(), [&](const MetricSource* s) {
        const auto& v = s->values.at(std::string(path));
        return v.number && first.number && *v.number == *first.number;
    });
    if (hits.size() == 1 || same) {
        out.source = hits.front()->name;
        if (first.number)
            out.value = first.number;
        else
            out.problem = in_quotes(path) + " in " + util::sanitize(out.source) + " is " +
                          first.what + ", not a number";
        return out;
    }
    std::string where;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        where += i == 0 ? "" : (i + 1 == hits.size() ? " and " : ", ");
        where += util::sanitize(hits[i]->name) + " (" +
                 shown(hits[i]->values.at(std::string(path))) + ")";
    }
    out.problem = in_quotes(path) + " is in " + where + "; name the file, e.g. " +
                  in_quotes(hits.front()->name + ":" + std::string(path));
    return out;
}

// " (did you mean 'test.precision'?)": the numbers whose path ends in `word`'s components
// (DVC nests metrics under the split they were measured on: "test.precision",
// "val.precision"), at most three, else the one closest by spelling; "" when none is near.
std::string suggestion(std::string_view word, const std::vector<MetricSource>& sources) {
    constexpr std::size_t k_max_candidates = 10'000;
    constexpr std::size_t k_max_shown = 3;
    std::string suffix = "." + std::string(word);
    std::vector<std::string> nested;
    std::vector<std::string> candidates;
    for (const auto& s : sources)
        for (const auto& [path, value] : s.values) {
            if (!value.number)
                continue;
            if (path.ends_with(suffix) &&
                std::find(nested.begin(), nested.end(), path) == nested.end())
                nested.push_back(path);
            if (candidates.size() < k_max_candidates)
                candidates.push_back(path);
        }
    if (nested.empty()) {
        auto best = util::closest(word, candidates);
        return best ? " (did you mean " + in_quotes(*best) + "?)" : "";
    }
    std::size_t shown = std::min(nested.size(), k_max_shown);
    bool more = nested.size() > shown;
    std::string out = " (did you mean ";
    for (std::size_t i = 0; i < shown; ++i)
        out += (i == 0 ? "" : (i + 1 == shown && !more) ? " or " : ", ") + in_quotes(nested[i]);
    if (more)
        out += " or one of " + std::to_string(nested.size() - shown) + " more";
    return out + "?)";
}

} // namespace

void MetricSet::add(MetricSource source) {
    m_sources.push_back(std::move(source));
}

void MetricSet::add(std::vector<MetricSource> sources) {
    for (auto& s : sources)
        add(std::move(s));
}

Lookup MetricSet::find(std::string_view name) const {
    std::vector<const MetricSource*> hits;
    for (const auto& s : m_sources)
        if (s.values.count(std::string(name)))
            hits.push_back(&s);
    if (!hits.empty())
        return resolve(name, hits);

    // "<file>:<path>": the longest file part that names a loaded file wins.
    for (auto colon = name.rfind(':'); colon != std::string_view::npos && colon > 0;
         colon = name.rfind(':', colon - 1)) {
        auto file = normalize_name(name.substr(0, colon));
        auto path = name.substr(colon + 1);
        std::vector<const MetricSource*> files;
        for (const auto& s : m_sources)
            if (names_file(s.name, file))
                files.push_back(&s);
        if (files.empty())
            continue;
        for (const auto* s : files)
            if (s->values.count(std::string(path)))
                hits.push_back(s);
        if (!hits.empty())
            return resolve(path, hits);
        Lookup out;
        out.problem = in_quotes(path) + " is not in " + util::sanitize(files.front()->name) +
                      suggestion(path, m_sources);
        return out;
    }

    Lookup out;
    if (m_sources.empty()) {
        out.problem = in_quotes(name) + " is not measured: no metrics file was given";
        return out;
    }
    auto colon = name.rfind(':');
    if (colon != std::string_view::npos && colon > 0)
        out.problem = in_quotes(name) +
                      " names no loaded metrics file (loaded: " + list_files(m_sources) + ")";
    else
        out.problem = in_quotes(name) + " is in none of the metrics files (" +
                      list_files(m_sources) + ")" + suggestion(name, m_sources);
    return out;
}

MetricSet MetricSet::diff_baseline() const {
    MetricSet out;
    for (const auto& s : m_sources)
        if (s.old_values)
            out.add(MetricSource{s.name, s.loaded_from, *s.old_values, std::nullopt});
    return out;
}

std::map<std::string, double> MetricSet::numbers() const {
    std::map<std::string, double> out;
    std::map<std::string, std::optional<double>> plain; // nullopt: ambiguous
    for (const auto& s : m_sources) {
        for (const auto& [path, value] : s.values) {
            if (!value.number)
                continue;
            out[s.name + ":" + path] = *value.number;
            auto [it, inserted] = plain.emplace(path, value.number);
            if (!inserted && it->second != value.number)
                it->second.reset();
        }
    }
    for (const auto& [path, value] : plain)
        if (value)
            out.emplace(path, *value);
    return out;
}

Result<std::vector<MetricSource>> parse_metrics(std::string_view text, const std::string& name,
                                                MetricsFormat format, DiffSide side) {
    if (format == MetricsFormat::Auto)
        format = format_for(name);
    switch (format) {
    case MetricsFormat::Toml:
        return from_toml(text, name);
    case MetricsFormat::Yaml:
        return from_yaml(text, name);
    case MetricsFormat::Json: {
        auto json = parse_json_document(text);
        if (!json)
            return fail(ErrorKind::Check,
                        at(name, json.error().line, json.error().column) + json.error().message);
        return from_json(*json, name, side);
    }
    case MetricsFormat::Auto:
        break;
    }
    auto json = parse_json_document(text);
    if (!json)
        return fail(ErrorKind::Check,
                    at(name, 0, 0) +
                        "not a metrics file: expected JSON, or a .toml, .yaml or .yml file "
                        "(as JSON, line " +
                        std::to_string(json.error().line) + " column " +
                        std::to_string(json.error().column) + ": " + json.error().message + ")");
    return from_json(*json, name, side);
}

Result<MetricSet> load_metrics(const std::vector<std::string>& paths, DiffSide side) {
    MetricSet set;
    for (const auto& path : paths) {
        TRY_ASSIGN(auto text, util::read_file(path, k_max_metrics_bytes));
        TRY_ASSIGN(auto sources, parse_metrics(text, path, MetricsFormat::Auto, side));
        set.add(std::move(sources));
    }
    return set;
}

// ---------------------------------------------------------------- dvc.yaml

namespace {

// The metrics entries of one dvc.yaml, collected with where each came from.
class DvcYamlMetrics {
public:
    explicit DvcYamlMetrics(const std::string& name) : m_name(name) {}

    // `metrics:` of the top level or of a stage: a list of paths or one-key maps
    // {path: flags}; `wdir` is the stage's working directory ("" for the top level), `owner`
    // starts messages ("stage 'evaluate': ", "" for the top level).
    Result<void> add_list(const YAML::Node& list, const std::string& wdir,
                          const std::string& owner) {
        if (!list)
            return {};
        if (!list.IsSequence())
            return fail(ErrorKind::Check,
                        where(list) + owner + "'metrics' is not a list of metrics files");
        for (const auto& entry : list) {
            std::string path;
            if (entry.IsScalar())
                path = entry.Scalar();
            else if (entry.IsMap() && entry.size() == 1 && entry.begin()->first.IsScalar())
                path = entry.begin()->first.Scalar();
            else
                return fail(ErrorKind::Check,
                            where(entry) + owner +
                                "a 'metrics' entry is neither a path nor a path with flags");
            TRY(add(entry, wdir, path));
        }
        return {};
    }

    std::vector<std::string> take() { return std::move(m_paths); }

private:
    std::string where(const YAML::Node& node) const {
        const auto& mark = node.Mark();
        return mark.is_null() ? at(m_name, 0, 0) : at(m_name, mark.line + 1, mark.column + 1);
    }

    Result<void> add(const YAML::Node& node, const std::string& wdir, const std::string& path) {
        if (path.find("${") != std::string::npos || wdir.find("${") != std::string::npos)
            return fail(ErrorKind::Check,
                        where(node) + "the metrics path " +
                            in_quotes(wdir.empty() ? path : wdir + "/" + path) +
                            " uses DVC templating (${...}), which guard does not expand; give "
                            "the metrics files with --metrics");
        if (path.empty())
            return fail(ErrorKind::Check, where(node) + "an empty metrics path");
        if (++m_count > k_max_metric_values)
            return fail(ErrorKind::Check, where(node) + "more than " +
                                              std::to_string(k_max_metric_values) +
                                              " metrics entries; not a dvc.yaml");
        auto full = normalize_name(
            (std::filesystem::path(wdir) / path).lexically_normal().generic_string());
        // A pull request brings its dvc.yaml: it must not make CI read files of the machine.
        if (std::filesystem::path(full).is_absolute())
            return fail(ErrorKind::Check, where(node) + "the metrics path " + in_quotes(full) +
                                              " is absolute; dvc.yaml names metrics files "
                                              "relative to its folder");
        if (std::find(m_paths.begin(), m_paths.end(), full) == m_paths.end())
            m_paths.push_back(std::move(full));
        return {};
    }

    const std::string& m_name;
    std::size_t m_count = 0;
    std::vector<std::string> m_paths;
};

std::string scalar_or_empty(const YAML::Node& node) {
    return node && node.IsScalar() ? node.Scalar() : std::string();
}

} // namespace

Result<std::vector<std::string>> parse_dvc_yaml_metrics(std::string_view text,
                                                        const std::string& name) {
    TRY_ASSIGN(auto root, artifact::parse_yaml(text, name));
    DvcYamlMetrics out(name);
    if (root.IsNull() || !root.IsDefined())
        return out.take();
    if (!root.IsMap())
        return fail(ErrorKind::Check, at(name, 0, 0) + "expected a mapping (stages, metrics, ...)");
    TRY(out.add_list(root["metrics"], {}, {}));
    if (const YAML::Node stages = root["stages"]; stages && stages.IsMap()) {
        for (const auto& stage : stages) {
            std::string owner = "stage " + in_quotes(stage.first.Scalar()) + ": ";
            YAML::Node body = stage.second;
            if (!body.IsMap())
                continue;
            if (body["foreach"] && body["do"])
                body = body["do"];
            TRY(out.add_list(body["metrics"], scalar_or_empty(body["wdir"]), owner));
        }
    }
    return out.take();
}

Result<MetricSet> load_dvc_yaml_metrics(const std::filesystem::path& dvc_yaml, DiffSide side) {
    std::string shown = dvc_yaml.generic_string();
    TRY_ASSIGN(auto text, util::read_file(dvc_yaml, k_max_metrics_bytes));
    TRY_ASSIGN(auto paths, parse_dvc_yaml_metrics(text, shown));
    if (paths.empty())
        return fail(ErrorKind::Usage,
                    util::sanitize(shown) + " lists no metrics files; give them with --metrics");
    MetricSet set;
    auto folder = dvc_yaml.parent_path();
    for (const auto& path : paths) {
        auto file = folder / path;
        TRY_ASSIGN(auto file_text, util::read_file(file, k_max_metrics_bytes));
        TRY_ASSIGN(auto sources, parse_metrics(file_text, path, MetricsFormat::Auto, side));
        for (auto& source : sources)
            source.loaded_from = file.generic_string();
        set.add(std::move(sources));
    }
    return set;
}

} // namespace decision::guard
