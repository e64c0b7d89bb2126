namespace CollectorLb.Silo.Configuration;

/// <summary>
/// The old load balancer's environment variables, mapped onto our settings. They rank below everything else,
/// so a <c>CollectorLb__*</c> variable or a settings file wins. A value that is not even of the right kind
/// stops the start here with the variable's own name, since the options binder would only name our key.
/// </summary>
public static class LegacyEnvironment
{
    private static readonly IReadOnlyList<LegacyVariable> Variables =
    [
        new("NFCAPD_PORT", "CollectorLb:Nfcapd:Port", LegacyKind.Port),
        new("NFCAPD_INTERVAL_SECONDS", "CollectorLb:Nfcapd:IntervalSeconds", LegacyKind.Seconds),
        new("REGISTRY_IP", "CollectorLb:Registry:Host", LegacyKind.Text),
        new("REGISTRY_PORT", "CollectorLb:Registry:Port", LegacyKind.Port),
        new("BENCHMARK_MODE", "CollectorLb:Benchmark:Enabled", LegacyKind.Boolean),
    ];

    /// <summary>Reads the old variables; throws <see cref="InvalidSettingException"/> naming each malformed one.</summary>
    public static IReadOnlyDictionary<string, string?> Read(Func<string, string?> getVariable)
    {
        var settings = new Dictionary<string, string?>();
        var errors = new List<string>();
        foreach (var variable in Variables)
        {
            var raw = getVariable(variable.Name);
            if (raw is null)
            {
                continue;
            }

            if (variable.TryNormalize(raw.Trim(), out var value))
            {
                settings[variable.Key] = value;
            }
            else
            {
                errors.Add($"{variable.Name} (= {variable.Key}) {variable.Expectation}; got '{raw}'.");
            }
        }

        return errors.Count == 0 ? settings : throw new InvalidSettingException(errors);
    }

    private enum LegacyKind
    {
        Text,
        Port,
        Seconds,
        Boolean,
    }

    private sealed record LegacyVariable(string Name, string Key, LegacyKind Kind)
    {
        public string Expectation => Kind switch
        {
            LegacyKind.Port => "must be a whole number between 1 and 65535",
            LegacyKind.Seconds => "must be a whole number of seconds between 2 and 86400",
            LegacyKind.Boolean => "must be true or false",
            _ => "must not be empty",
        };

        public bool TryNormalize(string raw, out string value)
        {
            value = raw;
            switch (Kind)
            {
                case LegacyKind.Port:
                    return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
                case LegacyKind.Seconds:
                    return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 2 and <= 86400;
                case LegacyKind.Boolean:
                    if (raw.Equals("true", StringComparison.OrdinalIgnoreCase) || raw == "1")
                    {
                        value = "true";
                        return true;
                    }

                    if (raw.Equals("false", StringComparison.OrdinalIgnoreCase) || raw == "0")
                    {
                        value = "false";
                        return true;
                    }

                    return false;
                default:
                    return raw.Length > 0;
            }
        }
    }
}
