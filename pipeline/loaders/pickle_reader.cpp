#include "pipeline/loaders/pickle_reader.h"

#include "pipeline/core/error.h"

#include <cstring>
#include <memory>
#include <set>
#include <unordered_map>

namespace latent {

namespace {

[[noreturn]] void refuse(const std::string& why) {
    throw PipelineError("cannot_verify", "cannot verify this file, not loaded: " + why + ".");
}

std::string shown(std::string_view s) {
    std::string out;
    for (unsigned char c : s.substr(0, 80)) out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    if (s.size() > 80) out += "...";
    return out;
}

enum class K { None, Bool, Int, Float, Str, Bytes, Tuple, List, Dict, Global, Storage, Tensor };

enum class Fn { None, OrderedDict, RebuildTensorV2, RebuildTensor, RebuildParameter, StorageType };

struct Value;
using VP = std::shared_ptr<Value>;

struct Value {
    K k = K::None;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s;   // Str/Bytes; Global: "module.name"; Storage: key
    Fn fn = Fn::None;
    std::string storage_type;  // Global StorageType: "FloatStorage"
    std::vector<VP> items;                  // Tuple/List
    std::vector<std::pair<VP, VP>> dict;    // Dict (insertion order)
    std::set<std::string> keys;             // Dict: encoded keys, for duplicate detection
    PickleTensor tensor;                    // Tensor
    int depth = 0;
    bool frozen = false;  // contained in another container: no more mutation (prevents cycles)
};

VP make(K k) {
    auto v = std::make_shared<Value>();
    v->k = k;
    return v;
}

bool is_container(const VP& v) { return v->k == K::Tuple || v->k == K::List || v->k == K::Dict; }

struct StorageTypeRow {
    const char* name;
    int size;
};
constexpr StorageTypeRow kStorageTypes[] = {
    {"FloatStorage", 4}, {"HalfStorage", 2},  {"BFloat16Storage", 2}, {"DoubleStorage", 8},
    {"LongStorage", 8},  {"IntStorage", 4},   {"ShortStorage", 2},    {"CharStorage", 1},
    {"ByteStorage", 1},  {"BoolStorage", 1},  {"ComplexFloatStorage", 8},
};

class Machine {
public:
    Machine(const uint8_t* d, std::size_t n) : d_(d), n_(n) {}

