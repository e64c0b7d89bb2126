namespace CollectorLb.Grains.Interop;

/// <summary>
/// The Linux errno values this code tells apart (<c>errno-base.h</c>, <c>errno.h</c>), typed so that a switch or a log
/// names them; the <see cref="Exception.HResult"/> of the exceptions <see cref="UnixErrors"/> makes.
/// </summary>
public enum Errno
{
    Enoent = 2,
    Eintr = 4,
    Enxio = 6,
    Eagain = 11,
    Enomem = 12,
    Eexist = 17,
    Exdev = 18,
    Enotdir = 20,
    Eisdir = 21,
    Einval = 22,
    Enfile = 23,
    Emfile = 24,
    Enospc = 28,
    Enosys = 38,
    Eloop = 40,
    Enotsup = 95,
    Enobufs = 105,
    Edquot = 122,
}
