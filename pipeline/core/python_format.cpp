#include "pipeline/core/python_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace latent {

std::string python_float_repr(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    const bool negative = std::signbit(value);
    const double mag = std::fabs(value);
    if (mag == 0.0) return negative ? "-0.0" : "0.0";

    // Shortest round-trip digits, as Python's repr() uses.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, mag, std::chars_format::scientific);
    const std::string sci(buf, res.ptr); // d[.ddd]e±XX
    const size_t epos = sci.find('e');
    std::string digits;
    for (size_t i = 0; i < epos; ++i)
        if (sci[i] != '.') digits += sci[i];
    const int exponent = std::atoi(sci.c_str() + epos + 1);
    const int decpt = exponent + 1; // value = 0.DIGITS x 10^decpt
    const int ndigits = static_cast<int>(digits.size());

    std::string out;
    if (decpt <= -4 || decpt > 16) {
        out = digits.substr(0, 1);
        if (ndigits > 1) {
            out.push_back('.');
            out.append(digits, 1, std::string::npos);
        }
        const int e = decpt - 1;
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", e < 0 ? '-' : '+', std::abs(e));
        out += ebuf;
    } else if (decpt <= 0) {
        out = "0.";
        for (int k = decpt; k < 0; ++k) out.push_back('0');
        out += digits;
    } else if (decpt >= ndigits) {
        out = digits;
        for (int k = ndigits; k < decpt; ++k) out.push_back('0');
        out += ".0";
    } else {
        out = digits.substr(0, static_cast<size_t>(decpt)) + "." + digits.substr(static_cast<size_t>(decpt));
    }
    if (negative) out.insert(out.begin(), '-');
    return out;
}

} // namespace latent
