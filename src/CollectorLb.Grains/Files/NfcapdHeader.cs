namespace CollectorLb.Grains.Files;

/// <summary>
/// A cheap look at an nfcapd file's header before it is sent: magic <c>0xA50C</c>, layout version 1 or 2, and for
/// version 2 compression 0-4, no encryption and <c>40 &lt;= offAppendix &lt;= size</c> (nfcapd writes 0 there until
/// it closes the file, so a torn or unfinished file fails it; an interval without flows has its appendix right
/// after the 40-byte header). A file that fails is quarantined, never sent.
/// </summary>
public static class NfcapdHeader
{
    public const int HeaderBytes = 40;
    private const ushort Magic = 0xA50C;
    private const int LayoutV1HeaderBytes = 140;

    /// <summary>Null when the file looks like a complete nfcapd file; otherwise what is wrong with it.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> header, long size)
    {
        if (size == 0)
        {
            return "empty file (0 bytes)";
        }

        if (header.Length < 4)
        {
            return $"too short for an nfcapd file ({size} bytes)";
        }

        var magic = BinaryPrimitives.ReadUInt16LittleEndian(header);
        if (magic != Magic)
        {
            return $"not an nfcapd file: magic 0x{magic:X4}, expected 0xA50C";
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
        return version switch
        {
            1 => size < LayoutV1HeaderBytes ? $"torn nfdump 1.6 file: {size} bytes, shorter than its {LayoutV1HeaderBytes}-byte header" : null,
            2 => FindLayoutV2Problem(header, size),
            _ => $"unknown nfcapd layout version {version} (1 and 2 are known)",
        };
    }

    /// <summary>
    /// Reads the header from the start of <paramref name="file"/> and checks it. Throws the stream's
    /// <see cref="IOException"/> when it cannot be read: whether that is worth another try (EMFILE, EIO) is the
    /// caller's call, not a verdict on the file's bytes.
    /// </summary>
    public static string? FindProblem(Stream file)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        var read = file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        return FindProblem(header[..read], file.Length);
    }

    private static string? FindLayoutV2Problem(ReadOnlySpan<byte> header, long size)
    {
        if (header.Length < HeaderBytes)
        {
            return $"torn file: {size} bytes, shorter than the {HeaderBytes}-byte header";
        }

        var compression = header[16];
        if (compression > 4)
        {
            return $"unknown compression {compression} (0-4 are known)";
        }

        if (header[17] != 0)
        {
            return $"encrypted file (encryption {header[17]}) cannot be converted";
        }

        var appendixOffset = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        return appendixOffset >= HeaderBytes && appendixOffset <= size
            ? null
            : $"torn or unfinished file: appendix offset {appendixOffset} outside {HeaderBytes}..{size}";
    }
}
