using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Unicode;
using CollectorLb.Grains.Interop;
using Microsoft.Win32.SafeHandles;

namespace CollectorLb.Silo.Interop;

/// <summary>
/// inotify on one directory, read by a dedicated thread that waits in <c>poll(2)</c> on the inotify descriptor and
/// on an eventfd that <see cref="Dispose"/> signals, so stopping never waits for the next file event. .NET's
/// FileSystemWatcher reports a file renamed in from another directory as created, which cannot be told from a file
/// still being written; inotify's IN_MOVED_TO can.
/// </summary>
internal sealed class InotifyWatch : IDisposable
{
    private const short PollIn = 1;
    private const int EventHeaderBytes = 16;

    private readonly SafeFileHandle _inotify;
    private readonly SafeFileHandle _stop;
    private readonly Action<InotifyEvent> _onEvent;
    private readonly Action<Exception> _onFailure;
    private readonly Thread _reader;
    private int _disposed;

    private InotifyWatch(SafeFileHandle inotify, SafeFileHandle stop, string directory, Action<InotifyEvent> onEvent, Action<Exception> onFailure)
    {
        _inotify = inotify;
        _stop = stop;
        _onEvent = onEvent;
        _onFailure = onFailure;
        _reader = new Thread(ReadEvents) { IsBackground = true, Name = $"inotify {Path.GetFileName(directory)}" };
        _reader.Start();
    }

    /// <summary>
    /// Watches <paramref name="directory"/> for <paramref name="mask"/> and calls <paramref name="onEvent"/> on the
    /// reader thread (keep it short); <paramref name="onFailure"/> once if reading stops on an error. Throws an
    /// <see cref="IOException"/> (HResult = errno) when the watch cannot be set up (EMFILE: too many inotify instances).
    /// </summary>
    public static InotifyWatch Start(string directory, InotifyEvents mask, Action<InotifyEvent> onEvent, Action<Exception> onFailure)
    {
        var inotify = Init(OpenFlags.NonBlock | OpenFlags.CloseOnExec) is var fd and >= 0
            ? new SafeFileHandle(fd, ownsHandle: true)
            : throw UnixErrors.LastError("inotify_init1 failed");
        try
        {
            if (AddWatch(fd, directory, mask | InotifyEvents.OnlyDirectory | InotifyEvents.ExcludeUnlinked) < 0)
            {
                throw UnixErrors.LastError($"cannot watch '{directory}'");
            }

            var stop = EventFd(0, OpenFlags.NonBlock | OpenFlags.CloseOnExec) is var stopFd and >= 0
                ? new SafeFileHandle(stopFd, ownsHandle: true)
                : throw UnixErrors.LastError("eventfd failed");
            return new InotifyWatch(inotify, stop, directory, onEvent, onFailure);
        }
        catch
        {
            inotify.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ulong one = 1;
        _ = Write((int)_stop.DangerousGetHandle(), ref one, sizeof(ulong));
        _reader.Join();
        _inotify.Dispose();
        _stop.Dispose();
    }

    private void ReadEvents()
    {
        var buffer = new byte[64 * 1024];
        var descriptors = new PollDescriptor[]
        {
            new((int)_inotify.DangerousGetHandle(), PollIn),
            new((int)_stop.DangerousGetHandle(), PollIn),
        };
        try
        {
            while (true)
            {
                descriptors[0].ReturnedEvents = 0;
                descriptors[1].ReturnedEvents = 0;
                if (Poll(descriptors, (nuint)descriptors.Length, -1) < 0)
                {
                    if (UnixErrors.Last() == Errno.Eintr)
                    {
                        continue;
                    }

                    throw UnixErrors.LastError("poll of the inotify descriptor failed");
                }

                if (descriptors[1].ReturnedEvents != 0)
                {
                    return; // Dispose
                }

                if (descriptors[0].ReturnedEvents != 0)
                {
                    Drain(buffer);
                }
            }
        }
        catch (Exception ex)
        {
            _onFailure(ex);
        }
    }

    private void Drain(byte[] buffer)
    {
        while (true)
        {
            var read = Read((int)_inotify.DangerousGetHandle(), ref MemoryMarshal.GetArrayDataReference(buffer), (nuint)buffer.Length);
            if (read < 0)
            {
                var errno = UnixErrors.Last();
                if (errno == Errno.Eagain)
                {
                    return;
                }

                if (errno != Errno.Eintr)
                {
                    throw UnixErrors.For(errno, "reading inotify events failed");
                }

                continue;
            }

            Dispatch(buffer.AsSpan(0, (int)read));
        }
    }

    // struct inotify_event { int wd; uint32_t mask; uint32_t cookie; uint32_t len; char name[len]; }, name NUL-padded.
    private void Dispatch(ReadOnlySpan<byte> events)
    {
        while (events.Length >= EventHeaderBytes)
        {
            var mask = (InotifyEvents)BinaryPrimitives.ReadUInt32LittleEndian(events[4..]);
            var nameLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(events[12..]);
            var name = events.Slice(EventHeaderBytes, nameLength);
            var end = name.IndexOf((byte)0);
            name = end >= 0 ? name[..end] : name;
            events = events[(EventHeaderBytes + nameLength)..];

            _onEvent(name.IsEmpty
                ? new InotifyEvent(mask, null, true)
                : Utf8.IsValid(name)
                    ? new InotifyEvent(mask, Encoding.UTF8.GetString(name), true)
                    : new InotifyEvent(mask, UnixDirectory.Printable(name), false));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor(int fd, short events)
    {
        public int Fd = fd;
        public short Events = events;
        public short ReturnedEvents;
    }

    [DllImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static extern int Init(int flags);

    [DllImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true)]
    private static extern int AddWatch(int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, InotifyEvents mask);

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static extern int EventFd(uint initialValue, int flags);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll([In, Out] PollDescriptor[] descriptors, nuint count, int timeoutMilliseconds);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, ref byte buffer, nuint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, ref ulong value, nuint count);
}
