#pragma once
// A fuzz-time assertion that survives NDEBUG: a failed round trip is a crash.
#define FUZZ_CHECK(cond)      \
    do {                      \
        if (!(cond)) {        \
            __builtin_trap(); \
        }                     \
    } while (false)
