using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollectorLb.Abstractions.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>Binds a section and fails the start with every invalid setting listed.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class, ISettingsSection
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(TOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, SettingsValidator<TOptions>>());
        return services;
    }
}