    VP run() {
        if (n_ > kPickleMaxBytes) refuse("the pickle is too large");
        for (;;) {
            if (p_ >= n_) refuse("the pickle stream is truncated (no STOP)");
            const std::size_t at = p_;
            const uint8_t op = d_[p_++];
            switch (op) {
            case 0x80: {  // PROTO
                const uint8_t v = u8();
                if (v < 2 || v > 5) refuse("unsupported pickle protocol " + std::to_string(v));
                break;
            }
            case 0x95: take(8); break;  // FRAME (length hint only)
            case '.': {                 // STOP
                if (stack_.size() != 1 || !marks_.empty()) refuse("malformed pickle (stack not balanced at STOP)");
                if (p_ != n_) refuse("unexpected bytes after the end of the pickle");
                return stack_.back();
            }
            case '}': push(make(K::Dict)); break;
            case ']': push(make(K::List)); break;
            case ')': push(make(K::Tuple)); break;
            case '(':  // MARK
                if (marks_.size() > 100000) refuse("too many nested marks");
                marks_.push_back(stack_.size());
                break;
            case 't': {  // TUPLE
                auto items = pop_mark();
                push(tuple(std::move(items)));
                break;
            }
            case 0x85: push(tuple({pop()})); break;  // TUPLE1
            case 0x86: {                               // TUPLE2
                VP b = pop(), a = pop();
                push(tuple({a, b}));
                break;
            }
            case 0x87: {  // TUPLE3
                VP c = pop(), b = pop(), a = pop();
                push(tuple({a, b, c}));
                break;
            }
            case 'X': str(u32v(), K::Str); break;                 // BINUNICODE
            case 0x8c: str(u8(), K::Str); break;                  // SHORT_BINUNICODE
            case 0x8d: str(u64v(), K::Str); break;                // BINUNICODE8
            case 'T': str(u32v(), K::Bytes); break;               // BINSTRING (py2 str)
            case 'U': str(u8(), K::Bytes); break;                 // SHORT_BINSTRING
            case 'B': str(u32v(), K::Bytes); break;               // BINBYTES
            case 'C': str(u8(), K::Bytes); break;                 // SHORT_BINBYTES
            case 'q': memo_put(u8()); break;                      // BINPUT
            case 'r': memo_put(u32v()); break;                    // LONG_BINPUT
            case 0x94: memo_put(memo_.size()); break;             // MEMOIZE
            case 'h': memo_get(u8()); break;                      // BINGET
            case 'j': memo_get(u32v()); break;                    // LONG_BINGET
            case 'c': {                                           // GLOBAL
                const std::string module = line();
                const std::string name = line();
                push(global(module, name));
                break;
            }
            case 0x93: {  // STACK_GLOBAL
                VP name = pop(), module = pop();
                if (name->k != K::Str || module->k != K::Str) refuse("malformed STACK_GLOBAL");
                push(global(module->s, name->s));
                break;
            }
            case 'J': {  // BININT
                const uint32_t v = u32v();
                int32_t sv;
                std::memcpy(&sv, &v, 4);
                push(integer(sv));
                break;
            }
            case 'K': push(integer(u8())); break;    // BININT1
            case 'M': push(integer(u16v())); break;  // BININT2
            case 0x8a: {                             // LONG1
                const uint8_t len = u8();
                if (len > 8) refuse("integer too large in the pickle");
                const uint8_t* b = take(len);
                uint64_t v = 0;
                for (int i = len - 1; i >= 0; --i) v = (v << 8) | b[i];
                if (len > 0 && len < 8 && (b[len - 1] & 0x80)) v |= ~uint64_t{0} << (8 * len);  // sign-extend
                int64_t sv;
                std::memcpy(&sv, &v, 8);
                push(integer(sv));
                break;
            }
            case 'G': {  // BINFLOAT (big-endian double)
                const uint8_t* b = take(8);
                uint64_t v = 0;
                for (int i = 0; i < 8; ++i) v = (v << 8) | b[i];
                double dv;
                std::memcpy(&dv, &v, 8);
                auto x = make(K::Float);
                x->f = dv;
                push(x);
                break;
            }
            case 0x88: push(boolean(true)); break;   // NEWTRUE
            case 0x89: push(boolean(false)); break;  // NEWFALSE
            case 'N': push(make(K::None)); break;    // NONE
            case 'R': {                              // REDUCE
                VP args = pop(), fn = pop();
                push(reduce(fn, args));
                break;
            }
            case 'Q': {  // BINPERSID
                push(persistent(pop()));
                break;
            }
            case 'b': {  // BUILD
                VP state = pop();
                VP target = top();
                bool ok_state = state->k == K::None || ((state->k == K::Dict) && state->dict.empty()) ||
                                ((state->k == K::Tuple) && state->items.empty());
                // model.state_dict() carries `_metadata` (module versions) as the OrderedDict's
                // instance state: plain data, ignored.
                if (target->k == K::Dict && state->k == K::Dict && state->dict.size() == 1 &&
                    state->dict[0].first->k == K::Str && state->dict[0].first->s == "_metadata" &&
                    state->dict[0].second->k == K::Dict)
                    ok_state = true;
                if (!((target->k == K::Dict || target->k == K::Tensor) && ok_state))
                    refuse("BUILD with object state is not allowed in a state dict");
                break;
            }
            case 's': {  // SETITEM
                VP v = pop(), k = pop();
                set_item(top(), k, v);
                break;
            }
            case 'u': {  // SETITEMS
                auto items = pop_mark();
                if (items.size() % 2) refuse("malformed SETITEMS");
                VP target = top();
                for (std::size_t i = 0; i < items.size(); i += 2) set_item(target, items[i], items[i + 1]);
                break;
            }
            case 'a': {  // APPEND
                VP v = pop();
                append(top(), v);
                break;
            }
            case 'e': {  // APPENDS
                auto items = pop_mark();
                VP target = top();
                for (auto& v : items) append(target, v);
                break;
            }
            default: {
                static const char* hex = "0123456789abcdef";
                std::string h = "0x";
                h += hex[op >> 4];
                h += hex[op & 15];
                refuse("pickle opcode " + h + " at byte " + std::to_string(at) +
                       " is not allowed in a state dict (it could run code)");
            }
            }
        }
    }

