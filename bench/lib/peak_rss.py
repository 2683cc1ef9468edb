"""The bench's Python runners' peak RSS, read as memgate's probe reads it (python_probe.max_rss): Linux's VmHWM, else
ru_maxrss. ru_maxrss carries into a child what its parent's forked copy held before exec (bench/rss-inheritance.mjs):
the bench's own Node process, large by the time it spawns the Python scenarios, made them read 31-35 MiB of ru_maxrss
on both sides."""
import resource


def peak_rss() -> int:
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
