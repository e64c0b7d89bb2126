using System.Text;
using CollectorLb.Abstractions.Files;

namespace CollectorLb.Abstractions.ClusterView;

/// <summary>
/// What an operator may send (a file key or name to requeue, a host id, a reason filter, a cursor), checked where it
/// enters the cluster: each check answers null when the input is acceptable, else a sentence saying why it is refused.
/// Real flow file names never start with '.', never hold '/' or NUL, and are at most 255 bytes, so anything else is
/// forged or mistyped and is refused before any grain or file is touched.
/// </summary>
public static class OperatorInput
{
    /// <summary>Of a whole key <c>host/claim/name</c>: a host id (200), a claim id and a file name (255) fit well within.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Linux's NAME_MAX is 255 bytes, so a file name never has more characters.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>As <c>CollectorLb:HostId</c> is bounded.</summary>
    public const int MaxHostIdLength = 200;

    public const int MaxReasonFilterLength = 200;

    /// <summary>A cursor holds one position: a file name, a host id and a claim id, encoded.</summary>
    public const int MaxCursorLength = 4096;

    /// <summary>A bulk requeue's continuation holds one position per host still being walked.</summary>
    public const int MaxContinuationLength = 65536;

    private const int ShownCharacters = 80;

    /// <summary>A file key (<c>host/claim/name</c>, recognised by its two '/') or a bare file name.</summary>
    public static string? CheckKeyOrName(string? file) =>
        string.IsNullOrWhiteSpace(file) ? "No file given: name a quarantined file by its key (host/claim/name) or its file name."
        : file.Count(c => c == '/') >= 2 ? CheckKey(file)
        : CheckFileName(file);

    public static string? CheckKey(string? key) => Refusal(KeyProblem(key));

    public static string? CheckFileName(string? name) => Refusal(FileNameProblem(name));

    /// <summary>A host id as <c>CollectorLb:HostId</c> allows it (what <c>--host</c> and <c>?host=</c> name).</summary>
    public static string? CheckHostId(string? hostId) => Refusal(HostIdProblem(hostId));

    /// <summary>A reason filter: any text, bounded (it is matched as a substring, never interpreted).</summary>
    public static string? CheckReasonFilter(string? reason) => Refusal(
        reason is { Length: > MaxReasonFilterLength } ? $"a reason filter has at most {MaxReasonFilterLength} characters; got {reason.Length}."
        : reason is not null && reason.Contains('\0') ? "the reason filter holds a NUL character."
        : null);

    /// <summary><paramref name="text"/> quoted for a message: control characters escaped, long text cut.</summary>
    public static string Show(string text) =>
        text.Length > ShownCharacters ? $"'{Escaped(text[..ShownCharacters])}'... ({text.Length} characters)" : $"'{Escaped(text)}'";

    private static string Escaped(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return escaped.ToString();
    }

    private static string? Refusal(string? problem) => problem is null ? null : "Refused: " + problem;

    private static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "no file key given.";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"the key is {key.Length} characters long; a file key has at most {MaxKeyLength}.";
        }

        FileKey parsed;
        try
        {
            parsed = FileKey.Parse(key);
        }
        catch (FormatException ex)
        {
            return Escaped(ex.Message); // the parser says which part is wrong
        }

        return (HostIdProblem(parsed.HostId) ?? PartProblem(parsed.ClaimId, "claim id") ?? FileNameProblem(parsed.FileName)) is { } problem
            ? $"in key {Show(key)}, {problem}"
            : null;
    }

    private static string? FileNameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "no file name given.";
        }

        if (name.Length > MaxFileNameLength || Encoding.UTF8.GetByteCount(name) > MaxFileNameLength)
        {
            return $"a file name has at most {MaxFileNameLength} bytes; got {name.Length} characters.";
        }

        return name.Contains('/')
            ? $"{Show(name)} is neither a file key (host/claim/name) nor a file name (a name has no '/')."
            : PartProblem(name, "file name");
    }

    private static string? HostIdProblem(string? hostId)
    {
        if (string.IsNullOrEmpty(hostId))
        {
            return "no host id given.";
        }

        if (hostId.Length > MaxHostIdLength)
        {
            return $"a host id has at most {MaxHostIdLength} characters; got {hostId.Length}.";
        }

        return hostId.Contains('/') ? $"the host id {Show(hostId)} holds a '/'." : PartProblem(hostId, "host id");
    }

    /// <summary>One part of a key: not a '.' or '..' path step, no NUL.</summary>
    private static string? PartProblem(string part, string what) => part switch
    {
        "" => $"the {what} is empty.",
        "." or ".." => $"the {what} is {Show(part)}, a path step, not a name.",
        _ when part.Contains('\0') => $"the {what} {Show(part)} holds a NUL character.",
        _ => null,
    };
}