    std::map<std::string, PickleStorage> storages;

private:
    const uint8_t* d_;
    std::size_t n_;
    std::size_t p_ = 0;
    std::vector<VP> stack_;
    std::vector<std::size_t> marks_;
    std::unordered_map<uint64_t, VP> memo_;

    const uint8_t* take(uint64_t len) {
        if (len > n_ - p_) refuse("the pickle stream is truncated");
        const uint8_t* b = d_ + p_;
        p_ += static_cast<std::size_t>(len);
        return b;
    }
    uint8_t u8() { return *take(1); }
    uint16_t u16v() {
        const uint8_t* b = take(2);
        return static_cast<uint16_t>(b[0] | (b[1] << 8));
    }
    uint32_t u32v() {
        const uint8_t* b = take(4);
        return static_cast<uint32_t>(b[0]) | (static_cast<uint32_t>(b[1]) << 8) | (static_cast<uint32_t>(b[2]) << 16) |
               (static_cast<uint32_t>(b[3]) << 24);
    }
    uint64_t u64v() {
        const uint64_t lo = u32v();
        const uint64_t hi = u32v();
        return lo | (hi << 32);
    }
    std::string line() {
        std::string out;
        for (;;) {
            if (p_ >= n_) refuse("the pickle stream is truncated");
            const char c = static_cast<char>(d_[p_++]);
            if (c == '\n') return out;
            if (out.size() >= 256) refuse("overlong GLOBAL name");
            out += c;
        }
    }
    void str(uint64_t len, K k) {
        if (len > (64u << 20)) refuse("overlong string in the pickle");
        const uint8_t* b = take(len);
        auto v = make(k);
        v->s.assign(reinterpret_cast<const char*>(b), static_cast<std::size_t>(len));
        push(v);
    }
    void push(VP v) {
        if (stack_.size() > 1'000'000) refuse("pickle stack too deep");
        stack_.push_back(std::move(v));
    }
    VP pop() {
        if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
            refuse("malformed pickle (pop from empty stack)");
        VP v = std::move(stack_.back());
        stack_.pop_back();
        return v;
    }
    VP top() {
        if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
            refuse("malformed pickle (empty stack)");
        return stack_.back();
    }
    std::vector<VP> pop_mark() {
        if (marks_.empty()) refuse("malformed pickle (no MARK)");
        const std::size_t m = marks_.back();
        marks_.pop_back();
        std::vector<VP> items(std::make_move_iterator(stack_.begin() + static_cast<std::ptrdiff_t>(m)),
                              std::make_move_iterator(stack_.end()));
        stack_.resize(m);
        return items;
    }
    void memo_put(uint64_t idx) {
        if (memo_.size() > 10'000'000) refuse("pickle memo too large");
        memo_[idx] = top();
    }
    void memo_get(uint64_t idx) {
        auto it = memo_.find(idx);
        if (it == memo_.end()) refuse("pickle refers to a missing memo entry");
        push(it->second);
    }

    static VP integer(int64_t v) {
        auto x = make(K::Int);
        x->i = v;
        return x;
    }
    static VP boolean(bool v) {
        auto x = make(K::Bool);
        x->b = v;
        return x;
    }

    // Adds `child` into a container: freezes the child (no later mutation, so no cycles) and
    // bounds the nesting depth (no deep recursion anywhere later).
    static void adopt(Value& parent, const VP& child) {
        if (child.get() == &parent) refuse("a container that contains itself");
        child->frozen = true;
        const int d = is_container(child) ? child->depth + 1 : 1;
        if (d > kPickleMaxDepth) refuse("pickle nesting too deep");
        parent.depth = std::max(parent.depth, d);
    }
    static VP tuple(std::vector<VP> items) {
        auto t = make(K::Tuple);
        for (auto& v : items) adopt(*t, v);
        t->items = std::move(items);
        return t;
    }
    static void set_item(const VP& target, const VP& k, const VP& v) {
        if (target->k != K::Dict) refuse("SETITEM on something that is not a dict");
        if (target->frozen) refuse("dict modified after use (not a plain state dict)");
        if (k->k != K::Str && k->k != K::Int) refuse("a dict key is not a string or an integer");
        if (!target->keys.insert(k->k == K::Str ? "s" + k->s : "i" + std::to_string(k->i)).second)
            refuse("duplicate dict key '" + shown(k->s) + "'");
        if (target->dict.size() > 1'000'000) refuse("dict too large");
        adopt(*target, k);
        adopt(*target, v);
        target->dict.emplace_back(k, v);
    }
    static void append(const VP& target, const VP& v) {
        if (target->k != K::List) refuse("APPEND on something that is not a list");
        if (target->frozen) refuse("list modified after use");
        adopt(*target, v);
        target->items.push_back(v);
    }

