/*
 * The wall clock at boot, from the CMOS RTC (MC146818, ports 0x70/0x71):
 * read once, between two of its updates, to the second; its time, minus
 * the system time of the reading, is the wall clock at system time 0
 * (common/time.c).  Not waiting for a seconds edge keeps boots fast; the
 * clock is then up to a second early, which the ABI tolerates (Xen's is
 * a best effort too).  The RTC is taken to hold UTC, as QEMU's does.
 */
#include <xen/lib.h>
#include <xen/time.h>
#include <asm/processor.h>
#include <asm/time.h>

#define RTC_SEC      0x00
#define RTC_MIN      0x02
#define RTC_HOUR     0x04
#define RTC_DAY      0x07
#define RTC_MONTH    0x08
#define RTC_YEAR     0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY  0x32   /* ACPI's FADT default; QEMU fills it */
#define STATUS_A_UIP 0x80   /* an update is in progress */
#define STATUS_B_24H 0x02
#define STATUS_B_BIN 0x04   /* binary, not BCD */
#define HOUR_PM      0x80   /* in 12-hour mode */

struct rtc_time {
    unsigned int sec, min, hour, day, mon, year, century;
};

static unsigned int cmos_read(unsigned int reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

/* One reading outside an update; false if the RTC never settles. */
static bool rtc_read_raw(struct rtc_time *t)
{
    unsigned long i;

    for ( i = 0; cmos_read(RTC_STATUS_A) & STATUS_A_UIP; i++ )
        if ( i > 10000000 )
            return false;
    t->sec = cmos_read(RTC_SEC);
    t->min = cmos_read(RTC_MIN);
    t->hour = cmos_read(RTC_HOUR);
    t->day = cmos_read(RTC_DAY);
    t->mon = cmos_read(RTC_MONTH);
    t->year = cmos_read(RTC_YEAR);
    t->century = cmos_read(RTC_CENTURY);
    return true;
}

/* Two equal readings in a row: no update slipped in between. */
static bool rtc_read(struct rtc_time *t)
{
    struct rtc_time again;
    unsigned int tries;

    for ( tries = 0; tries < 5; tries++ )
        if ( rtc_read_raw(t) && rtc_read_raw(&again) &&
             !memcmp(t, &again, sizeof(again)) )
            return true;
    return false;
}

static unsigned int from_bcd(unsigned int v)
{
    return (v & 0x0f) + (v >> 4) * 10;
}

static void rtc_normalise(struct rtc_time *t)
{
    unsigned int b = cmos_read(RTC_STATUS_B);
    bool pm = !(b & STATUS_B_24H) && (t->hour & HOUR_PM);

    t->hour &= ~HOUR_PM;
    if ( !(b & STATUS_B_BIN) )
    {
        t->sec = from_bcd(t->sec);
        t->min = from_bcd(t->min);
        t->hour = from_bcd(t->hour);
        t->day = from_bcd(t->day);
        t->mon = from_bcd(t->mon);
        t->year = from_bcd(t->year);
        t->century = from_bcd(t->century);
    }
    if ( !(b & STATUS_B_24H) )
        t->hour = t->hour % 12 + (pm ? 12 : 0);
    /* A century register that makes no sense: years 1970-2069. */
    if ( t->century < 19 || t->century > 21 )
        t->century = t->year < 70 ? 20 : 19;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, m 1-12). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;                        /* years start in March here */
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool rtc_valid(const struct rtc_time *t)
{
    return t->sec < 60 && t->min < 60 && t->hour < 24 && t->day >= 1 &&
           t->day <= 31 && t->mon >= 1 && t->mon <= 12 && t->year < 100;
}

void rtc_init_wallclock(void)
{
    struct rtc_time t;
    uint64_t secs, now;

    if ( !rtc_read(&t) )
    {
        printk("RTC: no stable reading: the wall clock stays at 0\n");
        return;
    }
    now = NOW();
    rtc_normalise(&t);
    if ( !rtc_valid(&t) )
    {
        printk("RTC: nonsense time: the wall clock stays at 0\n");
        return;
    }
    secs = days_from_civil(t.century * 100 + t.year, t.mon, t.day) * 86400 +
           t.hour * 3600 + t.min * 60 + t.sec;
    /* The wall clock at system time 0: the reading minus NOW(). */
    if ( now % 1000000000 )
        wallclock_set_boot(secs - now / 1000000000 - 1,
                           1000000000 - now % 1000000000);
    else
        wallclock_set_boot(secs - now / 1000000000, 0);
    printk("RTC: %04u-%02u-%02u %02u:%02u:%02u UTC\n", t.century * 100 + t.year,
           t.mon, t.day, t.hour, t.min, t.sec);
}
