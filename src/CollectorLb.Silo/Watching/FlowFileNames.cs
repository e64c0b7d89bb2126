namespace CollectorLb.Silo.Watching;

/// <summary>Which names in the flow directory can be flow files at all (before looking at the entry itself).</summary>
internal static class FlowFileNames
{
    /// <summary>
    /// False for nfcapd's open interval (<c>nfcapd.current.&lt;pid or random&gt;</c>), its statistics files
    /// (<c>*.nfstat</c>) and hidden entries (our own <c>.inflight</c> spool among them).
    /// </summary>
    public static bool IsCandidate(string fileName) =>
        fileName.Length > 0
        && !fileName.StartsWith('.')
        && !fileName.StartsWith("nfcapd.current.", StringComparison.Ordinal)
        && !fileName.EndsWith(".nfstat", StringComparison.Ordinal);
}
