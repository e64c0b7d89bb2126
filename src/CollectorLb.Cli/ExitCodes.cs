namespace CollectorLb.Cli;

/// <summary>What <c>collectorlb</c> exits with, for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done; every host answered.</summary>
    public const int Ok = 0;

    /// <summary>The cluster answered no: the file was not requeued (not found, not quarantined, ambiguous, bytes missing); with <c>--all</c>, some files were not.</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong, or names a key, host, filter or cursor the cluster refuses.</summary>
    public const int Usage = 2;

    /// <summary>The cluster (or the host of the file) could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>Shown (or requeued), but some hosts did not answer: the listing is incomplete, their files were not requeued.</summary>
    public const int Partial = 4;
}
