using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace CollectorLb.Abstractions.Settings;

/// <summary>
/// The console log settings every CollectorLb process starts from, below every other configuration source: our own
/// lines at Information, the frameworks' problems only, one line per entry with an ISO-8601 UTC timestamp
/// (<c>Logging:Console:FormatterName=json</c> for log collectors).
/// </summary>
public static class ConsoleLogDefaults
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
    };

    /// <summary>Puts the defaults, with the process's own (<paramref name="more"/>, which win), below every source.</summary>
    public static IConfigurationBuilder AddCollectorLbConsoleLogDefaults(this IConfigurationBuilder configuration, IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings });
        return configuration;
    }
}
