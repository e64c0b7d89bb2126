using System.Text;
using System.Text.Unicode;

namespace CollectorLb.Grains.Interop;

/// <summary>
/// Lists a directory with <c>getdents64(2)</c>, names as the bytes they are. .NET's listings decode every name as
/// UTF-8 with replacement characters, so an entry whose name is not UTF-8 comes back under a name that does not
/// exist: it could be neither claimed nor reported.
/// </summary>
public static class UnixDirectory
{
    private const int BufferBytes = 64 * 1024;

    /// <summary>Every entry but <c>.</c> and <c>..</c>; throws an <see cref="IOException"/> (HResult = errno) when the directory cannot be read.</summary>
    public static List<DirectoryEntry> List(string directory)
    {
        var fd = Open(directory, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.CloseOnExec);
        if (fd < 0)
        {
            throw UnixErrors.LastError($"cannot open the directory '{directory}'");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var entries = new List<DirectoryEntry>();
        var buffer = new byte[BufferBytes];
        while (true)
        {
            var read = GetDents64(fd, ref MemoryMarshal.GetArrayDataReference(buffer), (nuint)buffer.Length);
            if (read < 0)
            {
                throw UnixErrors.LastError($"cannot list the directory '{directory}'");
            }

            if (read == 0)
            {
                return entries;
            }

            Parse(buffer.AsSpan(0, (int)read), entries);
        }
    }

    /// <summary>A printable form of a name that is not valid UTF-8: each byte of an invalid sequence as <c>\xNN</c>.</summary>
    public static string Printable(ReadOnlySpan<byte> name)
    {
        var text = new StringBuilder(name.Length + 8);
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                for (var i = 0; i < consumed; i++)
                {
                    text.Append($"\\x{name[i]:X2}");
                }
            }

            name = name[consumed..];
        }

        return text.ToString();
    }

    // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }: one layout everywhere.
    private static void Parse(ReadOnlySpan<byte> records, List<DirectoryEntry> entries)
    {
        while (records.Length >= 20)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(records[16..]);
            var type = records[18];
            var name = records[19..length];
            var end = name.IndexOf((byte)0);
            name = end >= 0 ? name[..end] : name;
            records = records[length..];
            if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            {
                continue;
            }

            var kind = type switch
            {
                0 => (UnixFileKind?)null, // DT_UNKNOWN
                4 => UnixFileKind.Directory,
                8 => UnixFileKind.Regular,
                10 => UnixFileKind.SymbolicLink,
                _ => UnixFileKind.Other,
            };
            entries.Add(Utf8.IsValid(name)
                ? new DirectoryEntry(Encoding.UTF8.GetString(name), true, kind)
                : new DirectoryEntry(Printable(name), false, kind));
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static extern nint GetDents64(int fd, ref byte buffer, nuint count);
}