    static VP global(const std::string& module, const std::string& name) {
        auto g = make(K::Global);
        g->s = module + "." + name;
        if (module == "collections" && name == "OrderedDict") g->fn = Fn::OrderedDict;
        else if (module == "torch._utils" && name == "_rebuild_tensor_v2") g->fn = Fn::RebuildTensorV2;
        else if (module == "torch._utils" && name == "_rebuild_tensor") g->fn = Fn::RebuildTensor;
        else if (module == "torch._utils" && name == "_rebuild_parameter") g->fn = Fn::RebuildParameter;
        else if (module == "torch" && pickle_storage_element_size(name) > 0) {
            g->fn = Fn::StorageType;
            g->storage_type = name;
        } else {
            refuse("the pickle imports '" + shown(module) + "." + shown(name) +
                   "', which a state dict never needs (it could run code)");
        }
        return g;
    }

    VP persistent(const VP& pid) {
        // ('storage', torch.XStorage, key, location, numel)
        if (pid->k != K::Tuple || pid->items.size() != 5) refuse("unexpected persistent id in the pickle");
        const auto& it = pid->items;
        if (it[0]->k != K::Str || it[0]->s != "storage") refuse("unexpected persistent id in the pickle");
        if (it[1]->k != K::Global || it[1]->fn != Fn::StorageType) refuse("persistent id without a storage type");
        if (it[2]->k != K::Str || it[3]->k != K::Str || it[4]->k != K::Int || it[4]->i < 0)
            refuse("malformed storage reference");
        const std::string& key = it[2]->s;
        if (key.empty() || key.size() > 64) refuse("malformed storage key");
        for (char c : key)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'))
                refuse("malformed storage key '" + shown(key) + "'");
        PickleStorage s;
        s.key = key;
        s.type = it[1]->storage_type;
        s.element_size = pickle_storage_element_size(s.type);
        s.numel = static_cast<uint64_t>(it[4]->i);
        s.location = it[3]->s.substr(0, 32);
        auto [pos, inserted] = storages.emplace(key, s);
        if (!inserted && (pos->second.type != s.type || pos->second.numel != s.numel))
            refuse("storage '" + shown(key) + "' is declared twice with different types or sizes");
        auto v = make(K::Storage);
        v->s = key;
        return v;
    }

    static std::vector<int64_t> int_tuple(const VP& t, const char* what) {
        if (t->k != K::Tuple) refuse(std::string("tensor ") + what + " is not a tuple");
        if (t->items.size() > 16) refuse(std::string("tensor ") + what + " has too many dimensions");
        std::vector<int64_t> out;
        for (const auto& x : t->items) {
            if (x->k != K::Int || x->i < 0) refuse(std::string("tensor ") + what + " is not a tuple of non-negative integers");
            out.push_back(x->i);
        }
        return out;
    }

