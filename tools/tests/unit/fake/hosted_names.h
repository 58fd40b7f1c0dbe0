/*
 * Forced (-include) into every hypervisor source built for the host:
 * the hypervisor's own string and formatting routines get an xen_ prefix
 * so they link next to the C library's without clashing, and the code
 * under test calls ours.  xen_names.h declares them for the tests.
 */
#define memcpy          xen_memcpy
#define memmove         xen_memmove
#define memset          xen_memset
#define memcmp          xen_memcmp
#define strlen          xen_strlen
#define strnlen         xen_strnlen
#define strcmp          xen_strcmp
#define strncmp         xen_strncmp
#define strchr          xen_strchr
#define strlcpy         xen_strlcpy
#define simple_strtoul  xen_simple_strtoul
#define vsnprintf       xen_vsnprintf
#define snprintf        xen_snprintf
