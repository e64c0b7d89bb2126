using System.Text;

namespace CollectorLb.DevServices.Connector;

/// <summary>Rules for the <c>filename</c> of <c>POST /convert</c>: any name a Linux file can have in one folder.</summary>
internal static class ConvertFileName
{
    /// <summary>Linux NAME_MAX, in bytes.</summary>
    public const int MaxBytes = 255;

    /// <summary>Returns why <paramref name="name"/> cannot be stored, or null when it can.</summary>
    public static string? Validate(string? name)
    {
        if (name is null)
        {
            return "missing 'filename' query parameter";
        }

        if (name.Length == 0)
        {
            return "empty filename";
        }

        if (name is "." or "..")
        {
            return "invalid filename '" + name + "'";
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            return "filename must not contain '/'";
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "filename must not contain NUL";
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            return "filename longer than 255 bytes";
        }

        return null;
    }
}