    VP reduce(const VP& fn, const VP& args) {
        if (fn->k != K::Global) refuse("REDUCE on something that is not an allowed function");
        if (args->k != K::Tuple) refuse("REDUCE without an argument tuple");
        const auto& a = args->items;
        switch (fn->fn) {
        case Fn::OrderedDict:
            if (!a.empty()) refuse("OrderedDict called with arguments");
            return make(K::Dict);
        case Fn::RebuildTensorV2:
        case Fn::RebuildTensor: {
            const bool v2 = fn->fn == Fn::RebuildTensorV2;
            if (v2 ? (a.size() != 6 && a.size() != 7) : a.size() != 4) refuse("unexpected tensor rebuild arguments");
            if (a[0]->k != K::Storage) refuse("tensor without a storage");
            if (a[1]->k != K::Int || a[1]->i < 0) refuse("bad tensor storage offset");
            auto t = make(K::Tensor);
            t->tensor.storage_key = a[0]->s;
            t->tensor.storage_offset = static_cast<uint64_t>(a[1]->i);
            t->tensor.sizes = int_tuple(a[2], "size");
            t->tensor.strides = int_tuple(a[3], "stride");
            if (t->tensor.sizes.size() != t->tensor.strides.size()) refuse("tensor size and stride ranks differ");
            if (v2) {
                if (a[4]->k != K::Bool && a[4]->k != K::Int) refuse("bad requires_grad flag");
                if (a[5]->k != K::Dict || !a[5]->dict.empty()) refuse("tensor with backward hooks");
                if (a.size() == 7 && !(a[6]->k == K::None || (a[6]->k == K::Dict && a[6]->dict.empty())))
                    refuse("tensor with extra metadata");
            }
            check_extent(t->tensor);
            return t;
        }
        case Fn::RebuildParameter:
            if (a.size() != 3 || a[0]->k != K::Tensor) refuse("unexpected parameter rebuild arguments");
            if (a[2]->k != K::Dict || !a[2]->dict.empty()) refuse("parameter with backward hooks");
            return a[0];
        default: refuse("'" + shown(fn->s) + "' cannot be called");
        }
    }

    void check_extent(const PickleTensor& t) const {
        auto it = storages.find(t.storage_key);
        if (it == storages.end()) refuse("tensor refers to an unknown storage");
        uint64_t numel = 1;
        for (int64_t s : t.sizes)
            if (__builtin_mul_overflow(numel, static_cast<uint64_t>(s), &numel)) refuse("tensor size overflows");
        if (numel == 0) return;
        uint64_t last = t.storage_offset;  // index of the last element read
        for (std::size_t i = 0; i < t.sizes.size(); ++i) {
            uint64_t step;
            if (__builtin_mul_overflow(static_cast<uint64_t>(t.sizes[i] - 1), static_cast<uint64_t>(t.strides[i]), &step) ||
                __builtin_add_overflow(last, step, &last))
                refuse("tensor extent overflows");
        }
        if (last >= it->second.numel) refuse("a tensor reads beyond the end of its storage");
    }
};

void flatten(const VP& dict, const std::string& prefix, PickleStateDict& out, int depth, std::set<std::string>& names) {
    if (depth > 8) refuse("state dict nested too deeply");
    for (const auto& [k, v] : dict->dict) {
        const std::string key = k->k == K::Str ? k->s : std::to_string(k->i);
        const std::string name = prefix.empty() ? key : prefix + "." + key;
        if (v->k == K::Tensor) {
            if (!names.insert(name).second) refuse("the tensor name '" + shown(name) + "' appears twice");
            PickleTensor t = v->tensor;
            t.name = name;
            out.tensors.push_back(std::move(t));
        } else if (v->k == K::Dict) {
            flatten(v, name, out, depth + 1, names);
        } else {
            out.skipped.push_back(name);
        }
    }
}

} // namespace

uint64_t PickleTensor::numel() const {
    uint64_t n = 1;
    for (int64_t s : sizes) n *= static_cast<uint64_t>(s);
    return n;
}

int pickle_storage_element_size(std::string_view type) {
    for (const auto& r : kStorageTypes)
        if (type == r.name) return r.size;
    return 0;
}

PickleStateDict parse_state_dict_pickle(const uint8_t* data, std::size_t len) {
    Machine m(data, len);
    VP root = m.run();
    if (root->k != K::Dict) refuse("the pickle does not hold a dict of tensors");
    PickleStateDict out;
    out.storages = std::move(m.storages);
    VP chosen = root;
    for (const auto& [k, v] : root->dict) {
        if (k->k == K::Str && k->s == "state_dict" && v->k == K::Dict) {
            chosen = v;
            out.root_key = "state_dict";
        }
    }
    if (chosen != root)
        for (const auto& [k, v] : root->dict)
            if (!(k->k == K::Str && k->s == "state_dict")) out.skipped.push_back(k->k == K::Str ? k->s : std::to_string(k->i));
    std::set<std::string> names;
    flatten(chosen, "", out, 0, names);
    return out;
}

} // namespace latent
