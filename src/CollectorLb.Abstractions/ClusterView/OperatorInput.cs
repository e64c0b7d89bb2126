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

    public const int MaxReasonFilterLength = 200;

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

    /// <summary>A key's parts are checked by <see cref="FileKey.Parse"/>, as every grain's key is.</summary>
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

        try
        {
            FileKey.Parse(key);
            return null;
        }
        catch (FormatException ex)
        {
            return Escaped(ex.Message); // the parser says which part is wrong
        }
    }

    private static string? FileNameProblem(string? name) =>
        string.IsNullOrEmpty(name) ? "no file name given."
        : name.Contains('/') ? $"{Show(name)} is neither a file key (host/claim/name) nor a file name (a name has no '/')."
        : FileKey.FindFileNameProblem(name) is { } problem ? $"the file name {Show(name)} {problem}."
        : null;

    private static string? HostIdProblem(string? hostId) =>
        string.IsNullOrEmpty(hostId) ? "no host id given."
        : FileKey.FindHostIdProblem(hostId) is { } problem ? $"the host id {Show(hostId)} {problem}."
        : null;
}
