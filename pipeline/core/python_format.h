// Python's text forms of numbers, as A1111 prints them into infotexts.
#pragma once

#include <string>

namespace latent {

// repr(float): shortest round-trip digits; "7.0", "0.75", "1e-05", "1e+16", "inf", "nan".
std::string python_float_repr(double value);

} // namespace latent
