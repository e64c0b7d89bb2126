using CollectorLb.Abstractions.Files;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// Builds a path from names that came from outside (a grain key, a directory listing) under a folder of ours,
/// and refuses any that would lead elsewhere: each name must be one path component, and the result must resolve
/// under the folder. For the spool and the quarantine folder alike.
/// </summary>
internal static class SafePath
{
    /// <summary><paramref name="root"/> joined with <paramref name="names"/>, each a single component.</summary>
    /// <exception cref="ArgumentException">A name is empty, <c>.</c>, <c>..</c>, holds <c>/</c> or <c>\0</c>, or the result is not under <paramref name="root"/>.</exception>
    public static string Under(string root, params ReadOnlySpan<string> names)
    {
        var path = root;
        foreach (var name in names)
        {
            if (FileKey.FindFileNameProblem(name) is { } problem)
            {
                throw new ArgumentException($"'{name.ReplaceLineEndings(" ")}' cannot name an entry under '{root}': it {problem}.", nameof(names));
            }

            path = Path.Join(path, name);
        }

        var rootPrefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(path);
        return full.StartsWith(rootPrefix, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{path}' does not resolve under '{root}'.", nameof(names));
    }
}
