using Microsoft.Extensions.Logging.Console;

namespace CollectorLb.DevServices.Cli;

/// <summary>Console logging of the CLI: our request lines at Information, framework chatter only from Warning up.</summary>
internal static class CliLogging
{
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(LogLevel.Information);
        builder.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddFilter("System", LogLevel.Warning);

        // The host logs a failed start with a stack trace; Program reports it in one line instead.
        builder.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.AddConsole(options => options.FormatterName = ConciseConsoleFormatter.FormatterName);
        builder.AddConsoleFormatter<ConciseConsoleFormatter, ConsoleFormatterOptions>();
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning);
    });
}
