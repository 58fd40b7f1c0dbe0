"""The Intel machine of scripts/qemu-boot (--vendor intel): Bochs, whose
CPU emulates VMX with EPT, VPID and unrestricted guest (QEMU's TCG has no
VMX).  Full description: docs/qemu-boot.md, "Intel VMX under Bochs".

Bochs boots the GRUB ISO qemu-boot builds, writes COM1 to a file that
is followed here (or, for console input, to a pseudo-terminal read and
typed on here), and never ends by itself once the hypervisor halts:
the caller's on_line() sees the hypervisor's last word and the run ends
by killing Bochs.  Bochs ending by itself (a bad bochsrc, a triple
fault: reset_on_triple_fault=0 makes it a Bochs panic) is reported with
the message Bochs ended with.
"""
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import time
import tty

PACKAGES = 'bochs bochs-term bochsbios vgabios'
BIOS = '/usr/share/bochs/BIOS-bochs-latest'
VGABIOS = '/usr/share/vgabios/vgabios.bin'
DEFAULT_CPU = 'corei7_skylake_x'
# Guest instructions per second of virtual time: about what Bochs runs
# here, so the hypervisor's timers keep their wall-clock pace.
IPS = 100_000_000
POLL = 0.05                     # seconds between looks at the serial file
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>c]|\r')

# Why each line is there (facts measured with Bochs 2.7 on Debian 12):
# "term" is the one display that needs no X and opens no port (rfb
# listens on 0.0.0.0:5900); it needs a terminal, which run() gives it.
# Without dummy sound drivers Bochs aborts; with the VGA's VBE extension
# GRUB's multiboot2 hand-off triple-faults; clock sync=none makes runs
# deterministic (time is instructions / ips); panic action=fatal makes a
# Bochs panic end Bochs instead of asking on the terminal.
BOCHSRC = """\
megs: {megs}
cpu: model={cpu}, ips={ips}, reset_on_triple_fault=0
romimage: file={bios}
vgaromimage: file={vgabios}
vga: extension=none
ata0-master: type=cdrom, path={iso}, status=inserted
boot: cdrom
com1: enabled=1, mode={serial_mode}, dev={serial}
display_library: term
sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
clock: sync=none, time0=local
mouse: enabled=0
log: {log}
panic: action=fatal
error: action=report
info: action=report
debug: action=ignore
"""


def setup_error(bochs):
    """Why Bochs cannot run here, or None."""
    if not shutil.which(bochs):
        return f"{bochs} not found (apt-get install {PACKAGES})"
    for path in (BIOS, VGABIOS):
        if not os.path.isfile(path):
            return f"no {path} (apt-get install bochsbios vgabios)"
    return None


def bad_path(path):
    """Bochs's config parser splits at commas and spaces."""
    return re.search(r'[\s,"]', path)


def write_bochsrc(workdir, iso, megs, cpu, serial_tty=None):
    """bochsrc and rc (the debugger's one command, "c": run) in workdir;
    returns (bochsrc, rc, serial file, log file).  COM1 is a file, or
    with serial_tty the terminal of that name (both ways: console
    input)."""
    serial = serial_tty or os.path.join(workdir, 'com1.txt')
    log = os.path.join(workdir, 'bochs.log')
    rc = os.path.join(workdir, 'rc')
    bochsrc = os.path.join(workdir, 'bochsrc')
    with open(bochsrc, 'w') as f:
        f.write(BOCHSRC.format(megs=megs, cpu=cpu, ips=IPS, bios=BIOS,
                               vgabios=VGABIOS, iso=iso, serial=serial,
                               serial_mode='term' if serial_tty else 'file',
                               log=log))
    with open(rc, 'w') as f:
        f.write('c\n')
    return bochsrc, rc, serial, log


