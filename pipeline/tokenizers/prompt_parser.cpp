#include "pipeline/tokenizers/prompt_parser.h"

#include "pipeline/core/error.h"
#include "pipeline/tokenizers/unicode_text.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <map>
#include <set>

namespace latent {

namespace {

using text::utf8_decode;
using text::utf8_encode;

bool py_space(char32_t c) { return text::is_py_space(c); }
bool py_word(char32_t c) { return text::is_py_word(c); }
bool py_digit(char32_t c) { return text::decimal_value(c) >= 0; }

// ---------------------------------------------------------------------------------------------
// Schedules: a small parser with the meaning of A1111's lark grammar
//   !start: (prompt | /[][():]/+)*
//   prompt: (emphasized | scheduled | alternate | plain | WHITESPACE)*
//   !emphasized: "(" prompt ")" | "(" prompt ":" prompt ")" | "[" prompt "]"
//   scheduled: "[" [prompt ":"] prompt ":" [WHITESPACE] NUMBER [WHITESPACE] "]"
//   alternate: "[" prompt ("|" [prompt])+ "]"
//   plain: /([^\\\[\]():|]|\\.)+/      NUMBER: lark's SIGNED_NUMBER
// Emphasis and plain text are kept verbatim, so the tree only needs text, scheduled and
// alternate nodes.

struct Node {
    enum class Kind { Text, Scheduled, Alternate } kind = Kind::Text;
    std::u32string text;                     // Text
    bool has_before = false;                 // Scheduled
    std::vector<Node> before, after;         // Scheduled
    std::u32string number;                   // Scheduled
    int when = 0;                            // Scheduled, set by collect_steps
    std::vector<std::vector<Node>> options;  // Alternate
};

void append_text(std::vector<Node>& out, std::u32string_view t) {
    if (t.empty()) return;
    if (!out.empty() && out.back().kind == Node::Kind::Text)
        out.back().text += t;
    else {
        Node n;
        n.text = std::u32string(t);
        out.push_back(std::move(n));
    }
}

class ScheduleParser {
public:
    explicit ScheduleParser(std::u32string_view s) : s_(s) {}

    // Whole-string parse; false where lark raises (A1111 then uses the prompt unchanged).
    bool parse(std::vector<Node>& out) {
        std::size_t i = 0;
        const std::size_t n = s_.size();
        while (i < n) {
            const char32_t c = s_[i];
            if (c == U'(' || c == U'[') {
                std::size_t j = i;
                if (parse_structure(j, out)) {
                    i = j;
                } else {
                    append_text(out, s_.substr(i, 1)); // /[][():]/ at the top level
                    ++i;
                }
                continue;
            }
            if (c == U')' || c == U']' || c == U':') {
                append_text(out, s_.substr(i, 1));
                ++i;
                continue;
            }
            if (c == U'|') return false;
            if (c == U'\\') {
                if (i + 1 >= n || s_[i + 1] == U'\n') return false;
                append_text(out, s_.substr(i, 2));
                i += 2;
                continue;
            }
            append_text(out, s_.substr(i, 1));
            ++i;
        }
        return true;
    }

private:
    // prompt: items up to a structural character (or the end). False on an error inside.
    bool parse_prompt(std::size_t& i, std::vector<Node>& out) {
        const std::size_t n = s_.size();
        while (i < n) {
            const char32_t c = s_[i];
            if (c == U')' || c == U']' || c == U':' || c == U'|') return true;
            if (c == U'(' || c == U'[') {
                if (!parse_structure(i, out)) return false;
                continue;
            }
            if (c == U'\\') {
                if (i + 1 >= n || s_[i + 1] == U'\n') return false;
                append_text(out, s_.substr(i, 2));
                i += 2;
                continue;
            }
            append_text(out, s_.substr(i, 1));
            ++i;
        }
        return true;
    }

    std::size_t skip_ws(std::size_t i) const {
        while (i < s_.size() && py_space(s_[i])) ++i;
        return i;
    }

    static bool ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

