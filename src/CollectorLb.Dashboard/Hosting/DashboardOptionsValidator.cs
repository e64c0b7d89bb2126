using Microsoft.Extensions.Options;

namespace CollectorLb.Dashboard.Hosting;

/// <summary>Lists every invalid dashboard setting at start.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private const int MinimumTokenLength = 12;

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        if (options.HttpPort is < 1 or > 65535)
        {
            errors.Add($"{DashboardOptions.SectionName}:HttpPort must be between 1 and 65535; got {options.HttpPort}");
        }

        if (!string.IsNullOrEmpty(options.OperatorToken) && options.OperatorToken.Length < MinimumTokenLength)
        {
            errors.Add($"{DashboardOptions.SectionName}:OperatorToken must be at least {MinimumTokenLength} characters long");
        }

        if (options.RefreshSeconds is < 0.2 or > 3600)
        {
            errors.Add($"{DashboardOptions.SectionName}:RefreshSeconds must be between 0.2 and 3600; got {options.RefreshSeconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