class SerialFile:
    """The lines Bochs has written to the COM1 file so far."""

    def __init__(self, path):
        self.path, self.pos, self.partial = path, 0, b''

    def new_lines(self):
        try:
            with open(self.path, 'rb') as f:
                f.seek(self.pos)
                chunk = f.read()
        except FileNotFoundError:
            return []
        self.pos += len(chunk)
        *done, self.partial = (self.partial + chunk).split(b'\n')
        return [ANSI.sub('', raw.decode('utf-8', 'replace')) for raw in done]

    def rest(self):
        text = ANSI.sub('', self.partial.decode('utf-8', 'replace'))
        self.partial = b''
        return [text] if text.strip() else []


class SerialTty:
    """The lines Bochs has written to COM1 as a terminal (the master side
    of a pseudo-terminal whose slave Bochs opened), and a way to type."""

    def __init__(self, master):
        self.master, self.partial = master, b''

    def new_lines(self):
        chunk = b''
        while select.select([self.master], [], [], 0)[0]:
            try:
                data = os.read(self.master, 65536)
            except OSError:               # EIO: nobody has the slave open
                break
            if not data:
                break
            chunk += data
        *done, self.partial = (self.partial + chunk).split(b'\n')
        return [ANSI.sub('', raw.decode('utf-8', 'replace')) for raw in done]

    def rest(self):
        text = ANSI.sub('', self.partial.decode('utf-8', 'replace'))
        self.partial = b''
        return [text] if text.strip() else []

    def type(self, text):
        os.write(self.master, text.encode())


def exit_message(terminal):
    """What Bochs said it exits with, from its terminal output."""
    text = ANSI.sub('', terminal.decode('utf-8', 'replace'))
    m = re.search(r'Bochs is exiting with the following message:\s*\n\s*(.+)',
                  text)
    return re.sub(r'\s+', ' ', m.group(1)).strip() if m else None


def how_it_ended(status, terminal):
    if status < 0:
        return f"Bochs was killed by signal {-status}"
    why = exit_message(terminal)
    return f"Bochs exited with status {status}" + (f": {why}" if why else '')


def run(bochs, workdir, iso, megs, cpu, timeout, on_line, preexec_fn,
        console_input=None):
    """Boot iso under Bochs; pass each console line to on_line(), and end
    when it returns True, when Bochs ends, or after timeout seconds.
    console_input: (marker, text): COM1 is then a pseudo-terminal, and
    text is typed on it once a line contains marker.
    Returns (how, detail): ('word', None), ('timeout', None) or
    ('exited', why).  Bochs is killed however we leave."""
    ser_master = ser_slave = None
    if console_input:
        ser_master, ser_slave = pty.openpty()
        tty.setraw(ser_slave)             # no echo, no line editing
    bochsrc, rc, serial, _ = write_bochsrc(
        workdir, iso, megs, cpu,
        os.ttyname(ser_slave) if console_input else None)
    master, slave = pty.openpty()
    env = dict(os.environ, TERM='vt100')
    try:
        proc = subprocess.Popen([bochs, '-q', '-f', bochsrc, '-rc', rc],
                                stdin=slave, stdout=slave, stderr=slave,
                                env=env, cwd=workdir, start_new_session=True,
                                preexec_fn=preexec_fn)
    finally:
        os.close(slave)
    console = SerialTty(ser_master) if console_input else SerialFile(serial)
    marker, typed = console_input or ('', '')
    terminal, ttys = b'', [master]
    try:
        deadline = time.monotonic() + timeout
        while True:
            # Drain the terminal, or Bochs blocks writing its screen.
            if select.select(ttys, [], [], POLL)[0]:
                try:
                    terminal = (terminal + os.read(master, 65536))[-65536:]
                except OSError:           # EIO: Bochs closed it
                    ttys = []             # (select then just waits)
            ended = proc.poll() is not None
            for line in console.new_lines() + (console.rest() if ended else []):
                if on_line(line):
                    return 'word', None
                if marker and marker in line:
                    console.type(typed)
                    marker = ''
            if ended:
                return 'exited', how_it_ended(proc.returncode, terminal)
            if time.monotonic() >= deadline:
                return 'timeout', None
    finally:
        # A signal now waits until Bochs is reaped, then raises.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)
        for fd in (ser_master, ser_slave):
            if fd is not None:
                os.close(fd)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