    // lark SIGNED_NUMBER, matched like Python's re: ["+"|"-"] (FLOAT | INT) with
    // FLOAT: INT _EXP | DECIMAL _EXP?, DECIMAL: INT "." INT? | "." INT.
    std::size_t match_number(std::size_t i) const {
        const std::size_t n = s_.size();
        std::size_t p = i;
        if (p < n && (s_[p] == U'+' || s_[p] == U'-')) ++p;
        auto digits = [&](std::size_t q) {
            while (q < n && ascii_digit(s_[q])) ++q;
            return q;
        };
        auto exp = [&](std::size_t q) -> std::size_t { // returns end or npos
            if (q < n && (s_[q] == U'e' || s_[q] == U'E')) {
                std::size_t r = q + 1;
                if (r < n && (s_[r] == U'+' || s_[r] == U'-')) ++r;
                const std::size_t e = digits(r);
                if (e > r) return e;
            }
            return std::u32string::npos;
        };
        const std::size_t int_end = digits(p);
        // FLOAT: INT _EXP
        if (int_end > p) {
            const std::size_t e = exp(int_end);
            if (e != std::u32string::npos) return e;
        }
        // FLOAT: DECIMAL _EXP?
        std::size_t dec_end = std::u32string::npos;
        if (int_end > p && int_end < n && s_[int_end] == U'.') {
            dec_end = digits(int_end + 1);
        } else if (int_end == p && p < n && s_[p] == U'.') {
            const std::size_t e = digits(p + 1);
            if (e > p + 1) dec_end = e;
        }
        if (dec_end != std::u32string::npos) {
            const std::size_t e = exp(dec_end);
            return e != std::u32string::npos ? e : dec_end;
        }
        if (int_end > p) return int_end; // INT
        return i;                        // no match
    }

    bool parse_structure(std::size_t& i, std::vector<Node>& out) {
        const std::size_t n = s_.size();
        const char32_t open = s_[i];
        std::size_t p = i + 1;
        std::vector<Node> first;
        if (!parse_prompt(p, first) || p >= n) return false;
        if (open == U'(') {
            std::vector<Node> items;
            append_text(items, U"(");
            for (auto& x : first) items.push_back(std::move(x));
            if (s_[p] == U')') {
                append_text(items, U")");
                ++p;
            } else if (s_[p] == U':') {
                append_text(items, U":");
                ++p;
                std::vector<Node> second;
                if (!parse_prompt(p, second) || p >= n || s_[p] != U')') return false;
                for (auto& x : second) {
                    if (x.kind == Node::Kind::Text)
                        append_text(items, x.text);
                    else
                        items.push_back(std::move(x));
                }
                append_text(items, U")");
                ++p;
            } else {
                return false;
            }
            splice(out, std::move(items));
            i = p;
            return true;
        }
        // '['
        if (s_[p] == U']') { // emphasized "[" prompt "]"
            std::vector<Node> items;
            append_text(items, U"[");
            splice(items, std::move(first));
            append_text(items, U"]");
            splice(out, std::move(items));
            i = p + 1;
            return true;
        }
        if (s_[p] == U'|') { // alternate
            Node alt;
            alt.kind = Node::Kind::Alternate;
            alt.options.push_back(std::move(first));
            while (p < n && s_[p] == U'|') {
                ++p;
                std::vector<Node> opt;
                if (!parse_prompt(p, opt)) return false;
                alt.options.push_back(std::move(opt));
            }
            if (p >= n || s_[p] != U']') return false;
            out.push_back(std::move(alt));
            i = p + 1;
            return true;
        }
        if (s_[p] == U':') {
            // "[" prompt ":" [WS] NUMBER [WS] "]"   (no "before")
            if (std::size_t q = try_number_tail(p + 1); q != 0) {
                Node sch;
                sch.kind = Node::Kind::Scheduled;
                sch.after = std::move(first);
                sch.number = number_;
                out.push_back(std::move(sch));
                i = q;
                return true;
            }
            // "[" prompt ":" prompt ":" [WS] NUMBER [WS] "]"
            std::size_t q = p + 1;
            std::vector<Node> second;
            if (!parse_prompt(q, second) || q >= n || s_[q] != U':') return false;
            const std::size_t end = try_number_tail(q + 1);
            if (end == 0) return false;
            Node sch;
            sch.kind = Node::Kind::Scheduled;
            sch.has_before = true;
            sch.before = std::move(first);
            sch.after = std::move(second);
            sch.number = number_;
            out.push_back(std::move(sch));
            i = end;
            return true;
        }
        return false;
    }

    // [WS] NUMBER [WS] "]" starting at q; returns the position after "]" or 0.
    std::size_t try_number_tail(std::size_t q) {
        const std::size_t n = s_.size();
        q = skip_ws(q);
        const std::size_t e = match_number(q);
        if (e == q) return 0;
        number_ = std::u32string(s_.substr(q, e - q));
        q = skip_ws(e);
        if (q >= n || s_[q] != U']') return 0;
        return q + 1;
    }

    static void splice(std::vector<Node>& out, std::vector<Node>&& items) {
        for (auto& x : items) {
            if (x.kind == Node::Kind::Text)
                append_text(out, x.text);
            else
                out.push_back(std::move(x));
        }
    }

