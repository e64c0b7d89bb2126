using System.Text;

namespace CollectorLb.Abstractions.Files;

/// <summary>
/// The identity of one claimed flow file: <c>&lt;host&gt;/&lt;claim&gt;/&lt;file name&gt;</c>.
/// The claim id makes a second file with the same name (nfcapd restarted within one
/// interval, the autumn clock change) a different grain from the first.
/// </summary>
/// <remarks>
/// Keys arrive from any Orleans client that reaches a gateway, and the claim and the file name become path
/// components on the host's disk, so every part is checked here: none is empty, <c>.</c> or <c>..</c>, or holds
/// <c>/</c> or <c>\0</c>; the host and the claim (ours, never an outsider's name) hold no control character; the
/// file name fits a directory entry (255 bytes of UTF-8) and may hold any other character Linux allows, newlines
/// included, since nfcapd's directory is not ours to police.
/// </remarks>
[GenerateSerializer, Immutable, Alias("collectorlb.file-key")]
public sealed record FileKey
{
    private const char Separator = '/';

    /// <summary>Linux's NAME_MAX: the longest directory entry, in bytes of UTF-8.</summary>
    public const int MaxPartBytes = 255;

    /// <summary>The longest host id, in characters; <c>CollectorLb:HostId</c> is held to the same rule.</summary>
    public const int MaxHostIdLength = 200;

    public FileKey(string hostId, string claimId, string fileName)
    {
        HostId = Checked(hostId, nameof(hostId), FindHostIdProblem);
        ClaimId = Checked(claimId, nameof(claimId), FindClaimIdProblem);
        FileName = Checked(fileName, nameof(fileName), FindFileNameProblem);
    }

    [Id(0)]
    public string HostId { get; }

    [Id(1)]
    public string ClaimId { get; }

    [Id(2)]
    public string FileName { get; }

    public override string ToString() => $"{HostId}{Separator}{ClaimId}{Separator}{FileName}";

    /// <summary>Parses a grain key; file names may contain anything but '/' and '\0', so split from the left.</summary>
    /// <exception cref="FormatException">The key is not <c>&lt;host&gt;/&lt;claim&gt;/&lt;file name&gt;</c> with valid parts.</exception>
    public static FileKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var first = key.IndexOf(Separator);
        var second = first < 0 ? -1 : key.IndexOf(Separator, first + 1);
        if (first < 0 || second < 0)
        {
            throw new FormatException($"'{Printable(key)}' is not a file key of the form <host>/<claim>/<file name>.");
        }

        var (hostId, claimId, fileName) = (key[..first], key[(first + 1)..second], key[(second + 1)..]);
        var problem = FindHostIdProblem(hostId) is { } hostProblem ? $"its host {hostProblem}"
            : FindClaimIdProblem(claimId) is { } claimProblem ? $"its claim {claimProblem}"
            : FindFileNameProblem(fileName) is { } nameProblem ? $"its file name {nameProblem}"
            : null;
        return problem is null
            ? new FileKey(hostId, claimId, fileName)
            : throw new FormatException($"'{Printable(key)}' is not a valid file key: {problem}.");
    }

    /// <summary>Null when <paramref name="value"/> can be a host id; otherwise what is wrong with it.</summary>
    public static string? FindHostIdProblem(string value) =>
        value.Length > MaxHostIdLength ? $"is longer than {MaxHostIdLength} characters" : FindClaimIdProblem(value);

    /// <summary>Null when <paramref name="value"/> can be a claim id (a folder name of ours); otherwise what is wrong with it.</summary>
    public static string? FindClaimIdProblem(string value) =>
        FindPartProblem(value) ?? (value.Any(char.IsControl) ? "holds a control character" : null);

    /// <summary>Null when <paramref name="value"/> can be a claimed file's name; otherwise what is wrong with it.</summary>
    public static string? FindFileNameProblem(string value) => FindPartProblem(value);

    private static string? FindPartProblem(string value)
    {
        if (value.Length == 0)
        {
            return "is empty";
        }

        if (value is "." or "..")
        {
            return $"is '{value}', a path step, not a name";
        }

        if (value.Contains(Separator))
        {
            return "holds '/' (a name has no '/')";
        }

        if (value.Contains('\0'))
        {
            return "holds a NUL character";
        }

        // A lone surrogate would be written to disk as U+FFFD: another name than the one given.
        if (!IsWellFormedUtf16(value))
        {
            return "holds an unpaired surrogate";
        }

        return Encoding.UTF8.GetByteCount(value) > MaxPartBytes ? $"is longer than {MaxPartBytes} bytes" : null;
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Checked(string value, string parameter, Func<string, string?> findProblem)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return findProblem(value) is { } problem ? throw new ArgumentException($"'{Printable(value)}' {problem}.", parameter) : value;
    }

    /// <summary>What a message may quote of an outsider's string: bounded, control characters escaped.</summary>
    private static string Printable(string value)
    {
        var shown = value.Length > 300 ? value[..300] + "..." : value;
        return shown.Any(char.IsControl)
            ? string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : shown;
    }
}
