using CollectorLb.Abstractions.Settings;
using CollectorLb.Silo.Configuration;

namespace CollectorLb.Silo.Hosting;

public static class SiloConfigurationExtensions
{
    /// <summary>The silo's own defaults beside the shared console ones: only problems from HTTP clients and Polly.</summary>
    private static readonly Dictionary<string, string?> EmbeddedDefaults = new()
    {
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
        ["Logging:LogLevel:Polly"] = "None",
    };

    /// <summary>Adds the embedded defaults and the old load balancer's variables below every other source.</summary>
    public static IConfigurationBuilder AddCollectorLbDefaults(this IConfigurationBuilder configuration, Func<string, string?>? getVariable = null)
    {
        configuration.AddCollectorLbLegacyEnvironment(getVariable);
        configuration.AddCollectorLbConsoleLogDefaults(EmbeddedDefaults);
        return configuration;
    }

    /// <summary>Adds the old load balancer's variables below every other source, so our settings win.</summary>
    private static void AddCollectorLbLegacyEnvironment(this IConfigurationBuilder configuration, Func<string, string?>? getVariable)
    {
        var settings = LegacyEnvironment.Read(getVariable ?? Environment.GetEnvironmentVariable);
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings });
    }
}
