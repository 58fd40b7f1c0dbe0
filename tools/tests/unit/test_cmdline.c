/* Hosted tests of common/cmdline.c and the value parsers. */
#include <string.h>

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

#include "unit.h"

static bool opt_flag, opt_on = true, opt_noreboot, opt_under_score;
static unsigned int opt_num = 7;
static unsigned long opt_size;
static char opt_console[8] = "vga";
static char opt_label[32];
static char custom_seen[64];
static unsigned int custom_calls;

static int parse_custom(const char *val)
{
    custom_calls++;
    strncpy(custom_seen, val, sizeof(custom_seen) - 1);
    return strcmp(val, "bad") ? 0 : -EINVAL;
}

boolean_param("flag", opt_flag);
boolean_param("on", opt_on);
boolean_param("noreboot", opt_noreboot);
boolean_param("under_score", opt_under_score);
integer_param("num", opt_num);
size_param("size", opt_size);
string_param("console", opt_console);
string_param("label", opt_label);
custom_param("custom", parse_custom);

static void reset(void)
{
    opt_flag = false;
    opt_on = true;
    opt_noreboot = opt_under_score = false;
    opt_num = 7;
    opt_size = 0;
    strcpy(opt_console, "vga");
    opt_label[0] = '\0';
    custom_seen[0] = '\0';
    custom_calls = 0;
    unit_log_clear();
}

static void test_bools(void)
{
    static const struct { const char *line; bool flag, on; } t[] = {
        { "flag", true, true },         { "flag=0", false, true },
        { "flag=yes", true, true },     { "flag=true on=false", true, false },
        { "no-on", false, false },      { "noon", false, false },
        { "on=off flag=on", true, false },
        { "flag=enable on=disable", true, false },
        { "flag=no on=1", false, true },
        { "flag=maybe", false, true },  { "no-on=1", false, true },
        { "flag=1 no-flag", false, true },
        { "  flag\ton=0  ", true, false },
    };
    char name[40];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(t); i++ )
    {
        reset();
        cmdline_parse(t[i].line);
        snprintf(name, sizeof(name), "cmdline-bool-%u", i);
        unit_result(opt_flag == t[i].flag && opt_on == t[i].on, name,
                    "\"%s\": flag=%d on=%d", t[i].line, opt_flag, opt_on);
    }

    reset();
    cmdline_parse("flag=maybe");
    CHECK("cmdline-bool-bad-logged", unit_log_count("bad value") == 1);
    reset();
    cmdline_parse("noreboot");
    CHECK("cmdline-bool-named-no", opt_noreboot);
    reset();
    cmdline_parse("under-score no_on");
    CHECK("cmdline-dash-underscore", opt_under_score && !opt_on);
}

static void test_numbers(void)
{
    reset();
    cmdline_parse("num=42");
    CHECK_EQ("cmdline-int-dec", opt_num, 42);
    cmdline_parse("num=0x10");
    CHECK_EQ("cmdline-int-hex", opt_num, 16);
    cmdline_parse("num=4294967295");
    CHECK_EQ("cmdline-int-max", opt_num, 4294967295u);
    cmdline_parse("num=4294967296");
    CHECK_EQ("cmdline-int-overflow-kept", opt_num, 4294967295u);
    cmdline_parse("num=12x");
    CHECK_EQ("cmdline-int-trailing-kept", opt_num, 4294967295u);
    cmdline_parse("num=-1 num= num");
    CHECK("cmdline-int-bad-logged", unit_log_count("bad value") == 5 &&
          opt_num == 4294967295u);

    cmdline_parse("size=4");
    CHECK_EQ("cmdline-size-default-kib", opt_size, 4096);
    cmdline_parse("size=2M");
    CHECK_EQ("cmdline-size-m", opt_size, 2ul << 20);
    cmdline_parse("size=3g");
    CHECK_EQ("cmdline-size-g", opt_size, 3ul << 30);
    cmdline_parse("size=100b");
    CHECK_EQ("cmdline-size-b", opt_size, 100);
    cmdline_parse("size=1Q size=1MM size=99999999999T");
    CHECK_EQ("cmdline-size-bad-kept", opt_size, 100);
}

