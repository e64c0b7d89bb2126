using System.Text;
using CollectorLb.Abstractions.Files;

namespace CollectorLb.Grains.Spool;

/// <summary>Whether a name fits a directory entry: Linux's NAME_MAX, <see cref="FileKey.MaxPartBytes"/> bytes of UTF-8.</summary>
internal static class FileNameLimit
{
    public static bool Fits(string name) => Encoding.UTF8.GetByteCount(name) <= FileKey.MaxPartBytes;
}
