namespace CollectorLb.Abstractions.Files;

/// <summary>
/// The identity of one claimed flow file: <c>&lt;host&gt;/&lt;claim&gt;/&lt;file name&gt;</c>.
/// The claim id makes a second file with the same name (nfcapd restarted within one
/// interval, the autumn clock change) a different grain from the first.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.file-key")]
public sealed record FileKey(
    [property: Id(0)] string HostId,
    [property: Id(1)] string ClaimId,
    [property: Id(2)] string FileName)
{
    private const char Separator = '/';

    public override string ToString() => $"{HostId}{Separator}{ClaimId}{Separator}{FileName}";

    /// <summary>Parses a grain key; file names may contain anything but '/', so split from the left.</summary>
    public static FileKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var first = key.IndexOf(Separator);
        var second = first < 0 ? -1 : key.IndexOf(Separator, first + 1);
        if (first <= 0 || second <= first + 1 || second == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a file key of the form <host>/<claim>/<file name>.");
        }

        return new FileKey(key[..first], key[(first + 1)..second], key[(second + 1)..]);
    }
}
