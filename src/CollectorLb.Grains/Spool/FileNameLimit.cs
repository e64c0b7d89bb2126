using System.Text;

namespace CollectorLb.Grains.Spool;

/// <summary>Linux's NAME_MAX: a directory entry holds a name of at most 255 bytes (UTF-8 here).</summary>
internal static class FileNameLimit
{
    public const int MaxBytes = 255;

    public static bool Fits(string name) => Encoding.UTF8.GetByteCount(name) <= MaxBytes;
}
