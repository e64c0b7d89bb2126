using CollectorLb.Silo.Configuration;

namespace CollectorLb.Silo.Hosting;

public static class SiloConfigurationExtensions
{
    /// <summary>Built-in defaults, below every source: per-file lines from our code, only problems from the frameworks.</summary>
    private static readonly Dictionary<string, string?> EmbeddedDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "None",

        // One line per entry with an ISO-8601 UTC timestamp; Logging:Console:FormatterName=json for log collectors.
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
    };

    /// <summary>Adds the embedded defaults and the old load balancer's variables below every other source.</summary>
    public static IConfigurationBuilder AddCollectorLbDefaults(this IConfigurationBuilder configuration, Func<string, string?>? getVariable = null)
    {
        configuration.AddCollectorLbLegacyEnvironment(getVariable);
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = EmbeddedDefaults });
        return configuration;
    }

    /// <summary>Adds the old load balancer's variables below every other source, so our settings win.</summary>
    private static void AddCollectorLbLegacyEnvironment(this IConfigurationBuilder configuration, Func<string, string?>? getVariable)
    {
        var settings = LegacyEnvironment.Read(getVariable ?? Environment.GetEnvironmentVariable);
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings });
    }
}
