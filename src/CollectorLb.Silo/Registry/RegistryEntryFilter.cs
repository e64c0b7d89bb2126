using CollectorLb.Grains.Registry;

namespace CollectorLb.Silo.Registry;

/// <summary>
/// Turns what a registry listed into the connectors the pool may use. A name listed twice keeps its last URL (JSON
/// lets an object repeat a key); a bad name (<see cref="ConnectorName"/>), a URL that is not http(s) with a host, and a
/// URL at one of this silo's own ports are dropped; the rest is used. Each distinct oddity is logged once, not at every
/// refresh, and the memory of what was logged is bounded.
/// </summary>
internal sealed partial class RegistryEntryFilter(OwnPorts ownPorts, ILogger logger)
{
    /// <summary>Distinct oddities remembered; past this, new ones are dropped without a log line (and one line says so).</summary>
    internal const int MaxRemembered = 1024;

    private const int MaxRememberedChars = 512;

    private readonly HashSet<string> _logged = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _saidFull;

    public List<RegistryEntry> Filter(IEnumerable<(string Name, string? Url)> listed)
    {
        // In the order names first appear, each with its last URL and how often it was listed.
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var named = new List<(string Name, string? Url, int Times)>();
        foreach (var (name, url) in listed)
        {
            if (positions.TryGetValue(name, out var position))
            {
                named[position] = (name, url, named[position].Times + 1);
            }
            else
            {
                positions.Add(name, named.Count);
                named.Add((name, url, 1));
            }
        }

        var entries = new List<RegistryEntry>(named.Count);
        foreach (var (name, url, times) in named)
        {
            if (times > 1 && FirstTime("duplicate", name, url))
            {
                LogDuplicateName(logger, ConnectorName.Printable(name), times, Printable(url));
            }

            if (Accept(name, url) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private RegistryEntry? Accept(string name, string? url)
    {
        if (!ConnectorName.IsValid(name))
        {
            if (FirstTime("name", name, url))
            {
                LogBadName(logger, ConnectorName.Printable(name), ConnectorName.MaxLength);
            }

            return null;
        }

        if (!ConnectorUrl.TryNormalize(url, out var baseUrl))
        {
            if (FirstTime("url", name, url))
            {
                LogNotHttp(logger, name, Printable(url));
            }

            return null;
        }

        if (ownPorts.Find(new Uri(baseUrl)) is { } port)
        {
            if (FirstTime("own port", name, url))
            {
                LogOwnPort(logger, name, baseUrl, port);
            }

            return null;
        }

        return new RegistryEntry(name, baseUrl);
    }

    /// <summary>True the first time this oddity of this entry is seen.</summary>
    private bool FirstTime(string oddity, string name, string? url)
    {
        var key = $"{oddity}\n{name}\n{url}";
        if (key.Length > MaxRememberedChars)
        {
            key = key[..MaxRememberedChars];
        }

        lock (_gate)
        {
            if (_logged.Contains(key))
            {
                return false;
            }

            if (_logged.Count >= MaxRemembered)
            {
                if (!_saidFull)
                {
                    _saidFull = true;
                    LogTooManyOddities(logger, MaxRemembered);
                }

                return false;
            }

            _logged.Add(key);
            return true;
        }
    }

    private static string Printable(string? url) => url is null ? "(not a string)" : ConnectorName.Printable(url);

    [LoggerMessage(LogLevel.Warning, "registry lists connector {Name} {Times} times: its last URL '{Url}' is used")] private static partial void LogDuplicateName(ILogger logger, string name, int times, string url);
    [LoggerMessage(LogLevel.Warning, "registry entry '{Name}' rejected: a connector's name is not blank, at most {MaxLength} characters, without control characters")] private static partial void LogBadName(ILogger logger, string name, int maxLength);
    [LoggerMessage(LogLevel.Warning, "registry entry {Name} rejected: '{Url}' is not an http(s) URL with a host")] private static partial void LogNotHttp(ILogger logger, string name, string url);
    [LoggerMessage(LogLevel.Warning, "registry entry {Name} rejected: '{Url}' is this silo's own {Port} port, not a connector")] private static partial void LogOwnPort(ILogger logger, string name, string url, string port);
    [LoggerMessage(LogLevel.Warning, "registry lists more than {Count} distinct bad entries; further ones are rejected without a log line")] private static partial void LogTooManyOddities(ILogger logger, int count);
}
