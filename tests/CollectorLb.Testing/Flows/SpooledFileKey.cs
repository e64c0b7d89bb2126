using CollectorLb.Abstractions.Files;

namespace CollectorLb.Testing.Flows;

/// <summary>The grain key of a file claimed into the spool, read from its path: the claim is the folder it sits in.</summary>
public static class SpooledFileKey
{
    public static FileKey Of(string hostId, string spooledPath) =>
        new(hostId, Path.GetFileName(Path.GetDirectoryName(spooledPath))!, Path.GetFileName(spooledPath));
}