static void test_strings(void)
{
    reset();
    cmdline_parse("console=com1");
    CHECK("cmdline-string", !strcmp(opt_console, "com1"));
    cmdline_parse("console=com1,vga,dbgp");
    CHECK("cmdline-string-truncated", !strcmp(opt_console, "com1,vg") &&
          unit_log_count("truncated") == 1);
    cmdline_parse("label=\"a b  c\" flag");
    CHECK("cmdline-string-quoted", !strcmp(opt_label, "a b  c") && opt_flag);
    cmdline_parse("console");
    CHECK("cmdline-string-empty", !strcmp(opt_console, ""));
    cmdline_parse("label=x=y");
    CHECK("cmdline-string-equals-in-value", !strcmp(opt_label, "x=y"));
}

static void test_custom_unknown(void)
{
    char longopt[600];

    reset();
    cmdline_parse("custom=hello");
    CHECK("cmdline-custom", custom_calls == 1 &&
          !strcmp(custom_seen, "hello"));
    cmdline_parse("custom");
    CHECK("cmdline-custom-novalue", custom_calls == 2 && !custom_seen[0]);
    cmdline_parse("custom=bad");
    CHECK("cmdline-custom-error-logged", unit_log_count("bad value") == 1);

    reset();
    cmdline_parse("frob=1 flag wibble no-num");
    CHECK("cmdline-unknown-logged", unit_log_count("unknown boot option") == 3
          && opt_flag && opt_num == 7);
    CHECK("cmdline-unknown-names", unit_log_count("'frob'") == 1 &&
          unit_log_count("'wibble'") == 1 && unit_log_count("'no-num'") == 1);

    reset();
    memset(longopt, 'a', sizeof(longopt) - 1);
    longopt[sizeof(longopt) - 1] = '\0';
    memcpy(longopt + 550, " flag", 6);        /* with the NUL */
    cmdline_parse(longopt);
    CHECK("cmdline-too-long-skipped", opt_flag &&
          unit_log_count("too long") == 1);

    reset();
    cmdline_parse("flag -- on=0");
    CHECK("cmdline-double-dash-stops", opt_flag && opt_on);
    cmdline_parse(NULL);
    cmdline_parse("");
    cmdline_parse("\"unterminated flag");
    CHECK("cmdline-odd-input-survives", unit_log_count("unknown") == 1);
}

static void test_parsers(void)
{
    unsigned long v = 0;
    uint64_t b = 0;

    CHECK_EQ("parse-bool-yes", parse_bool("on"), 1);
    CHECK_EQ("parse-bool-no", parse_bool("disable"), 0);
    CHECK_EQ("parse-bool-bad", parse_bool("On"), -EINVAL);
    CHECK_EQ("parse-bool-empty", parse_bool(""), -EINVAL);
    CHECK("parse-ulong-ok", parse_ulong("077", 0, 100, &v) == 0 && v == 63);
    CHECK_EQ("parse-ulong-range", parse_ulong("101", 10, 100, &v), -ERANGE);
    CHECK_EQ("parse-ulong-sat", parse_ulong("99999999999999999999", 10,
                                            ~0UL, &v), -ERANGE);
    CHECK_EQ("parse-ulong-empty", parse_ulong("", 10, 5, &v), -EINVAL);
    CHECK_EQ("parse-ulong-0x", parse_ulong("0x", 0, 5, &v), -EINVAL);
    CHECK("parse-size-t", parse_size("1T", 0, &b) == 0 && b == 1ULL << 40);
    CHECK_EQ("parse-size-ovf", parse_size("16777216T", 0, &b), -ERANGE);
    CHECK_EQ("parse-size-suffix2", parse_size("1KB", 0, &b), -EINVAL);
}

int main(void)
{
    test_bools();
    test_numbers();
    test_strings();
    test_custom_unknown();
    test_parsers();
    return unit_done();
}
