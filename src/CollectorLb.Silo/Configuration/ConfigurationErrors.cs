namespace CollectorLb.Silo.Configuration;

/// <summary>Finds the configuration problems in whatever a failed start threw (they arrive wrapped and aggregated).</summary>
public static class ConfigurationErrors
{
    /// <summary>Each invalid setting, one line each; empty when the failure was not about configuration.</summary>
    public static IReadOnlyList<string> Describe(Exception exception)
    {
        var errors = new List<string>();
        Collect(exception, errors);
        return errors.Distinct().ToList();
    }

    private static void Collect(Exception exception, List<string> errors)
    {
        switch (exception)
        {
            case InvalidSettingException invalid:
                errors.AddRange(invalid.Errors);
                return;
            case OptionsValidationException validation:
                errors.AddRange(validation.Failures);
                return;
            case InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                errors.Add($"{conversion.Message} See the configuration table in README.md for the accepted values.");
                return;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, errors);
                }

                return;
        }

        if (exception.InnerException is not null)
        {
            Collect(exception.InnerException, errors);
        }
    }
}
