using System.Net;
using CollectorLb.Grains.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CollectorLb.Silo.Configuration;

internal sealed class SiloClusterOptionsValidator : IValidateOptions<SiloClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloClusterOptions options)
    {
        var errors = new SettingErrors(SiloClusterOptions.SectionName);
        if (!ClusterModes.All.Contains(options.Mode, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(nameof(options.Mode), $"must be one of {string.Join(", ", ClusterModes.All)}; got '{options.Mode}'.");
        }

        if (options.IsRedis && !IsRedisConfiguration(options.RedisConnectionString))
        {
            errors.Add(nameof(options.RedisConnectionString), $"must be a Redis configuration string such as 'redis:6379'; got '{options.RedisConnectionString}'.");
        }

        if (options.Kubernetes && !options.IsRedis)
        {
            // Kubernetes hosting only reflects pods into membership; the membership table itself must be shared.
            errors.Add(nameof(options.Kubernetes), $"needs {SiloClusterOptions.SectionName}:Mode={ClusterModes.Redis}; got Mode '{options.Mode}'.");
        }

        CheckId(errors, nameof(options.ServiceId), options.ServiceId);
        CheckId(errors, nameof(options.ClusterId), options.ClusterId);
        if (!string.IsNullOrEmpty(options.AdvertisedAddress) && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            errors.Add(nameof(options.AdvertisedAddress), $"must be an IP address; got '{options.AdvertisedAddress}'.");
        }

        return errors.ToResult();
    }

    private static void CheckId(SettingErrors errors, string setting, string value)
    {
        // Kubernetes hosting writes both ids into pod labels, so they must be valid label values.
        if (string.IsNullOrWhiteSpace(value) || value.Length > 63 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(setting, $"must be 1-63 letters, digits, '-', '_' or '.'; got '{value}'.");
        }
    }

    private static bool IsRedisConfiguration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            return ConfigurationOptions.Parse(value).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