    std::u32string_view s_;
    std::u32string number_;
};

struct StepCollector {
    int steps;
    int int_offset;
    double flt_offset;
    bool use_old;
    std::set<int> res;

    void visit(std::vector<Node>& nodes) {
        for (auto& nd : nodes) {
            if (nd.kind == Node::Kind::Scheduled) {
                visit(nd.before);
                visit(nd.after);
                const std::string num = utf8_encode(nd.number);
                const double parsed = std::strtod(num.c_str(), nullptr);
                double v = parsed;
                if (use_old) {
                    v = v < 1 ? v * steps : v;
                } else if (num.find('.') != std::string::npos) {
                    v = (v - flt_offset) * steps;
                } else {
                    v = v - int_offset;
                }
                if (!std::isfinite(v))
                    throw PipelineError("prompt_syntax",
                                        "The prompt-editing step \"" + num + "\" is not a finite number.");
                const double t = std::trunc(v);
                nd.when = t >= steps ? steps : static_cast<int>(std::max(t, -2147483647.0));
                if (nd.when >= 1) res.insert(nd.when);
            } else if (nd.kind == Node::Kind::Alternate) {
                for (auto& o : nd.options) visit(o);
                for (int k = 1; k <= steps; ++k) res.insert(k);
            }
        }
    }
};

void render(const std::vector<Node>& nodes, int step, std::u32string& out) {
    for (const auto& nd : nodes) {
        switch (nd.kind) {
        case Node::Kind::Text: out += nd.text; break;
        case Node::Kind::Scheduled:
            if (step <= nd.when) {
                if (nd.has_before) render(nd.before, step, out);
            } else {
                render(nd.after, step, out);
            }
            break;
        case Node::Kind::Alternate:
            render(nd.options[static_cast<std::size_t>(step - 1) % nd.options.size()], step, out);
            break;
        }
    }
}

// re.split(r"\s*\bBREAK\b\s*", text)
std::vector<std::u32string> split_break(const std::u32string& t) {
    std::vector<std::u32string> parts;
    const std::size_t n = t.size();
    std::size_t last = 0, p = 0;
    while (p < n) {
        std::size_t q = p;
        while (q < n && py_space(t[q])) ++q;
        const bool ok = q + 5 <= n && t.compare(q, 5, U"BREAK") == 0 &&
                        (q == 0 || !py_word(t[q - 1])) && (q + 5 == n || !py_word(t[q + 5]));
        if (!ok) {
            ++p;
            continue;
        }
        std::size_t e = q + 5;
        while (e < n && py_space(t[e])) ++e;
        parts.push_back(t.substr(last, p - last));
        last = p = e;
    }
    parts.push_back(t.substr(last));
    return parts;
}

} // namespace

const std::vector<ExtraNetworkCall>* ExtraNetworks::find(std::string_view kind) const {
    for (const auto& [k, v] : networks)
        if (k == kind) return &v;
    return nullptr;
}

std::string PromptParser::strip_comments(std::string_view input) {
    const std::u32string s = utf8_decode(input);
    const std::size_t n = s.size();
    // Pass 1: re.sub('(^|\n)#[^\n]*(\n|$)', '\n', text)
    std::u32string a;
    std::size_t i = 0;
    while (i < n) {
        std::size_t hash = std::u32string::npos;
        if (i == 0 && s[0] == U'#')
            hash = 0;
        else if (s[i] == U'\n' && i + 1 < n && s[i + 1] == U'#')
            hash = i + 1;
        if (hash == std::u32string::npos) {
            a.push_back(s[i++]);
            continue;
        }
        std::size_t e = hash;
        while (e < n && s[e] != U'\n') ++e;
        if (e < n) ++e; // the '\n' alternative
        a.push_back(U'\n');
        i = e;
    }
    // Pass 2: re.sub('#[^\n]*(\n|$)', '\n', text)
    std::u32string b;
    const std::size_t m = a.size();
    i = 0;
    while (i < m) {
        if (a[i] != U'#') {
            b.push_back(a[i++]);
            continue;
        }
        std::size_t e = i;
        while (e < m && a[e] != U'\n') ++e;
        if (e < m) ++e;
        b.push_back(U'\n');
        i = e;
    }
    return utf8_encode(b);
}

ExtraNetworks PromptParser::parse_extra_networks(std::string_view prompt) {
    // re.sub(r"<(\w+):([^>]+)>", ...)
    const std::u32string s = utf8_decode(prompt);
    const std::size_t n = s.size();
    ExtraNetworks res;
    std::u32string out;
    std::size_t i = 0;
    while (i < n) {
        if (s[i] == U'<') {
            std::size_t j = i + 1;
            while (j < n && py_word(s[j])) ++j;
            if (j > i + 1 && j < n && s[j] == U':' && j + 1 < n && s[j + 1] != U'>') {
                const std::size_t gt = s.find(U'>', j + 1);
                if (gt != std::u32string::npos) {
                    const std::string name = utf8_encode(s.substr(i + 1, j - i - 1));
                    const std::string args = utf8_encode(s.substr(j + 1, gt - j - 1));
                    ExtraNetworkCall call;
                    std::size_t start = 0;
                    for (;;) {
                        const std::size_t c = args.find(':', start);
                        call.items.push_back(args.substr(start, c == std::string::npos ? std::string::npos : c - start));
                        if (c == std::string::npos) break;
                        start = c + 1;
                    }
                    auto it = std::find_if(res.networks.begin(), res.networks.end(),
                                           [&](const auto& kv) { return kv.first == name; });
                    if (it == res.networks.end()) {
                        res.networks.emplace_back(name, std::vector<ExtraNetworkCall>{});
                        it = std::prev(res.networks.end());
                    }
                    it->second.push_back(std::move(call));
                    i = gt + 1;
                    continue;
                }
            }
        }
        out.push_back(s[i++]);
    }
    res.prompt = utf8_encode(out);
    return res;
}

MulticondPromptList PromptParser::get_multicond_prompt_list(const std::vector<std::string>& prompts) {
    MulticondPromptList res;
    std::map<std::u32string, int> index_of;
    for (const std::string& prompt : prompts) {
        const std::u32string s = utf8_decode(prompt);
        const std::size_t n = s.size();
        // re_AND.split: r"\bAND\b"
        std::vector<std::u32string> subs;
        std::size_t last = 0;
        for (std::size_t p = 0; p + 3 <= n;) {
            const bool ok = s.compare(p, 3, U"AND") == 0 && (p == 0 || !py_word(s[p - 1])) &&
                            (p + 3 == n || !py_word(s[p + 3]));
            if (ok) {
                subs.push_back(s.substr(last, p - last));
                last = p + 3;
                p += 3;
            } else {
                ++p;
            }
        }
        subs.push_back(s.substr(last));

        std::vector<std::pair<int, double>> indexes;
        for (const auto& sub : subs) {
            // re_weight: ^((?:\s|.)*?)(?:\s*:\s*([-+]?(?:\d+\.?|\d*\.\d+)))?\s*$ (lazy text)
            const std::size_t m = sub.size();
            std::size_t text_end = m;
            double weight = 1.0;
            for (std::size_t k = 0; k <= m; ++k) {
                std::size_t q = k;
                while (q < m && py_space(sub[q])) ++q;
                if (q < m && sub[q] == U':') {
                    std::size_t r = q + 1;
                    while (r < m && py_space(sub[r])) ++r;
                    const std::size_t num_start = r;
                    if (r < m && (sub[r] == U'+' || sub[r] == U'-')) ++r;
                    const std::size_t d1 = r;
                    while (r < m && py_digit(sub[r])) ++r;
                    const bool int_part = r > d1;
                    bool ok = false;
                    if (r < m && sub[r] == U'.') {
                        ++r;
                        const std::size_t d2 = r;
                        while (r < m && py_digit(sub[r])) ++r;
                        ok = int_part || r > d2;
                    } else {
                        ok = int_part;
                    }
                    if (ok) {
                        const std::size_t num_end = r;
                        while (r < m && py_space(sub[r])) ++r;
                        if (r == m) {
                            text_end = k;
                            weight = *text::py_float(sub.substr(num_start, num_end - num_start));
                            break;
                        }
                    }
                }
                if (q == m) {
                    text_end = k;
                    weight = 1.0;
                    break;
                }
            }
            const std::u32string text = sub.substr(0, text_end);
            auto it = index_of.find(text);
            int index;
            if (it == index_of.end()) {
                index = static_cast<int>(res.flat.size());
                res.flat.push_back(utf8_encode(text));
                index_of.emplace(text, index);
            } else {
                index = it->second;
            }
            indexes.emplace_back(index, weight);
        }
        res.indexes.push_back(std::move(indexes));
    }
    return res;
}

std::vector<ScheduleEntry> PromptParser::get_prompt_schedule(std::string_view prompt, int base_steps,
                                                             std::optional<int> hires_steps,
                                                             bool use_old_scheduling) {
    int int_offset = 0;
    double flt_offset = 0.0;
    int steps = base_steps;
    if (hires_steps && !use_old_scheduling) {
        int_offset = base_steps;
        flt_offset = 1.0;
        steps = *hires_steps;
    }
    const std::u32string s = utf8_decode(prompt);
    std::vector<Node> tree;
    ScheduleParser parser(s);
    if (!parser.parse(tree)) return {{steps, std::string(prompt)}};

    StepCollector collector{steps, int_offset, flt_offset, use_old_scheduling, {steps}};
    collector.visit(tree);
    std::vector<ScheduleEntry> res;
    for (int t : collector.res) {
        std::u32string out;
        render(tree, t, out);
        res.push_back({t, utf8_encode(out)});
    }
    return res;
}

std::vector<AttentionPiece> PromptParser::parse_prompt_attention(std::string_view input) {
    struct Piece {
        std::u32string text;
        double weight;
    };
    std::vector<Piece> res;
    std::vector<std::size_t> round_brackets, square_brackets;
    const double round_mult = 1.1;
    const double square_mult = 1 / 1.1;
    auto multiply_range = [&](std::size_t start, double mult) {
        for (std::size_t p = start; p < res.size(); ++p) res[p].weight *= mult;
    };
    auto add_text = [&](const std::u32string& t) {
        const auto parts = split_break(t);
        for (std::size_t k = 0; k < parts.size(); ++k) {
            if (k > 0) res.push_back({U"BREAK", -1.0});
            res.push_back({parts[k], 1.0});
        }
    };

    const std::u32string s = utf8_decode(input);
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const char32_t c = s[i];
        if (c == U'\\') {
            if (i + 1 < n && (s[i + 1] == U'(' || s[i + 1] == U')' || s[i + 1] == U'[' ||
                              s[i + 1] == U']' || s[i + 1] == U'\\')) {
                res.push_back({s.substr(i + 1, 1), 1.0});
                i += 2;
            } else {
                res.push_back({U"", 1.0});
                i += 1;
            }
            continue;
        }
        if (c == U'(') {
            round_brackets.push_back(res.size());
            ++i;
            continue;
        }
        if (c == U'[') {
            square_brackets.push_back(res.size());
            ++i;
            continue;
        }
        if (c == U':') {
            // :\s*([+-]?[.\d]+)\s*\)
            std::size_t q = i + 1;
            while (q < n && py_space(s[q])) ++q;
            const std::size_t w0 = q;
            if (q < n && (s[q] == U'+' || s[q] == U'-')) ++q;
            const std::size_t d0 = q;
            while (q < n && (s[q] == U'.' || py_digit(s[q]))) ++q;
            const std::size_t w1 = q;
            std::size_t r = q;
            while (r < n && py_space(s[r])) ++r;
            if (w1 > d0 && r < n && s[r] == U')') {
                const std::u32string token = s.substr(i, r + 1 - i);
                const std::u32string weight = s.substr(w0, w1 - w0);
                i = r + 1;
                if (!round_brackets.empty()) {
                    const auto v = text::py_float(weight);
                    if (!v)
                        throw PipelineError("prompt_syntax", "The attention weight \"" + utf8_encode(weight) +
                                                                 "\" in the prompt is not a number.");
                    multiply_range(round_brackets.back(), *v);
                    round_brackets.pop_back();
                } else {
                    add_text(token);
                }
                continue;
            }
            add_text(U":");
            ++i;
            continue;
        }
        if (c == U')') {
            if (!round_brackets.empty()) {
                multiply_range(round_brackets.back(), round_mult);
                round_brackets.pop_back();
            } else {
                add_text(U")");
            }
            ++i;
            continue;
        }
        if (c == U']') {
            if (!square_brackets.empty()) {
                multiply_range(square_brackets.back(), square_mult);
                square_brackets.pop_back();
            } else {
                add_text(U"]");
            }
            ++i;
            continue;
        }
        // [^\\()\[\]:]+
        std::size_t q = i;
        while (q < n && s[q] != U'\\' && s[q] != U'(' && s[q] != U')' && s[q] != U'[' &&
               s[q] != U']' && s[q] != U':')
            ++q;
        add_text(s.substr(i, q - i));
        i = q;
    }
    for (std::size_t pos : round_brackets) multiply_range(pos, round_mult);
    for (std::size_t pos : square_brackets) multiply_range(pos, square_mult);
    if (res.empty()) res.push_back({U"", 1.0});
    for (std::size_t k = 0; k + 1 < res.size();) {
        if (res[k].weight == res[k + 1].weight) {
            res[k].text += res[k + 1].text;
            res.erase(res.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        } else {
            ++k;
        }
    }
    std::vector<AttentionPiece> out;
    out.reserve(res.size());
    for (auto& p : res) out.push_back({utf8_encode(p.text), p.weight});
    return out;
}

} // namespace latent
