#ifndef DERIVCHECK_CGMP_SHIM_H
#define DERIVCHECK_CGMP_SHIM_H

// One module for both libraries: mpfr.h includes gmp.h, and importing them as two modules
// would import gmp.h's types twice.
#include <gmp.h>
#include <mpfr.h>

// The 128-bit kernels (Float128Kernel, FixedPointExp) read and write a 128-bit significand as two
// 64-bit limbs; a GMP built with other limbs would make their enclosures unsound, so it cannot build.
_Static_assert(GMP_NUMB_BITS == 64, "derivcheck's 128-bit kernels need GMP with 64-bit limbs");

// GMP and MPFR define these as macros, which Swift cannot call; the shims make them functions.

static inline int cgmp_mpz_sgn(const mpz_t z) { return mpz_sgn(z); }
static inline int cgmp_mpq_sgn(const mpq_t q) { return mpq_sgn(q); }
static inline mpz_ptr cgmp_mpq_numref(mpq_ptr q) { return mpq_numref(q); }
static inline mpz_ptr cgmp_mpq_denref(mpq_ptr q) { return mpq_denref(q); }
static inline mpz_srcptr cgmp_mpq_numref_const(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr cgmp_mpq_denref_const(mpq_srcptr q) { return mpq_denref(q); }

static inline int cgmp_mpfr_sgn(mpfr_srcptr x) { return mpfr_sgn(x); }
static inline mpfr_exp_t cgmp_mpfr_get_exp(mpfr_srcptr x) { return mpfr_get_exp(x); }
static inline int cgmp_mpfr_is_zero(mpfr_srcptr x) { return mpfr_zero_p(x); }
/// Finite (zero or regular), read from the exponent field: no call into MPFR.
static inline int cgmp_mpfr_is_number(mpfr_srcptr x) { return mpfr_regular_p(x) || mpfr_zero_p(x); }
static inline mpfr_prec_t cgmp_mpfr_get_prec(mpfr_srcptr x) { return mpfr_get_prec(x); }
/// The most significant limb of a regular (nonzero, finite) number's significand.
static inline mp_limb_t cgmp_mpfr_top_limb(mpfr_srcptr x) {
    return x->_mpfr_d[(x->_mpfr_prec - 1) / GMP_NUMB_BITS];
}
/// Limb `index` of a regular number's significand (0 is the least significant).
static inline mp_limb_t cgmp_mpfr_limb(mpfr_srcptr x, long index) {
    return x->_mpfr_d[index];
}
/// The number of limbs of a number's significand.
static inline long cgmp_mpfr_limb_count(mpfr_srcptr x) {
    return (x->_mpfr_prec - 1) / GMP_NUMB_BITS + 1;
}
/// Whether x is a regular number (not zero, infinite or NaN).
static inline int cgmp_mpfr_is_regular(mpfr_srcptr x) { return mpfr_regular_p(x); }
/// Writes a regular 128-bit-precision number directly: sign, exponent and its two limbs (the
/// high limb's top bit set). For the kernels that compute 128-bit results in Swift; x must have
/// exactly 128 bits of precision and e must lie within the current exponent range.
static inline void cgmp_mpfr_set_raw128(mpfr_ptr x, int negative, mpfr_exp_t e, mp_limb_t high, mp_limb_t low) {
    x->_mpfr_sign = negative ? -1 : 1;
    x->_mpfr_exp = e;
    x->_mpfr_d[1] = high;
    x->_mpfr_d[0] = low;
}

#endif
