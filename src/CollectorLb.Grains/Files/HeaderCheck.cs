using CollectorLb.Grains.Interop;
using CollectorLb.Grains.Spool;

namespace CollectorLb.Grains.Files;

/// <summary>What a look at a claimed file's header found, and so what its grain does with the file.</summary>
internal readonly record struct HeaderCheck(HeaderCheckResult Result, string? Problem = null)
{
    /// <summary>Reads the header through the spool (no link followed, never blocking) and sorts what can go wrong.</summary>
    public static HeaderCheck Of(FileSpool spool, Abstractions.Files.FileKey key)
    {
        try
        {
            using var file = spool.OpenRead(key);
            return NfcapdHeader.FindProblem(file) is { } problem ? new(HeaderCheckResult.Invalid, problem) : new(HeaderCheckResult.Sendable);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(HeaderCheckResult.Missing, "the file disappeared from the spool: someone else removed it");
        }
        catch (Exception ex) when (UnixErrors.IsLink(ex))
        {
            return new(HeaderCheckResult.Invalid, "a symbolic link, not a flow file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(UnixErrors.IsHostTrouble(ex) ? HeaderCheckResult.HostTrouble : HeaderCheckResult.Unreadable, $"cannot read the file: {ex.Message}");
        }
    }
}
