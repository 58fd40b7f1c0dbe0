/*
 * Boot options of the hypervisor's own command line, Xen style.
 *
 * A file declares an option next to the variable it sets:
 *
 *     static bool opt_foo;
 *     boolean_param("foo", opt_foo);
 *
 * Each macro places a struct kernel_param in the linker section
 * "xen_params".  cmdline_parse() walks that section between the symbols
 * __start_xen_params and __stop_xen_params.  GNU ld defines those for a
 * section whose name is a C identifier when an OUTPUT section of that
 * name exists; a linker script that folds it into another output section
 * must define them itself:
 *     __start_xen_params = .; KEEP(*(xen_params)) __stop_xen_params = .;
 *
 * Accepted forms on the command line (space separated; a value may be
 * wrapped in double quotes to hold spaces; '-' and '_' in names match
 * each other; a "--" word ends the hypervisor's part of the line):
 *     name            boolean: true.  string: "".  custom: called with "".
 *     name=value      bools take 0/1 yes/no true/false on/off enable/disable
 *     no-name, noname boolean: false
 * An unknown option is logged and ignored; so is a bad value (the variable
 * keeps its previous value).  Parsing never fails.
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/types.h>

enum param_type {
    PARAM_BOOL,     /* bool */
    PARAM_UINT,     /* unsigned int, decimal, 0x hex or 0 octal */
    PARAM_SIZE,     /* unsigned long bytes; suffix B K M G T, default K */
    PARAM_STRING,   /* char array, truncated (with a warning) if too long */
    PARAM_CUSTOM,   /* int fn(const char *value): 0 or -errno */
};

struct kernel_param {
    const char *name;
    uint32_t type;              /* enum param_type */
    uint32_t len;               /* PARAM_STRING: size of the array */
    union {
        bool *b;
        unsigned int *u;
        unsigned long *size;
        char *str;
        int (*fn)(const char *value);
    } var;
};

#define __xen_param(id, n, t, field, ptr, l)                              \
    static const struct kernel_param __xen_param_##id                     \
    __attribute__((used, section("xen_params"), aligned(8))) =            \
        { .name = (n), .type = (t), .len = (l), .var.field = (ptr) }

#define boolean_param(n, v)  __xen_param(v, n, PARAM_BOOL, b, &(v), 0)
#define integer_param(n, v)  __xen_param(v, n, PARAM_UINT, u, &(v), 0)
#define size_param(n, v)     __xen_param(v, n, PARAM_SIZE, size, &(v), 0)
#define custom_param(n, f)   __xen_param(f, n, PARAM_CUSTOM, fn, (f), 0)
#define string_param(n, v)                                                \
    _Static_assert(!__builtin_types_compatible_p(typeof(v),               \
                                                 typeof(&(v)[0])),        \
                   "string_param needs a char array");                    \
    __xen_param(v, n, PARAM_STRING, str, (v), sizeof(v))

/* Parse the hypervisor command line (NULL is allowed and does nothing). */
void cmdline_parse(const char *cmdline);

/*
 * Value parsers shared by the command line and domain configuration
 * (common/lib/parse.c).  Each takes a whole NUL-terminated value: trailing
 * characters make it invalid.  All return 0 or -EINVAL (-ERANGE when the
 * number does not fit).
 */
/* 1 for 1/yes/true/on/enable, 0 for 0/no/false/off/disable, else -EINVAL. */
int parse_bool(const char *s);
/* Unsigned number in base (0: 0x hex, leading-0 octal, else decimal). */
int parse_ulong(const char *s, unsigned int base, unsigned long max,
                unsigned long *out);
/* Number with an optional unit B K M G T (any case, binary multiples);
 * without one, the value is in units of 2^default_shift bytes. */
int parse_size(const char *s, unsigned int default_shift, uint64_t *bytes);

#endif /* XEN_PARAM_H */
